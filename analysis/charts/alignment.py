"""Charts of political alignment: UN General Assembly agreement, joint votes, ideal points, issues."""

from __future__ import annotations

import pandas as pd

from analysis.charts.generic import plot_interval
from analysis.charts.markers import mark_source_changes
from analysis.charts.style import COLORS, _series


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
