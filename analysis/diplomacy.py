"""The diplomacy dimension: its panel provider, its processed tables and their readers.

- :func:`diplomacy_provider` (registered in :data:`analysis.panel.PROVIDERS`) gives
  ``diplomacy.leader_meetings`` and ``diplomacy.leader_calls`` from the curated, cited
  ``leader_contacts.csv`` (pairs without curated contacts get no rows: missing, not zero), and
  ``diplomacy.leader_visits_a_to_b`` / ``_b_to_a`` for pairs with the USA.
- ``key_votes.csv`` (each embedded pair's votes on the Ukraine emergency-session resolutions and
  A/RES/77/13) and ``leader_contact_events.csv`` (the dated contacts behind the yearly counts) are
  processed tables built by :data:`analysis.build.PROCESSED_BUILDERS`; notebooks read them through
  :func:`get_key_votes` and :func:`get_leader_contact_events`, which fall back to the raw sources
  for pairs that are not embedded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import config, datastore
from analysis.countries import resolve
from analysis.curated import load_leader_contacts
from analysis.dimensions.diplomacy import load_diplomacy_inputs
from analysis.indicators import diplomacy, us_visits
from analysis.indicators.common import concat_panel
from analysis.load_diplomacy import load_es11_votes, load_state_media_totals
from analysis.load_us_visits import load_us_leader_visits, load_us_trips


def diplomacy_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the diplomacy dimension: leader meetings and calls per year (curated), and
    top-level visits for pairs with the USA (US Office of the Historian)."""
    parts = [diplomacy.compute_leader_contacts(load_leader_contacts(), a, b)]
    if us_visits.US in (a, b):  # the visit files are read only for a pair that has data in them
        inputs = load_diplomacy_inputs(Path(raw_dir))
        parts.append(
            us_visits.compute_us_visits(inputs.us_trips, inputs.us_visits, inputs.states, a, b)
        )
    return concat_panel(parts)


def build_key_votes(raw_dir: Path) -> pd.DataFrame:
    """Return the key-votes table of every embedded pair."""
    votes = load_es11_votes(Path(raw_dir))
    return pd.concat(
        [diplomacy.compute_key_votes(votes, a, b) for a, b in config.EMBEDDED_PAIRS],
        ignore_index=True,
    )


def build_leader_contact_events(raw_dir: Path) -> pd.DataFrame:
    """Return the dated leader contacts (one row per contact) behind the yearly counts.

    ``raw_dir`` is unused (the contacts are curated); the signature is that of every processed
    table's builder.
    """
    return diplomacy.compute_leader_contact_events(load_leader_contacts())


def get_key_votes(a: str, b: str) -> pd.DataFrame:
    """Return the pair's votes on the key UNGA resolutions: from the store, or embedded."""
    a, b = resolve(a).iso3, resolve(b).iso3
    kv = datastore.current().table("key_votes", "key_votes.csv")
    if kv is None:
        return pd.DataFrame()
    return kv[(kv["country_a"] == a) & (kv["country_b"] == b)].reset_index(drop=True)


def get_leader_contact_events(a: str, b: str, start: int | None = None, end: int | None = None):
    """Return the dated leader contacts of the pair, either order, ``leader_a`` being a's.

    Empty (with the columns of :data:`analysis.indicators.diplomacy.EVENT_COLUMNS`) for a pair
    without curated contacts.
    """
    a, b = resolve(a).iso3, resolve(b).iso3
    ev = datastore.current().table("leader_contact_events", "leader_contact_events.csv")
    if ev is None or ev.empty:
        return pd.DataFrame(columns=diplomacy.EVENT_COLUMNS)
    same = (ev["country_a"] == a) & (ev["country_b"] == b)
    swapped = (ev["country_a"] == b) & (ev["country_b"] == a)
    flip = ev[swapped].rename(columns={"leader_a": "leader_b", "leader_b": "leader_a"})
    flip = flip.assign(country_a=a, country_b=b)
    out = pd.concat([ev[same], flip])[diplomacy.EVENT_COLUMNS]
    out = out[out["year"].between(start or -9999, end or 9999)]
    return out.sort_values(["date", "indicator"], ignore_index=True)


def coverage_state_media(raw_dir: Path) -> str:
    """State the years the 1tv sample covers, from the data."""
    years = sorted(load_state_media_totals(Path(raw_dir))["year"])
    return (
        f"{years[0]}-{years[-1]} (the last year partial), a fixed daily sample of 1tv.ru news "
        f"(about 15 items a day); Armenia-Russia only; a cross-check of the curated leader "
        f"contacts, not a count"
    )


def coverage_es11(raw_dir: Path) -> str:
    """State the resolutions and dates the key-votes file covers, from the data."""
    v = load_es11_votes(Path(raw_dir))
    res = v.drop_duplicates("resolution")
    return (
        f"{len(res)} resolutions, {res['date'].min():%Y-%m-%d} to {res['date'].max():%Y-%m-%d}, "
        f"{v['iso3'].nunique()} member states"
    )


def coverage_us_visits(raw_dir: Path) -> str:
    """State the years and records the US travel and visit files cover, from the data."""
    trips, visits = load_us_trips(Path(raw_dir)), load_us_leader_visits(Path(raw_dir))
    last = trips.groupby("role")["date"].max()
    return (
        f"trips {trips.attrs['first_year']}-{trips.attrs['last_year']} ({len(trips)} trip-country "
        f"records; last President's trip {last['president']:%Y-%m-%d}, last Secretary's "
        f"{last['secretary']:%Y-%m-%d}); leader visits to the USA "
        f"{visits.attrs['first_year']}-{visits.attrs['last_year']} ({len(visits)} records, last "
        f"{visits['date'].max():%Y-%m-%d}); pairs with the USA only"
    )
