"""Weighted shares from survey microdata, with design-based 95% intervals.

Pure functions, no I/O. A share is the ratio estimator

    p = sum(w_i * y_i) / sum(w_i)

with ``y_i`` = 1 when respondent i gave the answer, ``w_i`` the survey weight, over every
respondent in the denominator (see :func:`weighted_share`). Its variance is estimated by Taylor
linearisation for a stratified cluster sample with primary sampling units (PSUs) drawn with
replacement within strata (the "ultimate cluster" estimator, as Stata's ``svy`` and R's
``survey`` compute it without a finite-population correction):

    z_i = w_i (y_i - p) / sum(w)
    var(p) = sum_h n_h / (n_h - 1) * sum_j (z_hj - mean_h(z))^2

where z_hj is the total of z over PSU j of stratum h and n_h the number of PSUs sampled in h.
Leaving out the finite-population correction makes the interval slightly conservative. The 95%
interval is p +- 1.96 se (normal approximation), clipped to [0, 1]. Beside it: Kish's
effective sample size (sum w)^2 / sum w^2 (the loss from unequal weights alone) and the design
effect var(p) / (p (1 - p) / n).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054


def kish_effective_n(weights: np.ndarray) -> float:
    """Return Kish's effective sample size of a set of weights, (sum w)^2 / sum w^2.

    Examples
    --------
    >>> kish_effective_n(np.array([1.0, 1.0, 1.0, 1.0])), kish_effective_n(np.array([1.0, 3.0]))
    (4.0, 1.6)
    """
    w = np.asarray(weights, dtype="float64")
    return float(w.sum() ** 2 / (w**2).sum())


def linearised_variance(
    y: np.ndarray, weights: np.ndarray, psu: np.ndarray, strata: np.ndarray
) -> tuple[float, float]:
    """Return the weighted mean of ``y`` and its Taylor-linearised variance (module docstring).

    A stratum with a single PSU contributes nothing (its variance cannot be estimated; Stata's
    ``singleunit(missing)`` would refuse, this counts it as certain), which never happens in
    the files used here (every stratum has several PSUs; :func:`weighted_share` checks it).
    """
    y = np.asarray(y, dtype="float64")
    w = np.asarray(weights, dtype="float64")
    total = w.sum()
    p = float((w * y).sum() / total)
    z = w * (y - p) / total
    frame = pd.DataFrame({"h": strata, "j": psu, "z": z})
    psu_tot = frame.groupby(["h", "j"], sort=False)["z"].sum().reset_index()
    var = 0.0
    for _, g in psu_tot.groupby("h", sort=False):
        n_h = len(g)
        if n_h > 1:
            var += n_h / (n_h - 1) * float(((g["z"] - g["z"].mean()) ** 2).sum())
    return p, var


def weighted_share(
    answered: np.ndarray, weights: np.ndarray, psu: np.ndarray, strata: np.ndarray
) -> dict[str, float]:
    """Return the weighted share of respondents with ``answered`` True, with its 95% interval.

    Every respondent passed is in the denominator: pass only those who should count (for the
    CRRC convention, all respondents, "don't know" and refusals included).

    Returns
    -------
    dict
        ``share, se, lo, hi`` (proportions 0-1), ``n`` (respondents), ``n_answer``
        (respondents with the answer), ``n_eff_kish``, ``deff`` (NaN where p is 0 or 1),
        ``n_psu``, ``n_strata``.

    Examples
    --------
    >>> r = weighted_share(np.array([1, 0, 1, 0]), np.array([1.0, 1.0, 2.0, 2.0]),
    ...                    np.array([1, 1, 2, 2]), np.array([1, 1, 1, 1]))
    >>> round(r["share"], 4), r["n_psu"]
    (0.5, 2)
    """
    y = np.asarray(answered, dtype="float64")
    w = np.asarray(weights, dtype="float64")
    if len(y) == 0 or not (w > 0).all():
        raise ValueError("weighted_share needs respondents with positive weights")
    per_stratum = pd.Series(np.asarray(psu)).groupby(np.asarray(strata)).nunique()
    if (per_stratum < 2).any():
        raise ValueError("every stratum needs at least two PSUs for a design-based variance")
    p, var = linearised_variance(y, w, psu, strata)
    se = float(np.sqrt(var))
    n = len(y)
    srs = p * (1 - p) / n
    return {
        "share": p,
        "se": se,
        "lo": max(0.0, p - Z95 * se),
        "hi": min(1.0, p + Z95 * se),
        "n": n,
        "n_answer": int((y > 0).sum()),
        "n_eff_kish": kish_effective_n(w),
        "deff": var / srs if srs > 0 else float("nan"),
        "n_psu": int(pd.Series(list(zip(strata, psu))).nunique()),
        "n_strata": int(per_stratum.size),
    }
