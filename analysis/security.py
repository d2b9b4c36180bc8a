"""The security dimension: inputs, the panel provider, processed tables and their readers.

``security_provider(raw_dir, a, b)`` is registered in :data:`analysis.panel.PROVIDERS`. The
processed tables (shared IGOs by name, arms suppliers by period, membership timeline) are built
for the embedded pairs by :mod:`analysis.build` and read back by the ``get_*`` functions, which
compute from the raw sources for other pairs when they are available.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config, datastore
from analysis.countries import resolve
from analysis.errors import BadInput
from analysis.indicators import PANEL_COLUMNS
from analysis.indicators import security as sec
from analysis.load_security import (
    ORGANISATIONS,
    load_atop,
    load_cow_alliance,
    load_igo_dyads,
    load_igo_memberships,
    load_igo_names,
    load_igo_state_counts,
    load_memberships,
    load_mid_onsets,
    load_nmc,
    load_rivalries,
    load_sipri_register,
    load_sipri_register_2024,
    load_sipri_tiv,
    load_state_spells,
    load_ucdp_parties,
)

#: Organisations with a ``security.shared_org_*`` indicator.
PANEL_ORGANISATIONS = ("CSTO", "EAEU", "CIS")

#: COW IGO columns shown in the membership timeline beside the curated organisations.
TIMELINE_COW_IGOS = {"csto": "CSTO", "cis": "CIS", "eapc": "EAPC", "coe": "CoE", "bsec": "BSEC"}


@dataclass(frozen=True)
class SecurityInputs:
    """Standardised tables the security indicators are computed from."""

    spells: pd.DataFrame
    atop: pd.DataFrame
    cow_alliance: pd.DataFrame
    igo_dyads: pd.DataFrame
    igo_counts: pd.DataFrame
    igo_memberships: pd.DataFrame
    igo_names: pd.DataFrame
    transfers: pd.DataFrame
    parties: pd.DataFrame
    nmc: pd.DataFrame
    memberships: pd.DataFrame
    status: pd.DataFrame
    #: supplier-recipient-years whose TIV changed between the two register editions
    arms_revisions: pd.DataFrame
    mids: pd.DataFrame
    rivalries: pd.DataFrame


@functools.cache
def load_security_inputs(raw_dir: Path) -> SecurityInputs:
    """Load and standardise every source of the security dimension (cached per directory)."""
    raw_dir = Path(raw_dir)
    memberships = load_memberships()
    # the newest register edition serves every year it covers; the older one states revisions
    register, previous = load_sipri_register_2024(raw_dir), load_sipri_register(raw_dir)
    return SecurityInputs(
        spells=load_state_spells(raw_dir),
        atop=load_atop(raw_dir),
        cow_alliance=load_cow_alliance(raw_dir),
        igo_dyads=load_igo_dyads(raw_dir),
        igo_counts=load_igo_state_counts(raw_dir),
        igo_memberships=load_igo_memberships(raw_dir),
        igo_names=load_igo_names(raw_dir),
        transfers=sec.combine_transfers(load_sipri_tiv(raw_dir), register),
        parties=load_ucdp_parties(raw_dir),
        nmc=load_nmc(raw_dir),
        memberships=memberships,
        status=sec.compute_membership_status(memberships),
        arms_revisions=sec.compute_register_revisions(previous, register),
        mids=load_mid_onsets(raw_dir),
        rivalries=load_rivalries(raw_dir),
    )


def compute_security_panel(inputs: SecurityInputs, a: str, b: str) -> pd.DataFrame:
    """Compute every security indicator of the pair (a focal, b partner) as panel rows."""
    i = inputs
    parts = [
        sec.compute_defense_pact(i.atop, i.spells, i.status, a, b),
        sec.compute_defense_pact_cow(i.cow_alliance, i.spells, a, b),
        sec.compute_shared_igos(i.igo_dyads, i.igo_counts, a, b),
        *[
            sec.compute_shared_org(
                i.igo_memberships, i.status, i.spells, a, b, org, ORGANISATIONS[org][1]
            )
            for org in PANEL_ORGANISATIONS
        ],
        sec.compute_arms(i.transfers, i.spells, a, b),
        sec.compute_conflict(i.parties, i.spells, a, b),
        sec.compute_mid_onsets(i.mids, i.spells, a, b),
        sec.compute_rivalry(i.rivalries, i.spells, a, b),
        sec.compute_cinc(i.nmc, i.spells, a, b),
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    panel = pd.concat(parts, ignore_index=True)
    return panel.sort_values(["indicator", "year"], ignore_index=True)[PANEL_COLUMNS]


def security_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the security dimension: alliances, IGOs, arms, conflict, capabilities."""
    return compute_security_panel(load_security_inputs(Path(raw_dir)), a, b)


# --- processed tables ---------------------------------------------------------------------------


def compute_membership_timeline(inputs: SecurityInputs, countries: list[str]) -> pd.DataFrame:
    """Return the membership status of ``countries`` in the timeline's organisations, as spans.

    The curated statuses (member, frozen, suspended, signatory, ratified) for every year they
    document: they are checked against two sources and run past COW's last year, so they take
    precedence; COW IGO statuses (member, associate, observer) of :data:`TIMELINE_COW_IGOS`
    for the other years up to COW's last year. Years with the status 'not a member' are not
    listed.

    Returns
    -------
    DataFrame
        ``country, organisation, status, first_year, last_year, source``: one row per run of
        consecutive years with the same status and source.
    """
    cow = inputs.igo_memberships
    labels = {1: "member", 2: "associate", 3: "observer"}
    m = cow[cow["iso3"].isin(countries) & cow["igo"].isin(list(TIMELINE_COW_IGOS))]
    cow_rows = pd.DataFrame(
        {
            "country": m["iso3"].astype(str),
            "organisation": m["igo"].map(TIMELINE_COW_IGOS),
            "year": m["year"].astype("int64"),
            "status": m["status"].map(labels),
            "source": "cow_igo",
        }
    )
    curated = inputs.status[inputs.status["country"].isin(countries)].assign(source="curated")
    key = ["country", "organisation", "year"]
    known = pd.MultiIndex.from_frame(curated[key])
    cow_rows = cow_rows[~pd.MultiIndex.from_frame(cow_rows[key]).isin(known)]
    return sec.status_spans(pd.concat([cow_rows, curated]))


def _focal_countries() -> list[str]:
    return sorted({a for a, _ in config.EMBEDDED_PAIRS})


def build_shared_igos(raw_dir: Path) -> pd.DataFrame:
    """Return the IGOs shared by each embedded pair, as runs of years (processed table)."""
    i = load_security_inputs(Path(raw_dir))
    return pd.concat(
        [
            sec.list_shared_igos(i.igo_memberships, i.igo_names, a, b)
            for a, b in config.EMBEDDED_PAIRS
        ],
        ignore_index=True,
    )


def build_arms_suppliers(raw_dir: Path) -> pd.DataFrame:
    """Return the arms suppliers by period of each embedded focal country (processed table)."""
    i = load_security_inputs(Path(raw_dir))
    return pd.concat(
        [sec.compute_top_suppliers(i.transfers, a) for a in _focal_countries()], ignore_index=True
    )


def build_arms_revisions(raw_dir: Path) -> pd.DataFrame:
    """Return the SIPRI revisions between register editions of the embedded countries'
    deliveries (as supplier or recipient; processed table)."""
    t = load_security_inputs(Path(raw_dir)).arms_revisions
    embedded = sorted({c for pair in config.EMBEDDED_PAIRS for c in pair})
    keep = t["supplier"].isin(embedded) | t["recipient"].isin(embedded)
    return t[keep].reset_index(drop=True)


def build_memberships_timeline(raw_dir: Path) -> pd.DataFrame:
    """Return the membership timeline of every embedded country (processed table)."""
    i = load_security_inputs(Path(raw_dir))
    embedded = sorted({c for pair in config.EMBEDDED_PAIRS for c in pair})
    return compute_membership_timeline(i, embedded)


def supplier_names(codes) -> dict[str, str]:
    """Return display names of supplier keys: country names for ISO3 codes, labels otherwise.

    SIPRI marks non-state groups with '*' and organisations with '**'; the marks are dropped.
    """
    out = {}
    for code in pd.unique(pd.Series(list(codes), dtype="string").dropna()):
        try:
            out[code] = resolve(code).name if len(code) == 3 and code.isupper() else None
        except BadInput:  # a SIPRI label that happens to look like a code
            out[code] = None
        out[code] = out[code] or code.rstrip("*")
    return out


def filter_periods(suppliers: pd.DataFrame, start: int | None, end: int | None) -> pd.DataFrame:
    """Keep the periods (``"2000-2009"``) that overlap ``[start, end]``."""
    if suppliers.empty:
        return suppliers
    first = suppliers["period"].str.slice(0, 4).astype(int)
    last = suppliers["period"].str.slice(5, 9).astype(int)
    keep = (last >= (start or -9999)) & (first <= (end or 9999))
    return suppliers[keep].reset_index(drop=True)


# --- readers for notebooks ----------------------------------------------------------------------


def get_shared_igos(a: str, b: str) -> pd.DataFrame:
    """Return the IGOs a and b share (runs of years): from the store (any pair), or embedded."""
    a, b = resolve(a).iso3, resolve(b).iso3
    data = datastore.current()
    if data.has_store() and data.store.has_table("igo_membership_spans"):
        spans = data.store.table("igo_membership_spans")
        return sec.shared_igos_for(spans, data.store.table("igo_names"), a, b)
    t = data.table("shared_igos", "shared_igos.csv")
    if t is None:
        return pd.DataFrame(columns=["country_a", "country_b", "igo", "name", "first_year"])
    return t[(t["country_a"] == a) & (t["country_b"] == b)].reset_index(drop=True)


def get_arms_suppliers(a: str) -> pd.DataFrame:
    """Return a's arms suppliers by period: from the store, or embedded."""
    a = resolve(a).iso3
    t = datastore.current().table("arms_suppliers", "arms_suppliers.csv")
    if t is None:
        return pd.DataFrame(columns=["country_a", "period", "supplier", "tiv", "share", "rank"])
    return t[t["country_a"] == a].reset_index(drop=True)


def get_arms_revisions(a: str, b: str) -> pd.DataFrame:
    """Return SIPRI's revisions between register editions of the deliveries between a and b
    (either direction): from the store (any pair), or embedded (pairs of embedded countries)."""
    a, b = resolve(a).iso3, resolve(b).iso3
    t = datastore.current().table("arms_revisions", "arms_revisions.csv")
    cols = ["supplier", "recipient", "year", "tiv_previous", "tiv_current", "change"]
    if t is None:
        return pd.DataFrame(columns=cols)
    pair = ((t["supplier"] == a) & (t["recipient"] == b)) | (
        (t["supplier"] == b) & (t["recipient"] == a)
    )
    return t[pair].reset_index(drop=True)[cols]


def get_membership_timeline(a: str, b: str) -> pd.DataFrame:
    """Return the membership timeline of a and b: from the store, embedded, or curated alone."""
    a, b = resolve(a).iso3, resolve(b).iso3
    data = datastore.current()
    t = data.table("memberships_timeline", "memberships_timeline.csv")
    covered = data.has_store() or {a, b} <= {c for pair in config.EMBEDDED_PAIRS for c in pair}
    if t is None or not covered:  # the curated statuses alone (committed, no raw data needed)
        status = sec.compute_membership_status(load_memberships())
        own = status[status["country"].isin([a, b])].assign(source="curated")
        return sec.status_spans(own)
    return t[t["country"].isin([a, b])].reset_index(drop=True)


def get_membership_events(a: str, b: str) -> pd.DataFrame:
    """Return the curated membership events of a and b (the committed table; no raw data)."""
    a, b = resolve(a).iso3, resolve(b).iso3
    m = load_memberships()
    return m[m["country"].isin([a, b])].reset_index(drop=True)
