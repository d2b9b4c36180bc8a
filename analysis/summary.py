"""Sentences written from the numbers (no hand-written claims)."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from analysis.countries import resolve
from analysis.index import DIMENSION_TITLES, INDEX_DIMENSIONS, dimension_of
from analysis.indicators.alignment import ISSUE_LABELS, pool_agreement
from analysis.indicators.registry import dimension_title
from analysis.reliability import flag_rows
from analysis.tables import (
    compute_key_figures,
    format_value,
    is_sub_indicator,
    name_pair,
    panel_indicator_ids,
)
from analysis.tables.figures import _meta


def _series(panel: pd.DataFrame, indicator: str) -> pd.Series:
    s = panel[panel["indicator"] == indicator].sort_values("year")
    return s.set_index("year")["value"]


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


#: Readable names of the UNGA vote sources, for sentences.
VOTE_SOURCE_NAMES = {
    "unvotes": "Voeten's UNGA voting data",
    "undl_2020_2024": "the UN Digital Library extract",
    "undl_2025_thirdparty_scrape": "a third-party scrape of UN Digital Library records",
}

#: The last year of the Bailey-Strezhnev-Voeten ideal points, estimated from a session still in
#: progress (PROVENANCE-political.md, section 2): sentences flag it as provisional.
PROVISIONAL_IDEALPOINT_YEAR = 2025


def _rows(panel: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return panel[panel["indicator"] == indicator].sort_values("year").set_index("year")


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


# --- society ------------------------------------------------------------------------------------


def _persons(v: float) -> str:
    return f"{v:,.0f}"


def _change(v0: float, v1: float) -> str:
    return f"{(v1 / v0 - 1) * 100:+.0f}%" if v0 > 0 else ""


def describe_stock(panel: pd.DataFrame, direction: str, born: str, lives: str) -> str | None:
    """Describe a migrant stock: the latest UN DESA figure, its change, the World Bank 2017 figure.

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": ["migration.stock_a_in_b"] * 2 + ["migration.stock_a_in_b_wb2017"],
    ...                   "year": [2000, 2024, 2017], "value": [100.0, 80.0, 95.0]})
    >>> describe_stock(p, "a_in_b", "Armenia", "Russia")
    "UN DESA counts 80 people born in Armenia living in Russia in 2024, against 100 in 2000 (-20%). The World Bank's 2017 matrix, a separate estimate, gives 95 for 2017."
    """
    un = _series(panel, f"migration.stock_{direction}")
    wb = _series(panel, f"migration.stock_{direction}_wb2017")
    if un.empty and wb.empty:
        return None
    text = ""
    if len(un):
        y1, v1 = int(un.index[-1]), un.iloc[-1]
        text = f"UN DESA counts {_persons(v1)} people born in {born} living in {lives} in {y1}"
        if len(un) > 1:
            y0, v0 = int(un.index[0]), un.iloc[0]
            change = _change(v0, v1)
            text += f", against {_persons(v0)} in {y0}" + (f" ({change})" if change else "")
        text += "."
    if len(wb):
        lead = (
            " The World Bank's 2017 matrix, a separate estimate, gives"
            if text
            else (
                f"The World Bank's 2017 matrix estimates people born in {born} living in {lives} at"
            )
        )
        text += f"{lead} {_persons(wb.iloc[-1])} for {int(wb.index[-1])}."
    return text.strip()


def _wave_when(row) -> str:
    """Say when a wave was fielded: "2013", "August 2018", "Q1 2023", or its report date."""
    wave = str(row["wave"])
    if row["dated_by"] == "publication":
        return f"a poll reported in {pd.Timestamp(row['date']):%B %Y} (wave not named)"
    if re.fullmatch(r"\d{4}-\d{2}", wave):
        return f"{pd.Period(wave, freq='M'):%B %Y}"
    quarter = re.fullmatch(r"(\d{4})-Q(\d)", wave)
    if quarter:
        return f"Q{quarter.group(2)} {quarter.group(1)}"
    return wave


def _wave_value(row) -> str:
    text = f"{row['value']:.0f}%" if row["value"] == round(row["value"]) else f"{row['value']:.1f}%"
    if pd.notna(row.get("lo")) and str(row.get("rule", "")).startswith("computed from the micro"):
        text += f" (95% interval {row['lo']:.1f}–{row['hi']:.1f})"  # a sampling interval
    elif pd.notna(row.get("lo")):
        text += f" (reports differ: {row['lo']:.0f}–{row['hi']:.0f})"
    return text


def describe_poll(waves: pd.DataFrame, indicator: str, what: str, survey: str) -> str | None:
    """Describe one poll series: its first and latest wave (the waves as reported).

    ``what`` completes "the share of people who ..." (e.g. "named Russia as Armenia's main
    friend"); ``survey`` names the survey.
    """
    w = waves[waves["indicator"] == indicator].sort_values("date")
    if w.empty:
        return None
    last = w.iloc[-1]
    text = f"In the {survey}, {_wave_value(last)} {what} in {_wave_when(last)}"
    if len(w) > 1:
        first = w.iloc[0]
        text += f", against {_wave_value(first)} in {_wave_when(first)}"
    return text + "."


def summarize_society(
    panel: pd.DataFrame, waves: pd.DataFrame, name_a: str, name_b: str, iso_b: str
) -> list[str]:
    """Return the society section's summary sentences, generated from the panel and poll waves."""
    w = waves[waves["country_b"] == iso_b] if len(waves) else waves
    sentences = [
        describe_stock(panel, "a_in_b", name_a, name_b),
        describe_stock(panel, "b_in_a", name_b, name_a),
    ]
    share = _series(panel, "migration.stock_a_in_b_pop")
    if len(share):
        sentences.append(
            f"People born in {name_a} living in {name_b} equalled {share.iloc[-1]:.1f}% of "
            f"{name_a}'s population in {int(share.index[-1])}."
        )
    est = _series(panel, "remittances.estimate_b_to_a_wb2017")
    cba = _series(panel, "remittances.transfers_b_to_a")
    if len(est):
        y = int(est.index[-1])
        text = (
            f"The World Bank's analytical estimate of remittances from {name_b} to {name_a} was "
            f"USD {est.iloc[-1]:,.0f} million in {y}"
        )
        if y in cba.index:
            text += (
                f"; the Central Bank of Armenia recorded USD {cba[y]:,.0f} million of money "
                f"transfers from {name_b} through banks that year"
            )
        sentences.append(text + ".")
    if len(w):
        sentences += [
            describe_poll(
                w,
                "opinion.partner_main_friend",
                f"named {name_b} as {name_a}'s main friend",
                "CRRC Caucasus Barometer and CRRC polls",
            ),
            describe_poll(
                w,
                "opinion.relations_good",
                f"said relations with {name_b} were good",
                "IRI surveys",
            ),
            describe_poll(
                w,
                "opinion.partner_main_threat",
                f"named {name_b} among the greatest political threats (several answers allowed)",
                "IRI surveys",
            ),
        ]
    return [s for s in sentences if s]


def _years_text(years: list[int]) -> str:
    """Return '1992-2018' for consecutive years, else the first and last with 'some of'."""
    if not years:
        return ""
    if years[-1] - years[0] + 1 == len(years):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return f"{len(years)} of the years {years[0]}-{years[-1]}"


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


# --- generic sentences over every indicator, from the registry's metadata -------------------------

#: A one-year change counts as abrupt when it covers at least this share of the range of the
#: series over the period shown.
ABRUPT_SHARE = 1 / 3
#: A five-year change smaller than this share of the range counts as "about unchanged".
STEADY_SHARE = 0.05
#: At most this many indicator titles are named in one list of a sentence.
MAX_NAMED = 3
#: A change smaller than this share of its series' range is not reported as a move.
MATERIAL_SHARE = 0.10
#: The overview leads with the changes of this many latest years.
RECENT_YEARS = 5
#: Most years between two observations whose change still counts as one move (survey waves).
SURVEY_GAP = 5


def format_quantity(value: float, unit: str) -> str:
    """Format a value with its unit for a sentence.

    Examples
    --------
    >>> format_quantity(3162.04, "USD million"), format_quantity(34.56, "%"), format_quantity(2, "rank")
    ('USD 3,162 million', '34.6%', 'rank 2')
    """
    text = format_value(value, unit)
    if unit == "USD million":
        return f"USD {text} million"
    if unit == "%":
        return f"{value:,.1f}%"
    if unit == "rank":
        return f"rank {text}"
    if unit.endswith(" million"):
        return f"{text} million {unit[: -len(' million')]}"
    if unit in ("", "—", "-", "0-1", "0/1", "count") or unit.startswith("index"):
        return text
    return f"{text} {unit}"


def format_change(delta: float, unit: str, before: float | None = None) -> str:
    """Format a change in an indicator's unit (percentage points for %), with % for levels.

    Examples
    --------
    >>> format_change(2800.0, "USD million", 2600.0), format_change(-3.25, "%")
    ('+USD 2,800 million, +108%', '−3.2 percentage points')
    """
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    if unit == "%":
        return f"{sign}{abs(delta):,.1f} percentage points"
    if unit == "rank":
        n = abs(delta)
        return f"{sign}{n:,.0f} place{'s' if n != 1 else ''}"
    text = sign + format_quantity(abs(delta), unit)
    relative = unit.endswith("million") or unit == "count"
    if relative and before is not None and before > 0 and delta != 0:
        pct = delta / before * 100
        text += f", {'+' if pct > 0 else '−' if pct < 0 else '±'}{abs(pct):.0f}%"
    return text


def compute_moves(panel: pd.DataFrame, max_gap: int = 1) -> pd.DataFrame:
    """Return every change of every indicator between observations, scored against its range.

    A change is counted between consecutive observations at most ``max_gap`` years apart (1:
    consecutive years; a survey asked every few years needs more). ``score`` is
    ``|change| / (max - min)`` of the series over the panel's years, so it is unit-free: 1 means
    the series crossed its whole range in one step. ``clear`` says whether the change is larger
    than its uncertainty: the two years' intervals do not overlap (True where there are none).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, dimension, direction, unit, from_year, year, before, after, change,
        score, clear``.
    """

    has_interval = {"lo", "hi"} <= set(panel.columns)
    rows = []
    for ind in panel_indicator_ids(panel):
        rows_i = panel[panel["indicator"] == ind].sort_values("year")
        rows_i = rows_i[rows_i["value"].notna()].drop_duplicates("year", keep="last")
        s = rows_i.set_index("year")["value"]
        span = s.max() - s.min() if len(s) else 0.0
        if len(s) < 2 or not span > 0:
            continue
        meta = _meta(ind)
        unit = str(rows_i["unit"].iloc[-1])
        lo = rows_i.set_index("year")["lo"] if has_interval else None
        hi = rows_i.set_index("year")["hi"] if has_interval else None
        years = s.index.tolist()
        for y0, y1 in zip(years, years[1:]):
            if y1 - y0 > max_gap:
                continue
            before, after = s[y0], s[y1]
            clear = True
            if has_interval and pd.notna(lo[y0]) and pd.notna(hi[y0]) and pd.notna(lo[y1]):
                clear = bool(lo[y1] > hi[y0] or hi[y1] < lo[y0])
            rows.append(
                {
                    "indicator": ind,
                    "dimension": meta.dimension,
                    "direction": meta.direction,
                    "unit": unit,
                    "from_year": int(y0),
                    "year": int(y1),
                    "before": float(before),
                    "after": float(after),
                    "change": float(after - before),
                    "score": float(abs(after - before) / span),
                    "clear": clear,
                }
            )
    columns = ["indicator", "dimension", "direction", "unit", "from_year", "year", "before",
               "after", "change", "score", "clear"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def material_moves(moves: pd.DataFrame) -> pd.DataFrame:
    """Return the moves a sentence may report: clear of their intervals, material, visible.

    A move must be larger than its interval (``clear``), at least :data:`MATERIAL_SHARE` of its
    series' range, and show in the rounded numbers (never "from 62 to 62").

    Examples
    --------
    >>> m = pd.DataFrame({"unit": ["%", "%", "index"], "before": [10.0, 10.0, 61.6],
    ...     "after": [30.0, 30.0, 62.4], "score": [0.5, 0.5, 0.2], "clear": [True, False, True]})
    >>> material_moves(m).index.tolist()
    [0]
    """
    if moves.empty:
        return moves
    visible = [
        format_quantity(r.before, r.unit) != format_quantity(r.after, r.unit)
        for r in moves.itertuples()
    ]
    keep = moves["clear"].astype(bool) & (moves["score"] >= MATERIAL_SHARE) & np.array(visible)
    return moves[keep]


def direction_of_change(change: float, direction: str) -> str | None:
    """Return ``"closer"`` or ``"distant"`` for a change of an indicator, None if neutral or 0.

    Examples
    --------
    >>> direction_of_change(-1.0, "distant"), direction_of_change(2.0, "neutral")
    ('closer', None)
    """
    if change == 0 or direction not in ("closer", "distant"):
        return None
    return direction if change > 0 else ("distant" if direction == "closer" else "closer")


_TOWARDS = {"closer": "towards closer ties", "distant": "towards more distant ties"}


def _named_list(titles: list[str]) -> str:
    shown = titles[:MAX_NAMED]
    more = len(titles) - len(shown)
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 and not more else "")
    text = (text + ", " if more and len(shown) > 1 else text) + shown[-1]
    return text + (f" and {more} more" if more else "")


def in_sentence(title: str) -> str:
    """Return a registry title (with placeholders a, b) for use inside a sentence.

    A capitalised common first word is put in lower case; a placeholder or an acronym is kept.

    Examples
    --------
    >>> in_sentence("Imports of a from b"), in_sentence("b's rank"), in_sentence("UNGA votes")
    ('imports of a from b', "b's rank", 'UNGA votes')
    """
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return title[:1].lower() + title[1:]
    return title


def _country_list(codes: str) -> str:
    names = [resolve(c).name for c in str(codes).split() if c]
    return " and ".join(names) if names else "other countries"


def transit_note(row, name_a: str, name_b: str) -> str:
    """Say, from the trade-transit table, why a trade rise is not read as closer ties.

    ``row`` is one row of :func:`analysis.economy.get_trade_transit` (a rise that passes
    through a): its size, the matching rise of the opposite flow with other countries, and the
    declared re-export share, with what the data cannot tell.
    """
    other = _country_list(row["counterparts"])
    if row["flow"] == "imports":
        lead = f"{name_a}'s imports from {name_b} rose by USD {row['rise_b']:,.0f} million"
        onward = f"its exports to {other} rose by USD {row['counterpart_rise']:,.0f} million"
    else:
        lead = f"{name_a}'s exports to {name_b} rose by USD {row['rise_b']:,.0f} million"
        onward = f"its imports from {other} rose by USD {row['counterpart_rise']:,.0f} million"
    text = (
        f"not read as closer ties: in {int(row['year'])} {lead} "
        f"({row['share_of_rise_pct']:.0f}% of the rise of all its {row['flow']}) while {onward} "
        f"({row['counterpart_pct']:.0f}% of it), goods passing through {name_a}"
    )
    if pd.notna(row.get("reexports_pct")):
        text += (
            f"; officially declared re-exports were {row['reexports_pct']:.1f}% of its exports "
            f"in {int(row['reexports_year'])}"
        )
    return text + "; the trade data do not say which goods these were"


#: Trade indicators that measure one flow only: a transit year of the other flow leaves them be.
#: Every other trade indicator (total, shares, ranks, salience) includes both flows.
ONE_FLOW = {"trade.exports_a_to_b": "exports", "trade.imports_a_from_b": "imports"}


def _transit_rows(transit: pd.DataFrame | None, indicator: str) -> pd.DataFrame:
    """Return the transit rows that bear on a trade indicator (none for other dimensions)."""
    if transit is None or transit.empty or not indicator.startswith("trade."):
        return pd.DataFrame()
    flow = ONE_FLOW.get(indicator)
    return transit if flow is None else transit[transit["flow"] == flow]


def _transit_row(transit: pd.DataFrame | None, indicator: str, year: int):
    """Return the transit row of ``year`` for the indicator (the largest rise), or None."""
    rows = _transit_rows(transit, indicator)
    rows = rows[rows["year"] == year] if len(rows) else rows
    return None if rows.empty else rows.sort_values("rise_b").iloc[-1]


def describe_largest_moves(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    years: int = RECENT_YEARS,
    transit: pd.DataFrame | None = None,
) -> list[str]:
    """Return the largest material change of each dimension in the last ``years`` years.

    The panel should hold only values that may carry a claim (:func:`analysis.reliability.solid_rows`).
    Moves are those of :func:`compute_moves` (between observations up to :data:`SURVEY_GAP`
    years apart, so a survey asked every few years counts) that :func:`material_moves` keeps and
    that end in the ``years`` years to the panel's latest year. Within a dimension the highest
    score wins among the indicators that have a direction (closer/distant), or among all when
    none has one; the sentences come largest first. A trade move ending in a year of
    ``transit`` (:func:`analysis.economy.get_trade_transit`: the rise passed through a) is not
    called closer ties: the sentence says what the data show instead (:func:`transit_note`).
    """

    moves = material_moves(compute_moves(panel, max_gap=SURVEY_GAP))
    if moves.empty:
        return []
    last = int(panel["year"].max())
    moves = moves[moves["year"] > last - years]
    best = []
    for _dim, group in moves.groupby("dimension", sort=False):
        directed = group[group["direction"].isin(["closer", "distant"])]
        pool = directed if len(directed) else group
        best.append(pool.loc[pool["score"].idxmax()])
    sentences = []
    for m in sorted(best, key=lambda r: -r["score"]):
        title = name_pair(in_sentence(_meta(m["indicator"]).title), name_a, name_b)
        verb = "went" if m["unit"] == "rank" else "rose" if m["change"] > 0 else "fell"
        when = (
            f"in {m['year']}"
            if m["year"] - m["from_year"] == 1
            else f"between {m['from_year']} and {m['year']}"
        )
        text = (
            f"{dimension_title(str(m['dimension']))}: the largest change of the last {years} "
            f"years came {when}, when {title} {verb} from "
            f"{format_quantity(m['before'], m['unit'])} to {format_quantity(m['after'], m['unit'])}"
            f" ({format_change(m['change'], m['unit'], m['before'])})"
        )
        towards = direction_of_change(m["change"], m["direction"])
        passing = _transit_row(transit, str(m["indicator"]), int(m["year"]))
        if passing is not None and towards == "closer":
            sentences.append(f"{text}; {transit_note(passing, name_a, name_b)}.")
            continue
        sentences.append(text + (f", {_TOWARDS[towards]} by this measure." if towards else "."))
    return sentences


def describe_abrupt_year(panel: pd.DataFrame) -> str | None:
    """Return a sentence on the year in which most indicators moved abruptly, if any did."""
    moves = material_moves(compute_moves(panel))
    abrupt = moves[moves["score"] >= ABRUPT_SHARE]
    if abrupt.empty:
        return None
    counts = abrupt.groupby("year")["indicator"].nunique()
    top = counts.max()
    if top < 2:
        return None
    year = int(counts[counts == top].index.max())
    n = panel["indicator"].nunique()
    return (
        f"{year} saw the most abrupt changes: {top} of the {n} indicators moved by at least a "
        f"third of their range over the period in that year alone."
    )


def describe_five_year_direction(
    panel: pd.DataFrame, name_a: str, name_b: str, transit: pd.DataFrame | None = None
) -> str | None:
    """Return a sentence counting the indicators that moved towards closer or more distant ties
    over the five years to their latest year (indicators with a direction only).

    A trade indicator whose five years hold a year of ``transit`` (a rise that passed through
    a) is not counted as closer: the sentence names those apart.
    """

    key = compute_key_figures(panel)
    key = key[key["direction"].isin(["closer", "distant"]) & key["change_5y"].notna()]
    groups: dict[str, list[str]] = {"closer": [], "distant": [], "steady": []}
    passing: list[str] = []
    passing_years: set[int] = set()
    for r in key.itertuples():
        span = max(r.trend) - min(r.trend)
        if span == 0 or abs(r.change_5y) < STEADY_SHARE * span:
            groups["steady"].append(r.title)
            continue
        towards = direction_of_change(r.change_5y, r.direction)
        rows = _transit_rows(transit, r.indicator)
        hit = {int(y) for y in rows["year"] if r.year - 5 < y <= r.year} if len(rows) else set()
        if towards == "closer" and hit:
            passing.append(name_pair(r.title, name_a, name_b))
            passing_years |= hit
            continue
        groups[towards].append(name_pair(r.title, name_a, name_b))
    total = sum(len(v) for v in groups.values()) + len(passing)
    if total == 0:
        return None
    parts = []
    for key_, label in (
        ("closer", "towards closer ties"),
        ("distant", "towards more distant ties"),
    ):
        titles = groups[key_]
        if titles:
            parts.append(f"{len(titles)} moved {label} ({_named_list(titles)})")
        else:
            parts.append(f"none moved {label}")
    text = (
        f"Over the five years to their latest year, of the {total} "
        f"{'indicator that says' if total == 1 else 'indicators that say'} whether ties are "
        f"closer, {parts[0]} and {parts[1]}"
    )
    if groups["steady"]:
        n = len(groups["steady"])
        text += f"; {n} changed by less than 5% of {'its' if n == 1 else 'their'} range"
    if passing:
        when = " and ".join(str(y) for y in sorted(passing_years))
        text += (
            f"; {len(passing)} trade {'indicator' if len(passing) == 1 else 'indicators'} "
            f"({_named_list(passing)}) rose with goods passing through {name_a} in {when} and "
            f"{'is' if len(passing) == 1 else 'are'} not counted as closer ties"
        )
    return text + "."


def describe_coverage(panel: pd.DataFrame, name_a: str, name_b: str) -> str | None:
    """Return a sentence on how many indicators and dimensions the panel has, and its years."""

    key = compute_key_figures(panel)
    if key.empty:
        return None
    dims = [dimension_title(str(d)).lower() for d in dict.fromkeys(key["dimension"])]
    dims_text = ", ".join(dims[:-1]) + (" and " if len(dims) > 1 else "") + dims[-1]
    y0, y1 = int(key["first_year"].min()), int(key["year"].max())
    latest = key.groupby("year")["indicator"].count()
    text = (
        f"This report covers {len(key)} indicators of {name_a}'s relationship with {name_b} "
        f"in {len(dims)} dimension{'s' if len(dims) != 1 else ''} ({dims_text}), with data "
        f"from {y0} to {y1}"
    )
    if len(latest) > 1:
        lagging = int(latest.drop(y1).sum())
        text += f"; {lagging} of them end before {y1}, when their sources end"
    return text + "."


def describe_withheld(
    panel: pd.DataFrame, flags: pd.Series, name_a: str, name_b: str
) -> str | None:
    """Return a sentence on the values left out of the sentences, by reason, or None."""

    held = panel.assign(flag=flags)[flags != ""]
    if held.empty:
        return None
    parts = []
    for reason, rows in held.groupby(held["flag"].str.split(":").str[0], sort=True):
        titles = list(
            dict.fromkeys(name_pair(_meta(i).title, name_a, name_b) for i in rows["indicator"])
        )
        years = sorted(rows["year"].astype(int).unique())
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
        what = {
            "provisional": "provisional",
            "thin": "resting on too few votes",
            "degenerate": "with a zero-width interval",
            "sample": "from a sample (lower bounds, not counts)",
            "lower bound": "that are lower bounds (documented counts)",
        }.get(reason, reason)
        n = len(rows)
        parts.append(f"{n} value{'s' if n != 1 else ''} {what} ({span}: {_named_list(titles)})")
    return "Left out of these sentences, though the tables show them: " + "; ".join(parts) + "."


def summarize_panel(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    idealpoints: pd.DataFrame | None = None,
    transit: pd.DataFrame | None = None,
) -> list[str]:
    """Return the report's summary: sentences generated from every indicator of the panel.

    It leads with the largest material change of each dimension in the last five years, then
    says what the report covers, the year with the most abrupt moves and how many indicators
    moved towards closer or more distant ties over five years, and what was left out. Only values
    that may carry a claim are used (:func:`analysis.reliability.flag_rows`: no provisional,
    thin, sampled or degenerate value drives a sentence). Nothing is written by hand: the words
    come from the registry (titles, units, directions) and the numbers from the panel.

    Parameters
    ----------
    idealpoints : DataFrame, optional
        ``country, year, n_votes`` of the ideal points (:func:`analysis.political.get_idealpoints`),
        to leave out ideal points estimated on few votes.
    transit : DataFrame, optional
        The pair's trade rises that passed through a (:func:`analysis.economy.get_trade_transit`):
        trade moves in those years are not called closer ties.
    """

    flags = flag_rows(panel, idealpoints)
    solid = panel[flags == ""]
    sentences = [
        *describe_largest_moves(solid, name_a, name_b, transit=transit),
        describe_coverage(panel, name_a, name_b),
        describe_abrupt_year(solid),
        describe_five_year_direction(solid, name_a, name_b, transit),
        describe_withheld(panel, flags, name_a, name_b),
    ]
    return [s for s in sentences if s]


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


# --- key findings: what a reader sees first -----------------------------------------------------

#: Findings shown at the top of a report, at most.
MAX_FINDINGS = 5

#: A finding compares the latest value with the value this many years before (or the earliest
#: value within the window, at least :data:`MIN_FINDING_SPAN` years before).
MIN_FINDING_SPAN = 2


def key_findings(
    panel: pd.DataFrame,
    name_a: str,
    name_b: str,
    idealpoints: pd.DataFrame | None = None,
    transit: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    years: int = RECENT_YEARS,
) -> pd.DataFrame:
    """Return the report's key findings: per dimension, the indicator that changed most over the
    last ``years`` years, each a number with its year, its change and its source.

    Only values that may carry a claim are used (:func:`analysis.reliability.flag_rows`); an
    indicator enters only with a direction (closer or distant), a latest value within ``years``
    of the panel's last year, and a material, visible change (:data:`MATERIAL_SHARE` of its
    range) against the value ``years`` before (or the earliest within the window, at least
    :data:`MIN_FINDING_SPAN` years before). The dimensions come largest change first, at most
    :data:`MAX_FINDINGS`. A trade rise that passed through the focal country (``transit``) says
    so instead of a direction.

    Returns
    -------
    DataFrame
        ``dimension, indicator, text, from_year, year, before, after, score, unit, source``;
        ``text`` is the finding as a sentence.
    """
    cols = ["dimension", "indicator", "text", "from_year", "year", "before", "after", "score",
            "unit", "source"]  # fmt: skip
    flags = flag_rows(panel, idealpoints) if len(panel) else pd.Series(dtype=object)
    solid = panel[flags == ""] if len(panel) else panel
    if solid.empty:
        return pd.DataFrame(columns=cols)
    last_year = int(solid["year"].max())
    labels = labels or {}
    best: dict[str, dict] = {}
    for ind in panel_indicator_ids(solid):
        meta = _meta(ind)
        if meta.direction not in ("closer", "distant"):
            continue
        rows = solid[solid["indicator"] == ind].dropna(subset=["value"]).sort_values("year")
        rows = rows.drop_duplicates("year", keep="last").set_index("year")
        if len(rows) < 2:
            continue
        y1 = int(rows.index.max())
        earlier = [int(y) for y in rows.index if y1 - years <= y <= y1 - MIN_FINDING_SPAN]
        if y1 <= last_year - years or not earlier:
            continue
        y0 = earlier[0]
        s = rows["value"].astype(float)
        span = s.max() - s.min()
        before, after, unit = s[y0], s[y1], str(rows["unit"].iloc[-1])
        visible = format_quantity(before, unit) != format_quantity(after, unit)
        score = abs(after - before) / span if span > 0 else 0.0
        if score < MATERIAL_SHARE or not visible:
            continue
        dim = str(meta.dimension)
        if dim in best and best[dim]["score"] >= score:
            continue
        best[dim] = {
            "dimension": dim,
            "indicator": ind,
            "from_year": y0,
            "year": y1,
            "before": before,
            "after": after,
            "score": score,
            "unit": unit,
            "direction": meta.direction,
            "source": str(rows["source"].iloc[-1]),
        }
    out = []
    for f in sorted(best.values(), key=lambda r: -r["score"])[:MAX_FINDINGS]:
        title = name_pair(_meta(f["indicator"]).title, name_a, name_b)
        change = f["after"] - f["before"]
        if f["unit"] == "0/1":  # a yes/no indicator: say which way it turned
            was, now = ("no", "yes") if change > 0 else ("yes", "no")
            text = f"{title}: {now} in {f['year']}, {was} in {f['from_year']}"
        else:
            text = (
                f"{title}: {format_quantity(f['after'], f['unit'])} in {f['year']}, "
                f"{'up' if change > 0 else 'down'} from {format_quantity(f['before'], f['unit'])}"
                f" in {f['from_year']} ({format_change(change, f['unit'], f['before'])})"
            )
        passing = _transit_row(transit, f["indicator"], f["year"])
        towards = direction_of_change(change, f["direction"])
        if passing is not None and change > 0:
            text += f"; {transit_note(passing, name_a, name_b)}"
        elif towards and f["unit"] != "rank":
            text += f", {_TOWARDS[towards]} by this measure"
        source = " + ".join(labels.get(p, p) for p in f["source"].split("+"))
        out.append({**{k: f[k] for k in cols if k in f}, "text": f"{text}. Source: {source}."})
    return pd.DataFrame(out, columns=cols)


def findings_html(findings: pd.DataFrame, name_a: str, name_b: str) -> str:
    """Render the key findings as an escaped list under a heading (an empty-state line without
    any)."""
    head = f"<h2>Key findings: {html.escape(name_a)} and {html.escape(name_b)}</h2>"
    if findings.empty:
        return head + (
            "<p>No indicator of the pair changed materially in the last "
            f"{RECENT_YEARS} years on values that may carry a claim.</p>"
        )
    items = "".join(f"<li>{html.escape(t)}</li>" for t in findings["text"])
    return f'{head}<ol class="findings">{items}</ol>'


def main_story(findings: pd.DataFrame) -> str | None:
    """Return the indicator of the chart that opens a report: of the findings that are
    quantities (not yes/no), the one with the largest relative change (the first finding where
    no ratio can be taken); None without findings.

    Examples
    --------
    >>> f = pd.DataFrame({"indicator": ["x", "y", "z"], "unit": ["0/1", "%", "USD million"],
    ...                   "before": [1.0, 87.0, 1484.0], "after": [0.0, 31.0, 9240.0]})
    >>> main_story(f)
    'z'
    """
    q = findings[findings["unit"] != "0/1"]
    if q.empty:
        return None
    before, after = q["before"].astype(float), q["after"].astype(float)
    ok = (before > 0) & (after > 0)
    if not ok.any():
        return str(q["indicator"].iloc[0])
    ratio = np.abs(np.log(after[ok] / before[ok]))
    return str(q.loc[ratio.idxmax(), "indicator"])


def chart_per_dimension(panel: pd.DataFrame, findings: pd.DataFrame) -> dict[str, str]:
    """Return the indicator to chart for each dimension of the panel (the brief edition).

    Dimensions are those of the closeness index (:func:`analysis.index.dimension_of`). The
    dimension's largest key finding where it has one (:func:`key_findings`); otherwise its first
    indicator, in registry order, that has a direction, at least two years of data and is a
    quantity (not yes/no) and not a sub-indicator (an issue split or a vote count).

    Examples
    --------
    >>> p = pd.DataFrame({"indicator": ["trade.total"] * 2 + ["alignment.unga_kappa_me"] * 2,
    ...                   "year": [2019, 2020] * 2, "value": [1.0, 2.0, 0.1, 0.2], "unit": "x"})
    >>> chart_per_dimension(p, pd.DataFrame(columns=["dimension", "indicator"]))
    {'economy': 'trade.total'}
    """
    found: dict[str, str] = {}
    for ind in findings["indicator"]:  # largest first: the first of a dimension wins
        found.setdefault(dimension_of(ind) or str(_meta(ind).dimension), ind)
    picks: dict[str, str] = {}
    for ind in panel_indicator_ids(panel):
        meta = _meta(ind)
        dim = dimension_of(ind) or str(meta.dimension)
        if dim in picks:
            continue
        if dim in found:
            picks[dim] = found[dim]
            continue
        rows = panel[(panel["indicator"] == ind) & panel["value"].notna()]
        if (
            meta.direction in ("closer", "distant")
            and rows["year"].nunique() >= 2
            and str(rows["unit"].iloc[0]) != "0/1"
            and not is_sub_indicator(ind)
        ):
            picks[dim] = ind
    return picks
