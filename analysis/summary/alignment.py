"""Sentences on political alignment: UN General Assembly agreement, ideal points, issues."""

from __future__ import annotations

import pandas as pd

from analysis.indicators.alignment import ISSUE_LABELS, pool_agreement
from analysis.reliability import flag_rows
from analysis.summary.common import _rows
from analysis.summary.panel import describe_withheld

#: Readable names of the UNGA vote sources, for sentences.
VOTE_SOURCE_NAMES = {
    "unvotes": "Voeten's UNGA voting data",
    "undl_2020_2024": "the UN Digital Library extract",
    "undl_2025_thirdparty_scrape": "a third-party scrape of UN Digital Library records",
}

#: The last year of the Bailey-Strezhnev-Voeten ideal points, estimated from a session still in
#: progress (PROVENANCE-political.md, section 2): sentences flag it as provisional.
PROVISIONAL_IDEALPOINT_YEAR = 2025


def describe_agreement(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe UNGA agreement: the latest year with its interval, the first year, the lowest.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": ["alignment.unga_agreement"] * 2 + ["alignment.unga_joint_votes"] * 2,
    ...     "year": [2000, 2001] * 2, "value": [80.0, 50.0, 10.0, 8.0], "lo": [70.0, 30.0, None, None],
    ...     "hi": [90.0, 70.0, None, None]})
    >>> describe_agreement(p, "A", "B")
    'In 2001, A and B cast the same vote on 4 of the 8 UNGA roll calls on which both voted (50%; 95% bootstrap interval 30-70%), against 80% in 2000. Agreement was lowest in 2001 (50%).'
    """
    ag = _rows(panel, "alignment.unga_agreement")
    jv = _rows(panel, "alignment.unga_joint_votes")["value"]
    if ag.empty:
        return None
    y = int(ag.index[-1])
    last = ag.loc[y]
    n = int(jv.get(y, 0))
    same = round(last["value"] / 100 * n)
    text = (
        f"In {y}, {name_a} and {name_b} cast the same vote on {same} of the {n} UNGA roll calls "
        f"on which both voted ({last['value']:.0f}%"
    )
    if pd.notna(last.get("lo")):
        text += f"; 95% bootstrap interval {last['lo']:.0f}-{last['hi']:.0f}%"
    text += ")"
    if len(ag) > 1:
        y0 = int(ag.index[0])
        text += f", against {ag.loc[y0, 'value']:.0f}% in {y0}"
    ymin = int(ag["value"].idxmin())
    return text + f". Agreement was lowest in {ymin} ({ag.loc[ymin, 'value']:.0f}%)."


def describe_chance_corrected(panel: pd.DataFrame) -> str | None:
    """Describe Cohen's kappa and the S score in the latest and the first year."""
    k = _rows(panel, "alignment.unga_kappa")["value"]
    sc = _rows(panel, "alignment.unga_s_score")["value"]
    if len(k) < 2 or len(sc) < 2:
        return None
    y, y0 = int(k.index[-1]), int(k.index[0])
    text = f"Corrected for chance, Cohen's kappa was {k[y]:.2f} in {y} against {k[y0]:.2f} in {y0}"
    if y in sc.index and y0 in sc.index:
        text += f"; the Signorino-Ritter S score was {sc[y]:.2f} against {sc[y0]:.2f}"
    return text + " (1 = identical voting)."


def describe_idealpoints(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe the distance between the two ideal points: latest, first and largest."""
    d = _rows(panel, "alignment.idealpoint_distance")["value"]
    ia = _rows(panel, "alignment.idealpoint_a")["value"]
    ib = _rows(panel, "alignment.idealpoint_b")["value"]
    if d.empty:
        return None
    y = int(d.index[-1])
    text = (
        f"Their UNGA ideal points were {d[y]:.2f} apart in {y} ({name_a} {ia[y]:+.2f}, "
        f"{name_b} {ib[y]:+.2f}"
    )
    text += ", provisional)" if y == PROVISIONAL_IDEALPOINT_YEAR else ")"
    if len(d) > 1:
        y0 = int(d.index[0])
        text += f", against {d[y0]:.2f} in {y0}"
        ymax = int(d.idxmax())
        text += f"; the largest distance was {d[ymax]:.2f} in {ymax}"
    return text + "."


def describe_vote_sources(panel: pd.DataFrame) -> str | None:
    """Say which source serves which years of the agreement series."""
    ag = panel[panel["indicator"] == "alignment.unga_agreement"].sort_values("year")
    if ag.empty:
        return None
    spans = ag.groupby("source", sort=False)["year"].agg(["min", "max"])
    parts = [
        f"{VOTE_SOURCE_NAMES.get(src, src)} for {lo}" + (f"-{hi}" if hi != lo else "")
        for src, (lo, hi) in spans.iterrows()
    ]
    return "Votes come from " + ", ".join(parts) + "."


def describe_issues(panel: pd.DataFrame, labels: dict[str, str]) -> str | None:
    """Describe pooled agreement by issue: the issues with the highest and lowest agreement."""

    pooled = pool_agreement(panel, tuple(labels))
    if len(pooled) < 2:
        return None
    hi = pooled.loc[pooled["agreement"].idxmax()]
    lo = pooled.loc[pooled["agreement"].idxmin()]
    span = f"{pooled['first_year'].min()}-{pooled['last_year'].max()}"
    return (
        f"Over {span}, agreement was highest on {labels[hi['issue']]} votes "
        f"({hi['agreement']:.0f}% of {hi['joint_votes']} joint votes) and lowest on "
        f"{labels[lo['issue']]} votes ({lo['agreement']:.0f}% of {lo['joint_votes']})."
    )


def summarize_alignment(
    panel: pd.DataFrame, name_a: str, name_b: str, idealpoints: pd.DataFrame | None = None
) -> list[str]:
    """Return the political-alignment section's summary sentences, generated from the panel.

    The latest, first, lowest and largest values come from the values that may carry a claim
    (:func:`analysis.reliability.flag_rows`, with the ideal points' vote counts when
    ``idealpoints`` is given); the last sentence names what was left out (provisional 2025
    values, thin years).
    """
    flags = flag_rows(panel, idealpoints)
    solid = panel[flags == ""]
    sentences = [
        describe_agreement(solid, name_a, name_b),
        describe_chance_corrected(solid),
        describe_idealpoints(solid, name_a, name_b),
        describe_issues(solid, ISSUE_LABELS),
        describe_vote_sources(panel),
        describe_withheld(panel, flags, name_a, name_b),
    ]
    return [s for s in sentences if s]
