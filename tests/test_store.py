"""The all-pairs store on small generated data: build, swap, reads, bad files, dyads export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import build, datastore
from analysis.cli import main
from analysis.datastore import DataStore
from analysis.dimensions import Dimension
from analysis.dyadic import AllPairs, long_to_wide, pair_panel
from analysis.dyads import export_dyads
from analysis.errors import BadInput
from analysis.store import MANIFEST, Store

COUNTRIES = ["ARM", "AZE", "GEO", "RUS", "TUR"]
YEARS = range(2015, 2021)


def _trade(seed: int = 0) -> pd.DataFrame:
    """Directed generated rows: exports of a to b, with a gap (no row) and two sources."""
    rng = np.random.default_rng(seed)
    rows = []
    for a in COUNTRIES:
        for b in COUNTRIES:
            if a == b or (a, b) == ("TUR", "ARM"):  # a pair without any data
                continue
            for y in YEARS:
                if (a, b, y) == ("ARM", "RUS", 2017):  # a year without data: no row
                    continue
                rows.append(
                    {
                        "country_a": a,
                        "country_b": b,
                        "indicator": "trade.exports_a_to_b",
                        "year": y,
                        "value": float(rng.integers(1, 1000)) / 7,
                        "unit": "USD million",
                        "source": "armstat" if a == "ARM" else "imf_dots",
                    }
                )
    return pd.DataFrame(rows)


def _votes() -> AllPairs:
    """Undirected generated rows: agreement with an interval, ideal points that swap."""
    rows = []
    for i, a in enumerate(COUNTRIES):
        for b in COUNTRIES[i + 1 :]:
            for y in YEARS:
                v = (len(a) * 7 + ord(b[0]) + y) % 100
                rows.append(
                    {
                        "country_a": a,
                        "country_b": b,
                        "year": y,
                        "alignment.unga_agreement": float(v),
                        "alignment.unga_agreement|source": "unvotes",
                        "alignment.unga_agreement|lo": float(v) - 1.5,
                        "alignment.unga_agreement|hi": float(v) + 1.5,
                        "alignment.idealpoint_a": float(ord(a[0])) / 10,
                        "alignment.idealpoint_a|source": "unga_idealpoints",
                        "alignment.idealpoint_b": float(ord(b[0])) / 10,
                        "alignment.idealpoint_b|source": "unga_idealpoints",
                    }
                )
    swap = {
        "alignment.idealpoint_a": "alignment.idealpoint_b",
        "alignment.idealpoint_b": "alignment.idealpoint_a",
    }
    return AllPairs(undirected=pd.DataFrame(rows), swap=swap)


def _dimension(name, prefixes, all_pairs, tables=None, fail=False) -> Dimension:
    def compute(_inputs):
        if fail:
            raise RuntimeError("source broke halfway")
        return all_pairs

    return Dimension(
        name=name,
        title=name.title(),
        prefixes=prefixes,
        notebook=f"{name}.ipynb",
        load_inputs_ref=lambda raw: {"raw": raw},
        clear_inputs_ref=lambda: None,
        compute_all_pairs_ref=compute,
        compute_tables_ref=lambda _inputs: dict(tables or {}),
        provider_ref=lambda raw, a, b: pd.DataFrame(),
    )


def _dims(fail=False):
    partners = pd.DataFrame({"country_a": ["ARM", "ARM"], "year": [2020, 2020], "rank": [1, 2]})
    return [
        _dimension(
            "economy",
            ("trade",),
            AllPairs(directed=long_to_wide(_trade())),
            {"partners": partners},
        ),
        _dimension("alignment", ("alignment",), _votes(), fail=fail),
    ]


@pytest.fixture
def data_dir(tmp_path):
    """A data directory with a generated store (and no embedded tables)."""
    build.build_store(tmp_path / "raw", tmp_path / "data" / "store", _dims())
    return tmp_path / "data"


@pytest.fixture
def data(data_dir):
    ds = DataStore.at(data_dir)
    with datastore.use(ds):
        yield ds


def test_any_pair_reads_what_was_written(data):
    trade = _trade()
    for a, b in [("ARM", "RUS"), ("RUS", "ARM"), ("GEO", "AZE"), ("TUR", "ARM")]:
        got = data.pair_panel(a, b)
        want = trade[(trade["country_a"] == a) & (trade["country_b"] == b)]
        g = got[got["indicator"] == "trade.exports_a_to_b"]
        assert len(g) == len(want)
        np.testing.assert_allclose(g["value"].to_numpy(), want["value"].round(6).to_numpy())
        assert list(g["source"]) == list(want["source"])
    arm_rus = data.pair_panel("ARM", "RUS")
    assert 2017 not in set(arm_rus.loc[arm_rus["indicator"] == "trade.exports_a_to_b", "year"])


def test_undirected_rows_mirror_and_swap(data):
    ab = data.pair_panel("ARM", "RUS").set_index(["indicator", "year"])
    ba = data.pair_panel("RUS", "ARM").set_index(["indicator", "year"])
    agree = "alignment.unga_agreement"
    pd.testing.assert_series_equal(ab.loc[agree, "value"], ba.loc[agree, "value"])
    assert ab.loc[agree, "lo"].notna().all()
    # ARM's ideal point is idealpoint_a of ARM-RUS and idealpoint_b of RUS-ARM
    pd.testing.assert_series_equal(
        ab.loc["alignment.idealpoint_a", "value"], ba.loc["alignment.idealpoint_b", "value"]
    )
    assert (ab.loc["alignment.idealpoint_a", "value"] == ord("A") / 10).all()


def test_pair_panel_equals_reading_the_tables_in_memory(data):
    ap = _votes()
    want = pair_panel(ap, "RUS", "GEO")
    got = data.pair_panel("RUS", "GEO")
    got = got[got["indicator"].str.startswith("alignment")].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_two_builds_are_byte_identical(tmp_path):
    for n in (1, 2):
        build.build_store(tmp_path / "raw", tmp_path / f"s{n}", _dims())
    files = sorted(p.relative_to(tmp_path / "s1") for p in (tmp_path / "s1").rglob("*.*"))
    assert files
    for rel in files:
        assert (tmp_path / "s1" / rel).read_bytes() == (tmp_path / "s2" / rel).read_bytes(), rel


def test_failed_build_leaves_the_previous_store(data_dir):
    store = data_dir / "store"
    before = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()}
    with pytest.raises(RuntimeError, match="broke"):
        build.build_store(data_dir / "raw", store, _dims(fail=True))
    after = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()}
    assert after == before
    assert not list(data_dir.glob(".store.tmp-*"))


def test_killed_build_leaves_the_previous_store(data_dir):
    """SIGKILL in the middle of a build: the old store is intact; the next build cleans up."""
    store = data_dir / "store"
    before = (store / MANIFEST).read_bytes()
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from analysis import build
        from analysis.dimensions import Dimension
        import test_store as t
        dims = t._dims()
        def kill(_inputs):
            os.kill(os.getpid(), signal.SIGKILL)
        dims[1] = Dimension(**{{**dims[1].__dict__, "compute_all_pairs_ref": kill}})
        build.build_store({str(data_dir / "raw")!r}, {str(store)!r}, dims)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert (store / MANIFEST).read_bytes() == before
    assert list(data_dir.glob(".store.tmp-*"))  # the half-written build is left beside it
    build.build_store(data_dir / "raw", store, _dims())
    assert not list(data_dir.glob(".store.tmp-*"))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "store file missing"),
        ("truncated", "truncated or replaced"),
        ("schema", "another schema"),
        ("manifest", "store manifest unreadable"),
        ("version", "this version reads format"),
    ],
)
def test_a_damaged_store_is_bad_input_naming_the_file_and_the_remedy(
    data_dir, damage, message, capsys, monkeypatch
):
    store = data_dir / "store"
    target = store / "economy.directed.parquet"
    if damage == "missing":
        target.unlink()
    elif damage == "truncated":
        target.write_bytes(target.read_bytes()[:-100])
    elif damage == "schema":
        other = store / "alignment.undirected.parquet"
        manifest = json.loads((store / MANIFEST).read_text())
        manifest["files"]["economy.directed.parquet"]["bytes"] = other.stat().st_size
        (store / MANIFEST).write_text(json.dumps(manifest))
        target.write_bytes(other.read_bytes())
    elif damage == "manifest":
        (store / MANIFEST).write_text("{not json")
    elif damage == "version":
        (store / MANIFEST).write_text(json.dumps({"format": 99}))
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(data_dir))
    datastore.reset()
    try:
        code = main(["indicators", "ARM", "RUS"])
    finally:
        datastore.reset()
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert message in err and "bilateral data build" in err
    assert "Traceback" not in err


def test_without_store_a_pair_outside_the_embedded_data_names_the_remedy(tmp_path):
    ds = DataStore.at(tmp_path / "empty")
    with pytest.raises(BadInput, match="bilateral data build"):
        ds.pair_panel("USA", "CHN")


def test_the_pair_is_assembled_once_per_process(data, monkeypatch):
    calls = []
    original = data.read_store_pair
    monkeypatch.setattr(data, "read_store_pair", lambda a, b: calls.append(1) or original(a, b))
    for _ in range(3):
        data.pair_panel("ARM", "GEO")
    assert len(calls) == 1


def test_store_reads_only_the_row_groups_of_the_pair(data_dir):
    """A pair's read decodes one or two row groups, not the table (predicate pushdown)."""
    store = Store(data_dir / "store")
    rows = store.read_pair("economy", "GEO", "RUS").directed
    assert set(rows["country_a"]) == {"GEO"} and set(rows["country_b"]) == {"RUS"}
    assert len(rows) == len(YEARS)


# --- dyads export -------------------------------------------------------------------------------


def test_dyads_wide_has_one_row_per_dyad_year_in_both_orders(data, tmp_path):
    out = tmp_path / "d.parquet"
    result = export_dyads(data, out, ["ARM", "RUS", "GEO"], 2016, 2019, wide=True)
    df = pd.read_parquet(out)
    assert result["rows"] == len(df)
    assert not df.duplicated(["country_a", "country_b", "year"]).any()
    assert set(df["year"]) == {2016, 2017, 2018, 2019}
    assert set(zip(df["country_a"], df["country_b"])) == {
        (a, b) for a in ["ARM", "RUS", "GEO"] for b in ["ARM", "RUS", "GEO"] if a != b
    }
    row = df[(df["country_a"] == "RUS") & (df["country_b"] == "ARM") & (df["year"] == 2018)]
    panel = data.pair_panel("RUS", "ARM").set_index(["indicator", "year"])
    for ind in ("alignment.idealpoint_a", "alignment.unga_agreement", "trade.exports_a_to_b"):
        assert row[ind].item() == panel.loc[(ind, 2018), "value"]
    # ARM-RUS 2017 has agreement but no exports: the cell is empty, not zero
    gap = df[(df["country_a"] == "ARM") & (df["country_b"] == "RUS") & (df["year"] == 2017)]
    assert gap["trade.exports_a_to_b"].isna().item()


def test_dyads_long_csv_equals_the_pair_panels(data, tmp_path):
    out = tmp_path / "d.csv"
    export_dyads(data, out, ["ARM", "TUR"], patterns=["alignment.*"])
    df = pd.read_csv(out)
    assert set(df["indicator"].str.split(".").str[0]) == {"alignment"}
    for a, b in [("ARM", "TUR"), ("TUR", "ARM")]:
        got = df[(df["country_a"] == a) & (df["country_b"] == b)].reset_index(drop=True)
        want = data.pair_panel(a, b)
        want = want[want["indicator"].str.startswith("alignment")].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_dyads_one_country_gives_all_its_partners(data, tmp_path):
    out = tmp_path / "d.parquet"
    export_dyads(data, out, ["GEO"], patterns=["trade.*"], wide=True)
    df = pd.read_parquet(out)
    assert set(df["country_a"]) == {"GEO"}
    assert set(df["country_b"]) == set(COUNTRIES) - {"GEO"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.xlsx"], "give a file ending in .parquet or .csv"),
        (["--indicators", "nothing.*", "--out", "x.csv"], "matches no indicator"),
        (["--countries", "ARM,ZZZ", "--out", "x.csv"], "ZZZ"),
        (["--start", "2020", "--end", "2010", "--out", "x.csv"], "start year 2020 is after"),
        (
            ["--start", "1800", "--out", "x.csv"],
            "--start 1800 is before the data in the store begin (2015); use 2015–2020",
        ),
        (["--end", "2035", "--out", "x.csv"], "--end 2035 is after the data in the store end"),
        (["--end", "-5", "--out", "x.csv"], "--end -5 is not a year"),
    ],
)
def test_dyads_bad_input(data_dir, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(data_dir))
    monkeypatch.chdir(tmp_path)
    datastore.reset()
    try:
        code = main(["dyads", *args])
    finally:
        datastore.reset()
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("x.*"))


def test_dyads_cli_writes_the_file(data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(data_dir))
    datastore.reset()
    try:
        code = main(["dyads", "--countries", "ARM,RUS", "--wide", "--out", str(tmp_path / "o.csv")])
    finally:
        datastore.reset()
    assert code == 0
    df = pd.read_csv(tmp_path / "o.csv")
    assert set(df["country_a"]) == {"ARM", "RUS"}
    assert "rows" in capsys.readouterr().out
    assert os.path.getsize(tmp_path / "o.csv") > 0
