"""``bilateral batch CONFIG.yml``: many reports from one config, for scheduled runs.

The config (YAML, see ``reports/batch-example.yml``) names an output folder, periods and pairs::

    output: weekly              # folder for the reports, index.html and manifest.json
    workers: 2                  # optional; default: one per CPU core; --workers overrides
    periods:                    # optional; default: one period, 2000 to the latest year
      - {start: 2000}           # no end: the latest year the data reach
      - {start: 2015, end: 2020}
    pairs:                      # focal country first
      - ARM-RUS
      - [AZE, RUS]
      - {a: GEO, b: RUS, periods: [{start: 2010}]}   # its own periods
      - {a: KAZ, b: RUS, params: {weight_economy: 2}}  # its own notebook parameters
    params:                     # optional: notebook parameters of every report (--param)
      weight_security: 0.5
    pdf: true                   # optional: an A4 PDF beside each HTML report (Chromium)
    edition: brief              # optional: brief (findings, compact table, index) or full
    peers: ARM-FRA,AZE-RUS      # optional: the index's peer pairs (default: from the data)
    scheduler: tcp://10.0.0.5:8786  # optional: build on a Dask cluster (analysis.cluster)
    limit: 20                   # optional: the first 20 reports only (trials)

An *atlas* config gives ``pairs: all`` or ``pairs: {country: ARM}`` (and ``directed: true``)
instead of a list: the pairs come from the data in use (:mod:`analysis.atlas`), the edition is
brief unless given, and ``index.html`` shows each pair's closeness index.

A run goes in three steps:

1. **Validate everything first.** The whole config and every report's parameters (countries,
   years, data coverage: :func:`analysis.report.validate_parameters`) are checked before any kernel
   starts; a problem raises :class:`BadInput` (exit 2, one line naming the entry).
   The output folder is created and a file written in it as a test, and the batch takes an
   exclusive lock on it (``.bilateral-batch.lock``, holding its pid): a second batch on the same
   folder is bad input that names the first one's pid.
2. **Skip what has not changed.** Each report's hash covers its parameters, the notebooks of the
   suite, the source of the ``analysis`` package, the versions of the libraries that render it
   and the digest of the data *that report* reads (:mod:`analysis.digest`): the rows of its
   pair and of its peers in the data in use (:func:`analysis.datastore.current`: the all-pairs
   store, else the embedded tables), the rows of the detail tables for its pair or its
   countries, its pair's rows of the curated timeline and leader contacts, the curated
   memberships, and the catalog entries of the sources its rows come from. A source that
   changed thus rebuilds only the reports that read it. A report reads no raw file itself.
   ``manifest.json`` in the output folder records the hash of each report's last good run; a
   report whose hash is unchanged and whose file exists is skipped.
3. **Run the rest in a process pool** (N workers, each keeping one kernel warm from report to report; a failed report drops it). A failure is
   recorded and the others go on; the last good report stays in place (every file is written
   atomically) and the executed notebook of the failure is saved under ``failed/``. The manifest
   is rewritten after each report, and ``index.html`` lists every report with its status at the
   end. :func:`run_batch` raises :class:`RunFailure` (exit 1) when any report failed.

Kernels run only in the worker processes (one worker too), so the batch process itself is always
free to answer a signal. On SIGTERM or SIGINT it kills the kernels (each in a process group of its
own, its pid in a file beside its sockets) and the workers at once, removes what they left
half-written, writes the manifest and the index with what finished and raises :class:`Stopped`
(exit 143 or 130). Workers also die with the batch when it is killed outright (SIGKILL): on Linux
the system kills them when their parent ends (``PR_SET_PDEATHSIG``), elsewhere a thread in each
worker watches its parent; their kernels then exit by themselves (ipykernel watches its parent).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from analysis import __version__, config, datastore, report
from analysis.atlas import atlas_pairs, index_summary, parse_pairs
from analysis.cluster import check_address, connect, run_cluster
from analysis.countries import resolve
from analysis.digest import report_digests
from analysis.errors import BadInput, RunFailure, Stopped, quote
from analysis.fetch import refresh_data
from analysis.fileio import (
    check_output_dir,
    check_output_file,
    load_yaml,
    sha256_file,
    write_output,
)
from analysis.html import TEMPLATE_NAME, TEMPLATES_DIR, find_external_references
from analysis.panel import check_coverage, check_pair
from analysis.report import (
    KERNEL_PID_FILE,
    check_output_files,
    failed_notebook_path,
    pdf_path,
    report_path,
    report_stem,
    suite_for,
    validate_parameters,
)

try:
    import fcntl
except ImportError:  # not POSIX: no lock on the output folder
    fcntl = None

#: Keys of a batch config, of a period and of a pair given as a mapping.
CONFIG_KEYS = ("output", "workers", "periods", "pairs", "params", "pdf", "edition", "peers",
               "scheduler", "directed", "limit")  # fmt: skip
PERIOD_KEYS = ("start", "end")
PAIR_KEYS = ("a", "b", "periods", "params")
#: The default period of a pair when the config gives none: 2000 to the latest year.
DEFAULT_PERIOD = {"start": config.DEFAULT_START, "end": None, "start_is_default": True}
#: Files the batch writes in the output folder, besides the reports.
MANIFEST_NAME = "manifest.json"
INDEX_NAME = "index.html"
#: Lock file of a running batch in the output folder (it holds the batch's pid).
LOCK_NAME = ".bilateral-batch.lock"
#: Prefix of the batch's private temporary folder (kernel sockets, connection files, pid files).
TMP_PREFIX = "bilateral-batch-"
#: Libraries whose version changes a report's rendering (part of each report's hash).
RENDERING_LIBRARIES = ("pandas", "numpy", "matplotlib", "nbconvert", "nbclient", "papermill",
                       "mistune", "jinja2", "beautifulsoup4", "ipykernel")  # fmt: skip
#: Statuses of a report in the manifest and the index.
STATUSES = ("ok", "skipped", "failed", "stopped")


@dataclass(frozen=True)
class Job:
    """One report of a batch as the config asks for it (before validation against the data)."""

    entry: str  # where it comes from, e.g. "pairs[2]"
    a: str
    b: str
    start: int | None
    end: int | None
    start_is_default: bool = False  # no start given: 2000, or the pair's first year if later
    params: tuple[tuple[str, Any], ...] = ()  # notebook parameters (config params:, checked)

    @property
    def label(self) -> str:
        """Return ``pairs[2] ARM-RUS 2000-latest`` for messages."""
        period = f"{self.start if self.start is not None else 'first'}-{self.end or 'latest'}"
        return f"{self.entry} {self.a}-{self.b} {period}"


@dataclass
class BatchConfig:
    """A validated batch config."""

    path: Path
    output: Path
    workers: int | None
    jobs: list[Job] = field(default_factory=list)
    pdf: bool = False
    scheduler: str | None = None  # a Dask scheduler's address (analysis.cluster)
    atlas: dict | None = None  # pairs: all / {country: X}: expanded from the data by plan_jobs
    limit: int | None = None  # keep the first N reports (trials)


# --- the config ----------------------------------------------------------------------------------


def _year(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise BadInput(f"{where} must be a year such as 2000 (or omitted), got {quote(value)}")
    return value


def _periods(value: Any, where: str) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise BadInput(
            f"{where} must be a non-empty list of periods such as [{{start: 2000, end: 2024}}], "
            f"got {quote(value)}"
        )
    periods = []
    for i, period in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(period, dict):
            raise BadInput(
                f"{at} must be a mapping such as {{start: 2000, end: 2024}}, got {quote(period)}"
            )
        unknown = sorted(set(map(str, period)) - set(PERIOD_KEYS))
        if unknown:
            raise BadInput(f"{at} has unknown key(s) {', '.join(unknown)}; a period has start, end")
        start = _year(period.get("start", config.DEFAULT_START), f"{at}.start")
        end = _year(period.get("end"), f"{at}.end")
        if start is not None and end is not None and start > end:
            raise BadInput(f"{at}: start {start} is after end {end}; give start <= end")
        periods.append({"start": start, "end": end, "start_is_default": "start" not in period})
    return periods


def _params(value: Any, where: str) -> dict:
    """Return the notebook parameters of a ``params:`` mapping, checked and typed."""
    if not isinstance(value, dict):
        raise BadInput(
            f"{where} must be a mapping of notebook parameters such as {{weight_economy: 2}}, "
            f"got {quote(value)}"
        )
    return report.validate_extra(value, report.declared_parameters(), where)


def _pair(value: Any, where: str) -> tuple[str, str, list[dict] | None, dict | None]:
    """Return ``(a, b, periods or None, params or None)`` of a pair entry: "A-B", [A, B] or
    {a, b, periods, params}."""
    expected = 'a pair such as "ARM-RUS", [ARM, RUS] or {a: ARM, b: RUS}'
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise BadInput(
                f"{where} must be {expected} (use the list form for names with a hyphen), "
                f"got {quote(value)}"
            )
        return parts[0].strip(), parts[1].strip(), None, None
    if isinstance(value, list):
        if len(value) != 2 or not all(isinstance(c, str | int) for c in value):
            raise BadInput(f"{where} must be {expected}, got {quote(value)}")
        return str(value[0]), str(value[1]), None, None
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - set(PAIR_KEYS))
        if unknown:
            raise BadInput(
                f"{where} has unknown key(s) {', '.join(unknown)}; a pair has a, b, periods, params"
            )
        if "a" not in value or "b" not in value:
            raise BadInput(
                f"{where} must have both a and b (e.g. {{a: ARM, b: RUS}}), got {quote(value)}"
            )
        periods = _periods(value["periods"], f"{where}.periods") if "periods" in value else None
        params = _params(value["params"], f"{where}.params") if "params" in value else None
        return str(value["a"]), str(value["b"]), periods, params
    raise BadInput(f"{where} must be {expected}, got {quote(value)}")


def load_config(path: Path) -> BatchConfig:
    """Read and validate a batch config (schema, countries, years); no data are read.

    Relative ``output`` paths are relative to the config file's folder.

    Raises
    ------
    BadInput
        With one line naming the file, the entry and what is expected.
    """

    path = Path(path)
    data = load_yaml(path, "batch config", hint="see reports/batch-example.yml")
    if not isinstance(data, dict):
        raise BadInput(f"{path}: must be a mapping with keys {', '.join(CONFIG_KEYS)}")
    unknown = sorted(set(map(str, data)) - set(CONFIG_KEYS))
    if unknown:
        raise BadInput(
            f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(CONFIG_KEYS)}"
        )
    output = data.get("output")
    if not isinstance(output, str) or not output.strip():
        raise BadInput(
            f"{path}: output must be a folder name such as reports/weekly, got {quote(output)}"
        )
    workers = data.get("workers")
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise BadInput(
            f"{path}: workers must be a whole number of at least 1, got {quote(workers)}"
        )
    periods = (
        _periods(data["periods"], f"{path}: periods") if "periods" in data else [DEFAULT_PERIOD]
    )
    pdf = data.get("pdf", False)
    if not isinstance(pdf, bool):
        raise BadInput(f"{path}: pdf must be true or false, got {quote(pdf)}")
    if pdf:
        try:
            report.check_pdf_possible()
        except BadInput as exc:
            raise BadInput(f"{path}: pdf: true, but {exc}") from None
    common = _params(data["params"], f"{path}: params") if "params" in data else {}

    atlas = parse_pairs(data.get("pairs"), f"{path}: pairs")
    directed = data.get("directed", False)
    if not isinstance(directed, bool):
        raise BadInput(f"{path}: directed must be true or false, got {quote(directed)}")
    if directed and atlas is None:
        raise BadInput(f"{path}: directed: true needs pairs: all or pairs: {{country: ARM}}")
    limit = data.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise BadInput(f"{path}: limit must be a whole number of at least 1, got {quote(limit)}")
    edition = data.get("edition", "full" if atlas is None else "brief")
    if edition not in report.EDITIONS:
        raise BadInput(f"{path}: edition must be full or brief, got {quote(edition)}")
    if edition != "full":
        common = {"edition": edition, **common}
    if "peers" in data:  # shorthand for params: {peers: ...}, checked like it
        common = {**_params({"peers": data["peers"]}, str(path)), **common}
    scheduler = None
    if data.get("scheduler") is not None:
        scheduler = check_address(data["scheduler"], f"{path}: scheduler")
    pairs = data.get("pairs")
    if atlas is not None:
        atlas.update(directed=directed, periods=periods, params=tuple(common.items()))
        pairs = []
    elif not isinstance(pairs, list) or not pairs:
        raise BadInput(
            f'{path}: pairs must be a non-empty list such as ["ARM-RUS", [AZE, RUS]], got {quote(pairs)}'
        )
    jobs = []
    for i, entry in enumerate(pairs):
        where = f"{path}: pairs[{i}]"
        a, b, own, own_params = _pair(entry, where)
        params = tuple({**common, **(own_params or {})}.items())
        try:
            a, b = check_pair(a, b)
        except BadInput as exc:
            raise BadInput(f"{where}: {exc}") from None
        for period in own or periods:
            jobs.append(
                Job(
                    f"pairs[{i}]", a, b, period["start"], period["end"],
                    period["start_is_default"], params,
                )
            )  # fmt: skip
    out = Path(output).expanduser()
    return BatchConfig(
        path=path,
        output=out if out.is_absolute() else (path.parent / out).resolve(),
        workers=workers,
        jobs=jobs,
        pdf=pdf,
        scheduler=scheduler,
        atlas=atlas,
        limit=limit,
    )


def plan_jobs(cfg: BatchConfig) -> list[dict]:
    """Validate every job against the data and return their parameters, in config order.

    Raises
    ------
    BadInput
        A period a pair's data do not cover, or two entries that make the same report.
    """

    if cfg.atlas is not None:
        return _plan_atlas(cfg)
    planned, seen = [], {}
    for job in cfg.jobs[: cfg.limit]:
        try:
            params = validate_parameters(
                job.a, job.b, job.start, job.end, ("start", "end"), job.start_is_default,
                extra=dict(job.params), option="params",
            )  # fmt: skip
        except BadInput as exc:
            raise BadInput(f"{cfg.path}: {job.label}: {exc}") from None
        stem = report_stem(params)
        if stem in seen:
            raise BadInput(
                f"{cfg.path}: {job.label} makes the same report as {seen[stem]} ({stem}.html); "
                "remove one of them"
            )
        seen[stem] = job.label
        planned.append(params)
    return planned


def _plan_atlas(cfg: BatchConfig) -> list[dict]:
    """Return the parameters of an atlas config's reports: every pair it means
    (:func:`analysis.atlas.atlas_pairs`) and period its data cover, in order, at most ``limit``.

    The pairs' years come from one read of the data for all pairs; a pair-period the data do not
    cover is left out (not an error: the atlas has only pairs with data)."""

    at = cfg.atlas
    try:
        pairs = atlas_pairs(at["country"], at["directed"], at["periods"])
    except BadInput as exc:
        raise BadInput(f"{cfg.path}: pairs: {exc}") from None
    extra = report.validate_extra(dict(at["params"]), report.declared_parameters(), "params")
    # What every report reads besides its panel, checked once (validate_parameters does it per pair).
    report.load_timeline()
    report.load_memberships()
    datastore.current().catalog()
    planned = []
    for a, b, years in pairs:
        for period in at["periods"]:
            start, end, default = period["start"], period["end"], period["start_is_default"]
            try:
                kept = check_coverage(years, a, b, start, end, ("start", "end"), default)
            except BadInput:
                continue
            if start is not None and default:
                start = max(start, min(years))
            planned.append(
                {
                    "country_a": a,
                    "country_b": b,
                    "start_year": int(start if start is not None else kept[0]),
                    "end_year": int(end if end is not None else kept[-1]),
                    **extra,
                }
            )
            if cfg.limit is not None and len(planned) >= cfg.limit:
                return planned
    if not planned:
        raise BadInput(f"{cfg.path}: pairs: no pair has data in the periods asked for")
    return planned


# --- what a report depends on --------------------------------------------------------------------


def _files_digest(items: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256()
    for label, path in sorted(items):
        h.update(f"{label}\0{sha256_file(path)}\n".encode())
    return h.hexdigest()


def _tree(root: Path, label: str) -> list[tuple[str, Path]]:
    if not root.is_dir():
        return []
    return [
        (f"{label}/{p.relative_to(root).as_posix()}", p)
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]


def fingerprint_inputs(store: datastore.DataStore | None = None) -> dict[str, str]:
    """Return digests of what every report depends on: code, notebooks, data in use, libraries.

    The data are those of ``store`` (default :func:`analysis.datastore.current`, which follows
    ``$BILATERAL_DATA_DIR`` and ``$BILATERAL_CURATED_DIR``): the data dir's processed tables,
    curated tables and catalog, and the curated dir in use when it is another one. The all-pairs
    store is hashed apart (:func:`fingerprint_store`).
    """

    ds = store or datastore.current()
    package = Path(__file__).resolve().parent
    notebooks = [(f"notebooks/{n}", config.NOTEBOOKS_DIR / n) for n in report.suite()]
    data = _tree(ds.processed_dir, "processed") + _tree(ds.data_dir / "curated", "curated")
    if ds.curated_dir.resolve() != (ds.data_dir / "curated").resolve():
        data += _tree(ds.curated_dir, "curated-in-use")
    if ds.catalog_path.is_file():
        data.append(("catalog.yml", ds.catalog_path))
    versions = {"python": platform.python_version(), "bilateral": __version__}
    for lib in RENDERING_LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "missing"
    return {
        "code": _files_digest(_tree(package, "analysis")),
        "notebooks": _files_digest([(n, p) for n, p in notebooks if p.is_file()]),
        "data": _files_digest(data),
        "libraries": json.dumps(versions, sort_keys=True),
    }


def fingerprint_store(store: datastore.DataStore | None = None) -> str:
    """Return a digest of the all-pairs store in use (its manifest lists every file's sha256).

    Empty when no store is built (the embedded tables, hashed with the data, serve the pairs).
    """
    path = (store or datastore.current()).store_dir / "manifest.json"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def data_digests(
    inputs: dict[str, str], store: datastore.DataStore | None = None
) -> Callable[[dict], str]:
    """Return ``params -> digest`` of the data each report reads (:mod:`analysis.digest`: its
    pair's and its peers' rows, the detail and curated rows of its countries, the catalog entries
    of its sources), so that a changed source rebuilds only the reports that read it.

    With a store built without digests (an older version), every report's digest is that of the
    whole data: ``inputs["data"]`` and :func:`fingerprint_store`.
    """
    ds = store or datastore.current()
    return report_digests(ds, lambda: inputs.get("data", "") + fingerprint_store(ds))


def job_hash(
    params: dict, inputs: dict[str, str], data: Callable[[dict], str], pdf: bool = False
) -> str:
    """Return the hash of one report: its parameters, the suite, the code, notebooks and
    libraries (``inputs``, from :func:`fingerprint_inputs`; its whole-data digest left out) and
    the digest of the data the report reads (``data(params)``, from :func:`data_digests`), and
    whether a PDF is printed beside it."""

    payload = {
        "params": params,
        "suite": list(report.suite()),
        "inputs": {k: v for k, v in inputs.items() if k != "data"},
        "data": data(params),
    }
    if pdf:  # only then: the hashes of batches without PDFs stay what they were
        payload["pdf"] = True
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# --- the manifest and the index --------------------------------------------------------------------


def read_manifest(out_dir: Path) -> dict:
    """Return the manifest of an output folder (empty when missing or unreadable)."""
    path = Path(out_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"reports": {}}
    if not isinstance(data, dict) or not isinstance(data.get("reports"), dict):
        return {"reports": {}}
    return data


#: Seconds between two writes of the manifest while reports finish (it is written at the end
#: too; a batch killed outright loses at most this much of its record: those reports are built
#: again next time, their files being newer than the manifest says).
MANIFEST_EVERY = 2.0


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    """Write the manifest atomically (an OS error raises :class:`RunFailure`, one line)."""
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return write_output(Path(out_dir) / MANIFEST_NAME, text)


# --- the output folder ---------------------------------------------------------------------------


def check_outputs(out: Path, planned: list[dict], pdf: bool = False) -> None:
    """Check, before any kernel starts, that the batch can write everything in ``out``.

    Creates the folder and writes a test file in it; the manifest, the index, the lock file and
    every report must be files (or absent), ``failed`` a folder (or absent).

    Raises
    ------
    BadInput
        One line naming the path and what is wrong.
    """

    check_output_dir(out, option="output:")
    for name in (MANIFEST_NAME, INDEX_NAME, LOCK_NAME):
        check_output_file(out / name)
    for params in planned:
        check_output_files(out, params, pdf=pdf)


@contextlib.contextmanager
def lock_output(out: Path) -> Iterator[Path]:
    """Hold an exclusive lock on the output folder inside the block (``flock``, non-blocking).

    The lock file keeps the pid of its holder; the lock goes with the process (even killed), the
    file stays.

    Raises
    ------
    BadInput
        Another batch holds the lock: the message names its pid.
    """
    path = Path(out) / LOCK_NAME
    if fcntl is None:
        yield path
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BadInput(f"cannot open the lock file {path} ({exc.strerror}); remove it") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            for _ in range(20):  # the holder writes its pid just after taking the lock
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                if holder:
                    break
                time.sleep(0.05)
            raise BadInput(
                f"output folder {out} is in use by another batch (pid {holder or 'unknown'}); "
                "wait for it to end, or give this batch another output folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)


def render_index(entries: list[dict], title: str, generated_by: str) -> str:
    """Render the index page of a batch: one row per report with its status (all text escaped)."""

    rows = []
    for e in entries:
        p = e["params"]
        rows.append(
            {
                **e,
                "names": f"{resolve(p['country_a']).name} – {resolve(p['country_b']).name}",
                "period": f"{p['start_year']}–{p['end_year']}",
            }
        )
    return _render_index_page("batch_index.html.j2", rows, entries, title, generated_by)


def _render_index_page(
    template: str, rows: list[dict], entries: list[dict], title: str, generated_by: str
) -> str:
    """Render an index template with its rows and status counts; refuse a page that would load
    anything from outside itself."""
    import jinja2

    counts = {s: sum(1 for e in entries if e["status"] == s) for s in STATUSES}
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / TEMPLATE_NAME),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template(template).render(
        title=title, rows=rows, counts=counts, generated_by=generated_by
    )
    remote = find_external_references(page)
    if remote:
        raise RunFailure(f"the index would load resources from outside the file: {remote[:3]}")
    return page


def render_atlas_index(entries: list[dict], title: str, generated_by: str) -> str:
    """Render the index page of an atlas run: every pair with its index value, its 5-year change
    (from each report's run, :func:`index_of`) and its report; searchable and sortable by a few
    lines of inline script, complete without it (all text escaped, nothing remote)."""

    rows = []
    for e in entries:
        p, index = e["params"], e.get("index") or {}
        rows.append(
            {
                **e,
                "stem": report_stem(p),
                "pair": f"{p['country_a']}-{p['country_b']}",
                "names": f"{resolve(p['country_a']).name} – {resolve(p['country_b']).name}",
                "period": f"{p['start_year']}–{p['end_year']}",
                **{k: index.get(k) for k in ("year", "value", "from_year", "change")},
            }
        )
    return _render_index_page("atlas_index.html.j2", rows, entries, title, generated_by)


# --- running --------------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def run_one(params: dict, out_dir: str, pdf: bool = False, summary: bool = False) -> dict:
    """Build one report (and its PDF, with ``pdf``) in a worker process; return its outcome
    instead of raising. With ``summary`` (atlas runs) the outcome has the pair's ``index``
    (:func:`index_of`)."""

    started = time.perf_counter()
    try:
        built = report.build(params, Path(out_dir), report.warm_session(), pdf=pdf)
        outcome = {"status": "ok", "seconds": time.perf_counter() - started, "message": ""}
        if summary:
            outcome["index"] = index_of(params, built)
        return outcome
    except (RunFailure, BadInput) as exc:
        message = str(exc)
    except Exception as exc:  # keep going: one report's crash must not stop the batch
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
    report.drop_warm_session()  # the next report starts from a fresh kernel
    failed = [
        failed_notebook_path(Path(out_dir) / "failed", n, params).relative_to(out_dir).as_posix()
        for n in suite_for(params)
        if failed_notebook_path(Path(out_dir) / "failed", n, params).is_file()
    ]
    return {
        "status": "failed",
        "seconds": time.perf_counter() - started,
        "message": message,
        "failed_notebook": failed[0] if failed else None,
    }


def index_of(params: dict, built: report.Built | None = None) -> dict | None:
    """Return the pair's index summary for the atlas index: the one the report's index notebook
    handed over (``built.index``), else :func:`analysis.atlas.index_summary`; None when it
    cannot be computed (the report stands; the index shows no value)."""

    if built is not None and built.index is not None:
        return built.index
    try:
        return index_summary(params)
    except Exception:  # noqa: BLE001 - a missing summary must not fail a built report
        return None


class Progress:
    """Progress of a batch: a tqdm bar on a terminal, one plain line per report otherwise."""

    def __init__(self, total: int, stream: IO[str] | None = None, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        is_tty = self.stream.isatty() if tty is None else tty
        self.bar = None
        if is_tty and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=self.stream, dynamic_ncols=True)

    def say(self, line: str) -> None:
        """Print a line (above the bar on a terminal)."""
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def update(self, stem: str, outcome: dict) -> None:
        """Record one finished report."""
        self.done += 1
        line = f"[{self.done}/{self.total}] {outcome['status']:<7} {stem}"
        if outcome["status"] != "skipped":
            line += f" ({outcome['seconds']:.1f} s)"
        if outcome["status"] == "failed":
            line += f": {outcome['message']}"
        if self.bar is not None:
            self.bar.set_postfix_str(stem, refresh=False)
            self.bar.update(1)
            if outcome["status"] == "failed":
                self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()


def default_workers() -> int:
    """Return the default number of worker processes: one per CPU core available."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    config_path: Path,
    workers: int | None = None,
    force: bool = False,
    stream: IO[str] | None = None,
    tty: bool | None = None,
    refresh: bool | str = False,
    scheduler: str | None = None,
) -> dict:
    """Run a batch config: validate all, skip the unchanged, build the rest, write the index.

    Parameters
    ----------
    config_path : Path
        The YAML config.
    workers : int, optional
        Worker processes (default: the config's ``workers``, else one per CPU core).
    force : bool
        Rebuild every report, changed or not.
    stream, tty
        Where progress goes (default stderr) and whether it is a terminal (default: ask it).
    refresh : bool or "latest"
        After the config is read, fetch the raw files of the data in use and rebuild the data
        when any changed (:func:`analysis.fetch.refresh_data`; ``"latest"``: the publishers'
        current versions); a fetch that fails stops the batch before any report is touched.

    Returns
    -------
    dict
        ``{"index": Path, "reports": {stem: outcome}}`` where each outcome has ``status``
        (ok, skipped, failed), ``seconds`` and ``message``.

    Raises
    ------
    BadInput
        Any problem in the config or the output folder (also: another batch holds its lock),
        before a kernel starts.
    RunFailure
        When one or more reports failed (after all ran and the index was written), or an output
        file could not be written.
    Stopped
        On SIGTERM or SIGINT (in the main thread): the workers and their kernels were ended, the
        manifest and the index written with what finished.
    """
    started = time.perf_counter()
    with stop_on_signals():
        cfg = load_config(config_path)
        if scheduler is not None:
            cfg.scheduler = check_address(scheduler, "--scheduler")
        if workers is not None and workers < 1:
            raise BadInput(f"--workers must be at least 1, got {workers}")
        if refresh:
            out = stream or sys.stderr
            refresh_data(
                datastore.current(),
                lambda line: print(line, file=out, flush=True),
                latest=refresh == "latest",
            )
            datastore.reset()
        planned = plan_jobs(cfg)
        check_outputs(cfg.output, planned, cfg.pdf)
        with lock_output(cfg.output):
            return _run_locked(cfg, planned, workers, force, stream, tty, started)


def _run_locked(cfg, planned, workers, force, stream, tty, started) -> dict:
    """The part of :func:`run_batch` that runs with the output folder locked."""

    out = cfg.output
    inputs = fingerprint_inputs()
    data = data_digests(inputs)

    manifest = read_manifest(out)
    entries: dict[str, dict] = {}
    to_run = []
    for params in planned:
        stem = report_stem(params)
        h = job_hash(params, inputs, data, cfg.pdf)
        previous = manifest["reports"].get(stem, {})
        entry = {
            "params": params,
            "report": report_path(out, params).name,
            **({"pdf": pdf_path(out, params).name} if cfg.pdf else {}),
            "hash": h,
            "good_hash": previous.get("good_hash"),
            "last_good": previous.get("last_good"),
            "status": "pending",
            "seconds": 0.0,
            "message": "",
            "failed_notebook": None,
            **({"index": previous.get("index")} if cfg.atlas is not None else {}),
        }
        entries[stem] = entry
        unchanged = (
            previous.get("good_hash") == h
            and report_path(out, params).is_file()
            and (not cfg.pdf or pdf_path(out, params).is_file())
        )
        if unchanged and not force:
            entry.update(status="skipped", message="unchanged since the last good run")
        else:
            to_run.append(params)

    n_workers = min(workers or cfg.workers or default_workers(), max(1, len(to_run)))
    client = None
    if to_run and cfg.scheduler:  # before anything is said or written: a bad address is exit 2
        client = connect(cfg.scheduler)
    progress = Progress(len(planned), stream, tty)
    where = (
        f"on the Dask cluster at {cfg.scheduler}"
        if cfg.scheduler and to_run
        else f"with {n_workers} worker{'s' if n_workers != 1 else ''}"
    )
    progress.say(
        f"batch: {len(planned)} reports in {out}: {len(planned) - len(to_run)} unchanged, "
        f"{len(to_run)} to build {where}"
    )

    written = [time.monotonic()]

    def record(params: dict, outcome: dict) -> None:
        stem = report_stem(params)
        entry = entries[stem]
        entry.update(
            status=outcome["status"],
            seconds=round(outcome["seconds"], 2),
            message=outcome["message"],
            failed_notebook=outcome.get("failed_notebook"),
            last_run=_now(),
        )
        if outcome["status"] == "ok":
            entry.update(good_hash=entry["hash"], last_good=entry["last_run"])
            if "index" in outcome:
                entry["index"] = outcome["index"]
        manifest["reports"][stem] = {k: v for k, v in entry.items() if k != "hash"}
        # At most every MANIFEST_EVERY seconds (and at the end): an atlas's manifest grows to
        # megabytes, and writing it after each report would cost the batch O(n²).
        if time.monotonic() - written[0] >= MANIFEST_EVERY:
            write_manifest(out, manifest)
            written[0] = time.monotonic()
        progress.update(stem, outcome)

    skipped = [stem for stem, entry in entries.items() if entry["status"] == "skipped"]
    for stem in skipped:
        entries[stem]["last_run"] = _now()
        manifest["reports"][stem] = {k: v for k, v in entries[stem].items() if k != "hash"}
        progress.update(stem, entries[stem])
    if skipped:
        write_manifest(out, manifest)
    stop: Stopped | None = None
    try:
        if client is not None:
            # the workers check that they build from the same code, data and store
            seen = {**inputs, "store": fingerprint_store()}
            run_cluster(to_run, out, client, record, cfg.pdf, seen, cfg.atlas is not None)
        elif to_run:
            atlas = {"summary": True} if cfg.atlas is not None else {}
            _run_pool(to_run, out, n_workers, record, cfg.pdf, **atlas)
    except Stopped as exc:
        stop = exc
    finally:
        progress.close()
        for entry in entries.values():
            if entry["status"] == "pending":  # not built: the batch was stopped before it ended
                entry.update(status="stopped", message="not built: the batch was stopped")
        write_manifest(out, manifest)  # what was recorded since the last write, the stopped
        title = f"Reports of {cfg.path.name}"
        index = write_output(
            out / INDEX_NAME,
            (render_atlas_index if cfg.atlas is not None else render_index)(
                list(entries.values()), title, f"bilateral {__version__} on {_now()}"
            ),
        )
    counts = {s: sum(1 for e in entries.values() if e["status"] == s) for s in STATUSES}
    if stop is not None:
        raise Stopped(
            stop.signum,
            f"{stop.signame} received; {counts['ok']} of {len(to_run)} reports built, "
            f"{counts['failed']} failed, {counts['stopped']} not built (their previous reports, "
            f"if any, were left in place); index: {index}",
        )
    failed = [stem for stem, e in entries.items() if e["status"] == "failed"]
    progress.say(
        f"batch: {counts['ok']} built, {counts['skipped']} skipped, {counts['failed']} failed "
        f"in {time.perf_counter() - started:.1f} s; index: {index}"
    )
    if failed:
        shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
        raise RunFailure(
            f"{len(failed)} of {len(entries)} reports failed ({shown}); their previous reports, "
            f"if any, were left in place; see {index}"
        )
    return {"index": index, "reports": entries}


@contextlib.contextmanager
def stop_on_signals(signals: tuple = (signal.SIGTERM, signal.SIGINT)) -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`Stopped` inside the block (main thread only).

    The first signal raises :class:`Stopped` where the main thread is (an atomic write under way
    removes its temporary file as it passes); later ones are ignored while the stop is cleaned
    up. The previous handlers are restored on leaving. Outside the main thread (where handlers
    cannot be set) it does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def handler(signum, frame):
        if not received:
            received.append(signum)
            raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in signals}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _run_pool(
    to_run: list[dict], out: Path, n_workers: int, record, pdf: bool = False, summary: bool = False
) -> None:
    """Build reports in a pool of ``n_workers`` processes, recording each as it finishes.

    On any exception (:class:`Stopped` included) the workers and their kernels are killed at
    once: no report is written after this returns.
    """
    import multiprocessing
    import tempfile

    # "spawn": a fresh interpreter per worker (no fork of a process that may hold threads).
    context = multiprocessing.get_context("spawn")
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
    pool = ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=context,
        initializer=init_worker,
        initargs=(os.getpid(), str(tmp)),
    )
    stopped = False
    try:
        futures = {
            pool.submit(run_one, params, str(out), pdf, summary): params for params in to_run
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    outcome = {
                        "status": "failed",
                        "seconds": 0.0,
                        "message": f"worker process failed ({type(exc).__name__}: {exc})",
                    }
                record(futures[future], outcome)
    except BaseException:
        stopped = True
        kill_pool(pool, tmp, out)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        # after a stop, a kernel whose start was under way may still write its files: wait
        # until the folder stays gone for 2 s (nothing can start after a normal shutdown)
        remove_tree(tmp, quiet=2.0 if stopped else 0.0)


def remove_tree(path: Path, seconds: float = 8.0, quiet: float = 0.0) -> None:
    """Remove a folder, again while something still writes in it (a kernel killed as it started
    writes its connection files for a moment after its worker died, later on a loaded machine):
    until it has stayed absent for ``quiet`` seconds, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    gone_since = None
    while time.monotonic() < deadline:
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            gone_since = None
            _kill_kernels(path)
        elif gone_since is None:
            gone_since = time.monotonic()
        elif time.monotonic() - gone_since >= quiet:
            return
        time.sleep(0.05)


def kill_pool(pool: ProcessPoolExecutor, tmp: Path, out: Path) -> None:
    """Kill a pool's kernels and workers now (SIGKILL) and remove what they left half-written.

    Every file a worker writes is written atomically, so killing it leaves the previous version
    in place; the temporary files of writes cut short in ``out`` are removed (the folder is locked:
    they are this batch's). The kernels are found by the pid files in the batch's temporary
    folder ``tmp``; a kernel started in the instant between two looks exits by itself once its
    worker is gone.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    _kill_kernels(tmp)
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.join(5.0)
    _kill_kernels(tmp)
    for partial in Path(out).rglob(".*.tmp"):
        partial.unlink(missing_ok=True)


def _kill_kernels(tmp: Path) -> None:
    """Kill the process group of every kernel whose pid file is under ``tmp``."""

    for pid_file in Path(tmp).glob(f"*/{KERNEL_PID_FILE}"):
        with contextlib.suppress(OSError, ValueError):
            os.killpg(int(pid_file.read_text(encoding="ascii")), signal.SIGKILL)


#: prctl(2) option: the signal a process gets when its parent ends (Linux).
PR_SET_PDEATHSIG = 1


def init_worker(parent_pid: int, tmp: str) -> None:
    """Set up a batch worker: temporary files in the batch's folder ``tmp``, SIGINT left to the
    batch process (a Ctrl-C reaches the whole terminal group), and death with the batch process."""
    import tempfile

    tempfile.tempdir = tmp  # kernel sockets and connection files
    os.environ["TMPDIR"] = tmp  # and the kernels' own
    os.environ[report.QUIET_KERNELS_ENV] = "1"  # kernels' log lines stay off the batch's stderr
    signal.signal(signal.SIGINT, _ignore)  # a handler, not SIG_IGN: kernels must not inherit it
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if not armed:
        threading.Thread(
            target=_watch_parent, args=(parent_pid,), daemon=True, name="watch-parent"
        ).start()
    if os.getppid() != parent_pid:  # the batch ended before this was set up
        os._exit(1)


def _ignore(signum, frame) -> None:
    """Do nothing with a signal."""


def _watch_parent(parent_pid: int) -> None:
    """End this process once its parent has ended (where prctl is missing)."""
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)
