"""The indicator panel of a pair: from the embedded processed tables, or from raw sources.

``get_panel("ARM", "RUS")`` reads ``data/processed/panel.csv`` when the pair is embedded
and otherwise computes the panel from the raw sources in ``$BILATERAL_RAW_DIR``. Both
paths run the same indicator functions (the embedded tables are built by them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config, datastore
from analysis.countries import resolve
from analysis.diplomacy import diplomacy_provider
from analysis.errors import BadInput
from analysis.indicators import remittances, trade
from analysis.indicators.common import concat_panel
from analysis.load import load_armstat_trade, load_cba_transfers, load_imf_dots, load_wdi
from analysis.political import alignment_provider
from analysis.security import security_provider
from analysis.society import society_provider

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
    )


def compute_economy_panel(inputs: Inputs, a: str, b: str) -> pd.DataFrame:
    """Compute the economic indicators (trade, transfers) of the pair as one long panel."""
    parts = [
        trade.compute_trade_flows(inputs.by_partner, a, b),
        trade.compute_partner_share(inputs.by_partner, inputs.totals, a, b),
        trade.compute_partner_rank(inputs.by_partner, a, b),
        trade.compute_dependence_gdp(inputs.by_partner, inputs.wdi, a, b),
        trade.compute_trade_hhi(inputs.by_partner, a, b),
        trade.compute_barbieri(inputs.by_partner, inputs.totals, inputs.wdi, a, b),
        remittances.compute_transfers(inputs.cba_annual, inputs.wdi, a, b),
    ]
    return concat_panel(parts)


def economy_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the economic dimension: trade and money transfers."""
    return compute_economy_panel(load_inputs(Path(raw_dir)), a, b)


#: Indicator providers, one per family of sources: ``(raw_dir, a, b) -> panel rows``.
#: A new dimension plugs in here with one line; each provider caches what it loads.
PROVIDERS: dict[str, Callable[[Path, str, str], pd.DataFrame]] = {
    "economy": economy_provider,
    "alignment": alignment_provider,
    "society": society_provider,
    "diplomacy": diplomacy_provider,
    "security": security_provider,
}


def compute_panel(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Compute every indicator of the pair (a focal, b partner) from the raw sources.

    Columns: :data:`~analysis.indicators.PANEL_COLUMNS` then the optional interval ``lo, hi``
    (empty for indicators without one).
    """
    return concat_panel([provider(Path(raw_dir), a, b) for provider in PROVIDERS.values()])


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


def check_pair(a: str, b: str) -> tuple[str, str]:
    """Resolve two country inputs to ISO3 and check they differ."""
    ca, cb = resolve(a), resolve(b)
    if ca.iso3 == cb.iso3:
        raise BadInput(f"the two countries are the same ({ca.iso3}); give two different countries")
    return ca.iso3, cb.iso3


def check_years(start: int | None, end: int | None) -> None:
    """Check that start is not after end."""
    if start is not None and end is not None and start > end:
        raise BadInput(f"start year {start} is after end year {end}; give --start <= --end")


def check_coverage(years, a: str, b: str, start, end) -> list[int]:
    """Check that the pair has data in ``[start, end]``; return the covered years kept.

    Raises
    ------
    BadInput
        No data for the pair at all, or none in the period (the message names the data's span).
    """
    years = sorted(int(y) for y in years)
    if not years:
        raise BadInput(
            f"no data for {a}-{b} in any source (trade 1990-2024, UNGA votes and ideal points "
            f"1946-2025 need both countries in the data in the same year); give a pair of "
            f"countries that existed at the same time, such as ARM-RUS"
        )
    kept = [y for y in years if (start is None or y >= start) and (end is None or y <= end)]
    if not kept:
        raise BadInput(
            f"no data for {a}-{b} in {start or years[0]}-{end or years[-1]}; the data cover "
            f"{years[0]}-{years[-1]}"
        )
    return kept


def _filter_years(df: pd.DataFrame, a: str, b: str, start, end) -> pd.DataFrame:
    check_coverage(df["year"].unique(), a, b, start, end)
    keep = df["year"].between(-9999 if start is None else start, 9999 if end is None else end)
    return df[keep].reset_index(drop=True)


def get_panel(a: str, b: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the indicator panel of a pair: from the all-pairs store, or embedded.

    Parameters
    ----------
    a, b : str
        Focal country and partner (ISO3, ISO2, COW code or name).
    start, end : int, optional
        First and last year to keep.

    Raises
    ------
    BadInput
        Unknown or identical countries, start after end, years outside the data, or a pair
        that is not embedded while no all-pairs store is built.
    """
    a, b = check_pair(a, b)
    check_years(start, end)
    return _filter_years(datastore.current().pair_panel(a, b), a, b, start, end)


def _pair_rows(table: pd.DataFrame | None, a: str, b: str, columns) -> pd.DataFrame:
    if table is None or table.empty:
        return pd.DataFrame(columns=columns)
    return table[(table["country_a"] == a) & (table["country_b"] == b)].reset_index(drop=True)


def get_monthly(a: str, b: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the monthly series of a pair (empty when no monthly source covers it)."""
    a, b = check_pair(a, b)
    m = _pair_rows(datastore.current().table("monthly", "monthly.csv"), a, b, MONTHLY_COLUMNS)
    if m.empty:
        return m
    years = m["month"].str.slice(0, 4).astype("int64")
    keep = years.between(start or -9999, end or 9999)
    return m[keep].reset_index(drop=True)


def get_top_partners(a: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return a's ten largest trading partners per year (empty when no source covers a)."""
    a = resolve(a).iso3
    p = datastore.current().table("partners", "partners.csv")
    if p is None:
        return pd.DataFrame()
    p = p[p["country_a"] == a]
    return p[p["year"].between(start or -9999, end or 9999)].reset_index(drop=True)


def get_peer_panel(
    a: str, b: str, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Return the panel of a pair and of its peers (:func:`analysis.config.peer_pairs`).

    The reference set of the closeness index. Peers without data in the period are left out;
    the pair itself must have data (as in :func:`get_panel`).
    """
    a, b = check_pair(a, b)
    parts = [get_panel(a, b, start, end)]
    for pa, pb in config.peer_pairs(a, b):
        try:
            parts.append(get_panel(pa, pb, start, end))
        except BadInput:  # a peer the data do not cover in this period
            continue
    return concat_panel(parts)
