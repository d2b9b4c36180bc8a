"""Sentences on security ties: alliance, shared organisations, arms suppliers, conflict, capabilities."""

from __future__ import annotations

import pandas as pd

from analysis.summary.common import _series, _years_text


def describe_defense_pact(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe the defence pact series: ATOP years with a pact, and any curated extension."""
    s = panel[panel["indicator"] == "security.defense_pact"].sort_values("year")
    if s.empty:
        return None
    atop = s[s["source"] == "atop"]
    yes = atop.loc[atop["value"] >= 1, "year"].astype(int).tolist()
    if yes:
        text = f"ATOP records a defence pact between {name_a} and {name_b} in {_years_text(yes)}"
    elif len(atop):
        text = (
            f"ATOP records no defence pact between {name_a} and {name_b} in "
            f"{int(atop['year'].min())}-{int(atop['year'].max())}"
        )
    else:
        text = f"ATOP does not cover {name_a} and {name_b}"
    cur = s[s["source"] == "curated"]["year"].astype(int).tolist()
    if cur:
        text += (
            f"; cited membership facts (both in the CSTO) carry it to {cur[-1]}, "
            f"{len(cur)} years past ATOP's last year"
        )
    return text + "."


def describe_shared_igos(panel: pd.DataFrame, shared: pd.DataFrame, name_a: str, name_b: str):
    """Describe the latest count of shared IGOs and name a few of them."""
    s = _series(panel, "security.shared_igos")
    if s.empty:
        return None
    y = int(s.index[-1])
    text = f"{name_a} and {name_b} were both full members of {s.iloc[-1]:.0f} intergovernmental organisations in {y} (COW IGO)"
    own = _series(panel, "security.igo_memberships_a")
    if y in own.index and own[y] > 0:
        text += f", {s.iloc[-1] / own[y] * 100:.0f}% of {name_a}'s {own[y]:.0f}"
    if len(shared):
        last = shared[shared["last_year"] == y]
        picks = [n for n in ("csto", "cis", "eapc", "bsec", "coe", "osce") if n in set(last["igo"])]
        if picks:
            text += "; they include " + ", ".join(picks).upper()
    return text + "."


def describe_supplier_shares(
    suppliers: pd.DataFrame, code_b: str, name_a: str, name_b: str, names: dict[str, str]
) -> str | None:
    """Describe b's share of a's arms imports by period and the largest supplier of the last."""
    if suppliers.empty:
        return None
    periods = sorted(suppliers["period"].unique())
    shares = []
    for p in periods:
        row = suppliers[(suppliers["period"] == p) & (suppliers["supplier"] == code_b)]
        shares.append(f"{row['share'].iloc[0]:.0f}% in {p}" if len(row) else f"none in {p}")
    text = f"{name_b}'s share of {name_a}'s arms imports (SIPRI TIV, by period): " + ", ".join(
        shares[-3:]
    )
    last = suppliers[(suppliers["period"] == periods[-1]) & (suppliers["rank"] == 1)]
    if len(last) and last["supplier"].iloc[0] != code_b:
        text += (
            f". The largest supplier in {periods[-1]} was "
            f"{names.get(last['supplier'].iloc[0], last['supplier'].iloc[0])} "
            f"({last['share'].iloc[0]:.0f}%)"
        )
    return text + "."


def describe_conflict(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe the latest conflict context of both countries and any conflict between them."""
    ca, cb = _series(panel, "security.conflict_a"), _series(panel, "security.conflict_b")
    if ca.empty:
        return None
    y = int(ca.index[-1])
    text = (
        f"In {y}, {name_a} was a party to {ca.iloc[-1]:.0f} and {name_b} to "
        f"{cb.get(y, float('nan')):.0f} state-based armed conflicts (UCDP/PRIO)"
    )
    opp = _series(panel, "security.conflict_opposed")
    years = opp[opp > 0].index.astype(int).tolist()
    if years:
        text += f"; they were on opposite sides in {_years_text(years)}"
    return text + "."


def describe_cinc(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Describe the capability ratio in the latest year."""
    r = _series(panel, "security.cinc_ratio")
    if r.empty:
        return None
    y = int(r.index[-1])
    v = r.iloc[-1]
    if v < 1:
        return (
            f"{name_a}'s material capabilities (COW CINC) were {v * 100:.1f}% of {name_b}'s in {y}."
        )
    return f"{name_a}'s material capabilities (COW CINC) were {v:.1f} times {name_b}'s in {y}."


def describe_memberships(events: pd.DataFrame, names: dict[str, str], since: int) -> list[str]:
    """Turn curated membership events since ``since`` into sentences, each with its source."""
    out = []
    for e in events[events["event_date"].map(lambda d: d.year >= since)].itertuples():
        out.append(
            f"{names.get(e.country, e.country)}: {e.event} ({e.organisation}), {e.date} "
            f"[{e.source_publisher}]."
        )
    return out


def summarize_security(
    panel: pd.DataFrame,
    shared: pd.DataFrame,
    suppliers: pd.DataFrame,
    code_b: str,
    name_a: str,
    name_b: str,
    names: dict[str, str],
) -> list[str]:
    """Return the security section's summary sentences, generated from the data."""
    sentences = [
        describe_defense_pact(panel, name_a, name_b),
        describe_shared_igos(panel, shared, name_a, name_b),
        describe_supplier_shares(suppliers, code_b, name_a, name_b, names),
        describe_conflict(panel, name_a, name_b),
        describe_cinc(panel, name_a, name_b),
    ]
    return [s for s in sentences if s]
