"""Which panel values may carry a claim: provisional, thin, sampled and degenerate values flagged.

A sentence of a report is a claim, so the values behind one must be solid (DESIGN.md, accuracy
rules). :func:`flag_rows` gives every row of a panel the reason it may NOT drive a generated
sentence (or the closeness index), or an empty string:

``provisional``
    a source the catalog calls provisional (the third-party scrape of the 2025 UNGA votes) or the
    ideal points of the latest, still open session (2025);
``thin``
    a UNGA vote statistic on fewer than :data:`MIN_JOINT_VOTES` joint roll calls
    (:data:`MIN_ISSUE_VOTES` for one issue), or an ideal-point value estimated from fewer than
    :data:`MIN_IDEALPOINT_VOTES` votes of either country;
``degenerate``
    a kappa with an interval of zero width (e.g. 0 with [0, 0]: every vote in one category, so
    the statistic says nothing);
``sample``
    counts from a fixed sample of a source (the Russian state-TV items): a lower bound, not a count;
``lower bound``
    documented counts that more documents can only raise (curated leader contacts).

The rules are data, not prose: the thresholds are constants here and the tests pin them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Fewest joint roll calls behind a UNGA agreement, kappa or S score a sentence may use.
MIN_JOINT_VOTES = 20
#: The same for the statistics of one issue (Voeten's issue codes).
MIN_ISSUE_VOTES = 10
#: Fewest votes behind a country's ideal point for a sentence (the estimates' own count).
MIN_IDEALPOINT_VOTES = 20
#: The ideal points of this year come from a session still in progress (PROVENANCE-political.md).
PROVISIONAL_IDEALPOINT_YEAR = 2025

#: Sources whose values are provisional, with why (panel ``source`` ids).
PROVISIONAL_SOURCES = {
    "undl_2025_thirdparty_scrape": "a third-party scrape of the 2025 roll calls, not an official release",
}
#: Sources that are samples: their counts are lower bounds (panel ``source`` ids).
SAMPLE_SOURCES = {
    "russia_1tv": "a fixed daily sample of one Russian TV channel's items",
}

#: Indicators that are lower bounds whatever their source: documented contacts (a year without a
#: documented meeting has no row, and one more found document raises the count).
LOWER_BOUND_INDICATORS = {
    "diplomacy.leader_meetings": "documented meetings: a lower bound",
    "diplomacy.leader_calls": "documented calls: a lower bound",
}

#: The vote statistics and the joint-vote count each rests on (suffix ``_xx`` for an issue).
_VOTE_STATS = ("alignment.unga_agreement", "alignment.unga_kappa", "alignment.unga_s_score")
_IDEAL = ("alignment.idealpoint_a", "alignment.idealpoint_b", "alignment.idealpoint_distance")


def _vote_base(indicator: str) -> tuple[str, str] | None:
    """Return (joint-votes id, issue suffix) of a vote statistic, None for other ids.

    Examples
    --------
    >>> _vote_base("alignment.unga_kappa_me"), _vote_base("alignment.unga_kappa")
    (('alignment.unga_joint_votes_me', '_me'), ('alignment.unga_joint_votes', ''))
    >>> _vote_base("trade.total") is None
    True
    """
    for stat in _VOTE_STATS:
        if indicator == stat or indicator.startswith(stat + "_"):
            suffix = indicator[len(stat) :]
            return "alignment.unga_joint_votes" + suffix, suffix
    return None


def _sources(source: pd.Series) -> pd.Series:
    """Return each row's source ids as a list (``"a, b"`` and ``"a+b"`` name several)."""
    return source.fillna("").astype(str).str.replace("+", ",").str.split(",")


def flag_rows(panel: pd.DataFrame, idealpoints: pd.DataFrame | None = None) -> pd.Series:
    """Return, for every row of a panel, why it may not drive a claim ("" when it may).

    Parameters
    ----------
    panel : DataFrame
        Panel rows (``indicator, year, value, source`` and optional ``lo, hi``).
    idealpoints : DataFrame, optional
        ``country, year, n_votes`` of the ideal-point estimates; without it, ideal points are
        flagged by year only.

    Returns
    -------
    Series of str, aligned with ``panel``: "", or the reason (``"provisional: ..."`` etc.).

    Examples
    --------
    >>> p = pd.DataFrame({"country_a": "A", "country_b": "B",
    ...     "indicator": ["alignment.unga_kappa_me"] * 2 + ["alignment.unga_joint_votes_me"] * 2,
    ...     "year": [2000, 2001, 2000, 2001], "value": [0.5, 0.0, 30, 8],
    ...     "source": "unvotes", "lo": [0.2, 0.0, None, None], "hi": [0.7, 0.3, None, None]})
    >>> flag_rows(p).tolist()
    ['', 'thin: 8 joint votes (fewer than 10)', '', '']
    """
    if panel.empty:
        return pd.Series("", index=panel.index, dtype=object)
    # Positional arrays: ``free`` marks the rows without a reason yet (the first reason found
    # stays); each distinct indicator id and source text is parsed once.
    n_rows = len(panel)
    flags = np.full(n_rows, "", dtype=object)
    free = np.ones(n_rows, dtype=bool)

    def flag(hit: np.ndarray, reason: str) -> None:
        hit = hit & free
        flags[hit] = reason
        free[hit] = False

    ind = panel["indicator"].astype(str).to_numpy(dtype=object)
    distinct_ids, id_pos = np.unique(ind, return_inverse=True)
    years = panel["year"].to_numpy(dtype="int64")

    # sources: samples and provisional releases
    source = panel["source"].fillna("").astype(str).to_numpy(dtype=object)
    distinct_src, src_pos = np.unique(source, return_inverse=True)
    ids = _sources(pd.Series(distinct_src, dtype=object)).tolist()
    for sources, label in ((SAMPLE_SOURCES, "sample"), (PROVISIONAL_SOURCES, "provisional")):
        for src, why in sources.items():
            has = np.array([src in [i.strip() for i in names] for names in ids], dtype=bool)
            flag(has[src_pos], f"{label}: {why}")

    for indicator, why in LOWER_BOUND_INDICATORS.items():
        flag(ind == indicator, f"lower bound: {why}")

    # kappa with an interval of zero width: every vote in one category, so chance agreement is
    # total and the statistic says nothing (agreement of 100% on every resample is a fact and stays)
    if {"lo", "hi"} <= set(panel.columns):
        lo = pd.to_numeric(panel["lo"], errors="coerce").to_numpy(dtype="float64")
        hi = pd.to_numeric(panel["hi"], errors="coerce").to_numpy(dtype="float64")
        kappa = np.array([i.startswith("alignment.unga_kappa") for i in distinct_ids], dtype=bool)
        zero = kappa[id_pos] & ~np.isnan(lo) & ~np.isnan(hi) & np.isclose(lo, hi)
        flag(zero, "degenerate: the interval has zero width (all votes alike)")

    # vote statistics on few joint votes (of the same pair, year and issue)
    key = ["country_a", "country_b", "year"]
    bases = [_vote_base(i) for i in distinct_ids]
    is_stat = np.array([base is not None for base in bases], dtype=bool)[id_pos]
    if is_stat.any():
        joint_of = np.array([base[0] if base else "" for base in bases], dtype=object)
        issue = np.array([bool(base and base[1]) for base in bases], dtype=bool)
        stats = panel.loc[is_stat, key].assign(
            joint_id=joint_of[id_pos[is_stat]],
            need=np.where(issue[id_pos[is_stat]], MIN_ISSUE_VOTES, MIN_JOINT_VOTES),
            _pos=np.flatnonzero(is_stat),
        )
        is_joint = np.array([i.startswith("alignment.unga_joint_votes") for i in distinct_ids])
        joint = panel.loc[is_joint[id_pos], [*key, "indicator", "value"]]
        joint = joint.rename(columns={"indicator": "joint_id", "value": "n"}).drop_duplicates(
            [*key, "joint_id"], keep="last"
        )
        merged = stats.merge(joint, on=[*key, "joint_id"], how="left")
        thin = merged[(merged["n"] < merged["need"]).to_numpy()]
        for pos, n, need in zip(thin["_pos"].tolist(), thin["n"].tolist(), thin["need"].tolist()):
            if free[pos]:
                flags[pos] = f"thin: {n:.0f} joint votes (fewer than {need})"
                free[pos] = False

    # ideal points: the open session, and estimates on few votes
    ideal = np.isin(distinct_ids, _IDEAL)[id_pos]
    flag(
        ideal & (years >= PROVISIONAL_IDEALPOINT_YEAR),
        f"provisional: ideal points of {PROVISIONAL_IDEALPOINT_YEAR} (a session in progress)",
    )
    if idealpoints is not None and len(idealpoints) and ideal.any():
        votes = idealpoints.drop_duplicates(["country", "year"]).set_index(["country", "year"])
        n_votes = votes["n_votes"]
        pos = np.flatnonzero(ideal & free)
        rows = panel.iloc[pos]
        n_a = n_votes.reindex(
            pd.MultiIndex.from_arrays([rows["country_a"], rows["year"]])
        ).to_numpy()
        n_b = n_votes.reindex(
            pd.MultiIndex.from_arrays([rows["country_b"], rows["year"]])
        ).to_numpy()
        n_a = np.where(ind[pos] == "alignment.idealpoint_b", np.nan, n_a)
        n_b = np.where(ind[pos] == "alignment.idealpoint_a", np.nan, n_b)
        low = np.fmin(n_a, n_b)
        for i, n in zip(pos, low):
            if n < MIN_IDEALPOINT_VOTES:
                flags[i] = f"thin: ideal point on {n:.0f} votes (fewer than {MIN_IDEALPOINT_VOTES})"
    return pd.Series(flags, index=panel.index, dtype=object)


def solid_rows(panel: pd.DataFrame, idealpoints: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the rows of a panel that may carry a claim (see :func:`flag_rows`)."""
    return panel[flag_rows(panel, idealpoints) == ""]
