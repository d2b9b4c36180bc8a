"""The list of dimensions: the one place that enumerates them.

The store build, ``compute_panel``, the readers, the report's sections (their order is this
order), the closeness index's dimensions and their titles derive from :data:`DIMENSIONS`; a new
dimension is one module under :mod:`analysis.dimensions` and one entry here.
"""

from __future__ import annotations

from analysis.dimensions import Dimension

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        name="economy",
        title="Economy",
        prefixes=("trade", "remittances", "energy"),
        notebook="economy.ipynb",
        index_title="Economic interdependence",
        # Gas imports (Armenia only) stay out of the index: one reporter's data would make the
        # score of Armenia's pairs rest on inputs no peer pair has.
        index_prefixes=("trade", "remittances"),
        load_inputs_ref="analysis.economy:load_inputs",
        clear_inputs_ref="analysis.economy:load_inputs.cache_clear",
        compute_all_pairs_ref="analysis.dimensions.economy:compute_all_pairs",
        compute_tables_ref="analysis.dimensions.economy:compute_tables",
        provider_ref="analysis.economy:economy_provider",
    ),
    Dimension(
        name="security",
        title="Security",
        prefixes=("security",),
        notebook="security.ipynb",
        index_title="Security ties",
        load_inputs_ref="analysis.security:load_security_inputs",
        clear_inputs_ref="analysis.security:load_security_inputs.cache_clear",
        compute_all_pairs_ref="analysis.dimensions.security:compute_all_pairs",
        compute_tables_ref="analysis.dimensions.security:compute_tables",
        provider_ref="analysis.security:security_provider",
    ),
    Dimension(
        name="alignment",
        title="Political alignment",
        prefixes=("alignment",),
        notebook="political.ipynb",
        index_title="Political alignment",
        load_inputs_ref="analysis.political:load_alignment_inputs",
        clear_inputs_ref="analysis.political:load_alignment_inputs.cache_clear",
        compute_all_pairs_ref="analysis.dimensions.alignment:compute_all_pairs",
        compute_tables_ref="analysis.dimensions.alignment:compute_tables",
        provider_ref="analysis.political:alignment_provider",
        save_artifacts_ref="analysis.dimensions.alignment:save_vote_artifacts",
        read_hook="unga_bootstrap",
    ),
    Dimension(
        name="society",
        title="Society",
        prefixes=("migration", "remittances", "opinion"),
        notebook="society.ipynb",
        index_title="Society",
        index_prefixes=("opinion", "migration"),
        load_inputs_ref="analysis.society:load_society_inputs",
        clear_inputs_ref="analysis.society:load_society_inputs.cache_clear",
        compute_all_pairs_ref="analysis.dimensions.society:compute_all_pairs",
        compute_tables_ref="analysis.dimensions.society:compute_tables",
        provider_ref="analysis.society:society_provider",
    ),
    Dimension(
        name="diplomacy",
        title="Diplomacy",
        prefixes=("diplomacy",),
        notebook="timeline.ipynb",
        index_title="Diplomacy",
        load_inputs_ref="analysis.dimensions.diplomacy:load_diplomacy_inputs",
        clear_inputs_ref="analysis.dimensions.diplomacy:load_diplomacy_inputs.cache_clear",
        compute_all_pairs_ref="analysis.dimensions.diplomacy:compute_all_pairs",
        compute_tables_ref="analysis.dimensions.diplomacy:compute_tables",
        provider_ref="analysis.diplomacy:diplomacy_provider",
    ),
)


def dimension(name: str) -> Dimension:
    """Return the dimension of this name."""
    for dim in DIMENSIONS:
        if dim.name == name:
            return dim
    raise KeyError(name)
