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
