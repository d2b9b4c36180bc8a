"""The indicator panel of a pair, checked: countries resolved, years validated.

``get_panel("USA", "CHN")`` reads the pair from the all-pairs store when it is built (any pair),
else from the embedded tables (the embedded pairs), through :func:`analysis.datastore.current`.
:func:`compute_panel` computes one pair from the raw files with every dimension's per-pair
provider: the reference the store is tested against.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import datastore
from analysis.countries import resolve
from analysis.dimensions.registry import DIMENSIONS
from analysis.economy import MONTHLY_COLUMNS
from analysis.errors import BadInput, quote
from analysis.indicators.common import concat_panel
from analysis.peers import peer_pairs


def compute_panel(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Compute every indicator of the pair (a focal, b partner) from the raw sources, pair by pair.

    The reference the all-pairs store is tested against (slow: every dimension's sources are
    loaded). Columns: :data:`~analysis.indicators.PANEL_COLUMNS` then ``lo, hi``.
    """
    return concat_panel([dim.provider(Path(raw_dir), a, b) for dim in DIMENSIONS])


def check_pair(a: str, b: str) -> tuple[str, str]:
    """Resolve two country inputs to ISO3 and check they differ."""
    ca, cb = resolve(a), resolve(b)
    if ca.iso3 == cb.iso3:
        raise BadInput(f"the two countries are the same ({ca.iso3}); give two different countries")
    return ca.iso3, cb.iso3


#: Names of the start and end years in messages (options of the command line by default).
YEAR_NAMES = ("--start", "--end")


def check_years(start: int | None, end: int | None, names: tuple[str, str] = YEAR_NAMES) -> None:
    """Check that each year given is a positive whole number and that start is not after end.

    Examples
    --------
    >>> check_years(1990, -5)
    Traceback (most recent call last):
    ...
    analysis.errors.BadInput: --end -5 is not a year; give a year such as 2000
    """
    for name, value in zip(names, (start, end), strict=True):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise BadInput(f"{name} {quote(value)} is not a year; give a year such as 2000")
    if start is not None and end is not None and start > end:
        raise BadInput(f"start year {start} is after end year {end}; give --start <= --end")


def check_span(
    first: int,
    last: int,
    start: int | None,
    end: int | None,
    what: str,
    names: tuple[str, str] = YEAR_NAMES,
) -> None:
    """Check that a period lies within the years the data cover, ``first`` to ``last``.

    A start before the data begin or an end after they end would title a report with years it
    has no data for; the message states the range to use.

    Examples
    --------
    >>> check_span(1990, 2025, 1800, None, "the data of ARM-RUS")
    Traceback (most recent call last):
    ...
    analysis.errors.BadInput: --start 1800 is before the data of ARM-RUS begin (1990); use 1990–2025
    """
    use = f"use {first}–{last}"
    if start is not None and start < first:
        raise BadInput(f"{names[0]} {start} is before {what} begin ({first}); {use}")
    if start is not None and start > last:
        raise BadInput(f"{names[0]} {start} is after {what} end ({last}); {use}")
    if end is not None and end > last:
        raise BadInput(f"{names[1]} {end} is after {what} end ({last}); {use}")
    if end is not None and end < first:
        raise BadInput(f"{names[1]} {end} is before {what} begin ({first}); {use}")


def check_coverage(
    years,
    a: str,
    b: str,
    start,
    end,
    names: tuple[str, str] = YEAR_NAMES,
    clamp_start: bool = False,
) -> list[int]:
    """Check that the pair's data cover ``[start, end]``; return the covered years kept.

    Parameters
    ----------
    years : iterable of int
        The years in which the pair has data.
    a, b : str
        The pair (ISO3), for messages.
    start, end : int or None
        The period asked for (None: from the first / to the last year of the data).
    names : tuple of str
        How the start and end are called in messages.
    clamp_start : bool
        The start is a default, not the user's: one before the data begin moves to their
        first year instead of being an error.

    Raises
    ------
    BadInput
        No data for the pair at all, a start or end outside the years the pair's data cover,
        or no data inside the period (the message names the data's span).
    """
    years = sorted(int(y) for y in years)
    if not years:
        raise BadInput(
            f"no data for {a}-{b} in any source (trade 1990-2024, UNGA votes and ideal points "
            f"1946-2025 need both countries in the data in the same year); give a pair of "
            f"countries that existed at the same time, such as ARM-RUS"
        )
    first, last = years[0], years[-1]
    if clamp_start and start is not None and start < first:
        start = first
    check_span(first, last, start, end, f"the data of {a}-{b}", names)
    kept = [y for y in years if (start is None or y >= start) and (end is None or y <= end)]
    if not kept:
        raise BadInput(
            f"no data for {a}-{b} in {start}–{end}; the data cover {first}–{last} with gaps"
        )
    return kept


def _filter_years(df: pd.DataFrame, a: str, b: str, start, end) -> pd.DataFrame:
    check_coverage(df["year"].unique(), a, b, start, end)
    keep = df["year"].between(-9999 if start is None else start, 9999 if end is None else end)
    return df[keep].reset_index(drop=True)


def get_panel(a: str, b: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the indicator panel of a pair: from the all-pairs store, or embedded.

    Parameters
    ----------
    a, b : str
        Focal country and partner (ISO3, ISO2, COW code or name).
    start, end : int, optional
        First and last year to keep.

    Raises
    ------
    BadInput
        Unknown or identical countries, start after end, years outside the data, or a pair
        that is not embedded while no all-pairs store is built.
    """
    a, b = check_pair(a, b)
    check_years(start, end)
    return _filter_years(datastore.current().pair_panel(a, b), a, b, start, end)


def _pair_rows(table: pd.DataFrame | None, a: str, b: str, columns) -> pd.DataFrame:
    if table is None or table.empty:
        return pd.DataFrame(columns=columns)
    return table[(table["country_a"] == a) & (table["country_b"] == b)].reset_index(drop=True)


def get_monthly(a: str, b: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the monthly series of a pair (empty when no monthly source covers it)."""
    a, b = check_pair(a, b)
    m = _pair_rows(datastore.current().table("monthly", "monthly.csv"), a, b, MONTHLY_COLUMNS)
    if m.empty:
        return m
    years = m["month"].str.slice(0, 4).astype("int64")
    keep = years.between(start or -9999, end or 9999)
    return m[keep].reset_index(drop=True)


def get_top_partners(a: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return a's ten largest trading partners per year (empty when no source covers a)."""
    a = resolve(a).iso3
    p = datastore.current().table("partners", "partners.csv")
    if p is None:
        return pd.DataFrame()
    p = p[p["country_a"] == a]
    return p[p["year"].between(start or -9999, end or 9999)].reset_index(drop=True)


def get_peer_panel(
    a: str, b: str, start: int | None = None, end: int | None = None, peers=None
) -> pd.DataFrame:
    """Return the panel of a pair and of its peers (:func:`analysis.peers.peer_pairs`;
    ``peers``: the user's choice, e.g. ``"ARM-FRA,AZE-RUS"``).

    The reference set of the closeness index. Peers without data in the period are left out;
    the pair itself must have data (as in :func:`get_panel`).
    """
    a, b = check_pair(a, b)
    parts = [get_panel(a, b, start, end)]
    for pa, pb in peer_pairs(a, b, peers):
        try:
            parts.append(get_panel(pa, pb, start, end))
        except BadInput:  # a peer the data do not cover in this period
            continue
    return concat_panel(parts)
