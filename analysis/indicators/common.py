"""Helpers shared by the indicator modules."""

from __future__ import annotations

import pandas as pd

from analysis.indicators import INTERVAL_COLUMNS, PANEL_COLUMNS
from analysis.indicators.registry import get_indicator


def to_panel(
    df: pd.DataFrame,
    a: str,
    b: str,
    indicator: str,
    value: str = "value",
    lo: str | None = None,
    hi: str | None = None,
) -> pd.DataFrame:
    """Turn a frame with ``year``, a value column and ``source`` into panel rows.

    Rows with a missing value are dropped: a year without data has no row. The interval bounds
    come from the columns named by ``lo`` and ``hi``; when neither is given, from columns ``lo``
    and ``hi`` of ``df`` if it has them.

    Examples
    --------
    >>> to_panel(pd.DataFrame({"year": [2020], "value": [1.0], "source": ["x"]}),
    ...          "ARM", "RUS", "trade.balance").columns.tolist()
    ['country_a', 'country_b', 'indicator', 'year', 'value', 'unit', 'source']
    """
    meta = get_indicator(indicator)
    out = pd.DataFrame(
        {
            "country_a": a,
            "country_b": b,
            "indicator": indicator,
            "year": df["year"].astype("int64").to_numpy(),
            "value": df[value].astype("float64").to_numpy(),
            "unit": meta.unit,
            "source": df["source"].astype("string").to_numpy(),
        }
    )
    if lo is None and hi is None and {"lo", "hi"} & set(df.columns):
        lo = "lo" if "lo" in df.columns else None
        hi = "hi" if "hi" in df.columns else None
    columns = PANEL_COLUMNS
    if lo is not None or hi is not None:
        for col, src in zip(INTERVAL_COLUMNS, (lo, hi)):
            out[col] = df[src].astype("float64").to_numpy() if src else float("nan")
        columns = PANEL_COLUMNS + INTERVAL_COLUMNS
    out = out.dropna(subset=["value"])
    return out[columns].sort_values("year", ignore_index=True)


def complete_years(df: pd.DataFrame, keys: list[str] | None = None) -> pd.Index:
    """Return the years in which a monthly frame has all twelve months (per ``keys`` if given)."""
    months = df.groupby("year")["month"].nunique()
    return months.index[months == 12]


def concat_panel(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate panel pieces into one panel sorted by indicator and year.

    Empty pieces are skipped; the interval columns ``lo``/``hi`` are always present (empty for
    indicators without an interval), so every panel has the same columns.
    """
    columns = PANEL_COLUMNS + INTERVAL_COLUMNS
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns)
    panel = pd.concat(parts, ignore_index=True).reindex(columns=columns)
    for col in INTERVAL_COLUMNS:
        panel[col] = panel[col].astype("float64")
    return panel.sort_values(["indicator", "year"], ignore_index=True)
