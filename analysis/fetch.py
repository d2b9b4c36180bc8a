"""``bilateral data fetch`` and ``bilateral data status``: the raw files from their publishers.

The catalog (``data/catalog.yml``) lists every raw file of every source with its size and
sha256, and, from :mod:`analysis.downloads`, the publisher's URL where a publisher serves the
file (``url``; ``compress: gzip`` when the download is the file's uncompressed content, checked
against ``content_sha256``) or why none does (``no_download``). :func:`fetch_raw` brings a raw
directory in line with the catalog:

- a file whose local copy matches its sha256 is left alone, without a request (``--force``
  downloads it again);
- any other file is downloaded with pooch (HTTP, sha256 check, progress bar on a terminal) into a
  staging folder inside the raw directory, compressed there when the raw layout keeps it
  compressed, and moved over the old copy (``os.replace``) only after the check: a damaged,
  truncated or interrupted download never replaces a good file. The staging folder is removed at
  the start and the end of every run, so an interrupted fetch restarts cleanly;
- ``mirror`` (``--mirror URL``) fetches every file from ``URL/<its path in the raw layout>``
  instead (institutional mirrors, air-gapped sites, tests), checked against the same sha256.

What it records (``.bilateral-fetch.json`` in the raw directory: URL, sha256 and time of each
file fetched) is what :func:`data_status` reports as the retrieval date.

Failures: a download whose bytes do not match (damaged, truncated) is :class:`BadInput` naming
the source and file (exit 2) after the other files were tried; a host that cannot be reached
stops the fetch at once with :class:`RunFailure` (exit 1, one line); an HTTP error, or files
that no publisher serves and that are missing here, are :class:`RunFailure` at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

import pooch
import requests

from analysis.build import build_data
from analysis.datastore import DataStore
from analysis.downloads import latest_url
from analysis.errors import BadInput, RunFailure
from analysis.errors import quote as quote_value
from analysis.fileio import sha256_file, sha256_gunzipped, table_columns, write_atomic

try:
    import fcntl
except ImportError:  # not POSIX: no lock on the raw directory
    fcntl = None

#: Files the fetch keeps in the raw directory (names starting with a dot: not raw files).
RECORD_NAME = ".bilateral-fetch.json"
STAGING_NAME = ".bilateral-fetch.tmp"
LOCK_NAME = ".bilateral-fetch.lock"
#: Seconds to wait for a connection or for the next bytes of a download.
TIMEOUT = 60
#: URL schemes a mirror may use (those pooch downloads over HTTP).
MIRROR_SCHEMES = ("http", "https")

_COMMIT = re.compile(r"/([0-9a-f]{40})/")  # a download pinned to a commit (GitHub)


@dataclass(frozen=True)
class RawFile:
    """One raw file as the catalog lists it."""

    source: str
    path: str
    sha256: str
    bytes: int | None = None
    url: str | None = None
    compress: str | None = None
    content_sha256: str | None = None
    no_download: str | None = None
    columns: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Return ``source armstat, file tvyal_armstat_trade/...`` for messages."""
        return f"source {self.source}, file {self.path}"


def catalog_files(catalog: dict, sources: list[str] | tuple[str, ...] | None = None) -> list:
    """Return the raw files of the catalog's sources (all, or those named), in catalog order.

    Raises
    ------
    BadInput
        A source name the catalog does not know: the message lists the known ones.
    """
    known = list(catalog["sources"])
    wanted = list(dict.fromkeys(sources or known))
    unknown = [s for s in wanted if s not in catalog["sources"]]
    if unknown:
        names = ", ".join(quote_value(s, limit=40) for s in unknown[:5])
        raise BadInput(f"unknown source {names}; known sources: {', '.join(known)}")
    out = []
    for sid in wanted:
        for f in catalog["sources"][sid]["raw_files"]:
            rel = PurePosixPath(str(f["path"]))
            if rel.is_absolute() or ".." in rel.parts or not rel.parts or "\\" in str(rel):
                raise BadInput(
                    f"catalog: sources.{sid}.raw_files has the path {quote_value(str(rel), limit=80)}; "
                    "a raw file's path is relative to the raw directory, without '..'"
                )
            out.append(
                RawFile(
                    source=sid,
                    path=str(f["path"]),
                    sha256=str(f["sha256"]),
                    bytes=f.get("bytes"),
                    url=f.get("url"),
                    compress=f.get("compress"),
                    content_sha256=f.get("content_sha256"),
                    no_download=f.get("no_download"),
                    columns=tuple(str(c) for c in f.get("columns") or ()),
                )
            )
    return out


def local_state(raw_dir: Path, f: RawFile, record: dict | None = None) -> str:
    """Return the state of the local copy of ``f``: ``ok``, ``newer``, ``missing`` or
    ``changed``.

    A file kept compressed whose bytes differ but whose uncompressed content matches the
    publisher's (``content_sha256``: compressed again on arrival) is ``ok``. A file that
    ``fetch --latest`` brought (the publisher's newer version, recorded in ``record``, default
    the raw dir's) is ``newer`` while its bytes are those fetched.
    """
    path = Path(raw_dir) / f.path
    if not path.is_file():
        return "missing"
    digest = sha256_file(path)
    if digest == f.sha256:
        return "ok"
    fetched = (read_record(raw_dir) if record is None else record).get(f.path, {})
    if fetched.get("latest") and fetched.get("sha256") == digest:
        return "newer"
    if f.compress == "gzip" and f.content_sha256:
        try:
            if sha256_gunzipped(path) == f.content_sha256:
                return "ok"
        except (OSError, EOFError, gzip.BadGzipFile):
            pass
    return "changed"


def check_mirror(mirror: str) -> str:
    """Return the mirror URL without its trailing slash, or raise :class:`BadInput`."""
    parts = urlsplit(mirror)
    if parts.scheme not in MIRROR_SCHEMES or not parts.netloc:
        raise BadInput(
            f"--mirror must be an http(s) URL such as https://mirror.example.org/bilateral/raw, "
            f"got {quote_value(mirror, limit=80)}"
        )
    return mirror.rstrip("/")


class _Damaged(Exception):
    """A download whose bytes are not the file's (hash mismatch, truncated body)."""


class _Unreachable(Exception):
    """A host that cannot be reached."""


def _download(url: str, known: str | None, staging: Path, name: str, progressbar: bool) -> Path:
    """Download ``url`` into ``staging/name`` with pooch, checked against sha256 ``known``
    (None: any bytes, the publisher's newer version)."""
    downloader = pooch.HTTPDownloader(progressbar=progressbar, timeout=TIMEOUT)
    try:
        return Path(
            pooch.retrieve(
                url,
                known_hash=f"sha256:{known}" if known else None,
                fname=name,
                path=staging,
                downloader=downloader,
            )
        )
    except ValueError as exc:  # pooch: the hash of the downloaded file does not match
        if "hash" not in str(exc).lower():
            raise
        raise _Damaged(
            "its sha256 does not match the catalog's (damaged on the way, or the publisher "
            "changed the file: then the catalog's pin needs updating)"
        ) from None
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
        raise _Damaged("it was cut short (truncated)") from None
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
        raise _Unreachable(_reason(exc)) from None


def _reason(exc: Exception) -> str:
    """Return the system's reason inside a requests error ("[Errno 111] Connection refused")."""
    text = str(exc)
    found = re.search(r"\[Errno -?\d+\] [^'\")\]]+", text)
    if found:
        return found.group(0).strip()
    if "timed out" in text.lower():
        return f"no answer within {TIMEOUT} s"
    return type(exc).__name__


def _same_content(got: Path, local: Path, compress: str | None) -> bool:
    """Return whether a download has the content of the local copy (compressed there or not)."""
    try:
        mine = sha256_gunzipped(local) if compress == "gzip" else sha256_file(local)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return mine == sha256_file(got)


def _gzip_into(src: Path, dst: Path) -> None:
    """Compress ``src`` into ``dst`` (gzip level 9, no name, time 0: the same bytes each time)."""
    with open(src, "rb") as fin, open(dst, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
            shutil.copyfileobj(fin, out, 1 << 20)


@contextlib.contextmanager
def _locked(raw_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the raw directory (one fetch at a time)."""
    if fcntl is None:
        yield
        return
    fd = os.open(raw_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BadInput(
                f"another 'bilateral data fetch' is writing to {raw_dir}; wait for it to end"
            ) from None
        yield
    finally:
        os.close(fd)


def read_record(raw_dir: Path) -> dict:
    """Return what earlier fetches recorded in ``raw_dir`` (path -> url, sha256, retrieved)."""
    try:
        data = json.loads((Path(raw_dir) / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def fetch_raw(
    catalog: dict,
    raw_dir: Path,
    sources: list[str] | tuple[str, ...] | None = None,
    mirror: str | None = None,
    force: bool = False,
    say: Callable[[str], None] | None = None,
    progressbar: bool | None = None,
    latest: bool = False,
) -> dict:
    """Bring the raw files of ``sources`` (default: all) in ``raw_dir`` in line with the catalog
    (or, with ``latest``, with their publishers' current versions).

    Parameters
    ----------
    catalog : dict
        The parsed catalog (its ``sources`` with their ``raw_files``).
    raw_dir : Path
        The raw-data directory to fill (created if missing).
    sources : list of str, optional
        Source ids; default every source of the catalog.
    mirror : str, optional
        Base URL of a mirror of the raw layout: every file comes from ``mirror/<path>``.
    force : bool
        Download even the files whose local copy matches.
    say : callable, optional
        Receives one line per file fetched or left out (default: print to stderr).
    progressbar : bool, optional
        Show pooch's progress bar (default: when stderr is a terminal).
    latest : bool
        Ask each publisher for its current version (:func:`analysis.downloads.latest_url`: a
        GitHub file pinned to a commit comes from the repository's HEAD; the mirror's file as
        it is now) instead of the catalog's pinned one. A version other than the catalog's is
        taken only when its header still has every column the catalog lists for the file
        (``columns``); it is recorded as ``newer`` and the next ``data build`` uses it.

    Returns
    -------
    dict
        Lists of paths: ``fetched``, ``up_to_date``, ``unavailable`` (no publisher download and
        not here), ``failed`` (HTTP errors), ``damaged``, ``columns`` (a newer version that lost
        columns); and ``requests`` (downloads tried).

    Raises
    ------
    BadInput
        An unknown source or a bad mirror URL (before any download); a damaged or truncated
        download, or a newer version without the catalog's columns (after the other files,
        naming the source, the file and the missing columns).
    RunFailure
        A host that cannot be reached (at once), HTTP errors or files no publisher serves (at
        the end). The files already in place are never replaced by a failed download.
    """
    files = catalog_files(catalog, sources)
    base = check_mirror(mirror) if mirror else None
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    bar = sys.stderr.isatty() if progressbar is None else progressbar
    raw_dir = Path(raw_dir)
    try:
        raw_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"cannot create the raw-data directory {raw_dir} ({exc.strerror})") from None
    pooch.get_logger().setLevel("WARNING")
    kinds = ("fetched", "up_to_date", "unavailable", "failed", "damaged", "columns")
    result: dict = {k: [] for k in kinds}
    result["requests"] = 0
    messages: dict[str, str] = {}
    record = read_record(raw_dir)
    staging = raw_dir / STAGING_NAME
    with _locked(raw_dir):
        shutil.rmtree(staging, ignore_errors=True)  # what an interrupted fetch left
        try:
            for i, f in enumerate(files):
                state = local_state(raw_dir, f, record)
                asks = latest and (base is not None or f.url)  # a current version to ask for
                if state in ("ok", "newer") and not (force or asks):
                    result["up_to_date"].append(f.path)
                    continue
                if base is not None:
                    url, known, compress = f"{base}/{quote(f.path)}", f.sha256, None
                elif f.url:
                    compress = f.compress
                    url, known = f.url, (f.content_sha256 if compress else f.sha256)
                    if latest:
                        url = latest_url(url)
                else:
                    result["unavailable"].append(f.path)
                    messages.setdefault("unavailable", f"{f.label}: {f.no_download}")
                    say(f"not fetched ({state}): {f.path}: {f.no_download or 'no download URL'}")
                    continue
                result["requests"] += 1
                name = f"{i:04d}-{Path(f.path).name.removesuffix('.gz') if compress else Path(f.path).name}"
                try:
                    got = _download(url, None if latest else known, staging, name, bar)
                except _Damaged as exc:
                    result["damaged"].append(f.path)
                    kept = "the previous copy was kept" if state != "missing" else "nothing written"
                    messages.setdefault("damaged", f"{f.label} from {url}: {exc}; {kept}")
                    say(f"damaged: {f.path} ({exc}); {kept}")
                    continue
                except _Unreachable as exc:
                    host = urlsplit(url).netloc
                    done = len(result["fetched"])
                    kept = (
                        "nothing was replaced"
                        if not done
                        else f"{done} file(s) fetched before were kept, nothing else replaced"
                    )
                    raise RunFailure(
                        f"cannot reach {host} to fetch {f.path} ({exc}); {kept}"
                    ) from None
                except requests.exceptions.HTTPError as exc:
                    code = exc.response.status_code if exc.response is not None else "error"
                    result["failed"].append(f.path)
                    messages.setdefault("failed", f"{f.label}: HTTP {code} from {url}")
                    say(f"failed: {f.path}: HTTP {code} from {url}")
                    continue
                newer = False
                if latest and sha256_file(got) != known:
                    if state == "newer" and _same_content(got, raw_dir / f.path, compress):
                        result["up_to_date"].append(f.path)
                        continue
                    have = table_columns(got, name) or []
                    lost = [c for c in f.columns if c not in have]
                    if lost:
                        result["columns"].append(f.path)
                        kept = (
                            "the previous copy was kept"
                            if state != "missing"
                            else "nothing written"
                        )
                        shown = ", ".join(quote_value(c, limit=40) for c in lost[:8])
                        more = f" and {len(lost) - 8} more" if len(lost) > 8 else ""
                        messages.setdefault(
                            "columns",
                            f"{f.label} from {url}: the publisher's current file lacks the "
                            f"column(s) {shown}{more} that the catalog lists; {kept}",
                        )
                        say(f"columns changed: {f.path} (lacks {shown}{more}); {kept}")
                        continue
                    newer = True
                elif latest and state == "ok":
                    result["up_to_date"].append(f.path)
                    continue
                if compress == "gzip":
                    packed = staging / f"{name}.gz"
                    _gzip_into(got, packed)
                    got = packed
                target = raw_dir / f.path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(got, target)
                result["fetched"].append(f.path)
                record[f.path] = {
                    "source": f.source,
                    "url": url,
                    "sha256": sha256_file(target),
                    "retrieved": _now(),
                    "via": "mirror" if base is not None else "publisher",
                    **({"latest": True} if newer else {}),
                }
                write_atomic(raw_dir / RECORD_NAME, json.dumps(record, indent=1, sort_keys=True))
                what = "newer than the catalog's version, " if newer else ""
                say(
                    f"fetched: {f.path} ({what}{target.stat().st_size:,} bytes) from "
                    f"{urlsplit(url).netloc}"
                )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    n_damaged, n_failed, n_unavailable, n_columns = (
        len(result[k]) for k in ("damaged", "failed", "unavailable", "columns")
    )
    if n_damaged:
        more = f" ({n_damaged} bad downloads in all)" if n_damaged > 1 else ""
        raise BadInput(f"bad download of {messages['damaged']}{more}")
    if n_columns:
        more = f" ({n_columns} files in all)" if n_columns > 1 else ""
        raise BadInput(f"{messages['columns']}{more}")
    if n_failed:
        raise RunFailure(f"{n_failed} file(s) could not be downloaded; first: {messages['failed']}")
    if n_unavailable:
        raise RunFailure(
            f"{n_unavailable} file(s) have no publisher download and no good copy in {raw_dir} "
            f"(first: {messages['unavailable']}); fetch them from a mirror of the raw layout "
            f"with --mirror URL"
        )
    return result


def summary_line(result: dict, raw_dir: Path) -> str:
    """Return the one-line summary of a fetch."""
    return (
        f"fetch: {len(result['fetched'])} fetched, {len(result['up_to_date'])} already up to date "
        f"in {raw_dir}"
    )


# --- status --------------------------------------------------------------------------------------


def data_status(catalog: dict, raw_dir: Path) -> list[dict]:
    """Return each source's status: version, retrieval, coverage and the state of its files.

    Returns
    -------
    list of dict
        One per source: ``source``, ``version`` (the pinned commits of its downloads, or
        "derived at staging"), ``retrieved`` (date of the last fetch of its files, "not fetched
        here" when its files came otherwise), ``coverage``, ``files`` (path, state, how it is
        fetched) and ``state`` (ok, missing or changed: the worst of its files).
    """
    record = read_record(raw_dir)
    rows = []
    for sid, s in catalog["sources"].items():
        files = catalog_files(catalog, [sid])
        states = [local_state(raw_dir, f, record) for f in files]
        commits = sorted(
            {m.group(1)[:12] for f in files if f.url for m in [_COMMIT.search(f.url)] if m}
        )
        pinned = f"commit {', '.join(commits)}" if commits else ""
        derived = sum(1 for f in files if not f.url)
        version = pinned or "derived at staging"
        if pinned and derived:
            version += f" ({derived} derived file{'s' if derived > 1 else ''})"
        dates = sorted(record[f.path]["retrieved"] for f in files if f.path in record)
        retrieved = (
            dates[-1][:10]
            if dates
            else ("not fetched here" if any(st != "missing" for st in states) else "—")
        )
        worst = next((s_ for s_ in ("changed", "missing", "newer") if s_ in states), "ok")
        # the sha256 of the first file as it is here: the catalog's, or the newer one fetched
        first = files[0] if files else None
        digest = ""
        if first is not None:
            digest = (
                record.get(first.path, {}).get("sha256") if states[0] == "newer" else first.sha256
            )
            digest = f"sha256 {digest[:12]}" + (
                f" (+{len(files) - 1} files)" if len(files) > 1 else ""
            )
        rows.append(
            {
                "source": sid,
                "version": version,
                "retrieved": retrieved,
                "coverage": str(s.get("coverage", "")),
                "state": worst,
                "hash": digest,
                "files": [
                    {"path": f.path, "state": st, "fetch": "publisher" if f.url else "mirror only"}
                    for f, st in zip(files, states, strict=True)
                ],
            }
        )
    return rows


def format_status(rows: list[dict], raw_dir: Path) -> str:
    """Render :func:`data_status` for the terminal: one line per source, one per odd file."""
    lines = [f"raw data in {raw_dir}"]
    width = max(len(r["source"]) for r in rows)
    for r in rows:
        lines.append(
            f"{r['source']:<{width}}  {r['state']:<7}  {r['retrieved']:<16}  {r['version']}; "
            f"{r['hash']}; {r['coverage']}"
        )
        for f in r["files"]:
            if f["state"] != "ok":
                lines.append(f"{'':<{width}}    {f['state']}: {f['path']} ({f['fetch']})")
    counts = {
        s: sum(1 for r in rows for f in r["files"] if f["state"] == s)
        for s in ("ok", "newer", "missing", "changed")
    }
    lines.append(
        f"files: {counts['ok']} ok, {counts['newer']} newer, {counts['missing']} missing, "
        f"{counts['changed']} changed (sha256 against the catalog; newer: the publisher's "
        "current version, taken by 'bilateral data fetch --latest'). Newer publisher data are "
        "looked for only by 'data fetch --latest' (downloads are pinned to commits; no source "
        "is fetched through an API yet)."
    )
    return "\n".join(lines) + "\n"


# --- refresh before a scheduled run ----------------------------------------------------------------


def changed_inputs(catalog: dict, store: DataStore) -> list[str]:
    """Return the raw files that differ from those the data in use were built from.

    The data were built from the raw files whose sha256 the catalog lists (the processed tables)
    and, when the all-pairs store is built, those its manifest lists. A file missing here is not
    a change (the fetch said so already).
    """
    built = {f.path: f.sha256 for f in catalog_files(catalog)}
    in_store = store.store.manifest.get("raw_files", {}) if store.has_store() else {}
    changed = []
    for rel in sorted(built):
        path = store.raw_dir / rel
        if not path.is_file():
            continue
        digest = sha256_file(path)
        if digest != built[rel] or in_store.get(rel, digest) != digest:
            changed.append(rel)
    return changed


def refresh_data(
    store: DataStore, say: Callable[[str], None], rebuild=None, latest: bool = False
) -> dict:
    """Fetch the raw files of the data in use; rebuild the data when any input changed (or when
    the all-pairs store was never built).

    Parameters
    ----------
    store : DataStore
        The data in use: its catalog names the raw files, its raw dir receives them, its data
        dir (processed tables, catalog, all-pairs store) is rebuilt.
    say : callable
        Receives progress lines.
    rebuild : callable, optional
        ``rebuild(raw_dir, data_dir, progress)``; default :func:`analysis.build.build_data`.
    latest : bool
        Fetch the publishers' current versions (:func:`fetch_raw` ``latest``).

    Returns
    -------
    dict
        ``fetch`` (the fetch's result), ``changed`` (raw paths) and ``rebuilt`` (bool).
    """
    result = fetch_raw(store.catalog(), store.raw_dir, say=say, latest=latest)
    say(summary_line(result, store.raw_dir))
    changed = changed_inputs(store.catalog(), store)
    if not store.has_store():
        say(f"refresh: no all-pairs store at {store.store_dir} yet; building the data")
        (rebuild or build_data)(
            store.raw_dir, store.data_dir, progress=lambda name: say(f"store: computing {name}")
        )
        return {"fetch": result, "changed": changed, "rebuilt": True}
    if changed:
        say(
            f"refresh: {len(changed)} raw file(s) differ from those the data were built from "
            f"({', '.join(changed[:3])}{', ...' if len(changed) > 3 else ''}); rebuilding the "
            f"data in {store.data_dir}"
        )
        (rebuild or build_data)(
            store.raw_dir, store.data_dir, progress=lambda name: say(f"store: computing {name}")
        )
    else:
        say("refresh: the data were built from these raw files; nothing to rebuild")
    return {"fetch": result, "changed": changed, "rebuilt": bool(changed)}
