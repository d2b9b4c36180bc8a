"""Loaders: read one raw source in its own published format, check it, standardise it.

Every loader takes the raw directory, reads the file(s) named in
:data:`analysis.sources.SOURCES`, validates what it reads (columns, types, ranges,
country labels) and returns a tidy frame with ISO3 codes. Any problem raises
:class:`~analysis.errors.BadInput` with one line naming the file and the problem.
Money is returned in USD million.
"""

from __future__ import annotations

import functools
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from analysis import countries
from analysis.errors import BadInput, quote
from analysis.fileio import check_file
from analysis.sources import SOURCES

MONTHS = (
    "January February March April May June July August September October November December"
).split()

#: WDI indicators the package reads (code -> short name used in this package).
WDI_CODES = {
    "NY.GDP.MKTP.CD": "gdp_usd",
    "TX.VAL.MRCH.CD.WT": "merch_exports_usd",
    "TM.VAL.MRCH.CD.WT": "merch_imports_usd",
    "BX.TRF.PWKR.CD.DT": "remittances_received_usd",
    "SP.POP.TOTL": "population",
}


def raw_path(raw_dir: Path, source: str, index: int = 0) -> Path:
    """Return the path of a source's raw file, failing clearly when it is missing.

    Parameters
    ----------
    raw_dir : Path
        Directory holding the staged raw sources.
    source : str
        Source id in :data:`analysis.sources.SOURCES`.
    index : int
        Which of the source's files.
    """
    path = Path(raw_dir) / SOURCES[source]["files"][index]
    return check_file(
        path,
        "raw file missing",
        "set BILATERAL_RAW_DIR to the directory holding the staged sources (see "
        "data/catalog.yml for the expected files)",
        "raw file",
    )


#: What reading a damaged raw file raises: a truncated or corrupt zip container (.xlsx, .zip),
#: gzip stream or text; each is turned into a BadInput naming the file.
DAMAGED_FILE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError)


def _reason(exc: BaseException) -> str:
    """Return the first line of an exception's message (or its type's name)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def read_excel_sheet(path: Path, sheet: str, **kwargs) -> pd.DataFrame:
    """Read one sheet of a raw ``.xlsx`` workbook, failing with BadInput naming the file.

    A truncated or corrupt workbook (a ``.xlsx`` is a zip archive) and a missing sheet each
    give one line that names the file and the remedy, never a traceback.
    """
    try:
        return pd.read_excel(path, sheet_name=sheet, **kwargs)
    except DAMAGED_FILE_ERRORS as exc:
        raise BadInput(
            f"{path} is not a readable .xlsx (truncated?: {_reason(exc)}); fetch it again "
            f"(the catalog names its publisher and sha256: 'bilateral sources')"
        ) from None
    except (ValueError, KeyError) as exc:
        raise BadInput(f"{path}: cannot read sheet {sheet!r} ({_reason(exc)})") from None


def _read_csv(path: Path, columns: dict[str, str], **kwargs) -> pd.DataFrame:
    """Read a CSV and check it has ``columns`` with the given kinds ('number' or 'text').

    The file is read in one piece (``low_memory=False``): pandas' chunked reading would print
    a DtypeWarning above the one-line error when a column mixes numbers and text.
    """
    kwargs.setdefault("low_memory", False)
    try:
        df = pd.read_csv(path, **kwargs)
    except (ValueError, *DAMAGED_FILE_ERRORS) as exc:
        raise BadInput(
            f"{path}: cannot be read as CSV ({_reason(exc)}); if it is truncated, fetch it again"
        ) from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise BadInput(
            f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}"
        )
    for col, kind in columns.items():
        if kind == "number" and not pd.api.types.is_numeric_dtype(df[col]):
            bad = df.loc[pd.to_numeric(df[col], errors="coerce").isna() & df[col].notna(), col]
            raise BadInput(
                f"{path}: column '{col}' must be numeric, found {quote(bad.iloc[0])}"
                if len(bad)
                else f"{path}: column '{col}' must be numeric"
            )
    if df.empty:
        raise BadInput(f"{path}: no rows")
    return df


def _check_range(path: Path, df: pd.DataFrame, col: str, lo: float, hi: float) -> None:
    bad = df.loc[~df[col].between(lo, hi), col].tolist()
    if bad:
        raise BadInput(f"{path}: column '{col}' has {quote(bad[0])}, expected {lo} to {hi}")


def _check_complete(path: Path, df: pd.DataFrame, cols: list[str]) -> None:
    for col in cols:
        if df[col].isna().any():
            row = int(df[col].isna().to_numpy().nonzero()[0][0]) + 2  # header is line 1
            raise BadInput(f"{path}: column '{col}' is empty on line {row}; expected a number")


def _check_not_negative(path: Path, df: pd.DataFrame, cols: list[str]) -> None:
    for col in cols:
        if (df[col] < 0).any():
            raise BadInput(f"{path}: column '{col}' has negative values; expected amounts >= 0")


def _map_labels(path: Path, labels: pd.Series, source: str) -> pd.Series:
    """Map a source's country labels to ISO3 (<NA> for non-country labels)."""
    mapping, unmatched = countries.map_source_names(labels.dropna().unique(), source)
    if unmatched:
        raise BadInput(
            f"{path}: unmatched country label(s) {', '.join(map(repr, sorted(unmatched)[:5]))}; "
            f"add them to the name fixes in analysis/countries.py"
        )
    return labels.map(mapping).astype("string")


def _check_dates(path: Path, df: pd.DataFrame, col: str) -> pd.Series:
    """Return column ``col`` as dates, or raise :class:`BadInput` naming the first bad one and
    its line; every value must be ``YYYY-MM-DD``."""
    dates = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        i = int(dates.isna().to_numpy().nonzero()[0][0])
        raise BadInput(
            f"{path}: bad {col} {quote(df[col].iloc[i])} on line {i + 2}; expected YYYY-MM-DD"
        )
    return dates


def _check_unique(path: Path, df: pd.DataFrame, keys: list[str]) -> None:
    dup = df.duplicated(keys)
    if dup.any():
        row = df.loc[dup, keys].iloc[0].to_dict()
        raise BadInput(f"{path}: duplicate rows for {row}; expected one row per {', '.join(keys)}")


@functools.cache
def load_armstat_trade(raw_dir: Path) -> pd.DataFrame:
    """Load Armstat's monthly merchandise trade of Armenia by partner.

    Returns
    -------
    DataFrame
        ``partner_label, partner (ISO3 or <NA>), year, month, exports, imports_origin,
        imports_consignment`` in USD million, one row per partner label and month.
    """
    path = raw_path(raw_dir, "armstat")
    num = {c: "number" for c in ("year", "month", "export", "import_origin", "import_consignment")}
    df = _read_csv(path, {"country": "text", **num}, encoding="utf-8-sig")
    _check_complete(path, df, list(num))
    _check_range(path, df, "month", 1, 12)
    _check_range(path, df, "year", 1991, 2100)
    _check_not_negative(path, df, ["export", "import_origin", "import_consignment"])
    df["country"] = df["country"].str.strip()
    _check_unique(path, df, ["country", "year", "month"])
    out = pd.DataFrame(
        {
            "partner_label": df["country"].astype("string"),
            "partner": _map_labels(path, df["country"], "armstat"),
            "year": df["year"].astype("int64"),
            "month": df["month"].astype("int64"),
            # thousand USD -> USD million
            "exports": df["export"] / 1000,
            "imports_origin": df["import_origin"] / 1000,
            "imports_consignment": df["import_consignment"] / 1000,
        }
    )
    return out.sort_values(["partner_label", "year", "month"], ignore_index=True)


def _parse_cba_header(path: Path, head: pd.DataFrame) -> pd.DataFrame:
    """Read the three header rows of the CBA workbook into one row per data column."""
    years = pd.to_numeric(head.iloc[0, 1:], errors="coerce").ffill()
    month_row = head.iloc[1, 1:]
    directions = head.iloc[2, 1:].astype("string").str.strip().str.lower()
    month, kind, cols = None, "total", []
    for j, label in month_row.items():
        text = str(label).strip() if pd.notna(label) else ""
        if text in MONTHS:
            month, kind = MONTHS.index(text) + 1, "total"
        elif text.lower().startswith("of which non-commercial"):
            kind = "non_commercial"
        elif text:
            raise BadInput(
                f"{path}: unexpected header {quote(text)} in column {j}; expected a month"
            )
        cols.append((j, years[j], month, kind, directions[j]))
    spec = pd.DataFrame(cols, columns=["col", "year", "month", "type", "direction"])
    if spec[["year", "month"]].isna().any().any():
        raise BadInput(f"{path}: header rows do not give a year and month for every column")
    spec["direction"] = spec["direction"].str.replace(" ", "_")
    bad = set(spec["direction"]) - {"inflow", "outflow", "net_inflow"}
    if bad:
        raise BadInput(f"{path}: unexpected direction(s) {sorted(bad)}; expected Inflow/Outflow")
    return spec


@functools.cache
def load_cba_transfers(raw_dir: Path) -> pd.DataFrame:
    """Load the CBA workbook of money transfers of individuals by country (monthly, USD).

    Reads the published wide layout of sheet ``monthly in USD``: a year row, a month row
    (with "of which non-commercial" blocks) and a direction row above one row per country.

    Returns
    -------
    DataFrame
        ``partner_label, partner (ISO3 or <NA>), year, month, type (total | non_commercial),
        direction (inflow | outflow | net_inflow), value`` in USD million.
    """
    path = raw_path(raw_dir, "cba")
    sheet = read_excel_sheet(path, "monthly in USD", header=None)
    if sheet.shape[0] < 6 or "thousand USD" not in str(sheet.iloc[2, 0]):
        raise BadInput(f"{path}: expected '(thousand USD)' in cell A3 of sheet 'monthly in USD'")
    spec = _parse_cba_header(path, sheet.iloc[2:5])
    body = sheet.iloc[5:].dropna(how="all")
    labels = body.iloc[:, 0].astype("string").str.strip()
    cells = body.iloc[:, 1:]
    values = cells.apply(pd.to_numeric, errors="coerce")
    text = values.isna() & cells.notna()
    if text.any().any():
        r, c = text.to_numpy().nonzero()
        raise BadInput(
            f"{path}: non-numeric cell {quote(cells.iloc[r[0], c[0]])} for {quote(labels.iloc[r[0]])}; "
            f"expected amounts in thousand USD"
        )
    # Empty cells are months a country was not reported (three in December 2024): no row.
    long = values.set_axis(spec.index, axis=1).set_axis(labels, axis=0).stack().dropna()
    long = long.rename("kusd")
    long.index.names = ["partner_label", "col"]
    df = long.reset_index().merge(spec.drop(columns="col"), left_on="col", right_index=True)
    _check_unique(path, df, ["partner_label", "year", "month", "type", "direction"])
    df["partner"] = _map_labels(path, df["partner_label"], "cba")
    df["year"] = df["year"].astype("int64")
    df["month"] = df["month"].astype("int64")
    df["value"] = df["kusd"] / 1000  # thousand USD -> USD million
    cols = ["partner_label", "partner", "year", "month", "type", "direction", "value"]
    return df[cols].sort_values(cols[:-1], ignore_index=True)


@functools.cache
def load_imf_dots(raw_dir: Path) -> pd.DataFrame:
    """Load IMF DOTS annual trade of every reporter with every partner.

    Returns
    -------
    DataFrame
        ``reporter, partner (ISO3 or <NA>), reporter_label, partner_label,
        flow (exports_fob | imports_cif), year, value (USD million), is_estimate``.
    """
    path = raw_path(raw_dir, "imf_dots")
    spec = {
        "reporter": "text",
        "partner": "text",
        "flow": "text",
        "year": "number",
        "value_musd": "number",
        "is_estimate": "text",
    }
    df = _read_csv(path, spec)
    _check_complete(path, df, ["reporter", "partner", "flow", "year", "value_musd"])
    bad_flow = set(df["flow"].unique()) - {"exports_fob", "imports_cif"}
    if bad_flow:
        raise BadInput(
            f"{path}: unknown flow(s) {sorted(bad_flow)}; expected exports_fob, imports_cif"
        )
    _check_range(path, df, "year", 1948, 2100)
    _check_not_negative(path, df, ["value_musd"])
    # The staged reshape repeats some rows exactly (16,203 of them, most for Nicaragua and for
    # partner rows listed twice in a workbook); identical repeats are dropped, conflicting
    # values for one key are an error.
    df = df.drop_duplicates()
    _check_unique(path, df, ["reporter", "partner", "flow", "year"])
    labels = pd.Series(pd.unique(pd.concat([df["reporter"], df["partner"]])))
    mapping, unmatched = countries.map_source_names(labels, "imf_dots")
    if unmatched:
        raise BadInput(
            f"{path}: unmatched country label(s) {', '.join(map(repr, sorted(unmatched)[:5]))}; "
            f"add them to the name fixes in analysis/countries.py"
        )
    out = pd.DataFrame(
        {
            "reporter": df["reporter"].map(mapping).astype("string"),
            "partner": df["partner"].map(mapping).astype("string"),
            "reporter_label": df["reporter"].astype("string"),
            "partner_label": df["partner"].astype("string"),
            "flow": df["flow"].astype("string"),
            "year": df["year"].astype("int64"),
            "value": df["value_musd"].astype("float64"),
            "is_estimate": df["is_estimate"].astype("string").str.lower().eq("true"),
        }
    )
    return out


@functools.cache
def load_wdi(raw_dir: Path) -> pd.DataFrame:
    """Load the World Bank WDI indicators this package uses (see :data:`WDI_CODES`).

    Returns
    -------
    DataFrame
        ``indicator (short name), iso3, year, value``; World Bank aggregates dropped.
    """
    path = raw_path(raw_dir, "wdi")
    df = _read_csv(
        path,
        {"indicator_code": "text", "country_code": "text", "year": "number", "value": "number"},
    )
    missing = set(WDI_CODES) - set(df["indicator_code"].unique())
    if missing:
        raise BadInput(
            f"{path}: indicator(s) {sorted(missing)} not found; expected {sorted(WDI_CODES)}"
        )
    df = df[df["indicator_code"].isin(list(WDI_CODES))]
    _check_range(path, df, "year", 1960, 2100)
    _check_unique(path, df, ["indicator_code", "country_code", "year"])
    iso3 = _map_labels(path, df["country_code"], "wdi")
    out = pd.DataFrame(
        {
            "indicator": df["indicator_code"].map(WDI_CODES).astype("string"),
            "iso3": iso3,
            "year": df["year"].astype("int64"),
            "value": df["value"].astype("float64"),
        }
    ).dropna(subset=["iso3", "value"])
    return out.sort_values(["indicator", "iso3", "year"], ignore_index=True)
