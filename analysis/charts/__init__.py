"""Charts: each ``plot_*`` function takes an ``ax``, draws on it and returns it.

Styling lives in :data:`STYLE` and :func:`use_style`; colours in :data:`COLORS`.

Modules by dimension: :mod:`~analysis.charts.style` (colours, fonts, axis labels, figure factory),
:mod:`~analysis.charts.markers` (events, source changes), :mod:`~analysis.charts.generic` (any
indicator), then one module per dimension (economy, alignment, security, society, timeline, index).
Every public name is re-exported here, so ``charts.plot_lines(...)`` keeps working.
"""

from __future__ import annotations

from analysis.charts.alignment import (
    plot_agreement,
    plot_idealpoint_positions,
    plot_idealpoints,
    plot_issue_agreement,
    plot_joint_votes,
)
from analysis.charts.economy import (
    plot_monthly,
    plot_share_rank,
    plot_top_partners,
    plot_trade_flows,
)
from analysis.charts.generic import plot_bars, plot_interval, plot_lines
from analysis.charts.index import (
    plot_breaks,
    plot_index_dimensions,
    plot_peer_dots,
    plot_sensitivity,
)
from analysis.charts.markers import (
    EVENT_MARKERS,
    IMPORTANCE_SIZES,
    TONE_COLORS,
    event_positions,
    mark_events,
    mark_source_changes,
    mark_year,
)
from analysis.charts.security import (
    plot_arms_by_year,
    plot_arms_suppliers,
    plot_flags,
    plot_membership_timeline,
)
from analysis.charts.society import (
    POLL_PALETTE,
    plot_migrant_stock,
    plot_poll_waves,
    plot_transfers_and_estimate,
)
from analysis.charts.style import (
    AXIS_LABELS,
    COLORS,
    DIMENSION_COLORS,
    EVENT_FONT_PT,
    MIN_FONT_PT,
    NO_UNIT,
    SERIES_COLORS,
    SOURCE_LABELS,
    STATUS_COLORS,
    STYLE,
    axis_label,
    new_figure,
    use_style,
)
from analysis.charts.timeline import plot_event_timeline, plot_leader_contacts

__all__ = [
    "COLORS",
    "SERIES_COLORS",
    "STATUS_COLORS",
    "SOURCE_LABELS",
    "DIMENSION_COLORS",
    "MIN_FONT_PT",
    "EVENT_FONT_PT",
    "STYLE",
    "NO_UNIT",
    "AXIS_LABELS",
    "axis_label",
    "use_style",
    "new_figure",
    "EVENT_MARKERS",
    "mark_year",
    "mark_source_changes",
    "TONE_COLORS",
    "IMPORTANCE_SIZES",
    "event_positions",
    "mark_events",
    "plot_interval",
    "plot_lines",
    "plot_bars",
    "plot_trade_flows",
    "plot_monthly",
    "plot_share_rank",
    "plot_top_partners",
    "plot_agreement",
    "plot_joint_votes",
    "plot_idealpoints",
    "plot_idealpoint_positions",
    "plot_issue_agreement",
    "plot_arms_by_year",
    "plot_arms_suppliers",
    "plot_flags",
    "plot_membership_timeline",
    "POLL_PALETTE",
    "plot_migrant_stock",
    "plot_transfers_and_estimate",
    "plot_poll_waves",
    "plot_event_timeline",
    "plot_leader_contacts",
    "plot_index_dimensions",
    "plot_sensitivity",
    "plot_peer_dots",
    "plot_breaks",
]
