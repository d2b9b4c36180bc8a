"""Sentences written from the numbers (no hand-written claims)."""

from __future__ import annotations

import html

import pandas as pd

from analysis.tables import format_value


def _series(panel: pd.DataFrame, indicator: str) -> pd.Series:
    s = panel[panel["indicator"] == indicator].sort_values("year")
    return s.set_index("year")["value"]


def describe_level_change(panel: pd.DataFrame, indicator: str, label: str) -> str | None:
    """Describe a series: its latest value, its change over the period, its largest yearly jump.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": "x", "year": [2020, 2021, 2022], "value": [10.0, 12.0, 30.0]})
    >>> describe_level_change(p, "x", "Trade")
    'Trade was USD 30.0 million in 2022, against USD 10.0 million in 2020 (×3.0). The largest one-year change came in 2022 (+18.0 million, +150%).'
    """
    s = _series(panel, indicator)
    if len(s) < 2:
        return None
    y0, y1 = int(s.index[0]), int(s.index[-1])
    v0, v1 = s.iloc[0], s.iloc[-1]
    fmt = lambda v: format_value(v, "USD million")  # noqa: E731
    text = f"{label} was USD {fmt(v1)} million in {y1}, against USD {fmt(v0)} million in {y0}"
    if v0 > 0 and v1 > 0:
        ratio = v1 / v0
        text += f" (×{ratio:.1f})" if ratio >= 2 else f" ({(ratio - 1) * 100:+.0f}%)"
    text += "."
    diff = s.diff().dropna()
    consecutive = pd.Series(s.index, index=s.index).diff().dropna() == 1
    diff = diff[consecutive]
    if len(diff):
        yj = int(diff.abs().idxmax())
        d = diff[yj]
        prev = s[yj - 1]
        pct = f", {d / prev * 100:+.0f}%" if prev > 0 else ""
        sign = "+" if d >= 0 else "−"
        text += f" The largest one-year change came in {yj} ({sign}{fmt(abs(d))} million{pct})."
    return text


def describe_share(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe b's share of a's trade and its rank in the latest year and five years before."""
    share = _series(panel, "trade.partner_share")
    rank = _series(panel, "trade.partner_rank")
    if share.empty:
        return None
    y = int(share.index[-1])
    text = f"{name_b} accounted for {share.iloc[-1]:.1f}% of {name_a}'s recorded merchandise trade in {y}"
    if y in rank.index:
        text += f" (rank {rank[y]:.0f} among its partners)"
    if y - 5 in share.index:
        text += f", against {share[y - 5]:.1f}% in {y - 5}"
        if y - 5 in rank.index:
            text += f" (rank {rank[y - 5]:.0f})"
    return text + "."


def summarize_economy(panel: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return the economy section's summary sentences, generated from the panel."""
    sentences = [
        describe_level_change(
            panel, "trade.total", f"Trade of {name_a} with {name_b} (exports + imports)"
        ),
        describe_share(panel, name_a, name_b),
        describe_level_change(
            panel, "remittances.transfers_b_to_a", f"Money transfers from {name_b} to {name_a}"
        ),
        describe_level_change(
            panel, "remittances.transfers_b_to_a_noncommercial", "Their non-commercial part"
        ),
    ]
    return [s for s in sentences if s]


def sentences_html(sentences: list[str]) -> str:
    """Render sentences as an escaped HTML bullet list."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f'<ul class="summary">{items}</ul>'


# --- generic sentences over every indicator, from the registry's metadata -------------------------

#: A one-year change counts as abrupt when it covers at least this share of the range of the
#: series over the period shown.
ABRUPT_SHARE = 1 / 3
#: A five-year change smaller than this share of the range counts as "about unchanged".
STEADY_SHARE = 0.05
#: At most this many indicator titles are named in one list of a sentence.
MAX_NAMED = 3


def format_quantity(value: float, unit: str) -> str:
    """Format a value with its unit for a sentence.

    Examples
    --------
    >>> format_quantity(3162.04, "USD million"), format_quantity(34.56, "%"), format_quantity(2, "rank")
    ('USD 3,162 million', '34.6%', 'rank 2')
    """
    text = format_value(value, unit)
    if unit == "USD million":
        return f"USD {text} million"
    if unit == "%":
        return f"{value:,.1f}%"
    if unit == "rank":
        return f"rank {text}"
    if unit.endswith(" million"):
        return f"{text} million {unit[: -len(' million')]}"
    if unit in ("", "—", "-", "0-1", "0/1", "count") or unit.startswith("index"):
        return text
    return f"{text} {unit}"


def format_change(delta: float, unit: str, before: float | None = None) -> str:
    """Format a change in an indicator's unit (percentage points for %), with % for levels.

    Examples
    --------
    >>> format_change(2800.0, "USD million", 2600.0), format_change(-3.25, "%")
    ('+USD 2,800 million, +108%', '−3.2 percentage points')
    """
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    if unit == "%":
        return f"{sign}{abs(delta):,.1f} percentage points"
    if unit == "rank":
        n = abs(delta)
        return f"{sign}{n:,.0f} place{'s' if n != 1 else ''}"
    text = sign + format_quantity(abs(delta), unit)
    relative = unit.endswith("million") or unit == "count"
    if relative and before is not None and before > 0 and delta != 0:
        pct = delta / before * 100
        text += f", {'+' if pct > 0 else '−' if pct < 0 else '±'}{abs(pct):.0f}%"
    return text


def compute_moves(panel: pd.DataFrame) -> pd.DataFrame:
    """Return every one-year change of every indicator, scored against the series' range.

    A change is counted only between consecutive years that both have a value. ``score`` is
    ``|change| / (max - min)`` of the series over the panel's years, so it is unit-free: 1 means
    the series crossed its whole range in one year.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, dimension, direction, unit, year, before, after, change, score``.
    """
    from analysis.tables import _meta, panel_indicator_ids

    rows = []
    for ind in panel_indicator_ids(panel):
        s = _series(panel, ind).dropna()
        s = s[~s.index.duplicated(keep="last")]
        span = s.max() - s.min() if len(s) else 0.0
        if len(s) < 2 or not span > 0:
            continue
        meta = _meta(ind)
        unit = str(panel.loc[panel["indicator"] == ind, "unit"].iloc[-1])
        for year, after in s.items():
            if year - 1 not in s.index:
                continue
            before = s[year - 1]
            rows.append(
                {
                    "indicator": ind,
                    "dimension": meta.dimension,
                    "direction": meta.direction,
                    "unit": unit,
                    "year": int(year),
                    "before": float(before),
                    "after": float(after),
                    "change": float(after - before),
                    "score": float(abs(after - before) / span),
                }
            )
    columns = ["indicator", "dimension", "direction", "unit", "year", "before", "after",
               "change", "score"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def direction_of_change(change: float, direction: str) -> str | None:
    """Return ``"closer"`` or ``"distant"`` for a change of an indicator, None if neutral or 0.

    Examples
    --------
    >>> direction_of_change(-1.0, "distant"), direction_of_change(2.0, "neutral")
    ('closer', None)
    """
    if change == 0 or direction not in ("closer", "distant"):
        return None
    return direction if change > 0 else ("distant" if direction == "closer" else "closer")


_TOWARDS = {"closer": "towards closer ties", "distant": "towards more distant ties"}


def _named_list(titles: list[str]) -> str:
    shown = titles[:MAX_NAMED]
    more = len(titles) - len(shown)
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 and not more else "")
    text = (text + ", " if more and len(shown) > 1 else text) + shown[-1]
    return text + (f" and {more} more" if more else "")


def in_sentence(title: str) -> str:
    """Return a registry title (with placeholders a, b) for use inside a sentence.

    A capitalised common first word is put in lower case; a placeholder or an acronym is kept.

    Examples
    --------
    >>> in_sentence("Imports of a from b"), in_sentence("b's rank"), in_sentence("UNGA votes")
    ('imports of a from b', "b's rank", 'UNGA votes')
    """
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return title[:1].lower() + title[1:]
    return title


def describe_largest_moves(panel: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return one sentence per dimension: its most abrupt one-year move and when it came.

    Within a dimension the move with the highest score (:func:`compute_moves`) is taken among the
    indicators that have a direction (closer/distant), or among all when none has one.
    """
    from analysis.indicators.registry import dimension_title
    from analysis.tables import _meta, name_pair

    moves = compute_moves(panel)
    sentences = []
    for dim, group in moves.groupby("dimension", sort=False):
        directed = group[group["direction"].isin(["closer", "distant"])]
        pool = directed if len(directed) else group
        m = pool.loc[pool["score"].idxmax()]
        if m["change"] == 0:
            continue
        title = name_pair(in_sentence(_meta(m["indicator"]).title), name_a, name_b)
        verb = "went" if m["unit"] == "rank" else "rose" if m["change"] > 0 else "fell"
        text = (
            f"{dimension_title(str(dim))}: the sharpest one-year move came in {m['year']}, when "
            f"{title} {verb} from {format_quantity(m['before'], m['unit'])} to "
            f"{format_quantity(m['after'], m['unit'])}"
            f" ({format_change(m['change'], m['unit'], m['before'])})"
        )
        towards = direction_of_change(m["change"], m["direction"])
        sentences.append(text + (f", {_TOWARDS[towards]} by this measure." if towards else "."))
    return sentences


def describe_abrupt_year(panel: pd.DataFrame) -> str | None:
    """Return a sentence on the year in which most indicators moved abruptly, if any did."""
    moves = compute_moves(panel)
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


def describe_five_year_direction(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Return a sentence counting the indicators that moved towards closer or more distant ties
    over the five years to their latest year (indicators with a direction only)."""
    from analysis.tables import compute_key_figures, name_pair

    key = compute_key_figures(panel)
    key = key[key["direction"].isin(["closer", "distant"]) & key["change_5y"].notna()]
    groups: dict[str, list[str]] = {"closer": [], "distant": [], "steady": []}
    for r in key.itertuples():
        span = max(r.trend) - min(r.trend)
        if span == 0 or abs(r.change_5y) < STEADY_SHARE * span:
            groups["steady"].append(r.title)
            continue
        groups[direction_of_change(r.change_5y, r.direction)].append(
            name_pair(r.title, name_a, name_b)
        )
    total = sum(len(v) for v in groups.values())
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
    return text + "."


def describe_coverage(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Return a sentence on how many indicators and dimensions the panel has, and its years."""
    from analysis.indicators.registry import dimension_title
    from analysis.tables import compute_key_figures

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


def summarize_panel(panel: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return the report's summary: sentences generated from every indicator of the panel.

    Coverage, then per dimension the sharpest one-year move (what, when, how much and which way
    by the indicator's direction), the year with the most abrupt moves, and how many indicators
    moved towards closer or more distant ties over five years. Nothing is written by hand: the
    words come from the registry (titles, units, directions) and the numbers from the panel.
    """
    sentences = [
        describe_coverage(panel, name_a, name_b),
        *describe_largest_moves(panel, name_a, name_b),
        describe_abrupt_year(panel),
        describe_five_year_direction(panel, name_a, name_b),
    ]
    return [s for s in sentences if s]
