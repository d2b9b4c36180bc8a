"""Time N brief atlas reports on a local process pool against a Dask LocalCluster, in one run.

Both build the same N reports (``pairs: {country: ARM}``, ``limit: N``, the brief edition) with
2 workers: first ``bilateral batch`` on its process pool (a warm kernel per worker), then the
same batch through ``--scheduler`` on a ``LocalCluster(n_workers=2, processes=True,
threads_per_worker=1)`` (a warm kernel per worker). Printed: each one's wall time, the
per-report cost in core-seconds (wall x workers / N), the ratio, and the projection of the
whole atlas (``pairs: all`` on the data in use: every pair once) from the faster per-report cost:
hours on this machine's cores and minutes on a 64-core cluster. The LocalCluster's start is
timed apart (paid once per cluster, not per report).

Wall time counts any other load on the machine; so the CPU time is printed too: this process's
(the batch client, and the LocalCluster's scheduler) plus its children's (the workers and their
kernels, counted once they have exited: after the pool's shutdown and the cluster's close), per
report. On an otherwise idle machine with as many workers as cores the two agree.

Run: ``BILATERAL_DATA_DIR=/path/with/store .venv/bin/python benchmarks/bench_atlas.py [N]``
(N default 100; the data dir needs the all-pairs store: ``bilateral data build --out DIR``, and
its ``curated/``). Without a store it uses the embedded data (ARM's few embedded partners).
"""

import contextlib
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

WORKERS = 2
CLUSTER_CORES = 64


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its exited, waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(config: Path, scheduler: str | None = None) -> tuple[float, dict]:
    from analysis.batch import run_batch

    err = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stderr(err):
        result = run_batch(
            config, workers=WORKERS, force=True, scheduler=scheduler, stream=err, tty=False
        )
    seconds = time.perf_counter() - start
    statuses = {e["status"] for e in result["reports"].values()}
    if statuses != {"ok"}:
        raise SystemExit(f"not every report was built: {statuses}\n{err.getvalue()}")
    return seconds, result


def main() -> None:
    import distributed

    from analysis import batch

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix="bench-atlas-") as tmp:
        tmp = Path(tmp)
        local_cfg, cluster_cfg, all_cfg = tmp / "local.yml", tmp / "cluster.yml", tmp / "all.yml"
        atlas = f"pairs: {{country: ARM}}\nlimit: {n}\n"
        local_cfg.write_text(f"output: local\n{atlas}", encoding="utf-8")
        cluster_cfg.write_text(f"output: cluster\n{atlas}", encoding="utf-8")
        all_cfg.write_text("output: all\npairs: all\n", encoding="utf-8")
        started = time.perf_counter()
        every = batch.plan_jobs(batch.load_config(all_cfg))
        plan_s = time.perf_counter() - started
        n = len(batch.plan_jobs(batch.load_config(local_cfg)))

        cpu = cpu_seconds()
        local_s, _ = run(local_cfg)
        local_cpu = cpu_seconds() - cpu
        started = time.perf_counter()
        cpu = cpu_seconds()
        with distributed.LocalCluster(
            n_workers=WORKERS, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster:
            cluster_start_s = time.perf_counter() - started
            cluster_s, _ = run(cluster_cfg, cluster.scheduler_address)
        cluster_cpu = cpu_seconds() - cpu
        same = sorted(p.name for p in (tmp / "local").glob("*.html")) == sorted(
            p.name for p in (tmp / "cluster").glob("*.html")
        )

    per_local = local_s * WORKERS / n
    per_cluster = cluster_s * WORKERS / n
    best = min(per_local, per_cluster)
    total = len(every)
    print(f"{n} brief reports (ARM's partners), {WORKERS} workers each; same files: {same}")
    print(f"  local process pool:      {local_s:7.1f} s  = {per_local:5.2f} core-s per report")
    print(
        f"  Dask LocalCluster:       {cluster_s:7.1f} s  = {per_cluster:5.2f} core-s per report "
        f"(cluster start {cluster_start_s:.1f} s, apart)"
    )
    print(f"  cluster / pool:          {cluster_s / local_s:7.2f}")
    print(
        f"  CPU time per report:     pool {local_cpu / n:5.2f} s, LocalCluster "
        f"{cluster_cpu / n:5.2f} s (its start included)"
    )
    print(
        f"atlas: {total} pairs (pairs: all, planned in {plan_s:.1f} s); at {best:.2f} core-s "
        f"per report: {total * best / WORKERS / 3600:.1f} h on {WORKERS} cores, "
        f"{total * best / CLUSTER_CORES / 60:.0f} min on {CLUSTER_CORES} cores"
    )


if __name__ == "__main__":
    main()
