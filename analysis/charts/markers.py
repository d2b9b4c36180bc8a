"""Marks drawn over any chart: event markers and their key, source changes, a single year."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd

from analysis.charts.style import COLORS, EVENT_FONT_PT, MIN_FONT_PT, SOURCE_LABELS, _renderer

#: Markers of curated events that do not change a status, or that end one.
EVENT_MARKERS = {
    "froze participation": ("D", "#b35900"),
    "suspended": ("D", "#b35900"),
    "stopped funding": ("v", "#b35900"),
    "left": ("X", "#8b1f1f"),
    "withdrew signature": ("X", "#8b1f1f"),
    "participated": ("|", "#444444"),
}


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
