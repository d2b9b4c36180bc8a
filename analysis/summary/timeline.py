"""Sentences on diplomacy: the event timeline, leader contacts, key votes."""

from __future__ import annotations

import pandas as pd

from analysis.summary.common import _series


def summarize_timeline(events: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return sentences on the timeline: how many events, their tone before and after a turn.

    The turn is the year after which the mean tone of the events is lowest relative to before
    (the split that separates the two periods most); with fewer than four events only the count
    is given.
    """
    if events.empty:
        return [f"The curated timeline has no event for {name_a} and {name_b}."]
    first, last = events["date"].min(), events["date"].max()
    text = (
        f"The curated timeline records {len(events)} events between {name_a} and {name_b} from "
        f"{first:%Y} to {last:%Y}: "
        + ", ".join(
            f"{n} {cat}" for cat, n in events["category"].value_counts().sort_index().items()
        )
        + "."
    )
    out = [text]
    if len(events) >= 4:
        years = sorted(events["year"].unique())
        best = None
        for y in years[1:-1]:
            before, after = events[events["year"] <= y], events[events["year"] > y]
            if len(before) >= 2 and len(after) >= 2:
                gap = before["tone"].mean() - after["tone"].mean()
                if best is None or gap > best[0]:
                    best = (gap, y, before, after)
        if best and best[0] > 0:
            _, y, before, after = best
            out.append(
                f"Up to {y} the events average a tone of {before['tone'].mean():+.1f} on the "
                f"scale from −2 (strongly conflictual) to +2 (strongly cooperative); after {y} "
                f"they average {after['tone'].mean():+.1f}, with "
                f"{int((after['tone'] < 0).sum())} of {len(after)} events conflictual."
            )
    return out


def summarize_leader_contacts(
    panel: pd.DataFrame, events: pd.DataFrame, name_a: str, name_b: str
) -> list[str]:
    """Return sentences on the leaders' documented meetings and calls (curated, cited).

    The counts are lower bounds (the record is not complete), so the sentences state what is
    documented and never compare years. ``events`` are the dated contacts
    (:func:`analysis.diplomacy.get_leader_contact_events`), ``leader_a`` being a's leader.
    """
    meet = _series(panel, "diplomacy.leader_meetings")
    call = _series(panel, "diplomacy.leader_calls")
    if meet.empty:
        return [
            f"No curated record of leader meetings covers {name_a} and {name_b}: leader contacts "
            "are missing for this pair, not zero."
        ]
    out = [
        f"The curated, cited record documents {int(meet.sum())} in-person meetings of the two "
        f"countries' leaders in {len(meet)} of the years {int(meet.index.min())}–"
        f"{int(meet.index.max())}; it is not complete, so these counts are lower bounds and a "
        "year without a documented meeting is left blank."
    ]
    m = events[events["indicator"] == "diplomacy.leader_meetings"] if len(events) else events
    if len(m):
        last = m.sort_values("date").iloc[-1]
        out.append(
            f"The last documented meeting is dated {last['date']}: {last['leader_a']} "
            f"({name_a}) and {last['leader_b']} ({name_b}), {last['place']} "
            f"({last['format']})."
        )
    if call.empty:
        n_calls = int((events["indicator"] == "diplomacy.leader_calls").sum()) if len(events) else 0
        out.append(
            f"Phone calls are not counted: no year's calls are documented completely (the record "
            f"lists {n_calls} confirmed call{'s' if n_calls != 1 else ''} in these years)."
        )
    return out


def summarize_key_votes(votes: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return sentences on the pair's key UNGA votes."""
    if votes.empty:
        return [f"No key-vote record covers {name_a} and {name_b}."]
    same = int(votes["same_vote"].sum())
    counts = votes["vote_a"].value_counts()
    parts = ", ".join(f"{v} {k}" for k, v in counts.items())
    return [
        f"On the {len(votes)} key General Assembly resolutions of {votes['date'].min()[:4]}–"
        f"{votes['date'].max()[:4]}, {name_a} voted as {name_b} did "
        f"{'once' if same == 1 else f'{same} times'} "
        f"({name_a}'s votes: {parts})."
    ]
