"""All-pairs security: the vectorised indicators on tiny frames (known answers, and equal to the
per-pair functions for every pair), and on the real data: ``pair_panel`` equals the per-pair
provider, the layout of the wide tables, hand-checked values, and the processed tables."""

import doctest

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config, dyadic
from analysis.dimensions import security as dim
from analysis.indicators import security as sec
from analysis.indicators.common import concat_panel
from analysis.security import compute_membership_timeline, compute_security_panel

#: Pairs checked on the real data (both orders of each) besides the embedded ones: the named
#: pairs, and pairs with a country outside the COW state list (ABW, PSE, SUN, YUG: only the
#: years with recorded data).
NAMED_PAIRS = [
    ("USA", "CHN"),
    ("IND", "PAK"),
    ("BRA", "ARG"),
    ("FRA", "DEU"),
    ("ARM", "TUR"),
    ("RUS", "AZE"),
    ("ABW", "ISR"),
    ("PSE", "USA"),
    ("SUN", "YUG"),
]
#: Pairs whose provider returns nothing: ABW (a SIPRI supplier only) and AND; Czechoslovakia
#: and Slovakia, the GDR and Armenia never coexisted as states.
EMPTY_PAIRS = [("ABW", "AND"), ("CSK", "SVK"), ("DDR", "ARM")]
RANDOM_PAIRS = 10
SEED = 20240607

COUNTRIES = ["AAA", "BBB", "CCC", "DDD"]  # DDD is not in the state list


def _spells():
    return pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "BBB", "CCC"],
            "cow": [1, 2, 2, 3],
            "start": [1990, 1990, 1998, 1992],
            "end": pd.array([pd.NA, 1995, pd.NA, pd.NA], dtype="Int64"),
        }
    )


def _status():
    rows = [("AAA", "CSTO", y, "member") for y in range(1999, 2002)]
    rows += [("CCC", "CSTO", 1999, "signatory"), ("CCC", "CSTO", 2000, "member")]
    rows += [("CCC", "CSTO", 2001, "frozen")]
    rows += [("AAA", "EAEU", y, "member") for y in (2015, 2016)]
    rows += [("BBB", "EAEU", 2016, "member"), ("DDD", "EAEU", 2016, "member")]
    return pd.DataFrame(rows, columns=["country", "organisation", "year", "status"])


def _str_keys(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({"country_a": "str", "country_b": "str"})


def _assert_like_per_pair(all_pairs: dyadic.AllPairs, per_pair, countries=COUNTRIES):
    """Every ordered pair: the long rows from the frames equal those of the per-pair function."""
    for a in countries:
        for b in countries:
            if a != b:
                expected = concat_panel([per_pair(a, b)])
                assert_frame_equal(dyadic.pair_panel(all_pairs, a, b), expected, obj=f"{a}-{b}")


def _value(frame, a, b, year, col):
    row = frame[(frame["country_a"] == a) & (frame["country_b"] == b) & (frame["year"] == year)]
    return row[col].tolist()


def _missing(frame, a, b, year, col):
    """True when the dyad-year has no value of ``col`` (no row, or a row without it)."""
    return pd.isna(pd.Series(_value(frame, a, b, year, col), dtype="float64")).all()


# --- tiny frames ----------------------------------------------------------------------------------


def test_docstring_examples_of_the_vectorised_helpers():
    for f in (
        sec.country_codes,
        sec.dyad_keys,
        sec.state_matrix,
        sec.state_dyads,
        sec._sorted_union,
        sec.join_dyad_frames,
    ):
        runner = doctest.DocTestRunner()
        for test in doctest.DocTestFinder().find(f, globs=vars(sec).copy()):
            runner.run(test)
        assert runner.failures == 0, f.__name__


def test_state_matrix_and_dyads_follow_the_spells():
    states = sec.state_matrix(_spells(), COUNTRIES, 2000)
    assert np.flatnonzero(states[1]).tolist() == [*range(1990, 1996), 1998, 1999, 2000]
    assert not states[3].any()  # DDD is not listed
    assert sec.listed_countries(_spells(), COUNTRIES).tolist() == [True, True, True, False]
    a, b, y = sec.state_dyads(states, 1995, 1998, ordered=False)
    assert list(zip(a.tolist(), b.tolist(), y.tolist())) == [
        (0, 1, 1995),
        (0, 1, 1998),
        (0, 2, 1995),
        (0, 2, 1996),
        (0, 2, 1997),
        (0, 2, 1998),
        (1, 2, 1995),
        (1, 2, 1998),
    ]
    a, b, y = sec.state_dyads(states, 1991, 1991)  # ordered: both orders, CCC not yet a state
    assert list(zip(a.tolist(), b.tolist())) == [(0, 1), (1, 0)]


def test_join_dyad_frames_unions_keys_and_refuses_a_value_given_twice():
    src = lambda codes, cats: sec._source(codes, cats)  # noqa: E731
    f1 = sec.dyad_frame([1, 0], [0, 1], [2000, 2001], COUNTRIES, {"x": [1.0, 2.0],
                        "x|source": src([0, 0], ["s"])})  # fmt: skip
    f2 = sec.dyad_frame([0, 0], [1, 2], [2001, 1999], COUNTRIES, {"x": [np.nan, 5.0],
                        "x|source": src([-1, 0], ["r"]), "y": [3.0, np.nan],
                        "y|source": src([0, -1], ["t"])})  # fmt: skip
    out = sec.join_dyad_frames([f1, f2], COUNTRIES)
    assert out.columns.tolist() == ["country_a", "country_b", "year", "x", "x|source", "y",
                                    "y|source"]  # fmt: skip
    assert _str_keys(out)[["country_a", "country_b", "year"]].values.tolist() == [
        ["AAA", "BBB", 2001],
        ["AAA", "CCC", 1999],
        ["BBB", "AAA", 2000],
    ]
    assert out["x"].tolist() == [2.0, 5.0, 1.0]
    assert out["x|source"].astype(object).tolist() == ["s", "r", "s"]
    assert list(out["x|source"].cat.categories) == ["r", "s"]
    assert out["y"].fillna(-1).tolist() == [3.0, -1, -1]
    with pytest.raises(ValueError, match="given twice"):
        sec.join_dyad_frames([f1, f1], COUNTRIES)


def _atop():
    df = pd.DataFrame(
        [
            ("AAA", "BBB", 1991, 1),
            ("BBB", "AAA", 1991, 0),
            ("AAA", "CCC", 1993, 1),
            ("AAA", "DDD", 1995, 1),  # DDD unlisted: kept as recorded
            ("BBB", "CCC", 1996, 1),  # BBB not a state in 1996: dropped
        ],
        columns=["a", "b", "year", "atop_defense"],
    )
    df.attrs.update(first_year=1990, last_year=1999)
    return df


def test_all_defense_pact_is_directed_zero_filled_and_extended_by_curated_facts():
    frame = _str_keys(sec.all_defense_pact(_atop(), _spells(), _status(), COUNTRIES))
    pact = "security.defense_pact"
    assert _value(frame, "AAA", "BBB", 1991, pact) == [1.0]
    assert _value(frame, "BBB", "AAA", 1991, pact) == [0.0]
    assert _value(frame, "AAA", "BBB", 1996, pact) == []  # BBB not a state
    assert _value(frame, "BBB", "CCC", 1996, pact) == []
    assert _value(frame, "AAA", "DDD", 1995, pact) == [1.0]
    assert _value(frame, "AAA", "DDD", 1996, pact) == []
    # 2000-2001: both CSTO members (CCC's frozen participation counts); 1999: CCC signatory
    assert _value(frame, "CCC", "AAA", 2001, f"{pact}|source") == ["curated"]
    assert frame[frame["year"] > 1999]["year"].tolist() == [2000, 2001, 2000, 2001]
    all_pairs = dyadic.AllPairs(directed=frame)
    _assert_like_per_pair(
        all_pairs, lambda a, b: sec.compute_defense_pact(_atop(), _spells(), _status(), a, b)
    )


def test_all_defense_pact_cow_equals_the_per_pair_function():
    cow = _atop().rename(columns={"atop_defense": "cow_defense"})
    cow.attrs.update(first_year=1992, last_year=1998)
    frame = _str_keys(sec.all_defense_pact_cow(cow, _spells(), COUNTRIES))
    assert _value(frame, "AAA", "BBB", 1991, "security.defense_pact_cow") == []  # before COW
    assert _value(frame, "AAA", "CCC", 1993, "security.defense_pact_cow") == [1.0]
    all_pairs = dyadic.AllPairs(directed=frame)
    _assert_like_per_pair(
        all_pairs, lambda a, b: sec.compute_defense_pact_cow(cow, _spells(), a, b)
    )


def test_all_shared_igos_counts_once_and_members_per_side():
    dyads = pd.DataFrame(
        [("AAA", "BBB", 1991, 3), ("AAA", "CCC", 1993, 2), ("BBB", "DDD", 1994, 1)],
        columns=["a", "b", "year", "shared"],
    )
    counts = pd.DataFrame(
        [("AAA", 1991, 5), ("AAA", 1993, 6), ("BBB", 1991, 4), ("DDD", 1994, 1)],
        columns=["iso3", "year", "full"],
    )
    undirected, directed = sec.all_shared_igos(dyads, counts, COUNTRIES)
    undirected, directed = _str_keys(undirected), _str_keys(directed)
    assert undirected["security.shared_igos"].tolist() == [3.0, 2.0, 1.0]
    assert _value(directed, "BBB", "AAA", 1991, "security.igo_memberships_a") == [4.0]
    assert _value(directed, "CCC", "AAA", 1993, "security.igo_memberships_a") == []  # no count
    all_pairs = dyadic.AllPairs(directed=directed, undirected=undirected)
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_shared_igos(dyads, counts, a, b))


def _igo_memberships():
    rows = [("AAA", y, "csto", 1) for y in range(1994, 1999)]
    rows += [("CCC", 1994, "csto", 3)] + [("CCC", y, "csto", 1) for y in range(1995, 1999)]
    rows += [("BBB", y, "csto", 1) for y in (1994, 1995)]
    rows += [("AAA", y, "other", 1) for y in (1992, 1993, 1996)]
    rows += [("BBB", y, "other", 1) for y in range(1990, 1997)]
    df = pd.DataFrame(rows, columns=["iso3", "year", "igo", "status"])
    df.attrs["last_year"] = 1998
    return df


@pytest.mark.parametrize(("org", "cow_igo"), [("CSTO", "csto"), ("EAEU", None)])
def test_all_shared_org_combines_cow_and_curated_years(org, cow_igo):
    m, status = _igo_memberships(), _status()
    frame = _str_keys(sec.all_shared_org(m, status, _spells(), COUNTRIES, org, cow_igo))
    name = f"security.shared_org_{org.lower()}"
    if org == "CSTO":
        assert _value(frame, "AAA", "CCC", 1994, name) == [0.0]  # CCC an observer
        assert _value(frame, "AAA", "CCC", 1995, name) == [1.0]
        assert _value(frame, "AAA", "CCC", 2001, name) == [1.0]  # frozen counts
        assert _value(frame, "AAA", "CCC", 2001, f"{name}_active") == [0.0]
        assert _value(frame, "AAA", "CCC", 1999, f"{name}_active") == [0.0]  # signatory
    else:
        assert _value(frame, "AAA", "BBB", 2016, name) == [1.0]
        assert _value(frame, "BBB", "DDD", 2016, name) == [1.0]  # curated: no state list
    all_pairs = dyadic.AllPairs(undirected=frame)
    _assert_like_per_pair(
        all_pairs,
        lambda a, b: sec.compute_shared_org(m, status, _spells(), a, b, org, cow_igo),
    )


def _transfers():
    rows = [
        ("BBB", "AAA", 1991, 10.0),
        ("CCC", "AAA", 1992, 0.3),
        ("BBB", "AAA", 1992, 0.1),
        ("Rebels*", "AAA", 1992, 0.6),
        ("DDD", "AAA", 2001, 4.0),
        ("AAA", "DDD", 1993, 2.0),
        ("AAA", "CCC", 1999, 0.0),
    ]
    df = pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv"])
    iso = lambda s: s.where(s.isin(COUNTRIES)).astype("string")  # noqa: E731
    df = df.assign(supplier_iso=iso(df["supplier"]), recipient_iso=iso(df["recipient"]))
    df["source"] = np.where(df["year"] >= 2000, "sipri_register", "sipri_tiv")
    df = df.sort_values(["supplier", "recipient", "year"], ignore_index=True)
    df.attrs.update(first_year=1991, last_year=2001, register_start=2000)
    return df


def test_all_arms_shares_hhi_and_zero_years():
    t = _transfers()
    frame = _str_keys(sec.all_arms(t, _spells(), COUNTRIES))
    assert _value(frame, "AAA", "BBB", 1991, "security.arms_tiv_b_to_a") == [10.0]
    assert _value(frame, "AAA", "CCC", 1993, "security.arms_tiv_b_to_a") == [0.0]
    assert _value(frame, "AAA", "CCC", 1993, "security.arms_supplier_share") == [np.nan] or (
        np.isnan(_value(frame, "AAA", "CCC", 1993, "security.arms_supplier_share")[0])
    )
    # 1992: suppliers 0.1, 0.3, 0.6 of 1.0 -> HHI 100 + 900 + 3600
    hhi = _value(frame, "AAA", "CCC", 1992, "security.arms_supplier_hhi")
    assert hhi == [pytest.approx(4600.0)]
    # DDD unlisted: only the years AAA imported (1991, 1992, 2001), whatever the dyad
    assert frame[(frame["country_a"] == "AAA") & (frame["country_b"] == "DDD")][
        "year"
    ].tolist() == [1991, 1992, 2001]
    assert _value(frame, "AAA", "DDD", 2001, "security.arms_tiv_b_to_a|source") == [
        "sipri_register"
    ]
    all_pairs = dyadic.AllPairs(directed=frame)
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_arms(t, _spells(), a, b))


def _parties():
    rows = [
        (1, 1991, 1, "a", "AAA"),
        (1, 1991, 1, "b", "BBB"),
        (2, 1991, 2, "a", "AAA"),
        (2, 1991, 2, "a", "BBB"),
        (3, 1996, 1, "a", "BBB"),  # BBB not a state in 1996
        (3, 1996, 1, "b", "CCC"),
        (4, 1994, 1, "a", "DDD"),
        (4, 1994, 1, "b", "CCC"),
    ]
    df = pd.DataFrame(rows, columns=["conflict_id", "year", "intensity", "side", "iso3"])
    df.attrs.update(first_year=1990, last_year=1997)
    return df


def test_all_conflict_is_undirected_with_each_side_and_opposed_counts():
    p = _parties()
    frame = _str_keys(sec.all_conflict(p, _spells(), COUNTRIES))
    assert (frame["country_a"] < frame["country_b"]).all()
    assert _value(frame, "AAA", "BBB", 1991, "security.conflict_a") == [2.0]
    assert _value(frame, "AAA", "BBB", 1991, "security.conflict_intensity_b") == [2.0]
    assert _value(frame, "AAA", "BBB", 1991, "security.conflict_opposed") == [1.0]
    assert _value(frame, "AAA", "BBB", 1992, "security.conflict_a") == [0.0]
    assert _value(frame, "BBB", "CCC", 1996, "security.conflict_a") == []
    assert _value(frame, "CCC", "DDD", 1994, "security.conflict_opposed") == [1.0]
    all_pairs = dyadic.AllPairs(undirected=frame, swap=dict(dim.SWAP))
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_conflict(p, _spells(), a, b))


def _mids():
    df = pd.DataFrame(
        [
            ("AAA", "BBB", 1991, 1),
            ("BBB", "AAA", 1991, 1),
            ("AAA", "BBB", 1992, 0),  # ongoing, not begun
            ("AAA", "CCC", 1996, 2),
            ("CCC", "DDD", 1994, 1),  # DDD unlisted: kept as recorded
            ("BBB", "CCC", 1996, 1),  # BBB not a state in 1996: dropped
        ],
        columns=["a", "b", "year", "onsets"],
    )
    df.attrs.update(first_year=1990, last_year=1998)
    return df


def test_all_mid_onsets_are_directed_and_zero_in_state_years():
    m = _mids()
    frame = _str_keys(sec.all_mid_onsets(m, _spells(), COUNTRIES))
    name = "security.mid_onsets"
    assert _value(frame, "AAA", "BBB", 1991, name) == [1.0]
    assert _value(frame, "AAA", "BBB", 1992, name) == [0.0]
    assert _value(frame, "AAA", "CCC", 1996, name) == [2.0]
    assert _value(frame, "CCC", "AAA", 1996, name) == [0.0]  # directed: CCC's own rows
    assert _value(frame, "AAA", "CCC", 1999, name) == []  # after the file's last year
    assert _value(frame, "BBB", "CCC", 1996, name) == []
    assert _value(frame, "CCC", "DDD", 1994, name) == [1.0]
    assert _value(frame, "CCC", "DDD", 1995, name) == []
    assert _value(frame, "AAA", "BBB", 1991, f"{name}|source") == ["cow_mid"]
    all_pairs = dyadic.AllPairs(directed=frame)
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_mid_onsets(m, _spells(), a, b))


def test_all_rivalry_is_undirected_with_missing_years_outside_coverage():
    r = pd.DataFrame(
        [("AAA", "BBB", 1990, 7), ("AAA", "BBB", 1991, 7), ("CCC", "DDD", 1993, 8)],
        columns=["a", "b", "year", "rivalry_id"],
    )
    r.attrs.update(first_year=1980, last_year=1997)
    frame = _str_keys(sec.all_rivalry(r, _spells(), COUNTRIES))
    assert (frame["country_a"] < frame["country_b"]).all()
    name = "security.rivalry"
    assert _value(frame, "AAA", "BBB", 1991, name) == [1.0]
    assert _value(frame, "AAA", "BBB", 1992, name) == [0.0]
    assert _value(frame, "AAA", "BBB", 1998, name) == []  # outside the coverage: missing
    assert _value(frame, "AAA", "CCC", 1992, name) == [0.0]
    assert _value(frame, "CCC", "DDD", 1993, name) == [1.0]
    all_pairs = dyadic.AllPairs(undirected=frame)
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_rivalry(r, _spells(), a, b))


def test_all_cinc_ratio_and_share():
    nmc = pd.DataFrame(
        [
            ("AAA", 1991, 0.2),
            ("BBB", 1991, 0.0),
            ("CCC", 1991, 0.1),  # CCC not a state until 1992
            ("AAA", 1993, 0.3),
            ("CCC", 1993, 0.1),
            ("DDD", 1993, 0.05),
        ],
        columns=["iso3", "year", "cinc"],
    )
    frame = _str_keys(sec.all_cinc(nmc, _spells(), COUNTRIES))
    assert _value(frame, "AAA", "CCC", 1993, "security.cinc_ratio") == [pytest.approx(3.0)]
    assert _value(frame, "AAA", "CCC", 1993, "security.cinc_share_a") == [pytest.approx(75.0)]
    assert np.isnan(_value(frame, "AAA", "BBB", 1991, "security.cinc_ratio")[0])  # 0.2 / 0
    assert _value(frame, "AAA", "CCC", 1991, "security.cinc_share_a") == []
    assert _value(frame, "DDD", "AAA", 1993, "security.cinc_ratio") == [pytest.approx(1 / 6)]
    all_pairs = dyadic.AllPairs(directed=frame)
    _assert_like_per_pair(all_pairs, lambda a, b: sec.compute_cinc(nmc, _spells(), a, b))


def test_all_top_suppliers_ranks_and_others():
    rows = [(f"S{k}", "AAA", 1995, float(k)) for k in range(1, 9)]
    rows += [("S1", "BBB", 2001, 2.0), ("S2", "BBB", 2002, 0.0)]
    t = pd.DataFrame(rows, columns=["supplier", "recipient", "year", "tiv"])
    t.attrs["last_year"] = 2002
    out = sec.all_top_suppliers(t)
    aaa = out[out["country_a"] == "AAA"]
    assert aaa["supplier"].tolist() == ["S8", "S7", "S6", "S5", "S4", "S3", "Others"]
    assert aaa["rank"].tolist() == [1, 2, 3, 4, 5, 6, 0]
    assert aaa["tiv"].iloc[-1] == 3.0  # S1 + S2
    assert out[out["country_a"] == "BBB"]["period"].tolist() == ["2000-2002"]
    for a in ("AAA", "BBB"):
        got = out[out["country_a"] == a].reset_index(drop=True)
        assert_frame_equal(got, sec.compute_top_suppliers(t, a))


def test_membership_spans_give_the_shared_igos_of_a_pair():
    m = _igo_memberships()
    spans = sec.igo_membership_spans(m)
    aaa = spans[spans["iso3"] == "AAA"]
    assert aaa[["igo", "first_year", "last_year"]].values.tolist() == [
        ["csto", 1994, 1998],
        ["other", 1992, 1993],
        ["other", 1996, 1996],
    ]
    names = pd.DataFrame({"igo": ["csto"], "name": ["Collective Security"]})
    got = sec.shared_igos_for(spans, names, "AAA", "BBB")
    assert got[["name", "first_year", "last_year"]].values.tolist() == [
        ["other", 1992, 1993],
        ["Collective Security", 1994, 1995],
        ["other", 1996, 1996],
    ]
    for a in COUNTRIES:
        for b in COUNTRIES:
            expected = sec.list_shared_igos(m, names, a, b)
            assert_frame_equal(sec.shared_igos_for(spans, names, a, b), expected)


# --- real data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs():
    from analysis.security import load_security_inputs
    from tests.conftest import require_raw_dir

    return load_security_inputs(require_raw_dir())


@pytest.fixture(scope="module")
def all_pairs(inputs):
    return dim.compute_all_pairs(inputs)


@pytest.fixture(scope="module")
def tables(inputs):
    return dim.compute_tables(inputs)


@pytest.fixture(scope="module")
def pair_panel(all_pairs):
    """``dyadic.pair_panel`` of one pair, reading only the rows of its pair in each table.

    The tables are sorted by pair, so the rows of each pair are one slice; handing
    ``pair_panel`` that slice instead of the whole table (2 million rows) gives the same
    result (checked in ``test_the_pair_slice_reads_like_the_whole_table``) in far less time.
    """
    slices = {}
    for kind, wide in all_pairs.tables().items():
        a, b = wide["country_a"].to_numpy(object), wide["country_b"].to_numpy(object)
        starts = np.flatnonzero(np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])])
        stops = np.r_[starts[1:], len(wide)]
        slices[kind] = {(a[i], b[i]): (i, j) for i, j in zip(starts, stops)}

    def rows(kind, x, y):
        wide = getattr(all_pairs, kind)
        if kind == "undirected":
            x, y = sorted((x, y))
        i, j = slices[kind].get((x, y), (0, 0))
        return wide.iloc[i:j]

    def read(a, b):
        part = dyadic.AllPairs(
            directed=rows("directed", a, b), undirected=rows("undirected", a, b),
            swap=all_pairs.swap,
        )  # fmt: skip
        return dyadic.pair_panel(part, a, b)

    return read


def test_the_pair_slice_reads_like_the_whole_table(all_pairs, pair_panel):
    for a, b in [("ARM", "RUS"), ("RUS", "ARM"), ("ABW", "ISR"), ("ISR", "ABW"), ("ABW", "AND")]:
        assert_frame_equal(pair_panel(a, b), dyadic.pair_panel(all_pairs, a, b))


def _expected(inputs, a, b):
    # the provider's panel in the form of every panel (concat_panel adds empty lo/hi)
    return concat_panel([compute_security_panel(inputs, a, b)])


def _unordered(pairs):
    return list(dict.fromkeys(tuple(sorted(p)) for p in pairs))


@pytest.mark.parametrize(("a", "b"), _unordered([*config.EMBEDDED_PAIRS, *NAMED_PAIRS]))
def test_pair_panel_equals_the_provider(inputs, pair_panel, a, b):
    for x, y in ((a, b), (b, a)):
        assert_frame_equal(pair_panel(x, y), _expected(inputs, x, y))


@pytest.mark.parametrize(("a", "b"), EMPTY_PAIRS)
def test_pairs_without_data_are_empty_both_ways(inputs, pair_panel, a, b):
    for x, y in ((a, b), (b, a)):
        assert compute_security_panel(inputs, x, y).empty
        assert pair_panel(x, y).empty
        assert_frame_equal(pair_panel(x, y), _expected(inputs, x, y))


def test_pair_panel_equals_the_provider_for_random_pairs(inputs, pair_panel):
    countries = dim.security_countries(inputs)
    rng = np.random.default_rng(SEED)
    pairs = [tuple(rng.choice(countries, 2, replace=False)) for _ in range(RANDOM_PAIRS)]
    failed = []
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            try:
                assert_frame_equal(pair_panel(x, y), _expected(inputs, x, y))
            except AssertionError as err:
                failed.append(f"{x}-{y}: {err}")
    assert not failed, "\n".join(failed)


def test_wide_tables_layout(inputs, all_pairs):
    countries = dim.security_countries(inputs)
    assert len(countries) > 190 and {"ARM", "RUS", "ABW"} <= set(countries)
    assert all_pairs.swap == dim.SWAP
    for wide in all_pairs.tables().values():
        ids = dyadic.indicator_columns(wide)
        assert ids == sorted(ids)
        assert wide.columns.tolist() == [
            *dyadic.KEY_COLUMNS,
            *[c for i in ids for c in (i, f"{i}|source")],
        ]
        assert str(wide["country_a"].dtype) == "str" and wide["year"].dtype == "int64"
        keys = pd.MultiIndex.from_frame(wide[dyadic.KEY_COLUMNS])
        assert keys.is_monotonic_increasing and keys.is_unique
        assert (wide["country_a"] != wide["country_b"]).all()
        assert set(pd.unique(wide["country_a"])) <= set(countries)
        assert wide[ids].notna().any(axis=1).all()  # no row without a value
        for i in ids:  # a source exactly where there is a value
            assert (wide[i].notna() == wide[f"{i}|source"].notna()).all()
    undirected = all_pairs.undirected
    assert (undirected["country_a"] < undirected["country_b"]).all()
    assert "security.defense_pact" in all_pairs.directed.columns
    assert "security.conflict_a" in undirected.columns


def test_hand_checked_values(all_pairs):
    d, u = all_pairs.directed, all_pairs.undirected
    # peacesciencer/atop_alliance.csv.gz rows "2,740,2018,1,0,0,1,1" and "740,2,2018,0,0,0,1,1":
    # ATOP's obligation is directed, the United States (2) to Japan (740) but not back
    assert _value(d, "USA", "JPN", 2018, "security.defense_pact") == [1.0]
    assert _value(d, "JPN", "USA", 2018, "security.defense_pact") == [0.0]
    # peacesciencer/cow_igo_ndy.csv.gz row "365,371,2014,39" (Russia, Armenia)
    assert _value(u, "ARM", "RUS", 2014, "security.shared_igos") == [39.0]
    # SIPRI register of February 2026: Russia -> Armenia 227.5 (2019: deals 61891, 59556,
    # 63208) and 29.0 (2022: deal 65217); India -> Armenia 21.0 (2024: deals 67328, 67502)
    assert _value(d, "ARM", "RUS", 2019, "security.arms_tiv_b_to_a") == [pytest.approx(227.5)]
    assert _value(d, "ARM", "RUS", 2022, "security.arms_tiv_b_to_a") == [pytest.approx(29.0)]
    assert _value(d, "ARM", "IND", 2024, "security.arms_tiv_b_to_a") == [pytest.approx(21.0)]
    # peacesciencer/cow_mid_ddydisps.csv.gz rows "3564,371,373,1992,1,1,..." (dispute 3564
    # began 1992, Armenia-Azerbaijan) and "4414,371,373,2003,1,0,..." (ongoing, not begun)
    assert _value(d, "ARM", "AZE", 1992, "security.mid_onsets") == [1.0]
    assert _value(d, "AZE", "ARM", 1992, "security.mid_onsets") == [1.0]
    assert _value(d, "ARM", "AZE", 2003, "security.mid_onsets") == [0.0]
    assert _missing(d, "ARM", "AZE", 2015, "security.mid_onsets")  # MID v5.0 ends 2014
    assert _value(d, "ARM", "RUS", 2000, "security.mid_onsets") == [0.0]
    # peacesciencer/tss_rivalries.csv row "199,Armenia-Azerbaijan,371,373,1991,2020,...";
    # "246,Russia-United States,2,365,2007,2020,..."
    assert _value(u, "ARM", "AZE", 1991, "security.rivalry") == [1.0]
    assert _value(u, "ARM", "AZE", 2020, "security.rivalry") == [1.0]
    assert _missing(u, "ARM", "AZE", 2021, "security.rivalry")  # after the coverage
    assert _value(u, "RUS", "USA", 2006, "security.rivalry") == [0.0]
    assert _value(u, "RUS", "USA", 2007, "security.rivalry") == [1.0]
    assert _value(u, "ARM", "RUS", 2020, "security.rivalry") == [0.0]


def test_shared_igos_table_reads_like_the_per_pair_list(inputs, tables):
    spans = tables["igo_membership_spans"]
    assert spans.columns.tolist() == ["iso3", "igo", "first_year", "last_year"]
    # list_shared_igos fails on the loaded string dtype of ``igo`` (cumsum of a pyarrow
    # boolean, pandas 3); it is run on an object column and compared value by value
    memberships = inputs.igo_memberships.astype({"igo": object})
    rng = np.random.default_rng(SEED)
    countries = dim.security_countries(inputs)
    pairs = [("ARM", "RUS"), ("USA", "CHN"), ("ABW", "ISR")]
    pairs += [tuple(rng.choice(countries, 2, replace=False)) for _ in range(12)]
    for a, b in pairs:
        expected = sec.list_shared_igos(memberships, inputs.igo_names, a, b)
        got = dim.shared_igos_for(spans, inputs.igo_names, a, b)
        assert_frame_equal(got, expected, check_dtype=False, obj=f"{a}-{b}")
    assert len(dim.shared_igos_for(spans, inputs.igo_names, "ARM", "RUS")) > 39


def test_arms_suppliers_table_holds_every_recipient(inputs, tables):
    table = tables["arms_suppliers"]
    # every recipient with a delivery of positive TIV (the others have no row to list)
    t = inputs.transfers
    recipients = sorted(pd.unique(t.loc[t["tiv"] > 0, "recipient"]))
    assert sorted(pd.unique(table["country_a"])) == recipients
    rng = np.random.default_rng(SEED)
    sample = ["ARM", "USA", "Syria rebels*", *rng.choice(recipients, 12, replace=False)]
    for a in sample:
        got = table[table["country_a"] == a].reset_index(drop=True)
        assert_frame_equal(got, sec.compute_top_suppliers(inputs.transfers, a), obj=a)


def test_memberships_timeline_table_holds_every_country(inputs, tables):
    table = tables["memberships_timeline"]
    for c in ["ARM", "RUS", "GEO", "FRA", "USA", "TUR", "KAZ"]:
        got = table[table["country"] == c].reset_index(drop=True)
        expected = compute_membership_timeline(inputs, [c])
        assert len(expected)
        assert_frame_equal(got, expected, obj=c)
