"""Charts of society: migrant stocks, remittances, opinion poll waves."""

from __future__ import annotations

import pandas as pd

from analysis.charts.style import (
    MIN_FONT_PT,
    SERIES_COLORS,
    _decimal_year,
    _pct_label,
    _series,
    _year_axis,
)

#: Colours of poll series keyed by response (countries, blocs), in order of the labels given.
POLL_PALETTE = ["#2a7f62", "#1f5f8b", "#c0504d", "#e39b2d", "#7f5a9e", "#9a9a9a"]


def plot_migrant_stock(ax, panel: pd.DataFrame, direction: str, name_a: str, name_b: str):
    """Draw one direction's migrant stock: UN DESA as a line, the World Bank 2017 as a marker.

    ``direction`` is ``"a_in_b"`` (people born in a living in b) or ``"b_in_a"``. The two
    sources are never joined: the World Bank estimate is a separate, hollow marker.
    """
    base = f"migration.stock_{direction}"
    color = SERIES_COLORS[base]
    born, lives = (name_a, name_b) if direction == "a_in_b" else (name_b, name_a)
    un = _series(panel, base)
    wb = _series(panel, f"{base}_wb2017")
    if len(un):
        ax.plot(un["year"], un["value"] / 1000, color=color, marker="o", ms=4, lw=1.6,
                label="UN DESA International Migrant Stock 2024")  # fmt: skip
    if len(wb):
        ax.plot(wb["year"], wb["value"] / 1000, linestyle="none", marker="D", ms=6, mfc="white",
                mec=color, mew=1.6, label="World Bank bilateral matrix 2017")  # fmt: skip
    ax.set_ylabel("thousand people")
    ax.set_ylim(bottom=0)
    _year_axis(ax, [*un["year"], *wb["year"]])
    ax.set_title(f"Born in {born}, living in {lives}")
    if len(un) or len(wb):
        ax.legend(loc="lower left", fontsize=8)
    return ax


def plot_transfers_and_estimate(ax, panel: pd.DataFrame, name_a: str, name_b: str):
    """Draw recorded transfers from b to a (CBA, lines) and the World Bank 2017 estimate (marker)."""
    labels = {
        "remittances.transfers_b_to_a": f"Transfers from {name_b}, total (CBA)",
        "remittances.transfers_b_to_a_noncommercial": f"Transfers from {name_b}, non-commercial (CBA)",
    }
    years = []
    for ind, label in labels.items():
        s = _series(panel, ind)
        if len(s):
            years += s["year"].tolist()
            ax.plot(s["year"], s["value"], marker="o", ms=2.5, lw=1.6, label=label,
                    color=SERIES_COLORS.get(ind))  # fmt: skip
    est = _series(panel, "remittances.estimate_b_to_a_wb2017")
    years += est["year"].tolist()
    if len(est):
        ax.plot(est["year"], est["value"], linestyle="none", marker="D", ms=7, mfc="white",
                mec=SERIES_COLORS["remittances.estimate_b_to_a_wb2017"], mew=1.6,
                label="World Bank 2017 analytical estimate")  # fmt: skip
    ax.set_ylabel("USD million")
    ax.set_ylim(bottom=0)
    _year_axis(ax, years)
    ax.set_title(f"Money from {name_b} to {name_a}")
    ax.legend(loc="best", fontsize=8)
    return ax


def plot_poll_waves(ax, waves: pd.DataFrame, labels: dict[str, str], title: str, **select):
    """Draw survey waves as points (no connecting lines), one colour per series.

    Parameters
    ----------
    waves : DataFrame
        Reconciled waves (:func:`analysis.indicators.opinion.reconcile_waves`).
    labels : dict
        Maps a value of the column used as series key to a legend label: indicator ids by
        default, or responses when ``select`` picks one measure (``measure="main_friend"``).
    title : str
        Axis title.
    **select
        Column filters, e.g. ``country_b="RUS"`` or ``measure="trust"``.

    Each point sits at the middle of its wave's fieldwork period and is labelled with its
    value. Waves reported only by their publication date are hollow; where two reports of one
    wave differ, a vertical bar shows their range. The legend sits below the axis.
    """
    w = waves
    for col, value in select.items():
        w = w[w[col] == value]
    key = "response" if "measure" in select else "indicator"
    hollow = False
    years = []
    for i, (series, label) in enumerate(labels.items()):
        s = w[w[key] == series].sort_values("date")
        if s.empty:
            continue
        color = SERIES_COLORS.get(series, POLL_PALETTE[i % len(POLL_PALETTE)])
        x = _decimal_year(s["date"])
        years += x.tolist()
        fieldwork = (s["dated_by"] == "fieldwork").to_numpy()
        ax.scatter(x[fieldwork], s["value"][fieldwork], color=color, s=28, zorder=3, label=label)
        if (~fieldwork).any():
            hollow = True
            ax.scatter(x[~fieldwork], s["value"][~fieldwork], facecolors="white", edgecolors=color,
                       linewidths=1.4, s=28, zorder=3,
                       label=None if fieldwork.any() else label)  # fmt: skip
        rng = s["lo"].notna().to_numpy()
        if rng.any():
            ax.vlines(x[rng], s["lo"][rng], s["hi"][rng], color=color, lw=2.2, zorder=2)
        for xi, v in zip(x, s["value"]):
            ax.annotate(_pct_label(v), (xi, v), xytext=(4, 2), textcoords="offset points",
                        fontsize=MIN_FONT_PT, color=color)  # fmt: skip
    if hollow:
        ax.scatter([], [], facecolors="white", edgecolors="#666666", s=28,
                   label="hollow: dated by publication (fieldwork not reported)")  # fmt: skip
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of respondents")
    _year_axis(ax, years)
    ax.set_title(title, fontsize=10)
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize=MIN_FONT_PT)
    return ax
