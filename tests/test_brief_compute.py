"""The faster paths of a brief report's computations give what the plain ones give.

The store's per-country row cache, the batched index sensitivity, the all-indicators-at-once key
figures and moves, and the array version of the reliability flags, each on small generated data
against the straightforward computation it replaces.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pytest
from test_store import COUNTRIES, _dimension, _dims, _trade

from analysis import build, peers, store
from analysis import index as ix
from analysis.datastore import DataStore
from analysis.dyadic import AllPairs, long_to_wide
from analysis.reliability import flag_rows
from analysis.summary.findings import _series
from analysis.summary.panel import _moves, _moves_by_row
from analysis.tables.figures import _key_figures, _key_figures_by_row, compute_key_figures

# --- the store's per-country rows ---------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """A generated store (5 countries, 6 years, a directed and an undirected table)."""
    root = tmp_path_factory.mktemp("store")
    build.build_store(root / "raw", root / "data" / "store", _dims())
    return root / "data" / "store"


def _filtered_read(st: store.Store, rel: str, a: str, b: str) -> pd.DataFrame:
    """The pair's rows read straight from the file (no cache)."""
    table = st._row_group_index(rel)[0].read()
    keep = pc.and_(pc.equal(table["country_a"], a), pc.equal(table["country_b"], b))
    return table.filter(keep).to_pandas()


def test_cached_country_rows_give_the_rows_of_a_filtered_read(store_dir, monkeypatch):
    monkeypatch.setattr(store, "COUNTRY_CACHE", 2)
    st = store.Store(store_dir)
    for a in COUNTRIES:
        for b in COUNTRIES:
            for rel in ("economy.directed.parquet", "alignment.undirected.parquet"):
                want = _filtered_read(st, rel, a, b)
                pd.testing.assert_frame_equal(st._read_pair_rows(rel, a, b), want)
                pd.testing.assert_frame_equal(st._read_pair_rows(rel, a, b), want)  # cached
                assert len({c for _, c in st._country_cache}) <= 2


def test_a_rebuilt_store_is_read_again(tmp_path):
    data_dir = tmp_path / "data"
    build.build_store(tmp_path / "raw", data_dir / "store", _dims())
    ds = DataStore.at(data_dir)
    trade = "trade.exports_a_to_b"
    before = ds.pair_panel("ARM", "GEO")
    assert ds.pair_years("ARM", "GEO") == sorted(set(before["year"]))
    other = AllPairs(directed=long_to_wide(_trade(seed=7)))
    build.build_store(
        tmp_path / "raw", data_dir / "store", [_dimension("economy", ("trade",), other)]
    )
    after = ds.pair_panel("ARM", "GEO")
    want = _trade(seed=7)
    want = want[(want["country_a"] == "ARM") & (want["country_b"] == "GEO")]
    np.testing.assert_allclose(
        after.loc[after["indicator"] == trade, "value"].to_numpy(),
        want["value"].round(6).to_numpy(),
    )
    assert not after["indicator"].str.startswith("alignment").any()


# --- reliability flags ------------------------------------------------------------------------


def test_flags_name_the_first_reason_of_each_row():
    kappa, joint = "alignment.unga_kappa", "alignment.unga_joint_votes"
    p = pd.DataFrame(
        {
            "country_a": "A",
            "country_b": "B",
            "indicator": [
                "opinion.x",  # a sample source
                kappa,  # provisional source and thin: provisional comes first
                kappa,  # degenerate and thin: degenerate comes first
                kappa,  # thin only
                joint,
                joint,
                joint,
                "diplomacy.leader_meetings",  # a lower bound
                "alignment.idealpoint_a",  # the open session
                "alignment.idealpoint_distance",  # thin ideal points (B: 5 votes)
                "alignment.idealpoint_a",  # A's own votes suffice
                "trade.total",  # solid
            ],
            "year": [2020, 2021, 2022, 2023, 2021, 2022, 2023, 2020, 2025, 2020, 2020, 2020],
            "value": [1.0, 0.5, 0.0, 0.3, 8, 30, 12, 2, 0.1, 0.2, 0.3, 9.0],
            "source": ["russia_1tv", "unvotes+undl_2025_thirdparty_scrape"]
            + ["unvotes"] * 5
            + ["curated", "unga_idealpoints", "unga_idealpoints", "unga_idealpoints", None],
            "lo": [None, 0.1, 0.0, 0.1, None, None, None, None, None, None, None, None],
            "hi": [None, 0.9, 0.0, 0.6, None, None, None, None, None, None, None, None],
        },
        index=range(100, 112),
    )
    ideal = pd.DataFrame({"country": ["A", "B"], "year": 2020, "n_votes": [40, 5]})
    got = flag_rows(p, ideal)
    assert got.index.equals(p.index)
    assert [f.split(":")[0] for f in got] == [
        "sample",
        "provisional",
        "degenerate",
        "thin",
        "",
        "",
        "",
        "lower bound",
        "provisional",
        "thin",
        "",
        "",
    ]
    assert got[103] == "thin: 12 joint votes (fewer than 20)"
    assert got[109] == "thin: ideal point on 5 votes (fewer than 20)"


# --- key figures and moves ----------------------------------------------------------------------


def _panel(seed: int = 1) -> pd.DataFrame:
    """A generated panel: gaps, a missing value, intervals on some rows, an unregistered id."""
    rng = np.random.default_rng(seed)
    rows = []
    for ind in ["trade.total", "alignment.unga_kappa", "opinion.partner_main_friend", "x.y"]:
        for y in range(2000, 2021):
            if rng.random() < 0.25:
                continue
            v = round(float(rng.normal(10, 3)), 2) if rng.random() > 0.05 else np.nan
            lo, hi = (v - 1, v + 1) if ind.startswith("alignment") else (np.nan, np.nan)
            rows.append(("A", "B", ind, y, v, "%", "src", lo, hi))
    cols = ["country_a", "country_b", "indicator", "year", "value", "unit", "source", "lo", "hi"]
    return pd.DataFrame(rows, columns=cols).sample(frac=1, random_state=seed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_key_figures_at_once_equal_those_row_by_row(seed):
    p = _panel(seed)
    ids = list(dict.fromkeys(p["indicator"]))
    flags = flag_rows(p)
    pd.testing.assert_frame_equal(_key_figures(p, ids, flags), _key_figures_by_row(p, ids, flags))


@pytest.mark.parametrize(("seed", "gap"), [(1, 1), (2, 5), (3, 2)])
def test_moves_at_once_equal_those_row_by_row(seed, gap):
    p = _panel(seed)
    pd.testing.assert_frame_equal(_moves(p, gap), _moves_by_row(p, gap))
    bare = p.drop(columns=["lo", "hi"])
    pd.testing.assert_frame_equal(_moves(bare, gap), _moves_by_row(bare, gap))


def test_a_panel_with_two_rows_of_a_year_is_read_row_by_row():
    p = pd.DataFrame(
        {
            "indicator": "trade.total",
            "year": [2019, 2020, 2020],
            "value": [1.0, 3.0, 4.0],
            "unit": "USD million",
            "source": ["a", "a", "b"],
        }
    )
    key = compute_key_figures(p)
    want = _key_figures_by_row(p, ["trade.total"], flag_rows(p))
    pd.testing.assert_frame_equal(key, want)


# --- the index's sensitivity, batched -----------------------------------------------------------


def _reference(seed: int) -> pd.DataFrame:
    """Panel rows of a pair and three peers for the index's inputs, with gaps."""
    rng = np.random.default_rng(seed)
    ids = ix.select_indicators()["indicator"].tolist()
    rows = []
    for a, b in [("A", "B"), ("A", "C"), ("D", "B"), ("E", "F")]:
        for ind in ids:
            if rng.random() < 0.3:
                continue
            for y in range(2005, 2021):
                if rng.random() < 0.04:
                    continue
                rows.append((a, b, ind, y, round(float(rng.normal(5, 2)), 3), "", "src"))
    cols = ["country_a", "country_b", "indicator", "year", "value", "unit", "source"]
    return pd.DataFrame(rows, columns=cols)


def _loo_one_by_one(panel, a, b, w):
    """compute_leave_one_out as one aggregation per indicator (the plain way)."""
    sel = ix.select_indicators()
    norm = ix.normalise(ix.orient(panel[flag_rows(panel) == ""]))
    own = norm[(norm["country_a"] == a) & (norm["country_b"] == b)]
    core = ix.core_dimensions(ix.aggregate_dimensions(own, sel), w)
    frames = []
    for ind in sorted(own["indicator"].unique()):
        dims = ix.aggregate_dimensions(own, sel, exclude=(ind,))
        comp = ix.index_composition(dims, w, ix._still_there(core, dims))
        frames.append(ix.combine_dimensions(comp, w).assign(left_out=ind))
    return pd.concat(frames, ignore_index=True)[["left_out", "year", "score"]]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("weights", [None, {"economy": 0.0, "security": 2.5}])
def test_batched_leave_one_out_equals_one_by_one(seed, weights):
    panel = _reference(seed)
    w = ix.validate_weights(weights)
    got = ix.compute_leave_one_out(panel, "A", "B", weights)
    pd.testing.assert_frame_equal(got, _loo_one_by_one(panel, "A", "B", w), check_exact=True)


def _common_one_period(panel, a, b, period, w):
    """compute_common_change of one period, as one aggregation (the plain way)."""
    sel = ix.select_indicators()
    norm = ix.normalise(ix.orient(panel[flag_rows(panel) == ""]))
    own = norm[(norm["country_a"] == a) & (norm["country_b"] == b)]
    core = ix.core_dimensions(ix.aggregate_dimensions(own, sel), w)
    present = own.groupby("year")["indicator"].agg(frozenset)
    f, t = period
    inputs_f, inputs_t = present.get(f, frozenset()), present.get(t, frozenset())
    sub = own[own["year"].isin([f, t]) & own["indicator"].isin(inputs_f & inputs_t)]
    dims = ix.aggregate_dimensions(sub, sel)
    dims = ix.index_composition(dims, w, ix._still_there(core, dims))
    idx = ix.combine_dimensions(dims, w).set_index("year")
    both = f in idx.index and t in idx.index
    change = idx.at[t, "score"] - idx.at[f, "score"] if both else np.nan
    return (f, t, inputs_f == inputs_t, change)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("weights", [None, {"economy": 0.0, "security": 2.5}])
def test_batched_common_change_equals_one_period_at_a_time(seed, weights):
    panel = _reference(seed)
    w = ix.validate_weights(weights)
    periods = [(2005, 2020), (2015, 2020), (2019, 2020), (2001, 2020)]
    got = ix.compute_common_change(panel, "A", "B", periods, weights)
    want = pd.DataFrame(
        [_common_one_period(panel, "A", "B", p, w) for p in periods],
        columns=["from_year", "to_year", "same_inputs", "change_common"],
    )
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got["change_common"].notna().sum() >= 2  # the data leave changes to compare


# --- the peers' trade rows ----------------------------------------------------------------------


class _CountingTradeStore:
    """A store of directed trade rows that counts its reads and has a cache, as Store does."""

    def __init__(self, rows):
        self.rows = pd.DataFrame(rows, columns=["country_a", "country_b", "year", "trade.total"])
        self.cache: dict = {}
        self.reads: list[str] = []

    def read_dyads(self, dimension, kind, filters=None, columns=None):
        ((_, _, country),) = filters
        self.reads.append(country)
        return self.rows[self.rows["country_a"] == country][columns]


def test_peers_read_each_countrys_trade_rows_once_per_store():
    rows = [
        (a, b, y, float(len(a + b) * (y - 2000) + ord(b[0])))
        for a in ("AAA", "BBB", "CCC")
        for b in ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF")
        for y in range(2010, 2021)
        if a != b
    ]
    store = _CountingTradeStore(rows)
    first = peers.data_peers("AAA", "BBB", store, per_side=2)
    second = peers.data_peers("AAA", "CCC", store, per_side=2)
    assert store.reads == ["AAA", "BBB", "CCC"]  # AAA's rows read once for both pairs
    # trade grows with the partner's first letter: FFF, then EEE, on each side
    assert first == (("AAA", "FFF"), ("AAA", "EEE"), ("FFF", "BBB"), ("EEE", "BBB"))
    assert second == peers.data_peers("AAA", "CCC", _CountingTradeStore(rows), per_side=2)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_findings_read_the_same_series_at_once_as_row_by_row(seed):
    p = _panel(seed)
    fast = list(_series(p))
    slow = list(_series(p.set_axis(np.zeros(len(p), dtype=int))))  # index not unique: row by row
    assert [f[0] for f in fast] == [s[0] for s in slow] and len(fast) >= 2
    for f, s in zip(fast, slow, strict=True):
        assert f[2] == s[2] and f[4:] == s[4:]
        np.testing.assert_array_equal(f[3], s[3])
