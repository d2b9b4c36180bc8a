"""Indicators on tiny hand-built frames with known answers."""

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.indicators import PANEL_COLUMNS, remittances, trade
from analysis.indicators.common import complete_years, to_panel


def _bp(rows):
    """by_partner frame from (reporter, partner, label, year, exports, imports, source)."""
    cols = ["reporter", "partner", "partner_label", "year", "exports", "imports", "source"]
    df = pd.DataFrame(rows, columns=cols)
    df["partner"] = df["partner"].astype("string")
    return df


def _totals(rows):
    return pd.DataFrame(rows, columns=["reporter", "year", "exports", "imports", "source"])


BY_PARTNER = _bp(
    [
        ("ARM", "RUS", "Russia", 2020, 30.0, 50.0, "s"),
        ("ARM", "CHN", "China", 2020, 10.0, 30.0, "s"),
        ("ARM", "FRA", "France", 2020, 10.0, 30.0, "s"),
        ("ARM", None, "Unknown country", 2020, 5.0, 35.0, "s"),
        ("ARM", "RUS", "Russia", 2021, 60.0, 40.0, "s"),
        ("ARM", "CHN", "China", 2021, 50.0, 50.0, "s"),
    ]
)
TOTALS = _totals([("ARM", 2020, 55.0, 145.0, "s"), ("ARM", 2021, 110.0, 90.0, "s")])
WDI = pd.DataFrame(
    {
        "indicator": ["gdp_usd", "gdp_usd", "merch_exports_usd", "merch_imports_usd"],
        "iso3": ["ARM", "ARM", "RUS", "RUS"],
        "year": [2020, 2021, 2020, 2020],
        "value": [800e6, 1000e6, 200e6, 120e6],
    }
)


def _values(panel, indicator):
    s = panel[panel["indicator"] == indicator]
    return dict(zip(s["year"], s["value"]))


def test_trade_flows_balance_and_total():
    p = trade.compute_trade_flows(BY_PARTNER, "ARM", "RUS")
    assert list(p.columns) == PANEL_COLUMNS
    assert _values(p, "trade.exports_a_to_b") == {2020: 30.0, 2021: 60.0}
    assert _values(p, "trade.imports_a_from_b") == {2020: 50.0, 2021: 40.0}
    assert _values(p, "trade.balance") == {2020: -20.0, 2021: 20.0}
    assert _values(p, "trade.total") == {2020: 80.0, 2021: 100.0}
    assert set(p["unit"]) == {"USD million"}


def test_partner_share_uses_totals_of_the_same_source():
    p = trade.compute_partner_share(BY_PARTNER, TOTALS, "ARM", "RUS")
    assert _values(p, "trade.partner_share") == {2020: 40.0, 2021: 50.0}


def test_partner_rank_ties_share_the_lower_rank_and_skip_non_countries():
    # 2020: RUS 80, CHN 40, FRA 40, unknown 40 (not a country) -> CHN and FRA share rank 2
    assert _values(trade.compute_partner_rank(BY_PARTNER, "ARM", "RUS"), "trade.partner_rank") == {
        2020: 1.0,
        2021: 1.0,
    }
    assert _values(trade.compute_partner_rank(BY_PARTNER, "ARM", "FRA"), "trade.partner_rank") == {
        2020: 2.0
    }


def test_hhi_over_partner_countries():
    hhi = _values(trade.compute_trade_hhi(BY_PARTNER, "ARM", "RUS"), "trade.partner_hhi")
    # 2020: shares 50, 25, 25 -> 2500 + 625 + 625; 2021: 50, 50 -> 5000
    assert hhi == {2020: pytest.approx(3750.0), 2021: pytest.approx(5000.0)}


def test_dependence_on_gdp():
    p = trade.compute_dependence_gdp(BY_PARTNER, WDI, "ARM", "RUS")
    assert _values(p, "trade.dependence_gdp") == {
        2020: pytest.approx(10.0),
        2021: pytest.approx(10.0),
    }
    assert set(p["source"]) == {"s+wdi"}


def test_barbieri_salience_and_symmetry():
    p = trade.compute_barbieri(BY_PARTNER, TOTALS, WDI, "ARM", "RUS")
    # 2020 only (WDI has b's totals for 2020): share_a = 80/200 = 0.4, share_b = 80/320 = 0.25
    assert _values(p, "trade.salience") == {2020: pytest.approx(math.sqrt(0.4 * 0.25))}
    assert _values(p, "trade.symmetry") == {2020: pytest.approx(1 - 0.15)}


def test_combine_by_precedence_takes_one_source_per_reporter_year():
    a = (
        _bp([("ARM", "RUS", "Russian Federation", 2010, 1.0, 2.0, "armstat")]),
        _totals([("ARM", 2010, 10.0, 20.0, "armstat")]),
    )
    d = (
        _bp(
            [
                ("ARM", "RUS", "Russian Federation", 2009, 3.0, 4.0, "imf_dots"),
                ("ARM", "RUS", "Russian Federation", 2010, 5.0, 6.0, "imf_dots"),
            ]
        ),
        _totals([("ARM", 2009, 30.0, 40.0, "imf_dots"), ("ARM", 2010, 50.0, 60.0, "imf_dots")]),
    )
    bp, tot = trade.combine_by_precedence([d, a], ("armstat", "imf_dots"))
    assert dict(zip(bp["year"], bp["source"])) == {2009: "imf_dots", 2010: "armstat"}
    assert dict(zip(bp["year"], bp["exports"])) == {2009: 3.0, 2010: 1.0}
    assert len(tot) == 2 and not tot.duplicated(["reporter", "year"]).any()


def test_build_dots_annual_splits_world_totals_from_partners():
    dots = pd.DataFrame(
        {
            "reporter": ["ARM"] * 4,
            "partner": pd.array(["RUS", "RUS", None, None], dtype="string"),
            "reporter_label": ["Armenia, Rep. of"] * 4,
            "partner_label": ["Russian Federation", "Russian Federation", "World", "World"],
            "flow": ["exports_fob", "imports_cif"] * 2,
            "year": [2019] * 4,
            "value": [1.0, 2.0, 10.0, 20.0],
            "is_estimate": [False] * 4,
        }
    )
    bp, tot = trade.build_dots_annual(dots)
    assert bp[["partner", "exports", "imports"]].values.tolist() == [["RUS", 1.0, 2.0]]
    assert tot[["exports", "imports"]].values.tolist() == [[10.0, 20.0]]


def test_build_armstat_annual_keeps_complete_years_only():
    months = list(range(1, 13))
    armstat = pd.DataFrame(
        {
            "partner_label": ["Russian Federation"] * 13,
            "partner": pd.array(["RUS"] * 13, dtype="string"),
            "year": [2020] * 12 + [2021],
            "month": months + [1],
            "exports": [1.0] * 13,
            "imports_origin": [2.0] * 13,
            "imports_consignment": [3.0] * 13,
        }
    )
    bp, tot = trade.build_armstat_annual(armstat)
    assert bp[["year", "exports", "imports"]].values.tolist() == [[2020, 12.0, 24.0]]
    assert tot["exports"].tolist() == [12.0]


def test_top_partners_share_and_rank():
    top = trade.compute_top_partners(BY_PARTNER, TOTALS, "ARM", n=2)
    y2020 = top[top["year"] == 2020]
    assert y2020["partner"].tolist() == ["RUS", "CHN", "FRA"]  # tie at rank 2 keeps both
    assert y2020["share"].tolist() == [40.0, 20.0, 20.0]


def test_transfers_indicators():
    annual = pd.DataFrame(
        {
            "reporter": "ARM",
            "partner": pd.array(["RUS", "RUS", "RUS", None], dtype="string"),
            "partner_label": ["Russia", "Russia", "Russia", "Total"],
            "year": 2021,
            "type": ["total", "non_commercial", "total", "total"],
            "direction": ["inflow", "inflow", "outflow", "inflow"],
            "value": [50.0, 20.0, 5.0, 200.0],
            "source": "cba",
        }
    )
    p = remittances.compute_transfers(annual, WDI, "ARM", "RUS")
    assert _values(p, "remittances.transfers_b_to_a") == {2021: 50.0}
    assert _values(p, "remittances.transfers_b_to_a_noncommercial") == {2021: 20.0}
    assert _values(p, "remittances.transfers_a_to_b") == {2021: 5.0}
    assert _values(p, "remittances.partner_share") == {2021: 25.0}
    assert _values(p, "remittances.transfers_gdp") == {2021: pytest.approx(5.0)}
    # a country that does not report transfers gets no rows, not zeros
    assert remittances.compute_transfers(annual, WDI, "GEO", "RUS").empty


def test_to_panel_drops_missing_values():
    df = pd.DataFrame({"year": [2019, 2020], "value": [1.5, float("nan")], "source": ["x", "x"]})
    expected = pd.DataFrame(
        {
            "country_a": ["ARM"],
            "country_b": ["RUS"],
            "indicator": ["trade.balance"],
            "year": [2019],
            "value": [1.5],
            "unit": ["USD million"],
            "source": ["x"],
        }
    )
    assert_frame_equal(to_panel(df, "ARM", "RUS", "trade.balance"), expected)


def test_complete_years():
    df = pd.DataFrame({"year": [2020] * 12 + [2021] * 3, "month": list(range(1, 13)) + [1, 2, 3]})
    assert list(complete_years(df)) == [2020]
