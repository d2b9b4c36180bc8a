"""Money-transfer indicators from the Central Bank of Armenia (bilateral, Armenia only)."""

from __future__ import annotations

import pandas as pd

from analysis.indicators.common import complete_years, to_panel
from analysis.indicators.trade import _gdp_musd

#: The CBA reports transfers through Armenian banks: Armenia is the reporter.
CBA_REPORTER = "ARM"


def build_cba_annual(cba: pd.DataFrame) -> pd.DataFrame:
    """Sum the CBA's monthly transfers to calendar years (complete years only).

    Returns
    -------
    DataFrame
        ``reporter, partner, partner_label, year, type, direction, value, source``.
    """
    full = cba[cba["year"].isin(complete_years(cba))]
    out = full.groupby(["partner_label", "year", "type", "direction"], as_index=False).agg(
        partner=("partner", "first"), value=("value", "sum")
    )
    return out.assign(reporter=CBA_REPORTER, source="cba")[
        ["reporter", "partner", "partner_label", "year", "type", "direction", "value", "source"]
    ]


def _flow(
    annual: pd.DataFrame, a: str, partner: str, kind: str, direction: str, label: bool = False
):
    col = "partner_label" if label else "partner"
    sel = (
        (annual["reporter"] == a)
        & (annual[col] == partner)
        & (annual["type"] == kind)
        & (annual["direction"] == direction)
    )
    return annual[sel].sort_values("year")


def compute_transfers(annual: pd.DataFrame, wdi: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the transfer indicators of the pair as panel rows (empty unless a reports).

    Ids: ``remittances.transfers_b_to_a`` (total inflows from b),
    ``remittances.transfers_b_to_a_noncommercial``, ``remittances.transfers_a_to_b``
    (total outflows to b), ``remittances.partner_share`` and ``remittances.transfers_gdp``.
    """
    inflow = _flow(annual, a, b, "total", "inflow")
    all_in = _flow(annual, a, "Total", "total", "inflow", label=True)
    share = inflow.merge(all_in[["year", "value"]], on="year", suffixes=("", "_all"))
    share["value"] = share["value"] / share["value_all"] * 100
    gdp = inflow.merge(_gdp_musd(wdi, a), on="year")
    gdp["value"] = gdp["value"] / gdp["gdp"] * 100
    gdp["source"] = gdp["source"] + "+wdi"
    return pd.concat(
        [
            to_panel(inflow, a, b, "remittances.transfers_b_to_a"),
            to_panel(
                _flow(annual, a, b, "non_commercial", "inflow"),
                a,
                b,
                "remittances.transfers_b_to_a_noncommercial",
            ),
            to_panel(_flow(annual, a, b, "total", "outflow"), a, b, "remittances.transfers_a_to_b"),
            to_panel(share, a, b, "remittances.partner_share"),
            to_panel(gdp, a, b, "remittances.transfers_gdp"),
        ],
        ignore_index=True,
    )
