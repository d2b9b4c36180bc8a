"""Trade surges that pass through a country: when a rise in trade is not a sign of closer ties.

Pure functions, no I/O. After 2022 Armenia's trade with Russia, the UAE and Hong Kong rose
several-fold while its officially declared re-exports stayed small. A rise of a's imports from b
that is matched, in the same year, by a rise of a's exports to one or two other destinations is
goods passing through a (transit, re-export under whatever customs regime), not closer ties
between a and b. This module finds those years from the trade data alone:

For each reporter a, year y and flow (imports, exports), the partner b whose flow rose by at
least :data:`DOMINANT_SHARE` of the rise of a's total flow that year, and by at least
:data:`SURGE_SHARE` of a's total flow the year before, is the *dominant mover*.
Its *counterparts* are the :data:`N_COUNTERPARTS` partners other than b whose opposite flow rose
most that year (for an import rise: the destinations whose exports rose most). The rise
``passes_through`` when the counterparts' rise is at least :data:`ONWARD_SHARE` of b's rise.

What the data cannot tell: which goods these are (neither Armstat's partner totals nor the
declared re-export totals split by commodity), nor whether the same consignments moved on. The
table states the co-movement and the declared re-export share beside it; the summary says so
instead of calling the rise closer ties.
"""

from __future__ import annotations

import pandas as pd

#: A partner whose rise is at least this share of the reporter's total rise dominates the year.
DOMINANT_SHARE = 0.5

#: ...and only when its rise is at least this share of the reporter's whole flow the year before
#: (a move of the country's trade, not of a small partner in a quiet year).
SURGE_SHARE = 0.2

#: How many counterpart partners (largest rises of the opposite flow) are summed.
N_COUNTERPARTS = 2

#: Counterparts' rise / the dominant partner's rise from which the rise passes through.
ONWARD_SHARE = 0.5

#: Reporters with a declared re-export series (UN Comtrade extract): the table covers them.
REPORTERS = ("ARM",)

#: Columns of the transit table (``trade_transit.csv``).
TRANSIT_COLUMNS = [
    "country_a", "country_b", "year", "flow", "rise_b", "rise_total", "share_of_rise_pct",
    "rise_pct_of_total_before",
    "counterparts", "counterpart_rise", "counterpart_pct", "passes_through",
    "reexports_pct", "reexports_year",
]  # fmt: skip

_OPPOSITE = {"imports": "exports", "exports": "imports"}


def _flows(by_partner: pd.DataFrame, reporter: str) -> dict[str, pd.DataFrame]:
    """Return partner x year tables of the reporter's exports and imports (0 where no row)."""
    rows = by_partner[(by_partner["reporter"] == reporter) & by_partner["partner"].notna()]
    rows = rows.assign(partner=rows["partner"].astype(str))
    g = rows.groupby(["partner", "year"])[["exports", "imports"]].sum()
    return {f: g[f].unstack("year").fillna(0.0) for f in ("exports", "imports")}


def compute_transit(
    by_partner: pd.DataFrame, reexports: pd.DataFrame, reporter: str = "ARM"
) -> pd.DataFrame:
    """Return the dominant movers of the reporter's trade per year and whether they pass through.

    Parameters
    ----------
    by_partner : DataFrame
        ``reporter, partner, year, exports, imports`` (USD million), as
        :attr:`analysis.economy.Inputs.by_partner`.
    reexports : DataFrame
        ``year, reexports_pct`` of the reporter (:func:`analysis.load_comtrade.load_reexports`);
        each row gets the share of its year, or of the latest year before it (``reexports_year``
        says which).

    Returns
    -------
    DataFrame
        :data:`TRANSIT_COLUMNS`, one row per year, flow and dominant partner.

    Examples
    --------
    >>> bp = pd.DataFrame({"reporter": "ARM", "partner": ["RUS", "ARE", "RUS", "ARE"],
    ...     "year": [2023, 2023, 2024, 2024], "exports": [0.0, 1.0, 0.0, 9.0],
    ...     "imports": [1.0, 0.0, 11.0, 0.0]})
    >>> t = compute_transit(bp, pd.DataFrame({"year": [2023], "reexports_pct": [3.3]}))
    >>> t[["country_b", "year", "flow", "rise_b", "counterparts", "passes_through"]].values.tolist()
    [['ARE', 2024, 'exports', 8.0, 'RUS', True], ['RUS', 2024, 'imports', 10.0, 'ARE', True]]
    """
    flows = _flows(by_partner, reporter)
    rx = reexports.set_index("year")["reexports_pct"].sort_index()
    rows = []
    years = sorted(flows["exports"].columns)
    for y0, y1 in zip(years, years[1:]):
        if y1 - y0 != 1:
            continue
        for flow in ("imports", "exports"):
            rise = flows[flow][y1] - flows[flow][y0]
            other = flows[_OPPOSITE[flow]][y1] - flows[_OPPOSITE[flow]][y0]
            total = float(rise.sum())
            before = float(flows[flow][y0].sum())
            if total <= 0 or before <= 0:
                continue
            big = rise[(rise >= DOMINANT_SHARE * total) & (rise >= SURGE_SHARE * before)]
            for b, rise_b in big.items():
                top = other.drop(index=b, errors="ignore").nlargest(N_COUNTERPARTS)
                top = top[top > 0]
                onward = float(top.sum())
                known = rx[rx.index <= y1]
                rows.append(
                    {
                        "country_a": reporter,
                        "country_b": str(b),
                        "year": int(y1),
                        "flow": flow,
                        "rise_b": float(rise_b),
                        "rise_total": total,
                        "share_of_rise_pct": 100 * float(rise_b) / total,
                        "rise_pct_of_total_before": 100 * float(rise_b) / before,
                        "counterparts": " ".join(top.index.astype(str)),
                        "counterpart_rise": onward,
                        "counterpart_pct": 100 * onward / float(rise_b),
                        "passes_through": onward >= ONWARD_SHARE * float(rise_b),
                        "reexports_pct": float(known.iloc[-1]) if len(known) else float("nan"),
                        "reexports_year": int(known.index[-1]) if len(known) else pd.NA,
                    }
                )
    out = pd.DataFrame(rows, columns=TRANSIT_COLUMNS)
    out["reexports_year"] = out["reexports_year"].astype("Int64")
    out["passes_through"] = out["passes_through"].astype(bool)
    floats = ["rise_b", "rise_total", "share_of_rise_pct", "rise_pct_of_total_before",
              "counterpart_rise", "counterpart_pct", "reexports_pct"]  # fmt: skip
    out[floats] = out[floats].astype("float64").round(6)
    return out.sort_values(["country_a", "year", "flow", "country_b"], ignore_index=True)


def transit_years(transit: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the rows of the pair whose rise passes through a (empty if none)."""
    t = transit
    return t[(t["country_a"] == a) & (t["country_b"] == b) & t["passes_through"]].reset_index(
        drop=True
    )
