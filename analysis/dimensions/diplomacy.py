"""The diplomacy dimension for every pair at once: leader contacts, US visits, key UNGA votes.

The panel indicators ``diplomacy.leader_meetings`` and ``diplomacy.leader_calls`` come from the
curated leader-contacts table: :func:`compute_all_pairs` computes every pair it names, in both
orders, with the per-pair function. ``diplomacy.leader_visits_a_to_b`` and ``_b_to_a`` (US
Office of the Historian) are computed for every pair with the USA at once
(:func:`analysis.indicators.us_visits.compute_all_us_visits`). The key-votes table is computed for every
ordered pair of UN members at once (:func:`key_votes_all_pairs`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.curated import load_leader_contacts
from analysis.dimensions.society import conform, wide_columns
from analysis.dyadic import AllPairs, long_to_wide
from analysis.indicators import diplomacy, us_visits
from analysis.load_diplomacy import load_es11_votes
from analysis.load_security import load_state_spells
from analysis.load_us_visits import load_us_leader_visits, load_us_trips

#: Indicator ids of the directed table, in column order.
INDICATOR_IDS = tuple(sorted([*diplomacy.CONTACT_INDICATORS, *us_visits.VISIT_INDICATORS]))

#: Columns of the key-votes table (as :func:`analysis.indicators.diplomacy.compute_key_votes`).
KEY_VOTE_COLUMNS = ["country_a", "country_b", "resolution", "date", "title", "vote_a", "vote_b",
                    "same_vote", "undl_id", "url"]  # fmt: skip


@dataclass(frozen=True)
class DiplomacyInputs:
    """Standardised source tables of the diplomacy dimension."""

    contacts: pd.DataFrame  # curated leader contacts (data/curated/leader_contacts.csv)
    votes: pd.DataFrame  # recorded votes on the ES-11 resolutions and A/RES/77/13
    us_trips: pd.DataFrame  # US President's and Secretary of State's trips (attrs: window)
    us_visits: pd.DataFrame  # foreign leaders' visits to the USA (attrs: window)
    states: dict  # ISO3 -> years of statehood (COW), to bound the visit counts


@functools.cache
def load_diplomacy_inputs(raw_dir: Path) -> DiplomacyInputs:
    """Load, validate and standardise every raw source of the diplomacy dimension."""
    raw_dir = Path(raw_dir)
    trips, visits = load_us_trips(raw_dir), load_us_leader_visits(raw_dir)
    last = max(trips.attrs["last_year"], visits.attrs["last_year"])
    return DiplomacyInputs(
        contacts=load_leader_contacts(),
        votes=load_es11_votes(raw_dir),
        us_trips=trips,
        us_visits=visits,
        states=us_visits.statehood_years(load_state_spells(raw_dir), last),
    )


def compute_all_pairs(inputs: DiplomacyInputs) -> AllPairs:
    """Compute the leader-contact and visit indicators for every ordered pair and year.

    Returns
    -------
    AllPairs
        ``directed`` only: the rows of the pairs with curated contacts and of the pairs with
        the USA, in both orders (no other pair has data).
    """
    parts = [
        diplomacy.compute_leader_contacts(inputs.contacts, a, b)
        for a, b in diplomacy.contact_pairs(inputs.contacts)
    ]
    parts.append(us_visits.compute_all_us_visits(inputs.us_trips, inputs.us_visits, inputs.states))
    wide = long_to_wide(pd.concat([p for p in parts if len(p)], ignore_index=True))
    return AllPairs(directed=conform(wide, wide_columns(INDICATOR_IDS, set())))


def key_votes_all_pairs(votes: pd.DataFrame) -> pd.DataFrame:
    """Return the key-votes table of every ordered pair of distinct countries in ``votes``.

    For each pair, the rows :func:`analysis.indicators.diplomacy.compute_key_votes` gives (one
    per resolution on which both countries have a row), sorted by ``country_a, country_b``,
    then by date and resolution.

    Examples
    --------
    >>> votes = pd.DataFrame({"undl_id": [1, 1, 1], "resolution": ["R/1"] * 3,
    ...     "date": pd.to_datetime(["2022-03-02"] * 3), "title": ["T"] * 3,
    ...     "iso3": ["ARM", "RUS", "USA"], "vote": ["ABSTAIN", "NO", "YES"]})
    >>> key_votes_all_pairs(votes)[["country_a", "country_b", "vote_a", "vote_b"]].values.tolist()[:2]
    [['ARM', 'RUS', 'abstain', 'no'], ['ARM', 'USA', 'abstain', 'yes']]
    """
    v = votes.reset_index(drop=True)
    # Format each vote row once, then pair the rows of each resolution by position.
    row = pd.DataFrame(
        {
            "iso3": v["iso3"].astype(str),
            "resolution": v["resolution"],
            "date": v["date"].dt.strftime("%Y-%m-%d"),
            "title": v["title"],
            "vote": v["vote"].map(diplomacy.VOTE_LABELS),
            "undl_id": v["undl_id"].astype("int64"),
            "url": "https://undocs.org/" + v["resolution"],
        }
    )
    pos = pd.DataFrame({"resolution": v["resolution"].to_numpy(), "i": np.arange(len(v))})
    m = pos.merge(pos, on="resolution", suffixes=("_a", "_b"))
    ia, ib = m["i_a"].to_numpy(), m["i_b"].to_numpy()
    iso3, code = row["iso3"].to_numpy(), v["vote"].to_numpy()
    keep = iso3[ia] != iso3[ib]
    ia, ib = ia[keep], ib[keep]
    a_side = row.take(ia).reset_index(drop=True)
    b_side = row.take(ib).reset_index(drop=True)
    out = pd.DataFrame(
        {
            "country_a": a_side["iso3"],
            "country_b": b_side["iso3"],
            "resolution": a_side["resolution"],
            "date": a_side["date"],
            "title": a_side["title"],
            "vote_a": a_side["vote"],
            "vote_b": b_side["vote"],
            "same_vote": code[ia] == code[ib],
            "undl_id": a_side["undl_id"],
            "url": a_side["url"],
        }
    )
    order = ["country_a", "country_b", "date", "resolution"]
    return out.sort_values(order, ignore_index=True)[KEY_VOTE_COLUMNS]


def leader_contact_events(inputs: DiplomacyInputs) -> pd.DataFrame:
    """Return the dated leader contacts, as :func:`analysis.diplomacy.build_leader_contact_events`."""
    return diplomacy.compute_leader_contact_events(inputs.contacts)


def compute_tables(inputs: DiplomacyInputs) -> dict[str, pd.DataFrame]:
    """Return the detail tables of the dimension.

    ``key_votes``: :func:`key_votes_all_pairs` (every ordered pair of countries in the votes
    file); ``leader_contact_events``: :func:`leader_contact_events`.
    """
    return {
        "key_votes": key_votes_all_pairs(inputs.votes),
        "leader_contact_events": leader_contact_events(inputs),
    }
