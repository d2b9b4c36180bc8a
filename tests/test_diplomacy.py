"""Leader contacts from the 1tv sample and key UNGA votes: loaders, counts, tables, readers."""

import csv

import pandas as pd
import pytest

from analysis import config, datastore
from analysis.diplomacy import diplomacy_provider, get_key_votes, get_leader_contact_events
from analysis.errors import BadInput
from analysis.indicators import diplomacy
from analysis.load import raw_path
from analysis.load_diplomacy import load_es11_votes, load_state_media_items
from analysis.panel import get_panel

#: Counts checked by hand in 1tv_armenia_items.csv (rows with kind leader_meeting_or_talks or
#: leader_phone_call, distinct dates; `grep ^2022- | grep leader_`):
#: 2022 meetings 04-19, 05-16, 12-12 -> 3; 2022 calls 01-22, 02-21, 04-09, 06-01, 08-02, 08-08,
#: 08-24 -> 7; 2018 meetings 06-14, 09-08, 12-27 -> 3 (05-13 is the announcement "a meeting may
#: take place", excluded); 2018 calls 08-16 -> 1 (08-31 is a call with former president Kocharyan,
#: excluded); 2008 meetings 03-24 (two items, one event) and 10-21 -> 2; 2024 meetings 0, calls
#: 06-01 -> 1.
HAND_COUNTS = {
    ("diplomacy.leader_meetings", 2022): 3,
    ("diplomacy.leader_calls", 2022): 7,
    ("diplomacy.leader_meetings", 2018): 3,
    ("diplomacy.leader_calls", 2018): 1,
    ("diplomacy.leader_meetings", 2008): 2,
    ("diplomacy.leader_meetings", 2024): 0,
    ("diplomacy.leader_calls", 2024): 1,
}


def _value(panel, indicator, year):
    row = panel[(panel["indicator"] == indicator) & (panel["year"] == year)]
    assert len(row) == 1, (indicator, year)
    return row["value"].iloc[0]


@pytest.mark.parametrize("key", HAND_COUNTS, ids=str)
def test_leader_counts_equal_the_hand_count_from_raw(raw_dir, key):
    panel = diplomacy_provider(raw_dir, "ARM", "RUS")
    assert _value(panel, *key) == HAND_COUNTS[key]


@pytest.mark.parametrize("key", HAND_COUNTS, ids=str)
def test_embedded_leader_counts_equal_the_hand_count(key):
    """Reads data/processed only (no raw data needed)."""
    assert _value(get_panel("ARM", "RUS"), *key) == HAND_COUNTS[key]
    assert _value(get_panel("RUS", "ARM"), *key) == HAND_COUNTS[key]


def test_every_exclusion_matches_exactly_one_item(raw_dir):
    items = load_state_media_items(raw_dir)
    for url in diplomacy.ITEM_EXCLUSIONS:
        assert (items["url"] == url).sum() == 1, url


def test_only_full_years_and_only_the_covered_pair(raw_dir):
    panel = diplomacy_provider(raw_dir, "ARM", "RUS")
    years = panel["year"].unique()
    assert years.min() == 2000 and years.max() == 2025  # 2026 holds January only
    assert diplomacy_provider(raw_dir, "AZE", "RUS").empty
    assert not get_panel("AZE", "RUS")["indicator"].str.startswith("diplomacy.").any()


def test_contact_events_are_distinct_dates():
    items = pd.DataFrame(
        {
            "date": pd.to_datetime(["2021-01-05", "2021-01-05", "2021-02-01", "2021-02-01"]),
            "title_ru": list("abcd"),
            "title_en": list("abcd"),
            "url": ["u1", "u2", "u3", "u4"],
            "kind": ["leader_meeting_or_talks"] * 2
            + ["leader_phone_call", "leader_contact_unspecified"],
        }
    )
    ev = diplomacy.compute_leader_contact_events(items)
    assert ev[["indicator", "items"]].values.tolist() == [
        ["diplomacy.leader_calls", 1],
        ["diplomacy.leader_meetings", 2],
    ]


def test_leader_contact_events_reader_works_from_embedded_data():
    ev = get_leader_contact_events("ARM", "RUS", 2022, 2022)
    assert (ev["indicator"] == "diplomacy.leader_meetings").sum() == 3
    assert get_leader_contact_events("GEO", "RUS").empty


def _raw_votes(raw_dir, iso3):
    """Read the long file with the csv module (independent of the loader)."""
    path = raw_path(raw_dir, "unga_es11")
    with path.open(encoding="utf-8") as f:
        return {r["resolution"]: r["vote"] for r in csv.DictReader(f) if r["iso3"] == iso3}


def test_key_votes_equal_the_raw_file_for_arm_and_rus(raw_dir):
    """Checked by hand in unga_es11_ukraine_and_csto_votes_long.csv: on A/RES/ES-11/3
    (2022-04-07, suspension of Russia from the Human Rights Council) ARM is NON-VOTING/ABSENT and
    RUS is NO; on A/RES/77/13 (UN-CSTO cooperation) both voted YES."""
    kv = get_key_votes("ARM", "RUS").set_index("resolution")
    assert kv.loc["A/RES/ES-11/3", ["vote_a", "vote_b"]].tolist() == ["did not vote", "no"]
    assert kv.loc["A/RES/77/13", ["vote_a", "vote_b", "same_vote"]].tolist() == ["yes", "yes", True]
    arm, rus = _raw_votes(raw_dir, "ARM"), _raw_votes(raw_dir, "RUS")
    assert set(kv.index) == set(arm) == set(rus)
    label = diplomacy.VOTE_LABELS
    for res, row in kv.iterrows():
        assert (row["vote_a"], row["vote_b"]) == (label[arm[res]], label[rus[res]])
        assert row["url"] == f"https://undocs.org/{res}"


def test_key_votes_for_a_pair_not_embedded_come_from_the_store(real_store):
    with datastore.use(real_store):
        kv = get_key_votes("UKR", "RUS")
    assert len(kv) == 7 and (kv["vote_a"] != kv["vote_b"]).sum() >= 6


def test_es11_loader_rejects_an_unknown_vote(tmp_path, raw_dir):
    src = raw_path(raw_dir, "unga_es11")
    bad_dir = tmp_path / "raw"
    dst = bad_dir / src.relative_to(raw_dir)
    dst.parent.mkdir(parents=True)
    text = src.read_text(encoding="utf-8").replace(",ARM,ABSTAIN", ",ARM,MAYBE", 1)
    dst.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput, match=r"unknown vote\(s\) \['MAYBE'\]"):
        load_es11_votes(bad_dir)


def test_state_media_loader_rejects_an_unknown_kind(tmp_path, raw_dir):
    src = raw_path(raw_dir, "russia_1tv", 0)
    dst = tmp_path / src.relative_to(raw_dir)
    dst.parent.mkdir(parents=True)
    text = src.read_text(encoding="utf-8").replace(",leader_phone_call\n", ",leader_visit\n", 1)
    dst.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput, match=r"unknown kind\(s\) \['leader_visit'\]"):
        load_state_media_items(tmp_path)


def test_registry_has_the_diplomacy_ids():
    from analysis.indicators import INDICATORS

    for ind in ("diplomacy.leader_meetings", "diplomacy.leader_calls"):
        assert INDICATORS[ind].unit == "count" and INDICATORS[ind].sources == ("russia_1tv",)
    assert config.EMBEDDED_PAIRS[0] == ("ARM", "RUS")
