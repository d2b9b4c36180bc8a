"""Charts: each ``plot_*`` function takes an ``ax``, draws on it and returns it.

Styling lives in :data:`STYLE` and :func:`use_style`; colours in :data:`COLORS`.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.indicators import INDICATORS

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
    "remittances.received_all_gdp": COLORS["muted"],
    "remittances.estimate_b_to_a_wb2017": COLORS["imports"],
    "migration.stock_a_in_b": COLORS["exports"],
    "migration.stock_b_in_a": COLORS["imports"],
    "opinion.partner_main_friend": COLORS["accent"],
    "opinion.relations_good": COLORS["exports"],
    "opinion.relations_bad": "#7f5a9e",
    "opinion.partner_main_threat": COLORS["imports"],
    "opinion.partner_economic_threat": COLORS["noncommercial"],
    "opinion.partner_political_partner": "#17becf",
    "opinion.partner_security_partner": "#8c6d31",
    "opinion.partner_main_enemy": "#555555",
    "alignment.unga_agreement": COLORS["accent"],
    "alignment.unga_kappa": COLORS["exports"],
    "alignment.unga_s_score": COLORS["noncommercial"],
    "alignment.idealpoint_a": COLORS["exports"],
    "alignment.idealpoint_b": COLORS["imports"],
    "alignment.idealpoint_distance": COLORS["balance"],
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

#: How charts name a source where a series changes source (default: the source id): a short
#: label, explained with the source's full citation in the report's methodology
#: (:func:`analysis.tables.render_chart_source_labels_html`).
SOURCE_LABELS = {
    "imf_dots": "IMF DOTS",
    "armstat": "Armstat",
    "unvotes": "Voeten",
    "undl_2020_2024": "UNDL",
    "undl_2025_thirdparty_scrape": "3rd-party scrape",
}

#: Colours of poll series keyed by response (countries, blocs), in order of the labels given.
POLL_PALETTE = ["#2a7f62", "#1f5f8b", "#c0504d", "#e39b2d", "#7f5a9e", "#9a9a9a"]

#: Colour of each index dimension (and of the overall index) wherever it is drawn.
DIMENSION_COLORS = {
    "economy": "#1f5f8b",
    "security": "#c0504d",
    "alignment": "#7b5ea7",
    "society": "#e39b2d",
    "diplomacy": "#2a7f62",
    "index": "#222222",
}

#: Smallest text of any chart, in points (SVG user units). A report shows a chart no smaller than
#: 10 CSS px per 8 pt (``analysis.html.MIN_CHART_TEXT_PX``), so no text is below 10 px on a phone.
MIN_FONT_PT = 8.0
#: Size of the event numbers and of their key.
EVENT_FONT_PT = MIN_FONT_PT


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
    # A legend sits on a white, borderless box: event and source lines never run through it.
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.facecolor": "white",
    "legend.edgecolor": "none",
    "legend.fancybox": False,
    "svg.fonttype": "none",
    # Text is drawn as written: a "$" in a curated title or a name is a dollar sign, not the
    # start of matplotlib mathtext (which would fail on an odd "$" or typeset "$x$" as math).
    "text.parse_math": False,
    "svg.hashsalt": "bilateral",
}


#: Units of the registry that are no axis label (an index without a unit).
NO_UNIT = frozenset({"", "—", "–", "-"})
#: Axis labels of the indicators without a unit, by id (issue variants ``<id>_<code>`` too).
AXIS_LABELS = {
    "alignment.unga_kappa": "Cohen's kappa (1 = same votes, 0 = as by chance)",
    "alignment.unga_s_score": "S score (-1 opposite to 1 same)",
    "alignment.idealpoint_distance": "distance between ideal points",
    "alignment.idealpoint_a": "ideal point",
    "alignment.idealpoint_b": "ideal point",
}


def axis_label(indicator: str, log: bool = False) -> str:
    """Return the y-axis label of an indicator: its unit, or what it measures when it has none.

    Examples
    --------
    >>> axis_label("alignment.unga_kappa_hr")
    "Cohen's kappa (1 = same votes, 0 = as by chance)"
    >>> axis_label("trade.total", log=True)
    'ln(USD million)'
    """
    label = next(
        (v for k, v in AXIS_LABELS.items() if indicator == k or indicator.startswith(k + "_")),
        None,
    )
    if label is None:
        meta = INDICATORS.get(indicator)
        unit = meta.unit.strip() if meta is not None else ""
        label = unit if unit not in NO_UNIT else "value"
    return f"ln({label})" if log else label


def _renderer(fig):
    """Return a renderer to measure text with (a figure made without pyplot gets Agg's)."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # only for such figures

        get = FigureCanvasAgg(fig).get_renderer
    return get()


def _set_ylabel(ax, label: str) -> None:
    """Set a y-axis label; a placeholder such as "—" is refused (see :func:`axis_label`)."""
    if str(label).strip() in NO_UNIT:
        raise ValueError(f"{label!r} is no axis label; use charts.axis_label(indicator)")
    ax.set_ylabel(label)


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

    Each change gets a dotted line and, at the foot of the axis, a short label naming the new
    source (:data:`SOURCE_LABELS`; the methodology gives each label's full citation). A label
    sits on a white box above the event lines, so no line runs through its text, and a label
    that would touch the one before it goes one row up.
    """
    s = series.sort_values("year")
    change = s["source"].ne(s["source"].shift()) & s["source"].shift().notna()
    ax.get_xlim()  # settle the limits: labels are measured where they will be drawn
    renderer = _renderer(ax.get_figure())
    placed = []
    for _, row in s[change].iterrows():
        x = row["year"] - 0.5
        ax.axvline(x, color="#bbbbbb", linewidth=0.8, linestyle=":", zorder=0)
        label = ax.annotate(
            f"→ {SOURCE_LABELS.get(row['source'], row['source'])}",
            (x, 0.03),
            xycoords=("data", "axes fraction"),
            xytext=(2, 0),
            textcoords="offset points",
            fontsize=MIN_FONT_PT,
            color="#555555",
            bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            zorder=2,  # above the event lines (0.5), below the axis lines (2.5)
            gid="source-change",
        )
        level = 0
        while any(label.get_window_extent(renderer).overlaps(p) for p in placed) and level < 6:
            level += 1
            label.xyann = (2, 1.6 * MIN_FONT_PT * level)
        placed.append(label.get_window_extent(renderer))
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


def plot_lines(
    ax, panel: pd.DataFrame, indicators: dict[str, str], title: str, ylabel: str, legend="best"
):
    """Draw several panel indicators as lines on one axis (colours from :data:`SERIES_COLORS`)."""
    for ind, label in indicators.items():
        s = _series(panel, ind)
        if len(s):
            color = SERIES_COLORS.get(ind)
            ax.plot(s["year"], s["value"], marker="o", ms=2.5, lw=1.6, label=label, color=color)
    _set_ylabel(ax, ylabel)
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
    _set_ylabel(ax, ylabel)
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


#: Colour of each step of the timeline's tone scale (-2 strongly conflictual ... +2 strongly
#: cooperative), a diverging red-grey-blue palette that reads in greyscale too.
TONE_COLORS = {-2: "#b2182b", -1: "#e07b5f", 0: "#8c8c8c", 1: "#5fa2ce", 2: "#1f5f8b"}

#: Marker size of each importance level (1 landmark, 2 major, 3 minor) in the event chart.
IMPORTANCE_SIZES = {1: 70, 2: 36, 3: 16}


def _uses_dates(ax) -> bool:
    """Return True when the x axis of ``ax`` holds dates (matplotlib's date converter)."""
    get = getattr(ax.xaxis, "get_converter", None)
    conv = get() if get else getattr(ax.xaxis, "converter", None)
    # matplotlib's date converters (DateConverter, ConciseDateConverter and the switchable
    # default) all live in matplotlib.dates.
    return conv is not None and type(conv).__module__ == mdates.__name__


def event_positions(dates: pd.Series, date_axis: bool) -> pd.Series:
    """Return x positions of event dates: datetimes on a date axis, fractional years otherwise.

    On an annual axis the value of year ``Y`` is drawn at ``Y`` and stands for the whole year,
    so an event on day ``d`` of ``Y`` goes to ``Y - 0.5 + (d - 0.5) / days_in_year``: inside
    the bar or the stretch of line that the year occupies.
    """
    dates = pd.to_datetime(dates)
    if date_axis:
        return pd.Series(mdates.date2num(dates), index=dates.index)
    frac = (dates.dt.day_of_year - 0.5) / (365 + dates.dt.is_leap_year.astype(int))
    return dates.dt.year - 0.5 + frac


def _marker_gap_px(ax) -> float:
    """Return the width of an event number's circle in display pixels, with a margin."""
    # a one- or two-digit number in a circle padded by 0.2 of the font size, plus 15% room for
    # the axis to shrink when the figure is laid out (tight_layout) after the marks are drawn
    return EVENT_FONT_PT * 1.9 * ax.get_figure().dpi / 72 * 1.15


def _group_marks(ev: pd.DataFrame, px: list[float], min_gap: float) -> list[int]:
    """Return a marker number for each event (sorted by x): one per year, and one for years
    whose markers would touch (closer than ``min_gap`` pixels to the group's first marker)."""
    years = pd.to_datetime(ev["date"]).dt.year.tolist()
    numbers, n, first_px, year = [], 0, None, None
    for x, y in zip(px, years):
        if n == 0 or (y != year and x - first_px >= min_gap):
            n += 1
            first_px = x
        year = y
        numbers.append(n)
    return numbers


def mark_events(
    ax,
    events: pd.DataFrame,
    *,
    categories: tuple[str, ...] | list[str] | None = None,
    max_importance: int = 2,
    max_events: int = 14,
    key: bool = True,
    key_columns: int = 2,
) -> pd.DataFrame:
    """Mark timeline events on a time-series axis: a thin line per event, numbered markers, a key.

    Works on annual axes (x in years, events placed inside their year, see
    :func:`event_positions`) and on date axes (x in datetimes, detected from the axis). Each event
    gets a vertical line coloured by its tone (:data:`TONE_COLORS`). Events of one year share one
    numbered marker at the top of the axis (at the year's first event), and so do years whose
    markers would touch: markers never stack. The key below the axis (``key=True``) lists each
    number with the date and full title of every event it stands for, wrapped, never cut.

    Parameters
    ----------
    ax : matplotlib Axes
        An axis that already shows the series (its x limits decide which events are in range).
    events : DataFrame
        Timeline rows (:func:`analysis.curated.get_timeline`): ``date, title, category, tone,
        importance``.
    categories : sequence of str, optional
        Keep only these categories.
    max_importance : int
        Keep events of importance 1 to ``max_importance`` (1 landmarks, 2 major, 3 minor).
    max_events : int
        At most this many events: the most important first, then the latest.
    key : bool
        Draw the numbered key (date and title of each event) under the axis.
    key_columns : int
        Columns of the key, at most.

    Returns
    -------
    DataFrame
        The marked events with their marker number ``n`` and position ``x`` (empty when none
        falls in range), for a table or a key drawn elsewhere. The axis is changed in place.
        (Unlike the ``plot_*`` functions this returns the key, not ``ax``, because a caller that
        draws the key elsewhere needs the numbering.)
    """
    cols = [*events.columns, "n", "x"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    ev = events[events["importance"] <= max_importance]
    if categories:
        ev = ev[ev["category"].isin(list(categories))]
    date_axis = _uses_dates(ax)
    ev = ev.assign(x=event_positions(ev["date"], date_axis))
    lo, hi = ax.get_xlim()
    ev = ev[ev["x"].between(lo, hi)]
    if len(ev) > max_events:
        ev = ev.sort_values(["importance", "date"], ascending=[True, False]).head(max_events)
    ev = ev.sort_values(["x", "importance", "title"]).reset_index(drop=True)
    if ev.empty:
        return pd.DataFrame(columns=cols)
    ax.set_xlim(lo, hi)
    px = ax.transData.transform([(x, 0) for x in ev["x"]])[:, 0]
    ev["n"] = _group_marks(ev, list(px), _marker_gap_px(ax))
    for n, group in ev.groupby("n", sort=True):
        for k, (x, g) in enumerate(group.groupby("x", sort=True)):
            color = TONE_COLORS.get(int(g["tone"].iloc[0]), COLORS["muted"])
            ax.axvline(
                x, color=color, linewidth=0.9, alpha=0.85, zorder=0.5, gid=f"event-line-{n}-{k}"
            )
        first = group.iloc[0]
        color = TONE_COLORS.get(int(first["tone"]), COLORS["muted"])
        ax.annotate(
            str(n),
            (first["x"], 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=EVENT_FONT_PT,
            color="white",
            fontweight="bold",
            bbox={"boxstyle": "circle,pad=0.2", "fc": color, "ec": "none"},
            annotation_clip=False,
            gid=f"event-number-{n}",
        )
    # Keep the title (wherever it is placed) above the markers.
    for loc in ("left", "center", "right"):
        if ax.get_title(loc=loc):
            ax.set_title(ax.get_title(loc=loc), loc=loc, pad=8 + 1.9 * EVENT_FONT_PT)
    if key:
        _draw_event_key(ax, ev, key_columns)
    return ev[cols]


#: Spaces of the event key that SVG keeps (a plain run of spaces shows as one): a figure space
#: is as wide as a digit, a no-break space as a space.
_FIGURE_SPACE, _NBSP = "\u2007", "\u00a0"


def _key_entries(ev: pd.DataFrame, width: int) -> list[list[str]]:
    """Return the key's lines per marker: number, then date and title of each of its dates
    (titles of one date joined by " / "), wrapped at ``width`` characters under the title."""
    entries = []
    gap = _NBSP * 2
    for n, group in ev.groupby("n", sort=True):
        number = f"{n:>2}".replace(" ", _FIGURE_SPACE)
        blank = _FIGURE_SPACE * 2
        lines = []
        for i, (_, day) in enumerate(group.groupby("x", sort=True)):
            date = _event_date_text(day.iloc[0])
            head = f"{number if i == 0 else blank}{gap}{date}{gap}"
            # under the title: a figure space per digit of the date, a no-break space otherwise
            under = "".join(_FIGURE_SPACE if c.isdigit() else _NBSP for c in date)
            indent = blank + gap + under + gap
            body = textwrap.wrap(" / ".join(day["title"]), max(12, width - len(head)))
            lines += [head + body[0], *(indent + rest for rest in body[1:])]
        entries.append(lines)
    return entries


def _draw_event_key(ax, ev: pd.DataFrame, max_columns: int) -> None:
    """Write the numbered key (number, date, title) under ``ax``, in as many columns as fit.

    Titles are wrapped, never cut: every word of every title is in the key.
    """
    fig = ax.get_figure()
    width_in = ax.get_position().width * fig.get_figwidth()
    chars = int(width_in * 72 / (EVENT_FONT_PT * 0.56))  # characters across the axis
    columns = max(1, min(max_columns, chars // 52))
    width = max(30, chars // columns - 3)
    entries = _key_entries(ev, width)
    # Columns of about equal height, each entry whole in one column.
    total = sum(len(e) for e in entries)
    chunks, current, height = [], [], 0
    for entry in entries:
        if current and height + len(entry) > -(-total // columns) and len(chunks) < columns - 1:
            chunks.append(current)
            current, height = [], 0
        current += entry
        height += len(entry)
    chunks.append(current)
    offset = -30 if ax.get_xlabel() else -20
    legend = ax.get_legend()
    if legend is not None:  # a legend placed below the axis: put the key under it
        renderer = _renderer(fig)
        below = legend.get_window_extent(renderer).y0 - ax.get_window_extent(renderer).y0
        if below < 0:
            offset = min(offset, below * 72 / fig.dpi - 6)
    for c, chunk in enumerate(chunks):
        ax.annotate(
            "\n".join(chunk),
            (c / len(chunks), 0),
            xycoords="axes fraction",
            xytext=(0, offset),
            textcoords="offset points",
            va="top",
            ha="left",
            fontsize=EVENT_FONT_PT,
            color="#333333",
            linespacing=1.35,
            annotation_clip=False,
            parse_math=False,  # curated titles are plain text, whatever the style
            gid=f"event-key-{c + 1}",
        )


def _event_date_text(row) -> str:
    text = row["date_text"]
    return text if isinstance(text, str) else pd.Timestamp(text).strftime("%Y-%m-%d")


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


# --- society: migrant stocks, transfers, poll waves ----------------------------------------------


def _year_axis(ax, years) -> None:
    """Label the x axis with whole years, no offset, and at least a year of room either side."""
    years = [float(y) for y in years]
    if years:
        lo, hi = min(years), max(years)
        pad = max(1.0, (hi - lo) * 0.04)
        ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")


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


def _decimal_year(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates)
    return d.dt.year + (d.dt.dayofyear - 1) / 365.25


def _pct_label(v: float) -> str:
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"


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


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs):
    """Create a figure in the house style (``plt.subplots`` with the style's size)."""
    use_style(svg=False)
    return plt.subplots(nrows, ncols, **kwargs)
