"""Wording shared by every section's sentences: series access, quantities, changes, lists."""

from __future__ import annotations

import html

import pandas as pd

from analysis.countries import resolve
from analysis.tables import (
    format_value,
)


def _series(panel: pd.DataFrame, indicator: str) -> pd.Series:
    s = panel[panel["indicator"] == indicator].sort_values("year")
    return s.set_index("year")["value"]


def _rows(panel: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return panel[panel["indicator"] == indicator].sort_values("year").set_index("year")


def sentences_html(sentences: list[str]) -> str:
    """Render sentences as an escaped HTML bullet list."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f'<ul class="summary">{items}</ul>'


def _years_text(years: list[int]) -> str:
    """Return '1992-2018' for consecutive years, else the first and last with 'some of'."""
    if not years:
        return ""
    if years[-1] - years[0] + 1 == len(years):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return f"{len(years)} of the years {years[0]}-{years[-1]}"


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


def _country_list(codes: str) -> str:
    names = [resolve(c).name for c in str(codes).split() if c]
    return " and ".join(names) if names else "other countries"


def _ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st.

    Examples
    --------
    >>> [_ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st']
    """
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(words: list[str]) -> str:
    """Join words as "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
