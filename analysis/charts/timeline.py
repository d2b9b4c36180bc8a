"""Charts of diplomacy: the event timeline and leader contacts."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd

from analysis.charts.markers import IMPORTANCE_SIZES, TONE_COLORS
from analysis.charts.style import COLORS, MIN_FONT_PT, _series


def plot_event_timeline(ax, events: pd.DataFrame, categories: tuple[str, ...], title: str):
    """Draw events as dots on one row per category: colour = tone, size = importance."""
    rows = {c: i for i, c in enumerate(reversed(categories))}
    for tone, g in events.groupby("tone"):
        ax.scatter(
            g["date"],
            g["category"].map(rows),
            s=g["importance"].map(IMPORTANCE_SIZES),
            color=TONE_COLORS[int(tone)],
            edgecolor="white",
            linewidth=0.5,
            zorder=3,
            label=f"{int(tone):+d}" if tone else "0",
        )
    ax.set_yticks(list(rows.values()), list(rows.keys()))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: int(labels[i]))
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        title="tone (−2 … +2)",
        loc="upper left",
        ncols=5,
        fontsize=MIN_FONT_PT,
        title_fontsize=MIN_FONT_PT,
        bbox_to_anchor=(0, -0.12),
    )
    return ax


def plot_leader_contacts(ax, panel: pd.DataFrame, title: str):
    """Draw the documented leader meetings (and calls, where a year is complete) per year.

    Only years with a documented meeting have a bar: the curated record is a lower bound, and a
    year without a bar is unknown, not zero.
    """
    meet = _series(panel, "diplomacy.leader_meetings")
    call = _series(panel, "diplomacy.leader_calls")
    w = 0.4 if len(call) else 0.7
    ax.bar(meet["year"] - (w / 2 if len(call) else 0), meet["value"], w,
           color=COLORS["exports"], label="Documented meetings (lower bound)")  # fmt: skip
    if len(call):
        ax.bar(call["year"] + w / 2, call["value"], w, color="#9cc3e0", label="Phone calls")
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_ylabel("contacts")
    ax.set_title(title)
    ax.legend(loc="upper left", ncols=2)
