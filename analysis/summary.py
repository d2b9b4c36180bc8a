"""Sentences written from the numbers (no hand-written claims)."""

from __future__ import annotations

import html

import numpy as np
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
    moved = "rose" if ch > 0 else "fell" if ch < 0 else "stayed"
    text = (
        f"The {what} of {name_a} and {name_b} {moved} from {row['from_score']:.0f} in "
        f"{row['from_year']} to {row['to_score']:.0f} in {row['to_year']} "
        f"({ch:+.1f} points on a 0-100 scale). "
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


def _ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st.

    Examples
    --------
    >>> [_ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st']
    """
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_breaks(breaks: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Describe detected breaks, one sentence per series (``labels``: series -> reader name)."""
    out = []
    for series, g in breaks.groupby("series", sort=False):
        parts = []
        for _, b in g.iterrows():
            notes = []
            if b.get("source_change"):
                notes.append("a source changes then")
            if b.get("inputs_change"):
                notes.append("indicators enter or leave then")
            interval = (
                f", likely {b['lo_period']}-{b['hi_period']}"
                if b["lo_period"] != b["hi_period"]
                else ""
            )
            note = f"; {' and '.join(notes)}" if notes else ""
            parts.append(f"{b['period']} (p = {b['p_value']:.3f}{interval}{note})")
        out.append(f"{labels.get(series, series)}: a break in {', '.join(parts)}.")
    return out


def _and(words: list[str]) -> str:
    """Join words as "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_index_inputs(scores: pd.DataFrame, weights: dict[str, float]) -> str | None:
    """Say which dimensions the pair's index rests on, and which have no data or no weight.

    ``scores`` holds one pair's rows of :func:`analysis.index.compute_scores`.

    Examples
    --------
    >>> s = pd.DataFrame({"dimension": ["economy", "security", "index"]})
    >>> describe_index_inputs(s, {"economy": 1, "security": 0})
    'The index rests on economic interdependence; political alignment, society and diplomacy have no data for this pair in these years; security ties is weighted 0.'
    """
    from analysis.index import DIMENSION_TITLES, INDEX_DIMENSIONS

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
