"""Cost of the index notebook's computations, and why the break detector does not use ruptures.

Prints times measured in this run and their ratios (machine-independent enough to compare):

* the closeness index, its sensitivity (1,000 weightings, leave-one-out) and the peer ranks for
  Armenia-Russia and its nine peers, against reading the pair's panel;
* break detection on the pair's key series and index (numpy permutation test), against the
  import of ruptures with scipy in a fresh interpreter (what using ruptures at run time would add
  to every report), against a fresh interpreter that imports nothing.

Run: ``.venv/bin/python benchmarks/bench_index.py`` (``make bench``).
"""

import subprocess
import sys
import time

from analysis import breaks as br
from analysis import index as ix
from analysis.panel import get_panel, get_peer_panel


def best_of(fn, repeat=5):
    """Return the fastest of ``repeat`` runs of ``fn()`` in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def fresh_import(module: str | None) -> float:
    """Return the wall time of a fresh interpreter that imports ``module`` (None: nothing)."""
    code = f"import {module}" if module else "pass"
    return best_of(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat=3)


def main():
    get_panel("ARM", "RUS", 2000, None)  # warm the embedded-table cache
    read = best_of(lambda: get_panel("ARM", "RUS", 2000, None))
    reference = get_peer_panel("ARM", "RUS", 2000, None)

    def index_all():
        scores = ix.compute_scores(reference)
        periods = ix.default_periods(scores, "ARM", "RUS")
        ix.compute_period_changes(reference, scores, "ARM", "RUS", periods)
        ix.compute_weighting_band(scores, "ARM", "RUS")
        ix.rank_peers(scores, "ARM", "RUS")
        return scores

    index_time = best_of(index_all)
    scores = index_all()
    panel = get_panel("ARM", "RUS", 2000, None)
    own = ix.pair_scores(scores, "ARM", "RUS")
    detect = best_of(lambda: br.detect_key_breaks(panel, own), repeat=3)
    bare = fresh_import(None)
    try:
        import ruptures  # noqa: F401
    except ImportError:
        rpt = None
    else:
        rpt = fresh_import("ruptures") - bare

    print(f"read the pair's panel (cached):          {read * 1e3:8.1f} ms")
    print(f"index + sensitivity + peer ranks:        {index_time * 1e3:8.1f} ms")
    print(f"break detection, key series and index:   {detect * 1e3:8.1f} ms")
    print(f"fresh interpreter, no import:            {bare * 1e3:8.1f} ms")
    if rpt is None:
        print("ruptures not installed (it is a test extra): import cost not measured")
    else:
        print(f"import ruptures (with scipy), extra:     {rpt * 1e3:8.1f} ms")
        print(f"ratio import ruptures / break detection: {rpt / detect:8.1f}")
    print(f"ratio index / reading the panel:         {index_time / read:8.1f}")


if __name__ == "__main__":
    main()
