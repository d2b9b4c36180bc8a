"""The political-alignment dimension for every pair of countries at once.

:func:`compute_all_pairs` turns the all-pairs UNGA vote statistics and the ideal points of
:func:`analysis.political.load_alignment_inputs` into one *undirected* wide dyad-year table
(``country_a < country_b``; every statistic is symmetric, the ideal points of the two sides swap
when the pair is mirrored). It holds the point values: agreement, joint votes, kappa and S for
all roll calls and for each issue, both ideal points with their 5%/95% posterior quantiles and
their distance.

The bootstrap intervals of the vote statistics (:func:`analysis.indicators.alignment.bootstrap_pair`)
are not in the table: for every pair they would cost far more than the build can spend. They
are computed for **one** pair at read time from small artifacts (:func:`save_vote_artifacts`):
the coded vote matrix and, per year and issue, how often each roll call is drawn in each of the
resamples. The resamples depend only on the seed, the year and the issue, so they are the same
for every pair; the nine vote-pair counts of every resample of every year and issue are then
one gather and one segmented sum (:func:`pair_intervals`), and :func:`pair_panel` gives exactly
the panel of :func:`analysis.political.alignment_provider`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import dyadic
from analysis.dyadic import SEP, AllPairs
from analysis.indicators import alignment as al
from analysis.indicators.vote_bootstrap import (
    ARTIFACT_FILES,
    VoteArtifacts,
    build_vote_artifacts,
    fill_intervals,
)
from analysis.political import AlignmentInputs, compute_idealpoint_table

#: Swapped ideal-point ids when a pair is mirrored.
SWAP = {
    al.IDEALPOINT_IDS[0]: al.IDEALPOINT_IDS[1],
    al.IDEALPOINT_IDS[1]: al.IDEALPOINT_IDS[0],
}


def _categorical(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    """Return a categorical of source names from integer codes (-1 = missing)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype="str"))


def _idealpoint_pairs(ideal: pd.DataFrame, countries: np.ndarray) -> dict[str, np.ndarray]:
    """Return every unordered pair of countries with an ideal point in the same year.

    Parameters
    ----------
    ideal : DataFrame
        ``country, year, idealpoint, q05, q95`` (one row per country and year).
    countries : ndarray of str
        Sorted country codes; the pairs refer to positions in it, ``a < b``.

    Returns
    -------
    dict
        ``a, b, year`` and ``idealpoint_a/b, q05_a/b, q95_a/b``, one entry per pair-year.
    """
    rows = ideal.assign(pos=np.searchsorted(countries, ideal["country"].astype(str).to_numpy()))
    rows = rows.sort_values(["year", "pos"], ignore_index=True)
    years = rows["year"].to_numpy(dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    first, second = [], []
    for start, end in zip(starts, ends):
        i, j = np.triu_indices(end - start, k=1)
        first.append(i + start)
        second.append(j + start)
    i = np.concatenate(first) if first else np.zeros(0, dtype=np.int64)
    j = np.concatenate(second) if second else np.zeros(0, dtype=np.int64)
    pos = rows["pos"].to_numpy(dtype=np.int64)
    out = {"a": pos[i], "b": pos[j], "year": years[i]}
    for col in ("idealpoint", "q05", "q95"):
        values = rows[col].to_numpy(dtype=np.float64)
        out[f"{col}_a"], out[f"{col}_b"] = values[i], values[j]
    return out


def compute_all_pairs(inputs: AlignmentInputs) -> AllPairs:
    """Compute the alignment indicators of every pair of countries and year as one wide table.

    Parameters
    ----------
    inputs : AlignmentInputs
        From :func:`analysis.political.load_alignment_inputs`.

    Returns
    -------
    AllPairs
        ``undirected`` rows (``country_a < country_b``) with the vote statistics (point values;
        their intervals come at read time, :func:`pair_panel`) and the ideal points (with their
        5%/95% quantiles as ``|lo``/``|hi``) and distance; ``swap`` exchanges the ideal points
        of a and b.
    """
    votes = inputs.all_pairs
    ideal = inputs.idealpoints
    countries = np.union1d(
        np.asarray(votes["country_a"].cat.categories, dtype=str),
        ideal["country"].astype(str).unique(),
    )
    pairs = _idealpoint_pairs(ideal, countries)
    vote_years = votes["year"].to_numpy(dtype=np.int64)
    all_years = np.r_[vote_years, pairs["year"]]
    if len(all_years) == 0:
        return AllPairs(undirected=pd.DataFrame(columns=dyadic.KEY_COLUMNS), swap=dict(SWAP))
    first_year = int(all_years.min())
    n_years = int(all_years.max()) - first_year + 1
    n_countries = len(countries)

    def key(a: np.ndarray, b: np.ndarray, year: np.ndarray) -> np.ndarray:
        return (a * n_countries + b) * n_years + (year - first_year)

    positions = np.searchsorted(countries, np.asarray(votes["country_a"].cat.categories, str))
    vote_a = positions[votes["country_a"].cat.codes.to_numpy()]
    vote_b = positions[votes["country_b"].cat.codes.to_numpy()]
    vote_keys = key(vote_a, vote_b, vote_years)
    ideal_keys = key(pairs["a"], pairs["b"], pairs["year"])
    keys = np.unique(np.r_[vote_keys, ideal_keys])
    n = len(keys)

    columns: dict[str, object] = {
        "country_a": pd.array(countries[keys // (n_countries * n_years)], dtype="str"),
        "country_b": pd.array(countries[keys // n_years % n_countries], dtype="str"),
        "year": keys % n_years + first_year,
    }
    source_names = [str(s) for s in votes["source"].cat.categories]
    issue_codes = votes["issue"].cat.codes.to_numpy()
    source_codes = votes["source"].cat.codes.to_numpy()
    for issue_index, issue in enumerate(al.ISSUE_KEYS):
        sel = np.flatnonzero(issue_codes == issue_index)
        pos = np.searchsorted(keys, vote_keys[sel])
        codes = np.full(n, -1, dtype=np.int8)
        codes[pos] = source_codes[sel]
        for stat in al.STATISTICS:
            values = np.full(n, np.nan)
            values[pos] = votes[stat].to_numpy(dtype=np.float64)[sel]
            ind = al.indicator_id(stat, issue)
            columns[ind] = values
            columns[f"{ind}{SEP}source"] = _categorical(codes, source_names)
    del vote_keys, vote_a, vote_b, vote_years, issue_codes, source_codes

    pos = np.searchsorted(keys, ideal_keys)
    codes = np.full(n, -1, dtype=np.int8)
    codes[pos] = 0
    for side, ind in zip(("a", "b"), al.IDEALPOINT_IDS):
        for name, col in (("", "idealpoint"), (f"{SEP}lo", "q05"), (f"{SEP}hi", "q95")):
            values = np.full(n, np.nan)
            values[pos] = pairs[f"{col}_{side}"]
            columns[f"{ind}{name}"] = values
        columns[f"{ind}{SEP}source"] = _categorical(codes, [al.IDEALPOINT_SOURCE])
    distance = np.full(n, np.nan)
    distance[pos] = np.abs(pairs["idealpoint_a"] - pairs["idealpoint_b"])
    columns[al.DISTANCE_ID] = distance
    columns[f"{al.DISTANCE_ID}{SEP}source"] = _categorical(codes, [al.IDEALPOINT_SOURCE])
    del pairs, ideal_keys, keys

    order = list(dyadic.KEY_COLUMNS)
    for ind in sorted(c for c in columns if c not in dyadic.KEY_COLUMNS and SEP not in c):
        order += [
            c for c in (ind, *(f"{ind}{SEP}{s}" for s in ("source", "lo", "hi"))) if c in columns
        ]
    wide = pd.DataFrame({c: columns.pop(c) for c in order}, copy=False)
    return AllPairs(undirected=wide, swap=dict(SWAP))


def compute_tables(inputs: AlignmentInputs) -> dict[str, pd.DataFrame]:
    """Return the per-country tables of the dimension: the ideal points of every country.

    Returns
    -------
    dict
        ``{"idealpoints": ...}`` in the format of
        :func:`analysis.political.compute_idealpoint_table` (readers filter it by country).
    """
    countries = sorted(inputs.idealpoints["country"].astype(str).unique())
    return {"idealpoints": compute_idealpoint_table(inputs.idealpoints, countries)}


def save_vote_artifacts(inputs: AlignmentInputs, directory: Path) -> list[Path]:
    """Write the artifacts of read-time bootstrap intervals as ``.npy`` files.

    The files are byte-identical from run to run (plain ``numpy.save``, no timestamps).

    Returns
    -------
    list of Path
        The files written, in the order of :data:`ARTIFACT_FILES`.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    art = build_vote_artifacts(inputs.matrices)
    paths = []
    for name, filename in ARTIFACT_FILES.items():
        path = directory / filename
        np.save(path, getattr(art, name), allow_pickle=False)
        paths.append(path)
    return paths


def pair_panel(all_pairs: AllPairs, art: VoteArtifacts, a: str, b: str) -> pd.DataFrame:
    """Return the alignment panel of one pair: the stored rows plus their vote intervals.

    Equal to :func:`analysis.political.alignment_provider` for the pair.
    """
    u = all_pairs.undirected
    x, y = sorted((a, b))
    rows = u[(u["country_a"] == x) & (u["country_b"] == y)]
    filled = AllPairs(undirected=fill_intervals(rows, art), swap=all_pairs.swap)
    return dyadic.pair_panel(filled, a, b)
