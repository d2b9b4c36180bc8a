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


# All pairs at once -------------------------------------------------------------------------
#
# The functions below compute the indicators above for every (reporter, partner) pair in one
# pass. Each returns ``country_a, country_b, year`` (a = reporter, b = partner country) with
# value column(s) and ``source``, sorted by those keys, and agrees row for row with the per-pair
# function of the same name (rows with a missing value dropped, as :func:`to_panel` does).

#: Keys of the all-pairs frames: the reporter (focal country), the partner country, the year.
PAIR_KEYS = ["country_a", "country_b", "year"]


def all_pair_trade(by_partner: pd.DataFrame) -> pd.DataFrame:
    """Return the trade rows of every reporter with every partner country, keyed by pair-year.

    The all-pairs form of :func:`_pair_trade`: aggregates and unspecified partners are dropped.

    Raises
    ------
    ValueError
        If several partner labels map to one country in a reporter's year.
    """
    t = by_partner[by_partner["partner"].notna()]
    t = t.rename(columns={"reporter": "country_a", "partner": "country_b"})
    dup = t.duplicated(PAIR_KEYS)
    if dup.any():
        first = t[dup].iloc[0]
        raise ValueError(
            f"several partner labels map to {first['country_b']} in the trade of "
            f"{first['country_a']}"
        )
    cols = PAIR_KEYS + ["exports", "imports", "source"]
    return t[cols].sort_values(PAIR_KEYS, ignore_index=True)


def _keep_values(df: pd.DataFrame, value: str = "value") -> pd.DataFrame:
    """Return the key, value and source columns of the rows with a value, sorted by key."""
    out = df.loc[df[value].notna(), PAIR_KEYS + [value, "source"]]
    return out.sort_values(PAIR_KEYS, ignore_index=True)


def all_trade_flows(by_partner: pd.DataFrame) -> pd.DataFrame:
    """Return exports, imports, balance and total trade of every reporter with every partner.

    The all-pairs form of :func:`compute_trade_flows`: one row per pair-year with the four
    columns ``exports, imports, balance, total`` (NaN where the flow is missing).

    Examples
    --------
    >>> bp = pd.DataFrame({"reporter": ["ARM"], "partner": pd.array(["RUS"], dtype="string"),
    ...                    "partner_label": ["Russia"], "year": [2020], "exports": [3.0],
    ...                    "imports": [5.0], "source": ["s"]})
    >>> all_trade_flows(bp)[["balance", "total"]].to_numpy().tolist()
    [[-2.0, 8.0]]
    """
    t = all_pair_trade(by_partner)
    t["balance"] = t["exports"] - t["imports"]
    t["total"] = t["exports"] + t["imports"]
    return t[PAIR_KEYS + ["exports", "imports", "balance", "total", "source"]]


def all_partner_share(by_partner: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Return each partner's share of each reporter's total trade (%), all pairs at once.

    The all-pairs form of :func:`compute_partner_share` (the totals of the same source).
    """
    t = all_pair_trade(by_partner)
    tot = totals.rename(columns={"reporter": "country_a"})
    m = t.merge(tot, on=["country_a", "year", "source"], suffixes=("", "_all"))
    m["value"] = (m["exports"] + m["imports"]) / (m["exports_all"] + m["imports_all"]) * 100
    return _keep_values(m)


def all_country_partners(by_partner: pd.DataFrame) -> pd.DataFrame:
    """Return every reporter's total trade with each partner country (all-pairs form).

    The all-pairs form of :func:`_country_partners`: ``reporter, year, partner, source, total``
    with missing flows counted as zero and labels of one country added up.
    """
    p = by_partner[by_partner["partner"].notna()]
    p = p.assign(total=p["exports"].fillna(0) + p["imports"].fillna(0))
    keys = ["reporter", "year", "partner", "source"]
    return p.groupby(keys, as_index=False, sort=True)["total"].sum()


def all_partner_rank(by_partner: pd.DataFrame) -> pd.DataFrame:
    """Return each partner's rank among each reporter's partner countries (1 = largest).

    The all-pairs form of :func:`compute_partner_rank`: partners without trade (total 0) are
    not ranked, ties share the smallest rank.
    """
    p = all_country_partners(by_partner)
    p = p[p["total"] > 0].copy()
    p["value"] = p.groupby(["reporter", "year"])["total"].rank(ascending=False, method="min")
    p = p.rename(columns={"reporter": "country_a", "partner": "country_b"})
    return _keep_values(p)


def all_dependence_gdp(by_partner: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    """Return the trade of every pair as a percentage of the reporter's GDP (WDI).

    The all-pairs form of :func:`compute_dependence_gdp`.
    """
    g = wdi[wdi["indicator"] == "gdp_usd"]
    gdp = pd.DataFrame(
        {
            "country_a": g["iso3"].to_numpy(),
            "year": g["year"].to_numpy(),
            "gdp": g["value"].to_numpy() / 1e6,
        }
    )
    t = all_pair_trade(by_partner)
    gdp["country_a"] = gdp["country_a"].astype(t["country_a"].dtype)
    t = t.merge(gdp, on=["country_a", "year"])
    t["value"] = (t["exports"] + t["imports"]) / t["gdp"] * 100
    t["source"] = t["source"] + "+wdi"
    return _keep_values(t)


def all_trade_hhi(by_partner: pd.DataFrame) -> pd.DataFrame:
    """Return the HHI of each reporter's trade over its partners, repeated for every partner.

    The all-pairs form of :func:`compute_trade_hhi`: the value describes the reporter alone and
    is given for each pair-year where the pair's trade is recorded.
    """
    p = all_country_partners(by_partner)
    share = p["total"] / p.groupby(["reporter", "year"])["total"].transform("sum") * 100
    hhi = (
        (share**2)
        .groupby([p["reporter"], p["year"], p["source"]])
        .sum()
        .rename("value")
        .reset_index()
        .rename(columns={"reporter": "country_a"})
    )
    t = all_pair_trade(by_partner)[PAIR_KEYS]
    return _keep_values(t.merge(hhi, on=["country_a", "year"]))


def all_barbieri(by_partner: pd.DataFrame, totals: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    """Return Barbieri's trade salience and symmetry for every pair-year.

    The all-pairs form of :func:`compute_barbieri`: columns ``salience, symmetry`` (NaN where
    one is undefined), rows where the reporter's totals and the partner's WDI merchandise trade
    are both known.
    """
    t = all_pair_trade(by_partner)
    tot = totals.rename(columns={"reporter": "country_a"})
    m = t.merge(tot, on=["country_a", "year", "source"], suffixes=("", "_all"))
    wb = wdi[wdi["indicator"].isin(["merch_exports_usd", "merch_imports_usd"])]
    wb = wb.pivot_table(index=["iso3", "year"], columns="indicator", values="value")
    wb = wb.reindex(columns=["merch_exports_usd", "merch_imports_usd"]).reset_index()
    wb["total_b"] = (wb["merch_exports_usd"] + wb["merch_imports_usd"]) / 1e6
    wb = wb.rename(columns={"iso3": "country_b"})[["country_b", "year", "total_b"]]
    wb["country_b"] = wb["country_b"].astype(m["country_b"].dtype)
    m = m.merge(wb, on=["country_b", "year"])
    bilateral = m["exports"] + m["imports"]
    share_a = bilateral / (m["exports_all"] + m["imports_all"])
    share_b = bilateral / m["total_b"]
    m["salience"] = np.sqrt(share_a * share_b)
    m["symmetry"] = 1 - (share_a - share_b).abs()
    m["source"] = m["source"] + "+wdi"
    m = m[m["salience"].notna() | m["symmetry"].notna()]
    return m[PAIR_KEYS + ["salience", "symmetry", "source"]].sort_values(
        PAIR_KEYS, ignore_index=True
    )


#: Flow indicator ids and their column in :func:`all_trade_flows`.
_ALL_TRADE_COLUMNS = {
    "trade.exports_a_to_b": "exports",
    "trade.imports_a_from_b": "imports",
    "trade.balance": "balance",
    "trade.total": "total",
}


def compute_all_trade(
    by_partner: pd.DataFrame, totals: pd.DataFrame, wdi: pd.DataFrame
) -> pd.DataFrame:
    """Return every trade indicator for every pair-year as one wide table.

    Columns: ``country_a, country_b, year``, then for each indicator id (sorted) the value
    (float64, NaN where missing) and ``ID|source``. Rows: every pair-year of
    :func:`all_pair_trade` (each has at least one value), sorted by key.
    """
    flows = all_trade_flows(by_partner)
    wide = flows[PAIR_KEYS].copy()
    source = flows["source"].astype("string")
    for ind, col in _ALL_TRADE_COLUMNS.items():
        wide[ind] = flows[col].astype("float64")
        wide[f"{ind}|source"] = source.where(flows[col].notna())
    extra = [
        ("trade.partner_share", all_partner_share(by_partner, totals), "value"),
        ("trade.partner_rank", all_partner_rank(by_partner), "value"),
        ("trade.dependence_gdp", all_dependence_gdp(by_partner, wdi), "value"),
        ("trade.partner_hhi", all_trade_hhi(by_partner), "value"),
    ]
    barbieri = all_barbieri(by_partner, totals, wdi)
    extra += [("trade.salience", barbieri, "salience"), ("trade.symmetry", barbieri, "symmetry")]
    for ind, df, col in extra:
        part = df[PAIR_KEYS].copy()
        part[ind] = df[col].astype("float64")
        part[f"{ind}|source"] = df["source"].astype("string").where(df[col].notna())
        wide = wide.merge(part, on=PAIR_KEYS, how="left", validate="one_to_one")
    ids = sorted(_ALL_TRADE_COLUMNS) + [e[0] for e in extra]
    cols = PAIR_KEYS + [c for ind in sorted(ids) for c in (ind, f"{ind}|source")]
    return wide[cols]


def compute_all_top_partners(
    by_partner: pd.DataFrame, totals: pd.DataFrame, n: int = 10
) -> pd.DataFrame:
    """Return every reporter's ``n`` largest partner countries per year (total, share, rank).

    The all-pairs form of :func:`compute_top_partners`, concatenated over reporters and
    sorted by ``country_a, year, rank, partner``.
    """
    p = all_country_partners(by_partner)
    tot = totals.assign(all=totals["exports"] + totals["imports"])
    p = p.merge(tot[["reporter", "year", "source", "all"]], on=["reporter", "year", "source"])
    p["share"] = p["total"] / p["all"] * 100
    rank = p.groupby(["reporter", "year"])["total"].rank(ascending=False, method="min")
    p["rank"] = rank.astype("int64")
    p = p[p["rank"] <= n].rename(columns={"reporter": "country_a"})
    p["country_a"] = p["country_a"].astype("str")
    cols = ["country_a", "year", "rank", "partner", "total", "share", "source"]
    return p[cols].sort_values(["country_a", "year", "rank", "partner"], ignore_index=True)
