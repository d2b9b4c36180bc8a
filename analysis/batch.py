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

A run goes in three steps:

1. **Validate everything first.** The whole config and every report's parameters (countries,
   years, data coverage: :func:`analysis.report.validate_parameters`) are checked before any kernel
   starts; a problem raises :class:`BadInput` (exit 2, one line naming the entry).
2. **Skip what has not changed.** Each report's hash covers its parameters, the notebooks of the
   suite, the source of the ``analysis`` package, the embedded data (``data/processed``,
   ``data/curated``, ``catalog.yml``), the versions of the libraries that render it and, for a
   pair computed from raw files, those files' sizes and times. ``manifest.json`` in the output
   folder records the hash of each report's last good run; a report whose hash is unchanged and
   whose file exists is skipped.
3. **Run the rest in a process pool** (N workers, one kernel each per report). A failure is
   recorded and the others go on; the last good report stays in place (every file is written
   atomically) and the executed notebook of the failure is saved under ``failed/``. The manifest
   is rewritten after each report, and ``index.html`` lists every report with its status at the
   end. :func:`run_batch` raises :class:`RunFailure` (exit 1) when any report failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from analysis import __version__, config, datastore
from analysis.errors import BadInput, RunFailure, quote
from analysis.fileio import load_yaml, sha256_file, write_atomic

#: Keys of a batch config, of a period and of a pair given as a mapping.
CONFIG_KEYS = ("output", "workers", "periods", "pairs")
PERIOD_KEYS = ("start", "end")
PAIR_KEYS = ("a", "b", "periods")
#: The default period of a pair when the config gives none: 2000 to the latest year.
DEFAULT_PERIOD = {"start": config.DEFAULT_START, "end": None, "start_is_default": True}
#: Files the batch writes in the output folder, besides the reports.
MANIFEST_NAME = "manifest.json"
INDEX_NAME = "index.html"
#: Libraries whose version changes a report's rendering (part of each report's hash).
RENDERING_LIBRARIES = ("pandas", "numpy", "matplotlib", "nbconvert", "nbclient", "papermill",
                       "mistune", "jinja2", "beautifulsoup4", "ipykernel")  # fmt: skip
#: Statuses of a report in the manifest and the index.
STATUSES = ("ok", "skipped", "failed")


@dataclass(frozen=True)
class Job:
    """One report of a batch as the config asks for it (before validation against the data)."""

    entry: str  # where it comes from, e.g. "pairs[2]"
    a: str
    b: str
    start: int | None
    end: int | None
    start_is_default: bool = False  # no start given: 2000, or the pair's first year if later

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


def _pair(value: Any, where: str) -> tuple[str, str, list[dict] | None]:
    """Return ``(a, b, periods or None)`` of a pair entry: "A-B", [A, B] or {a, b, periods}."""
    expected = 'a pair such as "ARM-RUS", [ARM, RUS] or {a: ARM, b: RUS}'
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise BadInput(
                f"{where} must be {expected} (use the list form for names with a hyphen), "
                f"got {quote(value)}"
            )
        return parts[0].strip(), parts[1].strip(), None
    if isinstance(value, list):
        if len(value) != 2 or not all(isinstance(c, str | int) for c in value):
            raise BadInput(f"{where} must be {expected}, got {quote(value)}")
        return str(value[0]), str(value[1]), None
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - set(PAIR_KEYS))
        if unknown:
            raise BadInput(
                f"{where} has unknown key(s) {', '.join(unknown)}; a pair has a, b, periods"
            )
        if "a" not in value or "b" not in value:
            raise BadInput(
                f"{where} must have both a and b (e.g. {{a: ARM, b: RUS}}), got {quote(value)}"
            )
        periods = _periods(value["periods"], f"{where}.periods") if "periods" in value else None
        return str(value["a"]), str(value["b"]), periods
    raise BadInput(f"{where} must be {expected}, got {quote(value)}")


def load_config(path: Path) -> BatchConfig:
    """Read and validate a batch config (schema, countries, years); no data are read.

    Relative ``output`` paths are relative to the config file's folder.

    Raises
    ------
    BadInput
        With one line naming the file, the entry and what is expected.
    """
    from analysis.panel import check_pair

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
    pairs = data.get("pairs")
    if not isinstance(pairs, list) or not pairs:
        raise BadInput(
            f'{path}: pairs must be a non-empty list such as ["ARM-RUS", [AZE, RUS]], got {quote(pairs)}'
        )
    jobs = []
    for i, entry in enumerate(pairs):
        where = f"{path}: pairs[{i}]"
        a, b, own = _pair(entry, where)
        try:
            a, b = check_pair(a, b)
        except BadInput as exc:
            raise BadInput(f"{where}: {exc}") from None
        for period in own or periods:
            jobs.append(
                Job(f"pairs[{i}]", a, b, period["start"], period["end"], period["start_is_default"])
            )
    out = Path(output).expanduser()
    return BatchConfig(
        path=path,
        output=out if out.is_absolute() else (path.parent / out).resolve(),
        workers=workers,
        jobs=jobs,
    )


def plan_jobs(cfg: BatchConfig) -> list[dict]:
    """Validate every job against the data and return their parameters, in config order.

    Raises
    ------
    BadInput
        A period a pair's data do not cover, or two entries that make the same report.
    """
    from analysis.report import report_stem, validate_parameters

    planned, seen = [], {}
    for job in cfg.jobs:
        try:
            params = validate_parameters(
                job.a, job.b, job.start, job.end, ("start", "end"), job.start_is_default
            )
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


def fingerprint_inputs() -> dict[str, str]:
    """Return digests of what every report depends on: code, notebooks, embedded data, libraries."""
    from analysis import report

    package = Path(__file__).resolve().parent
    notebooks = [(f"notebooks/{n}", config.NOTEBOOKS_DIR / n) for n in report.suite()]
    data = _tree(config.PROCESSED_DIR, "processed") + _tree(config.CURATED_DIR, "curated")
    if config.CATALOG_PATH.is_file():
        data.append(("catalog.yml", config.CATALOG_PATH))
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


def fingerprint_store() -> str:
    """Return a digest of the all-pairs store in use (its manifest lists every file's sha256).

    Empty when no store is built (the embedded tables, hashed with the data, serve the pairs).
    """
    path = datastore.current().store_dir / "manifest.json"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def job_hash(params: dict, inputs: dict[str, str], raw: Callable[[], str]) -> str:
    """Return the hash of one report: its parameters, the suite and everything it reads."""
    from analysis import report

    payload = {
        "params": params,
        "suite": list(report.suite()),
        "inputs": inputs,
        "store": raw(),
    }
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


def write_manifest(out_dir: Path, manifest: dict) -> Path:
    """Write the manifest atomically."""
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return write_atomic(Path(out_dir) / MANIFEST_NAME, text)


def render_index(entries: list[dict], title: str, generated_by: str) -> str:
    """Render the index page of a batch: one row per report with its status (all text escaped)."""
    import jinja2

    from analysis.countries import resolve
    from analysis.html import TEMPLATE_NAME, TEMPLATES_DIR, find_external_references

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
    counts = {s: sum(1 for e in entries if e["status"] == s) for s in STATUSES}
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / TEMPLATE_NAME),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("batch_index.html.j2").render(
        title=title, rows=rows, counts=counts, generated_by=generated_by
    )
    remote = find_external_references(page)
    if remote:
        raise RunFailure(f"the index would load resources from outside the file: {remote[:3]}")
    return page


# --- running --------------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def run_one(params: dict, out_dir: str) -> dict:
    """Build one report (in a worker process); return its outcome instead of raising."""
    from analysis.report import build_report, failed_notebook_path, suite

    started = time.perf_counter()
    try:
        build_report(params, Path(out_dir))
        return {"status": "ok", "seconds": time.perf_counter() - started, "message": ""}
    except (RunFailure, BadInput) as exc:
        message = str(exc)
    except Exception as exc:  # keep going: one report's crash must not stop the batch
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
    failed = [
        failed_notebook_path(Path(out_dir) / "failed", n, params).relative_to(out_dir).as_posix()
        for n in suite()
        if failed_notebook_path(Path(out_dir) / "failed", n, params).is_file()
    ]
    return {
        "status": "failed",
        "seconds": time.perf_counter() - started,
        "message": message,
        "failed_notebook": failed[0] if failed else None,
    }


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

    Returns
    -------
    dict
        ``{"index": Path, "reports": {stem: outcome}}`` where each outcome has ``status``
        (ok, skipped, failed), ``seconds`` and ``message``.

    Raises
    ------
    BadInput
        Any problem in the config, before a kernel starts.
    RunFailure
        When one or more reports failed (after all ran and the index was written).
    """
    from analysis.report import report_path, report_stem

    started = time.perf_counter()
    cfg = load_config(config_path)
    if workers is not None and workers < 1:
        raise BadInput(f"--workers must be at least 1, got {workers}")
    planned = plan_jobs(cfg)
    out = cfg.output
    inputs = fingerprint_inputs()
    raw_digest: list[str] = []

    def raw() -> str:
        if not raw_digest:
            raw_digest.append(fingerprint_store())
        return raw_digest[0]

    manifest = read_manifest(out)
    entries: dict[str, dict] = {}
    to_run = []
    for params in planned:
        stem = report_stem(params)
        h = job_hash(params, inputs, raw)
        previous = manifest["reports"].get(stem, {})
        entry = {
            "params": params,
            "report": report_path(out, params).name,
            "hash": h,
            "good_hash": previous.get("good_hash"),
            "last_good": previous.get("last_good"),
            "status": "pending",
            "seconds": 0.0,
            "message": "",
            "failed_notebook": None,
        }
        entries[stem] = entry
        unchanged = previous.get("good_hash") == h and report_path(out, params).is_file()
        if unchanged and not force:
            entry.update(status="skipped", message="unchanged since the last good run")
        else:
            to_run.append(params)

    n_workers = min(workers or cfg.workers or default_workers(), max(1, len(to_run)))
    progress = Progress(len(planned), stream, tty)
    progress.say(
        f"batch: {len(planned)} reports in {out}: {len(planned) - len(to_run)} unchanged, "
        f"{len(to_run)} to build with {n_workers} worker{'s' if n_workers != 1 else ''}"
    )
    out.mkdir(parents=True, exist_ok=True)

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
        manifest["reports"][stem] = {k: v for k, v in entry.items() if k != "hash"}
        write_manifest(out, manifest)
        progress.update(stem, outcome)

    skipped = [stem for stem, entry in entries.items() if entry["status"] == "skipped"]
    for stem in skipped:
        entries[stem]["last_run"] = _now()
        manifest["reports"][stem] = {k: v for k, v in entries[stem].items() if k != "hash"}
        progress.update(stem, entries[stem])
    if skipped:
        write_manifest(out, manifest)
    try:
        if n_workers == 1:
            for params in to_run:
                record(params, run_one(params, str(out)))
        else:
            _run_pool(to_run, out, n_workers, record)
    finally:
        progress.close()
        title = f"Reports of {cfg.path.name}"
        index = write_atomic(
            out / INDEX_NAME,
            render_index(list(entries.values()), title, f"bilateral {__version__} on {_now()}"),
        )
    failed = [stem for stem, e in entries.items() if e["status"] == "failed"]
    counts = {s: sum(1 for e in entries.values() if e["status"] == s) for s in STATUSES}
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


def _run_pool(to_run: list[dict], out: Path, n_workers: int, record) -> None:
    """Build reports in a pool of ``n_workers`` processes, recording each as it finishes."""
    import multiprocessing

    # "spawn": a fresh interpreter per worker (no fork of a process that may hold threads).
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=context) as pool:
        futures = {pool.submit(run_one, params, str(out)): params for params in to_run}
        pending = set(futures)
        try:
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
            for future in pending:
                future.cancel()
            raise
