"""The list of dimensions: the one place that enumerates them.

The store build, ``compute_panel`` and the readers derive from :data:`DIMENSIONS`; a new
dimension is one module under :mod:`analysis.dimensions` and one entry here.
"""

from __future__ import annotations

from analysis import diplomacy, economy, political, security, society
from analysis.dimensions import Dimension
from analysis.dimensions import alignment as alignment_dim
from analysis.dimensions import diplomacy as diplomacy_dim
from analysis.dimensions import economy as economy_dim
from analysis.dimensions import security as security_dim
from analysis.dimensions import society as society_dim

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        name="economy",
        title="Economy",
        prefixes=("trade", "remittances"),
        notebook="economy.ipynb",
        load_inputs=economy.load_inputs,
        clear_inputs=economy.load_inputs.cache_clear,
        compute_all_pairs=economy_dim.compute_all_pairs,
        compute_tables=economy_dim.compute_tables,
        provider=economy.economy_provider,
    ),
    Dimension(
        name="alignment",
        title="Political alignment",
        prefixes=("alignment",),
        notebook="political.ipynb",
        load_inputs=political.load_alignment_inputs,
        clear_inputs=political.load_alignment_inputs.cache_clear,
        compute_all_pairs=alignment_dim.compute_all_pairs,
        compute_tables=alignment_dim.compute_tables,
        provider=political.alignment_provider,
        save_artifacts=alignment_dim.save_vote_artifacts,
        read_hook="unga_bootstrap",
    ),
    Dimension(
        name="society",
        title="Society",
        prefixes=("migration", "remittances", "opinion"),
        notebook="society.ipynb",
        load_inputs=society.load_society_inputs,
        clear_inputs=society.load_society_inputs.cache_clear,
        compute_all_pairs=society_dim.compute_all_pairs,
        compute_tables=society_dim.compute_tables,
        provider=society.society_provider,
    ),
    Dimension(
        name="diplomacy",
        title="Diplomacy",
        prefixes=("diplomacy",),
        notebook="timeline.ipynb",
        load_inputs=diplomacy_dim.load_diplomacy_inputs,
        clear_inputs=diplomacy_dim.load_diplomacy_inputs.cache_clear,
        compute_all_pairs=diplomacy_dim.compute_all_pairs,
        compute_tables=diplomacy_dim.compute_tables,
        provider=diplomacy.diplomacy_provider,
    ),
    Dimension(
        name="security",
        title="Security",
        prefixes=("security",),
        notebook="security.ipynb",
        load_inputs=security.load_security_inputs,
        clear_inputs=security.load_security_inputs.cache_clear,
        compute_all_pairs=security_dim.compute_all_pairs,
        compute_tables=security_dim.compute_tables,
        provider=security.security_provider,
    ),
)


def dimension(name: str) -> Dimension:
    """Return the dimension of this name."""
    for dim in DIMENSIONS:
        if dim.name == name:
            return dim
    raise KeyError(name)
