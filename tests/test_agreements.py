"""Trade agreements in force (DESTA): the loader's reading of the membership rows, the pair
spells on tiny frames, all pairs equal to the per-pair function, hand-checked values from the
staged file, and bad input."""

import pandas as pd
import pytest
from helpers import write_raw
from pandas.testing import assert_frame_equal

from analysis import dyadic
from analysis.errors import BadInput
from analysis.indicators import agreements as agr
from analysis.indicators.common import concat_panel
from analysis.load_agreements import load_agreement_spells

COUNTRIES = ["AAA", "BBB", "CCC", "DDD", "EEE"]  # EEE is not in the state list


def _state_spells():
    return pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD"],
            "cow": [1, 2, 3, 4],
            "start": [1990, 1990, 1992, 1990],
            "end": pd.array([pd.NA, pd.NA, pd.NA, 1994], dtype="Int64"),
        }
    )


def _spells():
    rows = [
        (1, "AAA", pd.NA, 1991, pd.NA),  # bilateral AAA-BBB from 1991
        (1, "BBB", pd.NA, 1991, pd.NA),
        (2, "AAA", 0, 1993, pd.NA),  # AAA with the bloc CCC + DDD (same side: not bound)
        (2, "CCC", 1, 1993, pd.NA),
        (2, "DDD", 1, 1993, pd.NA),
        (3, "BBB", pd.NA, 1992, 1993),  # BBB-CCC, BBB withdrew in 1993
        (3, "CCC", pd.NA, 1992, pd.NA),
        (4, "AAA", pd.NA, 1994, pd.NA),  # AAA-EEE: EEE unlisted
        (4, "EEE", pd.NA, 1994, pd.NA),
    ]
    df = pd.DataFrame(rows, columns=["agreement", "iso3", "side", "start", "end"])
    df = df.astype({"side": "Int64", "end": "Int64"})
    df.attrs.update(first_year=1990, last_year=1995, countries=("AAA", "BBB"))
    return df


def test_agreement_pairs_respect_sides_and_withdrawals():
    pairs = agr.agreement_pairs(_spells())
    assert pairs.values.tolist() == [
        ["AAA", "BBB", 1, 1991, 1995],
        ["AAA", "CCC", 2, 1993, 1995],
        ["AAA", "DDD", 2, 1993, 1995],
        ["AAA", "EEE", 4, 1994, 1995],
        ["BBB", "CCC", 3, 1992, 1993],
    ]  # no CCC-DDD: one side of agreement 2


def test_pta_in_force_covers_only_the_extract_countries():
    s, st = _spells(), _state_spells()
    p = agr.compute_pta_in_force(s, st, "BBB", "AAA")
    assert p.set_index("year")["value"].to_dict() == {
        1990: 0.0, 1991: 1.0, 1992: 1.0, 1993: 1.0, 1994: 1.0, 1995: 1.0,
    }  # fmt: skip
    p = agr.compute_pta_in_force(s, st, "CCC", "BBB")  # CCC a state from 1992
    assert p.set_index("year")["value"].to_dict() == {1992: 1.0, 1993: 1.0, 1994: 0.0, 1995: 0.0}
    assert agr.compute_pta_in_force(s, st, "CCC", "DDD").empty  # neither AAA nor BBB: missing
    # EEE is not a state in the list: only the years in force
    assert agr.compute_pta_in_force(s, st, "AAA", "EEE")["year"].tolist() == [1994, 1995]
    frame = agr.all_pta_in_force(s, st, COUNTRIES)
    frame = frame.astype({"country_a": "str", "country_b": "str"})
    assert (frame["country_a"] < frame["country_b"]).all()
    all_pairs = dyadic.AllPairs(undirected=frame)
    for a in COUNTRIES:
        for b in COUNTRIES:
            if a != b:
                expected = concat_panel([agr.compute_pta_in_force(s, st, a, b)])
                assert_frame_equal(dyadic.pair_panel(all_pairs, a, b), expected, obj=f"{a}-{b}")


# --- real data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def economy(dimension_results):
    return dimension_results("economy")


def _pta(all_pairs, a, b):
    panel = dyadic.pair_panel(all_pairs, a, b)
    return panel[panel["indicator"] == "trade.pta_in_force"].set_index("year")["value"]


def test_loader_reads_the_staged_rows(raw_dir):
    s = load_agreement_spells(raw_dir)
    assert s.attrs["countries"] == ("ARM", "RUS") and s.attrs["last_year"] == 2019
    # row "1040+1";1040;"Eurasian Economic Union (EAEU) Armenia accession";"accession";0;2014;2015
    # (Armenia coded 1): Armenia a party of the EAEU (1040) from 2015
    eaeu = s[s["agreement"] == 1040].set_index("iso3")["start"].to_dict()
    assert eaeu == {"ARM": 2015, "BLR": 2015, "KAZ": 2015, "KGZ": 2015, "RUS": 2015}
    # row "244_1";244;"... withdrawal Georgia";"withdrawal";0;2009 (Georgia coded 1)
    cis = s[(s["agreement"] == 244) & (s["iso3"] == "GEO")]
    assert cis[["start", "end"]].values.tolist() == [[1994, 2009]]


def test_hand_checked_values(economy):
    _, all_pairs, _ = economy
    # "57";57;"Armenia Russia";"base_treaty";0;1992;1993: the Armenia-Russia FTA, in force 1993
    arm_rus = _pta(all_pairs, "ARM", "RUS")
    assert arm_rus.loc[1992] == 0 and arm_rus.loc[1993] == 1 and arm_rus.loc[2019] == 1
    assert _pta(all_pairs, "RUS", "ARM").equals(arm_rus)
    # "867";867;"Armenia EC";"base_treaty";0;2017;2019: Armenia (0) with the EU members (1)
    arm_fra = _pta(all_pairs, "ARM", "FRA")
    assert arm_fra.loc[2018] == 0 and arm_fra.loc[2019] == 1
    # "915";915;"Eurasian Economic Union (EAEU) Vietnam";...;2015;2016
    assert _pta(all_pairs, "VNM", "RUS").loc[2015:2016].tolist() == [0.0, 1.0]
    assert _pta(all_pairs, "ARM", "USA").eq(0).all()  # no agreement in the file
    assert _pta(all_pairs, "ARM", "RUS").index.max() == 2019  # DESTA's last year: no 2020 row
    # neither Armenia nor Russia: the extract cannot tell, so no row (France-Germany, both in
    # the EU-Armenia agreement, but on one side of it)
    assert _pta(all_pairs, "FRA", "DEU").empty


HEADER = (
    '"number";"base_treaty";"name";"entry_type";"consolidated";"year";"entryforceyear";'
    '"language";"typememb";"regioncon";"wto_listed";"wto_name";"c1";"c2";"mc1";"mc2"\n'
)


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ('"1";1;"X";"treaty";0;2000;2001;NA;1;"Asia";0;NA;51;643;0;0\n', "unknown entry_type"),
        ('"1";1;"X";"base_treaty";0;2000;2001;NA;1;"Asia";0;NA;51;999;0;0\n', "numeric .*999"),
        ('"1";1;"X";"base_treaty";0;2000;2001;NA;1;"Asia";0;NA;250;276;0;0\n', "neither ARM"),
    ],
)
def test_bad_desta_rows_are_refused(tmp_path, rows, match):
    write_raw(tmp_path, "desta", HEADER + rows)
    load_agreement_spells.cache_clear()
    with pytest.raises(BadInput, match=match):
        load_agreement_spells(tmp_path)


def test_missing_member_code_columns_are_refused(tmp_path):
    text = HEADER.replace(';"mc1";"mc2"', ';"mc1"') + (
        '"1";1;"X";"base_treaty";0;2000;2001;NA;1;"Asia";0;NA;51;643;0\n'
    )
    write_raw(tmp_path, "desta", text)
    load_agreement_spells.cache_clear()
    with pytest.raises(BadInput, match="missing column.*mc2"):
        load_agreement_spells(tmp_path)
