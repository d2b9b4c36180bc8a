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

from analysis import datastore
from analysis.countries import resolve
from analysis.indicators import agreements, energy, remittances, trade, transit
from analysis.indicators.common import concat_panel
from analysis.load import load_armstat_trade, load_cba_transfers, load_imf_dots, load_wdi
from analysis.load_agreements import load_agreement_spells
from analysis.load_comtrade import load_gas_trade, load_reexports
from analysis.load_security import load_state_spells

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
    #: years each country was a party to each trade agreement (DESTA extract)
    agreements: pd.DataFrame
    #: COW state spells: the years a pair exists, for trade.pta_in_force
    state_spells: pd.DataFrame
    gas_annual: pd.DataFrame  # Armenia's gas imports by partner and year (UN Comtrade)
    reexports: pd.DataFrame  # Armenia's declared re-exports and exports per year (UN Comtrade)


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
        agreements=load_agreement_spells(raw_dir),
        state_spells=load_state_spells(raw_dir),
        gas_annual=energy.annual_gas_imports(load_gas_trade(raw_dir)),
        reexports=load_reexports(raw_dir),
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
        agreements.compute_pta_in_force(inputs.agreements, inputs.state_spells, a, b),
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


#: Processed table of the trade surges that pass through a reporter.
TRANSIT_TABLE = "trade_transit.csv"


def compute_transit_table(inputs: Inputs) -> pd.DataFrame:
    """Return :func:`analysis.indicators.transit.compute_transit` for every covered reporter."""
    return pd.concat(
        [
            transit.compute_transit(inputs.by_partner, inputs.reexports, r)
            for r in transit.REPORTERS
        ],
        ignore_index=True,
    )


def build_trade_transit(raw_dir: Path) -> pd.DataFrame:
    """Return the trade-transit table (a processed table; small: Armenia's dominant movers)."""
    return compute_transit_table(load_inputs(Path(raw_dir)))


def get_trade_transit(a: str, b: str) -> pd.DataFrame:
    """Return the years in which a's trade with b rose with goods passing through a.

    Rows of ``trade_transit.csv`` (store, else embedded) for the pair with ``passes_through``;
    empty (with the table's columns) where there are none or no table.
    """
    a, b = resolve(a).iso3, resolve(b).iso3
    t = datastore.current().table("trade_transit", TRANSIT_TABLE)
    if t is None or t.empty:
        return pd.DataFrame(columns=transit.TRANSIT_COLUMNS)
    return transit.transit_years(t, a, b)


def describe_trade_surge(inputs: Inputs, reporter: str = "ARM") -> str:
    """State, from the data, what the declared re-exports and the transit table say of the surge.

    The surge starts the year after the one before the first dominant mover of the transit table
    (:func:`analysis.indicators.transit.compute_transit`) and runs to the last year of the
    reporter's trade data; the declared re-export shares are those of the UN Comtrade extract.
    A caveat of the ``armstat`` source in the catalog.
    """
    t = compute_transit_table(inputs)
    t = t[t["country_a"] == reporter]
    tot = inputs.totals[inputs.totals["reporter"] == reporter].set_index("year")
    rx = inputs.reexports.set_index("year")
    if t.empty or tot.empty:
        return ""
    y0, y1 = int(t["year"].min()) - 1, int(tot.index.max())
    r1 = int(rx.index.max())
    fmt = lambda v: f"{v:,.0f}"  # noqa: E731
    shares = [f"{rx.loc[y, 'reexports_pct']:.1f}% in {y}" for y in range(y0, r1 + 1)]
    shares[0] = shares[0].replace("% in", "% of exports in")
    shares = ", ".join(shares[:-1]) + (" and " if len(shares) > 1 else "") + shares[-1]
    growth = rx.loc[r1, "reexports_musd"] - rx.loc[y0, "reexports_musd"]
    growth /= rx.loc[r1, "exports_musd"] - rx.loc[y0, "exports_musd"]
    text = (
        f"Exports grew from USD {fmt(tot.loc[y0, 'exports'])} million in {y0} to "
        f"{fmt(tot.loc[y1, 'exports'])} million in {y1} and imports from "
        f"{fmt(tot.loc[y0, 'imports'])} to {fmt(tot.loc[y1, 'imports'])} million (Armstat). "
        f"Officially declared re-exports (UN Comtrade) were {shares}, and account for "
        f"{100 * growth:.1f}% of the export growth {y0}-{r1}: the surge was not declared as "
        f"re-export."
    )
    moved = t[t["passes_through"]]
    if len(moved):
        parts = []
        for r in moved.itertuples():
            way = "imports from" if r.flow == "imports" else "exports to"
            back = "exports to" if r.flow == "imports" else "imports from"
            names = " and ".join(resolve(c).name for c in r.counterparts.split())
            parts.append(
                f"{way} {resolve(r.country_b).name} in {r.year} (+{fmt(r.rise_b)} million, "
                f"matched by {back} {names}, +{fmt(r.counterpart_rise)} million)"
            )
        text += (
            " Rises matched in the same year by the opposite flow with other countries, i.e. "
            "goods passing through (trade_transit.csv): " + "; ".join(parts) + "."
        )
    return text + (
        " Neither file splits trade by commodity, so the share of gold or other precious metals "
        "cannot be computed here (the compiling newsletter attributes the surge mainly to "
        "re-exported gold and precious stones)."
    )
