"""Top-level visits between the USA and its partners (US Office of the Historian)."""

import gzip

import numpy as np
import pandas as pd
import pytest
from helpers import require_raw_dir, write_raw

from analysis.diplomacy import diplomacy_provider
from analysis.errors import BadInput
from analysis.indicators import us_visits
from analysis.load_us_visits import load_us_leader_visits, load_us_trips

A_TO_B, B_TO_A = us_visits.VISIT_INDICATORS


@pytest.fixture(scope="module")
def raw():
    return require_raw_dir()


def _series(panel, indicator):
    rows = panel[panel["indicator"] == indicator]
    return dict(zip(rows["year"].astype(int), rows["value"]))


def test_armenia_usa_hand_checked(raw):
    # foreign_leader_visits_to_us.csv.gz, from_id == "armenia": Ter-Petrosyan 1994-08-07;
    # Kocharyan 1999-04-23, 2000-06-24, 2001-04-08; Sargsyan 2010-04-12, 2016-03-31.
    # us_president_secretary_foreign_travels.csv.gz, country_id == "armenia": Baker 1992-02-11,
    # H. Clinton 2010-07-04 and 2012-06-04 (no presidential trip).
    p = diplomacy_provider(raw, "ARM", "USA")
    to_us, from_us = _series(p, A_TO_B), _series(p, B_TO_A)
    assert {y for y, v in to_us.items() if v} == {1994, 1999, 2000, 2001, 2010, 2016}
    assert {y for y, v in from_us.items() if v} == {1992, 2010, 2012}
    assert set(to_us.values()) == set(from_us.values()) == {0.0, 1.0}
    # Armenia is a state from 1991 (COW); both files are complete to 2024, not after.
    assert min(to_us) == min(from_us) == 1991
    assert max(to_us) == max(from_us) == 2024
    assert len(to_us) == len(from_us) == 2024 - 1991 + 1
    # The other order swaps the two ids.
    q = diplomacy_provider(raw, "USA", "ARM")
    assert _series(q, A_TO_B) == from_us and _series(q, B_TO_A) == to_us


def test_usa_russia_hand_checked(raw):
    # Travels, country_id == "russia": Obama 2013-09-05 (St Petersburg G20) and Kerry
    # 2013-05-07; Pompeo 2019-05-14 (Sochi) is the last trip. Visits, from_id == "russia":
    # Putin 2015-09-28 (UN General Assembly) is the last.
    p = diplomacy_provider(raw, "USA", "RUS")
    trips, visits = _series(p, A_TO_B), _series(p, B_TO_A)
    assert (
        trips[2013] == 2.0 and trips[2019] == 1.0 and all(trips[y] == 0 for y in range(2020, 2025))
    )
    assert visits[2015] == 1.0 and all(visits[y] == 0 for y in range(2016, 2025))
    assert 2025 not in trips and 2025 not in visits


def test_pairs_without_the_usa_have_no_rows(raw):
    p = diplomacy_provider(raw, "FRA", "DEU")
    assert not p["indicator"].isin(us_visits.VISIT_INDICATORS).any()


def test_windows_from_the_files(raw):
    trips, visits = load_us_trips(raw), load_us_leader_visits(raw)
    # PROVENANCE-political.md section 16: last presidential trip 2024-12-02, last secretary
    # trip 2025-02-19 (2025 incomplete); last leader visit 2024-11-12.
    assert (trips.attrs["first_year"], trips.attrs["last_year"]) == (1866, 2024)
    assert (visits.attrs["first_year"], visits.attrs["last_year"]) == (1874, 2024)
    assert len(trips) == 4271 and len(visits) == 3264


def _records(partners, years, first, last):
    df = pd.DataFrame({"partner": pd.array(partners, dtype="string"), "year": years})
    df.attrs = {"first_year": first, "last_year": last}
    return df


def test_counts_tiny():
    states = us_visits.statehood_years(
        pd.DataFrame({"iso3": ["AAA", "AAA"], "start": [2000, 2005], "end": [2001, pd.NA]}), 2006
    )
    assert states["AAA"].tolist() == [2000, 2001, 2005, 2006]
    trips = _records(["AAA", "AAA", "PSE", None, "USA"], [2001, 2001, 2003, 2001, 2001], 1990, 2005)
    visits = _records(["AAA"], [2006], 1995, 2006)
    got = us_visits.compute_us_visits(trips, visits, states, "USA", "AAA")
    # Two trips in 2001; zeros in the other state years of the window; nothing in 2002-2004
    # (not a state) nor in 2006 (after the trips' last year).
    assert _series(got, A_TO_B) == {2000: 0.0, 2001: 2.0, 2005: 0.0}
    assert _series(got, B_TO_A) == {2000: 0.0, 2001: 0.0, 2005: 0.0, 2006: 1.0}
    # Not a COW state: from its first record on.
    pse = us_visits.compute_us_visits(trips, visits, states, "PSE", "USA")
    assert _series(pse, B_TO_A) == {2003: 1.0, 2004: 0.0, 2005: 0.0}
    assert _series(pse, A_TO_B) == {}
    assert us_visits.compute_us_visits(trips, visits, states, "AAA", "PSE").empty
    # The all-pairs function gives the same rows.
    every = us_visits.compute_all_us_visits(trips, visits, states)
    for a, b in [("USA", "AAA"), ("AAA", "USA"), ("PSE", "USA"), ("USA", "PSE")]:
        mine = every[(every["country_a"] == a) & (every["country_b"] == b)]
        pd.testing.assert_frame_equal(
            mine.reset_index(drop=True),
            us_visits.compute_us_visits(trips, visits, states, a, b),
            obj=f"{a}-{b}",
        )
    assert np.isin(every["country_a"], ["USA", "AAA", "PSE"]).all()


def test_bad_role_is_refused(tmp_path):
    header = "id,role,who,name,start_date,end_date,country_id,country,locale,remarks,source_file\n"
    row = "1,ambassador,x,X,2020-01-01,2020-01-02,armenia,Armenia,Yerevan,,f.xml\n"
    path = write_raw(tmp_path, "us_visits", header + row, 0)
    with pytest.raises(BadInput, match=r"unknown role\(s\) \['ambassador'\]"):
        load_us_trips(tmp_path)
    assert gzip.decompress(path.read_bytes()).startswith(b"id,role")


def test_unknown_country_slug_is_refused(tmp_path):
    header = "id,start_date,end_date,visitor,from_id,from,description,source_file\n"
    write_raw(tmp_path, "us_visits", header + "1,2020-01-01,,King X,atlantis,Atlantis,,f\n", 1)
    with pytest.raises(BadInput, match="unmatched country label.*atlantis"):
        load_us_leader_visits(tmp_path)
