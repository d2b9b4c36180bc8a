"""Trade agreements in force between two countries (DESTA), for one pair or every pair.

Pure functions on :func:`analysis.load_agreements.load_agreement_spells` (the years each
country was a party to each agreement) and the COW state spells
(:func:`analysis.load_security.load_state_spells`). ``trade.pta_in_force`` is given only for the
pairs the staged extract covers completely (a pair with one of ``spells.attrs["countries"]``),
for the years both are states within DESTA's coverage: 1 when at least one agreement binds both,
0 otherwise. Other pairs have no row (missing, not 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.security import (
    _all_alliance,
    _check_countries,
    _const_source,
    _fill_years,
    _rows,
    country_codes,
    dyad_frame,
    pair_years,
)

INDICATOR = "trade.pta_in_force"
SOURCE = "desta"


def agreement_pairs(spells: pd.DataFrame) -> pd.DataFrame:
    """Return the spells in which two countries are both bound by one agreement.

    Two members on the same side of a two-sided agreement (same non-missing ``side``) are not
    bound to each other by it.

    Returns
    -------
    DataFrame
        ``a, b`` (ISO3, ``a < b``), ``agreement, start, end`` (years; an open end is the
        coverage's last year), only spells with ``start <= end``.
    """
    last = spells.attrs.get("last_year", 2100)
    s = spells.assign(end=spells["end"].fillna(last).astype("int64"))
    m = s.merge(s, on="agreement", suffixes=("_a", "_b"))
    m = m[m["iso3_a"] < m["iso3_b"]]
    same_side = m["side_a"].notna() & m["side_b"].notna() & (m["side_a"] == m["side_b"])
    m = m[~same_side.to_numpy(dtype=bool)]
    out = pd.DataFrame(
        {
            "a": m["iso3_a"].astype("str"),
            "b": m["iso3_b"].astype("str"),
            "agreement": m["agreement"].astype("int64"),
            "start": np.maximum(m["start_a"], m["start_b"]).astype("int64"),
            "end": np.minimum(m["end_a"], m["end_b"]).astype("int64"),
        }
    )
    out = out[out["start"] <= out["end"]]
    return out.sort_values(["a", "b", "agreement"], ignore_index=True)


def in_force_years(spells: pd.DataFrame) -> pd.DataFrame:
    """Return ``a, b, year`` (``a < b``): the years at least one agreement binds a and b."""
    pairs = agreement_pairs(spells)
    lengths = (pairs["end"] - pairs["start"] + 1).to_numpy()
    rows = pairs.loc[pairs.index.repeat(lengths)].reset_index(drop=True)
    rows["year"] = rows["start"] + rows.groupby(["a", "b", "agreement"]).cumcount()
    out = rows[["a", "b", "year"]].drop_duplicates()
    return out.astype({"year": "int64"}).sort_values(["a", "b", "year"], ignore_index=True)


def _coverage(spells: pd.DataFrame) -> tuple[int, int, tuple[str, ...]]:
    return (
        spells.attrs.get("first_year", 1948),
        spells.attrs.get("last_year", 2100),
        tuple(spells.attrs.get("countries", ())),
    )


def compute_pta_in_force(
    spells: pd.DataFrame, state_spells: pd.DataFrame, a: str, b: str
) -> pd.DataFrame:
    """Compute ``trade.pta_in_force`` of a pair (see the module docstring).

    Parameters
    ----------
    spells : DataFrame
        :func:`~analysis.load_agreements.load_agreement_spells`.
    state_spells : DataFrame
        COW state spells; a pair with a country outside the list gets the years in force only.

    Returns
    -------
    DataFrame
        Panel rows (none for a pair the extract does not cover).
    """
    first, last, covered = _coverage(spells)
    if a not in covered and b not in covered:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    x, y = sorted((a, b))
    years = in_force_years(spells)
    on = years[(years["a"] == x) & (years["b"] == y)]["year"]
    values = pd.Series(1.0, index=pd.Index(on, dtype="int64"))
    values = _fill_years(values, pair_years(state_spells, a, b, first, last))
    return _rows(values, SOURCE, a, b, INDICATOR)


def all_pta_in_force(spells: pd.DataFrame, state_spells: pd.DataFrame, countries) -> pd.DataFrame:
    """Compute ``trade.pta_in_force`` for every pair the extract covers (as
    :func:`compute_pta_in_force`); an undirected dyad-year frame (``country_a < country_b``)."""
    countries = _check_countries(countries)
    first, last, covered = _coverage(spells)
    table = in_force_years(spells).assign(pta=1.0)
    a, b, y, v = _all_alliance(table, "pta", state_spells, countries, first, last, ordered=False)
    keep_codes = country_codes(pd.Series(list(covered)), countries)
    keep = np.isin(a, keep_codes) | np.isin(b, keep_codes)
    a, b, y, v = a[keep], b[keep], y[keep], v[keep]
    cols = {INDICATOR: v, f"{INDICATOR}|source": _const_source(v, SOURCE)}
    return dyad_frame(a, b, y, countries, cols)
