"""Charts: each ``plot_*`` function takes an ``ax``, draws on it and returns it.

Styling lives in :data:`STYLE` and :func:`use_style`; colours in :data:`COLORS`.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

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
    "security.shared_igos": COLORS["total"],
    "security.igo_memberships_a": COLORS["muted"],
    "security.arms_supplier_share": COLORS["imports"],
    "security.arms_supplier_hhi": COLORS["balance"],
    "security.conflict_a": COLORS["exports"],
    "security.conflict_b": COLORS["imports"],
    "security.cinc_share_a": COLORS["accent"],
    "security.conflict_opposed": COLORS["balance"],
}

#: Colours of membership statuses in the membership timeline.
STATUS_COLORS = {
    "member": "#1f5f8b",
    "frozen": "#e39b2d",
    "suspended": "#e39b2d",
    "associate": "#7fa7c4",
    "observer": "#b7c4cf",
    "signatory": "#cfd8df",
    "ratified": "#9fb6c8",
}

#: Markers of curated events that do not change a status, or that end one.
EVENT_MARKERS = {
    "froze participation": ("D", "#b35900"),
    "suspended": ("D", "#b35900"),
    "stopped funding": ("v", "#b35900"),
    "left": ("X", "#8b1f1f"),
    "withdrew signature": ("X", "#8b1f1f"),
    "participated": ("|", "#444444"),
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
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    return ax


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


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Create a figure in the house style (``plt.subplots`` with the style's size)."""
    use_style(svg=False)
    return plt.subplots(nrows, ncols, **kwargs)
