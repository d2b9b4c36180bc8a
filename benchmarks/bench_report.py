"""Time the report's notebooks in one shared kernel against one kernel per notebook.

The runner's way (one kernel per report, namespace reset between notebooks) against papermill's
way (a kernel per notebook), both in this process without the HTML, best of two; printed with the
ratio. The report end to end, the batch and the other figures are in ``bench_perf.py``.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_report.py``. Uses the embedded data.
"""

import tempfile
import time
from pathlib import Path


def run_suite(out: Path, shared: bool) -> float:
    """Execute the suite for ARM-RUS in this process (no HTML): in one shared kernel (the
    runner's way) or in one kernel per notebook (papermill's way, the runner before)."""
    import papermill

    from analysis import config, report

    params = report.validate_parameters("ARM", "RUS", 2000, None)
    start = time.perf_counter()
    if shared:
        with report.KernelSession() as session:
            for name in report.suite():
                report.execute_notebook(name, params, out / "failed", session)
    else:
        for name in report.suite():
            papermill.execute_notebook(
                str(config.NOTEBOOKS_DIR / name),
                str(out / name),
                parameters=params,
                kernel_name="python3",
                progress_bar=False,
                cwd=str(config.NOTEBOOKS_DIR),
                kernel_manager_class=report._kernel_manager_class(),
            )
    return time.perf_counter() - start


def main() -> None:
    from analysis import report

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run_suite(tmp, shared=True)  # warm up the imports of this process
        shared_s = min(run_suite(tmp, shared=True) for _ in range(2))
        separate_s = min(run_suite(tmp, shared=False) for _ in range(2))
    n = len(report.suite())
    print(f"suite of {n} notebooks, one kernel:     {shared_s:6.1f} s  (in process, no HTML)")
    print(
        f"suite, one kernel per notebook:       {separate_s:6.1f} s  (x{separate_s / shared_s:.2f})"
    )


if __name__ == "__main__":
    main()
