"""Visits between the United States and another country, from the US Office of the Historian.

Pure functions, no I/O. Two directed counts per year for every pair with the USA:

- trips of the **US President or the Secretary of State** to the partner (the Historian's
  "Travels of the President / Secretary of State", one record per trip and country visited);
- visits to the United States by the partner's **leaders** (the Historian's "Visits by Foreign
  Leaders": heads of state and government as it records them, and occasionally other leaders
  such as a president-elect or a crown prince; every record counts, none is filtered out).

``diplomacy.leader_visits_a_to_b`` counts a's visits to b, ``diplomacy.leader_visits_b_to_a``
b's visits to a; for (USA, X) the first is the US trips to X, for (X, USA) X's leader visits
to the USA. These are counts of documented visits, not a sample: a year inside the covered
window without a record is 0. Outside the window there is no row: before the file's first year,
after its last complete year, and in years the partner was not a state (COW state list; a
partner outside it, e.g. the Palestinian territory, from its first record on). A multilateral
summit held in the host country is a visit to it in both files, though not a bilateral one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.common import to_panel

#: The country whose officials' travels the source records.
US = "USA"

#: Source id in :data:`analysis.sources.SOURCES`.
SOURCE_ID = "us_visits"

#: Indicator ids, in column order.
VISIT_INDICATORS = ("diplomacy.leader_visits_a_to_b", "diplomacy.leader_visits_b_to_a")

#: Columns of the yearly counts of one direction (:func:`direction_counts`).
COUNT_COLUMNS = ["origin", "destination", "year", "value"]


def statehood_years(spells: pd.DataFrame, last_year: int) -> dict[str, np.ndarray]:
    """Return the years each ISO3 code was a state, from COW spells (open spells to ``last_year``).

    Examples
    --------
    >>> spells = pd.DataFrame({"iso3": ["ARM"], "start": [1991], "end": [pd.NA]})
    >>> statehood_years(spells, 1993)["ARM"].tolist()
    [1991, 1992, 1993]
    """
    out: dict[str, set[int]] = {}
    for iso3, start, end in spells[["iso3", "start", "end"]].itertuples(index=False):
        stop = last_year if pd.isna(end) else int(end)
        out.setdefault(str(iso3), set()).update(range(int(start), stop + 1))
    return {k: np.array(sorted(v), dtype="int64") for k, v in out.items()}


def _window(records: pd.DataFrame, states: dict[str, np.ndarray], partner: str) -> np.ndarray:
    """Years in which the records of ``partner`` are complete: the file's window ∩ statehood."""
    first, last = records.attrs["first_year"], records.attrs["last_year"]
    if partner in states:
        years = states[partner]
    else:  # not in the COW state list: from its first record on
        own = records.loc[records["partner"] == partner, "year"]
        if own.empty:
            return np.array([], dtype="int64")
        years = np.arange(int(own.min()), last + 1)
    return years[(years >= first) & (years <= last)]


def direction_counts(
    records: pd.DataFrame, states: dict[str, np.ndarray], to_us: bool
) -> pd.DataFrame:
    """Return the yearly visit counts of one direction for every partner of the USA.

    Parameters
    ----------
    records : DataFrame
        :func:`analysis.load_us_visits.load_us_trips` (``to_us=False``: US officials' trips to
        the partner) or :func:`~analysis.load_us_visits.load_us_leader_visits` (``to_us=True``:
        the partner's leaders' visits to the USA), with their ``attrs`` window.
    states : dict
        :func:`statehood_years`.

    Returns
    -------
    DataFrame
        :data:`COUNT_COLUMNS`: one row per partner and year of its window (0 where no record).
        Partners are the states of ``states`` (but the USA) and every other code with a record.
    """
    rec = records[records["partner"].notna() & (records["partner"] != US)]
    counts = rec.groupby(["partner", "year"]).size()
    partners = sorted((set(states) | set(rec["partner"].astype(str))) - {US})
    frames = []
    for p in partners:
        years = _window(records, states, p)
        if not len(years):
            continue
        own = counts.loc[p] if p in counts.index.get_level_values(0) else pd.Series(dtype="int64")
        value = pd.Series(years).map(own).fillna(0).astype("float64").to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "origin": p if to_us else US,
                    "destination": US if to_us else p,
                    "year": years,
                    "value": value,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[COUNT_COLUMNS]


def _direction(counts: pd.DataFrame, origin: str, destination: str) -> pd.DataFrame:
    return counts[(counts["origin"] == origin) & (counts["destination"] == destination)]


def compute_us_visits(
    trips: pd.DataFrame, visits: pd.DataFrame, states: dict[str, np.ndarray], a: str, b: str
) -> pd.DataFrame:
    """Return the panel rows of both visit indicators of the pair (empty without the USA).

    Examples
    --------
    >>> trips = pd.DataFrame({"partner": ["ARM"], "year": [1992]})
    >>> trips.attrs = {"first_year": 1991, "last_year": 1993}
    >>> visits = pd.DataFrame({"partner": ["ARM"], "year": [1993]})
    >>> visits.attrs = {"first_year": 1992, "last_year": 1993}
    >>> states = {"ARM": np.arange(1991, 1994)}
    >>> p = compute_us_visits(trips, visits, states, "ARM", "USA")
    >>> p[["indicator", "year", "value"]].values.tolist()
    [['diplomacy.leader_visits_a_to_b', 1992, 0.0], ['diplomacy.leader_visits_a_to_b', 1993, 1.0], ['diplomacy.leader_visits_b_to_a', 1991, 0.0], ['diplomacy.leader_visits_b_to_a', 1992, 1.0], ['diplomacy.leader_visits_b_to_a', 1993, 0.0]]
    """
    if (a == US) == (b == US):
        return pd.DataFrame(columns=PANEL_COLUMNS)
    other = b if a == US else a
    out_us, to_us = trips[trips["partner"] == other], visits[visits["partner"] == other]
    out_us.attrs, to_us.attrs = dict(trips.attrs), dict(visits.attrs)
    # _window needs the partner's own records only when it is not a COW state.
    one = {other: states[other]} if other in states else {}
    counts = pd.concat(
        [direction_counts(out_us, one, to_us=False), direction_counts(to_us, one, to_us=True)],
        ignore_index=True,
    )
    return panel_from_counts(counts, a, b)


def panel_from_counts(counts: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the panel rows of the pair from the counts of both directions."""
    frames = []
    for indicator, (o, d) in zip(VISIT_INDICATORS, ((a, b), (b, a))):
        rows = _direction(counts, o, d)
        if len(rows):
            frames.append(to_panel(rows.assign(source=SOURCE_ID), a, b, indicator))
    if not frames:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def compute_all_us_visits(
    trips: pd.DataFrame, visits: pd.DataFrame, states: dict[str, np.ndarray]
) -> pd.DataFrame:
    """Return both visit indicators for every pair with the USA, both orders, as panel rows."""
    counts = pd.concat(
        [
            direction_counts(trips, states, to_us=False),
            direction_counts(visits, states, to_us=True),
        ],
        ignore_index=True,
    )
    partners = sorted((set(counts["origin"]) | set(counts["destination"])) - {US})
    frames = []
    for p in partners:
        sub = counts[(counts["origin"] == p) | (counts["destination"] == p)]
        for a, b in ((US, p), (p, US)):
            frames.append(panel_from_counts(sub, a, b))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    return pd.concat(frames, ignore_index=True)
