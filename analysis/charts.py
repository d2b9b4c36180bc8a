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

#: Colour of each index dimension (and of the overall index) wherever it is drawn.
DIMENSION_COLORS = {
    "economy": "#1f5f8b",
    "security": "#c0504d",
    "alignment": "#7b5ea7",
    "society": "#e39b2d",
    "diplomacy": "#2a7f62",
    "index": "#222222",
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


def plot_index_dimensions(ax, ax_cov, scores: pd.DataFrame, titles: dict[str, str]):
    """Draw the dimension scores and the index (``ax``) and each dimension's coverage (``ax_cov``).

    ``scores`` holds one pair's rows of :func:`analysis.index.compute_scores`. The coverage
    strip shades each year by the share of the dimension's indicators present (white = none,
    dark = all), with the share written where it changes.
    """
    dims = [d for d in titles if d != "index" and d in set(scores["dimension"])]
    for dim in [*dims, "index"]:
        s = scores[scores["dimension"] == dim].sort_values("year")
        if s.empty:
            continue
        main = dim == "index"
        ax.plot(
            s["year"],
            s["score"],
            color=DIMENSION_COLORS.get(dim),
            lw=2.4 if main else 1.3,
            marker=None if main else "o",
            ms=2.2,
            label=titles[dim],
            zorder=3 if main else 2,
        )
    ax.set_ylim(0, 100)
    ax.set_ylabel("score (0-100, higher = closer)")
    ax.legend(loc="lower left", ncols=3, fontsize=8)
    years = sorted(set(scores["year"]))
    for row, dim in enumerate(dims):
        s = scores[scores["dimension"] == dim].set_index("year")["coverage"].reindex(years)
        ax_cov.scatter(
            years,
            [row] * len(years),
            c=s.fillna(0).to_numpy(),
            cmap="Greys",
            vmin=0,
            vmax=1.15,
            marker="s",
            s=36,
            edgecolors="#bbbbbb",
            linewidths=0.4,
        )
        prev = None
        for y, v in s.items():
            if pd.notna(v) and v != prev:
                ax_cov.annotate(
                    f"{v:.0%}",
                    (y, row),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color="#444444",
                )
            prev = v if pd.notna(v) else None
    ax_cov.set_yticks(range(len(dims)), [titles[d] for d in dims], fontsize=8)
    ax_cov.set_ylim(len(dims) - 0.4, -0.6)
    ax_cov.grid(False)
    ax_cov.spines[["left", "bottom"]].set_visible(False)
    ax_cov.tick_params(length=0)
    ax_cov.set_title("Coverage: share of each dimension's indicators with data", fontsize=9)
    return ax


def plot_sensitivity(ax, band: pd.DataFrame, loo: pd.DataFrame, n: int):
    """Draw the index with the band it spans under ``n`` random weightings and leave-one-out.

    ``band`` is :func:`analysis.index.compute_weighting_band`; ``loo`` is
    :func:`analysis.index.compute_leave_one_out` (one thin line per indicator left out).
    """
    ax.fill_between(
        band["year"],
        band["min"],
        band["max"],
        color="#dfe7ee",
        lw=0,
        label=f"All {n:,} random weightings",
    )
    ax.fill_between(
        band["year"],
        band["lo"],
        band["hi"],
        color="#a9bfd1",
        lw=0,
        label="5-95% of random weightings",
    )
    for i, (_, g) in enumerate(loo.groupby("left_out")):
        g = g.sort_values("year")
        ax.plot(
            g["year"],
            g["score"],
            color="#777777",
            lw=0.7,
            ls="--",
            label="One indicator left out" if i == 0 else None,
        )
    ax.plot(band["year"], band["score"], color=DIMENSION_COLORS["index"], lw=2.2, label="Index")
    ax.set_ylim(0, 100)
    ax.set_ylabel("index (0-100)")
    ax.set_title("The index under other weightings and without each indicator")
    ax.legend(loc="lower left", ncols=2, fontsize=8)
    return ax


def plot_peer_dots(ax, ranks: pd.DataFrame, dimension: str, title: str):
    """Draw one dimension's latest scores of the pair and its peers as a sorted dot plot.

    ``ranks`` is :func:`analysis.index.rank_peers`; the focal pair is highlighted and scores
    from an earlier year than the focal pair's are hollow.
    """
    r = ranks[ranks["dimension"] == dimension].sort_values("score")
    labels = [f"{a}–{b}" for a, b in zip(r["country_a"], r["country_b"])]
    ypos = range(len(r))
    for y, (_, row) in zip(ypos, r.iterrows()):
        color = COLORS["accent"] if row["focal"] else "#5b7186"
        ax.plot([0, row["score"]], [y, y], color="#e3e3e3", lw=0.8, zorder=1)
        ax.scatter(
            row["score"],
            y,
            s=46 if row["focal"] else 30,
            zorder=3,
            facecolors="white" if row["stale"] else color,
            edgecolors=color,
            linewidths=1.3,
        )
    ax.set_yticks(list(ypos), labels, fontsize=8)
    for tick, focal in zip(ax.get_yticklabels(), r["focal"]):
        if focal:
            tick.set_fontweight("bold")
            tick.set_color(COLORS["accent"])
    ax.set_xlim(0, 100)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    if len(r) == 1:
        title += " (no peer has data)"
    ax.set_title(title, fontsize=9.5)
    return ax


def plot_breaks(ax, series: pd.Series, breaks: pd.DataFrame, title: str, ylabel: str):
    """Draw a series with its detected breaks: a line at each, its date interval shaded.

    ``series`` is indexed by year; ``breaks`` holds its rows of
    :func:`analysis.breaks.detect_breaks` (``period``, ``lo_period``, ``hi_period``, ``p_value``).
    """
    s = series.sort_index()
    ax.plot(s.index, s.to_numpy(), color=COLORS["total"], marker="o", ms=2.5, lw=1.5)
    for i, (_, b) in enumerate(breaks.sort_values("period").iterrows()):
        ax.axvspan(b["lo_period"] - 0.5, b["hi_period"] + 0.5, color="#f3d9b1", lw=0, zorder=0)
        mark_year(ax, b["period"] - 0.5)
        ax.annotate(
            f"{b['period']}, p={b['p_value']:.3f}",
            (b["period"] - 0.5, 1 - 0.11 * (i % 2)),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            va="top",
            fontsize=7.5,
            color="#444444",
        )
    ax.set_title(title, fontsize=9.5)
    ax.set_ylabel(ylabel)
    return ax


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Create a figure in the house style (``plt.subplots`` with the style's size)."""
    use_style(svg=False)
    return plt.subplots(nrows, ncols, **kwargs)
