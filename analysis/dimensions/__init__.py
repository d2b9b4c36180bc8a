"""The dimensions of a relationship: one module each, one list of them.

Each dimension is one :class:`Dimension` object: its name and title, the prefixes of its
indicator ids, the notebook that shows it, how it loads its sources, how it computes every
indicator for **all pairs at once** (for the store) and for one pair from the raw files (the
reference the all-pairs code is tested against), and the detail tables it keeps for the notebooks.
Everything that enumerates dimensions (the store build, coverage, the index, titles) derives
from :data:`DIMENSIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.dyadic import AllPairs


@dataclass(frozen=True)
class Dimension:
    """One dimension of a relationship and everything the package does with it.

    Attributes
    ----------
    name : str
        Short name (``"economy"``); the store's files are named after it.
    title : str
        Display title.
    prefixes : tuple of str
        The parts before the dot of its indicator ids (``("trade", "remittances")``).
    notebook : str
        The report notebook that shows it.
    load_inputs : callable
        ``raw_dir -> inputs``: loads and checks its raw sources (cached per directory).
    clear_inputs : callable
        Forgets the cached inputs (the store build frees memory between dimensions).
    compute_all_pairs : callable
        ``inputs -> AllPairs``: every indicator for every pair and year.
    compute_tables : callable
        ``inputs -> {name: DataFrame}``: detail tables of every country for the notebooks.
    provider : callable
        ``(raw_dir, a, b) -> panel``: the same indicators for one pair (the reference).
    save_artifacts : callable, optional
        ``(inputs, directory) -> [paths]``: files the store needs at read time.
    read_hook : str
        Name of the function (:data:`analysis.datastore.READ_HOOKS`) that completes a pair's
        rows at read time ("" for none).
    """

    name: str
    title: str
    prefixes: tuple[str, ...]
    notebook: str
    load_inputs: Callable[[Path], Any]
    clear_inputs: Callable[[], None]
    compute_all_pairs: Callable[[Any], AllPairs]
    compute_tables: Callable[[Any], dict[str, pd.DataFrame]]
    provider: Callable[[Path, str, str], pd.DataFrame]
    save_artifacts: Callable[[Any, Path], list[Path]] | None = None
    read_hook: str = ""

    def owns(self, indicator: str) -> bool:
        """Return whether an indicator id belongs to this dimension."""
        return indicator.split(".", 1)[0] in self.prefixes
