"""Charts of security ties: arms transfers, suppliers, alliance flags, memberships."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.charts.markers import EVENT_MARKERS
from analysis.charts.style import COLORS, STATUS_COLORS, _series


def plot_arms_by_year(ax, panel: pd.DataFrame, name_a: str, name_b: str):
    """Draw a's arms imports per year as stacked bars: from b, and from all other suppliers."""
    from_b = _series(panel, "security.arms_tiv_b_to_a").set_index("year")["value"]
    total = _series(panel, "security.arms_imports_a").set_index("year")["value"]
    others = (total - from_b.reindex(total.index, fill_value=0.0)).clip(lower=0)
    ax.bar(from_b.index, from_b, color=COLORS["imports"], label=f"From {name_b}", width=0.7)
    ax.bar(
        others.index,
        others,
        bottom=from_b.reindex(others.index, fill_value=0.0),
        color="#b7c4cf",
        label="From other suppliers",
        width=0.7,
    )
    ax.set_ylabel("TIV million")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Arms delivered to {name_a} each year")
    ax.legend(loc="upper left")
    return ax


def plot_arms_suppliers(
    ax, suppliers: pd.DataFrame, names: dict[str, str], highlight: str, title: str
):
    """Draw a's arms imports by supplier and period as stacked bars (TIV million).

    ``suppliers`` is a top-suppliers table (``period, supplier, tiv, rank``); the partner
    ``highlight`` is drawn first and in the accent colour, 'Others' last in grey.
    """
    periods = sorted(suppliers["period"].unique())
    order = (
        suppliers[suppliers["supplier"] != "Others"]
        .groupby("supplier")["tiv"]
        .sum()
        .sort_values(ascending=False)
        .index.tolist()
    )
    if highlight in order:
        order.remove(highlight)
        order.insert(0, highlight)
    if (suppliers["supplier"] == "Others").any():
        order.append("Others")
    palette = ["#1f5f8b", "#7fa7c4", "#2a7f62", "#8fc1a9", "#e39b2d", "#f2c98a", "#8e6c8a",
               "#c4a8c1", "#555555", "#b0b0b0"]  # fmt: skip
    colors, k = {}, 0
    for sup in order:
        if sup == highlight:
            colors[sup] = COLORS["imports"]
        elif sup == "Others":
            colors[sup] = "#d0d0d0"
        else:
            colors[sup] = palette[k % len(palette)]
            k += 1
    bottom = pd.Series(0.0, index=periods)
    for sup in order:
        v = suppliers[suppliers["supplier"] == sup].set_index("period")["tiv"]
        v = v.reindex(periods, fill_value=0.0)
        ax.bar(periods, v, bottom=bottom, color=colors[sup], label=names.get(sup, sup), width=0.6)
        bottom += v
    ax.set_ylabel("TIV million over the period")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return ax


def plot_flags(ax, panel: pd.DataFrame, indicators: dict[str, str], title: str):
    """Draw 0/1 indicators as strips: filled where 1, pale where 0, hatched where curated."""
    labels = list(indicators.values())
    for i, ind in enumerate(indicators):
        s = _series(panel, ind)
        for year, value, source in zip(s["year"], s["value"], s["source"]):
            color = COLORS["total"] if value >= 1 else "#e8e8e8"
            ax.barh(
                i, 1, left=year - 0.5, height=0.6, color=color, edgecolor="white", linewidth=0.3,
                hatch="///" if source == "curated" else None,
            )  # fmt: skip
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title(title)
    return ax


def plot_membership_timeline(
    ax, spans: pd.DataFrame, events: pd.DataFrame, rows: list[tuple[str, str]], labels: list[str]
):
    """Draw memberships as bars per (organisation, country) row, with curated event markers.

    ``spans``: ``country, organisation, status, first_year, last_year, source`` (curated spans
    hatched); ``events``: curated ``country, organisation, event, event_date``.
    """
    seen = set()
    for i, (org, country) in enumerate(rows):
        sp = spans[(spans["organisation"] == org) & (spans["country"] == country)]
        for r in sp.itertuples():
            label = r.status if r.status not in seen else None
            seen.add(r.status)
            ax.barh(
                i, r.last_year - r.first_year + 1, left=r.first_year - 0.5, height=0.55,
                color=STATUS_COLORS.get(r.status, "#999999"), label=label,
                hatch="///" if r.source == "curated" else None, edgecolor="white", linewidth=0.3,
            )  # fmt: skip
        ev = events[(events["organisation"] == org) & (events["country"] == country)]
        for e in ev.itertuples():
            if e.event in EVENT_MARKERS:
                marker, color = EVENT_MARKERS[e.event]
                d = e.event_date
                x = d.year + (d.timetuple().tm_yday - 1) / 366 - 0.5
                label = e.event if e.event not in seen else None
                seen.add(e.event)
                ax.plot(x, i, marker=marker, color=color, ms=7, ls="none", label=label, zorder=3)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return ax
