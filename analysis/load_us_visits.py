"""Loaders for the US Office of the Historian's travel and visit records.

Two files (``us_visits`` in :data:`analysis.sources.SOURCES`), each one CSV row per record of the
Historian's XML (PROVENANCE-political.md, section 16):

- the foreign trips of US Presidents and Secretaries of State, one row per trip and country;
- the visits of foreign leaders to the United States, one row per visit.

Each loader checks its file and returns a tidy frame with the partner's ISO3 code; any problem
raises :class:`~analysis.errors.BadInput` naming the file. The years each file covers are kept
in ``attrs`` (``first_year``, ``last_year``): the counts of :mod:`analysis.indicators.us_visits`
are given only inside them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from analysis.errors import BadInput
from analysis.load import _check_dates, _check_unique, _map_labels, _read_csv, raw_path

#: The US officials whose trips the travels file records (its ``role`` column).
US_ROLES = ("president", "secretary")


@functools.cache
def load_us_trips(raw_dir: Path) -> pd.DataFrame:
    """Load the foreign trips of US Presidents and Secretaries of State.

    Returns
    -------
    DataFrame
        ``id, role (president|secretary), name, date (start, Timestamp), year, country_id,
        partner (ISO3 or <NA> for a place that is not a country)``, one row per trip and
        country visited, sorted by date. ``attrs['first_year']``: the first year of any
        record; ``attrs['last_year']``: the last year both roles are recorded to (the year of
        the earlier of the two roles' last trips), so that a later year with one role missing
        is not read as zero trips.
    """
    path = raw_path(raw_dir, "us_visits", 0)
    spec = {"id": "number", "role": "text", "name": "text", "start_date": "text",
            "country_id": "text", "country": "text"}  # fmt: skip
    df = _read_csv(path, spec, dtype={"start_date": "string", "country_id": "string"})
    bad = sorted(set(df["role"].dropna()) - set(US_ROLES))
    if bad or df["role"].isna().any():
        raise BadInput(
            f"{path}: unknown role(s) {bad or ['<empty>']}; expected one of {', '.join(US_ROLES)}"
        )
    if df["country_id"].isna().any():
        line = int(df["country_id"].isna().to_numpy().nonzero()[0][0]) + 2
        raise BadInput(f"{path}: column 'country_id' is empty on line {line}; every trip needs it")
    _check_unique(path, df, ["id", "role", "country_id"])
    dates = _check_dates(path, df, "start_date")
    out = pd.DataFrame(
        {
            "id": df["id"].astype("int64"),
            "role": df["role"].astype("string"),
            "name": df["name"].astype("string"),
            "date": dates,
            "year": dates.dt.year.astype("int64"),
            "country_id": df["country_id"],
            "partner": _map_labels(path, df["country_id"], "us_historian"),
        }
    ).sort_values(["date", "id", "country_id"], ignore_index=True)
    last = out.groupby("role")["date"].max()
    missing = sorted(set(US_ROLES) - set(last.index))
    if missing:
        raise BadInput(f"{path}: no trips of role(s) {missing}; expected both {US_ROLES}")
    out.attrs["first_year"] = int(out["year"].min())
    out.attrs["last_year"] = int(last.min().year)
    return out


@functools.cache
def load_us_leader_visits(raw_dir: Path) -> pd.DataFrame:
    """Load the visits of foreign leaders to the United States.

    Returns
    -------
    DataFrame
        ``id, visitor, date (start, Timestamp), year, from_id, partner (ISO3 or <NA>),
        description``, one row per visit, sorted by date. ``attrs['first_year']`` and
        ``attrs['last_year']``: the years of the first and the last visit recorded.
    """
    path = raw_path(raw_dir, "us_visits", 1)
    spec = {"id": "number", "start_date": "text", "visitor": "text", "from_id": "text",
            "description": "text"}  # fmt: skip
    df = _read_csv(path, spec, dtype={"start_date": "string", "from_id": "string"})
    if df["from_id"].isna().any():
        line = int(df["from_id"].isna().to_numpy().nonzero()[0][0]) + 2
        raise BadInput(f"{path}: column 'from_id' is empty on line {line}; every visit needs it")
    if df["from_id"].str.contains(";").any():
        line = int(df["from_id"].str.contains(";").to_numpy().nonzero()[0][0]) + 2
        raise BadInput(
            f"{path}: several countries in 'from_id' on line {line}; expected one per visit"
        )
    _check_unique(path, df, ["id"])
    dates = _check_dates(path, df, "start_date")
    out = pd.DataFrame(
        {
            "id": df["id"].astype("int64"),
            "visitor": df["visitor"].astype("string"),
            "date": dates,
            "year": dates.dt.year.astype("int64"),
            "from_id": df["from_id"],
            "partner": _map_labels(path, df["from_id"], "us_historian"),
            "description": df["description"].astype("string"),
        }
    ).sort_values(["date", "id"], ignore_index=True)
    out.attrs["first_year"] = int(out["year"].min())
    out.attrs["last_year"] = int(out["year"].max())
    return out
