"""Sentences over every indicator of the panel, from the registry's metadata: moves, abrupt years, five-year direction, coverage, withheld values, transit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.indicators.registry import dimension_title
from analysis.reliability import flag_rows
from analysis.summary.common import (
    _TOWARDS,
    _country_list,
    _named_list,
    direction_of_change,
    format_change,
    format_quantity,
    in_sentence,
)
from analysis.tables import (
    compute_key_figures,
    name_pair,
    panel_indicator_ids,
)
from analysis.tables.figures import _indicator_blocks, _meta, _one_row_per_year

#: A one-year change counts as abrupt when it covers at least this share of the range of the
#: series over the period shown.
ABRUPT_SHARE = 1 / 3
#: A five-year change smaller than this share of the range counts as "about unchanged".
STEADY_SHARE = 0.05
#: A change smaller than this share of its series' range is not reported as a move.
MATERIAL_SHARE = 0.10
#: The overview leads with the changes of this many latest years.
RECENT_YEARS = 5
#: Most years between two observations whose change still counts as one move (survey waves).
SURVEY_GAP = 5


def compute_moves(panel: pd.DataFrame, max_gap: int = 1) -> pd.DataFrame:
    """Return every change of every indicator between observations, scored against its range.

    A change is counted between consecutive observations at most ``max_gap`` years apart (1:
    consecutive years; a survey asked every few years needs more). ``score`` is
    ``|change| / (max - min)`` of the series over the panel's years, so it is unit-free: 1 means
    the series crossed its whole range in one step. ``clear`` says whether the change is larger
    than its uncertainty: the two years' intervals do not overlap (True where there are none).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, dimension, direction, unit, from_year, year, before, after, change,
        score, clear``.
    """

    if _one_row_per_year(panel) and panel.index.is_unique:
        return _moves(panel, max_gap)
    return _moves_by_row(panel, max_gap)


#: Columns of :func:`compute_moves`.
MOVE_COLUMNS = ["indicator", "dimension", "direction", "unit", "from_year", "year", "before",
                "after", "change", "score", "clear"]  # fmt: skip


def _moves(panel: pd.DataFrame, max_gap: int) -> pd.DataFrame:
    """Return :func:`compute_moves` for a panel with one row per indicator and year, every
    indicator at once (the same values as :func:`_moves_by_row`)."""
    present, starts, ends, pos = _indicator_blocks(panel, panel_indicator_ids(panel))
    value = panel["value"].to_numpy(dtype="float64")[pos]
    years = panel["year"].to_numpy()[pos].astype("int64")
    unit = panel["unit"].to_numpy(dtype=object)[pos]
    has_interval = {"lo", "hi"} <= set(panel.columns)
    if has_interval:
        lo = pd.to_numeric(panel["lo"], errors="coerce").to_numpy(dtype="float64")[pos]
        hi = pd.to_numeric(panel["hi"], errors="coerce").to_numpy(dtype="float64")[pos]
    parts = []
    for ind, first, end in zip(present, starts.tolist(), ends.tolist(), strict=True):
        if end - first < 2:
            continue
        v = value[first:end]
        span = v.max() - v.min()
        if not span > 0:
            continue
        y = years[first:end]
        step = np.flatnonzero(y[1:] - y[:-1] <= max_gap)
        if not len(step):
            continue
        before, after = v[step], v[step + 1]
        clear = np.ones(len(step), dtype=bool)
        if has_interval:
            lo0, hi0 = lo[first:end][step], hi[first:end][step]
            lo1, hi1 = lo[first:end][step + 1], hi[first:end][step + 1]
            known = ~np.isnan(lo0) & ~np.isnan(hi0) & ~np.isnan(lo1)
            clear = np.where(known, (lo1 > hi0) | (hi1 < lo0), True)
        meta = _meta(ind)
        parts.append(
            (
                (ind, meta.dimension, meta.direction, str(unit[end - 1])),
                y[step],
                y[step + 1],
                before,
                after,
                clear,
                span,
            )
        )
    if not parts:
        return pd.DataFrame([], columns=MOVE_COLUMNS)
    sizes = [len(part[1]) for part in parts]
    labels = np.array([part[0] for part in parts], dtype=object)
    before = np.concatenate([part[3] for part in parts])
    after = np.concatenate([part[4] for part in parts])
    span = np.repeat([part[6] for part in parts], sizes)
    return pd.DataFrame(
        {
            "indicator": np.repeat(labels[:, 0], sizes),
            "dimension": np.repeat(labels[:, 1], sizes),
            "direction": np.repeat(labels[:, 2], sizes),
            "unit": np.repeat(labels[:, 3], sizes),
            "from_year": np.concatenate([part[1] for part in parts]),
            "year": np.concatenate([part[2] for part in parts]),
            "before": before,
            "after": after,
            "change": after - before,
            "score": np.abs(after - before) / span,
            "clear": np.concatenate([part[5] for part in parts]).astype(bool),
        }
    )


def _moves_by_row(panel: pd.DataFrame, max_gap: int) -> pd.DataFrame:
    """Return :func:`compute_moves` indicator by indicator (any panel)."""
    has_interval = {"lo", "hi"} <= set(panel.columns)
    rows = []
    for ind in panel_indicator_ids(panel):
        rows_i = panel[panel["indicator"] == ind].sort_values("year")
        rows_i = rows_i[rows_i["value"].notna()].drop_duplicates("year", keep="last")
        s = rows_i.set_index("year")["value"]
        span = s.max() - s.min() if len(s) else 0.0
        if len(s) < 2 or not span > 0:
            continue
        meta = _meta(ind)
        unit = str(rows_i["unit"].iloc[-1])
        lo = rows_i.set_index("year")["lo"] if has_interval else None
        hi = rows_i.set_index("year")["hi"] if has_interval else None
        years = s.index.tolist()
        for y0, y1 in zip(years, years[1:]):
            if y1 - y0 > max_gap:
                continue
            before, after = s[y0], s[y1]
            clear = True
            if has_interval and pd.notna(lo[y0]) and pd.notna(hi[y0]) and pd.notna(lo[y1]):
                clear = bool(lo[y1] > hi[y0] or hi[y1] < lo[y0])
            rows.append(
                {
                    "indicator": ind,
                    "dimension": meta.dimension,
                    "direction": meta.direction,
                    "unit": unit,
                    "from_year": int(y0),
                    "year": int(y1),
                    "before": float(before),
                    "after": float(after),
                    "change": float(after - before),
                    "score": float(abs(after - before) / span),
                    "clear": clear,
                }
            )
    return pd.DataFrame(rows, columns=MOVE_COLUMNS)


def material_moves(moves: pd.DataFrame) -> pd.DataFrame:
    """Return the moves a sentence may report: clear of their intervals, material, visible.

    A move must be larger than its interval (``clear``), at least :data:`MATERIAL_SHARE` of its
    series' range, and show in the rounded numbers (never "from 62 to 62").

    Examples
    --------
    >>> m = pd.DataFrame({"unit": ["%", "%", "index"], "before": [10.0, 10.0, 61.6],
    ...     "after": [30.0, 30.0, 62.4], "score": [0.5, 0.5, 0.2], "clear": [True, False, True]})
    >>> material_moves(m).index.tolist()
    [0]
    """
    if moves.empty:
        return moves
    keep = (moves["clear"].astype(bool) & (moves["score"] >= MATERIAL_SHARE)).to_numpy().copy()
    candidates = moves[keep]  # only these need the rounded numbers compared
    visible = [
        format_quantity(before, unit) != format_quantity(after, unit)
        for before, after, unit in zip(
            candidates["before"], candidates["after"], candidates["unit"], strict=True
        )
    ]
    keep[keep] = visible
    return moves[keep]


def transit_note(row, name_a: str, name_b: str) -> str:
    """Say, from the trade-transit table, why a trade rise is not read as closer ties.

    ``row`` is one row of :func:`analysis.economy.get_trade_transit` (a rise that passes
    through a): its size, the matching rise of the opposite flow with other countries, and the
    declared re-export share, with what the data cannot tell.
    """
    other = _country_list(row["counterparts"])
    if row["flow"] == "imports":
        lead = f"{name_a}'s imports from {name_b} rose by USD {row['rise_b']:,.0f} million"
        onward = f"its exports to {other} rose by USD {row['counterpart_rise']:,.0f} million"
    else:
        lead = f"{name_a}'s exports to {name_b} rose by USD {row['rise_b']:,.0f} million"
        onward = f"its imports from {other} rose by USD {row['counterpart_rise']:,.0f} million"
    text = (
        f"not read as closer ties: in {int(row['year'])} {lead} "
        f"({row['share_of_rise_pct']:.0f}% of the rise of all its {row['flow']}) while {onward} "
        f"({row['counterpart_pct']:.0f}% of it), goods passing through {name_a}"
    )
    if pd.notna(row.get("reexports_pct")):
        text += (
            f"; officially declared re-exports were {row['reexports_pct']:.1f}% of its exports "
            f"in {int(row['reexports_year'])}"
        )
    return text + "; the trade data do not say which goods these were"


#: Trade indicators that measure one flow only: a transit year of the other flow leaves them be.
#: Every other trade indicator (total, shares, ranks, salience) includes both flows.
ONE_FLOW = {"trade.exports_a_to_b": "exports", "trade.imports_a_from_b": "imports"}


def _transit_rows(transit: pd.DataFrame | None, indicator: str) -> pd.DataFrame:
    """Return the transit rows that bear on a trade indicator (none for other dimensions)."""
    if transit is None or transit.empty or not indicator.startswith("trade."):
        return pd.DataFrame()
    flow = ONE_FLOW.get(indicator)
    return transit if flow is None else transit[transit["flow"] == flow]


def _transit_row(transit: pd.DataFrame | None, indicator: str, year: int):
    """Return the transit row of ``year`` for the indicator (the largest rise), or None."""
    rows = _transit_rows(transit, indicator)
    rows = rows[rows["year"] == year] if len(rows) else rows
    return None if rows.empty else rows.sort_values("rise_b").iloc[-1]


def describe_largest_moves(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    years: int = RECENT_YEARS,
    transit: pd.DataFrame | None = None,
) -> list[str]:
    """Return the largest material change of each dimension in the last ``years`` years.

    The panel should hold only values that may carry a claim (:func:`analysis.reliability.solid_rows`).
    Moves are those of :func:`compute_moves` (between observations up to :data:`SURVEY_GAP`
    years apart, so a survey asked every few years counts) that :func:`material_moves` keeps and
    that end in the ``years`` years to the panel's latest year. Within a dimension the highest
    score wins among the indicators that have a direction (closer/distant), or among all when
    none has one; the sentences come largest first. A trade move ending in a year of
    ``transit`` (:func:`analysis.economy.get_trade_transit`: the rise passed through a) is not
    called closer ties: the sentence says what the data show instead (:func:`transit_note`).
    """

    moves = material_moves(compute_moves(panel, max_gap=SURVEY_GAP))
    if moves.empty:
        return []
    last = int(panel["year"].max())
    moves = moves[moves["year"] > last - years]
    best = []
    for _dim, group in moves.groupby("dimension", sort=False):
        directed = group[group["direction"].isin(["closer", "distant"])]
        pool = directed if len(directed) else group
        best.append(pool.loc[pool["score"].idxmax()])
    sentences = []
    for m in sorted(best, key=lambda r: -r["score"]):
        title = name_pair(in_sentence(_meta(m["indicator"]).title), name_a, name_b)
        verb = "went" if m["unit"] == "rank" else "rose" if m["change"] > 0 else "fell"
        when = (
            f"in {m['year']}"
            if m["year"] - m["from_year"] == 1
            else f"between {m['from_year']} and {m['year']}"
        )
        text = (
            f"{dimension_title(str(m['dimension']))}: the largest change of the last {years} "
            f"years came {when}, when {title} {verb} from "
            f"{format_quantity(m['before'], m['unit'])} to {format_quantity(m['after'], m['unit'])}"
            f" ({format_change(m['change'], m['unit'], m['before'])})"
        )
        towards = direction_of_change(m["change"], m["direction"])
        passing = _transit_row(transit, str(m["indicator"]), int(m["year"]))
        if passing is not None and towards == "closer":
            sentences.append(f"{text}; {transit_note(passing, name_a, name_b)}.")
            continue
        sentences.append(text + (f", {_TOWARDS[towards]} by this measure." if towards else "."))
    return sentences


def describe_abrupt_year(panel: pd.DataFrame) -> str | None:
    """Return a sentence on the year in which most indicators moved abruptly, if any did."""
    moves = material_moves(compute_moves(panel))
    abrupt = moves[moves["score"] >= ABRUPT_SHARE]
    if abrupt.empty:
        return None
    counts = abrupt.groupby("year")["indicator"].nunique()
    top = counts.max()
    if top < 2:
        return None
    year = int(counts[counts == top].index.max())
    n = panel["indicator"].nunique()
    return (
        f"{year} saw the most abrupt changes: {top} of the {n} indicators moved by at least a "
        f"third of their range over the period in that year alone."
    )


def describe_five_year_direction(
    panel: pd.DataFrame, name_a: str, name_b: str, transit: pd.DataFrame | None = None
) -> str | None:
    """Return a sentence counting the indicators that moved towards closer or more distant ties
    over the five years to their latest year (indicators with a direction only).

    A trade indicator whose five years hold a year of ``transit`` (a rise that passed through
    a) is not counted as closer: the sentence names those apart.
    """

    key = compute_key_figures(panel)
    key = key[key["direction"].isin(["closer", "distant"]) & key["change_5y"].notna()]
    groups: dict[str, list[str]] = {"closer": [], "distant": [], "steady": []}
    passing: list[str] = []
    passing_years: set[int] = set()
    for r in key.itertuples():
        span = max(r.trend) - min(r.trend)
        if span == 0 or abs(r.change_5y) < STEADY_SHARE * span:
            groups["steady"].append(r.title)
            continue
        towards = direction_of_change(r.change_5y, r.direction)
        rows = _transit_rows(transit, r.indicator)
        hit = {int(y) for y in rows["year"] if r.year - 5 < y <= r.year} if len(rows) else set()
        if towards == "closer" and hit:
            passing.append(name_pair(r.title, name_a, name_b))
            passing_years |= hit
            continue
        groups[towards].append(name_pair(r.title, name_a, name_b))
    total = sum(len(v) for v in groups.values()) + len(passing)
    if total == 0:
        return None
    parts = []
    for key_, label in (
        ("closer", "towards closer ties"),
        ("distant", "towards more distant ties"),
    ):
        titles = groups[key_]
        if titles:
            parts.append(f"{len(titles)} moved {label} ({_named_list(titles)})")
        else:
            parts.append(f"none moved {label}")
    text = (
        f"Over the five years to their latest year, of the {total} "
        f"{'indicator that says' if total == 1 else 'indicators that say'} whether ties are "
        f"closer, {parts[0]} and {parts[1]}"
    )
    if groups["steady"]:
        n = len(groups["steady"])
        text += f"; {n} changed by less than 5% of {'its' if n == 1 else 'their'} range"
    if passing:
        when = " and ".join(str(y) for y in sorted(passing_years))
        text += (
            f"; {len(passing)} trade {'indicator' if len(passing) == 1 else 'indicators'} "
            f"({_named_list(passing)}) rose with goods passing through {name_a} in {when} and "
            f"{'is' if len(passing) == 1 else 'are'} not counted as closer ties"
        )
    return text + "."


def describe_coverage(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Return a sentence on how many indicators and dimensions the panel has, and its years."""

    key = compute_key_figures(panel)
    if key.empty:
        return None
    dims = [dimension_title(str(d)).lower() for d in dict.fromkeys(key["dimension"])]
    dims_text = ", ".join(dims[:-1]) + (" and " if len(dims) > 1 else "") + dims[-1]
    y0, y1 = int(key["first_year"].min()), int(key["year"].max())
    latest = key.groupby("year")["indicator"].count()
    text = (
        f"This report covers {len(key)} indicators of {name_a}'s relationship with {name_b} "
        f"in {len(dims)} dimension{'s' if len(dims) != 1 else ''} ({dims_text}), with data "
        f"from {y0} to {y1}"
    )
    if len(latest) > 1:
        lagging = int(latest.drop(y1).sum())
        text += f"; {lagging} of them end before {y1}, when their sources end"
    return text + "."


def describe_withheld(
    panel: pd.DataFrame, flags: pd.Series, name_a: str, name_b: str
) -> str | None:
    """Return a sentence on the values left out of the sentences, by reason, or None."""

    held = panel.assign(flag=flags)[flags != ""]
    if held.empty:
        return None
    parts = []
    for reason, rows in held.groupby(held["flag"].str.split(":").str[0], sort=True):
        titles = list(
            dict.fromkeys(name_pair(_meta(i).title, name_a, name_b) for i in rows["indicator"])
        )
        years = sorted(rows["year"].astype(int).unique())
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
        what = {
            "provisional": "provisional",
            "thin": "resting on too few votes",
            "degenerate": "with a zero-width interval",
            "sample": "from a sample (lower bounds, not counts)",
            "lower bound": "that are lower bounds (documented counts)",
        }.get(reason, reason)
        n = len(rows)
        parts.append(f"{n} value{'s' if n != 1 else ''} {what} ({span}: {_named_list(titles)})")
    return "Left out of these sentences, though the tables show them: " + "; ".join(parts) + "."


def summarize_panel(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    idealpoints: pd.DataFrame | None = None,
    transit: pd.DataFrame | None = None,
) -> list[str]:
    """Return the report's summary: sentences generated from every indicator of the panel.

    It leads with the largest material change of each dimension in the last five years, then
    says what the report covers, the year with the most abrupt moves and how many indicators
    moved towards closer or more distant ties over five years, and what was left out. Only values
    that may carry a claim are used (:func:`analysis.reliability.flag_rows`: no provisional,
    thin, sampled or degenerate value drives a sentence). Nothing is written by hand: the words
    come from the registry (titles, units, directions) and the numbers from the panel.

    Parameters
    ----------
    idealpoints : DataFrame, optional
        ``country, year, n_votes`` of the ideal points (:func:`analysis.political.get_idealpoints`),
        to leave out ideal points estimated on few votes.
    transit : DataFrame, optional
        The pair's trade rises that passed through a (:func:`analysis.economy.get_trade_transit`):
        trade moves in those years are not called closer ties.
    """

    flags = flag_rows(panel, idealpoints)
    solid = panel[flags == ""]
    sentences = [
        *describe_largest_moves(solid, name_a, name_b, transit=transit),
        describe_coverage(panel, name_a, name_b),
        describe_abrupt_year(solid),
        describe_five_year_direction(solid, name_a, name_b, transit),
        describe_withheld(panel, flags, name_a, name_b),
    ]
    return [s for s in sentences if s]
