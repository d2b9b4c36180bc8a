"""Energy dependence: Armenia's natural-gas imports by partner (UN Comtrade, HS 271121).

Pure functions, no I/O. From the monthly gas file (:func:`analysis.load_comtrade.load_gas_trade`;
reporter Armenia only), for a = ARM and each partner b the file names:

- ``energy.gas_imports_value`` (USD million) and ``energy.gas_imports_volume`` (thousand
  tonnes, net weight): annual sums, only for years whose twelve months are all in the file
  (2010 has ten, 2023 nine: a partial year's sum is not an annual value);
- ``energy.gas_import_share`` (%): b's share of Armenia's gas imports by value in the months
  the file has (a ratio within the same months, so given for partial years too);
- ``energy.gas_import_unit_value`` (USD per tonne): value / volume of the imports from b.

Partners absent from the file, and every pair whose focal country is not Armenia, have no rows.
"""

from __future__ import annotations

import pandas as pd

from analysis.indicators import PANEL_COLUMNS
from analysis.indicators.common import to_panel

#: Source id in :data:`analysis.sources.SOURCES`.
SOURCE_ID = "comtrade_gas"

#: The only reporter of the file.
REPORTER = "ARM"

#: Indicator ids of this module.
ENERGY_IDS = (
    "energy.gas_imports_value",
    "energy.gas_imports_volume",
    "energy.gas_import_share",
    "energy.gas_import_unit_value",
)


def annual_gas_imports(gas: pd.DataFrame) -> pd.DataFrame:
    """Return the yearly gas imports by partner with the file's months per year.

    Returns
    -------
    DataFrame
        ``partner, year, value_musd, volume_kt, share_pct, unit_value, complete`` (``complete``:
        all twelve months of the year are in the file's imports).
    """
    imp = gas[gas["flow"] == "import"]
    months = imp.groupby("year")["month"].nunique()
    total = imp.groupby("year")["value_musd"].sum()
    by = (
        imp[imp["partner"].notna()]
        .groupby(["partner", "year"], as_index=False)[["value_musd", "volume_kt"]]
        .sum()
    )
    by["share_pct"] = 100 * by["value_musd"] / by["year"].map(total)
    by["unit_value"] = (by["value_musd"] * 1e6) / (by["volume_kt"] * 1e3)
    by["unit_value"] = by["unit_value"].where(by["volume_kt"] > 0)
    by["complete"] = by["year"].map(months) == 12
    return by.sort_values(["partner", "year"], ignore_index=True)


def compute_gas_imports(annual: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Return the energy indicators of the pair as panel rows (empty unless a is Armenia).

    Examples
    --------
    >>> gas = pd.DataFrame({"flow": "import", "year": 2020, "month": [1, 1],
    ...     "partner": ["RUS", "IRN"], "value_musd": [3.0, 1.0], "volume_kt": [10.0, 5.0]})
    >>> p = compute_gas_imports(annual_gas_imports(gas), "ARM", "RUS")
    >>> p[["indicator", "value"]].values.tolist()
    [['energy.gas_import_share', 75.0], ['energy.gas_import_unit_value', 300.0]]
    """
    rows = annual[annual["partner"] == b] if a == REPORTER else annual.iloc[:0]
    if rows.empty:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    rows = rows.assign(source=SOURCE_ID)
    full = rows[rows["complete"]]
    parts = [
        to_panel(full, a, b, "energy.gas_imports_value", value="value_musd"),
        to_panel(full, a, b, "energy.gas_imports_volume", value="volume_kt"),
        to_panel(rows, a, b, "energy.gas_import_share", value="share_pct"),
        to_panel(rows, a, b, "energy.gas_import_unit_value", value="unit_value"),
    ]
    return pd.concat([p for p in parts if len(p)], ignore_index=True)


def gas_pairs(annual: pd.DataFrame) -> list[tuple[str, str]]:
    """Return the pairs (ARM, partner) the gas file covers."""
    return [(REPORTER, str(p)) for p in sorted(annual["partner"].unique())]
