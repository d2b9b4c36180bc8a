"""Society for every pair at once: the wide tables give each pair's panel exactly."""

import random

import numpy as np
import pandas as pd
import pytest
from helpers import require_raw_dir
from pandas.testing import assert_frame_equal

from analysis import config, society
from analysis.dimensions import society as dim
from analysis.dyadic import KEY_COLUMNS, pair_panel
from analysis.indicators import migration
from analysis.indicators.common import concat_panel

NAMED_PAIRS = [
    ("USA", "CHN"),
    ("CHN", "USA"),
    ("IND", "PAK"),
    ("BRA", "ARG"),
    ("FRA", "DEU"),
    ("ARM", "TUR"),
    ("RUS", "AZE"),
]


@pytest.fixture(scope="module")
def raw():
    return require_raw_dir()


@pytest.fixture(scope="module")
def inputs(raw, dimension_results):
    return dimension_results("society")[0]


@pytest.fixture(scope="module")
def all_pairs(dimension_results):
    return dimension_results("society")[1]


@pytest.fixture(scope="module")
def tables(dimension_results):
    return dimension_results("society")[2]


def _sample_pairs(inputs, n=10, seed=20240611):
    codes = sorted({*dim.countries(inputs), *inputs.wdi["iso3"].astype(str).unique()})
    rng = random.Random(seed)
    return [tuple(rng.sample(codes, 2)) for _ in range(n)]


def _expected(raw, a, b):
    # The per-pair provider's rows as the panel machinery assembles them (compute_panel).
    return concat_panel([society.society_provider(raw, a, b)])


# --- equality with the per-pair provider ------------------------------------------------------


def test_pair_panel_equals_provider(raw, inputs, all_pairs):
    sample = _sample_pairs(inputs)
    covered = dim.undesa_pairs(inputs) + dim.opinion_pairs(inputs)
    pairs = list(dict.fromkeys([*config.EMBEDDED_PAIRS, *NAMED_PAIRS, *sample, *covered]))
    empty = 0
    for a, b in pairs:
        expected = _expected(raw, a, b)
        assert_frame_equal(pair_panel(all_pairs, a, b), expected, obj=f"{a}-{b}")
        empty += expected.empty
    # The sample holds both pairs without any data and pairs with data.
    assert 0 < empty < len(pairs)
    assert any(_expected(raw, a, b).empty for a, b in sample)


def test_table_form(all_pairs):
    d = all_pairs.directed
    assert all_pairs.undirected is None and all_pairs.swap == {}
    assert d.columns.tolist() == dim.wide_columns(dim.INDICATOR_IDS, set(dim.OPINION_IDS))
    assert d["year"].dtype == "int64"
    assert not d.duplicated(KEY_COLUMNS).any()
    assert d.equals(d.sort_values(KEY_COLUMNS, ignore_index=True))
    assert (d["country_a"] != d["country_b"]).all()
    # Every row holds at least one observation.
    assert d[list(dim.INDICATOR_IDS)].notna().any(axis=1).all()


def test_deterministic(inputs, all_pairs):
    assert_frame_equal(dim.compute_all_pairs(inputs).directed, all_pairs.directed)


def test_value_read_in_the_raw_file(all_pairs):
    # undesa_ims2024_extract/undesa_ims2024_stock_arm_rus_extract.csv, line 2:
    # 1990,ARM,RUS,...,535266 (persons born in Armenia living in Russia).
    d = all_pairs.directed
    row = d[(d["country_a"] == "ARM") & (d["country_b"] == "RUS") & (d["year"] == 1990)]
    assert row["migration.stock_a_in_b"].tolist() == [535266.0]
    mirror = d[(d["country_a"] == "RUS") & (d["country_b"] == "ARM") & (d["year"] == 1990)]
    assert mirror["migration.stock_b_in_a"].tolist() == [535266.0]


# --- detail tables ----------------------------------------------------------------------------


def test_migration_table_holds_every_country(raw, inputs, tables):
    m = tables["migration"]
    assert list(m.columns) == ["source", "origin", "destination", "year", "measure", "value",
                               "unit"]  # fmt: skip
    # Restricted to the embedded countries, it is the committed detail table.
    codes = {c for pair in config.EMBEDDED_PAIRS for c in pair}
    sub = m[m["origin"].isin(codes) & m["destination"].isin(codes)].reset_index(drop=True)
    assert_frame_equal(sub, society.build_migration_detail(raw))
    # Any other pair reads the same rows as a per-pair computation.
    for a, b in [("FRA", "DEU"), ("IND", "PAK"), ("USA", "MEX")]:
        got = m[m["origin"].isin({a, b}) & m["destination"].isin({a, b})].reset_index(drop=True)
        want = migration.build_migration_detail(
            inputs.undesa, inputs.wb_stock, inputs.wb_remittances, {a, b}
        )
        assert len(want) and len(got) == len(want)
        assert_frame_equal(got, want)


def test_opinion_toplines_table(raw, tables):
    assert_frame_equal(tables["opinion_toplines"], society.build_opinion_toplines(raw))


# --- the vectorised functions on tiny frames --------------------------------------------------


def _tiny():
    stock = pd.DataFrame(
        {
            "origin": pd.array(["ARM", "RUS", "ARM", None, "GEO"], dtype="string"),
            "destination": pd.array(["RUS", "ARM", "GEO", "ARM", "GEO"], dtype="string"),
            "year": 2017,
            "value": [100.0, 40.0, 0.0, 7.0, 3.0],
        }
    )
    rem = pd.DataFrame(
        {
            "sender": pd.array(["RUS", "ARM", "GEO", "RUS"], dtype="string"),
            "receiver": pd.array(["ARM", "RUS", "ARM", None], dtype="string"),
            "year": 2017,
            "value": [5.0, 0.5, 0.0, 9.0],
        }
    )
    wdi = pd.DataFrame(
        {
            "indicator": ["remittances_received_usd", "gdp_usd"] * 3 + ["gdp_usd"],
            "iso3": ["ARM", "ARM", "ARM", "ARM", "RUS", "RUS", "GEO"],
            "year": [2016, 2016, 2017, 2017, 2017, 2017, 2017],
            "value": [2.0, 8.0, 3.0, 0.0, 1.0, 50.0, 9.0],
        }
    )
    undesa = pd.DataFrame(
        columns=["origin", "destination", "year", "stock", "stock_male", "stock_female"]
    )
    return undesa, stock, rem, wdi


def test_wb2017_all_pairs_known_answer():
    _, stock, rem, _ = _tiny()
    got = migration.wb2017_all_pairs(stock, rem)
    rows = got[["country_a", "country_b", "indicator", "value"]].values.tolist()
    assert rows == [
        ["ARM", "RUS", "migration.stock_a_in_b_wb2017", 100.0],
        ["ARM", "RUS", "migration.stock_b_in_a_wb2017", 40.0],
        ["ARM", "RUS", "remittances.estimate_a_to_b_wb2017", 0.5],
        ["ARM", "RUS", "remittances.estimate_b_to_a_wb2017", 5.0],
        ["RUS", "ARM", "migration.stock_a_in_b_wb2017", 40.0],
        ["RUS", "ARM", "migration.stock_b_in_a_wb2017", 100.0],
        ["RUS", "ARM", "remittances.estimate_a_to_b_wb2017", 5.0],
        ["RUS", "ARM", "remittances.estimate_b_to_a_wb2017", 0.5],
    ]  # zero cells, cells without a code and GEO-GEO give no row
    assert set(got["source"]) == {"wb_bilateral_2017"} and set(got["year"]) == {2017}


def test_remittances_gdp_known_answer():
    *_, wdi = _tiny()
    got = migration.remittances_gdp(wdi)
    # ARM 2017 has a zero GDP, GEO no remittances: left out.
    assert got[["iso3", "year", "value"]].values.tolist() == [["ARM", 2016, 25.0],
                                                              ["RUS", 2017, 2.0]]  # fmt: skip


def test_received_all_gdp_all_pairs_known_answer():
    _, _, rem, wdi = _tiny()
    got = migration.received_all_gdp_all_pairs(rem, wdi)
    # RUS -> ARM 5.0 gives ARM-RUS ARM's series; ARM -> RUS 0.5 gives RUS-ARM RUS's series;
    # GEO -> ARM is a zero cell.
    assert got[["country_a", "country_b", "year", "value"]].values.tolist() == [
        ["ARM", "RUS", 2016, 25.0],
        ["RUS", "ARM", 2017, 2.0],
    ]


def test_tiny_frames_agree_with_compute_migration():
    undesa, stock, rem, wdi = _tiny()
    long = pd.concat(
        [migration.wb2017_all_pairs(stock, rem), migration.received_all_gdp_all_pairs(rem, wdi)]
    )
    for a, b in [("ARM", "RUS"), ("RUS", "ARM"), ("ARM", "GEO"), ("GEO", "ARM")]:
        want = migration.compute_migration(undesa, stock, rem, wdi, a, b)
        got = long[(long["country_a"] == a) & (long["country_b"] == b)]
        if want.empty:
            assert got.empty
            continue
        key = ["indicator", "year"]
        got = got.sort_values(key, ignore_index=True)
        want = want.sort_values(key, ignore_index=True)
        assert got[key].values.tolist() == want[key].values.tolist()
        np.testing.assert_array_equal(got["value"].to_numpy(), want["value"].to_numpy())
        assert got["source"].tolist() == want["source"].tolist()
