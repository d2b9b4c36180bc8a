"""The all-pairs store (issue #10), measured in one run and printed side by side.

1. Store build from the raw files (``build_store`` in a fresh process, twice): wall time, peak
   memory (max RSS), size on disk, and whether the two builds are byte-identical.
2. ``get_panel`` for USA-CHN, IND-PAK, BRA-ARG: from the store vs the raw path of before the
   store (``compute_panel`` from the raw files, a fresh process each, as ``bilateral indicators``
   paid it), and the whole ``bilateral indicators`` process (wall, max RSS) against the embedded
   ARM-RUS one (no store: the committed tables).
3. A full report of a pair outside the embedded set (USA-CHN) vs ARM-RUS, both from the store.
4. The full ARM-RUS report now vs the commit before the store (``--before REV``, default
   5c03b3b), both from a fresh process with the same raw data, best of two, interleaved.

Every timed run is a fresh process (interpreter start and imports included). The store for 2-4
is built once into a temporary data directory (a copy of data/ without data/store).

Run: ``BILATERAL_RAW_DIR=../shared/data/raw .venv/bin/python benchmarks/bench_store.py``
(``--quick`` skips the report comparisons of 3 and 4).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PAIRS = [("USA", "CHN"), ("IND", "PAK"), ("BRA", "ARG")]

MEASURE = """
import resource, subprocess, sys, time, json
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "rss": rss, "code": p.returncode, "err": p.stderr.decode()[-400:]}))
"""


def run(cmd: list[str], env: dict) -> dict:
    """Run ``cmd`` in a fresh process; return wall seconds, max RSS (MB) and the exit code."""
    import json

    out = subprocess.run([PY, "-c", MEASURE, *cmd], env=env, capture_output=True, check=True)
    res = json.loads(out.stdout)
    if res["code"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{res['err']}")
    return res


def tree_digest(directory: Path) -> str:
    """Return one digest of every file's relative path and bytes under ``directory``."""
    h = hashlib.sha256()
    for p in sorted(directory.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(directory).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def size_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the report comparisons")
    parser.add_argument("--before", default="5c03b3b", help="commit before the store")
    args = parser.parse_args()
    raw = os.environ.get("BILATERAL_RAW_DIR")
    if not raw or not Path(raw, "PROVENANCE-economic.md").is_file():
        raise SystemExit("set BILATERAL_RAW_DIR to the staged raw files")
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    env = {**os.environ, "BILATERAL_RAW_DIR": raw, "MPLBACKEND": "Agg"}
    rows = []
    try:
        # 1. the build, twice
        build = "from analysis.build import build_store; import sys; build_store(sys.argv[1], sys.argv[2])"
        builds = []
        for n in (1, 2):
            res = run([PY, "-c", build, raw, str(tmp / f"store{n}")], env)
            builds.append(res)
        same = tree_digest(tmp / "store1") == tree_digest(tmp / "store2")
        rows.append(
            (
                "store build (2 runs)",
                f"{builds[0]['wall']:.1f} s / {builds[1]['wall']:.1f} s",
                f"peak {max(b['rss'] for b in builds):.0f} MB; {size_mb(tmp / 'store1'):.1f} MB on disk; "
                f"byte-identical: {same}",
            )
        )

        data = tmp / "data"
        shutil.copytree(
            ROOT / "data", data, ignore=shutil.ignore_patterns("store", ".store*", "raw")
        )
        empty = tmp / "embedded"
        shutil.copytree(
            ROOT / "data", empty, ignore=shutil.ignore_patterns("store", ".store*", "raw")
        )
        shutil.move(tmp / "store1", data / "store")
        store_env = {**env, "BILATERAL_DATA_DIR": str(data)}
        embedded_env = {**env, "BILATERAL_DATA_DIR": str(empty)}

        # 2. one pair's panel: store vs raw; the indicators command vs embedded ARM-RUS
        get = (
            "import sys; from analysis.panel import get_panel; get_panel(sys.argv[1], sys.argv[2])"
        )
        raw_path = (
            "import sys; from analysis.panel import compute_panel; from analysis import config; "
            "compute_panel(config.raw_dir(), sys.argv[1], sys.argv[2])"
        )
        timed = (
            "import sys, time; from analysis.panel import get_panel; t=time.perf_counter(); "
            "get_panel(sys.argv[1], sys.argv[2]); print(time.perf_counter()-t)"
        )
        emb = run([str(Path(PY).parent / "bilateral"), "indicators", "ARM", "RUS"], embedded_env)
        rows.append(
            (
                "bilateral indicators ARM RUS (embedded)",
                f"{emb['wall']:.2f} s",
                f"max RSS {emb['rss']:.0f} MB",
            )
        )
        for a, b in PAIRS:
            s = run([PY, "-c", get, a, b], store_env)
            r = run([PY, "-c", raw_path, a, b], env)
            inproc = float(
                subprocess.run(
                    [PY, "-c", timed, a, b],
                    env=store_env,
                    capture_output=True,
                    check=True,
                    text=True,
                ).stdout
            )
            cli = run([str(Path(PY).parent / "bilateral"), "indicators", a, b], store_env)
            rows.append(
                (
                    f"get_panel {a}-{b}: store vs raw (process)",
                    f"{s['wall']:.2f} s vs {r['wall']:.1f} s",
                    f"x{r['wall'] / s['wall']:.0f}; read alone {inproc * 1000:.0f} ms; raw peak {r['rss']:.0f} MB",
                )
            )
            rows.append(
                (
                    f"bilateral indicators {a} {b} (store)",
                    f"{cli['wall']:.2f} s",
                    f"x{cli['wall'] / emb['wall']:.2f} of embedded ARM-RUS; max RSS {cli['rss']:.0f} MB",
                )
            )

        if not args.quick:
            # 3. a report outside the embedded set vs ARM-RUS, from the store
            rep = str(Path(PY).parent / "bilateral")
            times: dict[str, list[float]] = {"USA-CHN": [], "ARM-RUS": []}
            for _ in range(2):
                for pair in times:
                    a, b = pair.split("-")
                    res = run([rep, "report", a, b, "--out", str(tmp / "reports")], store_env)
                    times[pair].append(res["wall"])
            usa, arm = min(times["USA-CHN"]), min(times["ARM-RUS"])
            rows.append(
                (
                    "report USA-CHN vs ARM-RUS (store)",
                    f"{usa:.1f} s vs {arm:.1f} s",
                    f"x{usa / arm:.2f}",
                )
            )

            # 4. ARM-RUS report now vs before the store (a worktree of the old commit)
            old = tmp / "before"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(ROOT),
                    "worktree",
                    "add",
                    "-q",
                    "--detach",
                    str(old),
                    args.before,
                ],
                check=True,
            )
            try:
                old_env = {**env, "PYTHONPATH": str(old), "BILATERAL_DATA_DIR": str(old / "data")}
                now_env = store_env
                report = [PY, "-m", "analysis", "report", "ARM", "RUS", "--out"]
                t_old, t_new = [], []
                for _ in range(2):
                    old_run = run([*report, str(tmp / "old")], {**old_env, "PWD": str(old)})
                    t_old.append(old_run["wall"])
                    t_new.append(run([*report, str(tmp / "new")], now_env)["wall"])
                rows.append(
                    (
                        f"report ARM-RUS: before ({args.before}) vs now",
                        f"{min(t_old):.1f} s vs {min(t_new):.1f} s",
                        f"x{min(t_old) / min(t_new):.2f} faster",
                    )
                )
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'time':<22} notes")
    for name, t, note in rows:
        print(f"{name:<{width}}  {t:<22} {note}")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark ran {time.perf_counter() - started:.0f} s)")
