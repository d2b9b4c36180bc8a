"""Run the notebook suite for a pair with papermill and export one offline HTML report."""

from __future__ import annotations

import tempfile
from pathlib import Path

from analysis import __version__, config
from analysis.countries import resolve
from analysis.errors import BadInput, RunFailure
from analysis.fileio import write_atomic

#: Notebooks of a report, in order; each becomes one section.
NOTEBOOKS = ("index.ipynb", "economy.ipynb")

#: papermill kernel: the Python of this environment (ipykernel's native kernel).
KERNEL_NAME = "python3"


def validate_parameters(a: str, b: str, start: int | None, end: int | None) -> dict:
    """Check a report's parameters before any kernel starts and fill in the defaults.

    Returns
    -------
    dict
        ``country_a, country_b, start_year, end_year`` as the notebooks receive them.
    """
    from analysis.panel import check_pair, check_years, get_panel

    for name, value in (("--start", start), ("--end", end)):
        if value is not None and not isinstance(value, int):
            raise BadInput(f"{name} must be a year such as 2000, got {value!r}")
    a, b = check_pair(a, b)
    check_years(start, end)
    panel = get_panel(a, b, start, end)
    return {
        "country_a": a,
        "country_b": b,
        "start_year": int(start if start is not None else panel["year"].min()),
        "end_year": int(end if end is not None else panel["year"].max()),
    }


def report_path(out_dir: Path, params: dict) -> Path:
    """Return the report's file name: ``A-B_START-END.html`` in ``out_dir``."""
    p = params
    return (
        Path(out_dir) / f"{p['country_a']}-{p['country_b']}_{p['start_year']}-{p['end_year']}.html"
    )


def _kernel_manager_class():
    """Return a KernelManager that talks to its kernel over local IPC sockets, not TCP.

    Local sockets need no open port and silence ipykernel's warning about unencrypted TCP.
    """
    from jupyter_client.manager import KernelManager
    from traitlets import CaselessStrEnum

    class IPCKernelManager(KernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    return IPCKernelManager


def execute_notebook(name: str, params: dict, workdir: Path, failed_dir: Path):
    """Execute one notebook with papermill and return the executed NotebookNode.

    Raises
    ------
    RunFailure
        When a cell fails; the executed notebook is saved under ``failed_dir`` and the
        message names the notebook, the cell and the error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    src = config.NOTEBOOKS_DIR / name
    dst = Path(workdir) / name
    try:
        return papermill.execute_notebook(
            str(src),
            str(dst),
            parameters=params,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            cwd=str(config.NOTEBOOKS_DIR),
            report_mode=True,
            kernel_manager_class=_kernel_manager_class(),
        )
    except PapermillExecutionError as exc:
        failed = (
            Path(failed_dir)
            / f"{Path(name).stem}_{params['country_a']}-{params['country_b']}.ipynb"
        )
        failed.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            write_atomic(failed, dst.read_bytes())
        evalue = str(exc.evalue).splitlines()[0] if exc.evalue else ""
        raise RunFailure(
            f"notebook {name} failed in cell {exc.cell_index} ({exc.ename}: {evalue}); "
            f"executed notebook saved to {failed}"
        ) from None


def render_report(executed: list, params: dict) -> str:
    """Assemble executed notebooks into the report's HTML text."""
    from analysis.html import render_report_html
    from analysis.tables import read_catalog

    catalog = read_catalog()
    name_a, name_b = resolve(params["country_a"]).name, resolve(params["country_b"]).name
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
    ]
    versions = {
        f"processed/{name}": f"sha256 {meta['sha256'][:12]}, {meta['rows']} rows"
        for name, meta in catalog["processed"].items()
    }
    versions.update(
        {
            sid: f"{s['coverage']}; raw sha256 {s['raw_files'][0]['sha256'][:12]}"
            for sid, s in catalog["sources"].items()
        }
    )
    return render_report_html(
        executed,
        title=f"{name_a} and {name_b}: the bilateral relationship",
        subtitle=f"{params['start_year']}–{params['end_year']} · indicators from public data",
        parameters=params,
        sources=sources,
        data_versions=versions,
        generated_by=f"bilateral {__version__}",
    )


def run_report(a: str, b: str, start: int | None, end: int | None, out_dir: Path) -> Path:
    """Validate, execute every notebook of the suite, and write the HTML report atomically.

    A failure leaves any previous report in place.
    """
    params = validate_parameters(a, b, start, end)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="bilateral-") as tmp:
        executed = [execute_notebook(nb, params, Path(tmp), out_dir / "failed") for nb in NOTEBOOKS]
    return write_atomic(report_path(out_dir, params), render_report(executed, params))
