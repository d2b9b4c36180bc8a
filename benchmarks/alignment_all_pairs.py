"""Benchmark: UNGA alignment of all pairs 1946-2019, array formulation vs pandas self-merge.

Both compute joint votes, agreement, Cohen's kappa and the S score of every pair of countries in
every year from the same vote table (Voeten's unvotes, 1946-2019):

* array: per-year one-hot vote matrices and one matrix product per year
  (``analysis.indicators.alignment.compute_all_pairs``, vote-matrix build included);
* self-merge: the vote table merged with itself on the roll call, pairs a < b, grouped by
  pair and year (``compute_all_pairs_merge``), on the full history in one merge.

Prints both times, their ratio (measured in this one run), the peak memory of the process and
checks that the two results are equal. Run: ``make bench`` or
``BILATERAL_RAW_DIR=... .venv/bin/python benchmarks/alignment_all_pairs.py``.
"""

from __future__ import annotations

import resource
import sys
import time

import pandas as pd
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.indicators import alignment
from analysis.load_political import load_unga_votes

YEARS = range(1946, 2020)
REPEATS = 5


def peak_rss_gib() -> float:
    """Return the peak resident memory of this process so far (GiB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def run_array(roll_calls: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    m = alignment.build_vote_matrices(roll_calls, votes)
    return alignment.compute_all_pairs(m, (alignment.ALL,), YEARS)


def main() -> int:
    raw = config.raw_dir()
    if not (raw / "unvotes_dgrtwo").is_dir():
        print(f"skipped: UNGA votes not found under {raw}; set {config.RAW_DIR_ENV}")
        return 0
    data = load_unga_votes(raw)
    roll_calls = data.roll_calls[data.roll_calls["year"].isin(YEARS)]
    votes = data.votes[data.votes["rcid"].isin(roll_calls["rcid"])]
    print(
        f"input: {len(roll_calls):,} roll calls, {len(votes):,} votes, "
        f"{votes['country'].nunique()} countries, {YEARS.start}-{YEARS.stop - 1}"
    )

    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        arr = run_array(roll_calls, votes)
        times.append(time.perf_counter() - t0)
    t_array = min(times)
    rss_array = peak_rss_gib()
    print(
        f"array (vote matrices + matrix products): {t_array:.2f} s (best of {REPEATS}), "
        f"{len(arr):,} pair-years; peak memory so far {rss_array:.2f} GiB"
    )

    t0 = time.perf_counter()
    ref = alignment.compute_all_pairs_merge(roll_calls, votes, YEARS)
    t_merge = time.perf_counter() - t0
    print(
        f"pandas self-merge (full history, one merge): {t_merge:.2f} s, "
        f"{len(ref):,} pair-years; peak memory {peak_rss_gib():.2f} GiB"
    )

    key = ["year", "country_a", "country_b"]
    arr = arr.astype(
        {
            "year": "int64",
            "country_a": str,
            "country_b": str,
            "joint_votes": "int64",
            "agree_votes": "int64",
        }
    )[ref.columns]
    assert_frame_equal(
        arr.sort_values(key, ignore_index=True),
        ref.sort_values(key, ignore_index=True).astype(
            {"joint_votes": "int64", "agree_votes": "int64"}
        ),
    )
    print("results equal: yes")
    print(f"ratio self-merge / array: {t_merge / t_array:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
