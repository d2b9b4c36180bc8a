"""UNGA alignment indicators: tiny frames with known answers, properties, raw-data values."""

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import datastore
from analysis.errors import BadInput
from analysis.indicators import INDICATORS, alignment
from analysis.load_political import load_unga_votes
from analysis.panel import compute_panel, get_panel
from analysis.political import load_alignment_inputs

# --- tiny frames ------------------------------------------------------------------------------


def _votes(table: dict[str, str], year: int = 2000, issues=None):
    """Build roll calls and votes from {country: 'yan-y'} (y yes, a abstain, n no, - none)."""
    n = len(next(iter(table.values())))
    roll_calls = pd.DataFrame(
        {
            "rcid": range(1, n + 1),
            "date": [f"{year}-01-{d:02d}" for d in range(1, n + 1)],
            "year": year,
            "source": "test",
        }
    )
    names = {"y": "yes", "a": "abstain", "n": "no", "v": "non_voting"}
    rows = [(r + 1, c, names[v]) for c, s in table.items() for r, v in enumerate(s) if v in names]
    votes = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    iss = None if issues is None else pd.DataFrame(issues, columns=["rcid", "issue"])
    return alignment.build_vote_matrices(roll_calls, votes, iss)


def _pair(m, a, b, issue="all"):
    ap = alignment.compute_all_pairs(m)
    return alignment.slice_pair(ap, a, b).query("issue == @issue").iloc[0]


def test_known_values_of_a_small_table():
    # AAA and BBB both vote on 5 roll calls (6th: BBB absent): same on 3 (y/y, y/y, n/n),
    # yes/abstain once, yes/no once.
    m = _votes({"AAA": "yyyyny", "BBB": "yyann-"})
    r = _pair(m, "AAA", "BBB")
    assert r["joint_votes"] == 5 and r["agree_votes"] == 3
    assert r["agreement"] == pytest.approx(60.0)
    # p_o = 3/5; AAA: 4 yes 1 no; BBB: 2 yes 1 abstain 2 no; p_e = (4*2 + 0*1 + 1*2) / 25
    p_e = 10 / 25
    assert r["kappa"] == pytest.approx((0.6 - p_e) / (1 - p_e))
    # distances 0, 0, 0.5 (yes/abstain), 1 (yes/no), 0: S = 1 - 2 * 1.5 / 5
    assert r["s_score"] == pytest.approx(1 - 2 * 1.5 / 5)


def test_identical_voting_gives_kappa_and_s_of_one():
    m = _votes({"AAA": "yyanyn", "BBB": "yyanyn"})
    r = _pair(m, "AAA", "BBB")
    assert (r["agreement"], r["kappa"], r["s_score"]) == (100.0, 1.0, 1.0)


def test_opposite_voting_gives_s_of_minus_one():
    r = _pair(_votes({"AAA": "yyny", "BBB": "nnyn"}), "AAA", "BBB")
    assert r["agreement"] == 0.0 and r["s_score"] == -1.0 and r["kappa"] < 0


def test_kappa_is_undefined_when_both_always_cast_one_vote():
    """p_e = 1: kappa has no value (no panel row), agreement and S do."""
    m = _votes({"AAA": "yyy", "BBB": "yyy"})
    r = _pair(m, "AAA", "BBB")
    assert r["agreement"] == 100.0 and np.isnan(r["kappa"])
    panel = alignment.compute_vote_panel(alignment.compute_all_pairs(m), m, "AAA", "BBB")
    assert "alignment.unga_kappa" not in set(panel["indicator"])
    assert "alignment.unga_agreement" in set(panel["indicator"])


def test_absent_and_non_voting_are_excluded():
    # CCC is non-voting on the first two roll calls: only the third counts
    m = _votes({"AAA": "yyy", "CCC": "vvn"})
    r = _pair(m, "AAA", "CCC")
    assert r["joint_votes"] == 1 and r["agreement"] == 0.0


def test_pair_with_no_joint_votes_has_no_row():
    m = _votes({"AAA": "yy--", "BBB": "--yy", "CCC": "yyyy"})
    ap = alignment.compute_all_pairs(m)
    assert alignment.slice_pair(ap, "AAA", "BBB").empty
    assert (ap["joint_votes"] > 0).all()
    assert alignment.compute_vote_panel(ap, m, "AAA", "BBB").empty


def test_counts_are_symmetric():
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 4, size=(7, 40))
    n = alignment.count_vote_pairs(codes)
    assert np.array_equal(n, n.transpose(1, 0, 3, 2))


def test_issue_values_use_only_that_issues_roll_calls():
    m = _votes({"AAA": "yyn", "BBB": "yyy"}, issues=[(3, "hr"), (1, "me")])
    ap = alignment.compute_all_pairs(m)
    rows = alignment.slice_pair(ap, "AAA", "BBB").set_index("issue")
    assert rows.loc["hr", "agreement"] == 0.0 and rows.loc["me", "agreement"] == 100.0
    assert rows.loc["all", "joint_votes"] == 3
    assert "nu" not in rows.index  # no roll call of that issue: no row


def test_bootstrap_is_reproducible_and_brackets_the_estimate():
    m = _votes({"AAA": "yyyynayyyyanyy", "BBB": "yyyyyyanyynyya"})
    first = alignment.bootstrap_pair(m, "AAA", "BBB")
    assert_frame_equal(first, alignment.bootstrap_pair(m, "AAA", "BBB"))
    r = _pair(m, "AAA", "BBB")
    b = first.iloc[0]
    assert b["agreement_lo"] < r["agreement"] < b["agreement_hi"]
    assert b["s_score_lo"] < r["s_score"] < b["s_score_hi"]
    # a pair that always agrees has a degenerate interval at 100%
    same = alignment.bootstrap_pair(_votes({"AAA": "yyan", "BBB": "yyan"}), "AAA", "BBB")
    assert (same["agreement_lo"].iloc[0], same["agreement_hi"].iloc[0]) == (100.0, 100.0)


def test_bootstrap_uses_the_same_resamples_for_every_pair():
    """Two pairs voting identically on the year's roll calls get identical intervals."""
    m = _votes({"AAA": "yyanyn", "BBB": "ynanyy", "CCC": "yyanyn", "DDD": "ynanyy"})
    assert_frame_equal(
        alignment.bootstrap_pair(m, "AAA", "BBB"), alignment.bootstrap_pair(m, "CCC", "DDD")
    )


def test_pool_agreement_sums_votes_not_percentages():
    panel = pd.DataFrame(
        {
            "indicator": ["alignment.unga_agreement"] * 2 + ["alignment.unga_joint_votes"] * 2,
            "year": [2000, 2001, 2000, 2001],
            "value": [100.0, 50.0, 10.0, 30.0],
        }
    )
    pooled = alignment.pool_agreement(panel, ("all",)).iloc[0]
    assert pooled["joint_votes"] == 40 and pooled["agreement"] == pytest.approx(25 / 40 * 100)


def test_every_alignment_id_is_registered():
    ids = [alignment.indicator_id(s, i) for s in alignment.STATISTICS for i in alignment.ISSUE_KEYS]
    ids += [*alignment.IDEALPOINT_IDS, alignment.DISTANCE_ID]
    assert set(ids) <= set(INDICATORS)
    assert len(ids) == 4 * 7 + 3


# --- real data --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs():
    from helpers import require_raw_dir

    return load_alignment_inputs(require_raw_dir())


@pytest.fixture(scope="module")
def arm_rus(inputs):
    from helpers import require_raw_dir

    return compute_panel(require_raw_dir(), "ARM", "RUS").set_index(["indicator", "year"])


def test_hand_checked_arm_rus_agreement(arm_rus):
    """ARM-RUS agreement checked by hand against the raw files, outside this package.

    2019: awk over un_roll_calls.csv.gz (rcids dated 2019) and un_votes.csv.gz (rows AM, RU):
    85 roll calls with both voting, 62 identical. 2020-2024: Python's csv module over
    unga_votes_2020_2024_wide.csv (columns ARM, RUS both non-blank; same as the table in
    PROVENANCE-political.md section 14). 2025: the same over un_votes_2025_processed.csv,
    General Assembly rows only (132 of 180, as PROVENANCE section 3).
    """
    hand = {2019: (85, 62), 2020: (95, 65), 2021: (83, 54), 2022: (85, 51), 2023: (81, 45),
            2024: (90, 48), 2025: (180, 132)}  # fmt: skip
    for year, (joint, same) in hand.items():
        assert arm_rus.loc[("alignment.unga_joint_votes", year), "value"] == joint
        got = arm_rus.loc[("alignment.unga_agreement", year), "value"]
        assert got == pytest.approx(100 * same / joint), year


def test_hand_checked_arm_rus_kappa_and_s_2019(arm_rus):
    """From the awk cross-tab of 2019 (AM/RU): yes/yes 52, abstain/abstain 7, no/no 3,
    yes/abstain 3, yes/no 6, abstain/yes 4, abstain/no 10 (85 joint votes)."""
    p_o = 62 / 85
    p_e = (61 * 56 + 21 * 10 + 3 * 19) / 85**2  # AM 61 yes 21 abstain 3 no; RU 56, 10, 19
    kappa = arm_rus.loc[("alignment.unga_kappa", 2019), "value"]
    assert kappa == pytest.approx((p_o - p_e) / (1 - p_e))
    s = arm_rus.loc[("alignment.unga_s_score", 2019), "value"]
    assert s == pytest.approx(1 - 2 * (3 * 0.5 + 6 * 1 + 4 * 0.5 + 10 * 0.5) / 85)


def test_hand_checked_idealpoint_distances(arm_rus):
    """IdealPointFP of ARM and RUS read with awk from Idealpointestimates1946-2025.tab."""
    hand = {2021: (0.151939, -0.02421072), 2022: (-0.04885385, -0.7643459),
            2023: (0.08847936, -0.270707), 2024: (-0.03983781, -0.850436),
            2025: (0.2051804, 0.4350686)}  # fmt: skip
    for year, (arm, rus) in hand.items():
        assert arm_rus.loc[("alignment.idealpoint_a", year), "value"] == pytest.approx(arm)
        assert arm_rus.loc[("alignment.idealpoint_b", year), "value"] == pytest.approx(rus)
        d = arm_rus.loc[("alignment.idealpoint_distance", year)]
        assert d["value"] == pytest.approx(abs(arm - rus)) and np.isnan(d["lo"])
    # lo/hi of an ideal point: Q5%FP and Q95%FP (ARM 2024: -0.3727122, 0.2800572)
    row = arm_rus.loc[("alignment.idealpoint_a", 2024)]
    assert (row["lo"], row["hi"]) == pytest.approx((-0.3727122, 0.2800572))


def test_each_year_has_one_vote_source(arm_rus):
    src = arm_rus.loc["alignment.unga_agreement", "source"]
    assert set(src.loc[:2019]) == {"unvotes"}
    assert set(src.loc[2020:2024]) == {"undl_2020_2024"}
    assert set(src.loc[2025:]) == {"undl_2025_thirdparty_scrape"}
    issues = arm_rus[arm_rus.index.get_level_values(0).str.endswith("_hr")]
    assert issues.index.get_level_values(1).max() == 2019 and set(issues["source"]) == {"unvotes"}


def test_intervals_bracket_the_arm_rus_agreement(arm_rus):
    ag = arm_rus.loc["alignment.unga_agreement"]
    assert ((ag["lo"] <= ag["value"]) & (ag["value"] <= ag["hi"])).all()
    assert arm_rus.loc["alignment.unga_joint_votes", "lo"].isna().all()


def test_agreement_is_symmetric(inputs):
    ab = alignment.compute_vote_panel(inputs.all_pairs, inputs.matrices, "ARM", "RUS")
    ba = alignment.compute_vote_panel(inputs.all_pairs, inputs.matrices, "RUS", "ARM")
    cols = ["indicator", "year", "value", "lo", "hi", "source"]
    assert_frame_equal(ab[cols], ba[cols])


def test_joint_votes_never_exceed_either_countrys_votes(inputs, raw_dir):
    votes = load_unga_votes(raw_dir)
    cast = votes.votes[votes.votes["vote"].isin(alignment.CATEGORIES)].merge(
        votes.roll_calls[["rcid", "year"]], on="rcid"
    )
    n = cast.groupby(["country", "year"]).size().rename("n")
    ap = inputs.all_pairs[inputs.all_pairs["issue"] == "all"]
    ap = ap.assign(country_a=ap["country_a"].astype(str), country_b=ap["country_b"].astype(str))
    na = n.reindex(pd.MultiIndex.from_arrays([ap["country_a"], ap["year"].astype("int64")]))
    nb = n.reindex(pd.MultiIndex.from_arrays([ap["country_b"], ap["year"].astype("int64")]))
    assert (ap["joint_votes"].to_numpy() <= np.minimum(na.to_numpy(), nb.to_numpy())).all()
    assert (ap["agree_votes"] <= ap["joint_votes"]).all()
    assert ap["kappa"].dropna().between(-1, 1).all() and ap["s_score"].between(-1, 1).all()


@pytest.mark.parametrize("years", [[1950, 1975], [1992, 2019], [2022, 2025]])
def test_array_result_equals_the_self_merge_reference(inputs, raw_dir, years):
    votes = load_unga_votes(raw_dir)
    ref = alignment.compute_all_pairs_merge(votes.roll_calls, votes.votes, years)
    arr = alignment.compute_all_pairs(inputs.matrices, ("all",), years)
    arr = arr.assign(
        year=arr["year"].astype("int64"),
        country_a=arr["country_a"].astype(str),
        country_b=arr["country_b"].astype(str),
        joint_votes=arr["joint_votes"].astype("int64"),
        agree_votes=arr["agree_votes"].astype("int64"),
    )[ref.columns]
    key = ["year", "country_a", "country_b"]
    ref = ref.sort_values(key, ignore_index=True)
    arr = arr.sort_values(key, ignore_index=True)
    assert len(arr) > 1000
    assert_frame_equal(arr, ref.astype({"joint_votes": "int64", "agree_votes": "int64"}))


@pytest.mark.parametrize(
    ("a", "b", "year", "joint", "same"),
    [
        # hand counts: awk over unvotes (FR, DE rows of 2019 roll calls); Python csv over the
        # 2020-2024 wide file (AZE, RUS 2022; FRA, DEU 2023) and the 2025 scrape (USA, CHN)
        ("FRA", "DEU", 2019, 90, 81),
        ("FRA", "DEU", 2023, 88, 77),
        ("AZE", "RUS", 2022, 72, 46),
        ("USA", "CHN", 2025, 192, 8),
    ],
)
def test_other_pairs_work_from_raw(raw_dir, a, b, year, joint, same):
    p = compute_panel(raw_dir, a, b).set_index(["indicator", "year"])
    assert p.loc[("alignment.unga_joint_votes", year), "value"] == joint
    assert p.loc[("alignment.unga_agreement", year), "value"] == pytest.approx(100 * same / joint)
    ids = {i for i in INDICATORS if i.startswith("alignment.")}
    assert ids <= set(p.index.get_level_values(0))


def test_history_of_other_pairs(raw_dir):
    fra_deu = compute_panel(raw_dir, "FRA", "DEU")
    ag = fra_deu[fra_deu["indicator"] == "alignment.unga_agreement"]
    assert ag["year"].min() == 1973  # West Germany joined the UN in 1973 (coded as DEU)
    usa_chn = compute_panel(raw_dir, "USA", "CHN")
    assert usa_chn.loc[usa_chn["indicator"] == "alignment.unga_agreement", "year"].min() == 1971


def test_pair_outside_coverage_is_a_clear_bad_input(real_store):
    assert compute_panel(real_store.raw_dir, "ARM", "DDR").empty  # no year with both in the data
    with datastore.use(real_store):
        with pytest.raises(BadInput, match=r"no data for ARM-DDR in any source .*same year"):
            get_panel("ARM", "DDR")
        with pytest.raises(
            BadInput,
            match=r"--start 1950 is before the data of ARM-RUS begin \(19\d\d\); use 19\d\d–20\d\d",
        ):
            get_panel("ARM", "RUS", 1950, 1960)
