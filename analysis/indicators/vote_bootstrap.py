"""Bootstrap intervals of one pair's UNGA vote statistics, from resamples drawn once for all.

The resamples of :func:`analysis.indicators.alignment.bootstrap_pair` depend only on the seed, the
year and the issue, so they are the same for every pair. :func:`build_vote_artifacts` draws them
once, keeping how often each roll call is drawn in each resample (:class:`VoteArtifacts`, saved
in the store); the nine vote-pair counts of every resample of every year and issue of one pair
are then one gather and one segmented sum (:func:`pair_intervals`), exactly the intervals of
``bootstrap_pair`` at a fraction of its cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.dyadic import SEP
from analysis.indicators import alignment as al

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
