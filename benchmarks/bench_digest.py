"""Time the hashes of an atlas batch (``pairs: all``): the whole data once vs a digest per report.

A batch hashes every planned report to decide which to skip (:func:`analysis.batch.job_hash`).
Before per-report digests, the data part was one digest of the whole data dir (processed tables,
curated tables, catalog, the store's manifest) shared by every report; now each report's digest
combines only what it reads (:mod:`analysis.digest`: its pair's and its peers' rows, the detail
rows of its countries, ...). Printed, in one run on the data in use: the planning of ``pairs:
all`` (for scale), the old way (whole-data fingerprint + a hash per report) and the new way
(digests loaded once, peers ranked once, a digest + a hash per report), in seconds and
milliseconds per report; and, with ``--build``, the time to write ``digests.parquet`` for the
store in use (what ``bilateral data build`` adds), into a temporary folder.

Run: ``BILATERAL_DATA_DIR=/path/with/store BILATERAL_CURATED_DIR=data/curated
.venv/bin/python benchmarks/bench_digest.py [--build]`` (the store from ``bilateral data build
--out DIR``).
"""

import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from analysis import batch, datastore
    from analysis.digest import write_store_digests

    ds = datastore.current()
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        cfg = Path(tmp) / "all.yml"
        cfg.write_text("output: all\npairs: all\n", encoding="utf-8")
        started = time.perf_counter()
        planned = batch.plan_jobs(batch.load_config(cfg))
        plan_s = time.perf_counter() - started
        n = len(planned)
        print(f"planning pairs: all: {n} reports in {plan_s:.1f} s (store: {ds.has_store()})")

        started = time.perf_counter()
        inputs = batch.fingerprint_inputs()
        whole = inputs["data"] + batch.fingerprint_store()
        old = [batch.job_hash(p, inputs, lambda _p: whole) for p in planned]
        old_s = time.perf_counter() - started
        print(f"before (whole data): {old_s:.2f} s, {1000 * old_s / n:.3f} ms per report")

        started = time.perf_counter()
        inputs = batch.fingerprint_inputs()
        data = batch.data_digests(inputs)
        loaded_s = time.perf_counter() - started
        new = [batch.job_hash(p, inputs, data) for p in planned]
        new_s = time.perf_counter() - started
        print(
            f"after (per report): {new_s:.2f} s ({loaded_s:.2f} s fingerprint and digests "
            f"loaded once), {1000 * (new_s - loaded_s) / n:.3f} ms per report; "
            f"{len(set(new))} distinct hashes of {n} (before: {len(set(old))})"
        )
        if "--build" in sys.argv and ds.has_store():
            import json
            import shutil

            copy = Path(tmp) / "store"
            shutil.copytree(ds.store_dir, copy)
            files = json.loads((copy / "manifest.json").read_text())["files"]
            files.pop("digests.parquet", None)
            started = time.perf_counter()
            entry = write_store_digests(copy, files)
            print(
                f"data build: digests.parquet written in {time.perf_counter() - started:.1f} s "
                f"({entry['digests.parquet']['rows']} rows, "
                f"{entry['digests.parquet']['bytes'] / 1e6:.1f} MB)"
            )


if __name__ == "__main__":
    main()
