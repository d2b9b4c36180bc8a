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

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import dyadic
from analysis.dyadic import SEP, AllPairs
from analysis.indicators import alignment as al
from analysis.political import AlignmentInputs, compute_idealpoint_table

#: The vote statistics that carry a bootstrap interval.
INTERVAL_STATISTICS = ("agreement", "kappa", "s_score")
#: Files written by :func:`save_vote_artifacts` (name -> content).
ARTIFACT_FILES = {
    "countries": "alignment_vote_countries.npy",
    "codes": "alignment_vote_codes.npy",
    "blocks": "alignment_vote_blocks.npy",
    "columns": "alignment_vote_columns.npy",
    "weights": "alignment_vote_weights.npy",
}
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


@dataclass(frozen=True)
class VoteArtifacts:
    """What the bootstrap intervals of one pair need, independent of the pair.

    Attributes
    ----------
    countries : ndarray of str
        Sorted country codes, the rows of ``codes``.
    codes : ndarray of int8, shape (countries, roll calls)
        The vote matrix (0 = no vote, 1 = yes, 2 = abstain, 3 = no).
    blocks : ndarray of int64, shape (blocks, 3)
        One row per issue and year with roll calls, sorted by issue (position in
        :data:`~analysis.indicators.alignment.ISSUE_KEYS`) and year: issue, year, first entry.
    columns : ndarray of int32, shape (entries,)
        The roll call (column of ``codes``) of every entry; the entries of a block are
        contiguous.
    weights : ndarray of uint8, shape (entries, resamples)
        How many times each entry's roll call is drawn in each resample of its block.
    entry_block : ndarray of int64, shape (entries,)
        The block of every entry (derived).
    lanes : ndarray of uint64, shape (entries, ceil(resamples / 8))
        ``weights`` padded to a multiple of 8 resamples and read as 8 byte lanes per word
        (derived): the counts of a block add up to at most its number of roll calls (below
        256), so sums over entries of one block add lane by lane without carries.
    """

    countries: np.ndarray
    codes: np.ndarray
    blocks: np.ndarray
    columns: np.ndarray
    weights: np.ndarray
    entry_block: np.ndarray = field(init=False, repr=False)
    lanes: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        """Derive the block of every entry and the packed weights."""
        sizes = np.diff(np.r_[self.blocks[:, 2], len(self.columns)])
        if len(sizes) and sizes.max() > np.iinfo(np.uint8).max:
            raise ValueError("a block has more roll calls than a uint8 sum can hold")
        object.__setattr__(self, "entry_block", np.repeat(np.arange(len(self.blocks)), sizes))
        entries, resamples = self.weights.shape
        padded = np.zeros((entries, -(-resamples // 8) * 8), dtype=np.uint8)
        padded[:, :resamples] = self.weights
        object.__setattr__(self, "lanes", padded.view(np.uint64))

    @property
    def resamples(self) -> int:
        """Return the number of bootstrap resamples."""
        return self.weights.shape[1]


def build_vote_artifacts(
    m: al.VoteMatrices, resamples: int = al.RESAMPLES, seed: int = al.SEED
) -> VoteArtifacts:
    """Draw the bootstrap resamples of every year and issue as counts per roll call.

    The draws are exactly those of :func:`analysis.indicators.alignment.bootstrap_pair`: a
    generator seeded with ``(seed, year, issue)`` draws a ``resamples x roll calls`` index matrix;
    only how often each roll call is drawn in each resample is kept.
    """
    blocks, columns, weights = [], [], []
    start = 0
    for issue_index, issue in enumerate(al.ISSUE_KEYS):
        for year in np.unique(m.years):
            cols = m.columns(int(year), issue)
            if len(cols) == 0:
                continue
            rng = np.random.default_rng([seed, int(year), issue_index])
            pick = rng.integers(0, len(cols), size=(resamples, len(cols)))
            flat = (pick + len(cols) * np.arange(resamples)[:, None]).ravel()
            count = np.bincount(flat, minlength=resamples * len(cols)).reshape(resamples, -1)
            if count.max() > np.iinfo(np.uint8).max:
                raise ValueError(f"{year} {issue}: a roll call drawn too often for uint8")
            blocks.append((issue_index, int(year), start))
            columns.append(cols.astype(np.int32))
            weights.append(count.T.astype(np.uint8))
            start += len(cols)
    return VoteArtifacts(
        countries=np.asarray(m.countries, dtype=str),
        codes=np.ascontiguousarray(m.codes, dtype=np.int8),
        blocks=np.asarray(blocks, dtype=np.int64).reshape(-1, 3),
        columns=np.concatenate(columns) if columns else np.zeros(0, np.int32),
        weights=np.concatenate(weights) if weights else np.zeros((0, resamples), np.uint8),
    )


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


def load_vote_artifacts(directory: Path) -> VoteArtifacts:
    """Read the artifacts written by :func:`save_vote_artifacts`."""
    directory = Path(directory)
    arrays = {
        name: np.load(directory / filename, allow_pickle=False)
        for name, filename in ARTIFACT_FILES.items()
    }
    return VoteArtifacts(**arrays)


def percentiles_by_row(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Return percentiles of every row of ``x``, ignoring NaN, as ``np.percentile`` computes them.

    Linear interpolation on the non-NaN values of each row, with the arithmetic of NumPy's
    default method; rows without a value give NaN.

    Parameters
    ----------
    x : ndarray, shape (rows, values)
    q : ndarray, shape (k,)
        Percentiles (0-100).

    Returns
    -------
    ndarray, shape (rows, k)

    Examples
    --------
    >>> percentiles_by_row(np.array([[1.0, np.nan, 3.0, 2.0], [np.nan] * 4]), np.array([50.0]))
    array([[ 2.],
           [nan]])
    """
    x = np.sort(x, axis=1)  # NaN last
    n = (~np.isnan(x)).sum(axis=1)
    quantiles = np.true_divide(q, 100)
    virtual = (n[:, None] - 1) * quantiles[None, :]
    previous = np.floor(virtual)
    gamma = virtual - previous
    above = virtual >= (n[:, None] - 1)
    prev_i = np.where(above, n[:, None] - 1, previous).astype(np.intp)
    next_i = np.where(above, n[:, None] - 1, previous + 1).astype(np.intp)
    empty = n == 0
    prev_i[empty], next_i[empty] = 0, 0
    a = np.take_along_axis(x, prev_i, axis=1)
    b = np.take_along_axis(x, next_i, axis=1)
    diff = b - a
    out = np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)
    out[empty] = np.nan
    return out


def _interval_arrays(art: VoteArtifacts, a: str, b: str, level: float = al.LEVEL):
    """Return the blocks with a joint vote of the pair and their intervals ``(blocks, 3, 2)``.

    The nine vote-pair counts of every resample of every block are sums of the weights of the
    entries on which the two countries voted k and l: the entries are sorted by (block, k, l)
    and summed segment by segment (8 resamples per word, see :class:`VoteArtifacts`).
    """
    empty = np.zeros(0, dtype=np.intp), np.zeros((0, len(INTERVAL_STATISTICS), 2))
    rows = []
    for country in (a, b):
        pos = int(np.searchsorted(art.countries, country))
        if pos == len(art.countries) or art.countries[pos] != country:
            return empty
        rows.append(pos)
    va = art.codes[rows[0], art.columns]
    vb = art.codes[rows[1], art.columns]
    entries = np.flatnonzero((va > 0) & (vb > 0))
    if len(entries) == 0:
        return empty
    block = art.entry_block[entries]
    kept, local = np.unique(block, return_inverse=True)
    segment = local * 9 + (va[entries].astype(np.int64) - 1) * 3 + (vb[entries] - 1)
    order = np.argsort(segment, kind="stable")
    segment = segment[order]
    starts = np.flatnonzero(np.r_[True, segment[1:] != segment[:-1]])
    sums = np.add.reduceat(art.lanes[entries[order]], starts, axis=0)
    counts = np.zeros((len(kept) * 9, art.lanes.shape[1] * 8), dtype=np.uint8)
    counts[segment[starts]] = sums.view(np.uint8)
    counts = counts[:, : art.resamples].reshape(len(kept), 3, 3, art.resamples)
    stats = al.agreement_stats(counts.transpose(1, 2, 0, 3))
    tail = (100 - level) / 2
    q = np.array([tail, 100 - tail])
    bounds = np.stack([percentiles_by_row(stats[s], q) for s in INTERVAL_STATISTICS], axis=1)
    return kept, bounds


def pair_intervals(art: VoteArtifacts, a: str, b: str, level: float = al.LEVEL) -> pd.DataFrame:
    """Return the bootstrap intervals of one pair for every issue and year with a joint vote.

    The same values as :func:`analysis.indicators.alignment.bootstrap_pair` (with its default
    resamples and seed), for all issues at once.

    Returns
    -------
    DataFrame
        ``issue, year, agreement_lo, agreement_hi, kappa_lo, kappa_hi, s_score_lo,
        s_score_hi``, sorted by issue (in :data:`~analysis.indicators.alignment.ISSUE_KEYS`
        order) and year.
    """
    kept, bounds = _interval_arrays(art, a, b, level)
    issues = art.blocks[kept, 0]
    out = {
        "issue": np.asarray(al.ISSUE_KEYS, dtype=object)[issues].astype(str),
        "year": art.blocks[kept, 1],
    }
    for k, stat in enumerate(INTERVAL_STATISTICS):
        out[f"{stat}_lo"] = bounds[:, k, 0]
        out[f"{stat}_hi"] = bounds[:, k, 1]
    return pd.DataFrame(out)


def fill_intervals(rows: pd.DataFrame, art: VoteArtifacts) -> pd.DataFrame:
    """Return the wide rows of one unordered pair with the vote intervals filled in.

    Parameters
    ----------
    rows : DataFrame
        Undirected wide rows of one pair (``country_a < country_b``), as stored.
    art : VoteArtifacts

    Returns
    -------
    DataFrame
        ``rows`` with ``ID|lo`` and ``ID|hi`` for agreement, kappa and S of every issue.
    """
    if rows.empty:
        return rows
    a, b = str(rows["country_a"].iloc[0]), str(rows["country_b"].iloc[0])
    kept, bounds = _interval_arrays(art, a, b)
    at = pd.Index(rows["year"].to_numpy()).get_indexer(art.blocks[kept, 1])
    if (at < 0).any():
        raise ValueError(f"{a}-{b}: bootstrap years without a row in the wide table")
    issues = art.blocks[kept, 0]
    names = [
        f"{al.indicator_id(stat, issue)}{SEP}{bound}"
        for issue in al.ISSUE_KEYS
        for stat in INTERVAL_STATISTICS
        for bound in ("lo", "hi")
    ]
    # values[row, issue, statistic, bound], flattened in the order of ``names``
    values = np.full((len(rows), len(al.ISSUE_KEYS), len(INTERVAL_STATISTICS), 2), np.nan)
    values[at, issues] = bounds
    filled = pd.DataFrame(values.reshape(len(rows), -1), columns=names, index=rows.index)
    return pd.concat([rows, filled], axis=1)


def pair_panel(all_pairs: AllPairs, art: VoteArtifacts, a: str, b: str) -> pd.DataFrame:
    """Return the alignment panel of one pair: the stored rows plus their vote intervals.

    Equal to :func:`analysis.political.alignment_provider` for the pair.
    """
    u = all_pairs.undirected
    x, y = sorted((a, b))
    rows = u[(u["country_a"] == x) & (u["country_b"] == y)]
    filled = AllPairs(undirected=fill_intervals(rows, art), swap=all_pairs.swap)
    return dyadic.pair_panel(filled, a, b)
