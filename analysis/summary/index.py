"""Sentences on the closeness index: its change and robustness, rank among peers, breaks, inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.index import DIMENSION_TITLES, INDEX_DIMENSIONS
from analysis.summary.common import _and, _ordinal


def _robustness(row, n: int, n_dims: int, verb: str) -> str:
    """Say how a change of the index fares under other weightings and leave-one-out."""
    loo = row.get("loo_same_sign")
    if n_dims < 2:
        text = f"Only one dimension has data, so the weights cannot change the {verb}"
        if pd.isna(loo):
            return text + "."
        return text + (
            "; it holds with any one indicator left out."
            if loo
            else "; it does not hold with every indicator left out in turn."
        )
    share = row["share_same_sign"]
    if row["survives_all"]:
        text = f"The {verb} holds under all {n:,} random weightings of the dimensions"
    elif row["survives_95"]:
        text = f"The {verb} holds under {share:.0%} of {n:,} random weightings of the dimensions"
    else:
        text = (
            f"The {verb} is not robust to the weights: it holds under only {share:.0%} of "
            f"{n:,} random weightings"
        )
    if pd.isna(loo):
        return text + "."
    return text + (
        " and with any one indicator left out."
        if loo
        else ", but not with every indicator left out in turn."
    )


def describe_index_change(
    row, common, name_a: str, name_b: str, n: int, n_dims: int, what: str = "closeness index"
) -> str:
    """Describe one change of the index with its robustness (rows of the robustness tables).

    Parameters
    ----------
    row : Series
        A row of :func:`analysis.index.compute_change_robustness`, plus ``from_score`` and
        ``to_score``.
    common : Series or None
        The matching row of :func:`analysis.index.compute_common_change`.
    """
    ch = row["change"]
    verb = "rise" if ch > 0 else "fall" if ch < 0 else "level"
    s0, s1 = f"{row['from_score']:.0f}", f"{row['to_score']:.0f}"
    if s0 == s1:  # never "from 62 to 62": the rounded scores say it was level
        text = (
            f"The {what} of {name_a} and {name_b} was about level at {s1} in {row['from_year']} "
            f"and {row['to_year']} ({ch:+.1f} points on a 0-100 scale). "
        )
    else:
        moved = "rose" if ch > 0 else "fell"
        text = (
            f"The {what} of {name_a} and {name_b} {moved} from {s0} in {row['from_year']} to "
            f"{s1} in {row['to_year']} ({ch:+.1f} points on a 0-100 scale). "
        )
    text += _robustness(row, n, n_dims, verb)
    if common is not None and not common["same_inputs"]:
        cc = common["change_common"]
        text += (
            " Indicators enter or leave between the two years; on those present in both the "
            + (f"change is {cc:+.1f} points." if pd.notna(cc) else "comparison is not possible.")
        )
    return text


def describe_rank(
    ranks: pd.DataFrame, name_a: str, name_b: str, dimension: str = "index"
) -> str | None:
    """Describe the pair's rank among its peers on the index (or a dimension)."""
    r = ranks[ranks["dimension"] == dimension]
    focal = r[r["focal"]]
    if focal.empty:
        return None
    f = focal.iloc[0]
    what = "closeness index" if dimension == "index" else dimension
    text = (
        f"Among {f['n']} pairs compared, {name_a} and {name_b} rank {_ordinal(f['rank'])} on "
        f"the {what} in {f['year']}"
    )
    stale = r[r["stale"]]
    if len(stale):
        y0, y1 = int(stale["year"].min()), int(stale["year"].max())
        when = str(y0) if y0 == y1 else f"{y0}-{y1}"
        verb = "enters" if len(stale) == 1 else "enter"
        text += f" ({len(stale)} of the other pairs {verb} with their latest score, from {when})"
    cov = r["coverage"]
    if dimension == "index" and not np.isclose(cov.min(), cov.max()):
        text += (
            f"; the pairs' indexes rest on different dimensions ({cov.min():.0%} to "
            f"{cov.max():.0%} of the weight), so each dimension compares more directly"
        )
    return text + "."


def describe_breaks(breaks: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Describe detected breaks, one sentence per series (``labels``: series -> reader name).

    A break whose date interval holds a change of source or of the score's inputs may come from
    the data, not from the relationship: it is not called a break but a shift that coincides
    with the change, in a sentence of its own.

    Examples
    --------
    >>> b = pd.DataFrame({"series": "index", "period": [2008, 2015], "lo_period": [2008, 2014],
    ...                   "hi_period": [2008, 2016], "p_value": [0.01, 0.02],
    ...                   "source_change": [False, False], "inputs_change": [False, True]})
    >>> describe_breaks(b, {"index": "The index"})  # doctest: +NORMALIZE_WHITESPACE
    ['The index: a break in 2008 (p = 0.010).',
     'The index: a shift in 2015 (p = 0.020, likely 2014-2016) coincides with indicators
      entering or leaving; it may come from the data rather than the relationship.']
    """
    out = []
    for series, g in breaks.groupby("series", sort=False):
        real, artefact, causes = [], [], set()
        for _, b in g.iterrows():
            interval = (
                f", likely {b['lo_period']}-{b['hi_period']}"
                if b["lo_period"] != b["hi_period"]
                else ""
            )
            text = f"{b['period']} (p = {b['p_value']:.3f}{interval})"
            notes = []
            if b.get("source_change"):
                notes.append("a change of source")
            if b.get("inputs_change"):
                notes.append("indicators entering or leaving")
            if notes:
                artefact.append(text)
                causes.update(notes)
            else:
                real.append(text)
        name = labels.get(series, series)
        if real:
            out.append(f"{name}: a break in {', '.join(real)}.")
        if artefact:
            shifts = "a shift" if len(artefact) == 1 else "shifts"
            verb, it = ("coincides", "it") if len(artefact) == 1 else ("coincide", "they")
            out.append(
                f"{name}: {shifts} in {', '.join(artefact)} {verb} with "
                f"{_and(sorted(causes))}; {it} may come from the data rather than the relationship."
            )
    return out


def describe_index_inputs(scores: pd.DataFrame, weights: dict[str, float]) -> str | None:
    """Say which dimensions the pair's index rests on, and which have no data or no weight.

    ``scores`` holds one pair's rows of :func:`analysis.index.compute_scores`.

    Examples
    --------
    >>> s = pd.DataFrame({"dimension": ["economy", "security", "index"]})
    >>> describe_index_inputs(s, {"economy": 1, "security": 0})
    'The index rests on economic interdependence; political alignment, society and diplomacy have no data for this pair in these years; security ties is weighted 0.'
    """

    have = [d for d in INDEX_DIMENSIONS if d in set(scores["dimension"])]
    used = [d for d in have if weights.get(d, 0) > 0]
    missing = [d for d in INDEX_DIMENSIONS if d not in have]
    zero = [d for d in have if d not in used]

    def names(ds):
        return _and([DIMENSION_TITLES[d].lower() for d in ds])

    if not have:
        return "No indicator of the index has data for this pair in these years."
    if not used:
        return (
            f"The index has no value: {names(have)} "
            + ("has data but weight 0" if len(have) == 1 else "have data but weights 0")
            + "; give one of them a positive weight."
        )
    text = f"The index rests on {names(used)}"
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        text += f"; {names(missing)} {verb} no data for this pair in these years"
    if zero:
        text += f"; {names(zero)} {'is' if len(zero) == 1 else 'are'} weighted 0"
    return text + "."
