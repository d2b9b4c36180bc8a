"""Charts of the closeness index: dimension scores, sensitivity, peers, breaks."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.charts.markers import mark_year
from analysis.charts.style import COLORS, DIMENSION_COLORS, MIN_FONT_PT, _set_ylabel


def plot_index_dimensions(ax, ax_cov, scores: pd.DataFrame, titles: dict[str, str]):
    """Draw the dimension scores and the index (``ax``) and each dimension's coverage (``ax_cov``).

    ``scores`` holds one pair's rows of :func:`analysis.index.compute_scores`. The coverage
    strip shades each year by the share of the dimension's indicators present (white = none,
    dark = all), with the latest share written right of each row.
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
    ax_cov.set_ylim(len(dims) - 0.4, -0.6)
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
        # The latest share, right of the row: one label per row never runs into another
        # (the shading shows every year; a label per change ran together where it changed
        # every year).
        latest = s.dropna()
        if len(latest):
            ax_cov.annotate(
                f"{latest.iloc[-1]:.0%} in {latest.index[-1]}",
                (1, row),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=MIN_FONT_PT,
                color="#444444",
                annotation_clip=False,
                gid="coverage-label",
            )
    ax_cov.set_yticks(range(len(dims)), [titles[d] for d in dims], fontsize=8)
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
            fontsize=MIN_FONT_PT,
            color="#444444",
        )
    if not isinstance(series.index, pd.DatetimeIndex):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2002.5
    ax.set_title(title, fontsize=9.5)
    _set_ylabel(ax, ylabel)
    return ax
