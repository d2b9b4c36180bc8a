"""Sentences written from the numbers (no hand-written claims).

Modules: :mod:`~analysis.summary.common` (shared wording), one module per dimension (economy,
alignment, security, society, timeline for diplomacy, index), :mod:`~analysis.summary.panel` (the
panel-wide summary and its moves) and :mod:`~analysis.summary.findings` (the key findings). Every
public name is re-exported here, so ``summary.summarize_panel(...)`` keeps working.
"""

from __future__ import annotations

from analysis.summary.alignment import (
    PROVISIONAL_IDEALPOINT_YEAR,
    VOTE_SOURCE_NAMES,
    describe_agreement,
    describe_chance_corrected,
    describe_idealpoints,
    describe_issues,
    describe_vote_sources,
    summarize_alignment,
)
from analysis.summary.common import (
    MAX_NAMED,
    direction_of_change,
    format_change,
    format_quantity,
    in_sentence,
    sentences_html,
)
from analysis.summary.economy import describe_level_change, describe_share, summarize_economy
from analysis.summary.findings import (
    MAX_FINDINGS,
    MIN_FINDING_SPAN,
    chart_per_dimension,
    findings_html,
    key_findings,
    main_story,
)
from analysis.summary.index import (
    describe_breaks,
    describe_index_change,
    describe_index_inputs,
    describe_rank,
)
from analysis.summary.panel import (
    ABRUPT_SHARE,
    MATERIAL_SHARE,
    ONE_FLOW,
    RECENT_YEARS,
    STEADY_SHARE,
    SURVEY_GAP,
    compute_moves,
    describe_abrupt_year,
    describe_coverage,
    describe_five_year_direction,
    describe_largest_moves,
    describe_withheld,
    material_moves,
    summarize_panel,
    transit_note,
)
from analysis.summary.security import (
    describe_cinc,
    describe_conflict,
    describe_defense_pact,
    describe_memberships,
    describe_shared_igos,
    describe_supplier_shares,
    summarize_security,
)
from analysis.summary.society import describe_poll, describe_stock, summarize_society
from analysis.summary.timeline import (
    summarize_key_votes,
    summarize_leader_contacts,
    summarize_timeline,
)

__all__ = [
    "sentences_html",
    "MAX_NAMED",
    "format_quantity",
    "format_change",
    "direction_of_change",
    "in_sentence",
    "describe_level_change",
    "describe_share",
    "summarize_economy",
    "VOTE_SOURCE_NAMES",
    "PROVISIONAL_IDEALPOINT_YEAR",
    "describe_agreement",
    "describe_chance_corrected",
    "describe_idealpoints",
    "describe_vote_sources",
    "describe_issues",
    "summarize_alignment",
    "describe_defense_pact",
    "describe_shared_igos",
    "describe_supplier_shares",
    "describe_conflict",
    "describe_cinc",
    "describe_memberships",
    "summarize_security",
    "describe_stock",
    "describe_poll",
    "summarize_society",
    "summarize_timeline",
    "summarize_leader_contacts",
    "summarize_key_votes",
    "describe_index_change",
    "describe_rank",
    "describe_breaks",
    "describe_index_inputs",
    "ABRUPT_SHARE",
    "STEADY_SHARE",
    "MATERIAL_SHARE",
    "RECENT_YEARS",
    "SURVEY_GAP",
    "compute_moves",
    "material_moves",
    "transit_note",
    "ONE_FLOW",
    "describe_largest_moves",
    "describe_abrupt_year",
    "describe_five_year_direction",
    "describe_coverage",
    "describe_withheld",
    "summarize_panel",
    "MAX_FINDINGS",
    "MIN_FINDING_SPAN",
    "key_findings",
    "findings_html",
    "main_story",
    "chart_per_dimension",
]
