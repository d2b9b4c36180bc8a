"""The command line: output formats and every bad-input path (exit 2, one line, no traceback)."""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.indicators import INDICATORS


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_indicators_csv_has_every_trade_and_transfer_id(capsys):
    code, out, err = run(capsys, "indicators", "ARM", "RUS", "--format", "csv")
    assert code == 0 and err == ""
    panel = pd.read_csv(io.StringIO(out))
    assert list(panel.columns) == [
        "country_a", "country_b", "indicator", "year", "value", "unit", "source", "lo", "hi"
    ]  # fmt: skip
    economic = {i for i in INDICATORS if i.startswith(("trade.", "remittances."))}
    assert economic <= set(panel["indicator"])
    assert panel["value"].notna().all()
    assert not panel.duplicated(["indicator", "year"]).any()


def test_indicators_json_and_years(capsys):
    code, out, _ = run(
        capsys,
        "indicators",
        "arm",
        "Russia",
        "--start",
        "2020",
        "--end",
        "2022",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)
    assert {r["year"] for r in rows} == {2020, 2021, 2022}
    assert {r["country_a"] for r in rows} == {"ARM"} and {r["country_b"] for r in rows} == {"RUS"}


def test_indicators_table(capsys):
    code, out, _ = run(capsys, "indicators", "ARM", "RUS", "--start", "2024")
    assert code == 0
    assert "trade.exports_a_to_b" in out and "2024" in out


def test_cow_codes_are_accepted(capsys):
    code, out, _ = run(capsys, "indicators", "371", "365", "--start", "2024", "--format", "csv")
    assert code == 0 and "ARM,RUS,trade.total,2024" in out


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["indicators", "ARN", "RUS"], "unknown country 'ARN'; did you mean ARM"),
        (["indicators", "ARM", "ARM"], "the two countries are the same"),
        (["indicators", "ARM", "AM"], "the two countries are the same"),
        (
            ["indicators", "ARM", "RUS", "--start", "2020", "--end", "2010"],
            "start year 2020 is after end year 2010",
        ),
        (
            ["indicators", "ARM", "RUS", "--start", "2040"],
            r"--start 2040 is after the data of ARM-RUS end \(2025\); use 1990–2025",
        ),
        (
            ["indicators", "ARM", "RUS", "--end", "1950"],
            r"--end 1950 is before the data of ARM-RUS begin \(1990\); use 1990–2025",
        ),
        (["indicators", "ARM", "RUS", "--start", "twenty"], "'twenty' is not a year"),
        (["indicators", "ARM", "RUS", "--format", "xml"], "'xml' is not one of"),
        (["indicators", "ARM"], "Missing argument 'B'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["report", "ARM", "XXX"], "unknown country 'XXX'"),
        (["report", "ARM", "RUS", "--start", "2030", "--end", "2020"], "start year 2030 is after"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, match):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("bilateral: error: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    import re

    assert re.search(match, err), err


def test_pair_outside_embedded_data_without_raw(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv(config.RAW_DIR_ENV, str(tmp_path / "nowhere"))
    code, _, err = run(capsys, "indicators", "USA", "CHN")
    assert code == 2
    assert "USA-CHN is not in the embedded data" in err and "BILATERAL_RAW_DIR" in err


def test_data_build_with_missing_raw_dir(capsys, tmp_path):
    code, _, err = run(
        capsys, "data", "build", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "out")
    )
    assert code == 2 and "raw-data directory not found" in err
    assert not (tmp_path / "out").exists()


def test_data_build_with_missing_raw_file_writes_nothing(capsys, tmp_path):
    (tmp_path / "raw").mkdir()
    code, _, err = run(
        capsys, "data", "build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out")
    )
    assert code == 2 and "raw file missing" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_sources_lists_every_source_with_checksum(capsys):
    code, out, _ = run(capsys, "sources")
    assert code == 0
    for sid in ("armstat", "cba", "imf_dots", "wdi"):
        assert f"{sid}:" in out
    assert out.count("sha256") >= 5 and "license:" in out and "coverage:" in out


def test_entry_point_prints_no_traceback():
    """The real console entry (``python -m analysis``) exits 2 with one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "indicators", "ZZZ", "RUS"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("bilateral: error: unknown country 'ZZZ'")
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "indicators" in out and "report" in out
