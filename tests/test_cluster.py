"""bilateral batch --scheduler: reports built on a Dask cluster (a LocalCluster of 2 worker
processes here), written by the client only, skipped when unchanged, and identical to a local
run's; bad addresses and an unreachable scheduler are one line, exit 2, before any kernel."""

import contextlib
import io
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time

import pytest

from analysis import cluster, config, datastore, report
from analysis.cli import main

distributed = pytest.importorskip("distributed", reason="pip install 'bilateral[cluster]'")

PAIRS = ["ARM-RUS", "AZE-RUS", "GEO-RUS"]
CONFIG = "output: out\nedition: brief\nperiods:\n  - {start: 2018, end: 2020}\npairs:\n" + "".join(
    f"  - {p}\n" for p in PAIRS
)
STEMS = [f"{p}_2018-2020_brief" for p in PAIRS]


def run_cli(args):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue().splitlines()


def snapshot(out):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.glob("*_*.html"))}


def kill_a_busy_worker(cluster, tmp: str, killed: list) -> None:
    """Once reports are being built, SIGKILL a worker process that is running one."""
    deadline = time.monotonic() + 60
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        while time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy and any(n.startswith("bilateral-remote-") for n in os.listdir(tmp)):
                time.sleep(1.5)  # into the report
                busy = [w for w, keys in client.processing().items() if keys]
                for nanny in cluster.workers.values():
                    if nanny.worker_address in busy:
                        killed.append(
                            (nanny.worker_address, client.processing()[nanny.worker_address])
                        )
                        os.kill(nanny.pid, signal.SIGKILL)
                        return
            time.sleep(0.1)


def without_date(html: bytes) -> str:
    """A report's text without the date it was made (the footer's and the metadata's)."""
    return re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\.\d+)?(Z|[+-]\d\d:?\d\d| UTC)?", "DATE",
                  html.decode("utf-8"))  # fmt: skip


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A LocalCluster of 2 processes; the batch run twice through --scheduler, and one of its
    reports built locally for comparison. The embedded data are a copy (BILATERAL_DATA_DIR, seen
    by the workers, which start after it is set)."""
    tmp = tmp_path_factory.mktemp("cluster")
    data = tmp / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("raw", "store", ".store*"))
    cfg = tmp / "batch.yml"
    cfg.write_text(CONFIG, encoding="utf-8")
    out = tmp / "out"
    result = {"out": out}
    # The workers' temporary files (kernel sockets: a short path) where the test can see them.
    short = tempfile.mkdtemp(prefix="bh-")
    result["tmp"] = short
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TMPDIR", short)
        mp.setenv(config.DATA_DIR_ENV, str(data))
        mp.setattr(config, "DATA_DIR", data)
        mp.setattr(config, "PROCESSED_DIR", data / "processed")
        mp.setattr(config, "CURATED_DIR", data / "curated")
        mp.setattr(config, "CATALOG_PATH", data / "catalog.yml")
        datastore.reset()
        try:
            with distributed.LocalCluster(
                n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
            ) as cluster:
                address = cluster.scheduler_address
                result["first"] = run_cli(["batch", str(cfg), "--scheduler", address])
                result["first_files"] = snapshot(out)
                result["manifest"] = json.loads((out / "manifest.json").read_text())
                result["second"] = run_cli(["batch", str(cfg), "--scheduler", address])
                result["second_files"] = snapshot(out)
                # Again, rebuilding all, and a worker killed while it builds a report.
                killer = threading.Thread(
                    target=kill_a_busy_worker,
                    args=(cluster, short, result.setdefault("killed", [])),
                )
                killer.start()
                result["third"] = run_cli(["batch", str(cfg), "--scheduler", address, "--force"])
                killer.join()
                result["third_files"] = snapshot(out)
                result["third_manifest"] = json.loads((out / "manifest.json").read_text())
            params = report.validate_parameters(
                "AZE", "RUS", 2018, 2020, extra={"edition": "brief"}
            )
            result["local"] = report.build_report(params, tmp / "local").read_bytes()
        finally:
            datastore.reset()
    result["left"] = sorted(os.listdir(short))
    shutil.rmtree(short, ignore_errors=True)
    return result


def test_every_report_is_built_on_the_cluster(runs):
    code, lines = runs["first"]
    assert code == 0, lines
    assert re.search(r"0 unchanged, 3 to build on the Dask cluster at tcp://", lines[0]), lines
    assert sorted(runs["first_files"]) == sorted(f"{s}.html" for s in STEMS)
    assert {k: v["status"] for k, v in runs["manifest"]["reports"].items()} == dict.fromkeys(
        STEMS, "ok"
    )
    assert not list(runs["out"].rglob(".*.tmp"))  # nothing half-written
    page = runs["first_files"]["AZE-RUS_2018-2020_brief.html"][1].decode("utf-8")
    assert "Azerbaijan and Russia" in page


def test_the_second_run_skips_them_all(runs):
    code, lines = runs["second"]
    assert code == 0, lines
    assert lines[0].endswith("3 unchanged, 0 to build with 1 worker"), lines[0]
    assert runs["second_files"] == runs["first_files"]  # not rewritten: same bytes and times


def test_a_cluster_report_equals_a_local_one(runs):
    remote = runs["first_files"]["AZE-RUS_2018-2020_brief.html"][1]
    assert without_date(remote) == without_date(runs["local"])


@pytest.mark.parametrize(
    "args, match",
    [
        (["--scheduler", "10.0.0.5:8786"], r"--scheduler must be a Dask scheduler address such as"),
        (["--scheduler", "tcp://127.0.0.1:9"], r"cannot reach the Dask scheduler at tcp://127"),
    ],
)
def test_a_bad_scheduler_is_one_line_before_any_kernel(tmp_path, capsys, monkeypatch, args, match):
    def no_kernel(*a, **k):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    cfg = tmp_path / "b.yml"
    cfg.write_text("output: o\npairs: [ARM-RUS]\nperiods: [{start: 2018, end: 2020}]\n")
    assert main(["batch", str(cfg), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and re.search(match, err[0]), err
    assert not (tmp_path / "o" / "ARM-RUS_2018-2020.html").exists()


def test_scheduler_in_the_config_is_checked(tmp_path, capsys):
    cfg = tmp_path / "b.yml"
    cfg.write_text("output: o\nscheduler: 8786\npairs: [ARM-RUS]\n")
    assert main(["batch", str(cfg)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "scheduler must be a Dask scheduler address" in err[0], err


def test_a_worker_killed_mid_report_still_ends_with_every_report_built_once(runs):
    assert runs["killed"], "no worker was busy"
    code, lines = runs["third"]
    assert code == 0, lines
    done = [line.split()[2] for line in lines if re.match(r"\[\d/3\] ", line)]
    assert sorted(done) == STEMS  # each once
    assert all(re.match(r"\[\d/3\] ok ", line) for line in lines if re.match(r"\[\d/3\]", line))
    assert {k: v["status"] for k, v in runs["third_manifest"]["reports"].items()} == dict.fromkeys(
        STEMS, "ok"
    )
    assert sorted(runs["third_files"]) == sorted(runs["first_files"])
    for name, (_, data) in runs["third_files"].items():
        assert without_date(data) == without_date(runs["first_files"][name][1])
    assert not list(runs["out"].rglob(".*.tmp")) and not (runs["out"] / "failed").exists()


def test_a_worker_with_other_data_fails_the_report_in_one_line(monkeypatch):
    from analysis.batch import fingerprint_inputs, fingerprint_store

    def no_kernel(*a, **k):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    monkeypatch.setitem(cluster._worker_state, "checked", None)
    client_side = {**fingerprint_inputs(), "store": fingerprint_store(), "data": "0" * 64}
    params = {"country_a": "ARM", "country_b": "RUS", "start_year": 2018, "end_year": 2020}
    outcome = cluster.build_remote(params, False, client_side)
    assert outcome["status"] == "failed" and outcome["files"] == {}
    assert outcome["message"].startswith("worker local has other data than the client;")
