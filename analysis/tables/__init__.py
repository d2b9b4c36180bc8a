"""Tables for the terminal and the reports: panel output, catalog, key-figure tables.

Modules: :mod:`~analysis.tables.catalog` (reading the catalog, sources of a panel),
:mod:`~analysis.tables.figures` (computation: key figures, pooled agreement),
:mod:`~analysis.tables.render` (escaped HTML), :mod:`~analysis.tables.text` (terminal text) and
:mod:`~analysis.tables.index` (the closeness-index section's tables). Every public name is
re-exported here, so ``tables.render_table_html(...)`` keeps working.
"""

from __future__ import annotations

from analysis.tables.catalog import (
    panel_source_ids,
    read_catalog,
    row_source_ids,
    source_labels,
    split_sources,
)
from analysis.tables.figures import (
    compute_key_figures,
    is_sub_indicator,
    issue_agreement_table,
    name_pair,
    panel_indicator_ids,
)
from analysis.tables.index import (
    render_breaks_html,
    render_index_changes_html,
    render_index_inputs_html,
    render_index_ranks_html,
    render_peer_index_html,
    robustness_html,
    series_labels,
)
from analysis.tables.render import (
    KEY_FIGURE_COLUMNS,
    definition_anchor,
    note,
    render_caveats_html,
    render_chart_source_labels_html,
    render_definitions_html,
    render_key_figures_compact,
    render_key_figures_html,
    render_key_votes_html,
    render_table_html,
    render_timeline_html,
    render_toplines_html,
    source_anchor,
    sparkline_svg,
)
from analysis.tables.text import format_catalog, format_panel, format_value

__all__ = [
    "read_catalog",
    "source_labels",
    "split_sources",
    "panel_source_ids",
    "row_source_ids",
    "format_panel",
    "format_value",
    "format_catalog",
    "panel_indicator_ids",
    "compute_key_figures",
    "name_pair",
    "is_sub_indicator",
    "issue_agreement_table",
    "sparkline_svg",
    "source_anchor",
    "definition_anchor",
    "KEY_FIGURE_COLUMNS",
    "render_key_figures_html",
    "render_key_figures_compact",
    "render_definitions_html",
    "render_caveats_html",
    "render_chart_source_labels_html",
    "render_table_html",
    "render_timeline_html",
    "render_key_votes_html",
    "render_toplines_html",
    "note",
    "series_labels",
    "render_index_ranks_html",
    "robustness_html",
    "render_index_changes_html",
    "render_peer_index_html",
    "render_breaks_html",
    "render_index_inputs_html",
]
