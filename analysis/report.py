"""Run the notebook suite for a pair and export one offline HTML report.

A report is the notebooks of :data:`NOTEBOOKS`, executed in order with the same parameters and
rendered as the sections of one page (:mod:`analysis.html`). The notebooks of one report run one
after another in ONE Python kernel (:class:`KernelSession`): starting a kernel and importing pandas
and matplotlib costs about 2.5 s, the work of a notebook a fraction of that. Before each notebook
the kernel's namespace is emptied, so a notebook sees nothing of the one before it (modules stay
imported). Parameters are injected with papermill (a cell tagged ``injected-parameters`` after the
cell tagged ``parameters``) and cells run with nbclient.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import multiprocessing.util
import os
import shutil
import signal
import subprocess
import tempfile
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from analysis import __version__, browser, config, tempdirs
from analysis.countries import resolve
from analysis.curated import load_timeline
from analysis.datastore import current
from analysis.digest import report_digests
from analysis.dimensions.registry import DIMENSIONS
from analysis.errors import BadInput, RunFailure, quote
from analysis.fileio import check_output_dir, check_output_file, write_atomic, write_output
from analysis.html import render_report_html
from analysis.index import HEADLINE_MIMETYPE
from analysis.load_security import load_memberships
from analysis.panel import check_coverage, check_pair, check_years, get_panel
from analysis.parameters import appendix_rows, notebook_parameters, validate_extra
from analysis.sources import SOURCES_ALWAYS
from analysis.tables import read_catalog

#: Notebooks of a report, one section each: the overview and the closeness index, then each
#: dimension's notebook in the order of the registry (the one list of dimensions), then the
#: timeline and the methodology. The report follows this order, except that the names in FIRST
#: open it and those in LAST close it wherever they are listed (so a name appended at the end
#: still comes before the methodology).
NOTEBOOKS = tuple(
    dict.fromkeys(
        (
            "overview.ipynb",
            "index.ipynb",
            *(dim.notebook for dim in DIMENSIONS),
            "timeline.ipynb",
            "methodology.ipynb",
        )
    )
)
FIRST = ("overview.ipynb",)
LAST = ("methodology.ipynb",)

#: Kernel of every run: the Python of this environment (ipykernel's native kernel).
KERNEL_NAME = "python3"
#: Seconds one cell may run before the run fails (a scheduled batch must not hang).
CELL_TIMEOUT = 600
#: Seconds a kernel may take to start.
STARTUP_TIMEOUT = 120
#: The first cell of every notebook after a session's first: empties the namespace as %reset -f
#: does, without its gc.collect() (0.1 s a notebook in a kernel holding pandas); with the
#: output cache off (cache_size=0, set at the start) nothing else holds the old values.
RESET_SOURCE = "get_ipython().reset(new_session=False)"
#: File holding the kernel's pid in the kernel's socket folder (``bilateral-kernel-*``).
KERNEL_PID_FILE = "kernel.pid"
#: Set (to any value) in a batch's workers: their kernels' own log lines and, after a stop, the
#: traceback of a kernel killed while starting do not reach the batch's stderr (a cell's error
#: reaches the report through the kernel's messages, not its stderr).
QUIET_KERNELS_ENV = "BILATERAL_QUIET_KERNELS"

#: Tag of the failing cell in a saved failed notebook.
FAILED_CELL_TAG = "failed-cell"


def suite(notebooks: Sequence[str] | None = None) -> tuple[str, ...]:
    """Return the notebooks of a report in the order they run: FIRST, the others, LAST.

    Examples
    --------
    >>> suite(["economy.ipynb", "methodology.ipynb", "overview.ipynb", "timeline.ipynb"])
    ('overview.ipynb', 'economy.ipynb', 'timeline.ipynb', 'methodology.ipynb')
    """
    names = list(dict.fromkeys(NOTEBOOKS if notebooks is None else notebooks))
    first = [n for n in FIRST if n in names]
    last = [n for n in LAST if n in names]
    return tuple(first + [n for n in names if n not in first and n not in last] + last)


def validate_parameters(
    a: str,
    b: str,
    start: int | None,
    end: int | None,
    names: tuple[str, str] = ("--start", "--end"),
    clamp_start: bool = False,
    extra: dict | None = None,
    option: str = "--param",
) -> dict:
    """Check a report's parameters before any kernel starts and fill in the defaults.

    Parameters
    ----------
    a, b : str
        Focal country and partner (ISO3, ISO2, COW number or name).
    start, end : int or None
        The period (None: from the first / to the last year of the pair's data).
    names : tuple of str
        How the start and end are called in messages (``periods[0].start`` in a batch).
    clamp_start : bool
        ``start`` is a default (2000), not the user's: when the pair's data begin later, the
        report starts with them instead of refusing the period.
    extra : dict, optional
        Other notebook parameters (``--param NAME=VALUE``), checked against the types the
        notebooks declare (:mod:`analysis.parameters`); ``option`` names them in messages.

    Returns
    -------
    dict
        ``country_a, country_b, start_year, end_year`` and the ``extra`` parameters (typed) as
        the notebooks receive them.

    Raises
    ------
    BadInput
        Unknown or identical countries, a year that is not a positive integer, start after end,
        a start or end outside the years the pair's data cover, a bad row in a curated table
        the notebooks read (naming the file, line and column) or a damaged catalog, so that no
        kernel starts on data that would fail.
    """

    extra = validate_extra(extra, declared_parameters(), option)
    for name, value in zip(names, (start, end), strict=True):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise BadInput(f"{name} must be a year such as 2000, got {quote(value)}")
    a, b = check_pair(a, b)
    check_years(start, end, names)
    covered = current().pair_years(a, b)
    years = check_coverage(covered, a, b, start, end, names, clamp_start)
    if start is not None and clamp_start:
        start = max(start, min(covered))
    # What the notebooks read besides the panel, checked here, before any kernel: the curated
    # tables and the catalog.
    load_timeline()
    load_memberships()
    current().catalog()
    return {
        "country_a": a,
        "country_b": b,
        "start_year": int(start if start is not None else years[0]),
        "end_year": int(end if end is not None else years[-1]),
        **extra,
    }


def declared_parameters() -> dict:
    """Return the typed parameters the suite's notebooks declare (besides the pair and period)."""
    return notebook_parameters(suite())


def report_stem(params: dict) -> str:
    """Return the base name of a report: ``A-B_START-END`` (``..._brief`` for the brief
    edition, so the two editions of a pair live side by side)."""
    p = params
    brief = "_brief" if is_brief(p) else ""
    return f"{p['country_a']}-{p['country_b']}_{p['start_year']}-{p['end_year']}{brief}"


#: Editions of a report: ``full`` (every notebook, the default) and ``brief`` (findings, a
#: compact headline table, one key chart per dimension and the closeness index: the cells of
#: :data:`BRIEF_NOTEBOOKS` tagged :data:`BRIEF_TAG`).
EDITIONS = ("full", "brief")
BRIEF_NOTEBOOKS = ("overview.ipynb", "index.ipynb")
BRIEF_TAG = "brief"


#: Code cells a brief edition runs: those it shows (:data:`BRIEF_TAG`), the parameters and the
#: cells tagged ``setup`` that compute what they show. The others are tagged ``skip-execution``
#: (nbclient's tag) and do not run: their outputs would be dropped (about 2 s a report saved).
BRIEF_RUN_TAGS = frozenset({BRIEF_TAG, "setup", "parameters", "injected-parameters"})
SKIP_TAG = "skip-execution"


def is_brief(params: dict) -> bool:
    """Return whether ``params`` ask for the brief edition."""
    return params.get("edition") == "brief"


def suite_for(params: dict) -> tuple[str, ...]:
    """Return the notebooks a report of ``params`` runs: :func:`suite`, or the brief ones."""
    return tuple(n for n in suite() if n in BRIEF_NOTEBOOKS) if is_brief(params) else suite()


def _brief_cells(nb):
    """Return a copy of an executed notebook with only its cells tagged :data:`BRIEF_TAG`."""
    import nbformat

    keep = [c for c in nb.cells if BRIEF_TAG in c.get("metadata", {}).get("tags", [])]
    return nbformat.from_dict({**nb, "cells": keep})


def report_path(out_dir: Path, params: dict) -> Path:
    """Return the report's file name: ``A-B_START-END.html`` in ``out_dir``."""
    return Path(out_dir) / f"{report_stem(params)}.html"


def pdf_path(out_dir: Path, params: dict) -> Path:
    """Return the report's PDF: ``A-B_START-END.pdf`` beside its HTML."""
    return Path(out_dir) / f"{report_stem(params)}.pdf"


def failed_notebook_path(failed_dir: Path, name: str, params: dict) -> Path:
    """Return where the executed notebook ``name`` of a failed run is saved."""
    return Path(failed_dir) / f"{Path(name).stem}_{report_stem(params)}.ipynb"


def _kernel_manager_class():
    """Return a KernelManager that talks to its kernel over local IPC sockets, not TCP.

    Local sockets need no open port and silence ipykernel's warning about unencrypted TCP.
    """
    from jupyter_client.manager import KernelManager
    from traitlets import CaselessStrEnum

    class IPCKernelManager(KernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    return IPCKernelManager


def _no_signal_handlers(*args, **kwargs):
    raise RuntimeError("signal handlers stay the process's own")


@functools.cache
def _client_class():
    """Return an nbclient NotebookClient that remembers the index of the cell it is running and
    leaves the process's signal handlers alone.

    nbclient routes SIGINT and SIGTERM to a handler of its own while a notebook runs, one that
    does not stop the process (``bilateral report`` would go on after a SIGTERM), and resets them
    to the defaults afterwards (undoing a handler the process set itself). It skips that step
    when the event loop's signal API raises ``RuntimeError`` (as outside the main thread), so the
    client hides that API from it while it runs.
    """
    import asyncio
    from contextlib import asynccontextmanager

    from nbclient import NotebookClient

    class TrackingClient(NotebookClient):
        current_index: int | None = None

        async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
            self.current_index = cell_index
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

        @asynccontextmanager
        async def async_setup_kernel(self, **kwargs):
            loop = asyncio.get_running_loop()
            loop.add_signal_handler = loop.remove_signal_handler = _no_signal_handlers
            try:
                async with super().async_setup_kernel(**kwargs):
                    yield
            finally:
                del loop.add_signal_handler, loop.remove_signal_handler

    return TrackingClient


class KernelSession:
    """A Python kernel in which notebooks run one after another (a context manager).

    Each :meth:`run` starts from an empty namespace (``%reset -f``), as in a fresh kernel, except
    that imported modules stay loaded. Leaving the ``with`` block shuts the kernel down.

    Used as ``with KernelSession() as session: executed = [session.run(nb) for nb in nbs]``
    (tests/test_report.py runs it).
    """

    def __init__(self, cwd: Path | None = None):
        self.cwd = Path(cwd or config.NOTEBOOKS_DIR)
        self.km = None
        self.runs = 0
        self._kc = None
        self._sockets = ""
        self._starting = None

    def __enter__(self) -> KernelSession:
        # IPC socket paths are relative to each process's working directory unless absolute; the
        # kernel runs in the notebooks folder, so give them an absolute home of their own.
        self._sockets = tempfile.mkdtemp(prefix=tempdirs.owned_prefix(tempdirs.KERNEL_PREFIX))
        km = _kernel_manager_class()(
            kernel_name=KERNEL_NAME, ip=str(Path(self._sockets) / "kernel")
        )
        self._starting = km
        try:
            # An in-memory history: two kernels at once must not share ~/.ipython's sqlite file.
            quiet = {"stderr": subprocess.DEVNULL} if os.environ.get(QUIET_KERNELS_ENV) else {}
            km.start_kernel(
                cwd=str(self.cwd),
                extra_arguments=[
                    "--HistoryManager.hist_file=:memory:",
                    "--InteractiveShell.cache_size=0",
                ],
                **quiet,
            )
        except Exception as exc:
            self.kill()
            raise RunFailure(
                f"the {KERNEL_NAME} kernel did not start ({type(exc).__name__}: {exc}); "
                "check that ipykernel is installed in this environment"
            ) from None
        self.km = km
        # The kernel's pid beside its sockets: a batch that stops ends its workers' kernels by it.
        pid = getattr(km.provisioner, "pid", None)
        if pid:
            (Path(self._sockets) / KERNEL_PID_FILE).write_text(f"{pid}\n", encoding="ascii")
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._kc is not None:
                with contextlib.suppress(Exception):
                    self._kc.stop_channels()
                self._kc = None
            if self.km is not None:
                try:
                    self.km.shutdown_kernel(now=True)
                except Exception:  # a kernel killed already, or one that does not answer
                    self.kill()
        finally:
            self.km = self._starting = None
            shutil.rmtree(self._sockets, ignore_errors=True)

    def kill(self) -> None:
        """End the kernel now (SIGKILL to its process group) and remove its files.

        The kernel runs in a session of its own (jupyter_client starts it so): its process group
        is its own.
        """
        km = self.km or self._starting
        provisioner = getattr(km, "provisioner", None)
        pgid = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)
        connection_file = getattr(km, "connection_file", "")
        if connection_file:
            Path(connection_file).unlink(missing_ok=True)
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)

    def run(self, nb):
        """Execute every code cell of ``nb`` in place and return it.

        Raises
        ------
        Exception
            nbclient's ``CellExecutionError``, ``CellTimeoutError`` or ``DeadKernelError``; the
            attribute ``cell_index`` of the exception names the cell that was running.
        """
        import nbformat

        if self.km is None:
            raise RuntimeError("KernelSession.run outside its with block")
        # After the first notebook, the namespace is emptied by a cell run first in the same
        # client (a client of its own for the reset cost about 0.3 s a notebook).
        reset = 1 if self.runs else 0
        if reset:
            nb.cells.insert(0, nbformat.v4.new_code_cell(RESET_SOURCE))
        self.runs += 1
        client = _client_class()(
            nb,
            km=self.km,
            kernel_name=KERNEL_NAME,
            timeout=CELL_TIMEOUT,
            startup_timeout=STARTUP_TIMEOUT,
            resources={"metadata": {"path": str(self.cwd)}},
        )
        # The kernel client of the previous run, when it ended well: a new one waits 0.2 s for
        # the kernel's output channel to fall quiet (jupyter_client's wait_for_ready).
        client.kc, self._kc = self._kc, None
        try:
            client.execute()
        except Exception as exc:
            index = client.current_index
            if client.kc is not None:
                client.kc.stop_channels()  # it may hold the failed run's messages
            if reset and index == 0:
                raise RunFailure("the kernel could not be reset between two notebooks") from exc
            exc.cell_index = None if index is None else index - reset
            raise
        finally:
            if reset:
                del nb.cells[0]
        self._kc = client.kc
        return nb


def prepare_notebook(name: str, params: dict):
    """Read notebook ``name`` from the notebooks folder and inject ``params`` (papermill)."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    src = config.NOTEBOOKS_DIR / name
    if not src.is_file():
        raise BadInput(f"notebook not found: {src}; report.NOTEBOOKS lists {', '.join(NOTEBOOKS)}")
    return parameterize_notebook(
        load_notebook_node(str(src)),
        params,
        report_mode=True,
        kernel_name=KERNEL_NAME,
        language="python",
    )


def _save_failed(nb, name: str, params: dict, failed_dir: Path, index, message: str) -> Path:
    """Save a failed run's executed notebook with the failing cell tagged and a note on top."""
    import nbformat

    if index is not None and 0 <= index < len(nb.cells):
        tags = nb.cells[index].metadata.setdefault("tags", [])
        if FAILED_CELL_TAG not in tags:
            tags.append(FAILED_CELL_TAG)
    note = nbformat.v4.new_markdown_cell(
        f"**This run failed.** {message}\n\nThe failing cell is tagged `{FAILED_CELL_TAG}`; the "
        "cells after it did not run."
    )
    note.metadata["tags"] = ["remove-cell"]
    nb.cells.insert(0, note)
    path = failed_notebook_path(failed_dir, name, params)
    write_atomic(path, nbformat.writes(nb))
    return path


def execute_notebook(name: str, params: dict, failed_dir: Path, session: KernelSession):
    """Execute notebook ``name`` with ``params`` in ``session`` and return it (NotebookNode).

    Raises
    ------
    RunFailure
        When a cell fails, times out or the kernel dies; the executed notebook is saved under
        ``failed_dir`` and the message names the notebook, the cell and the error.
    """
    nb = prepare_notebook(name, params)
    if is_brief(params):
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if cell.cell_type == "code" and not BRIEF_RUN_TAGS & set(tags):
                cell.metadata["tags"] = [*tags, SKIP_TAG]
    try:
        return session.run(nb)
    except Exception as exc:
        index = getattr(exc, "cell_index", None)
        ename = getattr(exc, "ename", None) or type(exc).__name__
        evalue = str(getattr(exc, "evalue", None) or exc).strip()
        evalue = evalue.splitlines()[0] if evalue else ""
        # Name the cell as in JupyterLab: its position in the stored notebook (without the
        # injected-parameters cell), and its first line.
        stored = [i for i, c in enumerate(nb.cells) if "injected-parameters" not in _tags(c)]
        if index is None:
            where = "the kernel, before any cell ran"
        elif index in stored:
            where = f"cell {stored.index(index) + 1}"
        else:
            where = "the injected parameters"
        first_line = ""
        if index is not None:
            lines = [ln for ln in nb.cells[index].source.splitlines() if ln.strip()]
            first_line = f" at `{lines[0].strip()[:60]}`" if lines else ""
        message = f"notebook {name} failed in {where} ({ename}: {evalue}){first_line}"
        try:
            path = _save_failed(nb, name, params, failed_dir, index, message)
            saved = f"executed notebook saved to {path}"
        except OSError as save_exc:
            saved = f"the executed notebook could not be saved ({save_exc.strerror or save_exc})"
        raise RunFailure(f"{message}; {saved}") from None


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


#: Output mimetype by which a notebook tells the runner the sources its pair's rows come from
#: (not shown in the report): the runner then lists only those, without reading the panel again.
SOURCES_MIMETYPE = "application/x-bilateral-sources+json"


def sources_used(executed: list, params: dict) -> set[str]:
    """Return the catalog ids of the sources a report draws on: those its notebooks declared
    (:data:`SOURCES_MIMETYPE`; the overview declares its panel's row sources) and
    :data:`SOURCES_ALWAYS`; the pair's panel read here when no notebook declared any. The
    report lists only these, so it names no source that says nothing about the pair."""
    used: set[str] = set()
    for nb in executed:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                ids = out.get("data", {}).get(SOURCES_MIMETYPE)
                if isinstance(ids, list):
                    used.update(str(i) for i in ids)
    if not used:
        panel = get_panel(
            params["country_a"], params["country_b"], params["start_year"], params["end_year"]
        )
        used = {p for sid in panel["source"].dropna().unique() for p in str(sid).split("+")}
    return used | set(SOURCES_ALWAYS)


def render_report(executed: list, params: dict) -> str:
    """Assemble executed notebooks into the report's HTML text."""

    catalog = read_catalog()
    name_a, name_b = resolve(params["country_a"]).name, resolve(params["country_b"]).name
    used = sources_used(executed, params)
    sources = [
        {
            "id": sid,
            "title": s["title"],
            "publisher": s["publisher"],
            "citation": s["citation"],
            "url": s["url"],
            "license": s["license"],
        }
        for sid, s in catalog["sources"].items()
        if sid in used
    ]
    versions = {
        sid: f"{s['coverage']}; raw sha256 {s['raw_files'][0]['sha256'][:12]}"
        for sid, s in catalog["sources"].items()
        if s.get("raw_files") and sid in used
    }
    read = data_read_digest(params)
    versions["data read"] = (
        f"digest {read[:16]} of the rows this report read (its pair's and its peers', their "
        "detail tables and curated facts: a batch rebuilds the report when it changes)"
        if read
        else "no digest: the all-pairs store predates them (rebuild it: bilateral data build)"
    )
    today = dt.datetime.now(dt.UTC).date().isoformat()
    edition = " · brief edition" if is_brief(params) else ""
    if is_brief(params):
        executed = [_brief_cells(nb) for nb in executed]
    return render_report_html(
        executed,
        title=f"{name_a} and {name_b}: the bilateral relationship",
        subtitle=f"{params['start_year']}–{params['end_year']}{edition} · indicators from public data",
        parameters=appendix_rows(params, declared_parameters()),
        sources=sources,
        data_versions=versions,
        generated_by=f"bilateral {__version__} on {today}",
        fold_appendix=is_brief(params),
    )


class Built(NamedTuple):
    """What :func:`build` made: the report's path and the index headline its index notebook
    handed over (:func:`analysis.index.headline`; None when the suite did not compute it)."""

    path: Path
    index: dict | None


def build_report(
    params: dict,
    out_dir: Path,
    session: KernelSession | None = None,
    *,
    pdf: bool = False,
    progress: Callable[[int, int, str, float], None] | None = None,
) -> Path:
    """Execute the suite for validated ``params``, write the report atomically, return its path
    (:func:`build`)."""
    return build(params, out_dir, session, pdf=pdf, progress=progress).path


def build(
    params: dict,
    out_dir: Path,
    session: KernelSession | None = None,
    *,
    pdf: bool = False,
    progress: Callable[[int, int, str, float], None] | None = None,
) -> Built:
    """Execute the suite for validated ``params`` and write the report atomically.

    A failure leaves any previous report in place and saves the failing notebook under
    ``out_dir/failed``; a success removes that pair's stale failed notebooks. With ``pdf`` the
    HTML is also printed to ``A-B_START-END.pdf`` beside it (:func:`analysis.browser.print_pdf`).
    ``progress(i, n, name, seconds)`` is called after each notebook (``i`` counted from 1).
    """
    out_dir = Path(out_dir)
    failed_dir = out_dir / "failed"
    if session is None:
        with KernelSession() as own:
            return build(params, out_dir, own, pdf=pdf, progress=progress)
    names = suite_for(params)
    executed = []
    for i, name in enumerate(names, 1):
        started = time.perf_counter()
        executed.append(execute_notebook(name, params, failed_dir, session))
        if progress is not None:
            progress(i, len(names), name, time.perf_counter() - started)
    path = write_output(report_path(out_dir, params), render_report(executed, params))
    for name in names:
        failed_notebook_path(failed_dir, name, params).unlink(missing_ok=True)
    if failed_dir.is_dir() and not any(failed_dir.iterdir()):
        failed_dir.rmdir()
    if pdf:
        browser.print_pdf(path, pdf_path(out_dir, params))
    return Built(path, index_headline(executed))


_read_digests: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def data_read_digest(params: dict) -> str:
    """Return the digest of the data the report of ``params`` reads
    (:class:`analysis.digest.DataDigest`, the one a batch compares), "" when the store has no
    digests. Loaded once per data in use and process."""
    ds = current()
    if ds not in _read_digests:
        _read_digests[ds] = report_digests(ds, lambda: "")
    return _read_digests[ds](params)


def index_headline(executed: list) -> dict | None:
    """Return the index headline an executed notebook handed over
    (:data:`analysis.index.HEADLINE_MIMETYPE`), None when none did."""
    for nb in executed:
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                found = out.get("data", {}).get(HEADLINE_MIMETYPE)
                if isinstance(found, dict):
                    return dict(found)
    return None


_warm: dict[str, KernelSession | None] = {"session": None}


def warm_session() -> KernelSession:
    """Return this process's warm kernel, started on first use and shut down when the process
    exits (a batch or cluster worker builds report after report in it)."""
    if _warm["session"] is None:
        _warm["session"] = KernelSession().__enter__()
        atexit.register(drop_warm_session)
        # a pool worker leaves by os._exit after multiprocessing's own finalizers, not atexit's
        multiprocessing.util.Finalize(None, drop_warm_session, exitpriority=10)
    return _warm["session"]


def drop_warm_session() -> None:
    """Shut this process's warm kernel down (the next report starts a fresh one)."""
    session, _warm["session"] = _warm["session"], None
    if session is not None:
        try:
            session.__exit__(None, None, None)
        except Exception:  # a kernel that died already
            session.kill()


def check_pdf_possible() -> None:
    """Raise :class:`BadInput` when a PDF cannot be printed here (no Playwright or Chromium)."""
    problem = browser.chromium_missing()
    if problem:
        raise BadInput(f"--pdf needs Chromium: {problem}")


def run_report(
    a: str,
    b: str,
    start: int | None,
    end: int | None,
    out_dir: Path,
    clamp_start: bool = False,
    *,
    extra: dict | None = None,
    pdf: bool = False,
    progress: Callable[[int, int, str, float], None] | None = None,
) -> Path:
    """Validate, execute every notebook of the suite, and write the HTML report atomically.

    Parameters (``clamp_start``: see :func:`validate_parameters`; ``extra``: other notebook
    parameters), the output folder and, with ``pdf``, Chromium are checked before any kernel
    starts; a failure leaves any previous report in place. ``progress``: see
    :func:`build_report`.
    """
    params = validate_parameters(a, b, start, end, clamp_start=clamp_start, extra=extra)
    if pdf:
        check_pdf_possible()
    out_dir = check_output_dir(out_dir)
    check_output_files(out_dir, params, pdf=pdf)
    return build_report(params, out_dir, pdf=pdf, progress=progress)


def check_output_files(out_dir: Path, params: dict, pdf: bool = False) -> None:
    """Check that the report (its PDF too, with ``pdf``) and its failed notebooks could be
    written in ``out_dir``.

    Raises
    ------
    BadInput
        The report's path is a folder, or ``failed`` is a file.
    """
    check_output_file(report_path(out_dir, params))
    if pdf:
        check_output_file(pdf_path(out_dir, params))
    failed = Path(out_dir) / "failed"
    if failed.exists() and not failed.is_dir():
        raise BadInput(
            f"{failed} is a file, but failed notebooks are saved in a folder there; move it away"
        )
