"""bilateral batch: a validated config, 4 pairs on 2 workers, skipping what did not change,
one broken pair that fails alone and keeps its last good report, and the index page."""

import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from analysis import batch, config, datastore, report
from analysis.cli import main
from analysis.errors import BadInput

#: Four embedded pairs and a short period: every pair has data in 2018-2020.
PAIRS = ["ARM-RUS", "ARM-IRN", "AZE-RUS", "GEO-RUS"]
N = len(PAIRS)
BROKEN = "ARM-IRN_2018-2020"
CONFIG = "output: out\nperiods:\n  - {start: 2018, end: 2020}\npairs:\n" + "".join(
    f"  - {p}\n" for p in PAIRS
)


def write(tmp_path, text, name="batch.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


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


def run_cli(args):
    """Run the command line; return (exit code, stderr lines)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue().splitlines()


def snapshot(out):
    reports = sorted(out.glob("*_*.html"))
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in reports}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run one batch three times: fresh (2 workers), again unchanged, then with one pair's input
    broken. The embedded data are a copy (BILATERAL_DATA_DIR, seen by the workers and kernels)."""
    tmp = tmp_path_factory.mktemp("batch")
    data = tmp / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("raw", "store", ".store*"))
    cfg = write(tmp, CONFIG)
    out = tmp / "out"
    result = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(config.DATA_DIR_ENV, str(data))
        mp.setattr(config, "DATA_DIR", data)
        mp.setattr(config, "PROCESSED_DIR", data / "processed")
        mp.setattr(config, "CURATED_DIR", data / "curated")
        mp.setattr(config, "CATALOG_PATH", data / "catalog.yml")
        datastore.reset()
        try:
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
        finally:
            datastore.reset()
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
    # The broken pair keeps its last good report, byte for byte; the others were rebuilt (the
    # embedded data changed, so every report's hash did).
    assert runs["third_files"][f"{BROKEN}.html"] == runs["first_files"][f"{BROKEN}.html"]
    rebuilt = [n for n in runs["third_files"] if runs["third_files"][n] != runs["first_files"][n]]
    assert len(rebuilt) == N - 1 and f"{BROKEN}.html" not in rebuilt
    reports = runs["third_manifest"]["reports"]
    assert reports[BROKEN]["status"] == "failed"
    assert reports[BROKEN]["failed_notebook"] == f"failed/economy_{BROKEN}.ipynb"
    assert reports[BROKEN]["last_good"] == runs["first_manifest"]["reports"][BROKEN]["last_good"]
    assert sum(1 for r in reports.values() if r["status"] == "ok") == N - 1
    saved = json.loads((runs["out"] / "failed" / f"economy_{BROKEN}.ipynb").read_text())
    assert [c for c in saved["cells"] if "failed-cell" in c["metadata"].get("tags", [])]
    index = runs["third_index"]
    assert index.count('class="status status-ok"') == N - 1
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
