"""Sentences written from the numbers (no hand-written claims)."""

from __future__ import annotations

import html

import pandas as pd

from analysis.tables import format_value


def _series(panel: pd.DataFrame, indicator: str) -> pd.Series:
    s = panel[panel["indicator"] == indicator].sort_values("year")
    return s.set_index("year")["value"]


def describe_level_change(panel: pd.DataFrame, indicator: str, label: str) -> str | None:
    """Describe a series: its latest value, its change over the period, its largest yearly jump.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": "x", "year": [2020, 2021, 2022], "value": [10.0, 12.0, 30.0]})
    >>> describe_level_change(p, "x", "Trade")
    'Trade was USD 30 million in 2022, against USD 10 million in 2020 (×3.0). The largest one-year change came in 2022 (+18 million, +150%).'
    """
    s = _series(panel, indicator)
    if len(s) < 2:
        return None
    y0, y1 = int(s.index[0]), int(s.index[-1])
    v0, v1 = s.iloc[0], s.iloc[-1]
    fmt = lambda v: format_value(v, "USD million")  # noqa: E731
    text = f"{label} was USD {fmt(v1)} million in {y1}, against USD {fmt(v0)} million in {y0}"
    if v0 > 0 and v1 > 0:
        ratio = v1 / v0
        text += f" (×{ratio:.1f})" if ratio >= 2 else f" ({(ratio - 1) * 100:+.0f}%)"
    text += "."
    diff = s.diff().dropna()
    consecutive = pd.Series(s.index, index=s.index).diff().dropna() == 1
    diff = diff[consecutive]
    if len(diff):
        yj = int(diff.abs().idxmax())
        d = diff[yj]
        prev = s[yj - 1]
        pct = f", {d / prev * 100:+.0f}%" if prev > 0 else ""
        sign = "+" if d >= 0 else "−"
        text += f" The largest one-year change came in {yj} ({sign}{fmt(abs(d))} million{pct})."
    return text


def describe_share(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe b's share of a's trade and its rank in the latest year and five years before."""
    share = _series(panel, "trade.partner_share")
    rank = _series(panel, "trade.partner_rank")
    if share.empty:
        return None
    y = int(share.index[-1])
    text = f"{name_b} accounted for {share.iloc[-1]:.1f}% of {name_a}'s recorded merchandise trade in {y}"
    if y in rank.index:
        text += f" (rank {rank[y]:.0f} among its partners)"
    if y - 5 in share.index:
        text += f", against {share[y - 5]:.1f}% in {y - 5}"
        if y - 5 in rank.index:
            text += f" (rank {rank[y - 5]:.0f})"
    return text + "."


def summarize_economy(panel: pd.DataFrame, name_a: str, name_b: str) -> list[str]:
    """Return the economy section's summary sentences, generated from the panel."""
    sentences = [
        describe_level_change(
            panel, "trade.total", f"Trade of {name_a} with {name_b} (exports + imports)"
        ),
        describe_share(panel, name_a, name_b),
        describe_level_change(
            panel, "remittances.transfers_b_to_a", f"Money transfers from {name_b} to {name_a}"
        ),
        describe_level_change(
            panel, "remittances.transfers_b_to_a_noncommercial", "Their non-commercial part"
        ),
    ]
    return [s for s in sentences if s]


def sentences_html(sentences: list[str]) -> str:
    """Render sentences as an escaped HTML bullet list."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return f'<ul class="summary">{items}</ul>'


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
    panel: pd.DataFrame, events: pd.DataFrame, documented: pd.Series, name_a: str, name_b: str
) -> list[str]:
    """Return sentences on leader meetings and calls in the state-TV sample and the timeline."""
    meet = _series(panel, "diplomacy.leader_meetings")
    call = _series(panel, "diplomacy.leader_calls")
    if meet.empty:
        return [
            f"No leader-contact source covers {name_a} and {name_b} (the Russian state-TV sample "
            "covers Armenia–Russia only)."
        ]
    y0, y1 = int(meet.index.min()), int(meet.index.max())
    out = [
        f"Channel One Russia's daily news sample reports {int(meet.sum())} in-person meetings and "
        f"{int(call.sum())} phone calls between the two countries' leaders in {y0}–{y1} "
        f"(distinct dates); the busiest year for calls was {int(call.idxmax())} "
        f"({int(call.max())})."
    ]
    m = events[events["indicator"] == "diplomacy.leader_meetings"] if len(events) else events
    if len(m):
        out.append(f"The last meeting the sample reports is dated {m['date'].max()}.")
    missed = [int(y) for y, n in documented.items() if y in meet.index and n > meet.get(y, 0)]
    if missed:
        out.append(
            "The curated timeline documents more meetings than the sample reports in "
            + ", ".join(map(str, missed))
            + ", so the sample's counts are lower bounds."
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
