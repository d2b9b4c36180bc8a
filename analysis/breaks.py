"""Change points: breaks in a series, their confidence, and the nearest timeline events.

The detector is a Chow-type test for one break at an unknown date (the sup-F test of Andrews
1993) with a permutation p-value, applied by binary segmentation (as ``e.divisive``, Matteson and
James 2014: find the best split, test it, and if it holds, look again on each side):

* **Model.** ``"linear"`` (default): a straight line on each side of the break, so a break is a
  jump in level or a change of slope, and a steady trend is not a break. ``"mean"``: a constant on
  each side (a shift in level).
* **Location.** The split that minimises the sum of squared residuals of the two-segment fit, each
  segment at least ``min_size`` observations long (the same estimate as ruptures' ``Dynp`` with the
  ``"linear"`` or ``"l2"`` cost; the tests check that they agree).
* **Confidence.** The statistic F = max over splits of (SSE₀ − SSE_split) / SSE_split, where SSE₀
  is the fit without a break. Its p-value is the share of permutations of the no-break model's
  residuals (in blocks of ``block`` observations, e.g. 12 for monthly data) with an F at least as
  large: (1 + count) / (1 + n_perm). Adding the no-break fit back does not change F, so the
  residuals are permuted directly. A break is reported when p < ``alpha``; on pure noise the rate
  of reporting any break is ``alpha`` (a test simulates it). The test assumes exchangeable
  residuals: autocorrelated series (most annual indicators are) make p-values too small, which
  ``block`` mitigates.
* **Date interval.** Residuals of the two-segment fit are resampled (in blocks) and added back
  to the fit; the break is located again in each resample; the 5–95% range of the located dates is
  the interval.

ruptures (https://centre-borelli.github.io/ruptures-docs/) is used in the tests to check the
location; the detector itself needs numpy only, because importing ruptures (with scipy) costs
more than a second per report against about 0.1 s for the computation (see
``benchmarks/bench_index.py``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.curated import get_timeline
from analysis.errors import BadInput, quote
from analysis.index import select_indicators

#: Models of the series between breaks.
MODELS = ("linear", "mean")

#: Series tested for breaks by default, with the transform applied first: "log" for USD levels
#: (a surge is multiplicative), "level" for shares, ratios and scores.
KEY_SERIES: dict[str, str] = {
    "trade.total": "log",  # bilateral trade, USD million
    "trade.partner_share": "level",  # b's share of a's trade, %
    "remittances.transfers_b_to_a": "log",  # money transfers from b, USD million
    "alignment.unga_kappa": "level",  # UNGA agreement corrected for chance
    "alignment.idealpoint_distance": "level",  # distance of UNGA ideal points
    "security.arms_supplier_share": "level",  # b's share of a's arms imports, %
}

BREAK_COLUMNS = [
    "series",
    "period",
    "time",
    "p_value",
    "lo_period",
    "hi_period",
    "before",
    "after",
    "segment_start",
    "segment_end",
]


@dataclass(frozen=True)
class Detector:
    """Settings of :func:`detect_breaks` (see the module docstring)."""

    model: str = "linear"
    alpha: float = 0.05
    min_size: int = 3
    max_breaks: int = 3
    n_perm: int = 999
    n_boot: int = 499
    block: int = 1
    seed: int = 20240917


def _design(n: int) -> np.ndarray:
    return np.arange(n, dtype="float64")


def split_sse(y: np.ndarray, model: str, min_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the SSE of the no-break fit and of every admissible two-segment fit.

    Parameters
    ----------
    y : ndarray, shape (m, n) or (n,)
        One series per row.
    model : "linear" or "mean"
    min_size : int
        Shortest segment.

    Returns
    -------
    (sse0, sse)
        ``sse0`` shape (m,); ``sse`` shape (m, n - 2 * min_size + 1): column j is the split
        whose second segment starts at index ``min_size + j``.
    """
    y = np.atleast_2d(np.asarray(y, dtype="float64"))
    n = y.shape[1]
    x = _design(n)
    zero = np.zeros((y.shape[0], 1))
    cy = np.concatenate([zero, np.cumsum(y, axis=1)], axis=1)
    cyy = np.concatenate([zero, np.cumsum(y * y, axis=1)], axis=1)
    cxy = np.concatenate([zero, np.cumsum(x * y, axis=1)], axis=1)
    cx = np.concatenate([[0.0], np.cumsum(x)])
    cxx = np.concatenate([[0.0], np.cumsum(x * x)])

    def sse(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        m = (hi - lo).astype("float64")
        sy = cy[:, hi] - cy[:, lo]
        syy = cyy[:, hi] - cyy[:, lo]
        out = syy - sy * sy / m
        if model == "linear":
            sx = cx[hi] - cx[lo]
            sxx = cxx[hi] - cxx[lo] - sx * sx / m
            sxy = cxy[:, hi] - cxy[:, lo] - sx * sy / m
            out = out - sxy * sxy / sxx
        return np.maximum(out, 0.0)

    ks = np.arange(min_size, n - min_size + 1)
    sse0 = sse(np.array([0]), np.array([n]))[:, 0]
    split = sse(np.zeros_like(ks), ks) + sse(ks, np.full_like(ks, n))
    return sse0, split


def _f_stat(y: np.ndarray, model: str, min_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (F, index of the best split) per row of ``y``."""
    sse0, split = split_sse(y, model, min_size)
    j = np.argmin(split, axis=1)
    best = split[np.arange(split.shape[0]), j]
    scale = np.maximum(best, 1e-12 * np.maximum(sse0, 1e-300))
    return (sse0 - best) / scale, j + min_size


def _fit(y: np.ndarray, model: str) -> np.ndarray:
    """Return the fitted values of one segment (line or mean)."""
    if model == "mean" or len(y) < 2:
        return np.full_like(y, y.mean())
    x = _design(len(y))
    slope, intercept = np.polyfit(x, y, 1)
    return intercept + slope * x


def _block_index(n: int, block: int, rng: np.random.Generator, size: int, replace: bool):
    """Return ``size`` rows of indices 0..n-1 rearranged by blocks of ``block`` observations."""
    starts = np.arange(0, n, block)
    blocks = [np.arange(s, min(s + block, n)) for s in starts]
    rows = []
    for _ in range(size):
        if replace:
            order = rng.integers(0, len(blocks), size=len(blocks))
        else:
            order = rng.permutation(len(blocks))
        rows.append(np.concatenate([blocks[i] for i in order])[:n])
    if block == 1:
        return np.array(rows)
    # Resampled blocks may fall short of n when the last block is partial: pad by wrapping.
    return np.array([np.resize(r, n) for r in rows])


def locate_break(y: np.ndarray, d: Detector, rng: np.random.Generator) -> dict | None:
    """Locate the best single break in ``y`` and return its index and permutation p-value.

    Returns None when the series is too short for two segments of ``min_size``.
    """
    n = len(y)
    if n < 2 * d.min_size:
        return None
    f_obs, k = _f_stat(y, d.model, d.min_size)
    f_obs, k = float(f_obs[0]), int(k[0])
    resid = y - _fit(y, d.model)
    if d.block == 1:
        perm = np.argsort(rng.random((d.n_perm, n)), axis=1)
    else:
        perm = _block_index(n, d.block, rng, d.n_perm, replace=False)
    f_perm, _ = _f_stat(resid[perm], d.model, d.min_size)
    p = (1 + np.sum(f_perm >= f_obs * (1 - 1e-9))) / (1 + d.n_perm)
    return {"k": k, "p_value": float(p)}


def date_interval(y: np.ndarray, k: int, d: Detector, rng: np.random.Generator) -> tuple[int, int]:
    """Return the 5-95% bootstrap interval of the break index ``k`` in ``y``.

    Residuals of the two-segment fit are resampled (in blocks of ``d.block``), added back to
    the fit, and the break is located again in each of ``d.n_boot`` resamples.
    """
    n = len(y)
    fitted = np.concatenate([_fit(y[:k], d.model), _fit(y[k:], d.model)])
    e = y - fitted
    if d.block == 1:
        boot = rng.integers(0, n, size=(d.n_boot, n))
    else:
        boot = _block_index(n, d.block, rng, d.n_boot, replace=True)
    _, k_boot = _f_stat(fitted + e[boot], d.model, d.min_size)
    lo, hi = np.percentile(k_boot, [5, 95], method="nearest")
    return int(lo), int(hi)


def _time_of(label) -> float:
    """Return a label (year, ``YYYY-MM`` or Period/Timestamp) as a decimal year."""
    if isinstance(label, int | np.integer):
        return float(label)
    if isinstance(label, pd.Period):
        label = label.to_timestamp()
    ts = pd.Timestamp(str(label) + "-01" if len(str(label)) == 7 else label)
    return ts.year + (ts.month - 1) / 12


def detect_breaks(series: pd.Series, name: str = "", detector: Detector | None = None):
    """Find breaks in a series by binary segmentation with permutation tests.

    Parameters
    ----------
    series : Series
        Values indexed by year (int) or month (``"YYYY-MM"`` or Period), sorted; NaN dropped.
    name : str
        The series' name in the output.
    detector : Detector, optional
        Settings (default :class:`Detector`).

    Returns
    -------
    DataFrame
        One row per break (columns :data:`BREAK_COLUMNS`): ``period`` is the first period of
        the new segment, ``time`` the same as a decimal year, ``lo_period``/``hi_period`` the
        5–95% bootstrap interval of the break date, ``before``/``after`` the fitted values on
        either side of the break (last of the old segment, first of the new one), and
        ``segment_start``/``segment_end`` the stretch in which the break was tested.

    Examples
    --------
    >>> s = pd.Series([1.0, 1.2, 0.9, 1.1, 1.0, 5.0, 5.2, 4.9, 5.1, 5.0], index=range(2010, 2020))
    >>> detect_breaks(s, "x", Detector(model="mean"))["period"].tolist()
    [2015]
    """
    d = detector or Detector()
    if d.model not in MODELS:
        raise BadInput(f"unknown break model {quote(d.model)}; expected {' or '.join(MODELS)}")
    if not 0 < d.alpha < 1:
        raise BadInput(f"alpha must be between 0 and 1, got {d.alpha}")
    min_size = max(d.min_size, 3 if d.model == "linear" else 2)
    d = dataclasses.replace(d, min_size=min_size)
    s = series.dropna().sort_index()
    y = s.to_numpy(dtype="float64")
    labels = list(s.index)
    rng = np.random.default_rng(d.seed)
    found = []
    stack = [(0, len(y))]
    while stack and len(found) < d.max_breaks:
        lo, hi = stack.pop(0)
        res = locate_break(y[lo:hi], d, rng)
        if res is None or res["p_value"] >= d.alpha:
            continue
        k = lo + res["k"]
        k_lo, k_hi = date_interval(y[lo:hi], res["k"], d, rng)
        left = _fit(y[lo:k], d.model)
        right = _fit(y[k:hi], d.model)
        found.append(
            {
                "series": name,
                "period": labels[k],
                "time": _time_of(labels[k]),
                "p_value": res["p_value"],
                "lo_period": labels[lo + k_lo],
                "hi_period": labels[lo + k_hi],
                "before": float(left[-1]),
                "after": float(right[0]),
                "segment_start": labels[lo],
                "segment_end": labels[hi - 1],
            }
        )
        stack += [(lo, k), (k, hi)]
    out = pd.DataFrame(found, columns=BREAK_COLUMNS)
    return out.sort_values("time", ignore_index=True)


def series_for_breaks(panel: pd.DataFrame, indicator: str, transform: str = "level") -> pd.Series:
    """Return one indicator of a pair's panel as a year-indexed series, transformed.

    ``"log"`` takes the natural log of positive values (others are dropped).
    """
    s = panel[panel["indicator"] == indicator].set_index("year")["value"].sort_index()
    s.index = s.index.astype("int64")
    if transform == "log":
        s = np.log(s[s > 0])
    elif transform != "level":
        raise BadInput(f"unknown transform {quote(transform)}; expected 'log' or 'level'")
    return s.astype("float64")


def source_changes(panel: pd.DataFrame, indicator: str) -> list[int]:
    """Return the years in which the source of an indicator differs from the year before."""
    s = panel[panel["indicator"] == indicator].sort_values("year")
    change = s["source"].ne(s["source"].shift()) & s["source"].shift().notna()
    return [int(y) for y in s.loc[change, "year"]]


def input_changes(panel: pd.DataFrame, indicators: list[str]) -> list[int]:
    """Return the years in which the set of ``indicators`` present differs from the year before."""
    p = panel[panel["indicator"].isin(indicators)]
    present = p.groupby("year")["indicator"].agg(frozenset).sort_index()
    change = present.ne(present.shift()) & present.shift().notna()
    return [int(y) for y in present.index[change]]


#: Years either side of a break's date interval in which a change of source or of inputs is
#: flagged: a break dated one year off a source change may still be the source's.
FLAG_MARGIN = 1


def _within(breaks: pd.DataFrame, years: list[int]) -> list[bool]:
    """Say for each break whether one of ``years`` falls in its date interval, with a margin."""
    m = FLAG_MARGIN
    return [
        any(lo - m <= y <= hi + m for y in years)
        for lo, hi in zip(breaks["lo_period"], breaks["hi_period"])
    ]


def detect_key_breaks(
    panel: pd.DataFrame,
    scores: pd.DataFrame | None = None,
    series: dict[str, str] | None = None,
    detector: Detector | None = None,
) -> pd.DataFrame:
    """Detect breaks in a pair's key series and, if given, in its index and dimension scores.

    Parameters
    ----------
    panel : DataFrame
        The pair's indicator panel (one pair).
    scores : DataFrame, optional
        The pair's rows of :func:`analysis.index.compute_scores`; each dimension and the index
        are tested as series ``index.<dimension>``.
    series : dict, optional
        Indicator id -> transform (default :data:`KEY_SERIES`); ids the panel lacks are skipped.
    detector : Detector, optional
        Settings of :func:`detect_breaks`.

    Returns
    -------
    DataFrame
        :data:`BREAK_COLUMNS` plus two warnings about the break's date interval (widened by
        :data:`FLAG_MARGIN` years):
        ``source_change`` (the source of the series, or of one of a score's inputs, changes) and
        ``inputs_change`` (a score's inputs enter or leave, so its composition changes).
    """

    frames = []
    changed: dict[str, list[int]] = {}  # source_changes of each indicator, computed once

    def sources_of(ind: str) -> list[int]:
        if ind not in changed:
            changed[ind] = source_changes(panel, ind)
        return changed[ind]

    for ind, transform in (KEY_SERIES if series is None else series).items():
        s = series_for_breaks(panel, ind, transform)
        if len(s) == 0:
            continue
        b = detect_breaks(s, ind, detector)
        b["source_change"] = _within(b, sources_of(ind))
        b["inputs_change"] = False
        frames.append(b)
    if scores is not None:
        selection = select_indicators()
        present = set(panel["indicator"])
        for dim, g in scores.groupby("dimension", sort=False):
            s = g.set_index("year")["score"].sort_index()
            b = detect_breaks(s, f"index.{dim}", detector)
            keep = selection if dim == "index" else selection[selection["dimension"] == dim]
            inputs = [i for i in keep["indicator"] if i in present]
            sources = sorted({y for i in inputs for y in sources_of(i)})
            b["source_change"] = _within(b, sources)
            b["inputs_change"] = _within(b, input_changes(panel, inputs))
            frames.append(b)
    frames = [f for f in frames if len(f)]
    cols = [*BREAK_COLUMNS, "source_change", "inputs_change"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def load_events(a: str, b: str, start: int | None = None, end: int | None = None):
    """Return the pair's timeline events (:func:`analysis.curated.get_timeline`)."""
    return get_timeline(a, b, start, end)


def _period_length(label) -> float:
    """Return the length of a period label in years (1 for a year, 1/12 for a month)."""
    return 1.0 if isinstance(label, int | np.integer) else 1 / 12


def nearest_events(
    breaks: pd.DataFrame, events: pd.DataFrame, n: int = 2, before: float = 1.0
) -> pd.DataFrame:
    """Add the timeline events nearest to each break, within its date interval.

    An event is a candidate when it falls between ``before`` years ahead of the first period of
    the break's date interval and the end of its last period (a break in 2022 compares 2022
    with 2021, so events of 2021 count); of those, the ``n`` nearest to the start of the break
    period are kept.

    Parameters
    ----------
    breaks : DataFrame
        Output of :func:`detect_breaks` (``period``, ``time``, ``lo_period``, ``hi_period``).
    events : DataFrame
        With ``date`` (datetime) and ``title``.

    Returns
    -------
    DataFrame
        ``breaks`` plus ``events``: "YYYY-MM-DD title" of the chosen events in date order,
        joined by "; " (empty when there are none).
    """
    out = breaks.copy()
    if events.empty or breaks.empty:
        out["events"] = ""
        return out
    dates = pd.to_datetime(events["date"])
    # Decimal years on the same scale as _time_of: a month is 1/12, split by its days.
    in_month = (dates.dt.day - 1) / dates.dt.days_in_month
    ev_time = (dates.dt.year + (dates.dt.month - 1 + in_month) / 12).to_numpy()
    labels = [f"{d:%Y-%m-%d} {t}" for d, t in zip(dates, events["title"])]
    texts = []
    for t, lo, hi in zip(out["time"], out["lo_period"], out["hi_period"]):
        start = _time_of(lo) - before
        end = _time_of(hi) + _period_length(hi)
        inside = np.flatnonzero((ev_time >= start) & (ev_time < end))
        nearest = inside[np.argsort(np.abs(ev_time[inside] - t), kind="stable")][:n]
        texts.append("; ".join(labels[i] for i in sorted(nearest)))
    out["events"] = texts
    return out
