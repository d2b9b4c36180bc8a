"""Plots for any indicator of the panel: lines, bars, intervals."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.charts.style import COLORS, SERIES_COLORS, _series, _set_ylabel


def plot_interval(ax, panel: pd.DataFrame, indicator: str, label: str, color: str | None = None):
    """Draw one indicator as a line with its ``lo``-``hi`` interval as a shaded band."""
    s = _series(panel, indicator)
    if s.empty:
        return ax
    color = color or SERIES_COLORS.get(indicator, COLORS["total"])
    ax.plot(s["year"], s["value"], color=color, marker="o", ms=2.5, lw=1.6, label=label)
    if {"lo", "hi"} <= set(s.columns) and s["lo"].notna().any():
        ax.fill_between(s["year"], s["lo"], s["hi"], color=color, alpha=0.18, lw=0)
    return ax


def plot_lines(
    ax, panel: pd.DataFrame, indicators: dict[str, str], title: str, ylabel: str, legend="best"
):
    """Draw several panel indicators as lines on one axis (colours from :data:`SERIES_COLORS`)."""
    for ind, label in indicators.items():
        s = _series(panel, ind)
        if len(s):
            color = SERIES_COLORS.get(ind)
            ax.plot(s["year"], s["value"], marker="o", ms=2.5, lw=1.6, label=label, color=color)
    _set_ylabel(ax, ylabel)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.legend(loc=legend)
    return ax


def plot_bars(ax, panel: pd.DataFrame, indicator: str, title: str, ylabel: str):
    """Draw one panel indicator as bars per year (for series with gaps, such as shares of
    arms imports in the years a country imported any)."""
    s = _series(panel, indicator)
    ax.bar(s["year"], s["value"], color=SERIES_COLORS.get(indicator, COLORS["total"]), width=0.7)
    ax.set_ylim(bottom=0)
    _set_ylabel(ax, ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    return ax
