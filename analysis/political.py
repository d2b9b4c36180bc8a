"""The political-alignment dimension: UNGA votes and ideal points of any pair.

:func:`load_alignment_inputs` loads the votes and ideal points once per raw directory and
computes the vote statistics of **every** pair of countries at once (cached, a few seconds);
:func:`alignment_provider` (registered in :data:`analysis.panel.PROVIDERS`) slices one pair
from it and adds its bootstrap intervals and ideal points. :func:`get_idealpoints` reads the
ideal points of the embedded countries for the notebook (or computes them from raw data).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config, datastore
from analysis.indicators import alignment
from analysis.load_political import load_idealpoints, load_unga_votes

IDEALPOINT_TABLE = "idealpoints.csv"
IDEALPOINT_COLUMNS = ["country", "year", "idealpoint", "lo", "hi", "n_votes", "source"]


@dataclass(frozen=True)
class AlignmentInputs:
    """Vote matrices, the all-pairs vote statistics and the ideal points."""

    matrices: alignment.VoteMatrices
    all_pairs: pd.DataFrame
    idealpoints: pd.DataFrame


@functools.cache
def load_alignment_inputs(raw_dir: Path) -> AlignmentInputs:
    """Load the UNGA votes and ideal points and compute the all-pairs statistics (cached)."""
    raw_dir = Path(raw_dir)
    votes = load_unga_votes(raw_dir)
    matrices = alignment.build_vote_matrices(votes.roll_calls, votes.votes, votes.issues)
    return AlignmentInputs(
        matrices=matrices,
        all_pairs=alignment.compute_all_pairs(matrices),
        idealpoints=load_idealpoints(raw_dir),
    )


def compute_alignment_panel(inputs: AlignmentInputs, a: str, b: str) -> pd.DataFrame:
    """Return the pair's UNGA vote indicators (with bootstrap intervals) and ideal points."""
    parts = [
        alignment.compute_vote_panel(inputs.all_pairs, inputs.matrices, a, b),
        alignment.compute_idealpoint_panel(inputs.idealpoints, a, b),
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True).sort_values(["indicator", "year"], ignore_index=True)


def alignment_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the political-alignment dimension: UNGA votes and ideal points."""
    return compute_alignment_panel(load_alignment_inputs(Path(raw_dir)), a, b)


def compute_idealpoint_table(ideal: pd.DataFrame, countries) -> pd.DataFrame:
    """Return the ideal points of ``countries`` by year: value, 5%/95% quantiles, votes."""
    rows = ideal[ideal["country"].isin(list(countries))]
    out = pd.DataFrame(
        {
            "country": rows["country"].astype(str),
            "year": rows["year"],
            "idealpoint": rows["idealpoint"],
            "lo": rows["q05"],
            "hi": rows["q95"],
            "n_votes": rows["n_votes"],
            "source": alignment.IDEALPOINT_SOURCE,
        }
    )
    return out.sort_values(["country", "year"], ignore_index=True)[IDEALPOINT_COLUMNS]


def embedded_countries() -> list[str]:
    """Return every country of :data:`analysis.config.EMBEDDED_PAIRS`, sorted."""
    return sorted({c for pair in config.EMBEDDED_PAIRS for c in pair})


def build_idealpoints(raw_dir: Path) -> pd.DataFrame:
    """Return the ideal points of every embedded country (processed table for the notebook)."""
    return compute_idealpoint_table(load_idealpoints(Path(raw_dir)), embedded_countries())


def get_idealpoints(countries, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the ideal points of ``countries`` by year: embedded, or from raw data.

    From the store (every country) or the embedded table (the embedded pairs' countries).
    """
    countries = list(dict.fromkeys(countries))
    table = datastore.current().table("idealpoints", IDEALPOINT_TABLE)
    table = table[table["country"].isin(countries)]
    keep = table["year"].between(start or -9999, end or 9999)
    return table[keep].reset_index(drop=True)
