"""Trade indicators: flows, balance, partner share and rank, GDP dependence, HHI, Barbieri.

Input tables (built by :func:`build_armstat_annual` / :func:`build_dots_annual`):

``by_partner``
    ``reporter, partner, partner_label, year, exports, imports, source``: a reporter's
    trade with each partner label (countries have an ISO3 ``partner``; aggregates and
    unspecified partners have ``<NA>``), USD million.
``totals``
    ``reporter, year, exports, imports, source``: the reporter's trade with the world.

One source serves each reporter-year (:func:`combine_by_precedence`), so a series never
mixes sources within a year and the ``source`` column says which one served each value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.indicators.common import complete_years, to_panel

#: Source precedence for a reporter's own trade: Armstat first where it covers Armenia.
TRADE_PRECEDENCE = ("armstat", "imf_dots")


def build_armstat_annual(armstat: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sum Armstat's monthly trade to calendar years (complete years only).

    Imports are by country of origin. Totals are the sum over all partner labels
    (Armstat has no aggregate rows).

    Returns
    -------
    (by_partner, totals)
    """
    full = armstat[armstat["year"].isin(complete_years(armstat))]
    by_partner = (
        full.groupby(["partner_label", "year"], as_index=False)
        .agg(
            partner=("partner", "first"),
            exports=("exports", "sum"),
            imports=("imports_origin", "sum"),
        )
        .assign(reporter="ARM", source="armstat")
    )
    totals = (
        by_partner.groupby(["reporter", "year"], as_index=False)[["exports", "imports"]]
        .sum()
        .assign(source="armstat")
    )
    cols = ["reporter", "partner", "partner_label", "year", "exports", "imports", "source"]
    return by_partner[cols], totals


def build_dots_annual(dots: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reshape IMF DOTS to one row per reporter, partner and year (reporter's own reports).

    Returns
    -------
    (by_partner, totals)
        ``totals`` come from the partner 'World'; ``by_partner`` excludes it.
    """
    d = dots[dots["reporter"].notna()]
    wide = d.pivot_table(
        index=["reporter", "partner_label", "year"],
        columns="flow",
        values="value",
        aggfunc="sum",
    ).reset_index()
    wide = wide.rename(columns={"exports_fob": "exports", "imports_cif": "imports"})
    for col in ("exports", "imports"):
        if col not in wide:
            wide[col] = np.nan
    partner_iso = d.drop_duplicates("partner_label").set_index("partner_label")["partner"]
    wide["partner"] = wide["partner_label"].map(partner_iso).astype("string")
    wide["source"] = "imf_dots"
    world = wide["partner_label"] == "World"
    totals = wide.loc[world, ["reporter", "year", "exports", "imports", "source"]]
    cols = ["reporter", "partner", "partner_label", "year", "exports", "imports", "source"]
    return wide.loc[~world, cols].reset_index(drop=True), totals.reset_index(drop=True)


def combine_by_precedence(
    tables: list[tuple[pd.DataFrame, pd.DataFrame]], order: tuple[str, ...] = TRADE_PRECEDENCE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep, for each reporter and year, only the first source in ``order`` that has totals.

    Parameters
    ----------
    tables : list of (by_partner, totals)
    order : tuple of source ids, highest precedence first

    Returns
    -------
    (by_partner, totals)
    """
    by_partner = pd.concat([t[0] for t in tables], ignore_index=True)
    totals = pd.concat([t[1] for t in tables], ignore_index=True)
    rank = {s: i for i, s in enumerate(order)}
    totals = totals.assign(_rank=totals["source"].map(rank))
    chosen = totals.sort_values("_rank").drop_duplicates(["reporter", "year"])
    chosen = chosen.drop(columns="_rank").sort_values(["reporter", "year"], ignore_index=True)
    keep = chosen[["reporter", "year", "source"]]
    by_partner = by_partner.merge(keep, on=["reporter", "year", "source"], how="inner")
    return by_partner, chosen


def _pair_trade(by_partner: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    rows = by_partner[(by_partner["reporter"] == a) & (by_partner["partner"] == b)]
    if rows.duplicated(["year"]).any():
        raise ValueError(f"several partner labels map to {b} in the trade of {a}")
    return rows.sort_values("year")


def compute_trade_flows(by_partner: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return exports, imports, balance and total trade of a with b as panel rows."""
    t = _pair_trade(by_partner, a, b).copy()
    t["balance"] = t["exports"] - t["imports"]
    t["total"] = t["exports"] + t["imports"]
    return pd.concat(
        [
            to_panel(t, a, b, "trade.exports_a_to_b", "exports"),
            to_panel(t, a, b, "trade.imports_a_from_b", "imports"),
            to_panel(t, a, b, "trade.balance", "balance"),
            to_panel(t, a, b, "trade.total", "total"),
        ],
        ignore_index=True,
    )


def compute_partner_share(
    by_partner: pd.DataFrame, totals: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Return b's share of a's total trade (%) as panel rows."""
    t = _pair_trade(by_partner, a, b)
    tot = totals[totals["reporter"] == a]
    m = t.merge(tot, on=["reporter", "year", "source"], suffixes=("", "_all"))
    m["value"] = (m["exports"] + m["imports"]) / (m["exports_all"] + m["imports_all"]) * 100
    return to_panel(m, a, b, "trade.partner_share")


def _country_partners(by_partner: pd.DataFrame, a: str) -> pd.DataFrame:
    """Return a's trade with partner countries (aggregates and unspecified labels dropped)."""
    p = by_partner[(by_partner["reporter"] == a) & by_partner["partner"].notna()].copy()
    p["total"] = p["exports"].fillna(0) + p["imports"].fillna(0)
    # Several labels can map to one country (e.g. Armstat's two spellings); add them up.
    return p.groupby(["year", "partner", "source"], as_index=False)["total"].sum()


def compute_partner_rank(by_partner: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return b's rank among a's partner countries by total trade (1 = largest)."""
    p = _country_partners(by_partner, a)
    p = p[p["total"] > 0]
    p["value"] = p.groupby("year")["total"].rank(ascending=False, method="min")
    return to_panel(p[p["partner"] == b], a, b, "trade.partner_rank")


def compute_trade_hhi(by_partner: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the HHI of a's trade over its partner countries (0-10,000) as panel rows.

    The value describes a alone; it is repeated for every partner b, in the years where the
    pair's trade is recorded (a pair without trade data gets no rows).
    """
    p = _country_partners(by_partner, a)
    share = p["total"] / p.groupby("year")["total"].transform("sum") * 100
    hhi = (share**2).groupby([p["year"], p["source"]]).sum().rename("value").reset_index()
    hhi = hhi[hhi["year"].isin(_pair_trade(by_partner, a, b)["year"])]
    return to_panel(hhi, a, b, "trade.partner_hhi")


def _gdp_musd(wdi: pd.DataFrame, iso3: str) -> pd.DataFrame:
    g = wdi[(wdi["indicator"] == "gdp_usd") & (wdi["iso3"] == iso3)]
    return pd.DataFrame({"year": g["year"].to_numpy(), "gdp": g["value"].to_numpy() / 1e6})


def compute_dependence_gdp(
    by_partner: pd.DataFrame, wdi: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Return trade of a with b as a percentage of a's GDP (WDI, current USD)."""
    t = _pair_trade(by_partner, a, b).merge(_gdp_musd(wdi, a), on="year")
    t["value"] = (t["exports"] + t["imports"]) / t["gdp"] * 100
    t["source"] = t["source"] + "+wdi"
    return to_panel(t, a, b, "trade.dependence_gdp")


def compute_barbieri(
    by_partner: pd.DataFrame, totals: pd.DataFrame, wdi: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Return Barbieri's (1996) trade salience and symmetry for the pair as panel rows.

    ``share_a`` = bilateral trade / a's total trade (same source); ``share_b`` = the same
    bilateral trade / b's merchandise exports + imports (WDI). Salience is
    ``sqrt(share_a * share_b)``, symmetry ``1 - |share_a - share_b|``.
    """
    t = _pair_trade(by_partner, a, b)
    tot = totals[totals["reporter"] == a]
    m = t.merge(tot, on=["reporter", "year", "source"], suffixes=("", "_all"))
    wb = wdi[(wdi["iso3"] == b) & wdi["indicator"].isin(["merch_exports_usd", "merch_imports_usd"])]
    wb = wb.pivot_table(index="year", columns="indicator", values="value").reset_index()
    if wb.empty:
        return to_panel(
            pd.DataFrame({"year": [], "value": [], "source": []}), a, b, "trade.salience"
        )
    wb["total_b"] = (wb["merch_exports_usd"] + wb["merch_imports_usd"]) / 1e6
    m = m.merge(wb[["year", "total_b"]], on="year")
    bilateral = m["exports"] + m["imports"]
    share_a = bilateral / (m["exports_all"] + m["imports_all"])
    share_b = bilateral / m["total_b"]
    m["salience"] = np.sqrt(share_a * share_b)
    m["symmetry"] = 1 - (share_a - share_b).abs()
    m["source"] = m["source"] + "+wdi"
    return pd.concat(
        [
            to_panel(m, a, b, "trade.salience", "salience"),
            to_panel(m, a, b, "trade.symmetry", "symmetry"),
        ],
        ignore_index=True,
    )


def compute_top_partners(
    by_partner: pd.DataFrame, totals: pd.DataFrame, a: str, n: int = 10
) -> pd.DataFrame:
    """Return a's ``n`` largest partner countries per year with total trade, share and rank."""
    p = _country_partners(by_partner, a)
    tot = totals[totals["reporter"] == a].assign(all=lambda d: d["exports"] + d["imports"])
    p = p.merge(tot[["year", "source", "all"]], on=["year", "source"])
    p["share"] = p["total"] / p["all"] * 100
    p["rank"] = p.groupby("year")["total"].rank(ascending=False, method="min").astype("int64")
    p = p[p["rank"] <= n].assign(country_a=a)
    cols = ["country_a", "year", "rank", "partner", "total", "share", "source"]
    return p[cols].sort_values(["year", "rank", "partner"], ignore_index=True)
