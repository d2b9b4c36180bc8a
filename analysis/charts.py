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
    "alignment.unga_agreement": COLORS["accent"],
    "alignment.unga_kappa": COLORS["exports"],
    "alignment.unga_s_score": COLORS["noncommercial"],
    "alignment.idealpoint_a": COLORS["exports"],
    "alignment.idealpoint_b": COLORS["imports"],
    "alignment.idealpoint_distance": COLORS["balance"],
}

#: How charts name a source where a series changes source (default: the source id).
SOURCE_LABELS = {
    "imf_dots": "IMF DOTS",
    "armstat": "Armstat",
    "unvotes": "Voeten (unvotes)",
    "undl_2020_2024": "UN Digital Library extract",
    "undl_2025_thirdparty_scrape": "third-party scrape",
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
    """Mark the years where the source of a series changes (e.g. IMF DOTS to Armstat).

    Each change gets a dotted line and a label naming the new source (:data:`SOURCE_LABELS`);
    successive labels are stacked so they do not overlap.
    """
    s = series.sort_values("year")
    change = s["source"].ne(s["source"].shift()) & s["source"].shift().notna()
    for i, (_, row) in enumerate(s[change].iterrows()):
        ax.axvline(row["year"] - 0.5, color="#bbbbbb", linewidth=0.8, linestyle=":", zorder=0)
        ax.annotate(
            f"source: {SOURCE_LABELS.get(row['source'], row['source'])} →",
            (row["year"] - 0.5, 0.02 + 0.08 * i),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=7.5,
            color="#777777",
        )
    return ax


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


def plot_agreement(ax, panel: pd.DataFrame, name_a: str, name_b: str, indicator=None):
    """Draw UNGA agreement (%) with its bootstrap interval and the source changes."""
    indicator = indicator or "alignment.unga_agreement"
    plot_interval(ax, panel, indicator, "Agreement (95% bootstrap interval shaded)")
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of joint votes identical")
    ax.set_title(f"{name_a} and {name_b}: same vote at the UN General Assembly")
    ax.legend(loc="upper right")
    mark_source_changes(ax, _series(panel, indicator))
    return ax


def plot_joint_votes(ax, panel: pd.DataFrame, indicator=None):
    """Draw the number of roll calls on which both countries voted (the agreement's base)."""
    s = _series(panel, indicator or "alignment.unga_joint_votes")
    ax.bar(s["year"], s["value"], width=0.7, color=COLORS["muted"])
    ax.set_ylabel("joint votes")
    ax.set_title("Roll calls on which both voted", fontsize=9.5)
    return ax


def plot_idealpoints(ax, panel: pd.DataFrame, name_a: str, name_b: str):
    """Draw both countries' ideal points with their 5-95% posterior bands."""
    plot_interval(ax, panel, "alignment.idealpoint_a", name_a)
    plot_interval(ax, panel, "alignment.idealpoint_b", name_b)
    ax.axhline(0, color="#333333", lw=0.6)
    ax.set_ylabel("ideal point (5-95% band)")
    ax.set_title(f"UNGA ideal points of {name_a} and {name_b}")
    ax.legend(loc="best")
    return ax


def plot_idealpoint_positions(
    ax, table: pd.DataFrame, year: int, names: dict[str, str], highlight: tuple[str, ...]
):
    """Draw the ideal points of several countries in ``year`` as dots with 5-95% bars."""
    t = table[table["year"] == year].sort_values("idealpoint")
    labels = [names.get(c, c) for c in t["country"]]
    colors = [COLORS["accent"] if c in highlight else "#7f8c99" for c in t["country"]]
    ys = range(len(t))
    ax.hlines(ys, t["lo"], t["hi"], color=colors, lw=2, alpha=0.5)
    ax.scatter(t["idealpoint"], ys, color=colors, zorder=3, s=18)
    ax.set_yticks(list(ys), labels)
    ax.axvline(0, color="#333333", lw=0.6)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("ideal point (5-95% band)")
    ax.set_title(f"Ideal points in {year}")
    return ax


def plot_issue_agreement(axes, panel: pd.DataFrame, issues: dict[str, str]):
    """Draw agreement by issue as small multiples, each with the all-votes agreement in grey."""
    overall = _series(panel, "alignment.unga_agreement")
    for ax, (code, label) in zip(axes, issues.items()):
        ind = f"alignment.unga_agreement_{code}"
        ax.plot(overall["year"], overall["value"], color="#c8c8c8", lw=1.2, label="all votes")
        plot_interval(ax, panel, ind, label, COLORS["accent"])
        ax.set_ylim(0, 100)
        ax.set_title(label, fontsize=9.5)
    return axes


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
