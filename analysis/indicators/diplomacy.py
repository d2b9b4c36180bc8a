"""Diplomacy indicators: leader meetings and calls per year; key UNGA votes of a pair.

Pure functions, no I/O. Leader contacts are derived from the Channel One Russia items on Armenia
(``russia_1tv``): an item counts when the extract gave it a leader-contact kind, an event is a
distinct date, and a year has a row only when the sample covers the whole year.
"""

from __future__ import annotations

import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.common import to_panel

#: Which item kind makes which indicator (``leader_contact_unspecified`` counts for neither: its
#: titles say that leaders "discussed" or "congratulated" without saying whether by phone or in
#: person).
CONTACT_KINDS = {
    "diplomacy.leader_meetings": "leader_meeting_or_talks",
    "diplomacy.leader_calls": "leader_phone_call",
}

#: Items whose kind is wrong for counting contacts between sitting heads of state or government,
#: keyed by their 1tv.ru URL (stable and unique), each with the reason read from its title.
ITEM_EXCLUSIONS = {
    "https://www.1tv.ru/news/2018-05-13/345419-na_sammite_evrazes_v_sochi_vozmozhno_sostoitsya_"
    "vstrecha_vladimira_putina_s_novym_premierom_armenii_nikolom_pashinyanom": (
        "announcement that a meeting may take place at the Sochi summit, not a meeting"
    ),
    "https://www.1tv.ru/news/2018-08-31/351542-vladimir_putin_provel_telefonnyy_razgovor_s_"
    "byvshim_prezidentom_armenii_robertom_kocharyanom": (
        "call with former president Robert Kocharyan, not a head of state or government"
    ),
}

#: A year counts as covered when the sample holds at least this share of the median number of
#: items per year (the last year of the extract is partial: 2026 to January only).
FULL_YEAR_SHARE = 0.8

#: The pair the 1tv extract covers (items on Armenia, leaders of Armenia and Russia).
STATE_MEDIA_PAIR = frozenset({"ARM", "RUS"})


def covered_years(totals: pd.DataFrame) -> list[int]:
    """Return the years the sample covers in full (``total_items`` >= FULL_YEAR_SHARE x median)."""
    threshold = FULL_YEAR_SHARE * totals["total_items"].median()
    return sorted(int(y) for y in totals.loc[totals["total_items"] >= threshold, "year"])


def drop_excluded_items(items: pd.DataFrame) -> pd.DataFrame:
    """Return ``items`` without the rows listed in :data:`ITEM_EXCLUSIONS`."""
    return items[~items["url"].isin(list(ITEM_EXCLUSIONS))]


def compute_leader_contact_events(items: pd.DataFrame) -> pd.DataFrame:
    """Return one row per contact event: ``date, year, indicator, items, title_en``.

    An event is a distinct date on which at least one item of the indicator's kind appears
    (several items on one date report one event); excluded items are dropped first.
    """
    kept = drop_excluded_items(items)
    frames = []
    for indicator, kind in CONTACT_KINDS.items():
        k = kept[kept["kind"] == kind]
        ev = (
            k.groupby("date", as_index=False)
            .agg(items=("url", "size"), title_en=("title_en", "first"))
            .assign(indicator=indicator)
        )
        frames.append(ev)
    ev = pd.concat(frames, ignore_index=True)
    ev["year"] = ev["date"].dt.year.astype("int64")
    return ev[["date", "year", "indicator", "items", "title_en"]].sort_values(
        ["indicator", "date"], ignore_index=True
    )


def compute_leader_contacts(
    items: pd.DataFrame, totals: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Return panel rows of ``diplomacy.leader_meetings`` and ``diplomacy.leader_calls``.

    Counts distinct dates per year for every year the sample covers in full (a covered year with
    no event is a 0 observed in the sample). Only the pair the extract covers (Armenia and
    Russia, either order) gets rows.

    Examples
    --------
    >>> items = pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-01-05", "2020-03-01"]),
    ...     "title_ru": ["a", "b", "c"], "title_en": ["a", "b", "c"], "url": ["u1", "u2", "u3"],
    ...     "kind": ["leader_meeting_or_talks"] * 2 + ["leader_phone_call"]})
    >>> totals = pd.DataFrame({"year": [2020, 2021], "total_items": [5000, 5000]})
    >>> compute_leader_contacts(items, totals, "ARM", "RUS")[["indicator", "year", "value"]].values.tolist()
    [['diplomacy.leader_calls', 2020, 1.0], ['diplomacy.leader_calls', 2021, 0.0], ['diplomacy.leader_meetings', 2020, 1.0], ['diplomacy.leader_meetings', 2021, 0.0]]
    """
    if {a, b} != STATE_MEDIA_PAIR:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    years = covered_years(totals)
    events = compute_leader_contact_events(items)
    frames = []
    for indicator in sorted(CONTACT_KINDS):
        counts = events[events["indicator"] == indicator].groupby("year").size()
        df = pd.DataFrame({"year": years})
        df["value"] = df["year"].map(counts).fillna(0).astype("float64")
        df["source"] = "russia_1tv"
        frames.append(to_panel(df, a, b, indicator))
    return pd.concat(frames, ignore_index=True)


#: How the key-votes table writes each vote.
VOTE_LABELS = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain", "NON-VOTING/ABSENT": "did not vote"}


def compute_key_votes(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return each country's vote on every resolution of ``votes``, one row per resolution.

    Columns ``country_a, country_b, resolution, date (YYYY-MM-DD), title, vote_a, vote_b,
    same_vote, undl_id, url``; ``url`` is the resolution's document at undocs.org. A resolution
    on which a or b has no row (not a member) is left out.
    """
    wide = votes[votes["iso3"].isin([a, b])].pivot_table(
        index=["undl_id", "resolution", "date", "title"],
        columns="iso3",
        values="vote",
        aggfunc="first",
    )
    cols = ["country_a", "country_b", "resolution", "date", "title", "vote_a", "vote_b",
            "same_vote", "undl_id", "url"]  # fmt: skip
    if a not in wide.columns or b not in wide.columns:
        return pd.DataFrame(columns=cols)
    wide = wide.dropna(subset=[a, b]).reset_index()
    out = pd.DataFrame(
        {
            "country_a": a,
            "country_b": b,
            "resolution": wide["resolution"],
            "date": wide["date"].dt.strftime("%Y-%m-%d"),
            "title": wide["title"],
            "vote_a": wide[a].map(VOTE_LABELS),
            "vote_b": wide[b].map(VOTE_LABELS),
            "same_vote": wide[a] == wide[b],
            "undl_id": wide["undl_id"].astype("int64"),
            "url": "https://undocs.org/" + wide["resolution"],
        }
    )
    return out.sort_values(["date", "resolution"], ignore_index=True)[cols]
