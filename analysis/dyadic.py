"""Wide dyad-year tables: the all-pairs form of a dimension, and the long rows of one pair.

A dimension computes its indicators for **every pair at once** as :class:`AllPairs`: one or two
*wide* tables with one row per dyad-year and one column per indicator, the form the store keeps
on disk and researchers export. :func:`pair_panel` turns the rows of one pair back into the long
indicator panel (``country_a, country_b, indicator, year, value, unit, source, lo, hi``), exactly
as the per-pair providers return it.

Column convention of a wide table:

- ``country_a``, ``country_b`` (ISO3 strings), ``year`` (int);
- for each indicator id ``ID``: ``ID`` (float64; NaN = no observation, no row in the panel),
  ``ID|source`` (string, the source id of the value), and where the indicator has an interval
  ``ID|lo`` and ``ID|hi`` (float64).

``directed`` rows read "a to b" and are kept for every ordered pair the data cover.
``undirected`` rows hold indicators that are the same for (a, b) and (b, a); they are kept once,
with ``country_a < country_b``, and mirrored on read. An undirected indicator that is really a
per-country value of each side (the ideal point of a, of b) names its counterpart in ``swap``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.indicators import INTERVAL_COLUMNS, PANEL_COLUMNS
from analysis.indicators.common import concat_panel
from analysis.indicators.registry import get_indicator

KEY_COLUMNS = ["country_a", "country_b", "year"]
#: Separator between an indicator id and the suffix of its companion columns.
SEP = "|"


@dataclass
class AllPairs:
    """Every indicator of one dimension for every pair of countries and year.

    Attributes
    ----------
    directed : DataFrame, optional
        Wide rows of ordered pairs (a focal, b partner).
    undirected : DataFrame, optional
        Wide rows of unordered pairs, ``country_a < country_b``; mirrored on read.
    swap : dict
        Undirected indicator ids that exchange places when the pair is mirrored
        (``{"alignment.idealpoint_a": "alignment.idealpoint_b", ...}``, both ways).
    """

    directed: pd.DataFrame | None = None
    undirected: pd.DataFrame | None = None
    swap: dict[str, str] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the non-empty tables by kind (``"directed"``, ``"undirected"``)."""
        out = {"directed": self.directed, "undirected": self.undirected}
        return {k: v for k, v in out.items() if v is not None and len(v)}


def indicator_columns(wide: pd.DataFrame) -> list[str]:
    """Return the indicator ids of a wide table (columns without a ``|`` suffix, keys excluded).

    Examples
    --------
    >>> w = pd.DataFrame(columns=["country_a", "country_b", "year", "trade.total",
    ...                           "trade.total|source"])
    >>> indicator_columns(w)
    ['trade.total']
    """
    return [c for c in wide.columns if c not in KEY_COLUMNS and SEP not in c]


#: Long rows up to which :func:`wide_to_long` sorts them in Python (a pair's few hundred).
SMALL_SORT = 20_000


def wide_to_long(wide: pd.DataFrame, swap: dict[str, str] | None = None) -> pd.DataFrame:
    """Turn wide dyad-year rows into long panel rows (every pair in ``wide``).

    Rows whose value is NaN are left out (a year without data has no row). ``swap`` renames
    indicator ids (used when mirroring undirected rows). All indicators are unstacked at once
    (one array per column of the result), so a pair's few hundred rows cost milliseconds.

    Returns
    -------
    DataFrame
        Panel columns plus ``lo, hi``, sorted by pair, indicator and year.
    """
    swap = swap or {}
    columns = PANEL_COLUMNS + INTERVAL_COLUMNS
    ids = indicator_columns(wide)
    if not ids or wide.empty:
        return pd.DataFrame(columns=columns)
    values = wide[ids].to_numpy(dtype="float64")
    row, col = np.nonzero(~np.isnan(values))
    if not len(row):
        return pd.DataFrame(columns=columns)
    names = np.array([swap.get(i, i) for i in ids], dtype=object)
    units = np.array([get_indicator(name).unit for name in names], dtype=object)
    used = np.unique(col)  # only the columns of ids with a value are read
    at = [np.flatnonzero(col == j) for j in used]

    def companion(suffix: str, fill) -> np.ndarray:
        out = np.full(len(row), None, dtype=object) if fill is None else np.full(len(row), fill)
        for j, k in zip(used.tolist(), at, strict=True):
            name = f"{ids[j]}{SEP}{suffix}"
            if name in wide.columns:
                values = wide[name].to_numpy(dtype=object if fill is None else "float64")
                out[k] = values[row[k]]
        return out

    country_a = wide["country_a"].to_numpy(dtype=object)[row]
    country_b = wide["country_b"].to_numpy(dtype=object)[row]
    indicator = names[col]
    year = wide["year"].to_numpy(dtype="int64")[row]
    if len(row) > SMALL_SORT:  # many pairs (the dyads export): pandas sorts them faster
        order = slice(None)
    else:  # one pair: a stable sort of the keys in Python, the order sort_values gives
        keys = list(zip(country_a.tolist(), country_b.tolist(), indicator.tolist(), year.tolist()))
        order = np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.intp)
    out = pd.DataFrame(
        {
            "country_a": pd.array(country_a[order], dtype="str"),
            "country_b": pd.array(country_b[order], dtype="str"),
            "indicator": pd.array(indicator[order], dtype="str"),
            "year": year[order],
            "value": values[row, col][order],
            "unit": pd.array(units[col][order], dtype="str"),
            "source": pd.array(companion("source", None)[order], dtype="str"),
            "lo": companion("lo", np.nan)[order],
            "hi": companion("hi", np.nan)[order],
        }
    )
    if len(row) > SMALL_SORT:
        return out.sort_values(["country_a", "country_b", "indicator", "year"], ignore_index=True)
    return out


def mirror(undirected: pd.DataFrame) -> pd.DataFrame:
    """Return undirected rows with the two countries exchanged."""
    return undirected.rename(columns={"country_a": "country_b", "country_b": "country_a"})


def select_pair(all_pairs: AllPairs, a: str, b: str) -> dict[str, pd.DataFrame]:
    """Return the wide rows of the pair (a focal, b partner), mirrored where needed, by kind."""
    out = {}
    d = all_pairs.directed
    if d is not None and len(d):
        out["directed"] = d[(d["country_a"] == a) & (d["country_b"] == b)]
    u = all_pairs.undirected
    if u is not None and len(u):
        x, y = sorted((a, b))
        rows = u[(u["country_a"] == x) & (u["country_b"] == y)]
        out["undirected"] = rows if a == x else mirror(rows)
    return out


def pair_panel(all_pairs: AllPairs, a: str, b: str) -> pd.DataFrame:
    """Return the long panel of one pair from the all-pairs tables of a dimension.

    The result has the columns and order of :func:`analysis.indicators.common.concat_panel`
    (sorted by indicator and year), so it compares equal to what the per-pair provider of the
    dimension returns.
    """
    parts = []
    for kind, rows in select_pair(all_pairs, a, b).items():
        mirrored = kind == "undirected" and a > b
        parts.append(wide_to_long(rows, all_pairs.swap if mirrored else None))
    return concat_panel(parts)


def long_to_wide(panel: pd.DataFrame) -> pd.DataFrame:
    """Pivot long panel rows (any pairs) into one wide dyad-year table.

    The inverse of :func:`wide_to_long` for tables built from per-pair panels (tests, small
    sources computed pair by pair).
    """
    if panel.empty:
        return pd.DataFrame(columns=KEY_COLUMNS)
    frames = []
    for ind, g in panel.groupby("indicator", sort=True):
        cols = {ind: g["value"].astype("float64"), f"{ind}{SEP}source": g["source"]}
        for bound in INTERVAL_COLUMNS:
            if bound in g and g[bound].notna().any():
                cols[f"{ind}{SEP}{bound}"] = g[bound].astype("float64")
        part = pd.DataFrame(cols)
        part.index = pd.MultiIndex.from_frame(g[KEY_COLUMNS].astype({"year": "int64"}))
        if part.index.has_duplicates:
            raise ValueError(f"{ind}: several rows for one pair and year")
        frames.append(part)
    wide = pd.concat(frames, axis=1, join="outer", sort=True)
    wide = wide.reset_index()
    for c in wide.columns:
        if c.endswith(f"{SEP}source"):
            wide[c] = wide[c].astype("string")
    return wide
