"""The economic dimension for every pair at once: trade, money transfers and gas imports.

Every flow indicator reads from the reports of the focal country a (its own trade statistics,
the transfers through its banks), so they are *directed*: the row (a, b) and the row (b, a)
come from different reports. Trade agreements in force (DESTA) are the same both ways and are
stored once, *undirected*. Trade is computed for all pairs with the vectorised functions of
:mod:`analysis.indicators.trade`; money transfers (Central Bank of Armenia, Armenia only) pair by
pair with :func:`analysis.indicators.remittances.compute_transfers`, which covers a few dozen
pairs.
"""

from __future__ import annotations

import pandas as pd

from analysis.dyadic import KEY_COLUMNS, SEP, AllPairs, indicator_columns, long_to_wide
from analysis.economy import MONTHLY_COLUMNS, Inputs, compute_monthly, compute_transit_table
from analysis.indicators import agreements, energy, remittances, trade
from analysis.indicators.common import concat_panel


def transfer_pairs(inputs: Inputs) -> list[tuple[str, str]]:
    """Return the (reporter, partner country) pairs of the annual transfer table, sorted."""
    annual = inputs.cba_annual
    rows = annual.loc[annual["partner"].notna(), ["reporter", "partner"]].drop_duplicates()
    return sorted((str(a), str(b)) for a, b in rows.itertuples(index=False))


def compute_all_transfers(inputs: Inputs) -> pd.DataFrame:
    """Return the transfer indicators of every pair the CBA covers as one wide table."""
    panels = [
        remittances.compute_transfers(inputs.cba_annual, inputs.wdi, a, b)
        for a, b in transfer_pairs(inputs)
    ]
    return long_to_wide(concat_panel(panels))


def compute_all_energy(inputs: Inputs) -> pd.DataFrame:
    """Return the gas-import indicators of every pair the gas file covers as one wide table."""
    panels = [
        energy.compute_gas_imports(inputs.gas_annual, a, b)
        for a, b in energy.gas_pairs(inputs.gas_annual)
    ]
    return long_to_wide(concat_panel(panels))


def _order(wide: pd.DataFrame) -> pd.DataFrame:
    """Return ``wide`` with keys first, then each indicator id (sorted) and its companions."""
    ids = sorted(indicator_columns(wide))
    cols = list(KEY_COLUMNS)
    for ind in ids:
        cols += [
            c for c in (ind, f"{ind}{SEP}source", f"{ind}{SEP}lo", f"{ind}{SEP}hi") if c in wide
        ]
    wide = wide[cols].astype({"country_a": "str", "country_b": "str", "year": "int64"})
    for ind in ids:
        wide[ind] = wide[ind].astype("float64")
        wide[f"{ind}{SEP}source"] = wide[f"{ind}{SEP}source"].astype("string")
    keep = wide[ids].notna().any(axis=1)
    return wide[keep].sort_values(KEY_COLUMNS, ignore_index=True)


def compute_all_pairs(inputs: Inputs) -> AllPairs:
    """Compute every economic indicator for every ordered pair and year.

    Returns
    -------
    AllPairs
        ``directed``: one row per (a, b, year) where a reports trade with b, transfers
        from or to b, or gas imports from b; ``undirected``: trade agreements in force (``trade.pta_in_force``), for
        the pairs the DESTA extract covers.
    """
    wide = trade.compute_all_trade(inputs.by_partner, inputs.totals, inputs.wdi)
    for extra in (compute_all_transfers(inputs), compute_all_energy(inputs)):
        if len(extra):
            for key in ("country_a", "country_b"):
                extra[key] = extra[key].astype(wide[key].dtype)
            wide = wide.merge(extra, on=KEY_COLUMNS, how="outer", validate="one_to_one")
    return AllPairs(directed=_order(wide), undirected=compute_all_agreements(inputs))


def agreement_countries(inputs: Inputs) -> list[str]:
    """Return the countries of the agreements' all-pairs frame: the COW states and the
    agreements' members."""
    codes = set(inputs.state_spells["iso3"].dropna()) | set(inputs.agreements["iso3"].dropna())
    return sorted(str(c) for c in codes)


def compute_all_agreements(inputs: Inputs) -> pd.DataFrame:
    """Return ``trade.pta_in_force`` of every pair the DESTA extract covers (undirected: the
    same for (a, b) and (b, a), stored once with ``country_a < country_b``)."""
    frame = agreements.all_pta_in_force(
        inputs.agreements, inputs.state_spells, agreement_countries(inputs)
    )
    return _order(frame)


def monthly_pairs(inputs: Inputs) -> list[tuple[str, str]]:
    """Return the pairs with monthly data: Armenia and each partner of its monthly sources."""
    partners = set(inputs.armstat_monthly["partner"].dropna()) | set(
        inputs.cba_monthly["partner"].dropna()
    )
    return [("ARM", str(b)) for b in sorted(partners)]


def compute_all_monthly(inputs: Inputs) -> pd.DataFrame:
    """Return :func:`analysis.economy.compute_monthly` for every pair it covers, concatenated."""
    frames = [compute_monthly(inputs, a, b) for a, b in monthly_pairs(inputs)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=MONTHLY_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    # A pair without rows in one source contributes empty columns of dtype object: restore str.
    text = ["country_a", "country_b", "indicator", "month", "unit", "source"]
    out = out.astype(dict.fromkeys(text, "str") | {"value": "float64"})
    return out.sort_values(["country_a", "country_b", "indicator", "month"], ignore_index=True)[
        MONTHLY_COLUMNS
    ]


def compute_tables(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """Return the tables of the dimension that are not dyad-year indicators.

    Returns
    -------
    dict
        ``"partners"``: the top-10 partner countries per year of every reporter
        (:func:`analysis.indicators.trade.compute_all_top_partners`); ``"monthly"``: monthly
        trade and transfers of every pair the monthly sources cover (Armenia's);
        ``"trade_transit"``: the surges of a reporter's trade that pass through it
        (:func:`analysis.economy.compute_transit_table`).
    """
    return {
        "partners": trade.compute_all_top_partners(inputs.by_partner, inputs.totals),
        "monthly": compute_all_monthly(inputs),
        "trade_transit": compute_transit_table(inputs),
    }
