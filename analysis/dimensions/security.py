"""The security dimension for every pair of countries at once.

:func:`compute_all_pairs` computes every indicator of :func:`analysis.security.
compute_security_panel` for every pair of the countries the security inputs know
(:func:`security_countries`), as the wide dyad-year tables of :mod:`analysis.dyadic`:

- *directed* (a's relation to b, which differs from b's to a): ``defense_pact`` (ATOP's
  obligations are directed), ``defense_pact_cow``, ``igo_memberships_a``, the arms indicators,
  ``mid_onsets`` (COW MID directed dyad-years) and the CINC ratio and share;
- *undirected* (stored once, ``country_a < country_b``): ``shared_igos``, ``shared_org_*``,
  ``rivalry`` and the conflict indicators, ``conflict_a``/``conflict_b`` and ``conflict_intensity_a``/``_b``
  exchanging places on mirroring.

Years in which both countries are states and a source records nothing are 0, as for one pair.
The ``|source`` columns are categorical (a few source ids over millions of rows).

:func:`compute_tables` gives the processed tables of every country: shared IGOs as each
country's membership runs (read for a pair with :func:`shared_igos_for`), arms suppliers by
period, and the membership timeline.
"""

from __future__ import annotations

import pandas as pd

from analysis.dyadic import KEY_COLUMNS, SEP, AllPairs
from analysis.indicators import security as sec
from analysis.indicators.security import shared_igos_for
from analysis.load_security import ORGANISATIONS
from analysis.security import (
    PANEL_ORGANISATIONS,
    SecurityInputs,
    compute_membership_timeline,
)

__all__ = [
    "SWAP",
    "compute_all_pairs",
    "compute_tables",
    "security_countries",
    "shared_igos_for",
]

#: Undirected ids that exchange places when a pair is mirrored.
SWAP = {
    "security.conflict_a": "security.conflict_b",
    "security.conflict_b": "security.conflict_a",
    "security.conflict_intensity_a": "security.conflict_intensity_b",
    "security.conflict_intensity_b": "security.conflict_intensity_a",
}


def security_countries(inputs: SecurityInputs) -> list[str]:
    """Return the sorted ISO3 codes present in the security inputs (the all-pairs universe).

    The COW state list, ATOP and COW alliance dyads, COW IGO dyads, counts and memberships,
    the SIPRI suppliers and recipients mapped to a code, UCDP parties, NMC and the curated
    memberships.
    """
    i = inputs
    columns = [
        i.spells["iso3"],
        i.atop["a"],
        i.atop["b"],
        i.cow_alliance["a"],
        i.cow_alliance["b"],
        i.igo_dyads["a"],
        i.igo_dyads["b"],
        i.igo_counts["iso3"],
        i.igo_memberships["iso3"],
        i.transfers["supplier_iso"],
        i.transfers["recipient_iso"],
        i.parties["iso3"],
        i.mids["a"],
        i.mids["b"],
        i.rivalries["a"],
        i.rivalries["b"],
        i.nmc["iso3"],
        i.status["country"],
    ]
    codes: set[str] = set()
    for col in columns:
        codes.update(str(c) for c in pd.unique(col.dropna()))
    return sorted(codes)


def _directed_frames(inputs: SecurityInputs, countries: list[str], igo_memberships_a):
    """Yield the directed dyad-year frames one at a time (largest first, to keep memory low)."""
    i = inputs
    yield sec.all_cinc(i.nmc, i.spells, countries)
    yield sec.all_defense_pact(i.atop, i.spells, i.status, countries)
    yield sec.all_arms(i.transfers, i.spells, countries)
    yield sec.all_mid_onsets(i.mids, i.spells, countries)
    yield sec.all_defense_pact_cow(i.cow_alliance, i.spells, countries)
    yield igo_memberships_a


def _undirected_frames(inputs: SecurityInputs, countries: list[str], shared_igos):
    """Yield the undirected dyad-year frames one at a time."""
    i = inputs
    yield sec.all_conflict(i.parties, i.spells, countries)
    yield sec.all_rivalry(i.rivalries, i.spells, countries)
    yield shared_igos
    for org in PANEL_ORGANISATIONS:
        cow_igo = ORGANISATIONS[org][1]
        yield sec.all_shared_org(i.igo_memberships, i.status, i.spells, countries, org, cow_igo)


def _finish(wide: pd.DataFrame) -> pd.DataFrame:
    """Give a joined dyad-year frame string country codes and the fixed column order."""
    ids = sorted(c for c in wide.columns if c not in KEY_COLUMNS and SEP not in c)
    order = list(KEY_COLUMNS)
    for ind in ids:
        order += [
            c for c in (ind, *(f"{ind}{SEP}{s}" for s in ("source", "lo", "hi"))) if c in wide
        ]
    out = wide[order]
    for col in ("country_a", "country_b"):
        out[col] = out[col].astype("str")
    return out


def compute_all_pairs(inputs: SecurityInputs) -> AllPairs:
    """Compute every security indicator for every pair of :func:`security_countries`.

    ``pair_panel(result, a, b)`` equals ``concat_panel([compute_security_panel(inputs, a, b)])``
    for any two countries of that list.
    """
    countries = security_countries(inputs)
    shared, own = sec.all_shared_igos(inputs.igo_dyads, inputs.igo_counts, countries)
    directed = sec.join_dyad_frames(_directed_frames(inputs, countries, own), countries)
    del own
    directed = _finish(directed)
    undirected = _finish(
        sec.join_dyad_frames(_undirected_frames(inputs, countries, shared), countries)
    )
    return AllPairs(directed=directed, undirected=undirected, swap=dict(SWAP))


def compute_tables(inputs: SecurityInputs) -> dict[str, pd.DataFrame]:
    """Return the processed security tables of every country.

    Returns
    -------
    dict of DataFrame
        ``"igo_membership_spans"``: each country's full-membership runs per IGO (``iso3, igo,
        first_year, last_year``); :func:`shared_igos_for` (``table, inputs.igo_names, a, b``)
        gives :func:`~analysis.indicators.security.list_shared_igos` of one pair from it;
        ``"igo_names"``: the IGOs' names.
        ``"arms_suppliers"``: :func:`~analysis.indicators.security.compute_top_suppliers` of
        every recipient (filter on ``country_a``). ``"arms_revisions"``:
        :func:`~analysis.indicators.security.compute_register_revisions` of the two SIPRI
        register editions (every supplier and recipient). ``"memberships_timeline"``:
        :func:`~analysis.security.compute_membership_timeline` of every country (filter on
        ``country``).
    """
    i = inputs
    return {
        "igo_membership_spans": sec.igo_membership_spans(i.igo_memberships),
        "igo_names": i.igo_names.sort_values("igo", ignore_index=True),
        "arms_suppliers": sec.all_top_suppliers(i.transfers),
        "arms_revisions": i.arms_revisions,
        "memberships_timeline": compute_membership_timeline(i, security_countries(i)),
    }
