"""A composite closeness index: dimension scores, weights, sensitivity and peer ranks.

Pure functions (DataFrame in, DataFrame out; no I/O). The method, step by step:

1. **Select and orient.** Each panel dimension (the id prefix: ``trade``, ``alignment``, ...) belongs
   to one index dimension (:data:`INDEX_DIMENSIONS`). Its inputs are the ids listed in
   :data:`INDEX_INDICATORS` (shares and ratios rather than USD levels, so that partners of
   different size compare), or, for a prefix not listed there, every registered id of that prefix
   whose ``direction`` is not ``"neutral"``. Values of ``"distant"`` indicators are negated, so
   that higher always means closer.
2. **Normalise** each indicator over its *reference set*: every (pair, year) observation of that
   indicator in the frame given, which callers make the pair and its peers
   (:func:`analysis.config.peer_pairs`) over the years of the report. ``"percentile"`` (the
   default) scores an observation by its mid-rank percentile in the reference set, 100 × (number
   below + half the number equal) / n: robust to outliers and skew (Belarus's trade with Russia
   does not compress everyone else), bounded 0–100, defined for 0/1 indicators, and monotone, so
   the direction of every change of one indicator is kept. ``"minmax"`` scales linearly,
   100 × (x − min) / (max − min), keeping magnitudes but sensitive to outliers (50 where all values
   are equal). Both are the usual choices of the OECD/JRC *Handbook on Constructing Composite
   Indicators* (2008), step 5 (normalisation).
3. **Dimension score** = the mean of the normalised indicators present for the pair and year;
   **coverage** = the share of the dimension's indicators present. A missing indicator is left out
   of the mean, never counted as zero; the coverage column says how much the score rests on.
4. **Index** = the weighted mean of the pair's *core* dimensions (:func:`index_composition`):
   those with at least :data:`MIN_DIMENSION_COVERAGE` of their inputs in at least
   :data:`CORE_SHARE` of the pair's years. The index has a value only in the years where every
   core dimension meets that coverage, so a dimension that comes and goes (a survey every few
   years, trade data that stop) never moves the index by entering or leaving it; its coverage =
   the share of the total weight in the core dimensions. Ranks among peers use only scores with
   coverage of at least :data:`MIN_RANK_COVERAGE`.

Sensitivity: the index under random weightings (flat Dirichlet over the dimensions that have data,
fixed seed) and with one indicator left out at a time; for each change between two years, the
share of weightings under which its sign is the same as under the chosen weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.dimensions.registry import DIMENSIONS
from analysis.errors import BadInput, quote
from analysis.indicators import INDICATORS, Indicator
from analysis.reliability import flag_rows

#: Index dimensions (those of the registry, in its order) and the id prefixes that feed each.
INDEX_DIMENSIONS: dict[str, tuple[str, ...]] = {d.name: d.index_inputs for d in DIMENSIONS}

#: Reader-facing names of the index dimensions.
DIMENSION_TITLES = {d.name: d.index_title or d.title for d in DIMENSIONS} | {
    "index": "Closeness index"
}

#: The inputs of the index per panel dimension, each with why it is used. A prefix missing here
#: uses all of its registered ids whose direction is not neutral; ids not (yet) registered are
#: skipped. Shares and ratios rather than USD levels, so that partners of different size compare.
INDEX_INDICATORS: dict[str, dict[str, str]] = {
    "trade": {
        "trade.partner_share": "b's weight in a's trade, comparable across partners of any size",
        "trade.dependence_gdp": "trade with b relative to the size of a's economy",
        "trade.salience": "Barbieri's salience: how much the trade matters to both sides",
        # Not: exports, imports, total (USD levels grow with the size of the economies),
        # partner_rank (ordinal, repeats partner_share), balance, HHI, symmetry (neutral).
    },
    "remittances": {
        "remittances.partner_share": "b's share of all money transfers into a",
        "remittances.transfers_gdp": "transfers from b relative to the size of a's economy",
        # Not the USD levels (size), nor the one-year World Bank estimates.
    },
    "security": {
        "security.defense_pact": "defence pact in force (0/1)",
        "security.shared_igos": "shared IGO memberships: institutional embedding",
        "security.arms_supplier_share": "b's share of a's arms imports (not TIV: size)",
        # Not: mid_onsets and rivalry (distant ties, kept in the tables and charts). Their data
        # end in 2014 (COW MID v5.0) and 2020 (strategic rivalries), so the security score would
        # change its inputs at those years and lose them for the recent years a report is
        # about; and both are 0 for nearly every pair-year, so over a pair and its peers a
        # percentile score carries almost no information beyond "rivals or not". Not the
        # defence pact's COW twin either (the same pacts coded twice).
    },
    "alignment": {
        "alignment.unga_kappa": "UNGA agreement corrected for chance (Haege 2011); the only "
        "one of the three agreement measures, so the same votes count once",
        "alignment.idealpoint_distance": "distance of UNGA ideal points (flipped: distant)",
    },
    "opinion": {
        "opinion.partner_main_friend": "b named as a's main friend (CRRC)",
        "opinion.relations_good": "relations with b seen as good (IRI)",
        "opinion.partner_main_threat": "b named as the main political threat (IRI; flipped)",
    },
    "migration": {
        "migration.stock_a_in_b_pop": "people born in a living in b, % of a's population",
    },
    "diplomacy": {
        "diplomacy.leader_meetings": "documented in-person meetings of the leaders (curated and "
        "cited; a lower bound, years without a documented meeting are missing)",
        "diplomacy.leader_calls": "phone calls of the leaders, in years whose calls are all "
        "documented",
    },
}

#: Indicators left out of the index by default, with why (they stay in the tables and charts).
INDEX_LEFT_OUT: dict[str, str] = {
    "diplomacy.leader_meetings": "documented meetings are a lower bound with rows only in years "
    "with a meeting, and only for pairs with a curated table: a year without a row is not zero, "
    "so scores against the peers would compare unlike things",
    "diplomacy.leader_calls": "as for meetings: documented calls are a lower bound",
}

#: Normalisation methods (see the module docstring).
NORMALISATIONS = ("percentile", "minmax")

#: Random weightings drawn for the sensitivity band, and the seed that makes them reproducible.
DEFAULT_N_WEIGHTINGS = 1000
DEFAULT_SEED = 20240917

#: Central band of the random-weighting index, in percent.
BAND = (5.0, 95.0)

#: Key columns of the per-pair, per-year frames.
PAIR = ["country_a", "country_b"]

#: A dimension enters a year's index only where at least this share of its inputs has data.
MIN_DIMENSION_COVERAGE = 1 / 3

#: A dimension belongs to a pair's index when it meets :data:`MIN_DIMENSION_COVERAGE` in at
#: least this share of the pair's years; the index has a value only in the years where every
#: such dimension does, so its composition never changes from one year to the next.
CORE_SHARE = 0.5

#: Scores are ranked among the peers only where their coverage is at least this.
MIN_RANK_COVERAGE = 0.5


def dimension_of(indicator_id: str) -> str | None:
    """Return the index dimension of an indicator id, or None when no dimension takes it.

    Examples
    --------
    >>> dimension_of("remittances.partner_share"), dimension_of("migration.x"), dimension_of("x.y")
    ('economy', 'society', None)
    """
    prefix = indicator_id.split(".", 1)[0]
    for dim, prefixes in INDEX_DIMENSIONS.items():
        if prefix in prefixes:
            return dim
    return None


def select_indicators(registry: Mapping[str, Indicator] = INDICATORS) -> pd.DataFrame:
    """Return the index's inputs: ``indicator, prefix, dimension, direction, why``.

    Per prefix: the ids of :data:`INDEX_INDICATORS` that are registered, or, where none are, all
    registered ids of the prefix with a direction other than ``"neutral"``.
    """
    rows = []
    by_prefix: dict[str, list[Indicator]] = {}
    for ind in registry.values():
        by_prefix.setdefault(ind.dimension, []).append(ind)
    for prefix, inds in by_prefix.items():
        dim = dimension_of(f"{prefix}.x")
        if dim is None:
            continue
        reasons = INDEX_INDICATORS.get(prefix, {})
        listed = [registry[i] for i in reasons if i in registry]
        chosen = listed or [i for i in inds if i.direction != "neutral"]
        for ind in chosen:
            if ind.id in INDEX_LEFT_OUT:
                continue
            if ind.direction not in ("closer", "distant"):
                raise ValueError(f"{ind.id} is listed in INDEX_INDICATORS but is {ind.direction}")
            why = reasons.get(ind.id, f"all oriented {prefix} indicators (none listed)")
            rows.append((ind.id, prefix, dim, ind.direction, why))
    cols = ["indicator", "prefix", "dimension", "direction", "why"]
    return pd.DataFrame(rows, columns=cols)


def validate_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Check the weights of the index dimensions and return them for every dimension.

    Missing dimensions get weight 1 (``None`` means equal weights). Raises :class:`BadInput`
    for an unknown dimension, a weight that is not a finite number >= 0, or all weights zero.

    Examples
    --------
    >>> validate_weights({"economy": 2})["economy"], validate_weights(None)["security"]
    (2.0, 1.0)
    """
    known = ", ".join(INDEX_DIMENSIONS)
    out = dict.fromkeys(INDEX_DIMENSIONS, 1.0)
    for name, value in (weights or {}).items():
        if name not in INDEX_DIMENSIONS:
            raise BadInput(
                f"unknown index dimension {quote(name)} in the weights; expected {known}"
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise BadInput(f"weight of {name} must be a finite number >= 0, got {quote(value)}")
        if value < 0:
            raise BadInput(f"weight of {name} is negative ({value}); give a number >= 0")
        out[name] = float(value)
    if not any(out.values()):
        raise BadInput(f"all index weights are zero; give at least one positive weight ({known})")
    return out


def orient(panel: pd.DataFrame, registry: Mapping[str, Indicator] = INDICATORS) -> pd.DataFrame:
    """Keep the index's inputs and add ``oriented`` (the value, negated where "distant").

    Returns
    -------
    DataFrame
        ``country_a, country_b, indicator, dimension, year, value, oriented``.
    """
    sel = select_indicators(registry)
    panel = panel[panel["indicator"].isin(sel["indicator"])]  # fewer rows to merge, same result
    p = panel.merge(sel[["indicator", "dimension", "direction"]], on="indicator", how="inner")
    p = p[p["value"].notna()]
    sign = np.where(p["direction"] == "distant", -1.0, 1.0)
    p = p.assign(oriented=p["value"].astype("float64") * sign)
    cols = PAIR + ["indicator", "dimension", "year", "value", "oriented"]
    return p[cols].sort_values(PAIR + ["indicator", "year"], ignore_index=True)


def normalise(oriented: pd.DataFrame, method: str = "percentile") -> pd.DataFrame:
    """Add ``score`` (0–100): each indicator scaled over all its rows in the frame.

    The rows of the frame are the reference set (see the module docstring).

    Examples
    --------
    >>> df = pd.DataFrame({"indicator": "x", "oriented": [1.0, 2.0, 2.0, 5.0]})
    >>> normalise(df)["score"].tolist()
    [12.5, 50.0, 50.0, 87.5]
    >>> normalise(df, "minmax")["score"].tolist()
    [0.0, 25.0, 25.0, 100.0]
    """
    if method not in NORMALISATIONS:
        raise BadInput(
            f"unknown normalisation {quote(method)}; expected {' or '.join(NORMALISATIONS)}"
        )
    g = oriented.groupby("indicator")["oriented"]
    if method == "percentile":
        score = (g.rank(method="average") - 0.5) / g.transform("count") * 100
    else:
        lo, hi = g.transform("min"), g.transform("max")
        span = hi - lo
        score = ((oriented["oriented"] - lo) / span.where(span > 0) * 100).fillna(50.0)
    return oriented.assign(score=score.astype("float64"))


def aggregate_dimensions(
    normalised: pd.DataFrame,
    selection: pd.DataFrame,
    exclude: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Average normalised indicators into dimension scores with their coverage.

    Parameters
    ----------
    normalised : DataFrame
        Output of :func:`normalise`.
    selection : DataFrame
        Output of :func:`select_indicators`: the denominator of the coverage.
    exclude : tuple of str
        Indicator ids to leave out (leave-one-out sensitivity); they leave the denominator too.

    Returns
    -------
    DataFrame
        ``country_a, country_b, dimension, year, score, coverage, n_present, n_indicators``.
    """
    sel = selection[~selection["indicator"].isin(exclude)]
    n_ind = sel.groupby("dimension")["indicator"].nunique()
    p = normalised[normalised["indicator"].isin(sel["indicator"])]
    out = p.groupby(PAIR + ["dimension", "year"], as_index=False).agg(
        score=("score", "mean"), n_present=("indicator", "nunique")
    )
    out["n_indicators"] = out["dimension"].map(n_ind).astype("int64")
    out["coverage"] = out["n_present"] / out["n_indicators"]
    cols = PAIR + ["dimension", "year", "score", "coverage", "n_present", "n_indicators"]
    return out[cols].sort_values(PAIR + ["dimension", "year"], ignore_index=True)


def core_dimensions(dims: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.DataFrame:
    """Return each pair's core dimensions (``country_a, country_b, dimension``): those with a
    positive weight that meet :data:`MIN_DIMENSION_COVERAGE` in at least :data:`CORE_SHARE`
    of the years in which the pair has any such dimension."""
    usable = _usable(dims, weights)
    years = usable.groupby(PAIR)["year"].nunique().rename("years").reset_index()
    present = usable.groupby(PAIR + ["dimension"])["year"].nunique().rename("n").reset_index()
    present = present.merge(years, on=PAIR)
    keep = present["n"] >= CORE_SHARE * present["years"]
    return present.loc[keep, PAIR + ["dimension"]].reset_index(drop=True)


def _usable(dims: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.DataFrame:
    w = validate_weights(weights)
    weighted = dims["dimension"].map(w).astype("float64").fillna(0.0) > 0
    return dims[weighted & (dims["coverage"] >= MIN_DIMENSION_COVERAGE - 1e-9)]


def index_composition(
    dims: pd.DataFrame, weights: Mapping[str, float] | None, core: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the dimension rows that enter the index: the pair's core dimensions
    (:func:`core_dimensions`, or ``core``) in the years where every one of them meets
    :data:`MIN_DIMENSION_COVERAGE`.

    Examples
    --------
    >>> d = pd.DataFrame({"country_a": "A", "country_b": "B",
    ...                   "dimension": ["economy"] * 3 + ["alignment"] * 4 + ["society"],
    ...                   "year": [2018, 2019, 2020, 2018, 2019, 2020, 2021, 2019],
    ...                   "score": 50.0, "coverage": 1.0})
    >>> sorted(set(index_composition(d, None)["year"]))  # 2021: the economy is missing
    [2018, 2019, 2020]
    >>> sorted(set(index_composition(d, None)["dimension"]))  # society: one year of four
    ['alignment', 'economy']
    """
    usable = _usable(dims, weights)
    if core is None:
        core = core_dimensions(dims, weights)
    keyed = usable.merge(core, on=PAIR + ["dimension"])
    n_core = core.groupby(PAIR).size().rename("n_core").reset_index()
    keyed = keyed.merge(n_core, on=PAIR)
    n_year = keyed.groupby(PAIR + ["year"])["dimension"].transform("nunique")
    return keyed[n_year == keyed["n_core"]].drop(columns="n_core").reset_index(drop=True)


def _still_there(core: pd.DataFrame, dims: pd.DataFrame) -> pd.DataFrame:
    """The core dimensions that still have a score once some inputs are left out (a dimension
    whose every input is left out leaves the index, as if its weight were 0)."""
    return core.merge(dims[PAIR + ["dimension"]].drop_duplicates(), on=PAIR + ["dimension"])


def combine_dimensions(dims: pd.DataFrame, weights: Mapping[str, float] | None) -> pd.DataFrame:
    """Combine dimension scores into the index: weighted mean of the dimensions present.

    Returns
    -------
    DataFrame
        ``country_a, country_b, year, score, coverage``: coverage is the share of the total
        weight whose dimension has a score that year. Years where only zero-weight dimensions
        have scores get no row.
    """
    w = validate_weights(weights)
    d = dims.assign(weight=dims["dimension"].map(w).astype("float64"))
    d = d[d["weight"] > 0]
    d = d.assign(wscore=d["score"].astype("float64") * d["weight"])
    out = d.groupby(PAIR + ["year"], as_index=False).agg(
        wscore=("wscore", "sum"), weight=("weight", "sum")
    )
    out["score"] = out["wscore"] / out["weight"]
    out["coverage"] = out["weight"] / sum(w.values())
    return out[PAIR + ["year", "score", "coverage"]]


def compute_scores(
    panel: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    registry: Mapping[str, Indicator] = INDICATORS,
    exclude: tuple[str, ...] = (),
    idealpoints: pd.DataFrame | None = None,
    keep_unreliable: bool = False,
) -> pd.DataFrame:
    """Compute dimension scores and the index for every pair in the panel.

    The panel's rows are the reference set of the normalisation: pass the pair with its peers,
    restricted to the years of interest. Provisional, thin, sampled and degenerate values
    (:func:`analysis.reliability.flag_rows`, with the ideal points' vote counts when
    ``idealpoints`` is given) are left out unless ``keep_unreliable``.

    Returns
    -------
    DataFrame
        ``country_a, country_b, dimension, year, score, coverage, in_index`` (the dimension
        score enters that year's index, :func:`index_composition`); the overall index has
        dimension ``"index"``.
    """
    w = validate_weights(weights)
    if not keep_unreliable:
        panel = panel[flag_rows(panel, idealpoints) == ""]
    selection = select_indicators(registry)
    normalised = normalise(orient(panel, registry), method)
    dims = aggregate_dimensions(normalised, selection, exclude)
    entering = index_composition(dims, w)
    index = combine_dimensions(entering, w).assign(dimension="index", in_index=True)
    key = PAIR + ["dimension", "year"]
    dims = dims.merge(entering[key].assign(in_index=True), on=key, how="left")
    dims["in_index"] = dims["in_index"].fillna(False).astype(bool)
    cols = PAIR + ["dimension", "year", "score", "coverage", "in_index"]
    out = pd.concat([dims[cols], index[cols]], ignore_index=True)
    return out.sort_values(PAIR + ["dimension", "year"], ignore_index=True)


def pair_scores(scores: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the rows of one pair."""
    return scores[(scores["country_a"] == a) & (scores["country_b"] == b)].reset_index(drop=True)


def dimension_matrix(scores: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the pair's dimension scores that enter its index (all, for scores without the
    ``in_index`` column) as a years × dimensions frame (NaN where missing)."""
    p = pair_scores(scores, a, b)
    p = p[p["dimension"] != "index"]
    if "in_index" in p.columns:
        p = p[p["in_index"].astype(bool)]
    wide = p.pivot(index="year", columns="dimension", values="score")
    return wide[[d for d in INDEX_DIMENSIONS if d in wide.columns]].sort_index()


def index_under_weightings(matrix: pd.DataFrame, draws: np.ndarray) -> np.ndarray:
    """Return the index for each weighting (rows of ``draws``) and year (rows of ``matrix``).

    ``draws`` has one column per column of ``matrix``. Missing dimensions are left out of each
    year's weighted mean, as in :func:`combine_dimensions`.

    Returns
    -------
    ndarray
        Shape (number of weightings, number of years); NaN where no weighted dimension has data.
    """
    values = matrix.to_numpy(dtype="float64")
    present = ~np.isnan(values)
    num = draws @ np.where(present, values, 0.0).T
    den = draws @ present.T.astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def draw_weightings(n: int, k: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Draw ``n`` weightings of ``k`` dimensions from a flat Dirichlet (each row sums to 1)."""
    if not isinstance(n, int) or n < 1:
        raise BadInput(f"number of weightings must be a whole number >= 1, got {quote(n)}")
    return np.random.default_rng(seed).dirichlet(np.ones(k), size=n)


def compute_weighting_band(
    scores: pd.DataFrame,
    a: str,
    b: str,
    weights: Mapping[str, float] | None = None,
    n: int = DEFAULT_N_WEIGHTINGS,
    seed: int = DEFAULT_SEED,
    band: tuple[float, float] = BAND,
) -> pd.DataFrame:
    """Return the pair's index per year with the band it spans under random weightings.

    Returns
    -------
    DataFrame
        ``year, score`` (the chosen weights), ``lo, hi`` (the ``band`` percentiles of the index
        under ``n`` flat-Dirichlet weightings of the dimensions that have data), ``min, max``.
    """
    matrix = dimension_matrix(scores, a, b)
    idx = pair_scores(scores, a, b)
    idx = idx[idx["dimension"] == "index"].set_index("year")["score"]
    if matrix.empty:
        return pd.DataFrame(columns=["year", "score", "lo", "hi", "min", "max"])
    sims = index_under_weightings(matrix, draw_weightings(n, matrix.shape[1], seed))
    lo, hi = np.nanpercentile(sims, band, axis=0)
    return pd.DataFrame(
        {
            "year": matrix.index.to_numpy(),
            "score": idx.reindex(matrix.index).to_numpy(),
            "lo": lo,
            "hi": hi,
            "min": np.nanmin(sims, axis=0),
            "max": np.nanmax(sims, axis=0),
        }
    )


def compute_leave_one_out(
    panel: pd.DataFrame,
    a: str,
    b: str,
    weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    registry: Mapping[str, Indicator] = INDICATORS,
    idealpoints: pd.DataFrame | None = None,
    keep_unreliable: bool = False,
) -> pd.DataFrame:
    """Return the pair's index with each of its indicators left out in turn.

    Each indicator is normalised over the same reference set as in the full index, so leaving
    one out changes only the averages it entered.

    Returns
    -------
    DataFrame
        ``left_out, year, score``: one series per indicator the pair has.
    """
    w = validate_weights(weights)
    own, selection = _own_normalised(panel, a, b, method, registry, idealpoints, keep_unreliable)
    return _leave_one_out(own, selection, w)


def _own_normalised(
    panel: pd.DataFrame,
    a: str,
    b: str,
    method: str,
    registry: Mapping[str, Indicator],
    idealpoints: pd.DataFrame | None,
    keep_unreliable: bool,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the pair's rows of the panel normalised over the whole panel (the reference set),
    reliable rows only unless ``keep_unreliable``, and the index's inputs."""
    if not keep_unreliable:
        panel = panel[flag_rows(panel, idealpoints) == ""]
    selection = select_indicators(registry)
    normalised = normalise(orient(panel, registry), method)
    own = normalised[(normalised["country_a"] == a) & (normalised["country_b"] == b)]
    return own, selection


#: Column naming the variant of the index in the batched computations (one indicator left out,
#: one period's common inputs).
_VARIANT = "_variant"


def _variants_index(
    rows: pd.DataFrame,
    selection: pd.DataFrame,
    w: Mapping[str, float],
    core: pd.DataFrame,
    left_out: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the index of every variant of the rows at once.

    ``rows``: normalised rows with a column :data:`_VARIANT`; each variant is aggregated as
    :func:`aggregate_dimensions` (with ``left_out[variant]`` excluded from the denominator
    where given), composed with the ``core`` dimensions still there
    (:func:`index_composition`, :func:`_still_there`) and combined (:func:`combine_dimensions`).
    One groupby per step for all variants: the rows of each group are those, in the same order,
    that the one-variant functions would group, so every sum and mean is the same to the bit.

    Returns
    -------
    DataFrame
        ``_variant, country_a, country_b, year, score, coverage``, sorted by variant and year.
    """
    group = [_VARIANT, *PAIR, "dimension", "year"]
    sel = rows[rows["indicator"].isin(selection["indicator"])]
    dims = sel.groupby(group, as_index=False).agg(
        score=("score", "mean"), n_present=("indicator", "nunique")
    )
    n_ind = selection.groupby("dimension")["indicator"].nunique()
    n_indicators = dims["dimension"].map(n_ind).astype("int64")
    if left_out:
        dim_of = selection.drop_duplicates("indicator").set_index("indicator")["dimension"]
        dropped = dims[_VARIANT].map({v: dim_of.get(i) for v, i in left_out.items()})
        n_indicators = n_indicators - (dropped == dims["dimension"]).astype("int64")
    dims["n_indicators"] = n_indicators
    dims["coverage"] = dims["n_present"] / dims["n_indicators"]
    # index_composition with the core dimensions still there, per variant
    there = dims[[_VARIANT, *PAIR, "dimension"]].drop_duplicates()
    still = there.merge(core, on=[*PAIR, "dimension"])
    usable = _usable(dims, w)
    keyed = usable.merge(still, on=[_VARIANT, *PAIR, "dimension"])
    n_core = still.groupby([_VARIANT, *PAIR]).size().rename("n_core").reset_index()
    keyed = keyed.merge(n_core, on=[_VARIANT, *PAIR])
    n_year = keyed.groupby([_VARIANT, *PAIR, "year"])["dimension"].transform("nunique")
    entering = keyed[n_year == keyed["n_core"]]
    # combine_dimensions, per variant
    d = entering.assign(weight=entering["dimension"].map(w).astype("float64"))
    d = d[d["weight"] > 0]
    d = d.assign(wscore=d["score"].astype("float64") * d["weight"])
    out = d.groupby([_VARIANT, *PAIR, "year"], as_index=False).agg(
        wscore=("wscore", "sum"), weight=("weight", "sum")
    )
    out["score"] = out["wscore"] / out["weight"]
    out["coverage"] = out["weight"] / sum(w.values())
    return out[[_VARIANT, *PAIR, "year", "score", "coverage"]]


def _core(own: pd.DataFrame, selection: pd.DataFrame, w: Mapping[str, float]) -> pd.DataFrame:
    """Return the pair's core dimensions with all its inputs (:func:`core_dimensions`)."""
    return core_dimensions(aggregate_dimensions(own, selection), w)


def _leave_one_out(
    own: pd.DataFrame,
    selection: pd.DataFrame,
    w: Mapping[str, float],
    core: pd.DataFrame | None = None,
):
    """Return :func:`compute_leave_one_out` from the pair's normalised rows (all indicators
    left out in turn at once, :func:`_variants_index`; ``core``: :func:`_core` if known)."""
    columns = ["left_out", "year", "score"]
    inds = sorted(own["indicator"].unique())
    if not inds:
        return pd.DataFrame(columns=columns)
    core = _core(own, selection, w) if core is None else core
    codes = own["indicator"].to_numpy(dtype=object)
    keep = [np.flatnonzero(codes != ind) for ind in inds]
    rows = own.iloc[np.concatenate(keep)]
    rows = rows.assign(**{_VARIANT: np.repeat(np.arange(len(inds)), [len(k) for k in keep])})
    idx = _variants_index(rows, selection, w, core, dict(enumerate(inds)))
    names = np.array(inds, dtype=object)[idx[_VARIANT].to_numpy()]
    return pd.DataFrame(
        {
            "left_out": pd.array(names, dtype="str"),
            "year": idx["year"].to_numpy(),
            "score": idx["score"].to_numpy(),
        }
    )


def _changes(years: np.ndarray, values: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Return values[..., to] - values[..., from] for each (from, to) pair of years."""
    pos = {int(y): i for i, y in enumerate(years)}
    fr = [pos[f] for f, _ in pairs]
    to = [pos[t] for _, t in pairs]
    return values[..., to] - values[..., fr]


def compute_change_robustness(
    scores: pd.DataFrame,
    loo: pd.DataFrame,
    a: str,
    b: str,
    periods: list[tuple[int, int]] | None = None,
    n: int = DEFAULT_N_WEIGHTINGS,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Say for each change of the index whether its sign survives other weightings.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`compute_scores` (with the chosen weights).
    loo : DataFrame
        Output of :func:`compute_leave_one_out` for the same pair and weights.
    periods : list of (from_year, to_year), optional
        Changes to judge; default every year-to-year change between consecutive years with an
        index value.

    Returns
    -------
    DataFrame
        ``from_year, to_year, change`` (chosen weights), ``share_same_sign`` (share of ``n``
        random weightings under which the change has the same sign), ``survives_all``,
        ``survives_95`` (share >= 0.95), ``loo_same_sign`` (the sign is the same with every
        indicator left out in turn; NA without leave-one-out variants).
    """
    matrix = dimension_matrix(scores, a, b)
    idx = pair_scores(scores, a, b)
    idx = idx[idx["dimension"] == "index"].set_index("year")["score"].dropna()
    cols = ["from_year", "to_year", "change", "share_same_sign", "survives_all", "survives_95"]
    cols.append("loo_same_sign")
    years = [int(y) for y in idx.index]
    if periods is None:
        periods = [(y0, y1) for y0, y1 in zip(years, years[1:]) if y1 == y0 + 1]
    periods = [(f, t) for f, t in periods if f in idx.index and t in idx.index]
    if not periods or matrix.empty:
        return pd.DataFrame(columns=cols)
    sims = index_under_weightings(matrix, draw_weightings(n, matrix.shape[1], seed))
    sim_change = _changes(matrix.index.to_numpy(), sims, periods)
    change = np.array([idx[t] - idx[f] for f, t in periods])
    same = np.sign(sim_change) == np.sign(change)
    share = same.mean(axis=0)
    out = pd.DataFrame(
        {
            "from_year": [f for f, _ in periods],
            "to_year": [t for _, t in periods],
            "change": change,
            "share_same_sign": share,
            "survives_all": same.all(axis=0),
            "survives_95": share >= 0.95,
        }
    )
    loo_same = []
    wide = loo.pivot(index="left_out", columns="year", values="score") if len(loo) else None
    for f, t in periods:
        if wide is None or f not in wide.columns or t not in wide.columns:
            loo_same.append(pd.NA)
            continue
        d = (wide[t] - wide[f]).dropna()
        ch = idx[t] - idx[f]
        loo_same.append(bool((np.sign(d) == np.sign(ch)).all()))
    out["loo_same_sign"] = pd.array(loo_same, dtype="boolean")
    return out[cols]


def rank_peers(scores: pd.DataFrame, a: str, b: str, year: int | None = None) -> pd.DataFrame:
    """Rank the pair among its peers on each dimension and the index (1 = closest).

    Each pair enters with its latest score at or before ``year`` (default: the focal pair's
    latest year of full coverage, :func:`full_coverage_years`) whose coverage is at least
    :data:`MIN_RANK_COVERAGE` (a score resting on fewer of its inputs is not ranked); ``stale``
    marks scores from an earlier year. Pairs whose index rests on other dimensions (see ``coverage``) compare less
    directly than on each dimension.

    Returns
    -------
    DataFrame
        ``dimension, country_a, country_b, year, score, coverage, rank, n, focal, stale``.
    """
    if year is None:
        full = full_coverage_years(scores, a, b)
        year = full[-1] if full else int(scores["year"].max())
    s = scores[scores["year"] <= year].dropna(subset=["score"])
    s = s[s["coverage"] >= MIN_RANK_COVERAGE - 1e-9]
    latest = s.sort_values("year").groupby(PAIR + ["dimension"], as_index=False).last()
    latest["rank"] = (
        latest.groupby("dimension")["score"].rank(ascending=False, method="min").astype("int64")
    )
    latest["n"] = latest.groupby("dimension")["score"].transform("count").astype("int64")
    latest["focal"] = (latest["country_a"] == a) & (latest["country_b"] == b)
    latest["stale"] = latest["year"] < year
    order = {d: i for i, d in enumerate([*INDEX_DIMENSIONS, "index"])}
    latest = latest.assign(_o=latest["dimension"].map(order))
    latest = latest.sort_values(["_o", "rank", "country_a", "country_b"], ignore_index=True)
    cols = ["dimension", *PAIR, "year", "score", "coverage", "rank", "n", "focal", "stale"]
    return latest[cols]


def compute_common_change(
    panel: pd.DataFrame,
    a: str,
    b: str,
    periods: list[tuple[int, int]],
    weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    registry: Mapping[str, Indicator] = INDICATORS,
    idealpoints: pd.DataFrame | None = None,
    keep_unreliable: bool = False,
) -> pd.DataFrame:
    """Compare two years of the pair's index on the indicators present in both (like for like).

    An indicator that enters or leaves between two years changes the index's composition; this
    change leaves such indicators out of both years, with the same normalisation as the index.

    Returns
    -------
    DataFrame
        ``from_year, to_year, same_inputs`` (the pair has the same inputs in both years),
        ``change_common`` (the index change on the common inputs; NaN when none).
    """
    w = validate_weights(weights)
    own, selection = _own_normalised(panel, a, b, method, registry, idealpoints, keep_unreliable)
    return _common_change(own, selection, w, periods)


def _common_change(
    own: pd.DataFrame,
    selection: pd.DataFrame,
    w: Mapping[str, float],
    periods: list[tuple[int, int]],
    core: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return :func:`compute_common_change` from the pair's normalised rows (every period at
    once, :func:`_variants_index`; ``core``: :func:`_core` if known)."""
    core = _core(own, selection, w) if core is None else core
    present = own.groupby("year")["indicator"].agg(frozenset)
    years = own["year"].to_numpy()
    codes = own["indicator"].to_numpy(dtype=object)
    same, keep = [], []
    for f, t in periods:
        inputs_f, inputs_t = present.get(f, frozenset()), present.get(t, frozenset())
        same.append(inputs_f == inputs_t)
        common = np.isin(codes, list(inputs_f & inputs_t)) if inputs_f & inputs_t else False
        keep.append(np.flatnonzero(np.isin(years, [f, t]) & common))
    rows = own.iloc[np.concatenate(keep)] if keep else own.iloc[:0]
    rows = rows.assign(**{_VARIANT: np.repeat(np.arange(len(keep)), [len(k) for k in keep])})
    idx = _variants_index(rows, selection, w, core).set_index([_VARIANT, "year"])["score"]
    out = []
    for k, (f, t) in enumerate(periods):
        change = (
            idx[(k, t)] - idx[(k, f)] if (k, f) in idx.index and (k, t) in idx.index else np.nan
        )
        out.append((f, t, same[k], change))
    return pd.DataFrame(out, columns=["from_year", "to_year", "same_inputs", "change_common"])


def full_coverage_years(scores: pd.DataFrame, a: str, b: str) -> list[int]:
    """Return the years in which the pair's index rests on all the dimensions it ever has.

    That is, the years whose index coverage equals the pair's highest: comparing such years
    compares the same dimensions (a year with a dimension missing is not like for like).
    """
    own = pair_scores(scores, a, b)
    idx = own[own["dimension"] == "index"]
    if idx.empty:
        return []
    top = idx["coverage"].max()
    return sorted(int(y) for y in idx.loc[np.isclose(idx["coverage"], top), "year"])


def default_periods(scores: pd.DataFrame, a: str, b: str, span: int = 5) -> list[tuple[int, int]]:
    """Return the changes a summary reports: first to last year, the last ``span`` years and the
    last year, between years of full coverage (:func:`full_coverage_years`; all years with an
    index value if fewer than two have it), without repeats.

    Examples
    --------
    >>> s = pd.DataFrame({"country_a": "A", "country_b": "B", "dimension": "index",
    ...                   "year": [2014, 2016, 2017, 2019, 2020, 2021], "score": 50.0,
    ...                   "coverage": [0.4, 0.4, 0.4, 0.4, 0.4, 0.2]})
    >>> default_periods(s, "A", "B", span=5)
    [(2014, 2020), (2016, 2020), (2019, 2020)]
    """
    years = full_coverage_years(scores, a, b)
    if len(years) < 2:
        own = pair_scores(scores, a, b)
        years = sorted(int(y) for y in own.loc[own["dimension"] == "index", "year"])
    if len(years) < 2:
        return []
    last = years[-1]
    out = [(years[0], last)]
    for f in (last - span, last - 1):
        if f not in years:
            earlier = [y for y in years if f <= y < last]
            if f == last - 1 or not earlier:
                continue
            f = earlier[0]
        if (f, last) not in out:
            out.append((f, last))
    return out


def compute_period_changes(
    panel: pd.DataFrame,
    scores: pd.DataFrame,
    a: str,
    b: str,
    periods: list[tuple[int, int]],
    weights: Mapping[str, float] | None = None,
    method: str = "percentile",
    n: int = DEFAULT_N_WEIGHTINGS,
    seed: int = DEFAULT_SEED,
    registry: Mapping[str, Indicator] = INDICATORS,
) -> pd.DataFrame:
    """Return each period's index change with its robustness and its like-for-like change.

    The columns of :func:`compute_change_robustness` and :func:`compute_common_change`, plus
    ``from_score`` and ``to_score``.
    """
    w = validate_weights(weights)
    own, selection = _own_normalised(panel, a, b, method, registry, None, False)
    core = _core(own, selection, w)
    loo = _leave_one_out(own, selection, w, core)  # what compute_leave_one_out returns
    rob = compute_change_robustness(scores, loo, a, b, periods, n, seed)
    common = _common_change(own, selection, w, periods, core)  # compute_common_change's
    idx = pair_scores(scores, a, b)
    idx = idx[idx["dimension"] == "index"].set_index("year")["score"]
    out = rob.merge(common, on=["from_year", "to_year"], how="left")
    out["from_score"] = out["from_year"].map(idx)
    out["to_score"] = out["to_year"].map(idx)
    return out


#: Years over which :func:`headline` measures the index's change (the atlas index's column).
HEADLINE_SPAN = 5
#: Output mimetype by which the index notebook hands :func:`headline` to the runner (not shown
#: in the report): an atlas run lists it without computing the index a second time.
HEADLINE_MIMETYPE = "application/x-bilateral-index+json"


def headline(scores: pd.DataFrame, a: str, b: str) -> dict:
    """Return the pair's latest index and its change over :data:`HEADLINE_SPAN` years.

    ``{"year": last year with an index value, "value": its index, "from_year": that year minus
    the span, "change": value - index then}``, rounded to 0.1; ``change`` is None when either
    year lacks an index or the two rest on different dimensions (only years of the pair's
    fullest coverage are compared, :func:`full_coverage_years`); all None when the pair has no
    index in the scores.
    """
    own = pair_scores(scores, a, b)
    idx = own[own["dimension"] == "index"].set_index("year")["score"].dropna()
    if idx.empty:
        return {"year": None, "value": None, "from_year": None, "change": None}
    last = int(idx.index.max())
    first = last - HEADLINE_SPAN
    change = None
    if first in idx.index and {first, last} <= set(full_coverage_years(scores, a, b)):
        change = round(float(idx[last] - idx[first]), 1)
    return {"year": last, "value": round(float(idx[last]), 1), "from_year": first, "change": change}
