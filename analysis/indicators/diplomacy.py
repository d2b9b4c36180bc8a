"""Diplomacy indicators: leader meetings and calls per year; key UNGA votes of a pair.

Pure functions, no I/O. Leader contacts are counted from the curated, cited table
``data/curated/leader_contacts.csv`` (:func:`analysis.curated.load_leader_contacts`): one row per
in-person meeting or call of the two countries' leaders, each with its source.

- ``diplomacy.leader_meetings``: documented meetings per year, only in years with at least one
  documented meeting (a lower bound: the table is not complete, so a year without a documented
  meeting is missing, never a 0).
- ``diplomacy.leader_calls``: calls per year, only inside a pair's declared coverage window
  (:data:`analysis.curated.CALL_COVERAGE`; none is declared yet, so no rows).

The Channel One Russia items (``russia_1tv``) are a fixed daily *sample* of one TV channel's news:
they miss most meetings and count Russia's prime minister as a leader. They are kept only as a
cross-check (:func:`state_media_contact_dates`), never as a count.
"""

from __future__ import annotations

import pandas as pd

from analysis.curated import CALL_COVERAGE
from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.common import to_panel

#: Which kind of curated contact makes which indicator.
CONTACT_INDICATORS = {
    "diplomacy.leader_meetings": "meeting",
    "diplomacy.leader_calls": "call",
}

#: Columns of the dated-contacts table (``leader_contact_events.csv``).
EVENT_COLUMNS = ["date", "year", "country_a", "country_b", "indicator", "format", "place",
                 "leader_a", "leader_b", "title", "source_publisher", "source_url"]  # fmt: skip


def contact_pairs(contacts: pd.DataFrame) -> list[tuple[str, str]]:
    """Return the ordered pairs (both orders) that have at least one curated contact."""
    pairs = {tuple(sorted(p)) for p in zip(contacts["country_a"], contacts["country_b"])}
    return sorted({(a, b) for a, b in pairs} | {(b, a) for a, b in pairs})


def _pair_rows(contacts: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    ca, cb = contacts["country_a"], contacts["country_b"]
    return contacts[((ca == a) & (cb == b)) | ((ca == b) & (cb == a))]


def compute_leader_contacts(contacts: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return panel rows of ``diplomacy.leader_meetings`` and ``diplomacy.leader_calls``.

    Meetings: the number of documented meetings per year, for years with at least one (a
    lower bound). Calls: the number per year for the years of the pair's declared coverage
    window only (0 where the window has none); no window, no rows. Either order of the pair
    gives the same values. Source ``curated``.

    Examples
    --------
    >>> contacts = pd.DataFrame({"country_a": ["ARM"] * 3, "country_b": ["RUS"] * 3,
    ...     "kind": ["meeting", "meeting", "call"], "year": [2019, 2019, 2020]})
    >>> compute_leader_contacts(contacts, "RUS", "ARM")[["indicator", "year", "value"]].values.tolist()
    [['diplomacy.leader_meetings', 2019, 2.0]]
    """
    rows = _pair_rows(contacts, a, b)
    frames = []
    for indicator, kind in sorted(CONTACT_INDICATORS.items()):
        counts = rows[rows["kind"] == kind].groupby("year").size()
        if kind == "call":
            window = CALL_COVERAGE.get(frozenset((a, b)))
            years = list(range(window[0], window[1] + 1)) if window else []
        else:
            years = sorted(int(y) for y in counts.index)
        if not years:
            continue
        df = pd.DataFrame({"year": years})
        df["value"] = df["year"].map(counts).fillna(0).astype("float64")
        df["source"] = "curated"
        frames.append(to_panel(df, a, b, indicator))
    if not frames:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def compute_leader_contact_events(contacts: pd.DataFrame) -> pd.DataFrame:
    """Return the dated contacts behind the counts, one row per contact (:data:`EVENT_COLUMNS`).

    ``date`` is the date as written (``YYYY-MM`` where only the month is documented);
    ``indicator`` is the panel id the contact counts for.
    """
    kind_to_id = {k: i for i, k in CONTACT_INDICATORS.items()}
    out = contacts.assign(date=contacts["date_text"], indicator=contacts["kind"].map(kind_to_id))
    return out[EVENT_COLUMNS].reset_index(drop=True)


# --- cross-check only: the Channel One Russia sample ------------------------------------------

#: Which item kind of the state-TV extract reports which kind of contact.
STATE_MEDIA_KINDS = {
    "meeting": "leader_meeting_or_talks",
    "call": "leader_phone_call",
}

#: Items whose kind is wrong for a contact between sitting heads of state or government,
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


def drop_excluded_items(items: pd.DataFrame) -> pd.DataFrame:
    """Return ``items`` without the rows listed in :data:`ITEM_EXCLUSIONS`."""
    return items[~items["url"].isin(list(ITEM_EXCLUSIONS))]


def state_media_contact_dates(items: pd.DataFrame, kind: str = "meeting") -> pd.Series:
    """Return the distinct dates on which the state-TV sample reports a contact of ``kind``.

    A cross-check of the curated table, not a count: the sample holds about 15 items a day of
    one channel and names Russia's prime minister as a leader too.
    """
    kept = drop_excluded_items(items)
    dates = kept.loc[kept["kind"] == STATE_MEDIA_KINDS[kind], "date"]
    return pd.Series(sorted(dates.unique()), dtype="datetime64[ns]")


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
