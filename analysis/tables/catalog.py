"""The catalog of sources: reading it, short labels, and the sources behind a panel."""

from __future__ import annotations

import re

import pandas as pd

from analysis import datastore
from analysis.tables.figures import _meta, panel_indicator_ids


def read_catalog() -> dict:
    """Read the catalog of the data in use (parsed once per process while the file is unchanged)."""
    return datastore.current().catalog()


def source_labels(catalog: dict) -> dict[str, str]:
    """Return a short label per source id: the publisher's abbreviation in brackets, else its name.

    Examples
    --------
    >>> source_labels({"sources": {"cba": {"publisher": "Central Bank of Armenia (CBA)"},
    ...                            "wdi": {"publisher": "World Bank"}}})
    {'cba': 'CBA', 'wdi': 'World Bank'}
    """
    labels = {}
    for sid, src in catalog.get("sources", {}).items():
        publisher = str(src.get("publisher") or sid)
        short = re.search(r"\(([^()]{2,20})\)\s*$", publisher)
        labels[sid] = short.group(1) if short else publisher
    return labels


def split_sources(source: str) -> list[str]:
    """Return the source ids of a panel ``source`` value (``"armstat+wdi"`` names two).

    Examples
    --------
    >>> split_sources("armstat+wdi")
    ['armstat', 'wdi']
    """
    return [s.strip() for s in re.split(r"[+,;]", str(source)) if s.strip()]


def panel_source_ids(panel: pd.DataFrame) -> list[str]:
    """Return the sources behind a panel: those of its rows and of its indicators' metadata."""
    ids: dict[str, None] = {}
    for ind in panel_indicator_ids(panel):
        ids.update(dict.fromkeys(_meta(ind).sources))
    for source in sorted(set(panel["source"].astype(str))):
        ids.update(dict.fromkeys(split_sources(source)))
    return list(ids)


def row_source_ids(panel: pd.DataFrame) -> list[str]:
    """Return the sources of a panel's rows (``armstat+wdi`` names two), in order: the sources a
    section's numbers come from, whose caveats it states."""
    ids: dict[str, None] = {}
    for source in sorted(set(panel["source"].dropna().astype(str))):
        ids.update(dict.fromkeys(split_sources(source)))
    return list(ids)
