"""Charts of the economic relationship: trade flows, monthly trade, share and rank, top partners."""

from __future__ import annotations

import pandas as pd

from analysis.charts.markers import mark_source_changes
from analysis.charts.style import COLORS, MIN_FONT_PT, SERIES_COLORS, _series


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
                fontsize=MIN_FONT_PT,
                color="#444444",
            )
    ax.set_ylabel("% of total trade")
    ax.set_ylim(bottom=0)
    ax.set_title(
        f"{name_b}'s share of {name_a}'s trade (labels: rank among partners, where it changes)"
    )
    mark_source_changes(ax, share)
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
