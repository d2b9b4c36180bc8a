"""The economic dimension's sources: trade (Armstat, IMF DOTS), transfers (CBA), WDI, gas.

:func:`load_inputs` loads and standardises the raw sources once per directory;
:func:`economy_provider` computes one pair's economic indicators from them (the reference the
all-pairs code of :mod:`analysis.dimensions.economy` is tested against); :func:`compute_monthly`
gives the monthly series of Armenia's sources.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.indicators import energy, remittances, trade
from analysis.indicators.common import concat_panel
from analysis.load import load_armstat_trade, load_cba_transfers, load_imf_dots, load_wdi
from analysis.load_comtrade import load_gas_trade

MONTHLY_COLUMNS = ["country_a", "country_b", "indicator", "month", "value", "unit", "source"]


@dataclass(frozen=True)
class Inputs:
    """Standardised source tables that every indicator is computed from."""

    by_partner: pd.DataFrame
    totals: pd.DataFrame
    wdi: pd.DataFrame
    cba_annual: pd.DataFrame
    armstat_monthly: pd.DataFrame
    cba_monthly: pd.DataFrame
    gas_annual: pd.DataFrame  # Armenia's gas imports by partner and year (UN Comtrade)


@functools.cache
def load_inputs(raw_dir: Path) -> Inputs:
    """Load and standardise every raw source the indicators need."""
    raw_dir = Path(raw_dir)
    armstat = load_armstat_trade(raw_dir)
    cba = load_cba_transfers(raw_dir)
    by_partner, totals = trade.combine_by_precedence(
        [trade.build_armstat_annual(armstat), trade.build_dots_annual(load_imf_dots(raw_dir))]
    )
    return Inputs(
        by_partner=by_partner,
        totals=totals,
        wdi=load_wdi(raw_dir),
        cba_annual=remittances.build_cba_annual(cba),
        armstat_monthly=armstat,
        cba_monthly=cba,
        gas_annual=energy.annual_gas_imports(load_gas_trade(raw_dir)),
    )


def compute_economy_panel(inputs: Inputs, a: str, b: str) -> pd.DataFrame:
    """Compute the economic indicators (trade, transfers, gas) of the pair as one long panel."""
    parts = [
        trade.compute_trade_flows(inputs.by_partner, a, b),
        trade.compute_partner_share(inputs.by_partner, inputs.totals, a, b),
        trade.compute_partner_rank(inputs.by_partner, a, b),
        trade.compute_dependence_gdp(inputs.by_partner, inputs.wdi, a, b),
        trade.compute_trade_hhi(inputs.by_partner, a, b),
        trade.compute_barbieri(inputs.by_partner, inputs.totals, inputs.wdi, a, b),
        remittances.compute_transfers(inputs.cba_annual, inputs.wdi, a, b),
        energy.compute_gas_imports(inputs.gas_annual, a, b),
    ]
    return concat_panel(parts)


def economy_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the economic dimension: trade and money transfers."""
    return compute_economy_panel(load_inputs(Path(raw_dir)), a, b)


def compute_monthly(inputs: Inputs, a: str, b: str) -> pd.DataFrame:
    """Return monthly trade and transfers of the pair (Armenia's monthly sources only)."""
    if a != "ARM":
        return pd.DataFrame(columns=MONTHLY_COLUMNS)
    t = inputs.armstat_monthly
    t = (
        t[t["partner"] == b]
        .groupby(["year", "month"], as_index=False)[["exports", "imports_origin"]]
        .sum()
    )
    c = inputs.cba_monthly
    c = c[(c["partner"] == b) & (c["direction"] == "inflow")]
    frames = []
    for ind, df, col, src in [
        ("trade.exports_a_to_b", t, "exports", "armstat"),
        ("trade.imports_a_from_b", t, "imports_origin", "armstat"),
        ("remittances.transfers_b_to_a", c[c["type"] == "total"], "value", "cba"),
        (
            "remittances.transfers_b_to_a_noncommercial",
            c[c["type"] == "non_commercial"],
            "value",
            "cba",
        ),
    ]:
        frames.append(
            pd.DataFrame(
                {
                    "country_a": a,
                    "country_b": b,
                    "indicator": ind,
                    "month": [f"{y:04d}-{m:02d}" for y, m in zip(df["year"], df["month"])],
                    "value": df[col].to_numpy(),
                    "unit": "USD million",
                    "source": src,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["indicator", "month"], ignore_index=True)[MONTHLY_COLUMNS]
