"""Performance figures of issue #7, measured in one run so the machine's noise cancels.

Prints one table:

- report: wall time of ``bilateral report ARM RUS`` (a fresh process, as a user runs it) against
  the in-process floor: a fresh process that runs the same notebooks' code cells in ONE IPython
  shell without any kernel (``InteractiveShell`` with the inline backend, ``%reset -f`` between
  notebooks, figures captured as display outputs) and assembles the same HTML. Both include the
  interpreter's start and imports; best of two each, interleaved. The ratio is the target (<= 2);
  the gap is the cost of kernels and of the runner.
- batch: 12 pairs (2018-2020, ``--force``) with 1 and with 2 workers: the speed-up (target >= 1.8;
  the machine has 2 cores).
- all-pairs UNGA alignment 1946-2019 (the array code, best of 3) and its ratio to the
  straightforward pandas self-merge: the self-merge on all years takes minutes, so by default both
  run on 2010-2019 for the ratio (``--full``: on all years, as ``alignment_all_pairs.py`` does).
- data build: time of ``bilateral data build`` into a temporary folder (a fresh process; no
  straightforward version to compare with, time only).
- peak memory of the report process tree (the CLI and its kernel; psutil, sampled every 20 ms)
  and the import time of ``analysis`` and of ``analysis.cli`` (what ``bilateral`` imports):
  ``python -c "import X"`` minus ``python -c pass``, best of five.

Run: ``make bench`` or ``BILATERAL_RAW_DIR=... .venv/bin/python benchmarks/bench_perf.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAIRS = ["ARM-RUS", "ARM-FRA", "ARM-IRN", "ARM-USA", "ARM-CHN", "ARM-GEO",
         "AZE-RUS", "GEO-RUS", "KAZ-RUS", "BLR-RUS", "ARM-TUR", "GEO-USA"]  # fmt: skip


def floor_report(a: str, b: str, out: Path) -> Path:
    """Run the report's notebooks in this process without kernels and write the same HTML."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from analysis import config, report
    from analysis.fileio import write_atomic

    params = report.validate_parameters(a, b, config.DEFAULT_START, None)
    os.chdir(config.NOTEBOOKS_DIR)
    # The kernel's set-up: ipykernel selects the inline backend through MPLBACKEND and
    # matplotlib_inline hooks itself into the shell (figures shown after each cell).
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    shell = InteractiveShell.instance()
    import matplotlib.pyplot  # noqa: F401
    from matplotlib_inline.backend_inline import configure_inline_support

    configure_inline_support(shell, "inline")
    executed = []
    for name in report.suite():
        shell.run_line_magic("reset", "-f")
        nb = report.prepare_notebook(name, params)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            with capture_output() as cap:
                result = shell.run_cell(cell.source, store_history=False)
            result.raise_error()
            outputs = []
            if cap.stdout:
                outputs.append(nbformat.v4.new_output("stream", name="stdout", text=cap.stdout))
            outputs += [
                nbformat.v4.new_output("display_data", data=o.data, metadata=o.metadata)
                for o in cap.outputs
            ]
            cell.outputs = outputs
        executed.append(nb)
    return write_atomic(report.report_path(out, params), report.render_report(executed, params))


def timed(args, **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start


def peak_tree_rss(args) -> tuple[float, float]:
    """Run ``args``; return (seconds, peak resident memory of its process tree in MiB)."""
    import psutil

    start = time.perf_counter()
    proc = psutil.Popen([str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    if proc.returncode:
        raise SystemExit(f"{args} failed: {proc.stderr.read().decode()[-2000:]}")
    return time.perf_counter() - start, peak / 2**20


def import_time(module: str) -> float:
    py = sys.executable
    base = min(timed([py, "-c", "pass"]) for _ in range(5))
    return min(timed([py, "-c", f"import {module}"]) for _ in range(5)) - base


def alignment_times(full: bool) -> tuple[float, float, float, str]:
    """Return (array 1946-2019 s, array s and self-merge s on the ratio's years, those years)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import alignment_all_pairs as ap

    from analysis import config
    from analysis.indicators import alignment
    from analysis.load_political import load_unga_votes

    data = load_unga_votes(config.raw_dir())
    rc = data.roll_calls[data.roll_calls["year"].isin(ap.YEARS)]
    votes = data.votes[data.votes["rcid"].isin(rc["rcid"])]
    t_all = min(timed_call(ap.run_array, rc, votes) for _ in range(3))
    years = ap.YEARS if full else range(2010, 2020)
    rc_s = rc[rc["year"].isin(years)]
    votes_s = votes[votes["rcid"].isin(rc_s["rcid"])]

    def array_sub():
        m = alignment.build_vote_matrices(rc_s, votes_s)
        return alignment.compute_all_pairs(m, (alignment.ALL,), years)

    t_sub = t_all if full else min(timed_call(array_sub) for _ in range(3))
    t_merge = timed_call(alignment.compute_all_pairs_merge, rc_s, votes_s, years)
    return t_all, t_sub, t_merge, f"{years.start}-{years.stop - 1}"


def timed_call(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> int:
    full = "--full" in sys.argv
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cli = [BIN / "bilateral", "report", "ARM", "RUS", "--out", tmp / "r"]
        floor = [sys.executable, __file__, "--floor", "ARM", "RUS", tmp / "f"]
        timed(floor)  # warm the disk cache of both
        rep, flo = [], []
        for _ in range(2):
            rep.append(timed(cli))
            flo.append(timed(floor))
        rep_s, flo_s = min(rep), min(flo)
        rows.append(("report ARM RUS (CLI, fresh process)", f"{rep_s:.1f} s", ""))
        rows.append(("in-process floor (fresh process)", f"{flo_s:.1f} s", ""))
        rows.append(("report / floor", f"{rep_s / flo_s:.2f}", "<= 2.0"))

        from analysis import config as cfg_mod

        pairs = PAIRS
        if not (cfg_mod.raw_dir() / "PROVENANCE-economic.md").is_file():
            # without raw data only the embedded pairs can be reported
            embedded = {f"{a}-{b}" for a, b in cfg_mod.EMBEDDED_PAIRS}
            pairs = [p for p in PAIRS if p in embedded]
            print(f"raw data not found: batch of the {len(pairs)} embedded pairs only")
        cfg = tmp / "batch.yml"
        cfg.write_text(
            "output: out\nperiods: [{start: 2018, end: 2020}]\npairs:\n"
            + "".join(f"  - {p}\n" for p in pairs),
            encoding="utf-8",
        )
        w1 = timed([BIN / "bilateral", "batch", cfg, "--workers", "1", "--force"])
        w2 = timed([BIN / "bilateral", "batch", cfg, "--workers", "2", "--force"])
        rows.append((f"batch {len(pairs)} pairs, 1 worker", f"{w1:.1f} s", ""))
        rows.append((f"batch {len(pairs)} pairs, 2 workers", f"{w2:.1f} s", ""))
        rows.append(("batch speed-up 2 vs 1 worker", f"{w1 / w2:.2f}", ">= 1.8"))
        skip = timed([BIN / "bilateral", "batch", cfg, "--workers", "2"])
        rows.append(("batch again, nothing changed (all skipped)", f"{skip:.1f} s", ""))

        from analysis import config

        if (config.raw_dir() / "unvotes_dgrtwo").is_dir():
            t_all, t_sub, t_merge, span = alignment_times(full)
            rows.append(("all-pairs alignment 1946-2019 (array)", f"{t_all:.2f} s", "< 3 s"))
            rows.append((f"self-merge / array, {span}", f"{t_merge / t_sub:.0f}x", ">= 50x"))
            build = timed([BIN / "bilateral", "data", "build", "--out", tmp / "data"])
            rows.append(("data build (fresh process)", f"{build:.1f} s", ""))
        else:
            rows.append(("alignment, data build", "skipped", f"no raw data in {config.raw_dir()}"))

        _, peak = peak_tree_rss([*cli[:-1], tmp / "m"])
        rows.append(("peak memory, report process tree", f"{peak:.0f} MiB", "< 600 MB"))
    for module in ("analysis", "analysis.cli"):
        rows.append((f"import {module}", f"{import_time(module) * 1000:.0f} ms", ""))

    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>9}  {target}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--floor":
        floor_report(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
