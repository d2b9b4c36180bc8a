"""The diplomacy dimension: its panel provider, its processed tables and their readers.

- :func:`diplomacy_provider` (registered in :data:`analysis.panel.PROVIDERS`) gives
  ``diplomacy.leader_meetings`` and ``diplomacy.leader_calls`` from the Channel One Russia items
  (Armenia-Russia only; other pairs get no rows).
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
from analysis.indicators import PANEL_COLUMNS, diplomacy
from analysis.load_diplomacy import load_es11_votes, load_state_media_items, load_state_media_totals


def diplomacy_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the diplomacy dimension: leader meetings and calls per year."""
    if {a, b} != diplomacy.STATE_MEDIA_PAIR:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    raw_dir = Path(raw_dir)
    return diplomacy.compute_leader_contacts(
        load_state_media_items(raw_dir), load_state_media_totals(raw_dir), a, b
    )


def build_key_votes(raw_dir: Path) -> pd.DataFrame:
    """Return the key-votes table of every embedded pair."""
    votes = load_es11_votes(Path(raw_dir))
    return pd.concat(
        [diplomacy.compute_key_votes(votes, a, b) for a, b in config.EMBEDDED_PAIRS],
        ignore_index=True,
    )


def build_leader_contact_events(raw_dir: Path) -> pd.DataFrame:
    """Return the dated leader contacts (one row per event) behind the yearly counts."""
    ev = diplomacy.compute_leader_contact_events(load_state_media_items(Path(raw_dir)))
    return ev.assign(date=ev["date"].dt.strftime("%Y-%m-%d"))


def get_key_votes(a: str, b: str) -> pd.DataFrame:
    """Return the pair's votes on the key UNGA resolutions: from the store, or embedded."""
    a, b = resolve(a).iso3, resolve(b).iso3
    kv = datastore.current().table("key_votes", "key_votes.csv")
    if kv is None:
        return pd.DataFrame()
    return kv[(kv["country_a"] == a) & (kv["country_b"] == b)].reset_index(drop=True)


def get_leader_contact_events(a: str, b: str, start: int | None = None, end: int | None = None):
    """Return the dated leader contacts of the pair (Armenia-Russia only; else empty)."""
    a, b = resolve(a).iso3, resolve(b).iso3
    if {a, b} != diplomacy.STATE_MEDIA_PAIR:
        return pd.DataFrame(columns=["date", "year", "indicator", "items", "title_en"])
    ev = datastore.current().table("leader_contact_events", "leader_contact_events.csv")
    return ev[ev["year"].between(start or -9999, end or 9999)].reset_index(drop=True)


def coverage_state_media(raw_dir: Path) -> str:
    """State the years the 1tv sample covers in full, from the data."""
    years = diplomacy.covered_years(load_state_media_totals(Path(raw_dir)))
    return (
        f"{years[0]}-{years[-1]}, full years of a fixed daily sample of 1tv.ru news "
        f"(about 15 items a day); Armenia-Russia only"
    )


def coverage_es11(raw_dir: Path) -> str:
    """State the resolutions and dates the key-votes file covers, from the data."""
    v = load_es11_votes(Path(raw_dir))
    res = v.drop_duplicates("resolution")
    return (
        f"{len(res)} resolutions, {res['date'].min():%Y-%m-%d} to {res['date'].max():%Y-%m-%d}, "
        f"{v['iso3'].nunique()} member states"
    )
