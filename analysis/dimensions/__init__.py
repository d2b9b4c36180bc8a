"""The dimensions of a relationship: one module each, one list of them.

Each dimension is one :class:`Dimension` object: its name and titles, the prefixes of its
indicator ids, the notebook that shows it, how it loads its sources, how it computes every
indicator for **all pairs at once** (for the store) and for one pair from the raw files (the
reference the all-pairs code is tested against), and the detail tables it keeps for the notebooks.
Everything that enumerates dimensions (the store build, the reference panel, the report's
sections, the closeness index and its titles) derives from
:data:`analysis.dimensions.registry.DIMENSIONS`.

The functions are named by reference (``"analysis.economy:load_inputs"``) and imported on first
use: the list is cheap to import (the report runner and the index read it without loading pandas
code of every dimension), and no dimension module imports another to be listed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def resolve_ref(ref: str | Callable) -> Any:
    """Return the object a ``"package.module:attr.attr"`` reference names (a callable: itself).

    Examples
    --------
    >>> resolve_ref("analysis.dimensions:resolve_ref") is resolve_ref
    True
    """
    if callable(ref):  # tests and plug-ins may give the function itself
        return ref
    module, _, attrs = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for attr in attrs.split("."):
        obj = getattr(obj, attr)
    return obj


class _Resolved:
    """The function a Dimension's ``<name>_ref`` field names, resolved on each access."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.ref = f"{name}_ref"

    def __get__(self, dim: Dimension | None, owner: type) -> Any:
        if dim is None:
            return self
        ref = getattr(dim, self.ref)
        return resolve_ref(ref) if ref else None


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
    load_inputs_ref : str
        Reference (``"module:function"``) of ``raw_dir -> inputs``: loads and checks its raw
        sources (cached per directory); called through :attr:`load_inputs`.
    clear_inputs_ref : str
        Forgets the cached inputs (the store build frees memory between dimensions).
    compute_all_pairs_ref : str
        ``inputs -> AllPairs``: every indicator for every pair and year.
    compute_tables_ref : str
        ``inputs -> {name: DataFrame}``: detail tables of every country for the notebooks.
    provider_ref : str
        ``(raw_dir, a, b) -> panel``: the same indicators for one pair (the reference).
    save_artifacts_ref : str
        ``(inputs, directory) -> [paths]``: files the store needs at read time ("" for none).
    read_hook : str
        Name of the function (:data:`analysis.datastore.READ_HOOKS`) that completes a pair's
        rows at read time ("" for none).
    index_title : str
        Its name in the closeness index ("" for :attr:`title`).
    index_prefixes : tuple of str
        The id prefixes whose indicators feed its index score (empty for :attr:`prefixes`): a
        prefix counts in one index dimension only (remittances in the economy's, not society's).
    """

    name: str
    title: str
    prefixes: tuple[str, ...]
    notebook: str
    load_inputs_ref: str | Callable
    clear_inputs_ref: str | Callable
    compute_all_pairs_ref: str | Callable
    compute_tables_ref: str | Callable
    provider_ref: str | Callable
    save_artifacts_ref: str | Callable = ""
    read_hook: str = ""
    index_title: str = ""
    index_prefixes: tuple[str, ...] = ()

    @property
    def index_inputs(self) -> tuple[str, ...]:
        """Return the id prefixes that feed this dimension's index score."""
        return self.index_prefixes or self.prefixes

    #: The functions the ``*_ref`` fields name (``save_artifacts`` is None when not given).
    load_inputs = _Resolved()
    clear_inputs = _Resolved()
    compute_all_pairs = _Resolved()
    compute_tables = _Resolved()
    provider = _Resolved()
    save_artifacts = _Resolved()

    def owns(self, indicator: str) -> bool:
        """Return whether an indicator id belongs to this dimension."""
        return indicator.split(".", 1)[0] in self.prefixes
