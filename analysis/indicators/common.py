"""Helpers shared by the indicator modules."""

from __future__ import annotations

import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.registry import get_indicator

#: Optional interval columns of the panel (for example bootstrap or posterior bounds).
INTERVAL_COLUMNS = ["lo", "hi"]


def to_panel(
    df: pd.DataFrame, a: str, b: str, indicator: str, value: str = "value"
) -> pd.DataFrame:
    """Turn a frame with ``year``, a value column and ``source`` into panel rows.

    Rows with a missing value are dropped: a year without data has no row.

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
    out = out.dropna(subset=["value"])
    return out[PANEL_COLUMNS].sort_values("year", ignore_index=True)


def complete_years(df: pd.DataFrame, keys: list[str] | None = None) -> pd.Index:
    """Return the years in which a monthly frame has all twelve months (per ``keys`` if given)."""
    months = df.groupby("year")["month"].nunique()
    return months.index[months == 12]


def concat_panel(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate panel pieces into one panel sorted by indicator and year.

    Empty pieces are skipped; the optional ``lo``/``hi`` columns are kept when any piece has them.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    panel = pd.concat(parts, ignore_index=True)
    cols = PANEL_COLUMNS + [c for c in INTERVAL_COLUMNS if c in panel.columns]
    return panel.sort_values(["indicator", "year"], ignore_index=True)[cols]
