"""The society dimension for every pair at once: migration, remittance estimates, opinion.

Every indicator of the dimension is directed (a focal, b partner), so :func:`compute_all_pairs`
fills the ``directed`` table only. The World Bank 2017 matrices and the WDI series cover every
pair and are computed at once (:func:`analysis.indicators.migration.wb2017_all_pairs`,
:func:`~analysis.indicators.migration.received_all_gdp_all_pairs`); the UN DESA extract and the
poll toplines cover a handful of pairs, which are computed one by one with the per-pair
functions of :func:`analysis.society.society_provider`.
"""

from __future__ import annotations

import pandas as pd

from analysis import society
from analysis.dyadic import KEY_COLUMNS, SEP, AllPairs, long_to_wide
from analysis.indicators import INTERVAL_COLUMNS, migration, opinion
from analysis.indicators.migration import ALL_PAIRS_COLUMNS
from analysis.society import SocietyInputs

#: Indicator ids taken from the UN DESA extract (computed pair by pair).
UNDESA_IDS = (
    "migration.stock_a_in_b",
    "migration.stock_a_in_b_pop",
    "migration.stock_b_in_a",
)

#: Indicator ids computed for every pair at once (World Bank matrices and WDI).
VECTOR_IDS = (*migration.WB2017_IDS, "remittances.received_all_gdp")

#: Indicator ids from the poll toplines (computed pair by pair); they carry an interval.
OPINION_IDS = tuple(sorted(set(opinion.MEASURE_IDS.values())))

#: Every indicator id of the directed table, in column order.
INDICATOR_IDS = tuple(sorted({*UNDESA_IDS, *VECTOR_IDS, *OPINION_IDS}))


def wide_columns(ids: tuple[str, ...], with_interval: set[str]) -> list[str]:
    """Return the columns of a wide table: keys, then each id with its companions.

    Examples
    --------
    >>> wide_columns(("x.b", "x.a"), {"x.b"})
    ['country_a', 'country_b', 'year', 'x.a', 'x.a|source', 'x.b', 'x.b|source', 'x.b|lo', 'x.b|hi']
    """
    cols = list(KEY_COLUMNS)
    for ind in sorted(ids):
        cols += [ind, f"{ind}{SEP}source"]
        if ind in with_interval:
            cols += [f"{ind}{SEP}{bound}" for bound in INTERVAL_COLUMNS]
    return cols


def conform(wide: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Give a wide table exactly ``columns`` (missing ones empty), typed and sorted by key.

    Values and bounds are float64, sources strings and ``year`` int64; rows are sorted by
    ``country_a, country_b, year``.
    """
    out = wide.reindex(columns=columns)
    for c in columns[len(KEY_COLUMNS) :]:
        out[c] = out[c].astype("string" if c.endswith(f"{SEP}source") else "float64")
    out["country_a"] = out["country_a"].astype(str)
    out["country_b"] = out["country_b"].astype(str)
    out["year"] = out["year"].astype("int64")
    return out.sort_values(KEY_COLUMNS, ignore_index=True)


def undesa_pairs(inputs: SocietyInputs) -> list[tuple[str, str]]:
    """Return the ordered pairs of distinct countries the UN DESA extract covers (both orders)."""
    u = inputs.undesa
    pairs = set(zip(u["origin"].astype(str), u["destination"].astype(str)))
    return sorted({p for a, b in pairs if a != b for p in ((a, b), (b, a))})


def opinion_pairs(inputs: SocietyInputs) -> list[tuple[str, str]]:
    """Return the ordered pairs (surveyed country, country named) the poll toplines cover."""
    w = inputs.waves[inputs.waves["indicator"].notna()]
    return sorted(set(zip(w["country_a"].astype(str), w["country_b"].astype(str))))


def _looped_panels(inputs: SocietyInputs) -> pd.DataFrame:
    """Long rows of the UN DESA and opinion indicators of the few pairs those sources cover."""
    parts = []
    for a, b in undesa_pairs(inputs):
        p = migration.compute_migration(
            inputs.undesa, inputs.wb_stock, inputs.wb_remittances, inputs.wdi, a, b
        )
        if len(p):
            parts.append(p[p["indicator"].isin(UNDESA_IDS)])
    for a, b in opinion_pairs(inputs):
        parts.append(opinion.compute_opinion(inputs.waves, a, b))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=ALL_PAIRS_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def compute_all_pairs(inputs: SocietyInputs) -> AllPairs:
    """Compute every society indicator for every ordered pair of countries and year.

    Returns
    -------
    AllPairs
        ``directed`` only: one row per (a, b, year) with any observation; columns
        :func:`wide_columns` of :data:`INDICATOR_IDS` (opinion ids with ``|lo``/``|hi``).
    """
    long = pd.concat(
        [
            migration.wb2017_all_pairs(inputs.wb_stock, inputs.wb_remittances),
            migration.received_all_gdp_all_pairs(inputs.wb_remittances, inputs.wdi),
            _looped_panels(inputs),
        ],
        ignore_index=True,
    )
    wide = long_to_wide(long)
    return AllPairs(directed=conform(wide, wide_columns(INDICATOR_IDS, set(OPINION_IDS))))


def countries(inputs: SocietyInputs) -> list[str]:
    """Return every ISO3 code that is an origin or destination in the migration sources."""
    cols = [
        inputs.undesa["origin"],
        inputs.undesa["destination"],
        inputs.wb_stock["origin"],
        inputs.wb_stock["destination"],
        inputs.wb_remittances["sender"],
        inputs.wb_remittances["receiver"],
    ]
    return sorted({str(c) for s in cols for c in s.dropna().unique()})


def compute_tables(inputs: SocietyInputs) -> dict[str, pd.DataFrame]:
    """Return the detail tables of the dimension for every country.

    ``migration``: :func:`analysis.indicators.migration.build_migration_detail` among every
    country of the migration sources (readers filter by the two codes); ``opinion_toplines``:
    the table of :func:`analysis.society.build_opinion_toplines`; ``opinion_microdata``: that of
    :func:`analysis.society.build_opinion_microdata`.
    """
    return {
        "migration": migration.build_migration_detail(
            inputs.undesa, inputs.wb_stock, inputs.wb_remittances, set(countries(inputs))
        ),
        "opinion_toplines": society._toplines_table(inputs.toplines),
        "opinion_microdata": society.microdata_table(inputs.microdata),
    }
