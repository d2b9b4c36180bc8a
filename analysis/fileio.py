"""Small file helpers: atomic writes, output-folder checks, checksums and a safe reader of user YAML."""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.errors import BadInput, RunFailure, quote

#: First characters that make a spreadsheet read a text cell as a formula (OWASP, "CSV
#: injection"): ``=``, ``+``, ``-``, ``@``, tab and carriage return.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Largest YAML file :func:`load_yaml` reads (a batch config is a few hundred bytes).
MAX_YAML_BYTES = 1_000_000
#: Digits a YAML integer may have (a year or a worker count needs four).
MAX_YAML_DIGITS = 30


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


def check_file(path: Path, missing: str, hint: str = "", what: str = "") -> Path:
    """Return ``path`` if it is a file; else raise BadInput saying it is missing or a folder.

    Parameters
    ----------
    path : Path
        The file a user named (a config, an event file, a raw file).
    missing : str
        The message's start when nothing is there, e.g. ``"event file not found"``.
    hint : str
        What would be right, appended after ``; ``.
    what : str
        What the file is, named before a folder's path: ``"batch config"``.

    Examples
    --------
    >>> import tempfile
    >>> check_file(Path(tempfile.gettempdir()), "event file not found", "give a .CSV file")
    Traceback (most recent call last):
    ...
    analysis.errors.BadInput: ... is a folder, not a file; give a .CSV file
    """
    path = Path(path)
    tail = f"; {hint}" if hint else ""
    if path.is_dir():
        raise BadInput(f"{what + ' ' if what else ''}{path} is a folder, not a file{tail}")
    if not path.is_file():
        raise BadInput(f"{missing}: {path}{tail}")
    return path


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with text cells that a spreadsheet would run as a formula made inert.

    For every CSV meant to be opened in a spreadsheet (``bilateral indicators --format csv``,
    ``bilateral dyads --out FILE.csv``, ``bilateral events``): a text cell beginning with one
    of :data:`FORMULA_TRIGGERS` (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a
    single quote ``'`` in front, as OWASP recommends against CSV injection, so
    ``=HYPERLINK(...)`` in a source name shows as text instead of a link. Numbers (numeric
    columns, and numbers in mixed columns) are left untouched, so ``-5.0`` stays a number.

    Parameters
    ----------
    frame : DataFrame
        The table about to be written.

    Returns
    -------
    DataFrame
        ``frame`` itself when no cell needs it, else a copy with those cells prefixed.

    Examples
    --------
    >>> df = pd.DataFrame({"source": ['=HYPERLINK("http://x")', "imf_dots"], "value": [-5.0, 1]})
    >>> print(neutralise_formulas(df).to_csv(index=False), end="")
    source,value
    "'=HYPERLINK(""http://x"")",-5.0
    imf_dots,1.0
    """
    out = frame
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_TRIGGERS))
        risky = risky.fillna(False).astype(bool)
        if risky.any():
            if out is frame:
                out = frame.copy()
            out[col] = values.where(~risky, "'" + values[risky].astype(str))
    return out


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: Kinds of raw text tables whose header :func:`table_columns` reads.
TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
TABLE_DELIMITERS = (",", ";", "\t")


def table_columns(path: Path, name: str | None = None) -> list[str] | None:
    """Return the column names in the header of a text table (``.csv``, ``.tsv``, ``.tab``,
    each also gzip-compressed), None for another kind of file or one whose first line is not a
    header of several columns (a title line, unreadable bytes).

    The delimiter is the one of ``,``, ``;`` and tab that splits the first line into the most
    fields. ``name`` gives the kind when ``path`` is a download with another name. Reads the
    first line only (up to 1 MiB).
    """
    import csv

    name = name or Path(path).name
    packed = name.endswith(".gz")
    if Path(name.removesuffix(".gz")).suffix.lower() not in TABLE_SUFFIXES:
        return None
    try:
        with (gzip.open if packed else open)(path, "rb") as f:
            line = f.readline(1 << 20)
        text = line.decode("utf-8-sig").rstrip("\r\n")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError):
        return None
    header = max((next(csv.reader([text], delimiter=d), []) for d in TABLE_DELIMITERS), key=len)
    return header if len(header) > 1 else None


def sha256_gunzipped(path: Path) -> str:
    """Return the hex sha256 of a gzip file's uncompressed content (read as a stream)."""
    h = hashlib.sha256()
    with gzip.open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Refused(Exception):
    """A YAML construct :func:`load_yaml` refuses, with the line it is on."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """Safe loader (libyaml when available) that refuses repeated keys and oversized numbers."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base constructor says so
                continue
            if first is not None:
                raise _Refused(line, f"key {quote(key)} appears twice (first on line {first})")
            seen[key] = line
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node):
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_YAML_DIGITS:
            raise _Refused(
                node.start_mark.line + 1,
                f"a number of {digits:,} digits; numbers here have at most {MAX_YAML_DIGITS}",
            )
        return super().construct_yaml_int(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)


def _refuse_aliases(text: str, what: str) -> None:
    """Raise :class:`_Refused` at the first anchor (``&name``) or alias (``*name``).

    Scanned as parser events, before anything is built: an alias is never expanded, so a
    "billion laughs" file costs no more than its own few hundred bytes.
    """
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                event.start_mark.line + 1,
                f"aliases are not allowed in a {what} (found an anchor or alias "
                f"{quote(event.anchor)}); write each value out in full",
            )


def load_yaml(
    path: Path, what: str = "config", hint: str = "", max_bytes: int = MAX_YAML_BYTES
) -> Any:
    """Read a YAML file written by a user (a batch config, a catalog), refusing what can hurt.

    The file is parsed with the safe loader (libyaml when available) after these checks, each of
    which raises :class:`~analysis.errors.BadInput` with one line naming the file:

    - it is a file (not missing, not a folder) of at most ``max_bytes`` bytes;
    - it is UTF-8 text (the message names the first bad byte and its offset);
    - it has no anchors or aliases (``&name``, ``*name``): a few hundred bytes of nested aliases
      ("billion laughs") would otherwise expand to gigabytes;
    - no mapping repeats a key (YAML would keep the last one silently), no integer has more
      than :data:`MAX_YAML_DIGITS` digits, nesting stays within Python's recursion limit.

    Parameters
    ----------
    path : Path
        The YAML file.
    what : str
        What the file is, for messages: ``"batch config"``, ``"catalog"``.
    hint : str
        What would be right, appended to messages, e.g. ``"see reports/batch-example.yml"``.
    max_bytes : int
        Largest size accepted.

    Returns
    -------
    Any
        The parsed document (None for an empty file).

    Examples
    --------
    >>> import tempfile
    >>> cfg = Path(tempfile.mkdtemp()) / "batch.yml"
    >>> _ = cfg.write_text("output: weekly\\npairs: [ARM-RUS]\\n")
    >>> load_yaml(cfg, "batch config")
    {'output': 'weekly', 'pairs': ['ARM-RUS']}
    >>> _ = cfg.write_text("base: &b [ARM, RUS]\\npairs: [*b]\\n")
    >>> load_yaml(cfg, "batch config")
    Traceback (most recent call last):
    ...
    analysis.errors.BadInput: ...: line 1: aliases are not allowed in a batch config ...
    """
    path = Path(path)
    tail = f"; {hint}" if hint else ""
    check_file(path, f"{what} not found", f"give a YAML file{f' ({hint})' if hint else ''}", what)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the {what} ({exc.strerror}){tail}") from None
    if size > max_bytes:
        raise BadInput(
            f"{path}: the {what} is {size:,} bytes, more than the {max_bytes:,} allowed; "
            f"give a smaller file{tail}"
        )
    try:
        raw = path.read_bytes()[: max_bytes + 1]  # the file may have grown since stat
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the {what} ({exc.strerror}){tail}") from None
    if len(raw) > max_bytes:
        raise BadInput(f"{path}: the {what} is more than {max_bytes:,} bytes{tail}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path}: the {what} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start:,}); save it with the UTF-8 encoding{tail}"
        ) from None
    try:
        _refuse_aliases(text, what)
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except _Refused as exc:
        raise BadInput(f"{path}: line {exc.line}: {exc.message}{tail}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None)
        reason = f" ({quote(problem).strip(chr(39))})" if problem else ""
        raise BadInput(f"{path}: not valid YAML{where}{reason}{tail}") from None
    except RecursionError:
        raise BadInput(f"{path}: the {what} is nested too deeply{tail}") from None


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
