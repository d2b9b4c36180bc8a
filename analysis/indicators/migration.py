"""Migration and people: migrant stocks both ways, remittance estimates, remittances in GDP.

Two sources of bilateral migrant stocks are kept apart, never joined into one series:
UN DESA International Migrant Stock 2024 (1990, 1995, ..., 2020, 2024) gives
``migration.stock_a_in_b`` / ``migration.stock_b_in_a``; the World Bank/KNOMAD bilateral
migration matrix gives a second estimate for 2017 under ids ending in ``_wb2017``. A chart
draws the two as a line and a separate marker, so a reader never sees a line running from
one source into the other.
"""

from __future__ import annotations

import pandas as pd

from analysis.indicators.common import to_panel


def _stock(undesa: pd.DataFrame, origin: str, destination: str) -> pd.DataFrame:
    s = undesa[(undesa["origin"] == origin) & (undesa["destination"] == destination)]
    return s.assign(value=s["stock"], source="undesa_ims").sort_values("year")


def _wb_cell(
    matrix: pd.DataFrame, row_col: str, col_col: str, row: str, col: str, source: str
) -> pd.DataFrame:
    """The matrix cell (row, col) as a one-row frame; a zero cell gives no row.

    The World Bank matrices do not tell a zero estimate from a missing one, so a zero is not
    turned into a panel value (a year without data has no row).
    """
    cell = matrix[(matrix[row_col] == row) & (matrix[col_col] == col) & (matrix["value"] > 0)]
    return cell.assign(source=source)


def _population_share(stock: pd.DataFrame, wdi: pd.DataFrame, origin: str) -> pd.DataFrame:
    pop = wdi[(wdi["indicator"] == "population") & (wdi["iso3"] == origin)][["year", "value"]]
    out = stock.merge(pop.rename(columns={"value": "population"}), on="year")
    out["value"] = out["value"] / out["population"] * 100
    return out.assign(source=out["source"] + "+wdi")


def compute_migration(
    undesa: pd.DataFrame,
    wb_stock: pd.DataFrame,
    wb_remittances: pd.DataFrame,
    wdi: pd.DataFrame,
    a: str,
    b: str,
) -> pd.DataFrame:
    """Return the migration indicators of the pair as panel rows.

    Ids: ``migration.stock_a_in_b`` and ``migration.stock_b_in_a`` (UN DESA, persons born in
    one country living in the other), ``migration.stock_a_in_b_pop`` (the former as % of a's
    population, WDI), ``migration.stock_a_in_b_wb2017`` and ``migration.stock_b_in_a_wb2017``
    (World Bank matrix 2017), ``remittances.estimate_b_to_a_wb2017`` and
    ``remittances.estimate_a_to_b_wb2017`` (World Bank analytical estimates, USD million) and
    ``remittances.received_all_gdp`` (personal remittances received by a from all countries,
    % of GDP, WDI; context, not bilateral: given only for pairs with a World Bank remittance
    estimate from b to a, so a pair without bilateral data stays empty).
    Pairs a source does not cover get no rows.
    """
    a_in_b, b_in_a = _stock(undesa, a, b), _stock(undesa, b, a)
    wdi_a = wdi[wdi["iso3"] == a]
    rem = wdi_a[wdi_a["indicator"] == "remittances_received_usd"][["year", "value"]]
    gdp = wdi_a[wdi_a["indicator"] == "gdp_usd"][["year", "value"]]
    rem_gdp = rem.merge(gdp, on="year", suffixes=("", "_gdp"))
    rem_gdp = rem_gdp[rem_gdp["value_gdp"] > 0]
    rem_gdp = rem_gdp.assign(value=rem_gdp["value"] / rem_gdp["value_gdp"] * 100, source="wdi")
    wb = ("origin", "destination")
    sr = ("sender", "receiver")
    parts = [
        to_panel(a_in_b, a, b, "migration.stock_a_in_b"),
        to_panel(b_in_a, a, b, "migration.stock_b_in_a"),
        to_panel(_population_share(a_in_b, wdi, a), a, b, "migration.stock_a_in_b_pop"),
        to_panel(
            _wb_cell(wb_stock, *wb, a, b, "wb_bilateral_2017"),
            a,
            b,
            "migration.stock_a_in_b_wb2017",
        ),
        to_panel(
            _wb_cell(wb_stock, *wb, b, a, "wb_bilateral_2017"),
            a,
            b,
            "migration.stock_b_in_a_wb2017",
        ),
        to_panel(
            _wb_cell(wb_remittances, *sr, b, a, "wb_bilateral_2017"),
            a,
            b,
            "remittances.estimate_b_to_a_wb2017",
        ),
        to_panel(
            _wb_cell(wb_remittances, *sr, a, b, "wb_bilateral_2017"),
            a,
            b,
            "remittances.estimate_a_to_b_wb2017",
        ),
    ]
    # Context, not bilateral: given only beside a bilateral remittance estimate from b to a.
    if len(parts[5]):
        parts.append(to_panel(rem_gdp, a, b, "remittances.received_all_gdp"))
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def build_migration_detail(
    undesa: pd.DataFrame, wb_stock: pd.DataFrame, wb_remittances: pd.DataFrame, codes: set[str]
) -> pd.DataFrame:
    """Return every bilateral migration figure between the countries in ``codes``, long.

    Columns ``source, origin, destination, year, measure, value, unit``: UN DESA stocks (both
    sexes, male, female) and the World Bank 2017 stock and remittance estimate (origin =
    migrants' country of birth = the country remittances go to; destination = where the
    migrants live = the sender of remittances). Zero World Bank cells are kept here, as
    published.
    """
    u = undesa[undesa["origin"].isin(codes) & undesa["destination"].isin(codes)]
    u = u.melt(
        id_vars=["origin", "destination", "year"],
        value_vars=["stock", "stock_male", "stock_female"],
        var_name="measure",
    ).assign(source="undesa_ims", unit="persons")
    s = wb_stock[wb_stock["origin"].isin(codes) & wb_stock["destination"].isin(codes)]
    s = s[["origin", "destination", "year", "value"]].assign(
        measure="stock", source="wb_bilateral_2017", unit="persons"
    )
    r = wb_remittances[
        wb_remittances["sender"].isin(codes) & wb_remittances["receiver"].isin(codes)
    ]
    r = pd.DataFrame(
        {
            "origin": r["receiver"],
            "destination": r["sender"],
            "year": r["year"],
            "value": r["value"],
            "measure": "remittances_estimate",
            "source": "wb_bilateral_2017",
            "unit": "USD million",
        }
    )
    cols = ["source", "origin", "destination", "year", "measure", "value", "unit"]
    out = pd.concat([u[cols], s[cols], r[cols]], ignore_index=True)
    out = out[out["origin"] != out["destination"]]
    return out.sort_values(cols[:5], ignore_index=True)


# --- every pair at once -----------------------------------------------------------------------

#: The World Bank 2017 indicators of a pair (a, b): id -> (matrix, column of a, column of b).
WB2017_IDS = {
    "migration.stock_a_in_b_wb2017": ("stock", "origin", "destination"),
    "migration.stock_b_in_a_wb2017": ("stock", "destination", "origin"),
    "remittances.estimate_a_to_b_wb2017": ("remittances", "sender", "receiver"),
    "remittances.estimate_b_to_a_wb2017": ("remittances", "receiver", "sender"),
}

#: Columns of the long rows the all-pairs functions return.
ALL_PAIRS_COLUMNS = ["country_a", "country_b", "indicator", "year", "value", "source"]


def _wb_pairs(matrix: pd.DataFrame, col_a: str, col_b: str, indicator: str) -> pd.DataFrame:
    """The positive cells of a World Bank matrix between two distinct countries, as long rows."""
    keep = matrix[col_a].notna() & matrix[col_b].notna() & (matrix["value"] > 0)
    m = matrix[keep.to_numpy(dtype=bool)]
    m = m[(m[col_a] != m[col_b]).to_numpy(dtype=bool)]
    return pd.DataFrame(
        {
            "country_a": m[col_a].astype(str).to_numpy(),
            "country_b": m[col_b].astype(str).to_numpy(),
            "indicator": indicator,
            "year": m["year"].astype("int64").to_numpy(),
            "value": m["value"].astype("float64").to_numpy(),
            "source": "wb_bilateral_2017",
        },
        columns=ALL_PAIRS_COLUMNS,
    )


def wb2017_all_pairs(wb_stock: pd.DataFrame, wb_remittances: pd.DataFrame) -> pd.DataFrame:
    """Return the World Bank 2017 indicators of every ordered pair of countries as long rows.

    The all-pairs form of the World Bank part of :func:`compute_migration` (ids in
    :data:`WB2017_IDS`): a positive cell gives a row for each of the two orders of its pair
    (a zero cell gives none, as in :func:`_wb_cell`). Rows without two ISO3 codes (totals,
    residuals) and cells of a country with itself are left out.

    Returns
    -------
    DataFrame
        ``country_a, country_b, indicator, year, value, source`` (:data:`ALL_PAIRS_COLUMNS`),
        sorted by pair, indicator and year.

    Examples
    --------
    >>> stock = pd.DataFrame({"origin": ["ARM"], "destination": ["RUS"], "year": [2017],
    ...                       "value": [5.0]})
    >>> rem = pd.DataFrame({"sender": ["RUS"], "receiver": ["ARM"], "year": [2017],
    ...                     "value": [0.0]})
    >>> wb2017_all_pairs(stock, rem)[["country_a", "country_b", "indicator"]].values.tolist()
    [['ARM', 'RUS', 'migration.stock_a_in_b_wb2017'], ['RUS', 'ARM', 'migration.stock_b_in_a_wb2017']]
    """
    matrices = {"stock": wb_stock, "remittances": wb_remittances}
    parts = [
        _wb_pairs(matrices[kind], col_a, col_b, indicator)
        for indicator, (kind, col_a, col_b) in WB2017_IDS.items()
    ]
    out = pd.concat(parts, ignore_index=True)[ALL_PAIRS_COLUMNS]
    return out.sort_values(["country_a", "country_b", "indicator", "year"], ignore_index=True)


def remittances_gdp(wdi: pd.DataFrame) -> pd.DataFrame:
    """Return personal remittances received as % of GDP, every country and year (WDI).

    The series :func:`compute_migration` gives as ``remittances.received_all_gdp``: years with
    both remittances and a positive GDP.

    Returns
    -------
    DataFrame
        ``iso3, year, value, source`` sorted by country and year.

    Examples
    --------
    >>> wdi = pd.DataFrame({"indicator": ["remittances_received_usd", "gdp_usd", "gdp_usd"],
    ...                     "iso3": ["ARM", "ARM", "ARM"], "year": [2020, 2020, 2021],
    ...                     "value": [1.0, 4.0, 5.0]})
    >>> remittances_gdp(wdi)[["iso3", "year", "value"]].values.tolist()
    [['ARM', 2020, 25.0]]
    """
    cols = ["iso3", "year", "value"]
    rem = wdi.loc[wdi["indicator"] == "remittances_received_usd", cols]
    gdp = wdi.loc[wdi["indicator"] == "gdp_usd", cols]
    out = rem.merge(gdp, on=["iso3", "year"], suffixes=("", "_gdp"))
    out = out[out["value_gdp"] > 0]
    out = out.assign(value=out["value"] / out["value_gdp"] * 100, source="wdi")
    return out[["iso3", "year", "value", "source"]].sort_values(["iso3", "year"], ignore_index=True)


def received_all_gdp_all_pairs(wb_remittances: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    """Return ``remittances.received_all_gdp`` of every ordered pair as long rows.

    As in :func:`compute_migration`, a pair (a, b) gets a's series (:func:`remittances_gdp`)
    only when the World Bank estimates a positive remittance from b to a; pairs of a country
    with itself are left out.

    Returns
    -------
    DataFrame
        :data:`ALL_PAIRS_COLUMNS`, sorted by pair and year.

    Examples
    --------
    >>> rem = pd.DataFrame({"sender": ["RUS", "ARM"], "receiver": ["ARM", "RUS"],
    ...                     "year": [2017, 2017], "value": [2.0, 0.0]})
    >>> wdi = pd.DataFrame({"indicator": ["remittances_received_usd", "gdp_usd"] * 2,
    ...                     "iso3": ["ARM", "ARM", "RUS", "RUS"], "year": [2020] * 4,
    ...                     "value": [1.0, 4.0, 1.0, 10.0]})
    >>> received_all_gdp_all_pairs(rem, wdi)[["country_a", "country_b", "value"]].values.tolist()
    [['ARM', 'RUS', 25.0]]
    """
    _, col_a, col_b = WB2017_IDS["remittances.estimate_b_to_a_wb2017"]
    pairs = _wb_pairs(wb_remittances, col_a, col_b, "")[["country_a", "country_b"]]
    series = remittances_gdp(wdi).rename(columns={"iso3": "country_a"})
    out = pairs.merge(series, on="country_a").assign(indicator="remittances.received_all_gdp")
    return out[ALL_PAIRS_COLUMNS].sort_values(["country_a", "country_b", "year"], ignore_index=True)
