"""Closeness index: orientation, normalisation, coverage, weights, sensitivity, peers."""

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config, peers
from analysis import index as ix
from analysis.errors import BadInput
from analysis.indicators import INDICATORS, Indicator
from analysis.panel import get_peer_panel


def _ind(id_, direction):
    return Indicator(id_, id_, "-", direction, "test indicator", ("test",))


#: A tiny registry: two economic inputs (one "distant"), a neutral one, one security input, one
#: alignment input and an id of no index dimension. No id is listed in INDEX_INDICATORS, so each
#: prefix falls back to all its oriented ids.
REGISTRY = {
    i.id: i
    for i in [
        _ind("trade.up", "closer"),
        _ind("trade.down", "distant"),
        _ind("trade.flat", "neutral"),
        _ind("security.pact", "closer"),
        _ind("alignment.agree", "closer"),
        _ind("other.thing", "closer"),
    ]
}


def _panel(rows):
    """Panel from (a, b, indicator, year, value)."""
    df = pd.DataFrame(rows, columns=["country_a", "country_b", "indicator", "year", "value"])
    return df.assign(unit="-", source="test")


def _values(scores, a, b, dim):
    s = scores[(scores["country_a"] == a) & (scores["country_b"] == b)]
    s = s[s["dimension"] == dim]
    return dict(zip(s["year"], s["score"]))


def test_select_indicators_falls_back_to_oriented_ids_of_unlisted_prefixes():
    sel = ix.select_indicators(REGISTRY)
    assert dict(zip(sel["indicator"], sel["dimension"])) == {
        "trade.up": "economy",
        "trade.down": "economy",
        "security.pact": "security",
        "alignment.agree": "alignment",
    }
    assert set(sel.loc[sel["indicator"] == "trade.up", "why"]) == {
        "all oriented trade indicators (none listed)"
    }


def test_listed_ids_take_precedence_over_the_fallback():
    reg = {**REGISTRY, "trade.partner_share": _ind("trade.partner_share", "closer")}
    sel = ix.select_indicators(reg)
    assert sel.loc[sel["prefix"] == "trade", "indicator"].tolist() == ["trade.partner_share"]


def test_listed_indicators_exist_and_are_oriented():
    """Every listed id of a prefix the registry knows is registered (catches typos once a
    dimension is merged) and has a direction; every listed prefix belongs to a dimension."""
    registered_prefixes = {i.dimension for i in INDICATORS.values()}
    for prefix, reasons in ix.INDEX_INDICATORS.items():
        assert ix.dimension_of(f"{prefix}.x") is not None, prefix
        for ind, why in reasons.items():
            assert ind.startswith(prefix + ".") and why
            if prefix in registered_prefixes:
                assert ind in INDICATORS, f"{ind} is listed but not registered"
                assert INDICATORS[ind].direction in ("closer", "distant"), ind


def test_orient_negates_distant_and_drops_neutral_and_unmapped():
    p = _panel(
        [
            ("A", "B", "trade.up", 2000, 3.0),
            ("A", "B", "trade.down", 2000, 3.0),
            ("A", "B", "trade.flat", 2000, 3.0),
            ("A", "B", "other.thing", 2000, 3.0),
        ]
    )
    o = ix.orient(p, REGISTRY)
    assert dict(zip(o["indicator"], o["oriented"])) == {"trade.down": -3.0, "trade.up": 3.0}


def test_normalise_percentile_and_minmax_known_answers():
    df = pd.DataFrame(
        {"indicator": ["x"] * 4 + ["y"] * 2, "oriented": [1.0, 2.0, 2.0, 5.0, 7.0, 7.0]}
    )
    pct = ix.normalise(df, "percentile")["score"].tolist()
    # mid-rank percentile: 100 * (below + equal / 2) / n
    assert pct == [12.5, 50.0, 50.0, 87.5, 50.0, 50.0]
    mm = ix.normalise(df, "minmax")["score"].tolist()
    assert mm == [0.0, 25.0, 25.0, 100.0, 50.0, 50.0]  # all equal -> 50
    with pytest.raises(BadInput, match="unknown normalisation 'zscore'; expected percentile"):
        ix.normalise(df, "zscore")


def test_orientation_makes_higher_closer_after_normalisation():
    p = _panel(
        [
            ("A", "B", "trade.down", 2000, 1.0),
            ("A", "C", "trade.down", 2000, 9.0),
        ]
    )
    for method in ix.NORMALISATIONS:
        s = ix.compute_scores(p, method=method, registry=REGISTRY)
        a_b, a_c = _values(s, "A", "B", "economy")[2000], _values(s, "A", "C", "economy")[2000]
        assert a_b > a_c, method  # the smaller "distant" value is the closer pair


def test_dimension_score_averages_present_indicators_and_states_coverage():
    p = _panel(
        [
            ("A", "B", "trade.up", 2000, 1.0),
            ("A", "C", "trade.up", 2000, 3.0),
            ("A", "B", "trade.down", 2000, 10.0),
            ("A", "C", "trade.down", 2000, 20.0),
            ("A", "B", "trade.up", 2001, 2.0),  # trade.down missing in 2001
        ]
    )
    s = ix.compute_scores(p, method="minmax", registry=REGISTRY)
    eco = s[s["dimension"] == "economy"].set_index(["country_b", "year"])
    # A-B 2000: up (1-1)/(3-1)=0, down -10 in [-20,-10] -> 100: mean 50; coverage 2/2.
    assert eco.loc[("B", 2000), "score"] == 50.0 and eco.loc[("B", 2000), "coverage"] == 1.0
    # A-B 2001: only up, 2 -> 50; the missing indicator is left out, not counted as 0.
    assert eco.loc[("B", 2001), "score"] == 50.0 and eco.loc[("B", 2001), "coverage"] == 0.5
    assert eco.loc[("C", 2000), "score"] == 50.0  # up 100, down 0


def _two_dims():
    """A-B with economy 80 / security 20 in 2000 (minmax over A-B and A-C)."""
    return _panel(
        [
            ("A", "B", "trade.up", 2000, 8.0),
            ("A", "C", "trade.up", 2000, 0.0),
            ("A", "X", "trade.up", 2000, 10.0),
            ("A", "B", "security.pact", 2000, 2.0),
            ("A", "C", "security.pact", 2000, 0.0),
            ("A", "X", "security.pact", 2000, 10.0),
        ]
    )


def test_weights_change_the_index_as_expected():
    p = _two_dims()

    def idx(weights):
        s = ix.compute_scores(p, weights, "minmax", REGISTRY)
        return _values(s, "A", "B", "index")[2000]

    assert idx(None) == pytest.approx(50.0)  # equal weights: (80 + 20) / 2
    assert idx({"security": 0}) == pytest.approx(80.0)  # weight 0 removes security
    assert idx({"economy": 0}) == pytest.approx(20.0)
    assert idx({"economy": 3}) == pytest.approx(65.0)  # (3 * 80 + 20) / 4
    assert idx({"economy": 2}) > idx(None)  # doubling a weight moves towards that dimension
    assert idx({"economy": 2, "security": 2}) == pytest.approx(idx(None))  # only ratios count


def test_index_coverage_is_the_share_of_weight_present():
    s = ix.compute_scores(_two_dims(), {"economy": 2, "security": 1}, "minmax", REGISTRY)
    row = s[(s["dimension"] == "index") & (s["country_b"] == "B")].iloc[0]
    # economy and security present (weights 2 + 1) of 2 + 1 + 1 + 1 + 1 = 6
    assert row["coverage"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    "weights, message",
    [
        ({"econ": 1}, r"unknown index dimension 'econ' in the weights; expected economy, security"),
        ({"economy": -1}, r"weight of economy is negative \(-1\); give a number >= 0"),
        (dict.fromkeys(ix.INDEX_DIMENSIONS, 0), "all index weights are zero"),
        ({"security": float("nan")}, "weight of security must be a finite number >= 0"),
        ({"security": "2"}, "weight of security must be a finite number >= 0, got '2'"),
        ({"security": True}, "weight of security must be a finite number"),
    ],
)
def test_weights_validation(weights, message):
    with pytest.raises(BadInput, match=message):
        ix.validate_weights(weights)


def test_weights_default_to_equal_for_every_dimension():
    assert ix.validate_weights(None) == dict.fromkeys(ix.INDEX_DIMENSIONS, 1.0)
    assert ix.validate_weights({"economy": 0})["economy"] == 0.0


def test_index_under_weightings_matches_combine_dimensions():
    matrix = pd.DataFrame(
        {"economy": [80.0, 60.0, np.nan], "security": [20.0, np.nan, 40.0]},
        index=[2000, 2001, 2002],
    )
    got = ix.index_under_weightings(matrix, np.array([[0.75, 0.25], [0.5, 0.5]]))
    np.testing.assert_allclose(got, [[65.0, 60.0, 40.0], [50.0, 60.0, 40.0]])


def test_draw_weightings_is_reproducible_and_sums_to_one():
    w = ix.draw_weightings(500, 3, seed=1)
    assert w.shape == (500, 3) and np.allclose(w.sum(axis=1), 1) and (w >= 0).all()
    assert np.array_equal(w, ix.draw_weightings(500, 3, seed=1))
    with pytest.raises(BadInput, match="number of weightings must be a whole number >= 1"):
        ix.draw_weightings(0, 3)


def _moving(eco_change, sec_change):
    """A-B whose economy and security scores move by the given amounts (minmax 0-100)."""
    rows = [
        ("A", "LO", "trade.up", 2000, 0.0),
        ("A", "HI", "trade.up", 2000, 100.0),
        ("A", "LO", "security.pact", 2000, 0.0),
        ("A", "HI", "security.pact", 2000, 100.0),
        ("A", "B", "trade.up", 2000, 50.0),
        ("A", "B", "trade.up", 2001, 50.0 + eco_change),
        ("A", "B", "security.pact", 2000, 50.0),
        ("A", "B", "security.pact", 2001, 50.0 + sec_change),
    ]
    return _panel(rows)


def test_change_robustness_same_direction_survives_every_weighting():
    p = _moving(10, 5)
    s = ix.compute_scores(p, None, "minmax", REGISTRY)
    loo = ix.compute_leave_one_out(p, "A", "B", None, "minmax", REGISTRY)
    rob = ix.compute_change_robustness(s, loo, "A", "B", n=200)
    row = rob.iloc[0]
    assert (row["from_year"], row["to_year"]) == (2000, 2001)
    assert row["change"] == pytest.approx(7.5)
    assert row["share_same_sign"] == 1.0 and row["survives_all"] and row["survives_95"]
    assert row["loo_same_sign"]


def test_change_robustness_share_matches_the_dirichlet_probability():
    """Economy +30, security -10: the index rises iff w_economy > 1/4; under a flat Dirichlet
    over two dimensions w_economy is uniform, so the rise holds under 75% of weightings."""
    p = _moving(30, -10)
    s = ix.compute_scores(p, None, "minmax", REGISTRY)
    loo = ix.compute_leave_one_out(p, "A", "B", None, "minmax", REGISTRY)
    row = ix.compute_change_robustness(s, loo, "A", "B", n=4000).iloc[0]
    assert row["change"] == pytest.approx(10.0)
    assert row["share_same_sign"] == pytest.approx(0.75, abs=0.03)
    assert not row["survives_all"] and not row["survives_95"]
    assert not row["loo_same_sign"]  # without trade.up the index falls


def test_weighting_band_spans_the_dimensions():
    p = _moving(30, -10)
    s = ix.compute_scores(p, None, "minmax", REGISTRY)
    band = ix.compute_weighting_band(s, "A", "B", n=500).set_index("year")
    assert band.loc[2001, "score"] == pytest.approx(60.0)
    assert 40.0 <= band.loc[2001, "min"] <= band.loc[2001, "lo"] < 60.0
    assert 60.0 < band.loc[2001, "hi"] <= band.loc[2001, "max"] <= 80.0
    assert band.loc[2000, "lo"] == pytest.approx(50.0) == band.loc[2000, "hi"]


def test_leave_one_out_drops_one_indicator_at_a_time():
    p = _two_dims()
    loo = ix.compute_leave_one_out(p, "A", "B", None, "minmax", REGISTRY)
    got = dict(zip(loo["left_out"], loo["score"]))
    assert got == {"security.pact": pytest.approx(80.0), "trade.up": pytest.approx(20.0)}


def test_common_change_compares_like_for_like():
    p = _panel(
        [
            ("A", "C", "trade.up", 2000, 0.0),
            ("A", "C", "trade.up", 2001, 10.0),
            ("A", "B", "trade.up", 2000, 5.0),
            ("A", "B", "trade.up", 2001, 5.0),
            ("A", "C", "trade.down", 2001, 0.0),
            ("A", "B", "trade.down", 2001, -10.0),  # enters in 2001 at the top score
        ]
    )
    s = ix.compute_scores(p, None, "minmax", REGISTRY)
    assert _values(s, "A", "B", "index") == {2000: 50.0, 2001: 75.0}
    common = ix.compute_common_change(p, "A", "B", [(2000, 2001)], None, "minmax", REGISTRY)
    assert not common.loc[0, "same_inputs"]
    assert common.loc[0, "change_common"] == pytest.approx(0.0)  # trade.up did not move


def test_period_changes_and_default_periods():
    p = _moving(10, 5)
    s = ix.compute_scores(p, None, "minmax", REGISTRY)
    periods = ix.default_periods(s, "A", "B")
    assert periods == [(2000, 2001)]
    ch = ix.compute_period_changes(p, s, "A", "B", periods, None, "minmax", 100, 1, REGISTRY)
    assert ch.loc[0, ["from_score", "to_score"]].tolist() == [50.0, 57.5]
    assert ch.loc[0, "same_inputs"] and ch.loc[0, "change_common"] == pytest.approx(7.5)


def test_rank_peers_latest_scores_ranks_and_stale():
    scores = pd.DataFrame(
        {
            "country_a": ["A", "A", "A", "A", "C"],
            "country_b": ["B", "B", "X", "X", "D"],
            "dimension": "index",
            "year": [2019, 2020, 2019, 2020, 2018],
            "score": [40.0, 60.0, 70.0, 50.0, 90.0],
            "coverage": 1.0,
        }
    )
    r = ix.rank_peers(scores, "A", "B")
    cols = ["country_a", "country_b", "year", "rank", "stale"]
    got = {(a, b): (y, rk, st) for a, b, y, rk, st in r[cols].itertuples(index=False)}
    assert got == {
        ("C", "D"): (2018, 1, True),
        ("A", "B"): (2020, 2, False),
        ("A", "X"): (2020, 3, False),
    }
    assert r["n"].eq(3).all() and r.loc[r["focal"], "country_b"].tolist() == ["B"]
    earlier = ix.rank_peers(scores, "A", "B", year=2019)
    assert earlier.loc[earlier["focal"], "rank"].tolist() == [3]


def test_peer_pairs_default_and_fallbacks(monkeypatch):
    monkeypatch.setattr(peers, "data_peers", lambda a, b, store=None: ())  # no store built
    assert peers.peer_pairs("ARM", "RUS") == config.PEERS[("ARM", "RUS")]
    assert ("ARM", "RUS") not in config.PEERS[("ARM", "RUS")]
    assert ("RUS", "ARM") not in config.PEERS[("ARM", "RUS")]
    assert set(config.PEERS[("ARM", "RUS")]) <= set(config.EMBEDDED_PAIRS)
    aze = peers.peer_pairs("ARM", "AZE")  # embedded pairs sharing ARM or AZE
    assert ("AZE", "RUS") in aze and ("ARM", "FRA") in aze and ("GEO", "RUS") not in aze
    rus_arm = peers.peer_pairs("RUS", "ARM")
    assert ("ARM", "RUS") not in rus_arm and ("RUS", "ARM") not in rus_arm
    assert set(peers.peer_pairs("DEU", "ITA")) == set(config.EMBEDDED_PAIRS)  # none shares
    assert "not built" in peers.describe_rule("DEU", "ITA")
    chosen = peers.peer_pairs("ARM", "RUS", "arm-fra, Azerbaijan-Russia, ARM-RUS")
    assert chosen == (("ARM", "FRA"), ("AZE", "RUS"))  # the pair itself is never its own peer


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ARM", r"peer 'ARM' is not a pair; expected two countries joined by '-'"),
        ("ARM-ARM", r"pairs a country with itself"),
        (" , ", r"no pair given"),
        ("ARM-Atlantis", r"Atlantis"),
    ],
)
def test_parse_peers_rejects_what_is_not_a_list_of_pairs(text, message):
    with pytest.raises(BadInput, match=message):
        peers.parse_peers(text)


class _TradeStore:
    """A store holding only directed trade rows (what :func:`peers.data_peers` reads)."""

    def __init__(self, rows):
        self.rows = pd.DataFrame(rows, columns=["country_a", "country_b", "year", "trade.total"])

    def read_dyads(self, dimension, kind, filters=None, columns=None):
        assert (dimension, kind) == ("economy", "directed")
        ((_, _, country),) = filters
        return self.rows[self.rows["country_a"] == country][columns]


def test_data_peers_are_each_sides_largest_recent_trade_partners():
    rows = []
    for year in range(2010, 2021):
        # A trades most with B (the pair), then C, D, E; F was large only before 2016
        rows += [("AAA", "BBB", year, 100.0), ("AAA", "CCC", year, 50.0)]
        rows += [("AAA", "DDD", year, 40.0), ("AAA", "EEE", year, 30.0)]
        rows += [("AAA", "FFF", year, 90.0 if year < 2016 else 1.0)]
        rows += [("BBB", "AAA", year, 100.0), ("BBB", "GGG", year, 70.0)]
        rows += [("BBB", "HHH", year, 70.0), ("BBB", "III", year, float("nan"))]
    store = _TradeStore(rows)
    got = peers.data_peers("AAA", "BBB", store, per_side=3)
    assert got == (("AAA", "CCC"), ("AAA", "DDD"), ("AAA", "EEE"), ("GGG", "BBB"), ("HHH", "BBB"))
    assert peers.data_peers("ZZZ", "YYY", store) == ()


# --- the real economic panel (embedded data) --------------------------------------------------


@pytest.fixture(scope="module")
def arm_rus():
    panel = get_peer_panel("ARM", "RUS", 2000, None)
    return panel, ix.compute_scores(panel)


def test_peer_panel_holds_the_pair_and_its_peers(arm_rus):
    panel, _ = arm_rus
    pairs = set(zip(panel["country_a"], panel["country_b"]))
    assert pairs == {("ARM", "RUS"), *config.PEERS[("ARM", "RUS")]}
    assert panel["year"].min() == 2000


def test_peer_panel_skips_peers_without_data_in_the_period(monkeypatch):
    # a peer no source covers (East Germany ended before Armenia's first data) is left out
    peers = (*config.PEERS[("ARM", "RUS")], ("ARM", "DDR"))
    monkeypatch.setitem(config.PEERS, ("ARM", "RUS"), peers)
    panel = get_peer_panel("ARM", "RUS", 2023, 2024)
    pairs = set(zip(panel["country_a"], panel["country_b"]))
    assert ("ARM", "DDR") not in pairs
    assert pairs == {("ARM", "RUS"), *peers[:-1]}


def test_economic_scores_of_armenia_russia(arm_rus):
    panel, scores = arm_rus
    eco = ix.pair_scores(scores, "ARM", "RUS").query("dimension == 'economy'")
    assert eco["score"].between(0, 100).all()
    # Remittance indicators (CBA) start in 2013: 3 of 5 economic inputs before, 5 of 5 after.
    first_cba = int(panel.loc[panel["indicator"] == "remittances.partner_share", "year"].min())
    cov = eco.set_index("year")["coverage"]
    assert (cov[cov.index < first_cba] == 0.6).all() and (cov[cov.index >= first_cba] == 1).all()


def test_other_dimensions_weighted_zero_leave_the_economy(arm_rus):
    panel, _ = arm_rus
    only_economy = {d: 0 for d in ix.INDEX_DIMENSIONS if d != "economy"}
    s = ix.compute_scores(panel, only_economy)
    own = ix.pair_scores(s, "ARM", "RUS").pivot(index="year", columns="dimension", values="score")
    assert np.allclose(own["index"], own["economy"], equal_nan=True)


def test_armenia_russia_ranks_above_armenias_other_partners_on_the_economy(arm_rus):
    """Russia is Armenia's largest trading partner in the Armstat data, 2024."""
    _, scores = arm_rus
    r = ix.rank_peers(scores, "ARM", "RUS")
    eco = r[r["dimension"] == "economy"].set_index(["country_a", "country_b"])["score"]
    others = [p for p in config.PEERS[("ARM", "RUS")] if p[0] == "ARM"]
    assert all(eco[("ARM", "RUS")] > eco[p] for p in others)
    # every peer has economic, security and alignment data; diplomacy (documented leader
    # meetings, a lower bound for ARM-RUS only) is left out of the index by default
    shared = r[r["dimension"].isin(["economy", "security", "alignment", "index"])]
    assert shared["n"].eq(len(config.PEERS[("ARM", "RUS")]) + 1).all()
    assert "diplomacy" not in set(r["dimension"])


def test_lower_bounds_and_provisional_values_stay_out_of_the_index(arm_rus):
    panel, scores = arm_rus
    chosen = set(ix.select_indicators()["indicator"])
    assert not chosen & set(ix.INDEX_LEFT_OUT)
    own = ix.pair_scores(scores, "ARM", "RUS")
    # 2025 ideal points are provisional: alignment in 2025 rests on the votes' kappa alone, or
    # is missing when the 2025 votes (a third-party scrape) are left out too
    assert 2025 not in set(own.loc[own["dimension"] == "alignment", "year"])
    kept = ix.pair_scores(ix.compute_scores(panel, keep_unreliable=True), "ARM", "RUS")
    assert 2025 in set(kept.loc[kept["dimension"] == "alignment", "year"])


def test_index_frames_keep_their_columns_when_empty():
    empty = _panel([])
    s = ix.compute_scores(empty, registry=REGISTRY)
    assert list(s.columns) == [
        *["country_a", "country_b", "dimension", "year", "score", "coverage", "in_index"]
    ]
    assert s.empty
    band = ix.compute_weighting_band(s, "A", "B")
    assert band.empty and "lo" in band.columns
    assert ix.default_periods(s, "A", "B") == []
    assert_frame_equal(
        ix.compute_leave_one_out(empty, "A", "B", registry=REGISTRY),
        pd.DataFrame(columns=["left_out", "year", "score"]),
    )


# --- sentences ---------------------------------------------------------------------------------


def _change_row(**kw):
    row = {
        "from_year": 2000,
        "to_year": 2024,
        "from_score": 40.2,
        "to_score": 61.0,
        "change": 20.8,
        "share_same_sign": 1.0,
        "survives_all": True,
        "survives_95": True,
        "loo_same_sign": True,
        "same_inputs": True,
        "change_common": 20.8,
    }
    return pd.Series({**row, **kw})


def test_sentence_on_a_robust_rise():
    from analysis.summary import describe_index_change

    row = _change_row()
    assert describe_index_change(row, row, "Armenia", "Russia", 1000, 3) == (
        "The closeness index of Armenia and Russia rose from 40 in 2000 to 61 in 2024 "
        "(+20.8 points on a 0-100 scale). The rise holds under all 1,000 random weightings of "
        "the dimensions and with any one indicator left out."
    )


def test_sentence_on_a_fragile_fall_with_changed_inputs():
    from analysis.summary import describe_index_change

    row = _change_row(
        to_score=38.0,
        change=-2.2,
        share_same_sign=0.62,
        survives_all=False,
        survives_95=False,
        loo_same_sign=False,
        same_inputs=False,
        change_common=1.5,
    )
    text = describe_index_change(row, row, "A", "B", 1000, 3)
    assert "fell from 40 in 2000 to 38 in 2024 (-2.2 points" in text
    assert "not robust to the weights: it holds under only 62% of 1,000 random weightings" in text
    assert "but not with every indicator left out in turn" in text
    assert "on those present in both the change is +1.5 points" in text


def test_sentence_with_one_dimension_and_rank():
    from analysis.summary import describe_index_change, describe_rank

    row = _change_row(survives_95=True, share_same_sign=0.97, survives_all=False)
    assert "Only one dimension has data, so the weights cannot change the rise; it holds" in (
        describe_index_change(row, None, "A", "B", 1000, 1)
    )
    assert "holds under 97% of 1,000" in describe_index_change(row, None, "A", "B", 1000, 2)
    ranks = pd.DataFrame(
        {
            "dimension": "index",
            "rank": [1, 2, 3],
            "n": 3,
            "year": [2020, 2024, 2024],
            "focal": [False, True, False],
            "stale": [True, False, False],
            "coverage": 0.4,
        }
    )
    assert describe_rank(ranks, "A", "B") == (
        "Among 3 pairs compared, A and B rank 2nd on the closeness index in 2024 "
        "(1 of the other pairs enters with their latest score, from 2020)."
    )
    ranks.loc[0, "coverage"] = 0.2
    assert describe_rank(ranks, "A", "B").endswith(
        "; the pairs' indexes rest on different dimensions (20% to 40% of the weight), so each "
        "dimension compares more directly."
    )


def test_sentences_on_breaks():
    from analysis.summary import describe_breaks

    found = pd.DataFrame(
        {
            "series": ["trade.total", "trade.total"],
            "period": [2007, 2022],
            "p_value": [0.003, 0.001],
            "lo_period": [2007, 2021],
            "hi_period": [2007, 2022],
            "source_change": [True, False],
            "inputs_change": [False, False],
        }
    )
    # a shift where the source changes (Armstat replaces IMF DOTS in 2007) is not called a
    # break of the relationship
    assert describe_breaks(found, {"trade.total": "Trade"}) == [
        "Trade: a break in 2022 (p = 0.001, likely 2021-2022).",
        "Trade: a shift in 2007 (p = 0.003) coincides with a change of source; it may come "
        "from the data rather than the relationship.",
    ]


def test_sentence_on_the_dimensions_the_index_rests_on():
    from analysis.summary import describe_index_inputs

    s = pd.DataFrame({"dimension": ["economy", "security", "index"]})
    assert describe_index_inputs(s, {"economy": 1, "security": 0}) == (
        "The index rests on economic interdependence; political alignment, society and "
        "diplomacy have no data for this pair in these years; security ties is weighted 0."
    )
    assert describe_index_inputs(s.iloc[:1], {"economy": 0}) == (
        "The index has no value: economic interdependence has data but weight 0; give one of "
        "them a positive weight."
    )
    assert describe_index_inputs(s.iloc[:0], {}).startswith("No indicator of the index")


def test_summary_periods_compare_years_of_full_coverage():
    """A last year resting on fewer dimensions is left out of the reported changes and ranks."""
    s = pd.DataFrame(
        {
            "country_a": "A",
            "country_b": "B",
            "dimension": "index",
            "year": [2014, 2016, 2017, 2019, 2020, 2021],
            "score": [10.0, 20.0, 30.0, 40.0, 50.0, 90.0],
            "coverage": [0.8, 0.8, 0.8, 0.8, 0.8, 0.4],
        }
    )
    assert ix.full_coverage_years(s, "A", "B") == [2014, 2016, 2017, 2019, 2020]
    assert ix.default_periods(s, "A", "B") == [(2014, 2020), (2016, 2020), (2019, 2020)]
    assert ix.rank_peers(s, "A", "B")["year"].tolist() == [2020]
    thin = s.assign(coverage=0.4)  # below MIN_RANK_COVERAGE: not ranked at all
    assert ix.rank_peers(thin, "A", "B").empty
    few = s.assign(coverage=[0.4, 0.4, 0.4, 0.4, 0.4, 0.8])  # one full year only: all years
    assert ix.default_periods(few, "A", "B") == [(2014, 2021), (2016, 2021), (2020, 2021)]


def test_a_dimension_that_disappears_ends_the_index_instead_of_moving_it():
    """IND-PAK's case: trade data stop after 2020 while votes go on. The index rests on both
    dimensions until 2020 and has no value after, so no jump comes from trade leaving; a
    dimension present in few years (a survey) stays out of the index altogether."""
    rows = []
    for year in range(2010, 2026):
        rows += [("A", "B", "alignment.agree", year, 0.9), ("C", "D", "alignment.agree", year, 0.1)]
        if year <= 2020:
            rows += [("A", "B", "trade.up", year, 1.0), ("C", "D", "trade.up", year, 5.0)]
    rows += [("A", "B", "security.pact", 2015, 1.0), ("C", "D", "security.pact", 2015, 0.0)]
    s = ix.compute_scores(_panel(rows), registry=REGISTRY)
    own = ix.pair_scores(s, "A", "B")
    index = own[own["dimension"] == "index"]
    assert index["year"].max() == 2020 and index["year"].min() == 2010
    assert not own.loc[own["dimension"] == "security", "in_index"].any()
    assert own.loc[own["dimension"] == "alignment", "in_index"].sum() == 11  # 2010-2020
    assert ix.compute_weighting_band(s, "A", "B")["year"].max() == 2020
