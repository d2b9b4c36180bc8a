"""Small file helpers: atomic writes and checksums."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


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


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
