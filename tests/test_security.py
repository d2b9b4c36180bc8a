"""Security dimension: loaders (real files and malformed fixtures), curated memberships,
indicators on tiny frames with known answers, hand-checked values, properties, any pair."""

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import write_raw as _write
from pandas.testing import assert_frame_equal

from analysis import config, countries, datastore
from analysis import load_security as L
from analysis.errors import BadInput
from analysis.indicators import INDICATORS, PANEL_COLUMNS
from analysis.indicators import security as sec
from analysis.panel import compute_panel, get_panel
from analysis.security import (
    compute_security_panel,
    get_arms_revisions,
    get_arms_suppliers,
    get_membership_timeline,
    get_shared_igos,
    load_security_inputs,
)
from analysis.sources import SOURCES

SECURITY_IDS = sorted(i for i in INDICATORS if i.startswith("security."))


def _value(panel: pd.DataFrame, indicator: str, year: int) -> float:
    s = panel[(panel["indicator"] == indicator) & (panel["year"] == year)]
    assert len(s) == 1, f"{indicator} {year}: {len(s)} rows"
    return float(s["value"].iloc[0])


@pytest.fixture(scope="module")
def inputs():
    from helpers import require_raw_dir

    return load_security_inputs(require_raw_dir())


@pytest.fixture(scope="module")
def arm_rus(inputs):
    return compute_security_panel(inputs, "ARM", "RUS")


# --- hand-checked values of the default pair ------------------------------------------------------


def test_defense_pact_from_the_raw_atop_row(arm_rus):
    # peacesciencer/atop_alliance.csv.gz, row "371,365,2018,1,0,0,1,1": ccode1 371 (Armenia),
    # ccode2 365 (Russia), year 2018, atop_defense 1 -- ATOP's last year.
    assert _value(arm_rus, "security.defense_pact", 2018) == 1
    pact = arm_rus[arm_rus["indicator"] == "security.defense_pact"].set_index("year")
    assert set(pact.loc[:2018, "source"]) == {"atop"}
    assert (pact.loc[1992:2018, "value"] == 1).all()
    # 2019-2024: both documented CSTO members in data/curated/memberships.csv (Armenia's
    # participation frozen from February 2024 still counts as membership)
    assert set(pact.loc[2019:, "source"]) == {"curated"}
    assert pact.loc[2019:, "value"].tolist() == [1.0] * 6
    assert pact.index.max() == 2024
    # COW Formal Alliances: row "371,365,2012,1,0,0,1" (cow_defense 1, COW's last year)
    assert _value(arm_rus, "security.defense_pact_cow", 2012) == 1


def test_shared_igos_from_the_raw_cow_rows(arm_rus, inputs):
    # peacesciencer/cow_igo_ndy.csv.gz rows "365,371,2000,34" and "365,371,2014,39"
    assert _value(arm_rus, "security.shared_igos", 2000) == 34
    assert _value(arm_rus, "security.shared_igos", 2014) == 39
    # the named list (state-year table) agrees with the published count in 2014
    listed = sec.list_shared_igos(inputs.igo_memberships, inputs.igo_names, "ARM", "RUS")
    in_2014 = listed[(listed["first_year"] <= 2014) & (listed["last_year"] >= 2014)]
    assert len(in_2014) == 39
    assert {"csto", "cis", "bsec", "eapc"} <= set(in_2014["igo"])


@pytest.mark.parametrize(("a", "b"), config.EMBEDDED_PAIRS)
def test_named_shared_igos_agree_with_the_published_count(inputs, a, b):
    """The named list (state-year table) and the dyad-year count: equal for Armenia's pairs,
    at most two apart elsewhere (the COW files differ slightly; see the cow_igo caveats)."""
    runs = sec.list_shared_igos(inputs.igo_memberships, inputs.igo_names, a, b)
    named = pd.Series(
        [y for r in runs.itertuples() for y in range(r.first_year, r.last_year + 1)]
    ).value_counts()
    count = compute_security_panel(inputs, a, b).query("indicator == 'security.shared_igos'")
    count = count.set_index("year")["value"]
    gap = count - named.reindex(count.index, fill_value=0)
    assert gap.between(0, 2).all()
    if "ARM" in (a, b):
        assert (gap == 0).all()


def test_arms_tiv_from_the_raw_sipri_rows(inputs, arm_rus):
    # sipri_trade_register_1995_2024/trade_register_deliveries_1995_2025_generated_2026-02-12
    # .csv.gz (pd.read_csv(skiprows=11)), Supplier "Russia", Recipient "Armenia":
    # delivery year 2019: deals 61891 (Tor-M1, 25.0), 59556 (Su-30K, 190.0), 63208 (9M338,
    # 12.5) = 227.5; delivery year 2022: deal 65217 (Mi-17, 29.0)
    assert _value(arm_rus, "security.arms_tiv_b_to_a", 2019) == pytest.approx(227.5)
    assert _value(arm_rus, "security.arms_tiv_b_to_a", 2022) == pytest.approx(29.0)
    # same file, Supplier "India", Recipient "Armenia", delivery year 2024: deals 67328 (Akash
    # SAMS, 16.0) and 67502 (Akash-1, 5.0) = 21.0; a year the January 2025 edition lacks
    arm_ind = compute_security_panel(inputs, "ARM", "IND")
    assert _value(arm_ind, "security.arms_tiv_b_to_a", 2024) == pytest.approx(21.0)
    # before 1995 the TIV tables (360info): row "Russia,Armenia,1994,181,..."
    assert _value(arm_rus, "security.arms_tiv_b_to_a", 1994) == 181
    src = arm_rus[arm_rus["indicator"] == "security.arms_tiv_b_to_a"].set_index("year")["source"]
    assert set(src.loc[:1994]) == {"sipri_tiv"}
    assert set(src.loc[1995:]) == {"sipri_register_1995_2024"}
    # a year without deliveries within SIPRI's coverage is 0, not missing (also 2023-2024)
    assert _value(arm_rus, "security.arms_tiv_b_to_a", 2020) == 0
    assert _value(arm_rus, "security.arms_tiv_b_to_a", 2024) == 0


def test_the_newest_register_edition_replaces_the_older_one(raw_dir):
    new, old = L.load_sipri_register_2024(raw_dir), L.load_sipri_register(raw_dir)
    # every delivery year of the January 2025 edition is in the February 2026 one
    assert set(old["year"]) <= set(new["year"])
    assert (new["year"].min(), new["year"].max()) == (1995, 2024)
    t = sec.combine_transfers(L.load_sipri_tiv(raw_dir), new)
    assert t.attrs["register_start"] == 1995
    assert t.attrs["register_source"] == "sipri_register_1995_2024"
    assert set(t.loc[t["year"] >= 1995, "source"]) == {"sipri_register_1995_2024"}
    # the revisions list every supplier-recipient-year 2000-2023 whose summed TIV differs
    rev = sec.compute_register_revisions(old, new)
    assert rev.attrs["years"] == (2000, 2023)
    assert rev.attrs["sources"] == ("sipri_register", "sipri_register_1995_2024")
    assert (rev["change"].abs() >= sec.REVISION_TOLERANCE).all()
    assert len(rev) > 100  # SIPRI revises many past years between editions
    # Russia -> Armenia is unrevised (same TIV by year in both files: 2004 ... 2022)
    assert rev[(rev["supplier"] == "RUS") & (rev["recipient"] == "ARM")].empty
    # one revision checked by hand in both raw files: Belarus -> Serbia, delivery year 2021,
    # deal 60885 (MiG-29S): 75.24 in trade_2023.csv.gz, 54.52 in the February 2026 file
    row = rev[(rev["supplier"] == "BLR") & (rev["recipient"] == "SRB") & (rev["year"] == 2021)]
    assert row[["tiv_previous", "tiv_current"]].values.tolist() == [
        [pytest.approx(75.24), pytest.approx(54.52)]
    ]


@pytest.mark.parametrize(("a", "b"), [("KAZ", "RUS"), ("ARM", "RUS"), ("BLR", "RUS")])
def test_embedded_revisions_read_like_the_computed_ones(inputs, a, b):
    rev = inputs.arms_revisions
    both = {(a, b), (b, a)}
    expected = rev[[(s, r) in both for s, r in zip(rev["supplier"], rev["recipient"])]]
    got = get_arms_revisions(a, b)
    assert len(got) == {"KAZ": 1, "ARM": 0, "BLR": 2}[a]  # rows of arms_revisions.csv
    assert_frame_equal(got, expected.reset_index(drop=True), check_dtype=False)
    assert_frame_equal(get_arms_revisions(b, a), got)


def test_register_revisions_on_tiny_editions():
    def edition(rows, source):
        df = pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv"])
        return df.assign(
            supplier_label=df["supplier"], recipient_label=df["recipient"], source=source
        ).astype({"supplier": "string", "recipient": "string"})

    old = edition([("AAA", "BBB", 2000, 1.0), ("AAA", "BBB", 2001, 2.0),
                   ("AAA", "CCC", 2001, 3.0), ("AAA", "BBB", 1999, 9.0)], "old")  # fmt: skip
    new = edition([("AAA", "BBB", 2000, 0.5), ("AAA", "BBB", 2000, 0.5),
                   ("AAA", "BBB", 2001, 2.5), ("CCC", "AAA", 2001, 4.0)], "new")  # fmt: skip
    rev = sec.compute_register_revisions(old, new)
    # 1999 is outside the new edition, 2000 sums to the same 1.0: neither is a revision
    assert rev.values.tolist() == [
        ["AAA", "BBB", 2001, 2.0, 2.5, 0.5],
        ["AAA", "CCC", 2001, 3.0, 0.0, -3.0],
        ["CCC", "AAA", 2001, 0.0, 4.0, 4.0],
    ]
    assert rev.attrs["years"] == (2000, 2001) and rev.attrs["compared"] == 4


def test_russia_share_of_armenian_arms_by_period():
    # deliveries to Armenia by supplier and delivery year in the February 2026 register
    # (PROVENANCE-political.md section 15): Russia 113.8 = 68.0 (2004) + 45.8 (2009) in
    # 2000-09, 419.0 in 2010-19, 29.0 (2022) in 2020-24; India 32.0 (2021) + 3.6 (2023) + 21.0
    # (2024) = 56.6; all suppliers 2020-24: 89.44 (France 3.84 in 2023 besides)
    t = get_arms_suppliers("ARM").set_index(["period", "supplier"])
    assert t.loc[("2000-2009", "RUS"), "tiv"] == pytest.approx(113.8)
    assert t.loc[("2010-2019", "RUS"), "tiv"] == pytest.approx(419.0)
    assert t.loc[("2020-2024", "RUS"), "tiv"] == pytest.approx(29.0)
    assert t.loc[("2020-2024", "IND"), "tiv"] == pytest.approx(56.6)
    assert t.loc[("2020-2024", "RUS"), "share"] == pytest.approx(29.0 / 89.44 * 100)


def test_conflict_and_capabilities_from_raw_rows(arm_rus):
    # peacesciencer/ucdp_acd.csv.gz row "388,2020,373,640,,371,territory,2,II,...": Armenia
    # (GW 371) a secondary party of side B in a war (intensity 2) with Azerbaijan (373)
    assert _value(arm_rus, "security.conflict_intensity_a", 2020) == 2
    assert _value(arm_rus, "security.conflict_a", 2020) >= 1
    assert _value(arm_rus, "security.conflict_opposed", 2020) == 0
    # peacesciencer/cow_nmc.csv.gz: cinc 0.00055959501 (371, 2022) and 0.038196992 (365, 2022)
    assert _value(arm_rus, "security.cinc_ratio", 2022) == pytest.approx(
        0.00055959501 / 0.038196992
    )
    share = 0.00055959501 / (0.00055959501 + 0.038196992) * 100
    assert _value(arm_rus, "security.cinc_share_a", 2022) == pytest.approx(share)


def test_curated_csto_freeze_is_not_leaving(arm_rus):
    csto = arm_rus[arm_rus["indicator"] == "security.shared_org_csto"].set_index("year")
    active = arm_rus[arm_rus["indicator"] == "security.shared_org_csto_active"].set_index("year")
    # curated facts take precedence over COW IGO where they document both countries: the
    # Charter was signed in 2002 (Armenia a signatory, not yet a member) and in force in 2003
    assert csto.loc[2002, "value"] == 0 and csto.loc[2003, "value"] == 1
    assert set(csto["source"]) == {"curated"}
    assert csto.loc[2024, "value"] == 1  # still both members
    assert active.loc[2023, "value"] == 1 and active.loc[2024, "value"] == 0  # frozen in 2024
    assert _value(arm_rus, "security.shared_org_eaeu", 2024) == 1


def test_default_pair_has_every_security_id_and_valid_values(arm_rus):
    assert set(SECURITY_IDS) <= set(arm_rus["indicator"])
    assert list(arm_rus.columns) == PANEL_COLUMNS
    assert not arm_rus.duplicated(["indicator", "year"]).any()
    assert arm_rus["value"].notna().all()
    flags = arm_rus[arm_rus["unit"] == "0/1"]
    assert flags["value"].isin([0, 1]).all()
    sources = set(SOURCES) | {"curated"}
    assert set(arm_rus["source"]) <= sources
    # every row is a year in which both are states (Armenia from 1991)
    assert arm_rus["year"].min() == 1991


# --- properties -----------------------------------------------------------------------------------


@pytest.mark.parametrize("a", ["ARM", "AZE", "GEO", "IND", "USA"])
def test_supplier_shares_sum_to_100_and_hhi_is_bounded(inputs, a):
    t = inputs.transfers
    imports = t[(t["recipient"] == a) & (t["tiv"] > 0)]
    states = sorted(set(imports["supplier_iso"].dropna()))
    panels = [sec.compute_arms(t, inputs.spells, a, b) for b in states]
    shares = pd.concat([p[p["indicator"] == "security.arms_supplier_share"] for p in panels])
    by_year = shares.groupby("year")["value"].sum()
    # the rest of a's imports come from non-state groups, organisations or unknown suppliers
    others = imports[imports["supplier_iso"].isna()].groupby("year")["tiv"].sum()
    total = imports.groupby("year")["tiv"].sum()
    rest = (others.reindex(total.index, fill_value=0.0) / total * 100).reindex(by_year.index)
    assert np.allclose(by_year + rest, 100)
    hhi = panels[0][panels[0]["indicator"] == "security.arms_supplier_hhi"].set_index("year")
    assert hhi["value"].between(0, 10_000).all()
    top = shares.groupby("year")["value"].max().reindex(hhi.index)
    assert (hhi["value"] >= top**2 / 100 - 1e-6).all()  # HHI >= the largest share squared


def test_top_supplier_shares_sum_to_100(inputs):
    for a in ["ARM", "AZE", "CHN"]:
        t = sec.compute_top_suppliers(inputs.transfers, a)
        assert np.allclose(t.groupby("period")["share"].sum(), 100)
        assert (t.groupby("period")["rank"].max() <= 6).all()


@pytest.mark.parametrize(("a", "b"), [("AZE", "RUS"), ("USA", "CHN"), ("FRA", "DEU")])
def test_other_pairs_work_from_raw(raw_dir, a, b):
    p = compute_panel(raw_dir, a, b)
    s = p[p["indicator"].str.startswith("security.")]
    assert {"security.defense_pact", "security.shared_igos", "security.arms_tiv_b_to_a",
            "security.conflict_a", "security.cinc_ratio"} <= set(s["indicator"])  # fmt: skip
    assert not s.duplicated(["indicator", "year"]).any() and s["value"].notna().all()
    pact = s[s["indicator"] == "security.defense_pact"].set_index("year")["value"]
    if (a, b) == ("FRA", "DEU"):
        # ATOP: both NATO members, row "220,255,2018,1,..." in atop_alliance.csv.gz
        # West Germany (COW 260) from 1955 and Germany (255) from 1990 share the ISO3 DEU
        assert pact[2018] == 1 and pact[1960] == 1 and pact[1990] == 1
    if (a, b) == ("USA", "CHN"):
        assert pact[2018] == 0  # no ATOP row for 2,710 in 2018
        assert s["year"].min() == 1860  # the dyad exists from China's entry into COW (1860)
    if (a, b) == ("AZE", "RUS"):
        # UCDP conflict 388: Azerbaijan (373) is side A; Russia is not a party
        assert _value(s, "security.conflict_intensity_a", 2020) == 2
        assert pact.index.max() == 2018  # no curated CSTO facts for Azerbaijan: no extension


def test_pair_outside_coverage_says_so(real_store):
    # East Germany ended in 1990, before Armenia became a state: no dyad-year in any source
    assert compute_panel(real_store.raw_dir, "ARM", "DDR").empty
    with datastore.use(real_store), pytest.raises(BadInput, match="no data for ARM-DDR"):
        get_panel("ARM", "DDR")


# --- indicators on tiny frames ------------------------------------------------------------------

SPELLS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC"],
        "start": [1990, 1995, 1990],
        "end": pd.array([pd.NA, pd.NA, 1999], dtype="Int64"),
    }
)


def test_pair_years_intersect_state_spells():
    assert sec.pair_years(SPELLS, "AAA", "BBB", 1990, 1997) == [1995, 1996, 1997]
    assert sec.pair_years(SPELLS, "BBB", "CCC", 1990, 2005) == [1995, 1996, 1997, 1998, 1999]
    assert sec.pair_years(SPELLS, "AAA", "ZZZ", 1990, 1997) is None  # not a COW state


def _transfers(rows):
    df = pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv", "source"])
    df["supplier_iso"] = df["supplier"].where(df["supplier"].str.len() == 3)
    df["recipient_iso"] = df["recipient"]
    df.attrs.update(first_year=1996, last_year=1998, register_start=2000)
    return df


def test_arms_share_and_hhi_known_answers():
    t = _transfers(
        [
            ("BBB", "AAA", 1996, 30.0, "sipri_tiv"),
            ("CCC", "AAA", 1996, 10.0, "sipri_tiv"),
            ("BBB", "AAA", 1998, 5.0, "sipri_tiv"),
        ]
    )
    p = sec.compute_arms(t, SPELLS, "AAA", "BBB")
    v = p.set_index(["indicator", "year"])["value"]
    assert v[("security.arms_tiv_b_to_a", 1996)] == 30
    assert v[("security.arms_tiv_b_to_a", 1997)] == 0  # no delivery: 0, within coverage
    assert v[("security.arms_supplier_share", 1996)] == 75
    assert v[("security.arms_supplier_hhi", 1996)] == 75**2 + 25**2
    assert v[("security.arms_supplier_hhi", 1998)] == 10_000  # a single supplier
    assert ("security.arms_supplier_share", 1997) not in v.index  # nothing imported: no row
    assert (p["source"] == "sipri_tiv").all()


def test_conflict_counts_and_opposed_sides():
    parties = pd.DataFrame(
        {
            "conflict_id": [1, 1, 2, 2],
            "year": [1996, 1996, 1996, 1996],
            "intensity": [2, 2, 1, 1],
            "side": ["a", "b", "a", "a"],
            "primary": [True, False, True, False],
            "iso3": ["AAA", "BBB", "AAA", "BBB"],
        }
    )
    parties.attrs.update(first_year=1995, last_year=1997)
    v = sec.compute_conflict(parties, SPELLS, "AAA", "BBB").set_index(["indicator", "year"])
    v = v["value"]
    assert v[("security.conflict_a", 1996)] == 2 and v[("security.conflict_b", 1996)] == 2
    assert v[("security.conflict_intensity_a", 1996)] == 2
    assert v[("security.conflict_opposed", 1996)] == 1  # conflict 1 only
    assert v[("security.conflict_a", 1995)] == 0 and v[("security.conflict_intensity_a", 1997)] == 0


def _memberships(rows):
    df = pd.DataFrame(rows, columns=["country", "organisation", "event", "date"])
    df["event_date"] = [dt.date.fromisoformat(d) for d in df["date"]]
    df["status_after"] = df["event"].map(L.EVENTS)
    return df


def test_membership_status_frozen_is_not_leaving():
    m = _memberships(
        [
            ("AAA", "CSTO", "entered into force", "2003-09-18"),
            ("AAA", "CSTO", "froze participation", "2024-02-22"),
            ("AAA", "CSTO", "stopped funding", "2024-05-08"),
            ("BBB", "CSTO", "entered into force", "2003-09-18"),
            ("BBB", "CSTO", "participated", "2024-11-28"),
            ("CCC", "CIS", "joined", "1993-12-01"),
            ("CCC", "CIS", "left", "2009-08-18"),
        ]
    )
    status = sec.compute_membership_status(m).set_index(["country", "organisation", "year"])
    assert status.loc[("AAA", "CSTO", 2023), "status"] == "member"
    assert status.loc[("AAA", "CSTO", 2024), "status"] == "frozen"
    assert status.loc[("BBB", "CSTO", 2024), "status"] == "member"
    # left in August 2009: a member for part of 2009, not a member from 2010
    assert status.loc[("CCC", "CIS", 2009), "status"] == "member"
    assert status.loc[("CCC", "CIS", 2010), "status"] == "not a member"
    assert ("AAA", "CSTO", 2025) not in status.index  # not documented after the last event
    st = sec.compute_membership_status(m)
    spells = pd.DataFrame(
        {"iso3": ["AAA", "BBB"], "start": [1990, 1990], "end": pd.array([pd.NA, pd.NA], "Int64")}
    )
    empty = pd.DataFrame(columns=["iso3", "year", "igo", "status"])
    p = sec.compute_shared_org(empty, st, spells, "AAA", "BBB", "CSTO", None)
    v = p.set_index(["indicator", "year"])["value"]
    assert v[("security.shared_org_csto", 2024)] == 1
    assert v[("security.shared_org_csto_active", 2024)] == 0
    assert v[("security.shared_org_csto_active", 2010)] == 1
    atop = pd.DataFrame({"a": ["AAA"], "b": ["BBB"], "year": [2018], "atop_defense": [1]})
    atop.attrs.update(first_year=2018, last_year=2018)
    pact = sec.compute_defense_pact(atop, spells, st, "AAA", "BBB").set_index("year")
    assert pact.loc[2018, "source"] == "atop" and pact.loc[2024, "source"] == "curated"
    assert pact.loc[2019:2024, "value"].eq(1).all() and pact.index.max() == 2024


def test_shared_org_curated_over_cow_past_cow_and_only_where_it_applies():
    # COW (ending 2005 here) has AAA and BBB as members 1992-2005 and CCC 1995-2000; the
    # curated table says CCC joined in 1993 and left in 2002, and lists AAA and BBB as members
    # in 2010; DDD was never a member of anything, EEE neither.
    cow = pd.DataFrame(
        [(c, y, "cis", 1) for c in ("AAA", "BBB") for y in range(1992, 2006)]
        + [("CCC", y, "cis", 1) for y in range(1995, 2001)],
        columns=["iso3", "year", "igo", "status"],
    )
    cow.attrs["last_year"] = 2005
    m = _memberships(
        [
            ("AAA", "CIS", "joined", "1991-12-21"),
            ("AAA", "CIS", "listed as member", "2010-05-01"),
            ("BBB", "CIS", "joined", "1991-12-08"),
            ("BBB", "CIS", "listed as member", "2010-05-01"),
            ("CCC", "CIS", "joined", "1993-12-01"),
            ("CCC", "CIS", "left", "2002-08-18"),
        ]
    )
    st = sec.compute_membership_status(m)
    codes = ["AAA", "BBB", "CCC", "DDD", "EEE"]
    spells = pd.DataFrame(
        {"iso3": codes, "start": [1991] * 5, "end": pd.array([pd.NA] * 5, "Int64")}
    )

    def shared(a, b):
        p = sec.compute_shared_org(cow, st, spells, a, b, "CIS", "cis")
        return p.set_index("year")[["value", "source"]]

    ab = shared("AAA", "BBB")
    assert ab.loc[2010, "value"] == 1 and ab.index.max() == 2010  # past COW's 2005
    assert set(ab["source"]) == {"curated"}
    ac = shared("AAA", "CCC")
    assert ac.loc[1993, "value"] == 1 and ac.loc[1993, "source"] == "curated"  # not COW's 0
    assert ac.loc[2003, "value"] == 0 and ac.loc[2010, "value"] == 0
    ad = shared("AAA", "DDD")  # DDD never a member: 0, documented as long as AAA is
    assert ad["value"].eq(0).all() and ad.index.max() == 2010
    assert shared("DDD", "EEE").empty  # neither ever a member: no row


def test_status_spans_and_shared_igo_runs():
    years = pd.DataFrame(
        {
            "country": "AAA",
            "organisation": "X",
            "year": [2001, 2002, 2003, 2005],
            "status": ["member", "member", "frozen", "member"],
            "source": "curated",
        }
    )
    spans = sec.status_spans(years)
    assert spans[["status", "first_year", "last_year"]].values.tolist() == [
        ["member", 2001, 2002], ["frozen", 2003, 2003], ["member", 2005, 2005]
    ]  # fmt: skip
    igo = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "AAA", "BBB", "AAA", "BBB"],
            "year": [2000, 2000, 2001, 2001, 2003, 2003],
            "igo": ["un"] * 6,
            "status": [1] * 6,
        }
    )
    names = pd.DataFrame({"igo": ["un"], "name": ["United Nations"]})
    runs = sec.list_shared_igos(igo, names, "AAA", "BBB")
    assert runs[["first_year", "last_year"]].values.tolist() == [[2000, 2001], [2003, 2003]]


def test_period_labels():
    assert sec.period_of(2000, 2023) == "2000-2009" and sec.period_of(2023, 2023) == "2020-2023"


# --- loaders: real files ------------------------------------------------------------------------


def test_loaders_read_the_real_files(raw_dir):
    atop = L.load_atop(raw_dir)
    assert atop.attrs == {"first_year": 1815, "last_year": 2018}
    assert not atop.duplicated(["a", "b", "year"]).any()
    parties = L.load_ucdp_parties(raw_dir)
    assert parties.attrs["last_year"] == 2024 and parties["iso3"].notna().all()
    assert "TON" in set(parties["iso3"])  # GW 972 (Tonga), mapped by GW_CODE_FIXES
    reg = L.load_sipri_register(raw_dir)
    assert len(reg) == 20480 and reg["year"].between(2000, 2023).all()
    names = L.load_igo_names(raw_dir).set_index("igo")["name"]
    assert names["csto"] == "Collective Security Treaty Organization"
    spells = L.load_state_spells(raw_dir)
    assert spells[spells["iso3"] == "ARM"][["start", "end"]].values.tolist() == [[1991, pd.NA]]


def test_sipri_non_state_labels_map_to_none():
    mapping, unmatched = countries.map_source_names(
        ["PKK (Turkey)*", "NATO**", "Russia", "Soviet Union", "Turkiye", "unknown supplier(s)"],
        "sipri",
    )
    assert unmatched == []
    assert mapping == {
        "PKK (Turkey)*": None, "NATO**": None, "Russia": "RUS", "Soviet Union": "SUN",
        "Turkiye": "TUR", "unknown supplier(s)": None,
    }  # fmt: skip
    assert countries.map_source_names([972, 340, 371, 970], "gw") == (
        {972: "TON", 340: "SRB", 371: "ARM"},
        [970],
    )


# --- loaders: malformed fixtures in the published formats ---------------------------------------


ATOP_HEAD = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
REGISTER_NOTES = "Transfers of major conventional arms\n" + "note\n" * 10
REGISTER_HEAD = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
    "TIV delivery values,Local production\n"
)
UCDP_HEAD = (
    "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,incompatibility,intensity_level,"
    "type_of_conflict,start_date,start_prec,start_date2,start_prec2,ep_end,ep_end_date\n"
)

MALFORMED = [
    (
        "atop",
        0,
        L.load_atop,
        ATOP_HEAD + "371,365,2018,2,0,0,1,1\n",
        "atop_defense.*expected 0 or 1",
    ),
    ("atop", 0, L.load_atop, "ccode1,ccode2,year\n371,365,2018\n", "missing column"),
    ("atop", 0, L.load_atop, ATOP_HEAD + "371,999,2018,1,0,0,1,1\n", "unknown COW state number"),
    (
        "cow_alliance",
        0,
        L.load_cow_alliance,
        "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n"
        "371,365,2012,1,0,0,1\n371,365,2012,1,0,0,1\n",
        "duplicate rows",
    ),
    ("cow_igo", 0, L.load_igo_dyads, "ccode1,ccode2,year,dyadigos\n365,371,2014,-3\n", "dyadigos"),
    (
        "cow_igo",
        1,
        L.load_igo_state_counts,
        "ccode,year,sum_igo_full,sum_igo_associate,sum_igo_observer,sum_igo_anytype\n371,2014,x,0,0,0\n",
        "must be numeric",
    ),
    (
        "cow_igo",
        2,
        L.load_igo_memberships,
        "ccode,year,state,un,csto\n371,2014,armenia,1,7\n",
        "IGO column 'csto' has '7'",
    ),
    (
        "cow_igo",
        3,
        L.load_igo_names,
        "ioname,orgname,year\nCSTO,,2014\n",
        "empty 'ioname' or 'orgname'",
    ),
    (
        "sipri_tiv",
        0,
        L.load_sipri_tiv,
        "supplier,recipient,year,value\nRussia,Atlantis,2019,5\n",
        "unmatched supplier/recipient name.*Atlantis",
    ),
    (
        "sipri_tiv",
        0,
        L.load_sipri_tiv,
        "supplier,recipient,year,value\nRussia,Armenia,2019,-5\n",
        "value",
    ),
    ("sipri_register", 0, L.load_sipri_register, "just,a,csv\n1,2,3\n", "no header line"),
    (
        "sipri_register",
        0,
        L.load_sipri_register,
        REGISTER_NOTES
        + REGISTER_HEAD
        + "1,Russia,Armenia,Su-30K,FGA,Aircraft,2019,No,4,No,2019,No,New,47.5,47.5,190,No\n"
        + "1,Russia,Armenia,Su-30K,FGA,Aircraft,2019,No,4,No,2019,No,New,47.5,47.5,190,No\n",
        "duplicate rows",
    ),
    (
        "ucdp_acd",
        0,
        L.load_ucdp_parties,
        UCDP_HEAD + "388,2020,373,640,,371,territory,3,II,1991-12-29,1,2020-07-16,1,0,\n",
        "intensity_level.*expected 1 or 2",
    ),
    (
        "ucdp_acd",
        0,
        L.load_ucdp_parties,
        UCDP_HEAD + "388,2020,373,970,,371,territory,2,II,1991-12-29,1,2020-07-16,1,0,\n",
        "unknown GW state number",
    ),
    (
        "cow_nmc",
        0,
        L.load_nmc,
        "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n371,2022,1,1,1,1,1,1,1.5\n",
        "cinc",
    ),
    (
        "cow_states",
        0,
        L.load_state_spells,
        "stateabb,ccode,statenme,styear\nARM,371,Armenia,1991\n",
        "missing column",
    ),
]


@pytest.mark.parametrize(
    ("source", "index", "loader", "text", "match"),
    MALFORMED,
    ids=[f"{m[0]}-{i}" for i, m in enumerate(MALFORMED)],
)
def test_malformed_files_fail_clearly(tmp_path, source, index, loader, text, match):
    path = _write(tmp_path, source, text, index)
    with pytest.raises(BadInput, match=match) as err:
        loader(tmp_path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_missing_raw_file_names_it(tmp_path):
    with pytest.raises(BadInput, match="raw file missing: .*atop_alliance.csv.gz"):
        L.load_atop(tmp_path)


# --- curated memberships ------------------------------------------------------------------------

GOOD_ROW = {
    "country": "ARM",
    "organisation": "CSTO",
    "event": "froze participation",
    "date": "2024-02",
    "note": "",
    "source_publisher": "Publisher",
    "source_title": "Title",
    "source_date": "2024-02-23",
    "source_url": "https://example.org/a",
}


def _curated(tmp_path, **changes) -> Path:
    row = {**GOOD_ROW, **changes}
    df = pd.DataFrame([row], columns=L.MEMBERSHIP_COLUMNS)
    path = tmp_path / "memberships.csv"
    df.to_csv(path, index=False)
    return path


def test_committed_memberships_pass_the_schema_with_a_source_on_every_row():
    m = L.load_memberships()
    assert len(m) >= 40
    for col in ("source_publisher", "source_title", "source_date", "source_url"):
        assert (m[col].str.strip() != "").all()
    freeze = m[(m["country"] == "ARM") & (m["event"] == "froze participation")]
    assert freeze["organisation"].tolist() == ["CSTO"] and freeze["date"].tolist() == ["2024-02"]
    icc = m[(m["country"] == "ARM") & (m["organisation"] == "ICC")].set_index("event")["date"]
    assert icc["ratified"] == "2023-11-14" and icc["entered into force"] == "2024-02-01"
    assert set(m["organisation"]) <= set(L.ORGANISATIONS)


def test_a_good_row_loads(tmp_path):
    m = L.load_memberships(_curated(tmp_path))
    assert m["status_after"].tolist() == ["frozen"]
    assert m["event_date"].tolist() == [dt.date(2024, 2, 1)]


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"source_url": ""}, "line 2: 'source_url' is empty"),
        ({"source_publisher": " "}, "line 2: 'source_publisher' is empty"),
        ({"country": "Armenia"}, "line 2: country 'Armenia' is not an ISO3 code"),
        ({"organisation": "NATO"}, "line 2: organisation 'NATO' unknown"),
        ({"event": "quit"}, "line 2: event 'quit' unknown"),
        ({"date": "2024"}, "line 2: date '2024' is not a date"),
        ({"date": "2024-02-30"}, "line 2: date '2024-02-30' is not a date"),
        ({"date": "2999-01-01"}, "line 2: date 2999-01-01 is in the future"),
        ({"source_date": "last year"}, "line 2: source_date 'last year' is not a date"),
        ({"source_url": "example.org"}, "line 2: source_url 'example.org' is not a web address"),
    ],
)
def test_memberships_schema_errors_name_file_line_and_problem(tmp_path, changes, match):
    path = _curated(tmp_path, **changes)
    with pytest.raises(BadInput, match=match) as err:
        L.load_memberships(path)
    assert str(path) in str(err.value)


def test_memberships_wrong_columns_and_duplicates(tmp_path):
    path = tmp_path / "memberships.csv"
    path.write_text("country,organisation\nARM,CSTO\n")
    with pytest.raises(BadInput, match="columns country, organisation; expected country"):
        L.load_memberships(path)
    df = pd.DataFrame([GOOD_ROW, GOOD_ROW], columns=L.MEMBERSHIP_COLUMNS)
    df.to_csv(path, index=False)
    with pytest.raises(BadInput, match="line 3: repeats an earlier row"):
        L.load_memberships(path)
    with pytest.raises(BadInput, match="curated table missing"):
        L.load_memberships(tmp_path / "nope.csv")


# --- embedded tables and catalog ----------------------------------------------------------------


def test_embedded_tables_need_no_raw_data(monkeypatch, tmp_path):
    monkeypatch.setenv(config.RAW_DIR_ENV, str(tmp_path))  # an empty raw directory
    shared = get_shared_igos("ARM", "RUS")
    assert len(shared) and set(shared["country_a"]) == {"ARM"}
    timeline = get_membership_timeline("ARM", "RUS")
    frozen = timeline[(timeline["organisation"] == "CSTO") & (timeline["status"] == "frozen")]
    assert frozen[["country", "first_year", "source"]].values.tolist() == [["ARM", 2024, "curated"]]
    # a pair that is not embedded falls back to the curated statuses alone
    other = get_membership_timeline("ARM", "TJK")
    assert set(other["source"]) == {"curated"}
    assert {"CSTO", "ICC"} <= set(other["organisation"])


def test_catalog_lists_the_curated_table_with_its_checksum():
    from analysis.fileio import sha256_file
    from analysis.tables import read_catalog

    entry = read_catalog()["curated"]["memberships.csv"]
    path = config.PROJ_ROOT / entry["path"]
    assert entry["sha256"] == sha256_file(path)
    assert entry["rows"] == len(L.load_memberships())


def test_embedded_security_rows_equal_direct_computation(inputs):
    embedded = pd.read_csv(config.PROCESSED_DIR / "panel.csv")
    for a, b in [("ARM", "RUS"), ("KAZ", "RUS")]:
        e = embedded[(embedded["country_a"] == a) & (embedded["country_b"] == b)]
        e = e[e["indicator"].str.startswith("security.")].reset_index(drop=True)
        d = compute_security_panel(inputs, a, b)
        d = d.assign(value=d["value"].round(6), source=d["source"].astype(str))
        assert e[["lo", "hi"]].isna().all().all()  # security indicators have no interval
        assert_frame_equal(e[list(d.columns)], d.reset_index(drop=True), check_dtype=False)
