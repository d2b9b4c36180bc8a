"""Event loaders: cost of validation and aggregation against a bare pandas read of the same file.

Writes a synthetic GDELT 2.0 export file in the published format (tab-separated, no header, 61
fields) of N events, then times, in one run:

- ``read_csv``: pandas reading every field as text (the floor: no validation);
- ``load``: :func:`analysis.load_events.load_gdelt_events` (reads and validates every line);
- ``aggregate``: :func:`analysis.indicators.events.aggregate_pair_monthly` on the loaded frame.

Prints the times and the ratios load / read_csv and aggregate / load. Usage:
``python benchmarks/bench_events.py [N]`` (default 200,000, about a busy GDELT 1.0 day).
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.indicators.events import aggregate_pair_monthly
from analysis.load_events import GDELT2_FIELDS, load_gdelt_events


def write_file(path: Path, n: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    codes = np.array(["036", "042", "057", "061", "112", "130", "172", "190"])
    quads = {"036": 1, "042": 1, "057": 1, "061": 2, "112": 3, "130": 3, "172": 4, "190": 4}
    gold = {"036": 4.0, "042": 1.9, "057": 8.0, "061": 6.4, "112": -2.0, "130": -4.4,
            "172": -5.0, "190": -10.0}  # fmt: skip
    actors = np.array(["ARM", "RUS", "USA", "CHN", "FRA", "", "EUR"])
    days = pd.date_range("2023-01-01", "2023-12-31").strftime("%Y%m%d").to_numpy()
    frame = pd.DataFrame("", index=range(n), columns=GDELT2_FIELDS)
    frame["GLOBALEVENTID"] = np.arange(1, n + 1).astype(str)
    frame["SQLDATE"] = rng.choice(days, n)
    frame["Actor1CountryCode"] = rng.choice(actors, n)
    frame["Actor2CountryCode"] = rng.choice(actors, n)
    code = rng.choice(codes, n)
    frame["EventCode"] = code
    frame["EventRootCode"] = [c[:2] for c in code]
    frame["QuadClass"] = [str(quads[c]) for c in code]
    frame["GoldsteinScale"] = [str(gold[c]) for c in code]
    frame["DATEADDED"] = "20240101000000"
    frame["SOURCEURL"] = "https://news.example/article"
    frame.to_csv(path, sep="\t", header=False, index=False, quoting=csv.QUOTE_NONE)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "20240101000000.export.CSV"
        write_file(path, n)
        bare = timed(
            lambda: pd.read_csv(
                path,
                sep="\t",
                header=None,
                dtype=str,
                keep_default_na=False,
                quoting=csv.QUOTE_NONE,
            )  # fmt: skip
        )
        events = load_gdelt_events(path, 2)
        load = timed(lambda: load_gdelt_events(path, 2))
        agg = timed(lambda: aggregate_pair_monthly(events, "ARM", "RUS"))
    print(f"events: {n:,}")
    print(f"read_csv (floor)  {bare:7.3f} s")
    print(f"load (validated)  {load:7.3f} s   ratio load/read_csv = {load / bare:.2f}")
    print(f"aggregate         {agg:7.3f} s   ratio aggregate/load = {agg / load:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
