"""Diplomacy for every pair at once: leader contacts per pair, key votes of every pair."""

import random

import pandas as pd
import pytest
from helpers import require_raw_dir
from pandas.testing import assert_frame_equal

from analysis import config, diplomacy
from analysis.dimensions import diplomacy as dim
from analysis.dyadic import KEY_COLUMNS, pair_panel
from analysis.indicators import diplomacy as indicators
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
    return dimension_results("diplomacy")[0]


@pytest.fixture(scope="module")
def all_pairs(dimension_results):
    return dimension_results("diplomacy")[1]


@pytest.fixture(scope="module")
def tables(dimension_results):
    return dimension_results("diplomacy")[2]


@pytest.fixture(scope="module")
def pairs(inputs):
    codes = sorted(inputs.votes["iso3"].unique())
    rng = random.Random(20240611)
    sample = [tuple(rng.sample(codes, 2)) for _ in range(30)]
    return list(dict.fromkeys([*config.EMBEDDED_PAIRS, *NAMED_PAIRS, *sample]))


def test_pair_panel_equals_provider(raw, all_pairs, pairs):
    filled = []
    for a, b in pairs:
        # The provider's rows as the panel machinery assembles them (compute_panel).
        expected = concat_panel([diplomacy.diplomacy_provider(raw, a, b)])
        assert_frame_equal(pair_panel(all_pairs, a, b), expected, obj=f"{a}-{b}")
        if len(expected):
            filled.append((a, b))
    # Curated contacts (ARM-RUS) and, from the US Office of the Historian, pairs with the USA.
    usa = [(a, b) for a, b in pairs if "USA" in (a, b) and len({a, b}) == 2]
    assert filled == sorted({("ARM", "RUS"), ("RUS", "ARM"), *usa}, key=pairs.index)


def test_table_form(all_pairs):
    d = all_pairs.directed
    assert all_pairs.undirected is None
    assert d.columns.tolist() == [
        *KEY_COLUMNS,
        "diplomacy.leader_calls",
        "diplomacy.leader_calls|source",
        "diplomacy.leader_meetings",
        "diplomacy.leader_meetings|source",
        "diplomacy.leader_visits_a_to_b",
        "diplomacy.leader_visits_a_to_b|source",
        "diplomacy.leader_visits_b_to_a",
        "diplomacy.leader_visits_b_to_a|source",
    ]
    assert d.equals(d.sort_values(KEY_COLUMNS, ignore_index=True))
    pairs = set(zip(d["country_a"], d["country_b"]))
    assert {("ARM", "RUS"), ("RUS", "ARM")} <= pairs
    assert all("USA" in p for p in pairs - {("ARM", "RUS"), ("RUS", "ARM")})
    assert {("USA", "ARM"), ("ARM", "USA"), ("USA", "CHN"), ("CHN", "USA")} <= pairs


def test_key_votes_equal_the_per_pair_table(inputs, tables, pairs):
    kv = tables["key_votes"]
    for a, b in pairs:
        got = kv[(kv["country_a"] == a) & (kv["country_b"] == b)].reset_index(drop=True)
        assert_frame_equal(got, indicators.compute_key_votes(inputs.votes, a, b), obj=f"{a}-{b}")


def test_key_votes_cover_every_ordered_pair(inputs, tables):
    kv = tables["key_votes"]
    members = inputs.votes.groupby("resolution")["iso3"].nunique()
    assert len(kv) == int((members * (members - 1)).sum())
    assert not kv.duplicated(["country_a", "country_b", "resolution"]).any()
    assert kv.equals(kv.sort_values(["country_a", "country_b", "date", "resolution"],
                                    ignore_index=True))  # fmt: skip
    # unga_es11_ukraine_and_csto_votes_long.csv: A/RES/ES-11/1 (2022-03-02), RUS NO, USA YES.
    row = kv[(kv["country_a"] == "RUS") & (kv["country_b"] == "USA")
             & (kv["resolution"] == "A/RES/ES-11/1")]  # fmt: skip
    assert row[["date", "vote_a", "vote_b", "same_vote"]].values.tolist() == [
        ["2022-03-02", "no", "yes", False]
    ]


def test_key_votes_of_the_embedded_pairs(raw, tables):
    kv = tables["key_votes"]
    parts = [kv[(kv["country_a"] == a) & (kv["country_b"] == b)] for a, b in config.EMBEDDED_PAIRS]
    assert_frame_equal(pd.concat(parts, ignore_index=True), diplomacy.build_key_votes(raw))


def test_leader_contact_events_table(raw, tables):
    assert_frame_equal(tables["leader_contact_events"], diplomacy.build_leader_contact_events(raw))


def test_key_votes_all_pairs_tiny():
    # USA did not vote on R/2 (no row): its pairs have R/1 only.
    votes = pd.DataFrame(
        {
            "undl_id": [1, 1, 1, 2, 2],
            "resolution": ["R/1", "R/1", "R/1", "R/2", "R/2"],
            "date": pd.to_datetime(["2022-03-02"] * 3 + ["2022-03-01"] * 2),
            "title": ["One"] * 3 + ["Two"] * 2,
            "iso3": ["ARM", "RUS", "USA", "ARM", "RUS"],
            "vote": ["ABSTAIN", "NO", "YES", "NON-VOTING/ABSENT", "NO"],
        }
    )
    got = dim.key_votes_all_pairs(votes)
    cols = ["country_a", "country_b", "resolution", "vote_a", "vote_b", "same_vote"]
    assert got[cols].values.tolist() == [
        ["ARM", "RUS", "R/2", "did not vote", "no", False],
        ["ARM", "RUS", "R/1", "abstain", "no", False],
        ["ARM", "USA", "R/1", "abstain", "yes", False],
        ["RUS", "ARM", "R/2", "no", "did not vote", False],
        ["RUS", "ARM", "R/1", "no", "abstain", False],
        ["RUS", "USA", "R/1", "no", "yes", False],
        ["USA", "ARM", "R/1", "yes", "abstain", False],
        ["USA", "RUS", "R/1", "yes", "no", False],
    ]
    for a, b in [("ARM", "RUS"), ("USA", "ARM"), ("RUS", "USA")]:
        sub = got[(got["country_a"] == a) & (got["country_b"] == b)].reset_index(drop=True)
        assert_frame_equal(sub, indicators.compute_key_votes(votes, a, b))
