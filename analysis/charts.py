"""Charts: each ``plot_*`` function takes an ``ax``, draws on it and returns it.

Styling lives in :data:`STYLE` and :func:`use_style`; colours in :data:`COLORS`.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

COLORS = {
    "exports": "#1f5f8b",
    "imports": "#c0504d",
    "balance": "#555555",
    "total": "#1f5f8b",
    "noncommercial": "#e39b2d",
    "accent": "#2a7f62",
    "muted": "#9a9a9a",
}

#: Colour of each indicator wherever it is drawn.
SERIES_COLORS = {
    "trade.exports_a_to_b": COLORS["exports"],
    "trade.imports_a_from_b": COLORS["imports"],
    "trade.dependence_gdp": COLORS["total"],
    "trade.salience": COLORS["total"],
    "trade.symmetry": COLORS["noncommercial"],
    "remittances.transfers_b_to_a": COLORS["total"],
    "remittances.transfers_b_to_a_noncommercial": COLORS["noncommercial"],
    "remittances.transfers_a_to_b": COLORS["accent"],
    "remittances.transfers_gdp": COLORS["noncommercial"],
}

STYLE = {
    "figure.figsize": (8.0, 3.6),
    "figure.dpi": 110,
    "savefig.bbox": "tight",
    "font.size": 9.5,
    "font.family": "DejaVu Sans",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.7,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "bilateral",
}


def use_style(svg: bool = True) -> None:
    """Apply the house style; in a notebook, also show figures as SVG."""
    mpl.rcParams.update(STYLE)
    if svg:
        try:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("svg")
        except ImportError:  # outside IPython
            pass


def _series(panel: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return panel[panel["indicator"] == indicator].sort_values("year")


def mark_year(ax, year: float, label: str | None = None):
    """Draw a dashed vertical line at ``year`` with an optional label at the top."""
    ax.axvline(year, color=COLORS["muted"], linestyle="--", linewidth=0.9, zorder=0)
    if label:
        ax.annotate(
            label,
            (year, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            va="top",
            fontsize=8,
            color="#444444",
        )
    return ax


def mark_source_changes(ax, series: pd.DataFrame):
    """Mark the years where the source of a series changes (e.g. IMF DOTS to Armstat)."""
    s = series.sort_values("year")
    change = s["source"].ne(s["source"].shift()) & s["source"].shift().notna()
    for _, row in s[change].iterrows():
        ax.axvline(row["year"] - 0.5, color="#bbbbbb", linewidth=0.8, linestyle=":", zorder=0)
        ax.annotate(
            f"source: {row['source']} →",
            (row["year"] - 0.5, 0.02),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=7.5,
            color="#777777",
        )
    return ax


def plot_trade_flows(ax, panel: pd.DataFrame, name_a: str, name_b: str):
    """Draw exports of a to b, imports of a from b (bars) and the balance (line)."""
    ex = _series(panel, "trade.exports_a_to_b")
    im = _series(panel, "trade.imports_a_from_b")
    bal = _series(panel, "trade.balance")
    w = 0.4
    ax.bar(
        ex["year"] - w / 2, ex["value"], w, color=COLORS["exports"], label=f"Exports to {name_b}"
    )
    ax.bar(
        im["year"] + w / 2, im["value"], w, color=COLORS["imports"], label=f"Imports from {name_b}"
    )
    ax.plot(
        bal["year"],
        bal["value"],
        color=COLORS["balance"],
        marker="o",
        ms=2.5,
        lw=1.2,
        label="Balance",
    )
    ax.axhline(0, color="#333333", lw=0.6)
    ax.set_ylabel("USD million")
    ax.set_title(f"{name_a}'s merchandise trade with {name_b}")
    ax.legend(loc="upper left", ncols=3)
    mark_source_changes(ax, ex)
    return ax


def plot_monthly(
    ax, monthly: pd.DataFrame, indicators: dict[str, str], title: str, window: int = 12
):
    """Draw monthly series as rolling ``window``-month sums (USD million per 12 months).

    ``indicators`` maps an indicator id to its legend label; colours follow :data:`SERIES_COLORS`.
    """
    for ind, label in indicators.items():
        s = monthly[monthly["indicator"] == ind].sort_values("month")
        if s.empty:
            continue
        x = pd.to_datetime(s["month"] + "-01")
        y = s["value"].rolling(window).sum()
        ax.plot(x, y, lw=1.6, label=label, color=SERIES_COLORS.get(ind))
    ax.set_ylabel(f"USD million, rolling {window} months")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(loc="upper left")
    return ax


def plot_share_rank(ax, panel: pd.DataFrame, name_a: str, name_b: str):
    """Draw b's share of a's trade (line) with b's rank among a's partners as labels."""
    share = _series(panel, "trade.partner_share")
    rank = _series(panel, "trade.partner_rank").set_index("year")["value"]
    ax.plot(share["year"], share["value"], color=COLORS["accent"], marker="o", ms=3, lw=1.6)
    years = list(share["year"])
    for i, (y, v) in enumerate(zip(share["year"], share["value"])):
        changed = i == 0 or i == len(years) - 1 or rank.get(y) != rank.get(years[i - 1])
        if y in rank.index and changed:
            ax.annotate(
                f"#{rank[y]:.0f}",
                (y, v),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color="#444444",
            )
    ax.set_ylabel("% of total trade")
    ax.set_ylim(bottom=0)
    ax.set_title(
        f"{name_b}'s share of {name_a}'s trade (labels: rank among partners, where it changes)"
    )
    mark_source_changes(ax, share)
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
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(loc=legend)
    return ax


def plot_top_partners(ax, partners: pd.DataFrame, year: int, names: dict[str, str], highlight: str):
    """Draw a's largest partners in ``year`` as horizontal bars of their trade share."""
    p = partners[partners["year"] == year].sort_values("share")
    labels = [names.get(c, c) for c in p["partner"]]
    colors = [COLORS["accent"] if c == highlight else "#b7c4cf" for c in p["partner"]]
    ax.barh(labels, p["share"], color=colors)
    for i, v in enumerate(p["share"]):
        ax.annotate(
            f"{v:.1f}%", (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    ax.set_xlabel("% of total trade")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title(f"Largest partners, {year}")
    return ax


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Create a figure in the house style (``plt.subplots`` with the style's size)."""
    use_style(svg=False)
    return plt.subplots(nrows, ncols, **kwargs)
