"""Time a report and a batch, and print ratios measured in this one run.

- ``bilateral report ARM RUS`` end to end (a fresh process, as a user runs it);
- the notebooks of that report run in one shared kernel (the runner's way) against one kernel per
  notebook (papermill's way), in this process, best of two;
- an 8-pair batch (2018-2020) with 1 and with 2 workers (``--force``: everything rebuilt), and a
  second run of it that skips all.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_report.py``. Uses the embedded data.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAIRS = ["ARM-RUS", "ARM-FRA", "ARM-IRN", "ARM-USA", "ARM-GEO", "AZE-RUS", "GEO-RUS", "KAZ-RUS"]


def timed(args):
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


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
        report_s = timed([BIN / "bilateral", "report", "ARM", "RUS", "--out", tmp / "r"])
        size = next((tmp / "r").glob("*.html")).stat().st_size
        run_suite(tmp, shared=True)  # warm up the imports of this process
        shared_s = min(run_suite(tmp, shared=True) for _ in range(2))
        separate_s = min(run_suite(tmp, shared=False) for _ in range(2))
        cfg = tmp / "batch.yml"
        cfg.write_text(
            "output: out\nperiods: [{start: 2018, end: 2020}]\npairs:\n"
            + "".join(f"  - {p}\n" for p in PAIRS),
            encoding="utf-8",
        )
        w1 = timed([BIN / "bilateral", "batch", cfg, "--workers", "1", "--force"])
        w2 = timed([BIN / "bilateral", "batch", cfg, "--workers", "2", "--force"])
        skip = timed([BIN / "bilateral", "batch", cfg, "--workers", "2"])
    print(f"bilateral report ARM RUS:             {report_s:6.1f} s  ({size / 1024:.0f} KiB)")
    n = len(report.suite())
    print(f"suite of {n} notebooks, one kernel:     {shared_s:6.1f} s  (in process, no HTML)")
    print(
        f"suite, one kernel per notebook:       {separate_s:6.1f} s  (x{separate_s / shared_s:.2f})"
    )
    print(
        f"batch of {len(PAIRS)} pairs, 1 worker:         {w1:6.1f} s  ({w1 / len(PAIRS):.1f} s a report)"
    )
    print(f"batch of {len(PAIRS)} pairs, 2 workers:        {w2:6.1f} s  (speed-up x{w1 / w2:.2f})")
    print(f"batch again, nothing changed:         {skip:6.1f} s  (all skipped)")


if __name__ == "__main__":
    main()
