"""All-pairs form of the alignment dimension: wide tables, read-time intervals, equality with
the per-pair provider (tiny frames with known answers, then the real data)."""

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import config, dyadic
from analysis.dimensions import alignment as dim
from analysis.indicators import alignment as al
from analysis.indicators import vote_bootstrap as vb
from analysis.political import (
    AlignmentInputs,
    alignment_provider,
    compute_alignment_panel,
    compute_idealpoint_table,
)

# --- tiny frames ------------------------------------------------------------------------------

VOTE = {"y": "yes", "a": "abstain", "n": "no", "v": "non_voting"}


def _tiny_inputs() -> AlignmentInputs:
    """Three countries, two years of roll calls (some on human rights), ideal points of two."""
    table = {  # one character per roll call: 4 in 2000, 3 in 2001; '-' = absent
        "AAA": "yyny" + "yan",
        "BBB": "yan-" + "yyy",
        "CCC": "----" + "nvy",
    }
    years = [2000] * 4 + [2001] * 3
    roll_calls = pd.DataFrame(
        {
            "rcid": range(1, 8),
            "date": [f"{y}-01-{d:02d}" for d, y in enumerate(years, start=1)],
            "year": years,
            "source": "test",
        }
    )
    rows = [(r + 1, c, VOTE[v]) for c, s in table.items() for r, v in enumerate(s) if v in VOTE]
    votes = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    issues = pd.DataFrame({"rcid": [1, 2, 6], "issue": "hr"})
    m = al.build_vote_matrices(roll_calls, votes, issues)
    ideal = pd.DataFrame(
        {
            "country": pd.array(["AAA", "BBB", "AAA", "BBB"], dtype="string"),
            "year": [2000, 2000, 2001, 2001],
            "n_votes": [4, 3, 3, 3],
            "idealpoint": [1.0, -0.5, 0.75, 0.25],
            "q05": [0.5, -1.0, 0.5, 0.0],
            "q10": [0.6, -0.9, 0.55, 0.05],
            "q50": [1.0, -0.5, 0.75, 0.25],
            "q90": [1.4, -0.1, 0.95, 0.45],
            "q95": [1.5, 0.0, 1.0, 0.5],
        }
    )
    return AlignmentInputs(matrices=m, all_pairs=al.compute_all_pairs(m), idealpoints=ideal)


def _value(panel: pd.DataFrame, indicator: str, year: int) -> pd.Series:
    row = panel[(panel["indicator"] == indicator) & (panel["year"] == year)]
    assert len(row) == 1
    return row.iloc[0]


def test_tiny_wide_table_has_known_values_and_layout():
    wide = dim.compute_all_pairs(_tiny_inputs()).undirected
    keys = wide[dyadic.KEY_COLUMNS].astype({"country_a": object, "country_b": object})
    expected = [
        ("AAA", "BBB", 2000),
        ("AAA", "BBB", 2001),
        ("AAA", "CCC", 2001),
        ("BBB", "CCC", 2001),
    ]
    assert list(keys.itertuples(index=False, name=None)) == expected
    ab0 = wide.iloc[0]
    # 2000: AAA yyny, BBB yan- -> joint 3 (y/y, y/a, n/n), agree 2
    assert ab0["alignment.unga_joint_votes"] == 3
    assert ab0["alignment.unga_agreement"] == pytest.approx(200 / 3)
    # distances 0, 0.5, 0 -> S = 1 - 2 * 0.5 / 3
    assert ab0["alignment.unga_s_score"] == pytest.approx(1 - 1 / 3)
    # human rights (roll calls 1, 2): y/y, y/a
    assert ab0["alignment.unga_joint_votes_hr"] == 2
    assert ab0["alignment.unga_agreement_hr"] == 50.0
    assert ab0["alignment.idealpoint_distance"] == 1.5
    assert (ab0["alignment.idealpoint_b|lo"], ab0["alignment.idealpoint_b|hi"]) == (-1.0, 0.0)
    assert ab0["alignment.unga_agreement|source"] == "test"
    assert ab0["alignment.idealpoint_a|source"] == al.IDEALPOINT_SOURCE
    # CCC has no ideal point and is non-voting on the one human-rights roll call of 2001
    ac1 = wide.iloc[2]
    assert np.isnan(ac1["alignment.idealpoint_a"]) and pd.isna(ac1["alignment.idealpoint_a|source"])
    assert np.isnan(ac1["alignment.unga_agreement_hr"])
    # AAA-CCC 2001: AAA yan, CCC n(non-voting)y -> joint 2 (y/n, n/y): agreement 0, S = -1
    assert (ac1["alignment.unga_joint_votes"], ac1["alignment.unga_s_score"]) == (2, -1.0)
    ids = dyadic.indicator_columns(wide)
    assert ids == sorted(ids)
    order = list(dyadic.KEY_COLUMNS)
    for ind in ids:
        order += [c for c in wide.columns if c.split(dyadic.SEP)[0] == ind]
    assert list(wide.columns) == order
    # the vote intervals are filled at read time, not stored
    assert "alignment.unga_agreement|lo" not in wide.columns


def test_tiny_pair_panels_equal_the_provider(tmp_path):
    inputs = _tiny_inputs()
    all_pairs = dim.compute_all_pairs(inputs)
    dim.save_vote_artifacts(inputs, tmp_path)
    art = vb.load_vote_artifacts(tmp_path)
    for a in ("AAA", "BBB", "CCC", "DDD"):
        for b in ("AAA", "BBB", "CCC", "DDD"):
            if a == b:
                continue
            got = dim.pair_panel(all_pairs, art, a, b)
            expected = compute_alignment_panel(inputs, a, b)
            if expected.empty:
                assert got.empty, (a, b)
            else:
                assert_frame_equal(got, expected)
    mirrored = dim.pair_panel(all_pairs, art, "BBB", "AAA")
    assert _value(mirrored, "alignment.idealpoint_a", 2000)["value"] == -0.5
    assert _value(mirrored, "alignment.idealpoint_b", 2000)["hi"] == 1.5
    assert not dim.pair_panel(all_pairs, art, "BBB", "AAA")["lo"].isna().all()


def test_tiny_intervals_equal_bootstrap_pair_with_few_resamples():
    inputs = _tiny_inputs()
    m = inputs.matrices
    art = vb.build_vote_artifacts(m, resamples=37, seed=5)
    got = vb.pair_intervals(art, "AAA", "BBB")
    for issue in ("all", "hr"):
        expected = al.bootstrap_pair(m, "AAA", "BBB", issue, resamples=37, seed=5)
        rows = got[got["issue"] == issue].drop(columns="issue").reset_index(drop=True)
        assert_frame_equal(rows, expected, check_dtype=False)
    assert vb.pair_intervals(art, "AAA", "DDD").empty


def test_percentiles_by_row_equal_numpy_on_the_non_nan_values():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40, 23))
    x[rng.random(x.shape) < 0.3] = np.nan
    x[3] = np.nan  # no value
    x[4, 1:] = np.nan  # one value
    x[5, :] = 2.0  # ties
    q = np.array([2.5, 50.0, 97.5])
    got = vb.percentiles_by_row(x, q)
    for i, row in enumerate(x):
        values = row[~np.isnan(row)]
        expected = np.percentile(values, q) if len(values) else np.full(len(q), np.nan)
        np.testing.assert_array_equal(got[i], expected)


def test_idealpoint_pairs_of_a_small_frame():
    ideal = pd.DataFrame(
        {
            "country": ["CCC", "AAA", "BBB", "AAA"],
            "year": [2000, 2000, 2000, 2001],
            "idealpoint": [3.0, 1.0, 2.0, 1.5],
            "q05": 0.0,
            "q95": 9.0,
        }
    )
    pairs = dim._idealpoint_pairs(ideal, np.array(["AAA", "BBB", "CCC"]))
    assert list(zip(pairs["a"], pairs["b"], pairs["year"])) == [
        (0, 1, 2000),
        (0, 2, 2000),
        (1, 2, 2000),
    ]
    assert list(pairs["idealpoint_b"]) == [2.0, 3.0, 3.0]


# --- real data ----------------------------------------------------------------------------------

NAMED_PAIRS = [
    ("USA", "CHN"),
    ("CHN", "USA"),
    ("IND", "PAK"),
    ("BRA", "ARG"),
    ("FRA", "DEU"),
    ("ARM", "TUR"),
    ("RUS", "AZE"),
]
#: Pairs whose provider returns nothing: Taiwan voted to 1971, South Sudan from 2011; "XKX"
#: is in no input.
EMPTY_PAIRS = [("TWN", "SSD"), ("SSD", "TWN"), ("ARM", "XKX")]


@pytest.fixture(scope="module")
def real(dimension_results):
    """Inputs, all-pairs tables and tables of the real data (computed once per session)."""
    inputs, all_pairs, tables = dimension_results("alignment")
    return dimension_results.raw, inputs, all_pairs, tables


@pytest.fixture(scope="module")
def artifacts(real, tmp_path_factory):
    """The vote artifacts of the real data, written and read back."""
    directory = tmp_path_factory.mktemp("alignment_artifacts")
    dim.save_vote_artifacts(real[1], directory)
    return directory, vb.load_vote_artifacts(directory)


def _random_pairs(inputs: AlignmentInputs, n: int = 10) -> list[tuple[str, str]]:
    countries = sorted(set(inputs.matrices.countries) | set(inputs.idealpoints["country"]))
    rng = np.random.default_rng(20_250_601)
    picks = rng.choice(len(countries), size=(n, 2), replace=True)
    return [(countries[i], countries[j]) for i, j in picks if i != j]


def _check_pairs(real, art, pairs):
    raw, _, all_pairs, _ = real
    empty = 0
    for a, b in pairs:
        got = dim.pair_panel(all_pairs, art, a, b)
        expected = alignment_provider(raw, a, b)
        if expected.empty:
            assert got.empty, (a, b)
            empty += 1
        else:
            assert_frame_equal(got, expected, obj=f"{a}-{b}")
    return empty


def test_embedded_and_named_pairs_equal_the_provider(real, artifacts):
    _check_pairs(real, artifacts[1], [*config.EMBEDDED_PAIRS, *NAMED_PAIRS])


def test_pairs_without_data_are_empty(real, artifacts):
    assert _check_pairs(real, artifacts[1], EMPTY_PAIRS) == len(EMPTY_PAIRS)


def test_random_pairs_equal_the_provider(real, artifacts):
    pairs = _random_pairs(real[1])
    assert len(pairs) >= 8
    _check_pairs(real, artifacts[1], pairs)


def test_pair_intervals_equal_bootstrap_pair(real, artifacts):
    m = real[1].matrices
    got = vb.pair_intervals(artifacts[1], "ARM", "RUS")
    for issue in ("all", "me", "ec"):
        expected = al.bootstrap_pair(m, "ARM", "RUS", issue)
        rows = got[got["issue"] == issue].drop(columns="issue").reset_index(drop=True)
        assert_frame_equal(rows, expected, check_dtype=False)


def test_real_wide_table_layout(real):
    wide = real[2].undirected
    a, b = wide["country_a"].to_numpy(dtype=object), wide["country_b"].to_numpy(dtype=object)
    assert (a < b).all()
    keys = pd.DataFrame({"a": a, "b": b, "y": wide["year"].to_numpy()})
    assert not keys.duplicated().any()
    assert keys.equals(keys.sort_values(["a", "b", "y"], ignore_index=True))
    assert wide["year"].dtype == np.int64
    ids = dyadic.indicator_columns(wide)
    assert ids == sorted(ids) and len(ids) == 4 * len(al.ISSUE_KEYS) + 3
    for ind in ids:
        assert wide[ind].dtype == np.float64
    assert real[2].swap == {
        "alignment.idealpoint_a": "alignment.idealpoint_b",
        "alignment.idealpoint_b": "alignment.idealpoint_a",
    }
    # every row has a value
    assert wide[ids].notna().any(axis=1).all()


def test_artifacts_are_byte_identical_across_runs(real, artifacts, tmp_path):
    first, _ = artifacts
    paths = dim.save_vote_artifacts(real[1], tmp_path)
    assert [p.name for p in paths] == list(vb.ARTIFACT_FILES.values())
    for path in paths:
        assert path.read_bytes() == (first / path.name).read_bytes()


def test_idealpoint_table_covers_every_country(real):
    _, inputs, _, tables = real
    table = tables["idealpoints"]
    countries = sorted(inputs.idealpoints["country"].astype(str).unique())
    assert sorted(table["country"].unique()) == countries
    some = ["ARM", "RUS", "USA"]
    assert_frame_equal(
        table[table["country"].isin(some)].reset_index(drop=True),
        compute_idealpoint_table(inputs.idealpoints, some),
    )
