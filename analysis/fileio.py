"""Small file helpers: atomic writes, output-folder checks and checksums."""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path

from analysis.errors import BadInput, RunFailure


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    The temporary file is flushed to disk, then moved over ``path`` with ``os.replace`` (atomic on
    POSIX and Windows), so readers see the old file or the new one, never half of one. When anything
    fails, the temporary file is removed and a previous ``path`` is left as it was. Parent
    directories are created. A new file gets mode 0644; a replaced file keeps its mode.

    Parameters
    ----------
    path : Path
        The file to write.
    data : str or bytes
        The content; ``str`` is encoded as UTF-8.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "reports" / "arm-rus.html"
    >>> write_atomic(target, "<p>ok</p>").read_text()
    '<p>ok</p>'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _reason(exc: OSError) -> str:
    """Return why a write failed, in words a user can act on."""
    if exc.errno == errno.ENOSPC:
        return "no space left on the device; free some space and run again"
    return (exc.strerror or str(exc)).lower()


def write_output(path: Path, data: str | bytes) -> Path:
    """Write an output file atomically (:func:`write_atomic`); an OS error becomes one line.

    Raises
    ------
    RunFailure
        When the write fails (disk full, permission denied, ...): the message names the file and
        the reason, and says that the previous file, if any, was left in place.
    """
    path = Path(path)
    try:
        return write_atomic(path, data)
    except OSError as exc:
        kept = "its previous version was left in place" if path.is_file() else "nothing written"
        raise RunFailure(f"could not write {path} ({_reason(exc)}); {kept}") from None


def check_output_dir(path: Path, option: str = "--out") -> Path:
    """Create the output folder ``path`` if needed and check that a file can be written in it.

    Called before any work starts, so that a bad folder fails at once instead of after the run.

    Raises
    ------
    BadInput
        The path (or a parent) is a file, the folder cannot be created, or nothing can be written
        in it (read-only, permission denied, a special file system such as ``/proc``).

    Examples
    --------
    >>> import tempfile
    >>> check_output_dir(Path(tempfile.mkdtemp()) / "reports").is_dir()
    True
    """
    path = Path(path).expanduser()
    hint = f"give a folder you can write to ({option} DIR)"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise BadInput(f"output folder {path} is a file, not a folder; {hint}") from None
    except NotADirectoryError:
        blocker = next((p for p in path.parents if p.is_file()), path.parent)
        raise BadInput(
            f"output folder {path} cannot be created: {blocker} is a file; {hint}"
        ) from None
    except OSError as exc:
        raise BadInput(f"output folder {path} cannot be created ({_reason(exc)}); {hint}") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".bilateral-write-check.", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BadInput(f"cannot write in output folder {path} ({_reason(exc)}); {hint}") from None
    return path


def check_output_file(path: Path) -> Path:
    """Check that an output file can replace ``path``: it is not a folder.

    Raises
    ------
    BadInput
        ``path`` is a folder (a rename over it would fail after the work is done).
    """
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"{path} is a folder, but the output goes to a file there; move it away")
    return path


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
