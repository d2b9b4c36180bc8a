"""Political loaders: UNGA votes (three sources, joined) and ideal points; real and malformed."""

from pathlib import Path

import pandas as pd
import pycountry
import pytest
from helpers import write_raw as _write

from analysis import load_political as lp
from analysis.errors import BadInput
from analysis.sources import SOURCES

# --- unvotes (three gzipped CSV tables) ----------------------------------------------------------

ROLL_CALLS = (
    "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
    '1,74,0,2019-12-18,A/RES/74/1,0,1,"SHORT, ONE",Desc\n'
    "2,74,,2020-01-14,A/RES/74/267,,,Enlargement,Desc\n"
)
VOTES = (
    "rcid,country,country_code,vote\n"
    "1,Armenia,AM,yes\n"
    "1,Russia,RU,no\n"
    "1,Namibia,NA,abstain\n"  # "NA" is a code, not a missing value
    "1,Federal Republic of Germany,,yes\n"  # no code: mapped by name
    "1,Zanzibar,,no\n"  # no ISO code: dropped
    "1,Yugoslavia,YU,yes\n"
    "2,Armenia,AM,abstain\n"
    "2,Russia,RU,yes\n"
)
ISSUES = "rcid,short_name,issue\n1,hr,Human rights\n1,co,Colonialism\n"


def _unvotes(raw: Path, roll_calls=ROLL_CALLS, votes=VOTES, issues=ISSUES) -> Path:
    _write(raw, "unvotes", votes, 0)
    _write(raw, "unvotes", roll_calls, 1)
    _write(raw, "unvotes", issues, 2)
    return raw


def test_unvotes_fixture(tmp_path):
    raw = _unvotes(tmp_path)
    rc = lp.load_unvotes_roll_calls(raw)
    assert rc["year"].tolist() == [2019, 2020] and rc["para"].tolist() == [True, pd.NA]
    v = lp.load_unvotes_votes(raw)
    first = v[v["rcid"] == 1].set_index("country")["vote"]
    assert first.to_dict() == {"ARM": "yes", "RUS": "no", "NAM": "abstain", "DEU": "yes",
                               "SRB": "yes"}  # fmt: skip
    assert lp.load_unvotes_issues(raw)["issue"].tolist() == ["co", "hr"]


@pytest.mark.parametrize(
    ("which", "old", "new", "match"),
    [
        ("votes", "1,Russia,RU,no", "1,Russia,RU,maybe", "'vote' has 'maybe'; expected one of"),
        ("votes", "1,Russia,RU,no", "1,Ruritania,QQ,no", "unmatched country label.*'QQ'"),
        ("votes", "2,Russia,RU,yes", "2,Armenia,AM,yes", "duplicate rows for .*rcid"),
        ("votes", "2,Russia,RU,yes", "3,Russia,RU,yes", "rcid 3 is not in the roll-call table"),
        ("votes", "rcid,country,", "id,country,", "missing column.*rcid"),
        ("roll_calls", "2019-12-18", "2019-13-45", "'date' has '2019-13-45'; expected a date"),
        ("roll_calls", "A/RES/74/1,0,1", "A/RES/74/1,0,7", "'para' has 7; expected one of 0, 1"),
        ("roll_calls", "2,74,,", "1,74,,", "duplicate rows for .*'rcid': 1"),
        ("issues", "1,hr,Human rights", "1,xx,Human rights", "'short_name' has 'xx'"),
        ("issues", "1,hr,Human rights", "1,hr,Colonialism", "does not match code 'hr'"),
    ],
)
def test_unvotes_malformed(tmp_path, which, old, new, match):
    texts = {"votes": VOTES, "roll_calls": ROLL_CALLS, "issues": ISSUES}
    assert old in texts[which]
    texts[which] = texts[which].replace(old, new)
    raw = _unvotes(tmp_path, texts["roll_calls"], texts["votes"], texts["issues"])
    load = {
        "votes": lp.load_unvotes_votes,
        "roll_calls": lp.load_unvotes_roll_calls,
        "issues": lp.load_unvotes_issues,
    }[which]
    with pytest.raises(BadInput, match=match) as err:
        load(raw)
    assert "\n" not in str(err.value) and "unvotes_dgrtwo" in str(err.value)


# --- UN Digital Library wide layout (3DL) ---------------------------------------------------------

#: 193 member-state columns, as in the published files (ARM and RUS among them).
CODES = ["ARM", "RUS"] + sorted(
    c.alpha_3 for c in pycountry.countries if c.alpha_3 not in ("ARM", "RUS")
)[:191]


def _undl_row(rid, date, resolution, cells=None, council="General Assembly", counts=None,
              codes=CODES):  # fmt: skip
    cells = {c: "YES" for c in codes} | (cells or {})
    values = [cells[c] for c in codes]
    n = {k: sum(v == k for v in values) for k in ("YES", "NO", "ABSTAIN")}
    n["blank"] = sum(v == "" for v in values) + 193 - len(codes)
    n |= counts or {}
    title = f'"Title {rid} : resolution / adopted by the General Assembly"'
    return (
        f"{rid},{council},{date},{title},{resolution},AM,,Asia,TAGS,"
        + ",".join(values)
        + f",193.0,{n['blank']},{n['ABSTAIN']},{n['NO']},{n['YES']},"
        f"https://digitallibrary.un.org/record/{rid},{rid},2025\n"
    )


def _undl(rows, codes=CODES) -> str:
    head = "id,Council,Date,Title,Resolution,country,subregion,continent,tags,"
    tail = ",TOTAL VOTES,NO-VOTE COUNT,ABSTAIN COUNT,NO COUNT,YES COUNT,Link,token,Scrape_Year\n"
    return head + ",".join(codes) + tail + "".join(rows)


UNDL_OK = _undl(
    [
        _undl_row(101, "2020-01-14", "A/RES/74/267", {"ARM": "ABSTAIN", "RUS": "YES"}),
        _undl_row(102, "2022-03-02", "A/RES/ES-11/1", {"ARM": "ABSTAIN", "RUS": "NO", "AGO": ""}),
        _undl_row(103, "2022-03-05", "S/RES/1(2022)", council="Security Council"),
    ]
)


def test_undl_fixture(tmp_path):
    _write(tmp_path, "undl_2020_2024", UNDL_OK)
    rc, votes = lp.load_undl_votes(tmp_path, "undl_2020_2024")
    assert rc["resolution"].tolist() == ["A/RES/74/267", "A/RES/ES-11/1"]  # SC row dropped
    assert rc["title"].tolist() == ["Title 101", "Title 102"]
    assert set(rc["source"]) == {"undl_2020_2024"}
    v = votes[votes["rcid"] == 102].set_index("country")["vote"]
    assert (v["ARM"], v["RUS"], v["AGO"], v["AFG"]) == ("abstain", "no", "non_voting", "yes")
    assert len(votes) == 2 * 193


def test_undl_missing_columns_count_as_non_voting_seats(tmp_path):
    """The 2025 scrape has no AFG and VEN columns: its NO-VOTE COUNT includes those seats."""
    codes = CODES[:191]
    _write(tmp_path, "undl_2025_thirdparty_scrape",
           _undl([_undl_row(7, "2025-03-01", "A/RES/79/1", codes=codes)], codes))  # fmt: skip
    rc, votes = lp.load_undl_votes(tmp_path, "undl_2025_thirdparty_scrape")
    assert len(rc) == 1 and len(votes) == 191


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1", counts={"NO": 2})]),
         "A/RES/1 has 0 NO cells but 'NO COUNT' 2"),
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1", counts={"blank": 3})]),
         "A/RES/1 has 0 non-voting seats but 'NO-VOTE COUNT' 3"),
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1", {"ARM": "MAYBE"}, counts={"YES": 192})]),
         "'vote' has 'MAYBE'"),
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1", codes=["ZZZ", *CODES[1:]])],
               ["ZZZ", *CODES[1:]]),
         "unmatched country label.*'ZZZ'"),
        (_undl([_undl_row(1, "2022-02-30", "A/RES/1")]), "'Date' has '2022-02-30'"),
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1"), _undl_row(1, "2022-01-02", "A/RES/2")]),
         "duplicate rows for .*token"),
        (_undl([_undl_row(1, "2022-01-01", "S/RES/1", council="Security Council")]),
         "no 'General Assembly' rows"),
        (_undl([_undl_row(1, "2022-01-01", "A/RES/1")]).replace("YES COUNT", "YES_COUNT"),
         "missing column.*YES COUNT"),
    ],
)  # fmt: skip
def test_undl_malformed(tmp_path, text, match):
    path = _write(tmp_path, "undl_2020_2024", text)
    with pytest.raises(BadInput, match=match) as err:
        lp.load_undl_votes(tmp_path, "undl_2020_2024")
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_sources_are_joined_without_double_counting(tmp_path):
    """The roll call in both unvotes and the extract (same symbol and date) is counted once."""
    raw = _unvotes(tmp_path)
    _write(raw, "undl_2020_2024", UNDL_OK)
    _write(raw, "undl_2025_thirdparty_scrape", _undl([_undl_row(201, "2025-03-01", "A/RES/79/1")]))
    joined = lp.load_unga_votes(raw)
    rc = joined.roll_calls.set_index("rcid")
    assert 2 not in rc.index  # unvotes' record of A/RES/74/267 ...
    assert rc.loc[101, "source"] == "undl_2020_2024"  # ... is served by the extract
    assert rc["source"].tolist() == ["unvotes", "undl_2020_2024", "undl_2020_2024",
                                     "undl_2025_thirdparty_scrape"]  # fmt: skip
    assert not joined.votes["rcid"].isin([2]).any()
    assert joined.issues["rcid"].tolist() == [1, 1]


# --- ideal points ------------------------------------------------------------------------------

IDEAL_HEAD = "ccode\tiso3c\tCountryname\tyear\tNVotesFP\tIdealPointFP\tQ5%FP\tQ10%FP\tQ50%FP\tQ90%FP\tQ95%FP\n"  # noqa: E501
IDEAL_OK = (
    IDEAL_HEAD + '371\t"ARM"\t"Armenia"\t2020\t80\t0.2\t0.07\t0.1\t0.2\t0.3\t0.32\n'
    '345\t"YUG"\t"Yugoslavia"\t2020\t81\t0.5\t0.4\t0.42\t0.5\t0.58\t0.6\n'
)


def test_idealpoints_fixture(tmp_path):
    _write(tmp_path, "unga_idealpoints", IDEAL_OK)
    ip = lp.load_idealpoints(tmp_path).set_index("country")
    assert ip.loc["ARM", "idealpoint"] == 0.2 and ip.loc["ARM", "q95"] == 0.32
    assert ip.loc["SRB", "n_votes"] == 81  # COW 345 is Serbia's series


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("0.07\t0.1", "0.17\t0.1", "quantiles of ARM 2020 are not in order"),
        ("371\t", "9999\t", "unmatched country label.*9999"),
        ("\t2020\t81", "\t1900\t81", "'year' has 1900"),
        ("\t80\t0.2", "\t\t0.2", "'NVotesFP' is empty on line 2"),
        ("345\t", "371\t", "duplicate rows for .*ARM"),
    ],
)
def test_idealpoints_malformed(tmp_path, old, new, match):
    path = _write(tmp_path, "unga_idealpoints", IDEAL_OK.replace(old, new, 1))
    with pytest.raises(BadInput, match=match) as err:
        lp.load_idealpoints(tmp_path)
    assert str(path) in str(err.value)


# --- real files --------------------------------------------------------------------------------


def test_unvotes_real(raw_dir):
    votes = lp.load_unvotes_votes(raw_dir)
    assert len(votes) == 870_109 - 2  # Zanzibar's two votes (1963) dropped
    assert len(lp.load_unvotes_roll_calls(raw_dir)) == 6_203
    assert len(lp.load_unvotes_issues(raw_dir)) == 5_745
    arm = votes[votes["country"] == "ARM"]
    assert len(arm) == 2_362 and len(votes[votes["country"] == "RUS"]) == 6_145  # PROVENANCE


def test_undl_real(raw_dir):
    rc, votes = lp.load_undl_votes(raw_dir, "undl_2020_2024")
    assert len(rc) == 458 and len(votes) == 458 * 193
    assert rc["year"].value_counts().sort_index().tolist() == [100, 86, 89, 88, 95]
    arm = votes[votes["country"] == "ARM"]["vote"]
    assert (arm == "non_voting").sum() == 24  # PROVENANCE section 14
    rc25, votes25 = lp.load_undl_votes(raw_dir, "undl_2025_thirdparty_scrape")
    assert len(rc25) == 192 and rc25["resolution"].str.startswith("A/").all()  # GA rows only
    assert len(votes25) == 192 * 191


def test_the_2020_vote_in_two_sources_is_matched_and_agrees(raw_dir):
    """A/RES/74/267 (2020-01-14): unvotes rcid 9079 and UN Digital Library record 3846846."""
    joined = lp.load_unga_votes(raw_dir)
    rcids = set(joined.roll_calls["rcid"])
    assert 9079 not in rcids and 3846846 in rcids
    assert len(joined.roll_calls) == 6_203 - 1 + 458 + 192
    a = lp.load_unvotes_votes(raw_dir).query("rcid == 9079").set_index("country")["vote"]
    b = joined.votes.query("rcid == 3846846").set_index("country")["vote"].astype(str)
    assert len(a) == 172 and (b != "non_voting").sum() == 172
    assert (b.reindex(a.index) == a).all()  # every recorded vote is the same in both


def test_idealpoints_real(raw_dir):
    ip = lp.load_idealpoints(raw_dir)
    assert len(ip) == 11_610 and ip["year"].max() == 2025
    assert len(ip[ip["country"] == "ARM"]) == 34 and len(ip[ip["country"] == "RUS"]) == 79


def test_catalog_labels_the_2025_scrape():
    meta = SOURCES["undl_2025_thirdparty_scrape"]
    assert "third-party scrape" in meta["title"] and "Third-party scrape" in meta["publisher"]
