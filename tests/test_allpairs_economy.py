"""The economic dimension for all pairs at once equals the per-pair provider, pair by pair."""

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.dimensions import economy
from analysis.dyadic import KEY_COLUMNS, SEP, AllPairs, indicator_columns, pair_panel
from analysis.economy import compute_monthly, economy_provider
from analysis.indicators import trade
from analysis.indicators.common import concat_panel

# Tiny hand-built frames --------------------------------------------------------------------


def _bp(rows):
    """by_partner frame from (reporter, partner, label, year, exports, imports, source)."""
    cols = ["reporter", "partner", "partner_label", "year", "exports", "imports", "source"]
    df = pd.DataFrame(rows, columns=cols)
    for col in ("reporter", "partner", "partner_label"):
        df[col] = df[col].astype("string")
    return df


BY_PARTNER = _bp(
    [
        ("ARM", "RUS", "Russia", 2020, 30.0, 50.0, "s"),
        ("ARM", "CHN", "China", 2020, 10.0, 30.0, "s"),
        ("ARM", "FRA", "France", 2020, 10.0, 30.0, "s"),
        ("ARM", None, "Unknown country", 2020, 5.0, 35.0, "s"),
        ("ARM", "RUS", "Russia", 2021, 60.0, 40.0, "s"),
        ("ARM", "CHN", "China", 2021, np.nan, 50.0, "s"),
        ("ARM", "FRA", "France", 2021, 0.0, 0.0, "s"),
        ("RUS", "ARM", "Armenia", 2021, 20.0, 10.0, "t"),
    ]
)
TOTALS = pd.DataFrame(
    [
        ("ARM", 2020, 55.0, 145.0, "s"),
        ("ARM", 2021, 110.0, 90.0, "s"),
        ("RUS", 2021, 400.0, 600.0, "t"),
    ],
    columns=["reporter", "year", "exports", "imports", "source"],
).astype({"reporter": "string"})
WDI = pd.DataFrame(
    {
        "indicator": ["gdp_usd", "merch_exports_usd", "merch_imports_usd"] * 2,
        "iso3": ["ARM", "RUS", "RUS", "RUS", "ARM", "ARM"],
        "year": [2020, 2020, 2020, 2021, 2021, 2021],
        "value": [1000e6, 100e6, 100e6, 5000e6, 50e6, 50e6],
    }
).astype({"indicator": "string", "iso3": "string"})
TINY_PAIRS = [
    ("ARM", "RUS"),
    ("ARM", "CHN"),
    ("ARM", "FRA"),
    ("RUS", "ARM"),
    ("ARM", "DEU"),
    ("RUS", "CHN"),
]


def _value(df, a, b, year, col="value"):
    row = df[(df["country_a"] == a) & (df["country_b"] == b) & (df["year"] == year)]
    assert len(row) <= 1
    if not len(row):
        return None
    return row[col].iloc[0] if col == "source" else float(row[col].iloc[0])


def test_all_trade_flows_tiny():
    f = trade.all_trade_flows(BY_PARTNER)
    assert len(f) == 7  # the unspecified partner is dropped
    assert _value(f, "ARM", "RUS", 2021, "balance") == 20.0
    assert _value(f, "ARM", "CHN", 2021, "imports") == 50.0
    assert math.isnan(_value(f, "ARM", "CHN", 2021, "total"))


def test_all_pair_trade_rejects_two_labels_for_one_country():
    two = pd.concat([BY_PARTNER, BY_PARTNER.iloc[[0]].assign(partner_label="Russian Fed.")])
    with pytest.raises(ValueError, match="RUS in the trade of ARM"):
        trade.all_pair_trade(two)


def test_all_partner_share_tiny():
    s = trade.all_partner_share(BY_PARTNER, TOTALS)
    assert _value(s, "ARM", "RUS", 2020) == pytest.approx(40.0)
    assert _value(s, "RUS", "ARM", 2021) == pytest.approx(3.0)
    assert _value(s, "ARM", "CHN", 2021) is None  # exports missing: no share


def test_all_partner_rank_tiny_ties_and_zero():
    r = trade.all_partner_rank(BY_PARTNER)
    got = {(a, b, y): v for a, b, y, v in r[["country_a", "country_b", "year", "value"]].values}
    assert got == {
        ("ARM", "RUS", 2020): 1.0,
        ("ARM", "CHN", 2020): 2.0,  # tie with FRA: both get the smallest rank
        ("ARM", "FRA", 2020): 2.0,
        ("ARM", "RUS", 2021): 1.0,
        ("ARM", "CHN", 2021): 2.0,  # missing exports count as 0
        ("RUS", "ARM", 2021): 1.0,
    }  # FRA 2021 has no trade: not ranked


def test_all_dependence_gdp_tiny():
    d = trade.all_dependence_gdp(BY_PARTNER, WDI)
    assert _value(d, "ARM", "RUS", 2020) == pytest.approx(8.0)
    assert _value(d, "ARM", "RUS", 2021) is None  # no GDP of ARM in 2021
    assert _value(d, "RUS", "ARM", 2021) == pytest.approx(0.6)
    assert _value(d, "RUS", "ARM", 2021, "source") == "t+wdi"


def test_all_trade_hhi_tiny():
    h = trade.all_trade_hhi(BY_PARTNER)
    assert _value(h, "ARM", "FRA", 2020) == pytest.approx(50**2 + 25**2 + 25**2)
    assert _value(h, "ARM", "CHN", 2021) == pytest.approx((200 / 3) ** 2 + (100 / 3) ** 2)
    assert _value(h, "RUS", "ARM", 2021) == pytest.approx(10_000.0)


def test_all_barbieri_tiny():
    b = trade.all_barbieri(BY_PARTNER, TOTALS, WDI)
    assert _value(b, "ARM", "RUS", 2020, "salience") == pytest.approx(0.4)
    assert _value(b, "ARM", "RUS", 2020, "symmetry") == pytest.approx(1.0)
    assert _value(b, "RUS", "ARM", 2021, "salience") == pytest.approx(math.sqrt(0.03 * 0.3))
    assert _value(b, "RUS", "ARM", 2021, "symmetry") == pytest.approx(0.73)
    assert _value(b, "ARM", "CHN", 2020, "salience") is None  # no WDI trade of CHN


def _tiny_pair_trade(a, b):
    return concat_panel(
        [
            trade.compute_trade_flows(BY_PARTNER, a, b),
            trade.compute_partner_share(BY_PARTNER, TOTALS, a, b),
            trade.compute_partner_rank(BY_PARTNER, a, b),
            trade.compute_dependence_gdp(BY_PARTNER, WDI, a, b),
            trade.compute_trade_hhi(BY_PARTNER, a, b),
            trade.compute_barbieri(BY_PARTNER, TOTALS, WDI, a, b),
        ]
    )


@pytest.mark.parametrize(("a", "b"), TINY_PAIRS)
def test_compute_all_trade_tiny_equals_per_pair(a, b):
    wide = trade.compute_all_trade(BY_PARTNER, TOTALS, WDI)
    assert_frame_equal(pair_panel(AllPairs(directed=wide), a, b), _tiny_pair_trade(a, b))


def test_compute_all_top_partners_tiny():
    top = trade.compute_all_top_partners(BY_PARTNER, TOTALS, n=2)
    expected = pd.concat(
        [trade.compute_top_partners(BY_PARTNER, TOTALS, a, n=2) for a in ("ARM", "RUS")],
        ignore_index=True,
    )
    assert_frame_equal(top, expected)
    assert top[top["country_a"] == "ARM"]["rank"].tolist() == [1, 2, 2, 1, 2]


# Real data ----------------------------------------------------------------------------------

CHECKED_PAIRS = [
    ("USA", "CHN"),
    ("CHN", "USA"),
    ("IND", "PAK"),
    ("BRA", "ARG"),
    ("FRA", "DEU"),
    ("ARM", "TUR"),
    ("RUS", "AZE"),
]
SEED = 20240601


@pytest.fixture(scope="module")
def raw():
    from helpers import require_raw_dir

    return require_raw_dir()


@pytest.fixture(scope="module")
def inputs(raw, dimension_results):
    return dimension_results("economy")[0]


@pytest.fixture(scope="module")
def all_pairs(dimension_results):
    return dimension_results("economy")[1]


@pytest.fixture(scope="module")
def tables(dimension_results):
    return dimension_results("economy")[2]


def _countries(inputs):
    """Return every country that appears in the economic inputs."""
    names = set(inputs.by_partner["reporter"].dropna()) | set(inputs.by_partner["partner"].dropna())
    names |= set(inputs.cba_annual["partner"].dropna()) | set(inputs.wdi["iso3"].dropna())
    return sorted(str(n) for n in names)


def _random_pairs(inputs, n=10):
    countries = _countries(inputs)
    rng = np.random.default_rng(SEED)
    pairs = []
    while len(pairs) < n:
        a, b = rng.choice(len(countries), size=2, replace=False)
        pairs.append((countries[a], countries[b]))
    return pairs


def _check(all_pairs, raw, a, b):
    expected = economy_provider(raw, a, b)
    assert_frame_equal(pair_panel(all_pairs, a, b), expected)
    return len(expected)


@pytest.mark.parametrize(("a", "b"), list(config.EMBEDDED_PAIRS) + CHECKED_PAIRS)
def test_pair_equals_provider(all_pairs, raw, a, b):
    assert _check(all_pairs, raw, a, b) > 0


def test_random_pairs_equal_provider(all_pairs, inputs, raw):
    sizes = [_check(all_pairs, raw, a, b) for a, b in _random_pairs(inputs)]
    # The draw holds pairs without any data (a country that reports no trade) and pairs with.
    assert 0 in sizes
    assert any(sizes)


def test_transfers_cover_armenia_only(all_pairs, raw):
    d = all_pairs.directed
    has = d["remittances.transfers_b_to_a"].notna()
    assert set(d.loc[has, "country_a"]) == {"ARM"}
    assert _check(all_pairs, raw, "ARM", "RUS") > 0


def test_value_checked_in_raw_file(all_pairs):
    # imf_dots_annual_1990_2020_long.csv.gz, reporter "United States", 2019: exports_fob to
    # "China, P.R.: Mainland" 106626.774557, imports_cif 452243.439923; World 1641117.823114
    # and 2498402.005923.
    d = all_pairs.directed
    row = d[(d["country_a"] == "USA") & (d["country_b"] == "CHN") & (d["year"] == 2019)]
    assert row["trade.exports_a_to_b"].item() == pytest.approx(106626.774557)
    share = (106626.774557 + 452243.439923) / (1641117.823114 + 2498402.005923) * 100
    assert row["trade.partner_share"].item() == pytest.approx(share)
    assert row["trade.partner_share|source"].item() == "imf_dots"


def test_wide_table_layout(all_pairs):
    d = all_pairs.directed
    # undirected: trade agreements in force only (tests/test_agreements.py)
    u = all_pairs.undirected
    assert indicator_columns(u) == ["trade.pta_in_force"]
    assert (u["country_a"] < u["country_b"]).all() and not u.duplicated(KEY_COLUMNS).any()
    assert "trade.pta_in_force" not in d.columns
    ids = indicator_columns(d)
    assert ids == sorted(ids)
    expected = KEY_COLUMNS + [c for i in ids for c in (i, f"{i}{SEP}source")]
    assert list(d.columns) == expected
    assert d["year"].dtype == "int64"
    assert all(d[i].dtype == "float64" for i in ids)
    keys = d[KEY_COLUMNS]
    assert not keys.duplicated().any()
    assert_frame_equal(keys, keys.sort_values(KEY_COLUMNS, ignore_index=True))
    assert d[ids].notna().any(axis=1).all()  # no row without a value


def test_partners_table_equals_per_reporter(tables, inputs):
    partners = tables["partners"]
    reporters = sorted(str(r) for r in inputs.totals["reporter"].unique())
    assert sorted(partners["country_a"].unique()) == reporters
    rng = np.random.default_rng(SEED)
    sample = {"ARM", "RUS", "USA", "CHN"} | set(rng.choice(reporters, 6, replace=False))
    for a in sorted(sample):
        got = partners[partners["country_a"] == a].reset_index(drop=True)
        expected = trade.compute_top_partners(inputs.by_partner, inputs.totals, a)
        assert_frame_equal(got, expected)
    keys = ["country_a", "year", "rank", "partner"]
    assert_frame_equal(partners, partners.sort_values(keys, ignore_index=True))


def test_monthly_table_equals_per_pair(tables, inputs):
    monthly = tables["monthly"]
    pairs = economy.monthly_pairs(inputs)
    assert ("ARM", "RUS") in pairs
    got_pairs = monthly[["country_a", "country_b"]].drop_duplicates()
    assert set(map(tuple, got_pairs.to_numpy())) == set(pairs)
    by_pair = dict(list(monthly.groupby(["country_a", "country_b"], sort=False)))
    for a, b in pairs:
        got = by_pair[(a, b)].reset_index(drop=True)
        # compute_monthly gives the text columns dtype object for a pair without transfers
        # (its empty pieces are object); the table holds them as str throughout.
        assert_frame_equal(got, compute_monthly(inputs, a, b), check_dtype=False)
    assert all(monthly[c].dtype == "str" for c in ["country_a", "country_b", "month", "source"])
    keys = ["country_a", "country_b", "indicator", "month"]
    assert_frame_equal(monthly, monthly.sort_values(keys, ignore_index=True))
