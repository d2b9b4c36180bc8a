"""bilateral batch --scheduler: reports built on a Dask cluster (a LocalCluster of 2 worker
processes here), written by the client only, skipped when unchanged, and identical to a local
run's; bad addresses and an unreachable scheduler are one line, exit 2, before any kernel."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import embedded_data_copy, run_cli, snapshot, wait_until, write

from analysis import batch, cluster, report, tempdirs
from analysis.cli import main

distributed = pytest.importorskip("distributed", reason="pip install 'bilateral[cluster]'")

PAIRS = ["ARM-RUS", "AZE-RUS", "GEO-RUS"]
CONFIG = "output: out\nedition: brief\nperiods:\n  - {start: 2018, end: 2020}\npairs:\n" + "".join(
    f"  - {p}\n" for p in PAIRS
)
STEMS = [f"{p}_2018-2020_brief" for p in PAIRS]


def made_by(pid: int, names: list[str]) -> list[str]:
    """The names of temporary folders (:mod:`analysis.tempdirs`) made by process ``pid``."""
    return [n for n in names if re.match(rf"bilateral-[a-z]+-{pid}-\d+-", n)]


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
                        killed.append((nanny.pid, client.processing()[nanny.worker_address]))
                        os.kill(nanny.pid, signal.SIGKILL)  # the worker process, not its nanny
                        return
            time.sleep(0.1)


def without_date(html: bytes) -> str:
    """A report's text without the date it was made (the footer's and the metadata's)."""
    return re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\.\d+)?(Z|[+-]\d\d:?\d\d| UTC)?", "DATE",
                  html.decode("utf-8"))  # fmt: skip


@pytest.fixture(scope="module")
def local_cluster(tmp_path_factory):
    """A LocalCluster of 2 worker processes on a copy of the embedded data (BILATERAL_DATA_DIR,
    seen by the workers, which start after it is set); the workers' temporary files (kernel
    sockets: a short path) in a folder of the test's, ``short``."""
    tmp = tmp_path_factory.mktemp("cluster")
    short = Path(tempfile.mkdtemp(prefix="bh-"))
    try:
        with embedded_data_copy(tmp) as data, pytest.MonkeyPatch.context() as mp:
            mp.setenv("TMPDIR", str(short))
            # ":0": the scheduler's HTTP server on a free port (None still takes 8787, and
            # warns, an error here, when another cluster on the machine holds it)
            with distributed.LocalCluster(
                n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
            ) as lc:
                yield SimpleNamespace(
                    cluster=lc, address=lc.scheduler_address, tmp=tmp, data=data, short=short
                )
    finally:
        shutil.rmtree(short, ignore_errors=True)


@pytest.fixture(scope="module")
def runs(local_cluster):
    """The batch run twice through --scheduler, then again (all) with a worker killed while it
    builds a report; and one of its reports built locally for comparison."""
    tmp, short, address = local_cluster.tmp, local_cluster.short, local_cluster.address
    cfg = write(tmp, CONFIG)
    out = tmp / "out"
    result = {"out": out}
    result["first"] = run_cli(["batch", str(cfg), "--scheduler", address])
    result["first_files"] = snapshot(out)
    result["manifest"] = json.loads((out / "manifest.json").read_text())
    result["second"] = run_cli(["batch", str(cfg), "--scheduler", address])
    result["second_files"] = snapshot(out)
    # Again, rebuilding all, and a worker killed while it builds a report.
    killer = threading.Thread(
        target=kill_a_busy_worker,
        args=(local_cluster.cluster, str(short), result.setdefault("killed", [])),
    )
    killer.start()
    result["third"] = run_cli(["batch", str(cfg), "--scheduler", address, "--force"])
    killer.join()
    result["third_files"] = snapshot(out)
    result["third_manifest"] = json.loads((out / "manifest.json").read_text())
    result["left"] = sorted(os.listdir(short))  # the workers' folders after the third run
    result["live"] = [nanny.pid for nanny in local_cluster.cluster.workers.values()]
    params = report.validate_parameters("AZE", "RUS", 2018, 2020, extra={"edition": "brief"})
    result["local"] = report.build_report(params, tmp / "local").read_bytes()
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


def test_a_killed_workers_temporary_folders_are_removed_by_the_next_report(runs):
    """The killed worker could not remove its report's folder nor its kernel's; the report run
    again after it died removed them (the live workers' warm kernels keep theirs)."""
    (killed, _), left = runs["killed"][0], runs["left"]
    assert any(made_by(pid, left) for pid in runs["live"]), left  # folders are named by maker
    assert not made_by(killed, left), left


def test_a_worker_with_other_data_fails_the_report_in_one_line(monkeypatch, tmp_path):
    from analysis.batch import fingerprint_inputs, fingerprint_store

    def no_kernel(*a, **k):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # its sweep looks there only
    monkeypatch.setitem(cluster._worker_state, "checked", None)
    client_side = {**fingerprint_inputs(), "store": fingerprint_store(), "data": "0" * 64}
    params = {"country_a": "ARM", "country_b": "RUS", "start_year": 2018, "end_year": 2020}
    outcome = cluster.build_remote(params, False, client_side)
    assert outcome["status"] == "failed" and outcome["files"] == {}
    assert outcome["message"].startswith("worker local has other data than the client;")


# --- a cluster batch stopped by a signal ---------------------------------------------------------

STOP_PAIRS = ["ARM-FRA", "ARM-IRN", "ARM-USA", "KAZ-RUS"]
STOP_CONFIG = (
    "output: out\nedition: brief\nperiods: [{start: 2018, end: 2020}]\npairs: ["
    + ", ".join(STOP_PAIRS)
    + "]\n"
)


def remote_folders(short: Path) -> list[str]:
    """The folders in which the workers build a report now."""
    return [n for n in os.listdir(short) if n.startswith(tempdirs.REMOTE_PREFIX)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals to a subprocess")
def test_a_stopped_cluster_batch_writes_what_was_built_and_nothing_after(local_cluster, tmp_path):
    """SIGTERM to a cluster batch (a subprocess) once its first report is written: exit 143 with
    one line; the manifest and the index say what was built and what was not; the pending
    reports are cancelled on the cluster, the one a worker finishes after the stop is not
    written; no temporary file; the output folder's lock is free."""
    cfg = write(tmp_path, STOP_CONFIG)
    out = tmp_path / "out"
    address = local_cluster.address
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "batch", str(cfg), "--scheduler", address],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stderr.readline()
        assert "4 to build on the Dask cluster" in first, first
        assert wait_until(lambda: list(out.glob("*_brief.html")), timeout=120, step=0.02)
        in_flight = remote_folders(local_cluster.short)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    lines = [line for line in err.splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("bilateral: stopped: SIGTERM received;"), err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    built = sorted(manifest["reports"])
    assert {r["status"] for r in manifest["reports"].values()} == {"ok"}, manifest
    assert 1 <= len(built) < len(STOP_PAIRS), built
    assert re.search(
        rf"; {len(built)} of 4 reports built, 0 failed, {4 - len(built)} not built", err
    )
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="status status-stopped"') == 4 - len(built)
    # A report under way at the stop ends on its worker; the client wrote nothing after.
    assert in_flight, "no report was under way at the stop"
    with distributed.Client(address, set_as_default=False) as client:
        assert wait_until(
            lambda: (
                not any(client.processing().values()) and not remote_folders(local_cluster.short)
            ),
            timeout=60,
        ), (client.processing(), remote_folders(local_cluster.short))
    assert sorted(p.stem for p in out.glob("*_brief.html")) == built
    assert not list(out.rglob("*.tmp")), list(out.rglob("*"))
    with batch.lock_output(out):  # free: the next batch may run
        pass
