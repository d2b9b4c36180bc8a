"""In-process cost of the computations of a brief report, step by step, per pair.

A brief report runs ``notebooks/overview.ipynb`` and ``notebooks/index.ipynb``; the runner keeps
the cells tagged ``brief`` (and the set-up cells they need). This script runs the code of those
cells here, in one process, statement by statement, as a warm kernel of a batch worker would run
them: first a warm-up pair (imports done, caches of the process filled), then each measured pair.
Each top-level statement of a cell is one step, named by its notebook and first line; the SVG
rendering of each cell's figures (what the kernel's inline backend does after the cell) is a step
of its own. The runner's own steps are timed too: ``report.validate_parameters`` and
``atlas.index_summary`` (the atlas index's figure of the pair).

Prints, per step, the mean and the largest cost over the measured pairs (wall seconds of this
process; the machine's other load adds noise, so compare runs made one after the other), the
total per pair, and the share of the total. ``--all`` runs every cell of the two notebooks (the
full edition's cells of them too); ``--profile N`` prints the N costliest functions (cProfile,
cumulative) over the measured pairs; ``--dump FILE`` writes what each pair's cells displayed and
the frames they computed, so that two versions of the code can be compared
(``cmp`` of the two files: identical results give identical files).

Run with the all-pairs store of ``bilateral data build --out DIR``::

    BILATERAL_DATA_DIR=DIR BILATERAL_CURATED_DIR=data/curated \\
        .venv/bin/python benchmarks/bench_brief_compute.py [--pairs 12] [--all] [--profile 40]

The pairs are ARM and the partners in :data:`PARTNERS` (the first ``--pairs`` of them), after
the warm-up pair ARM-:data:`WARM_UP`.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import hashlib
import io
import json
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import IPython.display  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis import atlas, config, datastore, report  # noqa: E402

#: The partners of ARM measured, in order (any pair of the store works; these mix neighbours,
#: large and small economies, and allies of either side).
PARTNERS = (
    "KEN", "FRA", "USA", "IRN", "GEO", "CHN", "DEU", "BRA", "IND", "EGY", "JPN", "CAN",
    "TUR", "KAZ", "ITA", "ARG", "UKR", "BLR", "ZAF", "MEX",
)  # fmt: skip
#: The warm-up pair's partner (its cost is not counted).
WARM_UP = "AZE"
FOCAL = "ARM"
NOTEBOOKS = ("overview.ipynb", "index.ipynb")


def code_cells(name: str, every: bool) -> list[tuple[int, str]]:
    """Return ``(cell number, source)`` of the code cells a brief report runs (``every``: all
    code cells), without the parameters cell."""
    nb = json.loads((config.NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    out, setup = [], True
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags:
            continue
        # the first code cell after the parameters is the set-up every later cell needs
        if every or setup or report.BRIEF_TAG in tags:
            out.append((i, "".join(cell["source"])))
        setup = False
    return out


def parameters_cell(name: str) -> str:
    """Return the source of the notebook's parameters cell (its defaults)."""
    nb = json.loads((config.NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return "".join(cell["source"])
    return ""


def steps_of(name: str, number: int, source: str) -> list[tuple[str, object]]:
    """Split a cell into its top-level statements, each compiled, named by its first line."""
    tree = ast.parse(source)
    lines = source.splitlines()
    steps = []
    for node in tree.body:
        first = lines[node.lineno - 1].strip()
        label = f"{Path(name).stem}[{number}] {first[:52]}"
        code = compile(ast.Module([node], type_ignores=[]), f"<{name} cell {number}>", "exec")
        steps.append((label, code))
    return steps


class Recorder:
    """Stands in for IPython's ``display``: keeps what a cell shows (for ``--dump``)."""

    def __init__(self):
        self.shown: list[str] = []

    def __call__(self, *objs, raw=False, **kwargs):
        for obj in objs:
            if hasattr(obj, "_repr_html_"):
                self.shown.append(obj._repr_html_())
            else:
                self.shown.append(json.dumps(obj, sort_keys=True, default=str))


def render_figures(shown: list[str]) -> None:
    """Render each open figure to SVG, as the inline backend does after a cell, and close it."""
    for num in plt.get_fignums():
        buf = io.BytesIO()
        # no date in the file: two runs of the same code give the same bytes
        plt.figure(num).savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
        shown.append(hashlib.sha256(buf.getvalue()).hexdigest())
    plt.close("all")


def fingerprint(value) -> str | None:
    """Return a text that changes when a computed frame or series changes."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.to_csv(float_format="%.12g")
    return None


def run_pair(b: str, cells, clock: dict, wall: dict) -> dict:
    """Run the cells for ARM-``b`` and the runner's steps; add each step's CPU seconds (of this
    process) to ``clock`` and its wall seconds to ``wall``."""
    params = {"country_a": FOCAL, "country_b": b, "start_year": 2000, "end_year": 0}
    params["edition"] = "brief"
    record = Recorder()
    IPython.display.display = record

    def timed(label, fn):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        clock[label] += time.process_time() - c0
        wall[label] += time.perf_counter() - t0
        return out

    valid = timed(
        "report.validate_parameters",
        lambda: report.validate_parameters(
            FOCAL, b, 2000, None, clamp_start=True, extra={"edition": "brief"}
        ),
    )
    params.update(start_year=valid["start_year"], end_year=valid["end_year"])
    frames: dict[str, str] = {}
    spaces: dict[str, dict] = {}
    for name, number, steps in cells:
        if name not in spaces:  # one namespace per notebook: its defaults, then the injected
            spaces[name] = {}
            exec(parameters_cell(name), spaces[name])  # noqa: S102
            spaces[name].update(params)
        ns = spaces[name]
        for label, code in steps:
            timed(label, lambda code=code, ns=ns: exec(code, ns))  # noqa: S102
        label = f"{Path(name).stem}[{number}] (figures to SVG)"
        timed(label, lambda: render_figures(record.shown))
    for name, ns in spaces.items():
        for var, value in ns.items():
            text = fingerprint(value)
            if text is not None:
                frames[f"{name}:{var}"] = text
    summary = timed("atlas.index_summary", lambda: atlas.index_summary(valid))
    return {"shown": record.shown, "frames": frames, "index_summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=12, help="pairs measured (after a warm-up)")
    parser.add_argument("--all", action="store_true", help="every cell, not only the brief's")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--dump", type=Path, help="write each pair's results here (JSON)")
    args = parser.parse_args()
    cells = [
        (name, number, steps_of(name, number, source))
        for name in NOTEBOOKS
        for number, source in code_cells(name, args.all)
    ]
    if not datastore.current().has_store():  # the embedded data hold too few of ARM's partners
        print("bench_brief_compute: needs the all-pairs store (BILATERAL_DATA_DIR=DIR of "
              "'bilateral data build --out DIR'); skipped")  # fmt: skip
        return
    partners = PARTNERS[: args.pairs]
    run_pair(WARM_UP, cells, defaultdict(float), defaultdict(float))
    clocks, walls = [], []
    dumps = {}
    profiler = cProfile.Profile() if args.profile else None
    for b in partners:
        clock: dict = defaultdict(float)
        wall: dict = defaultdict(float)
        if profiler:
            profiler.enable()
        dumps[f"{FOCAL}-{b}"] = run_pair(b, cells, clock, wall)
        if profiler:
            profiler.disable()
        clocks.append(clock)
        walls.append(wall)
    labels = list(clocks[0])
    totals = [sum(c.values()) for c in clocks]
    wall_totals = [sum(w.values()) for w in walls]
    mean_total = statistics.mean(totals)
    print(f"brief-report computations, {len(partners)} pairs {FOCAL}-X after {FOCAL}-{WARM_UP}")
    print("CPU seconds of this process per pair (mean, max over the pairs) and wall seconds (mean)")
    print(f"{'step':<72} {'cpu':>6} {'max':>6} {'wall':>6} {'share':>6}")
    for label in labels:
        values = [c.get(label, 0.0) for c in clocks]
        mean = statistics.mean(values)
        if mean < 0.0005:
            continue
        mean_wall = statistics.mean(w.get(label, 0.0) for w in walls)
        print(
            f"{label:<72} {mean:6.3f} {max(values):6.3f} {mean_wall:6.3f} {mean / mean_total:6.1%}"
        )
    print(
        f"{'total per pair':<72} {mean_total:6.3f} {max(totals):6.3f} "
        f"{statistics.mean(wall_totals):6.3f}"
    )
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(args.profile)
    if args.dump:
        args.dump.write_text(json.dumps(dumps, indent=1, sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
