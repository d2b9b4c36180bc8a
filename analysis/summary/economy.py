"""Sentences on the economic relationship: trade level and change, the partner's share."""

from __future__ import annotations

import pandas as pd

from analysis.summary.common import _series
from analysis.tables import (
    format_value,
)


def describe_level_change(panel: pd.DataFrame, indicator: str, label: str) -> str | None:
    """Describe a series: its latest value, its change over the period, its largest yearly jump.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": "x", "year": [2020, 2021, 2022], "value": [10.0, 12.0, 30.0]})
    >>> describe_level_change(p, "x", "Trade")
    'Trade was USD 30.0 million in 2022, against USD 10.0 million in 2020 (×3.0). The largest one-year change came in 2022 (+18.0 million, +150%).'
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
