"""Time a report and a batch, and print ratios measured in this one run.

- ``bilateral report ARM RUS`` end to end (a fresh process, as a user runs it), and the same
  notebooks run the old way, one kernel per notebook (papermill), for comparison;
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


def one_kernel_per_notebook(out: Path) -> float:
    """Run the suite with papermill, one kernel per notebook (the runner before the batch work)."""
    import papermill

    from analysis import config, report

    start = time.perf_counter()
    params = report.validate_parameters("ARM", "RUS", 2000, None)
    for name in report.suite():
        papermill.execute_notebook(
            str(config.NOTEBOOKS_DIR / name),
            str(out / name),
            parameters=params,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(config.NOTEBOOKS_DIR),
        )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report_s = timed([BIN / "bilateral", "report", "ARM", "RUS", "--out", tmp / "r"])
        size = next((tmp / "r").glob("*.html")).stat().st_size
        separate_s = one_kernel_per_notebook(tmp)
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
    print(
        f"same suite, one kernel per notebook:  {separate_s:6.1f} s  (in-process papermill, no HTML)"
    )
    print(
        f"batch of {len(PAIRS)} pairs, 1 worker:         {w1:6.1f} s  ({w1 / len(PAIRS):.1f} s a report)"
    )
    print(f"batch of {len(PAIRS)} pairs, 2 workers:        {w2:6.1f} s  (speed-up x{w1 / w2:.2f})")
    print(f"batch again, nothing changed:         {skip:6.1f} s  (all skipped)")


if __name__ == "__main__":
    main()
