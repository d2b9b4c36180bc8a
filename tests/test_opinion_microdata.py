"""Opinion shares computed from the CRRC Caucasus Barometer 2024 Armenia microdata."""

import gzip
import io

import numpy as np
import pandas as pd
import pytest
from helpers import require_raw_dir

from analysis.errors import BadInput
from analysis.indicators import survey
from analysis.load import raw_path
from analysis.load_crrc import load_cb2024
from analysis.society import load_society_inputs, society_provider


@pytest.fixture(scope="module")
def raw():
    return require_raw_dir()


@pytest.fixture(scope="module")
def by_hand(raw):
    """The file read with pandas alone, as a check independent of the package's loader."""
    data = gzip.open(raw_path(raw, "crrc_cb2024", 0)).read()
    return pd.read_stata(io.BytesIO(data), convert_categoricals=False)


@pytest.fixture(scope="module")
def table(raw):
    return load_society_inputs(raw).microdata


def _row(table, variable, response):
    r = table[(table["variable"] == variable) & (table["response"] == response)]
    assert len(r) == 1
    return r.iloc[0]


@pytest.mark.parametrize(
    "variable, code, response", [("MAINFRN", 5, "Russia"), ("MAINFRN", 10, "France"),
                                 ("MAINENEM", 5, "Russia"), ("MAINENEM", 3, "Azerbaijan")]
)  # fmt: skip
def test_shares_equal_a_computation_by_hand(by_hand, table, variable, code, response):
    # Weighted share = sum of INDWT where the answer is the code / sum of INDWT over every
    # completed interview (RES == 1; don't know, refusal, 'none' included).
    d = by_hand[by_hand["RES"] == 1]
    expected = 100 * d.loc[d[variable] == code, "INDWT"].sum() / d["INDWT"].sum()
    assert _row(table, variable, response)["value_pct"] == pytest.approx(
        expected, abs=5e-7
    )  # rounded to 6 decimals


def test_published_values(table):
    # PROVENANCE-economic.md section 11 and the staged toplines (1 decimal): main friend
    # Russia 13.9, France 36.6; main enemy Azerbaijan 55.8, Russia 10.3.
    assert round(_row(table, "MAINFRN", "Russia")["value_pct"], 1) == 13.9
    assert round(_row(table, "MAINFRN", "France")["value_pct"], 1) == 36.6
    assert round(_row(table, "MAINENEM", "Azerbaijan")["value_pct"], 1) == 55.8
    assert round(_row(table, "MAINENEM", "Russia")["value_pct"], 1) == 10.3


def test_cross_check_with_staged_toplines(raw, table):
    top = pd.read_csv(raw_path(raw, "crrc_cb2024", 1))
    top = top[top["variable"].isin(["MAINFRN", "MAINENEM"])]
    merged = top.merge(table, on=["variable", "code"])
    assert len(merged) == len(top) == len(table)
    assert np.allclose(merged["pct_weighted"], merged["value_pct"].round(1))
    assert (merged["n_unweighted"] == merged["n_answer"]).all()


def test_design_based_interval_by_hand(by_hand, table):
    # Taylor linearisation written out for one share: PSU totals of z within SUBSTRATUM.
    d = by_hand[by_hand["RES"] == 1]
    w, y = d["INDWT"].to_numpy(), (d["MAINFRN"] == 5).to_numpy(float)
    p = (w * y).sum() / w.sum()
    z = pd.Series(w * (y - p) / w.sum())
    tot = z.groupby([d["SUBSTRATUM"].to_numpy(), d["PSU"].to_numpy()]).sum()
    var = 0.0
    for _, g in tot.groupby(level=0):
        var += len(g) / (len(g) - 1) * ((g - g.mean()) ** 2).sum()
    r = _row(table, "MAINFRN", "Russia")
    assert r["se_pct"] == pytest.approx(100 * np.sqrt(var))
    assert r["lo"] == pytest.approx(100 * (p - 1.959963984540054 * np.sqrt(var)))
    assert r["lo"] < r["value_pct"] < r["hi"]
    assert (r["n_psu"], r["n_strata"], r["n_respondents"]) == (250, 9, 1561)
    assert r["n_eff_kish"] == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert r["n_eff_kish"] < 1561 and r["deff"] > 1  # clustering and weights widen it


def test_panel_takes_the_2024_wave(raw):
    p = society_provider(raw, "ARM", "RUS").set_index(["indicator", "year"])
    row = p.loc[("opinion.partner_main_friend", 2024)]
    assert row["source"] == "crrc_cb2024" and round(row["value"], 1) == 13.9
    assert row["lo"] < row["value"] < row["hi"]
    # The earlier, press-reported waves keep their source.
    assert p.loc[("opinion.partner_main_friend", 2020), "source"] == "press_toplines"
    fra = society_provider(raw, "ARM", "FRA").set_index(["indicator", "year"])
    assert round(fra.loc[("opinion.partner_main_friend", 2024), "value"], 1) == 36.6
    # Russians were not asked: no rows.
    assert not society_provider(raw, "RUS", "ARM")["indicator"].str.startswith("opinion").any()


def test_weighted_share_tiny():
    # Two strata of two PSUs; by hand: p = (1*1 + 3*1) / 8 = 0.5.
    r = survey.weighted_share(
        np.array([1, 0, 1, 0]), np.array([1.0, 1.0, 3.0, 3.0]),
        np.array([1, 2, 3, 4]), np.array([1, 1, 2, 2]),
    )  # fmt: skip
    assert r["share"] == 0.5
    # z = w (y - p) / 8 = [1/16, -1/16, 3/16, -3/16]; each stratum: 2 * ((z1 - m)^2 + ...)
    expected = 2 * (2 * (1 / 16) ** 2) + 2 * (2 * (3 / 16) ** 2)
    assert r["se"] == pytest.approx(np.sqrt(expected))
    assert r["n_eff_kish"] == pytest.approx(64 / 20)
    with pytest.raises(ValueError, match="at least two PSUs"):
        survey.weighted_share(np.array([1, 0]), np.array([1.0, 1.0]), np.array([1, 1]),
                              np.array([1, 1]))  # fmt: skip


def test_damaged_file_is_refused(tmp_path):
    path = tmp_path / "crrc_caucasus_barometer_2024_armenia" / "CB2024_Armenia_public.dta.gz"
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(b"not a stata file"))
    with pytest.raises(BadInput, match="cannot be read as a gzipped Stata file"):
        load_cb2024(tmp_path)
