"""bilateral batch: a validated config, 4 pairs on 2 workers, skipping what did not change,
one broken pair that fails alone and keeps its last good report, and the index page."""

import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import embedded_data_copy, run_cli, snapshot, wait_until, write

from analysis import batch, config, report
from analysis.cli import main
from analysis.errors import BadInput

#: Four embedded pairs and a short period: every pair has data in 2018-2020.
PAIRS = ["ARM-RUS", "ARM-IRN", "AZE-RUS", "GEO-RUS"]
N = len(PAIRS)
BROKEN = "ARM-IRN_2018-2020"
CONFIG = "output: out\nperiods:\n  - {start: 2018, end: 2020}\npairs:\n" + "".join(
    f"  - {p}\n" for p in PAIRS
)


# --- the config --------------------------------------------------------------------------------


def test_config_expands_pairs_and_periods(tmp_path):
    path = write(
        tmp_path,
        "output: weekly\nworkers: 2\nperiods: [{start: 2010}, {start: 2015, end: 2020}]\n"
        "pairs:\n  - ARM-RUS\n  - [Azerbaijan, RUS]\n  - {a: GEO, b: RUS, periods: [{end: 2019}]}\n",
    )
    cfg = batch.load_config(path)
    assert cfg.output == (tmp_path / "weekly").resolve() and cfg.workers == 2
    assert [(j.a, j.b, j.start, j.end) for j in cfg.jobs] == [
        ("ARM", "RUS", 2010, None),
        ("ARM", "RUS", 2015, 2020),
        ("AZE", "RUS", 2010, None),
        ("AZE", "RUS", 2015, 2020),
        ("GEO", "RUS", 2000, 2019),
    ]
    stems = [report.report_stem(p) for p in batch.plan_jobs(cfg)]
    assert stems == ["ARM-RUS_2010-2025", "ARM-RUS_2015-2020", "AZE-RUS_2010-2025",
                     "AZE-RUS_2015-2020", "GEO-RUS_2000-2019"]  # fmt: skip


def test_the_example_config_is_valid():
    cfg = batch.load_config(config.PROJ_ROOT / "reports" / "batch-example.yml")
    assert len(cfg.jobs) >= 8
    assert len(batch.plan_jobs(cfg)) == len(cfg.jobs)


@pytest.mark.parametrize(
    "text, match",
    [
        ("pairs: [ARM-RUS]\n", r"output must be a folder"),
        ("output: o\npairs: []\n", r"pairs must be a non-empty list"),
        ("output: o\npairs: [ARM-RUS]\ncolour: red\n", r"unknown key\(s\) colour; allowed"),
        ("output: o\npairs: [ARM-ARN]\n", r"pairs\[0\]: unknown country 'ARN'"),
        ("output: o\npairs: [ARM-RUS-FRA]\n", r"use the list form"),
        ("output: o\npairs: [[ARM, ARM]]\n", r"pairs\[0\]: the two countries are the same"),
        ("output: o\npairs: [{a: ARM}]\n", r"must have both a and b"),
        ("output: o\npairs: [{a: ARM, b: RUS, period: 2}]\n", r"unknown key\(s\) period"),
        (
            "output: o\nperiods: [{start: 2020, end: 2010}]\npairs: [ARM-RUS]\n",
            r"periods\[0\]: start 2020 is after end 2010",
        ),
        ("output: o\nperiods: [{start: '2020'}]\npairs: [ARM-RUS]\n", r"start must be a year"),
        ("output: o\nworkers: 0\npairs: [ARM-RUS]\n", r"workers must be a whole number"),
        ("output: o\npairs: [ARM-RUS\n", r"not valid YAML at line"),
        ("- ARM-RUS\n", r"must be a mapping"),
        # Checked against the data, still before any kernel starts:
        (
            "output: o\nperiods: [{start: 2050}]\npairs: [ARM-RUS]\n",
            r"pairs\[0\] ARM-RUS 2050-latest: start 2050 is after the data of ARM-RUS end "
            r"\(2025\); use 1990–2025",
        ),
        (
            "output: o\nperiods: [{start: 1800}]\npairs: [ARM-RUS]\n",
            r"start 1800 is before the data of ARM-RUS begin \(1990\); use 1990–2025",
        ),
        (
            "output: o\nperiods: [{start: 2000, end: 2035}]\npairs: [ARM-RUS]\n",
            r"end 2035 is after the data of ARM-RUS end \(2025\)",
        ),
        ("output: o\nperiods: [{end: -5}]\npairs: [ARM-RUS]\n", r"end must be a year such as 2000"),
        # Hostile YAML (issue 14): refused by analysis.fileio.load_yaml, line named.
        (
            "output: o\nbase: &p [ARM, RUS]\npairs: [*p]\n",
            r"line 2: aliases are not allowed in a batch config",
        ),
        (
            "output: o\npairs: [ARM-RUS]\noutput: elsewhere\n",
            r"line 3: key 'output' appears twice \(first on line 1\)",
        ),
        ("output: o\nworkers: " + "7" * 5000 + "\npairs: [ARM-RUS]\n", r"a number of 5,000 digits"),
        ("output: o\npairs: [ARM-RUS, [ARM, RUS]]\n", r"pairs\[1\] .* makes the same report"),
    ],  # fmt: skip
)
def test_bad_config_exits_2_with_one_line_before_any_kernel(
    tmp_path, capsys, monkeypatch, text, match
):
    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    monkeypatch.setattr(batch, "run_one", no_kernel)
    assert main(["batch", str(write(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bilateral: error: "), err
    assert re.search(match, err), err
    assert not (tmp_path / "o").exists()


def test_missing_config_and_bad_workers(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "nope.yml")]) == 2
    assert "batch config not found" in capsys.readouterr().err
    assert main(["batch", str(write(tmp_path, CONFIG)), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_progress_is_a_bar_on_a_terminal_and_lines_in_a_log():
    outcome = {"status": "failed", "seconds": 1.25, "message": "boom"}
    log = io.StringIO()
    p = batch.Progress(2, log, tty=False)
    p.update("ARM-RUS_2000-2024", {"status": "skipped", "seconds": 0.0, "message": ""})
    p.update("AZE-RUS_2000-2020", outcome)
    p.close()
    assert log.getvalue().splitlines() == [
        "[1/2] skipped ARM-RUS_2000-2024",
        "[2/2] failed  AZE-RUS_2000-2020 (1.2 s): boom",
    ]
    term = io.StringIO()
    p = batch.Progress(2, term, tty=True)
    p.update("AZE-RUS_2000-2020", outcome)
    p.close()
    assert "\r" in term.getvalue() and "1/2" in term.getvalue() and "%|" in term.getvalue()


def test_index_escapes_and_links(tmp_path):
    entries = [
        {
            "params": {
                "country_a": "ARM",
                "country_b": "RUS",
                "start_year": 2019,
                "end_year": 2020,
            },  # fmt: skip
            "report": "ARM-RUS_2019-2020.html",
            "status": "failed",
            "seconds": 1.0,
            "message": "<b>bad</b>",
            "failed_notebook": "failed/economy_ARM-RUS_2019-2020.ipynb",
            "last_good": "2025-01-01T00:00:00Z",
        }
    ]
    page = batch.render_index(entries, "Reports <x>", "bilateral")
    assert "<b>bad</b>" not in page and "&lt;b&gt;bad&lt;/b&gt;" in page
    assert "Reports &lt;x&gt;" in page
    assert '<a href="ARM-RUS_2019-2020.html">' in page
    assert '<a href="failed/economy_ARM-RUS_2019-2020.ipynb">' in page
    assert "The last good report (of 2025-01-01T00:00:00Z) was kept." in page


# --- three runs of one batch --------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run one batch three times: fresh (2 workers), again unchanged, then with one pair's input
    broken. The embedded data are a copy (BILATERAL_DATA_DIR, seen by the workers and kernels)."""
    tmp = tmp_path_factory.mktemp("batch")
    cfg = write(tmp, CONFIG)
    out = tmp / "out"
    result = {}
    with embedded_data_copy(tmp) as data:
        result["first"] = run_cli(["batch", str(cfg), "--workers", "2"])
        result["first_files"] = snapshot(out)
        result["first_manifest"] = json.loads((out / "manifest.json").read_text())
        result["first_index"] = (out / "index.html").read_text(encoding="utf-8")

        result["second"] = run_cli(["batch", str(cfg), "--workers", "2"])
        result["second_files"] = snapshot(out)
        result["second_index"] = (out / "index.html").read_text(encoding="utf-8")
        result["second_manifest"] = json.loads((out / "manifest.json").read_text())

        # Break ARM-IRN's monthly data: a month that does not exist fails its economy notebook.
        monthly = data / "processed" / "monthly.csv"
        text = monthly.read_text(encoding="utf-8")
        assert "ARM,IRN,trade.exports_a_to_b,2019-06," in text
        monthly.write_text(
            text.replace("ARM,IRN,trade.exports_a_to_b,2019-06,", "ARM,IRN,trade.exports_a_to_b,2019-13,"),
            encoding="utf-8",
        )  # fmt: skip
        result["third"] = run_cli(["batch", str(cfg), "--workers", "2"])
        result["third_files"] = snapshot(out)
        result["third_manifest"] = json.loads((out / "manifest.json").read_text())
        result["third_index"] = (out / "index.html").read_text(encoding="utf-8")
    result["out"] = out
    return result


def test_first_run_builds_every_report_with_two_workers(runs):
    code, lines = runs["first"]
    assert code == 0, lines
    assert lines[0].endswith(f"0 unchanged, {N} to build with 2 workers")
    assert sorted(runs["first_files"]) == sorted(f"{p}_2018-2020.html" for p in PAIRS)
    assert sum(1 for line in lines if re.match(rf"\[\d/{N}\] ok ", line)) == N
    statuses = {k: v["status"] for k, v in runs["first_manifest"]["reports"].items()}
    assert statuses == {f"{p}_2018-2020": "ok" for p in PAIRS}
    assert runs["first_index"].count('class="status status-ok"') == N
    page = runs["first_files"]["AZE-RUS_2018-2020.html"][1].decode("utf-8")
    assert "Azerbaijan and Russia" in page and 'class="key-figures"' in page


def test_second_run_skips_them_all(runs):
    code, lines = runs["second"]
    assert code == 0, lines
    assert lines[0].endswith(f"{N} unchanged, 0 to build with 1 worker")
    assert sum(1 for line in lines if re.match(rf"\[\d/{N}\] skipped ", line)) == N
    assert runs["second_files"] == runs["first_files"]  # not rewritten: same bytes and times
    assert runs["second_index"].count('class="status status-skipped"') == N
    reports = runs["second_manifest"]["reports"]
    assert {r["status"] for r in reports.values()} == {"skipped"}
    first = runs["first_manifest"]["reports"]
    assert all(reports[k]["good_hash"] == first[k]["good_hash"] for k in first)


def test_broken_input_fails_that_pair_only_and_keeps_its_report(runs):
    code, lines = runs["third"]
    assert code == 1
    assert lines[-1].startswith(f"bilateral: failed: 1 of {N} reports failed ({BROKEN});")
    failed = [line for line in lines if " failed " in line and line.startswith("[")]
    assert len(failed) == 1 and BROKEN in failed[0]
    assert re.search(r"economy\.ipynb failed in cell \d+ \(\w+Error: .*month", failed[0])
    # The broken pair keeps its last good report, byte for byte; the others are skipped (only
    # ARM-IRN's rows of the monthly table changed, and no other report reads them).
    assert runs["third_files"] == runs["first_files"]
    reports = runs["third_manifest"]["reports"]
    assert reports[BROKEN]["status"] == "failed"
    assert reports[BROKEN]["failed_notebook"] == f"failed/economy_{BROKEN}.ipynb"
    assert reports[BROKEN]["last_good"] == runs["first_manifest"]["reports"][BROKEN]["last_good"]
    assert sum(1 for r in reports.values() if r["status"] == "skipped") == N - 1
    saved = json.loads((runs["out"] / "failed" / f"economy_{BROKEN}.ipynb").read_text())
    assert [c for c in saved["cells"] if "failed-cell" in c["metadata"].get("tags", [])]
    index = runs["third_index"]
    assert index.count('class="status status-skipped"') == N - 1
    assert index.count('class="status status-failed"') == 1
    assert f'<a href="failed/economy_{BROKEN}.ipynb">' in index
    assert "was kept" in index


def test_plan_rejects_duplicates_after_defaults(tmp_path):
    cfg = batch.load_config(
        write(
            tmp_path, "output: o\nperiods: [{start: 2018, end: 2020}]\npairs: [AZE-RUS, AZE-RUS]\n"
        )
    )
    with pytest.raises(BadInput, match=r"pairs\[1\] AZE-RUS 2018-2020 makes the same report"):
        batch.plan_jobs(cfg)


def test_a_killed_batch_leaves_the_last_good_report(tmp_path):
    """SIGKILL a batch while it rebuilds: the previous report stays whole, no temporary file is
    left, and the next run builds it again."""
    cfg = write(tmp_path, "output: out\nperiods: [{start: 2019, end: 2020}]\npairs: [AZE-RUS]\n")
    out = tmp_path / "out"
    assert main(["batch", str(cfg), "--workers", "1"]) == 0
    report_file = out / "AZE-RUS_2019-2020.html"
    good = report_file.read_bytes()
    report_file.write_bytes(good + b"<!-- last good -->")  # to tell it from a rebuilt one
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "batch", str(cfg), "--workers", "1", "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    first = proc.stderr.readline()  # printed after validation, before the kernel starts
    assert b"1 to build with 1 worker" in first, first
    time.sleep(0.5)  # the kernel is starting or running the notebooks
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert report_file.read_bytes() == good + b"<!-- last good -->"
    assert not list(out.rglob("*.tmp"))
    json.loads((out / "manifest.json").read_text(encoding="utf-8"))  # still whole
    # The report on disk is still the last good run's, so the next run finds it current.
    code, lines = run_cli(["batch", str(cfg), "--workers", "1"])
    assert code == 0 and "[1/1] skipped AZE-RUS_2019-2020" in lines


# --- stopping a batch: no orphan, no late write -----------------------------------------------

#: Environment variable that marks the processes of one test's batch (inherited by its workers and
#: kernels, even by those reparented to init), so that /proc tells which are still alive.
TAG_ENV = "BILATERAL_TEST_BATCH_TAG"
STOP_PAIRS = ["AZE-RUS", "GEO-RUS", "ARM-IRN"]
STOP_STEMS = [f"{p}_2019-2020" for p in STOP_PAIRS]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def tagged_processes(tag):
    """Return {pid: command line} of the live processes whose environment holds the tag."""
    found = {}
    marker = f"{TAG_ENV}={tag}".encode() + b"\0"
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if marker not in fh.read():
                    continue
            with open(f"/proc/{entry}/stat", "rb") as fh:
                if fh.read().rsplit(b")", 1)[1].split()[0] == b"Z":  # a zombie is gone already
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                found[int(entry)] = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
    return found


@pytest.fixture
def short_tmp():
    """A temporary folder of the batch's own, with a short path (kernel sockets live there, and a
    Unix socket's path has at most 107 bytes)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def start_batch(tmp_path, tmp, tag):
    """Start a batch of 3 reports on 2 workers in a subprocess, each report already there from a
    previous run (a marked file); return the process once a kernel of it runs."""
    out = tmp_path / "out"
    out.mkdir()
    for stem in STOP_STEMS:
        (out / f"{stem}.html").write_text(f"previous {stem}", encoding="utf-8")
    cfg = write(
        tmp_path,
        "output: out\nperiods: [{start: 2019, end: 2020}]\npairs: ["
        + ", ".join(STOP_PAIRS)
        + "]\n",
    )
    env = {**os.environ, TAG_ENV: tag, "TMPDIR": str(tmp), "JUPYTER_RUNTIME_DIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "batch", str(cfg), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    first = proc.stderr.readline()
    assert "3 to build with 2 workers" in first, first
    kernels = wait_until(
        lambda: [c for c in tagged_processes(tag).values() if "ipykernel" in c], timeout=60
    )
    if not kernels:
        proc.kill()
        pytest.fail(f"no kernel started: {tagged_processes(tag)}; {proc.communicate()[1]}")
    return proc


def assert_nothing_left(tmp_path, tag, started):
    """Assert that every process of the batch ends within 10 s, and that it left no temporary
    file and no rewritten report; return the seconds from ``started`` until all were gone."""
    alive = wait_until(lambda: not tagged_processes(tag), timeout=10)
    gone = time.monotonic() - started
    assert alive, f"still alive 10 s later: {tagged_processes(tag)}"
    out = tmp_path / "out"
    time.sleep(1.0)  # a survivor would have written by now (nothing can: none is left)
    for stem in STOP_STEMS:
        assert (out / f"{stem}.html").read_text(encoding="utf-8") == f"previous {stem}"
    assert not list(out.rglob("*.tmp")), list(out.rglob("*"))
    return gone


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_batch_ends_its_workers_and_kernels_and_writes_no_report_after(
    tmp_path, short_tmp, signum
):
    """SIGTERM (or SIGINT) to the batch process alone, once a kernel runs: exit 143 (130) with one
    line, the index and the manifest written, and every worker and kernel gone within 10 s.
    While it runs, a second batch on the same output folder is refused with the first one's pid."""
    tag = f"{os.getpid()}-{signum}-{time.monotonic_ns()}"
    proc = start_batch(tmp_path, short_tmp, tag)
    try:
        if signum == signal.SIGTERM:
            second = subprocess.run(
                [sys.executable, "-m", "analysis", "batch", str(tmp_path / "batch.yml")],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert second.returncode == 2, second.stderr
            assert second.stderr.count("\n") == 1, second.stderr
            assert f"in use by another batch (pid {proc.pid})" in second.stderr
        started = time.monotonic()
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    lines = [line for line in err.splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith(f"bilateral: stopped: {name} received;"), err
    assert "Traceback" not in err
    out = tmp_path / "out"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(r["status"] in ("ok", "failed") for r in manifest["reports"].values())
    index = (out / "index.html").read_text(encoding="utf-8")
    stopped = 3 - len(manifest["reports"])
    assert stopped and index.count('class="status status-stopped"') == stopped
    seconds = assert_nothing_left(tmp_path, tag, started)
    print(f"{name}: every process gone {seconds:.2f} s after the signal")
    assert not list(short_tmp.iterdir())  # kernel sockets, connection files, pid files


@linux_only
def test_workers_die_with_a_killed_batch(tmp_path, short_tmp):
    """SIGKILL to the batch process alone: its workers die with it (PR_SET_PDEATHSIG) and their
    kernels follow (ipykernel watches its parent); no report is rewritten."""
    tag = f"{os.getpid()}-kill-{time.monotonic_ns()}"
    proc = start_batch(tmp_path, short_tmp, tag)
    started = time.monotonic()
    proc.kill()
    proc.communicate(timeout=30)
    seconds = assert_nothing_left(tmp_path, tag, started)
    print(f"SIGKILL: every process gone {seconds:.2f} s after the signal")


# --- what a report depends on: the data in use ---------------------------------------------------


def test_fingerprint_follows_the_data_and_curated_dirs_in_use(tmp_path, monkeypatch):
    """Editing an ARM-RUS event of the timeline under $BILATERAL_CURATED_DIR or a GEO-RUS row of
    the embedded panel under $BILATERAL_DATA_DIR changes the hash of the reports that read them
    (GEO-RUS is a peer of ARM-RUS, not of ARM-FRA); a blank line that changes no row does not.
    The store case: tests/test_batch_refresh.py."""
    data, curated = tmp_path / "data", tmp_path / "mine"
    shutil.copytree(
        config.PROJ_ROOT / "data", data, ignore=shutil.ignore_patterns("raw", "store", ".store*")
    )
    shutil.copytree(config.PROJ_ROOT / "data" / "curated", curated)
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data))
    monkeypatch.setenv(config.CURATED_DIR_ENV, str(curated))
    pairs = [("ARM", "RUS"), ("ARM", "FRA"), ("GEO", "RUS")]

    def hashes():
        inputs = batch.fingerprint_inputs()
        data = batch.data_digests(inputs)
        return [
            batch.job_hash(
                {"country_a": a, "country_b": b, "start_year": 2019, "end_year": 2020}, inputs, data
            )
            for a, b in pairs
        ]

    def changed(before, after):
        return [f"{a}-{b}" for (a, b), x, y in zip(pairs, before, after, strict=True) if x != y]

    before = hashes()
    assert hashes() == before
    timeline = curated / "timeline.csv"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text + "\n", encoding="utf-8")
    assert hashes() == before
    line = next(x for x in text.splitlines() if ",ARM,RUS," in x)
    timeline.write_text(text.replace(line, line + " "), "utf-8")  # one cell edited
    edited_timeline = hashes()
    assert changed(before, edited_timeline) == ["ARM-RUS"]
    panel = data / "processed" / "panel.csv"
    rows = panel.read_text(encoding="utf-8").splitlines(keepends=True)
    geo = next(i for i, x in enumerate(rows) if x.startswith("GEO,RUS,trade.exports_a_to_b,"))
    cells = rows[geo].split(",")
    cells[4] = str(float(cells[4]) + 1.0)  # value
    rows[geo] = ",".join(cells)
    panel.write_text("".join(rows), encoding="utf-8")
    assert changed(edited_timeline, hashes()) == ["ARM-RUS", "GEO-RUS"]


# --- the output folder, checked before any kernel starts -----------------------------------------


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if a kernel (or a batch worker) starts."""

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    monkeypatch.setattr(batch, "_run_pool", no_kernel)


def one_error_line(capsys, code, expected_code, match):
    err = capsys.readouterr().err
    assert code == expected_code, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert re.search(match, err), err


@pytest.mark.parametrize(
    "where, match",
    [
        ("file", r"'--out': Directory '.*/file' is a file"),  # click's own check
        ("file/sub", r"output folder .*/file/sub cannot be created: .*/file is a file"),
        ("/proc", r"cannot write in output folder /proc \(no such file or directory\)"),
        ("/proc/bilateral", r"output folder /proc/bilateral cannot be created"),
        ("report-is-a-folder", r"ARM-RUS_2019-2020.html is a folder"),
        ("failed-is-a-file", r"failed is a file"),
    ],
)
def test_report_out_is_checked_before_any_kernel(tmp_path, capsys, no_kernel, where, match):
    (tmp_path / "file").write_text("a file", encoding="utf-8")
    out = tmp_path / where
    if where == "report-is-a-folder":
        (out / "ARM-RUS_2019-2020.html").mkdir(parents=True)
    if where == "failed-is-a-file":
        out.mkdir()
        (out / "failed").write_text("a file", encoding="utf-8")
    if where.startswith("/") and not sys.platform.startswith("linux"):
        pytest.skip("/proc is Linux's")
    code = main(["report", "ARM", "RUS", "--start", "2019", "--end", "2020", "--out", str(out)])
    one_error_line(capsys, code, 2, match)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_out_folder_is_bad_input(tmp_path, capsys, no_kernel):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    try:
        code = main(["report", "ARM", "RUS", "--out", str(out)])
    finally:
        out.chmod(0o755)
    one_error_line(capsys, code, 2, r"cannot write in output folder .*permission denied")


@pytest.mark.parametrize(
    "setup, match",
    [
        ("output-is-a-file", r"output folder .*/out is a file, not a folder"),
        ("manifest-is-a-folder", r"out/manifest.json is a folder"),
        ("index-is-a-folder", r"out/index.html is a folder"),
        ("report-is-a-folder", r"out/AZE-RUS_2019-2020.html is a folder"),
    ],
)
def test_batch_output_is_checked_before_any_kernel(tmp_path, capsys, no_kernel, setup, match):
    out = tmp_path / "out"
    if setup == "output-is-a-file":
        out.write_text("a file", encoding="utf-8")
    else:
        name = {"manifest": "manifest.json", "index": "index.html"}.get(
            setup.split("-")[0], "AZE-RUS_2019-2020.html"
        )
        (out / name).mkdir(parents=True)
    cfg = write(tmp_path, "output: out\nperiods: [{start: 2019, end: 2020}]\npairs: [AZE-RUS]\n")
    one_error_line(capsys, main(["batch", str(cfg)]), 2, match)


def test_a_lock_held_by_another_process_is_bad_input(tmp_path, capsys, no_kernel):
    """The lock is the kernel's (flock): a process that holds it makes a batch exit 2 with its pid."""
    cfg = write(tmp_path, "output: out\nperiods: [{start: 2019, end: 2020}]\npairs: [AZE-RUS]\n")
    (tmp_path / "out").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom pathlib import Path\nfrom analysis import batch\n"
         "with batch.lock_output(Path(sys.argv[1])):\n    print('held', flush=True)\n"
         "    sys.stdin.read()\n", str(tmp_path / "out")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        code = main(["batch", str(cfg)])
        one_error_line(capsys, code, 2, rf"is in use by another batch \(pid {holder.pid}\); wait")
    finally:
        holder.communicate("", timeout=30)
    # Released with the process: the folder is free again (the file stays).
    with batch.lock_output(tmp_path / "out") as lock:
        assert lock.read_text(encoding="ascii") == f"{os.getpid()}\n"


# --- writing fails while running: one line, exit 1, the previous files kept -----------------------


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_while_writing_a_report_keeps_the_previous_one(tmp_path, capsys, monkeypatch):
    """ENOSPC when the report is written (the notebooks 'ran'): exit 1, one line naming the file
    and the reason, the previous report byte for byte, no temporary file."""
    monkeypatch.setattr(report.KernelSession, "__enter__", lambda self: self)
    monkeypatch.setattr(report.KernelSession, "__exit__", lambda self, *exc: None)
    monkeypatch.setattr(report, "execute_notebook", lambda name, *args: name)
    monkeypatch.setattr(report, "render_report", lambda executed, params: "<p>new</p>")
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "ARM-RUS_2019-2020.html"
    previous.write_text("<p>previous</p>", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", no_space)
    code = main(["report", "ARM", "RUS", "--start", "2019", "--end", "2020", "--out", str(out)])
    one_error_line(
        capsys, code, 1, r"^bilateral: failed: could not write .*ARM-RUS_2019-2020.html \(no space "
        r"left on the device; free some space and run again\); its previous version was left"
    )  # fmt: skip
    assert previous.read_text(encoding="utf-8") == "<p>previous</p>"
    assert sorted(p.name for p in out.iterdir()) == ["ARM-RUS_2019-2020.html"]


def test_a_full_disk_while_writing_the_manifest_is_one_line(tmp_path, capsys, monkeypatch):
    cfg = write(tmp_path, "output: out\nperiods: [{start: 2019, end: 2020}]\npairs: [AZE-RUS]\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"reports": {}}\n', encoding="utf-8")

    def full_disk_pool(to_run, out, n_workers, record, pdf=False):
        monkeypatch.setattr(os, "fsync", no_space)
        record(to_run[0], {"status": "ok", "seconds": 1.0, "message": ""})

    monkeypatch.setattr(batch, "_run_pool", full_disk_pool)
    code = main(["batch", str(cfg)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and "Traceback" not in "\n".join(err), err
    assert re.match(r"bilateral: failed: could not write .*out/(manifest.json|index.html) \(no "
                    r"space left on the device", err[-1]), err  # fmt: skip
    assert (out / "manifest.json").read_text(encoding="utf-8") == '{"reports": {}}\n'
    assert not list(out.rglob("*.tmp"))


def test_a_batch_worker_keeps_its_kernel_warm_between_reports(tmp_path):
    """run_one (a pool worker's task) builds report after report in one kernel; a failed report
    drops it, so the next starts from a fresh one."""
    try:
        first = report.validate_parameters("ARM", "RUS", 2020, None, extra={"edition": "brief"})
        second = report.validate_parameters("AZE", "RUS", 2020, None, extra={"edition": "brief"})
        assert batch.run_one(first, str(tmp_path), summary=True)["status"] == "ok"
        session = report.warm_session()
        outcome = batch.run_one(second, str(tmp_path), summary=True)
        assert outcome["status"] == "ok" and outcome["index"]["year"] is not None
        assert report.warm_session() is session and session.runs == 4
        bad = {**first, "start_year": "not a year"}
        assert batch.run_one(bad, str(tmp_path))["status"] == "failed"
        assert report._warm["session"] is None
    finally:
        report.drop_warm_session()


def test_the_manifest_is_written_at_the_end_not_after_each_report(tmp_path, monkeypatch):
    """An atlas's manifest grows to megabytes: while reports finish it is written at most every
    MANIFEST_EVERY seconds, and at the end with every report."""
    writes = []
    real = batch.write_manifest

    def counted(out, manifest):
        writes.append(sorted(r["status"] for r in manifest["reports"].values()))
        return real(out, manifest)

    def quick_pool(to_run, out, n_workers, record, pdf=False, summary=False):
        for params in to_run:
            record(params, {"status": "ok", "seconds": 0.01, "message": ""})

    monkeypatch.setattr(batch, "write_manifest", counted)
    monkeypatch.setattr(batch, "_run_pool", quick_pool)
    code, lines = run_cli(["batch", str(write(tmp_path, CONFIG)), "--workers", "2"])
    assert code == 0, lines
    assert writes == [["ok"] * N]  # four reports within a second: one write, at the end
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in manifest["reports"].values()} == {"ok"}
