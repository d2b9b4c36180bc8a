"""Computation behind the tables: indicator order and metadata, key figures, pooled agreement."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.indicators import INDICATORS, Indicator
from analysis.indicators.alignment import ALL, ISSUE_TITLES, pool_agreement
from analysis.reliability import flag_rows


def panel_indicator_ids(panel: pd.DataFrame) -> list[str]:
    """Return the indicator ids of a panel in headline order.

    Registry order first, then unregistered ids sorted; grouped by dimension, the groups in the
    order their first indicator comes (as the headline table shows them).
    """
    present = set(panel["indicator"])
    ids = [i for i in INDICATORS if i in present] + sorted(present - set(INDICATORS))
    first: dict[str, int] = {}
    for i in ids:
        first.setdefault(i.split(".", 1)[0], len(first))
    return sorted(ids, key=lambda i: first[i.split(".", 1)[0]])


def _meta(indicator: str) -> Indicator:
    """Return an indicator's metadata; an id missing from the registry gets neutral defaults."""
    if indicator in INDICATORS:
        return INDICATORS[indicator]
    return Indicator(indicator, indicator, "", "neutral", "(not in the registry)", ())


def compute_key_figures(
    panel: pd.DataFrame,
    indicators: list[str] | None = None,
    idealpoints: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return per indicator: latest year and value, change over 1 and 5 years, trend, source.

    Every indicator of the panel is covered (or those in ``indicators``), in registry order, with
    its dimension and direction from the registry. Changes are differences in the indicator's unit
    (percentage points for shares) between the latest year and the year one or five years before;
    NaN when that year has no value.

    ``flag`` says why the latest value may not drive a claim (provisional, thin, a sample, a
    lower bound: :func:`analysis.reliability.flag_rows`, with the ideal points' vote counts when
    ``idealpoints`` is given), "" when it may.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, dimension, title, unit, direction, first_year, year, value,
        change_1y, change_5y, trend, trend_years, source, flag``; one row per indicator.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": "trade.total", "year": [2019, 2020], "value": [1.0, 3.0],
    ...                   "unit": "USD million", "source": "imf_dots"})
    >>> compute_key_figures(p)[["indicator", "value", "change_1y"]].to_dict("records")
    [{'indicator': 'trade.total', 'value': 3.0, 'change_1y': 2.0}]
    """
    ids = indicators or panel_indicator_ids(panel)
    flags = flag_rows(panel, idealpoints) if len(panel) else pd.Series(dtype=object)
    if not _one_row_per_year(panel) or len(set(ids)) < len(ids) or not panel.index.is_unique:
        return _key_figures_by_row(panel, ids, flags)  # the general, row-by-row reading
    return _key_figures(panel, ids, flags)


#: Columns of :func:`compute_key_figures`.
KEY_FIGURE_COLUMNS = ["indicator", "dimension", "title", "unit", "direction", "first_year",
                      "year", "value", "change_1y", "change_5y", "trend", "trend_years", "source",
                      "flag"]  # fmt: skip


def _one_row_per_year(panel: pd.DataFrame) -> bool:
    """Return whether each indicator of the panel has at most one row with a value per year."""
    values = panel[panel["value"].notna()]
    return not values.duplicated(["indicator", "year"]).any()


def _indicator_blocks(panel: pd.DataFrame, ids: list[str]):
    """Return the rows with a value of the indicators ``ids`` sorted by (position in ``ids``,
    year) as numpy arrays, with the start and end of each indicator's block.

    Returns ``(ids present, starts, ends, positions)``: ``positions`` index the panel's rows.
    """
    order = {ind: k for k, ind in enumerate(dict.fromkeys(ids))}
    rank = panel["indicator"].map(order).to_numpy(dtype="float64")
    ok = ~np.isnan(rank) & panel["value"].notna().to_numpy()
    pos = np.flatnonzero(ok)
    years = panel["year"].to_numpy()[pos]
    pos = pos[np.lexsort((years, rank[pos]))]
    ranks = rank[pos].astype("int64")
    starts = np.flatnonzero(np.r_[True, ranks[1:] != ranks[:-1]]) if len(pos) else pos
    ends = np.r_[starts[1:], len(pos)] if len(pos) else pos
    present = [list(order)[r] for r in ranks[starts]]
    return present, starts, ends, pos


def _key_figures(panel: pd.DataFrame, ids: list[str], flags: pd.Series) -> pd.DataFrame:
    """Return :func:`compute_key_figures` for a panel with one row per indicator and year, all
    indicators at once (the same values as :func:`_key_figures_by_row`)."""
    present, starts, ends, pos = _indicator_blocks(panel, ids)
    value = panel["value"].to_numpy()[pos]
    years = panel["year"].to_numpy()[pos].astype("int64")
    unit = panel["unit"].to_numpy(dtype=object)[pos]
    source = panel["source"].to_numpy(dtype=object)[pos]
    flag = flags.to_numpy(dtype=object)[pos] if len(flags) else np.full(len(pos), "", object)
    rows = []
    for ind, lo, hi in zip(present, starts.tolist(), ends.tolist(), strict=True):
        meta = _meta(ind)
        last = hi - 1
        y = int(years[last])
        by_year = dict(zip(years[lo:hi].tolist(), value[lo:hi], strict=True))
        v = value[last]
        rows.append(
            {
                "indicator": ind,
                "dimension": meta.dimension,
                "title": meta.title,
                "unit": str(unit[last]),
                "direction": meta.direction,
                "first_year": int(years[lo]),
                "year": y,
                "value": float(v),
                "change_1y": v - by_year[y - 1] if y - 1 in by_year else float("nan"),
                "change_5y": v - by_year[y - 5] if y - 5 in by_year else float("nan"),
                "trend": value[lo:hi].astype(float).tolist(),
                "trend_years": years[lo:hi].tolist(),
                "source": str(source[last]),
                "flag": str(flag[last]),
            }
        )
    return pd.DataFrame(rows, columns=KEY_FIGURE_COLUMNS)


def _key_figures_by_row(panel: pd.DataFrame, ids: list[str], flags: pd.Series) -> pd.DataFrame:
    """Return :func:`compute_key_figures` indicator by indicator (any panel)."""
    rows = []
    for ind in ids:
        s = panel[panel["indicator"] == ind].sort_values("year")
        s = s[s["value"].notna()]
        if s.empty:
            continue
        meta = _meta(ind)
        last = s.iloc[-1]
        by_year = s.set_index("year")["value"]
        y = int(last["year"])
        rows.append(
            {
                "indicator": ind,
                "dimension": meta.dimension,
                "title": meta.title,
                "unit": str(last["unit"]),
                "direction": meta.direction,
                "first_year": int(s["year"].iloc[0]),
                "year": y,
                "value": float(last["value"]),
                "change_1y": last["value"] - by_year[y - 1] if y - 1 in by_year else float("nan"),
                "change_5y": last["value"] - by_year[y - 5] if y - 5 in by_year else float("nan"),
                "trend": s["value"].astype(float).tolist(),
                "trend_years": s["year"].astype(int).tolist(),
                "source": str(last["source"]),
                "flag": str(flags.get(s.index[-1], "")),
            }
        )
    return pd.DataFrame(rows, columns=KEY_FIGURE_COLUMNS)


def name_pair(text: str, country_a: str, country_b: str) -> str:
    """Replace the placeholders ``a`` and ``b`` of an indicator title with country names.

    Examples
    --------
    >>> name_pair("Trade with b as % of a's GDP", "Armenia", "Russia")
    "Trade with Russia as % of Armenia's GDP"
    """
    return re.sub(r"\b([ab])\b", lambda m: country_a if m.group(1) == "a" else country_b, text)


#: Sub-indicators: a measure split by UNGA issue (``_me``, ``_hr`` ...) or the vote count behind
#: one. The brief edition folds them under their table.
_SUB_INDICATOR = re.compile(r"(_(co|di|ec|hr|me|nu)$)|(\.unga_joint_votes)")


def is_sub_indicator(indicator: str) -> bool:
    """Return whether an indicator details another one (an issue split or a vote count).

    Examples
    --------
    >>> is_sub_indicator("alignment.unga_kappa_me"), is_sub_indicator("alignment.unga_kappa")
    (True, False)
    """
    return bool(_SUB_INDICATOR.search(indicator))


def issue_agreement_table(panel: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return agreement pooled over the panel's years, for all roll calls and by issue.

    Pooled agreement = identical votes / joint votes summed over the years (not a mean of yearly
    percentages). Columns: ``Votes``, ``Years``, ``Joint votes``, ``Agreement (%)``.
    """

    pooled = pool_agreement(panel, (ALL, *labels))
    if pooled.empty:
        return pd.DataFrame(columns=["Votes", "Years", "Joint votes", "Agreement (%)"])
    names = {ALL: "All roll calls", **{k: ISSUE_TITLES.get(k, v) for k, v in labels.items()}}
    return pd.DataFrame(
        {
            "Votes": pooled["issue"].map(names),
            "Years": [f"{lo}-{hi}" for lo, hi in zip(pooled["first_year"], pooled["last_year"])],
            "Joint votes": pooled["joint_votes"],
            "Agreement (%)": pooled["agreement"].round(1),
        }
    )
