"""Loaders of two UN Comtrade extracts for Armenia: natural-gas trade and declared re-exports.

Both files were compiled by A. Tavadyan's Tvyal Newsletter from UN Comtrade (reporter Armenia;
PROVENANCE-economic.md): ``comtrade_gas`` (HS 271121, monthly, by partner) and
``comtrade_reexports`` (annual totals of re-exports and exports). Each loader checks its file and
returns a tidy frame; any problem raises :class:`~analysis.errors.BadInput` naming the file.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from analysis.errors import BadInput, quote
from analysis.load import (
    _check_complete,
    _check_not_negative,
    _check_range,
    _check_unique,
    _read_csv,
    raw_path,
)

#: Trade flows of the gas file (its ``trade_flow`` column) and the names used here.
GAS_FLOWS = {"Import": "import", "Re-export": "reexport"}

#: Partner codes of the gas file that are not a country (Comtrade's "Areas, nes").
GAS_NON_COUNTRY = {"_X"}

#: The one reporter of both files.
REPORTER = "ARM"


@functools.cache
def load_gas_trade(raw_dir: Path) -> pd.DataFrame:
    """Load Armenia's monthly natural-gas trade (HS 271121) by partner.

    Returns
    -------
    DataFrame
        ``year, month, flow (import|reexport), partner (ISO3, or <NA> for 'Areas, nes'),
        value_musd, volume_kt`` (net weight, thousand tonnes), one row per flow, partner and
        month, sorted.
    """
    path = raw_path(raw_dir, "comtrade_gas")
    spec = {"year": "number", "month": "number", "trade_flow": "text", "reporter": "text",
            "partner_iso": "text", "commodity_code": "number", "netweight_kg": "number",
            "trade_value_us": "number"}  # fmt: skip
    df = _read_csv(path, spec)
    _check_complete(path, df, list(spec))
    _check_range(path, df, "month", 1, 12)
    _check_range(path, df, "year", 1990, 2100)
    _check_not_negative(path, df, ["netweight_kg", "trade_value_us"])
    bad = sorted(set(df["trade_flow"]) - set(GAS_FLOWS))
    if bad:
        raise BadInput(f"{path}: unknown trade_flow {bad}; expected one of {', '.join(GAS_FLOWS)}")
    if set(df["reporter"]) != {"Armenia"}:
        raise BadInput(f"{path}: reporter(s) {sorted(set(df['reporter']))}; expected Armenia only")
    codes = set(df["commodity_code"].astype("int64"))
    if codes != {271121}:
        raise BadInput(f"{path}: commodity code(s) {sorted(codes)}; expected 271121 only")
    partner = df["partner_iso"].astype("string").str.strip()
    bad_iso = sorted(p for p in set(partner) - GAS_NON_COUNTRY if not (len(p) == 3 and p.isalpha()))
    if bad_iso:
        raise BadInput(f"{path}: partner_iso {quote(bad_iso[0])} is not an ISO3 code")
    _check_unique(path, df, ["year", "month", "trade_flow", "partner_iso"])
    out = pd.DataFrame(
        {
            "year": df["year"].astype("int64"),
            "month": df["month"].astype("int64"),
            "flow": df["trade_flow"].map(GAS_FLOWS).astype("string"),
            "partner": partner.mask(partner.isin(GAS_NON_COUNTRY)),
            "value_musd": df["trade_value_us"].astype("float64") / 1e6,
            "volume_kt": df["netweight_kg"].astype("float64") / 1e6,
        }
    )
    return out.sort_values(["flow", "year", "month", "partner"], ignore_index=True)


@functools.cache
def load_reexports(raw_dir: Path) -> pd.DataFrame:
    """Load Armenia's officially declared re-exports and exports per year (UN Comtrade).

    Returns
    -------
    DataFrame
        ``year, reexports_musd, exports_musd, reexports_pct`` (the file's ``RX_pct`` checked
        against RX / X to its one decimal), sorted by year.
    """
    path = raw_path(raw_dir, "comtrade_reexports")
    df = _read_csv(path, {"year": "number", "RX": "number", "X": "number", "RX_pct": "text"})
    _check_complete(path, df, ["year", "RX", "X", "RX_pct"])
    _check_unique(path, df, ["year"])
    _check_not_negative(path, df, ["RX", "X"])
    pct = pd.to_numeric(df["RX_pct"].astype(str).str.rstrip("%"), errors="coerce")
    computed = 100 * df["RX"] / df["X"]
    if pct.isna().any() or ((pct - computed).abs() > 0.051).any():
        i = int(((pct - computed).abs() > 0.051).to_numpy().nonzero()[0][0])
        raise BadInput(
            f"{path}: RX_pct on line {i + 2} is {quote(df['RX_pct'].iloc[i])}, not RX / X "
            f"({computed.iloc[i]:.1f}%); expected the share of re-exports in exports"
        )
    out = pd.DataFrame(
        {
            "year": df["year"].astype("int64"),
            "reexports_musd": df["RX"].astype("float64") / 1e6,
            "exports_musd": df["X"].astype("float64") / 1e6,
            "reexports_pct": computed.astype("float64"),
        }
    )
    return out.sort_values("year", ignore_index=True)
