"""UNGA alignment: vote agreement, Cohen's kappa, Signorino-Ritter S and ideal-point distance.

Everything is computed for **all pairs of countries at once** from per-year vote matrices:

1. :func:`build_vote_matrices` codes every country's vote on every roll call in one small
   ``countries x roll calls`` matrix (0 = no vote recorded or non-voting, 1 = yes,
   2 = abstain, 3 = no).
2. For the roll calls of one calendar year, three one-hot indicator matrices ``Y, A, N``
   (countries x roll calls) stacked as ``X`` give, in one matrix product ``X @ X.T``, the nine
   counts ``n_kl[i, j]`` = number of roll calls on which country i voted k and country j voted l
   (:func:`count_vote_pairs`).
3. Every statistic is a function of those nine counts (:func:`agreement_stats`):

   * joint votes ``n = sum_kl n_kl`` (both voted yes, abstain or no; absences, non-voting and
     non-members excluded);
   * agreement ``100 * (n_yy + n_aa + n_nn) / n`` (%);
   * Cohen's kappa (Häge 2011) ``(p_o - p_e) / (1 - p_e)`` with ``p_o`` the share of identical
     votes and ``p_e = sum_k p_i(k) p_j(k)``, where ``p_i(k)`` is the share of the joint votes on
     which country i voted k (unweighted, three categories; undefined - no row - when both
     countries cast one and the same vote on every joint roll call, ``p_e = 1``);
   * Signorino-Ritter S (1999), three-category version (as in Voeten's "s3un"): votes placed at
     yes = 1, abstain = 0.5, no = 0, distance ``d = |x_i - x_j|`` (absolute, unweighted), whose
     maximum per vote is 1; ``S = 1 - 2 * sum(d) / n``, from -1 (always opposite) to 1 (always
     the same). An abstention against a yes or a no counts as half a disagreement.

A year is the calendar year of the vote. Issue-specific values use the roll calls carrying the
unvotes issue code (to 2019). Bootstrap intervals (:func:`bootstrap_pair`) resample the roll
calls of a year with replacement, the same resamples for every pair (the random stream depends
only on the seed, the year and the issue), and take percentiles of the statistic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.indicators.common import to_panel

#: The vote categories counted, with their code in the vote matrix (0 = no vote).
CATEGORIES = ("yes", "abstain", "no")
#: Positions of the categories on the S-score scale (yes = 1, abstain = 0.5, no = 0).
POSITIONS = np.array([1.0, 0.5, 0.0])
#: |x_k - x_l| for every pair of categories; its maximum (yes against no) is 1.
DISTANCE = np.abs(POSITIONS[:, None] - POSITIONS[None, :])

#: The issue codes of unvotes, with the label used in titles; "all" means every roll call.
ISSUE_LABELS = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}
#: The same labels capitalised, for chart titles and table rows.
ISSUE_TITLES = {code: label[0].upper() + label[1:] for code, label in ISSUE_LABELS.items()}
ALL = "all"
ISSUE_KEYS = (ALL, *ISSUE_LABELS)

#: Bootstrap settings: resamples, seed, interval level (percent).
RESAMPLES = 500
SEED = 20_250_101
LEVEL = 95.0

#: The four vote statistics and the base of their indicator ids (issue ids add ``_<code>``).
STATISTICS = {
    "agreement": "alignment.unga_agreement",
    "joint_votes": "alignment.unga_joint_votes",
    "kappa": "alignment.unga_kappa",
    "s_score": "alignment.unga_s_score",
}
IDEALPOINT_IDS = ("alignment.idealpoint_a", "alignment.idealpoint_b")
DISTANCE_ID = "alignment.idealpoint_distance"
IDEALPOINT_SOURCE = "unga_idealpoints"

ALL_PAIRS_COLUMNS = [
    "issue",
    "year",
    "country_a",
    "country_b",
    "joint_votes",
    "agree_votes",
    "agreement",
    "kappa",
    "s_score",
    "source",
]


def indicator_id(statistic: str, issue: str = ALL) -> str:
    """Return the indicator id of a statistic for all roll calls or one issue.

    Examples
    --------
    >>> indicator_id("agreement"), indicator_id("kappa", "hr")
    ('alignment.unga_agreement', 'alignment.unga_kappa_hr')
    """
    base = STATISTICS[statistic]
    return base if issue == ALL else f"{base}_{issue}"


@dataclass(frozen=True)
class VoteMatrices:
    """Every country's vote on every roll call, in one coded matrix.

    ``codes[i, r]`` is country ``countries[i]``'s vote on roll call ``rcids[r]`` (0 = none,
    1 = yes, 2 = abstain, 3 = no); roll calls are sorted by date; ``years`` and ``sources`` give
    each roll call's calendar year and source; ``issues`` maps an issue code to a boolean mask
    over the roll calls.
    """

    countries: np.ndarray
    rcids: np.ndarray
    years: np.ndarray
    sources: np.ndarray
    codes: np.ndarray
    issues: dict[str, np.ndarray]

    def columns(self, year: int, issue: str = ALL) -> np.ndarray:
        """Return the positions of the roll calls of ``year`` (of one issue, if given)."""
        mask = self.years == year
        if issue != ALL:
            mask &= self.issues[issue]
        return np.flatnonzero(mask)

    def index(self, country: str) -> int | None:
        """Return a country's row, or None if it never voted."""
        pos = int(np.searchsorted(self.countries, country))
        found = pos < len(self.countries) and self.countries[pos] == country
        return pos if found else None


def build_vote_matrices(
    roll_calls: pd.DataFrame, votes: pd.DataFrame, issues: pd.DataFrame | None = None
) -> VoteMatrices:
    """Code the vote table as one ``countries x roll calls`` matrix.

    Parameters
    ----------
    roll_calls : DataFrame
        ``rcid, date, year, source``, one row per roll call.
    votes : DataFrame
        ``rcid, country, vote``; votes other than yes/abstain/no (non-voting) are left as 0.
    issues : DataFrame, optional
        ``rcid, issue``.

    Returns
    -------
    VoteMatrices
    """
    rc = roll_calls.sort_values(["date", "rcid"])
    rcids = rc["rcid"].to_numpy()
    counted = votes[votes["vote"].isin(CATEGORIES)]
    country = pd.Categorical(counted["country"])  # categories: the countries, sorted
    countries = np.asarray(country.categories, dtype=object)
    row = country.codes
    col = pd.Index(rcids).get_indexer(counted["rcid"].to_numpy())
    if (col < 0).any():
        raise ValueError("votes refer to roll calls that are not in the roll-call table")
    code = counted["vote"].map({k: i + 1 for i, k in enumerate(CATEGORIES)}).to_numpy(np.int8)
    codes = np.zeros((len(countries), len(rcids)), dtype=np.int8)
    codes[row, col] = code
    masks = {}
    for issue in ISSUE_LABELS:
        ids = [] if issues is None else issues.loc[issues["issue"] == issue, "rcid"]
        masks[issue] = np.isin(rcids, np.asarray(ids))
    return VoteMatrices(
        countries=countries,
        rcids=rcids,
        years=rc["year"].to_numpy(dtype=np.int64),
        sources=rc["source"].to_numpy(dtype=object),
        codes=codes,
        issues=masks,
    )


def count_vote_pairs(codes: np.ndarray) -> np.ndarray:
    """Count, for every ordered pair of countries, the roll calls on which they voted k and l.

    Parameters
    ----------
    codes : ndarray of int, shape (countries, roll calls)
        0 = no vote, 1 = yes, 2 = abstain, 3 = no.

    Returns
    -------
    ndarray of float, shape (3, 3, countries, countries)
        ``n[k, l, i, j]``; exact integers (float32 holds counts below 2**24 exactly).

    Examples
    --------
    >>> n = count_vote_pairs(np.array([[1, 1, 3], [1, 2, 3]]))
    >>> int(n[0, 0, 0, 1]), int(n[0, 1, 0, 1]), int(n[2, 2, 0, 1])
    (1, 1, 1)
    """
    c, r = codes.shape
    onehot = (codes[None, :, :] == np.arange(1, 4)[:, None, None]).reshape(3 * c, r)
    x = onehot.astype(np.float32)
    gram = x @ x.T
    return gram.reshape(3, c, 3, c).transpose(0, 2, 1, 3)


def agreement_stats(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Compute joint votes, agreement, kappa and S from the nine counts ``counts[k, l, ...]``.

    Works on any trailing shape (pairs, bootstrap resamples). Where there is no joint vote
    every statistic is NaN; kappa is NaN where ``p_e = 1``.

    Examples
    --------
    >>> n = np.zeros((3, 3)); n[0, 0], n[1, 1], n[0, 2] = 6, 2, 2
    >>> {k: round(float(v), 3) for k, v in agreement_stats(n).items()}
    {'joint_votes': 10.0, 'agree_votes': 8.0, 'agreement': 80.0, 'kappa': 0.583, 's_score': 0.6}
    """
    counts = np.asarray(counts, dtype=np.float64)
    joint = counts.sum(axis=(0, 1))
    agree = counts[0, 0] + counts[1, 1] + counts[2, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        p_o = agree / joint
        p_e = (counts.sum(axis=1) * counts.sum(axis=0)).sum(axis=0) / joint**2
        kappa = np.where(p_e < 1 - 1e-12, (p_o - p_e) / (1 - p_e), np.nan)
        # sum of |x_k - x_l| n_kl: the distances are 0, 0.5 and 1 and the counts integers, so
        # every term and partial sum is exact (the same bits as a tensordot, in less time)
        half = counts[0, 1] + counts[1, 0] + counts[1, 2] + counts[2, 1]
        dist = 0.5 * half + (counts[0, 2] + counts[2, 0])
        s_score = 1 - 2 * dist / joint
    return {
        "joint_votes": joint,
        "agree_votes": agree,
        "agreement": 100 * p_o,
        "kappa": kappa,
        "s_score": s_score,
    }


def _year_pairs(m: VoteMatrices, cols: np.ndarray) -> dict[str, np.ndarray] | None:
    """All-pairs statistics of one set of roll calls (one year, one issue), i < j, joint > 0."""
    sub = m.codes[:, cols]
    active = np.flatnonzero((sub > 0).any(axis=1))
    if len(active) < 2:
        return None
    counts = count_vote_pairs(sub[active])
    i, j = np.triu_indices(len(active), k=1)
    stats = agreement_stats(counts[:, :, i, j])
    keep = stats["joint_votes"] > 0
    out = {k: v[keep] for k, v in stats.items()}
    out["a"], out["b"] = active[i[keep]], active[j[keep]]
    return out


def compute_all_pairs(
    m: VoteMatrices, issues: tuple[str, ...] = ISSUE_KEYS, years=None
) -> pd.DataFrame:
    """Compute agreement, joint votes, kappa and S of every pair of countries in every year.

    One row per issue, year and unordered pair (``country_a < country_b`` alphabetically) with
    at least one joint vote; the statistics are symmetric, so (b, a) reads the same row.

    Parameters
    ----------
    m : VoteMatrices
    issues : tuple of str
        ``"all"`` and/or issue codes of :data:`ISSUE_LABELS`.
    years : iterable of int, optional
        Default: every year with roll calls.

    Returns
    -------
    DataFrame
        :data:`ALL_PAIRS_COLUMNS`.
    """
    years = np.unique(m.years) if years is None else np.asarray(sorted(years))
    source_names = sorted(set(m.sources))
    parts: dict[str, list] = {k: [] for k in ALL_PAIRS_COLUMNS}
    for issue in issues:
        for year in years:
            cols = m.columns(int(year), issue)
            if len(cols) == 0:
                continue
            res = _year_pairs(m, cols)
            if res is None or len(res["a"]) == 0:
                continue
            n = len(res["a"])
            sources = set(m.sources[cols])
            if len(sources) != 1:
                raise ValueError(f"roll calls of {year} come from several sources: {sources}")
            parts["issue"].append(np.full(n, ISSUE_KEYS.index(issue), dtype=np.int8))
            parts["year"].append(np.full(n, year, dtype=np.int16))
            parts["country_a"].append(res["a"].astype(np.int16))
            parts["country_b"].append(res["b"].astype(np.int16))
            parts["source"].append(np.full(n, source_names.index(sources.pop()), dtype=np.int8))
            for k in ("joint_votes", "agree_votes"):
                parts[k].append(res[k].astype(np.int16))
            for k in ("agreement", "kappa", "s_score"):
                parts[k].append(res[k])
    if not parts["year"]:
        return pd.DataFrame(columns=ALL_PAIRS_COLUMNS)
    data = {k: np.concatenate(v) for k, v in parts.items()}
    countries = pd.CategoricalDtype(list(m.countries))
    for side in ("country_a", "country_b"):
        data[side] = pd.Categorical.from_codes(data[side], dtype=countries)
    data["issue"] = pd.Categorical.from_codes(data["issue"], categories=list(ISSUE_KEYS))
    data["source"] = pd.Categorical.from_codes(data["source"], categories=source_names)
    return pd.DataFrame(data)[ALL_PAIRS_COLUMNS]


def compute_all_pairs_merge(
    roll_calls: pd.DataFrame, votes: pd.DataFrame, years=None
) -> pd.DataFrame:
    """Compute the same all-pairs statistics (all roll calls) with a pandas self-merge.

    The straightforward implementation - merge the vote table with itself on the roll call,
    keep ``country_a < country_b``, group by pair and year - kept as the reference that tests
    and ``benchmarks/alignment_all_pairs.py`` compare :func:`compute_all_pairs` with. It is far
    slower and needs far more memory.

    Returns
    -------
    DataFrame
        ``year, country_a, country_b, joint_votes, agree_votes, agreement, kappa, s_score``.
    """
    v = votes[votes["vote"].isin(CATEGORIES)].merge(roll_calls[["rcid", "year"]], on="rcid")
    if years is not None:
        v = v[v["year"].isin(list(years))]
    v = v.assign(country=v["country"].astype(str), vote=v["vote"].astype(str))
    pairs = v.merge(v, on=["rcid", "year"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["country_a"] < pairs["country_b"]]
    pos = dict(zip(CATEGORIES, POSITIONS))
    cols = {
        "same": pairs["vote_a"] == pairs["vote_b"],
        "dist": (pairs["vote_a"].map(pos) - pairs["vote_b"].map(pos)).abs(),
    }
    for k in CATEGORIES:
        cols[f"a_{k}"] = pairs["vote_a"] == k
        cols[f"b_{k}"] = pairs["vote_b"] == k
    pairs = pairs[["year", "country_a", "country_b"]].assign(**cols)
    g = pairs.groupby(["year", "country_a", "country_b"]).sum().reset_index()
    n = g[[f"a_{k}" for k in CATEGORIES]].sum(axis=1)
    p_o = g["same"] / n
    p_e = sum(g[f"a_{k}"] * g[f"b_{k}"] for k in CATEGORIES) / n**2
    return pd.DataFrame(
        {
            "year": g["year"],
            "country_a": g["country_a"],
            "country_b": g["country_b"],
            "joint_votes": n,
            "agree_votes": g["same"],
            "agreement": 100 * p_o,
            "kappa": ((p_o - p_e) / (1 - p_e)).where(p_e < 1 - 1e-12),
            "s_score": 1 - 2 * g["dist"] / n,
        }
    )


def bootstrap_pair(
    m: VoteMatrices,
    a: str,
    b: str,
    issue: str = ALL,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Percentile bootstrap intervals of agreement, kappa and S of one pair, by year.

    The roll calls of each year are resampled with replacement ``resamples`` times, all at once
    (an index matrix of shape resamples x roll calls); the nine vote-pair counts of every resample
    come from one ``bincount``. The random stream depends on ``(seed, year, issue)`` only, so every
    pair of a year sees the same resamples.

    Returns
    -------
    DataFrame
        ``year, agreement_lo, agreement_hi, kappa_lo, kappa_hi, s_score_lo, s_score_hi`` for the
        years with at least one joint vote; an interval is NaN where no resample defines it.
    """
    ia, ib = m.index(a), m.index(b)
    if ia is None or ib is None:
        return pd.DataFrame(columns=["year"])
    tail = (100 - level) / 2
    rows = []
    for year in np.unique(m.years):
        cols = m.columns(int(year), issue)
        va, vb = m.codes[ia, cols], m.codes[ib, cols]
        both = (va > 0) & (vb > 0)
        if not both.any():
            continue
        cat = np.where(both, (va.astype(np.int64) - 1) * 3 + vb - 1, 9)
        rng = np.random.default_rng([seed, int(year), ISSUE_KEYS.index(issue)])
        pick = rng.integers(0, len(cols), size=(resamples, len(cols)))
        flat = (cat[pick] + 10 * np.arange(resamples)[:, None]).ravel()
        counts = np.bincount(flat, minlength=10 * resamples).reshape(resamples, 10)[:, :9]
        stats = agreement_stats(counts.T.reshape(3, 3, resamples))
        row = {"year": int(year)}
        for k in ("agreement", "kappa", "s_score"):
            x = stats[k][~np.isnan(stats[k])]
            lo, hi = np.percentile(x, [tail, 100 - tail]) if len(x) else (np.nan, np.nan)
            row[f"{k}_lo"], row[f"{k}_hi"] = lo, hi
        rows.append(row)
    return pd.DataFrame(rows)


def slice_pair(all_pairs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the all-pairs rows of one pair (either order), sorted by issue and year."""
    x, y = sorted((a, b))
    cats = all_pairs["country_a"].cat.categories
    if x not in cats or y not in cats:
        return all_pairs.iloc[0:0]
    rows = all_pairs[(all_pairs["country_a"] == x) & (all_pairs["country_b"] == y)]
    return rows.sort_values(["issue", "year"], ignore_index=True)


def compute_vote_panel(
    all_pairs: pd.DataFrame,
    m: VoteMatrices,
    a: str,
    b: str,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> pd.DataFrame:
    """Return the UNGA vote indicators of a pair (all roll calls and by issue) as panel rows.

    Agreement, kappa and S carry percentile bootstrap intervals in ``lo``/``hi``.
    """
    rows = slice_pair(all_pairs, a, b)
    parts = []
    for issue in ISSUE_KEYS:
        r = rows[rows["issue"] == issue]
        if r.empty:
            continue
        r = r.astype({"source": str, "joint_votes": "int64"})
        boot = bootstrap_pair(m, a, b, issue, resamples, seed)
        r = r.merge(boot, on="year", how="left", validate="one_to_one")
        for stat in STATISTICS:
            interval = stat != "joint_votes"
            parts.append(
                to_panel(
                    r,
                    a,
                    b,
                    indicator_id(stat, issue),
                    stat,
                    lo=f"{stat}_lo" if interval else None,
                    hi=f"{stat}_hi" if interval else None,
                )
            )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def compute_idealpoint_panel(ideal: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return both countries' ideal points and their distance, in the years both have one.

    ``lo``/``hi`` of an ideal point are its 5% and 95% posterior quantiles; the distance
    ``|ideal_a - ideal_b|`` has no interval (the joint posterior is not published).
    """
    pa = ideal[ideal["country"] == a]
    pb = ideal[ideal["country"] == b]
    both = pa.merge(pb, on="year", how="inner", suffixes=("_a", "_b"), validate="one_to_one")
    if both.empty:
        return pd.DataFrame()
    both["source"] = IDEALPOINT_SOURCE
    both["distance"] = (both["idealpoint_a"] - both["idealpoint_b"]).abs()
    parts = [
        to_panel(both, a, b, ind, f"idealpoint_{s}", lo=f"q05_{s}", hi=f"q95_{s}")
        for ind, s in zip(IDEALPOINT_IDS, ("a", "b"))
    ]
    parts.append(to_panel(both, a, b, DISTANCE_ID, "distance"))
    return pd.concat(parts, ignore_index=True)


def pool_agreement(panel: pd.DataFrame, issues=ISSUE_KEYS) -> pd.DataFrame:
    """Pool yearly agreement over the years of a panel: identical votes / joint votes, by issue.

    Returns
    -------
    DataFrame
        ``issue, first_year, last_year, joint_votes, agreement`` (%), for the issues present.
    """
    rows = []
    columns = ["issue", "first_year", "last_year", "joint_votes", "agreement"]
    for issue in issues:
        ag = panel[panel["indicator"] == indicator_id("agreement", issue)].set_index("year")
        jv = panel[panel["indicator"] == indicator_id("joint_votes", issue)].set_index("year")
        if ag.empty:
            continue
        joint = jv["value"].reindex(ag.index)
        same = (ag["value"] / 100 * joint).round()
        rows.append(
            {
                "issue": issue,
                "first_year": int(ag.index.min()),
                "last_year": int(ag.index.max()),
                "joint_votes": int(joint.sum()),
                "agreement": 100 * same.sum() / joint.sum(),
            }
        )
    return pd.DataFrame(rows, columns=columns)
