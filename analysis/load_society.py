"""Loaders for the society dimension: poll toplines, migrant stocks, remittance estimates.

Each loader reads one staged source in its own published layout, validates it and returns
a tidy frame with ISO3 codes (see :mod:`analysis.load` for the shared helpers and the
conventions: every problem raises :class:`~analysis.errors.BadInput` naming the file).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import pycountry

from analysis.errors import BadInput, quote
from analysis.html import safe_href
from analysis.load import (
    _check_complete,
    _check_not_negative,
    _check_range,
    _check_unique,
    _map_labels,
    _read_csv,
    raw_path,
    read_excel_sheet,
)

# --- poll toplines ------------------------------------------------------------------------------

#: Columns of the transcribed toplines file and what each holds.
TOPLINE_COLUMNS = {
    "survey_series": "text",
    "fieldwork_org_or_sponsor": "text",
    "wave": "text",
    "fieldwork_period": "text",
    "question": "text",
    "response": "text",
    "value_pct": "number",
    "source_url": "text",
    "source_date": "text",
    "note": "text",
}

#: A fieldwork period: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or two of them joined by ``..``.
_PERIOD = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\.\.(\d{4}(?:-\d{2}(?:-\d{2})?)?))?$")


def _period_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return the first and last day of a period such as ``2020-02-21..2020-03-15``.

    Returns None when ``text`` is not a period (e.g. ``unknown``).

    Examples
    --------
    >>> _period_bounds("2018-08")
    (Timestamp('2018-08-01 00:00:00'), Timestamp('2018-08-31 00:00:00'))
    >>> _period_bounds("unknown") is None
    True
    """
    m = _PERIOD.match(str(text).strip())
    if not m:
        return None
    first, last = m.group(1), m.group(2) or m.group(1)

    def bound(part: str, end: bool) -> pd.Timestamp:
        freq = {4: "Y", 7: "M", 10: "D"}[len(part)]
        period = pd.Period(part, freq=freq)
        return (period.end_time if end else period.start_time).normalize()

    start, stop = bound(first, False), bound(last, True)
    return (start, stop) if start <= stop else None


#: Hosts that served a publisher's pages before publication (a staging mirror), and the
#: publisher's own host: the transcription cites OC Media's December 2023 IRI article at its
#: staging mirror; the same path on oc-media.org is the published article (OC Media's articles
#: live at oc-media.org/<slug>, as the timeline's citations show).
MIRROR_HOSTS = {"ocmediatest.fourthestate.app": "oc-media.org"}


def _published_url(url):
    """Return ``url`` on the publisher's own host where it names a staging mirror.

    Examples
    --------
    >>> _published_url("https://ocmediatest.fourthestate.app/survey-x")
    'https://oc-media.org/survey-x'
    >>> _published_url("https://azatutyun.am/a/1.html")
    'https://azatutyun.am/a/1.html'
    """
    if not isinstance(url, str):
        return url
    parts = urlsplit(url)
    host = MIRROR_HOSTS.get((parts.hostname or "").lower())
    return urlunsplit(parts._replace(netloc=host)) if host else url


@functools.cache
def load_opinion_toplines(raw_dir: Path) -> pd.DataFrame:
    """Load the poll toplines transcribed from press reports (CRRC, IRI, EU NEIGHBOURS east).

    Each row is one reported share: a survey wave, a question, a response and the share of
    respondents giving it, with the page that reported it. The wave is dated by its fieldwork
    period; a wave whose fieldwork period is not reported is dated by the report's publication
    date and flagged (``dated_by == "publication"``).

    Returns
    -------
    DataFrame
        The file's columns (``value_pct`` as float) plus ``row`` (line number in the file),
        ``fieldwork_start``, ``fieldwork_end``, ``date`` (the middle of the fieldwork period,
        or the publication date), ``year`` (calendar year of ``date``) and ``dated_by``
        (``fieldwork`` | ``publication``).
    """
    path = raw_path(raw_dir, "press_toplines")
    df = _read_csv(
        path, TOPLINE_COLUMNS, dtype={c: "string" for c in TOPLINE_COLUMNS if c != "value_pct"}
    )
    required = [c for c in TOPLINE_COLUMNS if c not in ("source_date", "note")]
    for col in required:
        empty = df[col].isna() | (df[col].astype("string").str.strip() == "")
        if empty.any():
            line = int(empty.to_numpy().nonzero()[0][0]) + 2
            raise BadInput(
                f"{path}: column '{col}' is empty on line {line}; every topline needs it"
            )
    _check_complete(path, df, ["value_pct"])
    _check_range(path, df, "value_pct", 0, 100)
    bad_url = df["source_url"].map(lambda u: safe_href(u, fragment=False) is None).astype(bool)
    if bad_url.any():
        line = int(bad_url.to_numpy().nonzero()[0][0]) + 2
        raise BadInput(
            f"{path}: source_url on line {line} is not a web address; expected http(s)://"
        )
    if df.duplicated().any():
        line = int(df.duplicated().to_numpy().nonzero()[0][0]) + 2
        raise BadInput(f"{path}: line {line} repeats an earlier line; each report once")
    out = df.assign(row=range(2, len(df) + 2))
    out["source_url"] = out["source_url"].map(_published_url).astype("string")
    starts, ends, dates, dated_by = [], [], [], []
    for rec in out.itertuples():
        bounds = _period_bounds(rec.fieldwork_period)
        if bounds:
            start, end = bounds
            starts.append(start)
            ends.append(end)
            dates.append((start + (end - start) / 2).normalize())
            dated_by.append("fieldwork")
            continue
        published = _period_bounds(rec.source_date) if pd.notna(rec.source_date) else None
        if not published:
            raise BadInput(
                f"{path}: line {rec.row} has neither a fieldwork period nor a publication date "
                f"({quote(rec.fieldwork_period)}, {quote(rec.source_date)}); expected e.g. 2020-02..2020-03"
            )
        starts.append(pd.NaT)
        ends.append(pd.NaT)
        dates.append(published[0])
        dated_by.append("publication")
    out["fieldwork_start"] = pd.to_datetime(pd.Series(starts, index=out.index))
    out["fieldwork_end"] = pd.to_datetime(pd.Series(ends, index=out.index))
    out["date"] = pd.to_datetime(pd.Series(dates, index=out.index))
    out["year"] = out["date"].dt.year.astype("int64")
    out["dated_by"] = pd.Series(dated_by, index=out.index, dtype="string")
    out["value_pct"] = out["value_pct"].astype("float64")
    for col in TOPLINE_COLUMNS:
        if col != "value_pct":
            out[col] = out[col].str.strip()
    return out.reset_index(drop=True)


# --- UN DESA International Migrant Stock 2024 ---------------------------------------------------

UNDESA_COLUMNS = {
    "year": "number",
    "orig": "text",
    "dest": "text",
    "dest_name": "text",
    "dest_iso3n": "number",
    "orig_name": "text",
    "orig_iso3n": "number",
    "stock": "number",
    "stock_male": "number",
    "stock_female": "number",
}


def _check_iso3(path: Path, df: pd.DataFrame, code_col: str, num_col: str) -> None:
    """Check that an ISO3 column holds ISO 3166 codes matching the ISO numeric column."""
    for code, num in df[[code_col, num_col]].drop_duplicates().itertuples(index=False):
        entry = pycountry.countries.get(alpha_3=str(code))
        if entry is None:
            raise BadInput(f"{path}: {code_col} {quote(code)} is not an ISO 3166 alpha-3 code")
        if int(entry.numeric) != int(num):
            raise BadInput(
                f"{path}: {code_col} {code} has {num_col} {num}; ISO 3166 gives {int(entry.numeric)}"
            )


@functools.cache
def load_undesa_migrant_stock(raw_dir: Path) -> pd.DataFrame:
    """Load the UN DESA International Migrant Stock 2024 extract (origin x destination).

    Returns
    -------
    DataFrame
        ``origin, destination, year, stock, stock_male, stock_female`` (persons at mid-year,
        by country of birth), one row per origin, destination and year.
    """
    path = raw_path(raw_dir, "undesa_ims")
    df = _read_csv(path, UNDESA_COLUMNS)
    nums = [c for c, k in UNDESA_COLUMNS.items() if k == "number"]
    _check_complete(path, df, nums)
    _check_range(path, df, "year", 1990, 2100)
    _check_not_negative(path, df, ["stock", "stock_male", "stock_female"])
    _check_iso3(path, df, "orig", "orig_iso3n")
    _check_iso3(path, df, "dest", "dest_iso3n")
    _check_unique(path, df, ["orig", "dest", "year"])
    sexes = df["stock_male"] + df["stock_female"]
    if (sexes != df["stock"]).any():
        row = df.loc[sexes != df["stock"]].iloc[0]
        raise BadInput(
            f"{path}: stock {row['stock']} for {row['orig']}->{row['dest']} {row['year']} is not "
            f"male + female ({row['stock_male']} + {row['stock_female']})"
        )
    out = pd.DataFrame(
        {
            "origin": df["orig"].astype("string"),
            "destination": df["dest"].astype("string"),
            "year": df["year"].astype("int64"),
            "stock": df["stock"].astype("float64"),
            "stock_male": df["stock_male"].astype("float64"),
            "stock_female": df["stock_female"].astype("float64"),
        }
    )
    return out.sort_values(["origin", "destination", "year"], ignore_index=True)


# --- World Bank / KNOMAD bilateral matrices 2017 ------------------------------------------------

#: Cell markers in the World Bank matrices that stand for "not available" (no value, no row):
#: the remittance matrix has "-" for India-Pakistan and Israel-Lebanon in both directions.
WB_MISSING_MARKERS = ("-",)

#: Sheet and top-left header of each matrix (rows are origins/senders, columns destinations).
WB_MATRICES = {
    "migrant_stock": ("Bilateral_Migration_2017", "destination (across) / origin (down)"),
    "remittances": ("Bilateral_Remittances_2017", "receiving (across) / sending (down)"),
}


def _read_wb_matrix(path: Path, kind: str) -> pd.DataFrame:
    """Read one wide World Bank matrix into ``row_label, col_label, value`` (long)."""
    sheet, corner = WB_MATRICES[kind]
    # Only empty cells are missing; "-" is handled below, any other text is an error.
    df = read_excel_sheet(path, sheet, header=1, keep_default_na=False, na_values=[""])
    if not str(df.columns[0]).strip().lower().startswith(corner):
        raise BadInput(
            f"{path}: cell A2 of sheet {quote(sheet)} is {quote(str(df.columns[0]))}; expected {quote(corner)}"
        )
    labels = df.iloc[:, 0]
    # The matrix ends at the first empty row; what follows are the notes.
    blank = labels.isna().to_numpy().nonzero()[0]
    body = df.iloc[: blank[0] if len(blank) else len(df)]
    if body.empty:
        raise BadInput(f"{path}: sheet {quote(sheet)} has no rows below the header")
    cells = body.iloc[:, 1:].replace(list(WB_MISSING_MARKERS), float("nan"))
    values = cells.apply(pd.to_numeric, errors="coerce")
    text = values.isna() & cells.notna()
    if text.any().any():
        r, c = text.to_numpy().nonzero()
        raise BadInput(
            f"{path}: non-numeric cell {quote(cells.iloc[r[0], c[0]])} in row {quote(body.iloc[r[0], 0])}, "
            f"column {quote(cells.columns[c[0]])}; expected numbers or '-'"
        )
    if (values < 0).any().any():
        raise BadInput(f"{path}: negative values in sheet {quote(sheet)}; expected amounts >= 0")
    values.index = body.iloc[:, 0].astype("string").str.strip()
    values.columns = [str(c).strip() for c in values.columns]
    if values.index.duplicated().any() or pd.Index(values.columns).duplicated().any():
        raise BadInput(
            f"{path}: a country appears twice in sheet {quote(sheet)}; expected one row/column each"
        )
    long = values.stack(future_stack=True).rename("value").reset_index()
    long.columns = ["row_label", "col_label", "value"]
    return long.dropna(subset=["value"]).reset_index(drop=True)


def _wb_long(path: Path, kind: str, row_name: str, col_name: str) -> pd.DataFrame:
    long = _read_wb_matrix(path, kind)
    rows = _map_labels(path, long["row_label"], "wb_matrix")
    cols = _map_labels(path, long["col_label"], "wb_matrix")
    out = pd.DataFrame(
        {
            row_name: rows,
            col_name: cols,
            f"{row_name}_label": long["row_label"].astype("string"),
            f"{col_name}_label": long["col_label"].astype("string"),
            "year": 2017,
            "value": long["value"].astype("float64"),
        }
    )
    return out.sort_values([f"{row_name}_label", f"{col_name}_label"], ignore_index=True)


@functools.cache
def load_wb_migrant_stock(raw_dir: Path) -> pd.DataFrame:
    """Load the World Bank bilateral migrant-stock matrix 2017 (persons, origin x destination).

    Returns
    -------
    DataFrame
        ``origin, destination`` (ISO3, <NA> for totals and residuals such as "World" or
        "Other South"), ``origin_label, destination_label, year (2017), value`` (persons).
    """
    path = raw_path(raw_dir, "wb_bilateral_2017", 0)
    return _wb_long(path, "migrant_stock", "origin", "destination")


@functools.cache
def load_wb_remittances(raw_dir: Path) -> pd.DataFrame:
    """Load the World Bank bilateral remittance estimates 2017 (USD million, sender x receiver).

    These are analytical estimates (migrant stocks times incomes), not reported flows.

    Returns
    -------
    DataFrame
        ``sender, receiver`` (ISO3 or <NA> for "WORLD"), ``sender_label, receiver_label,
        year (2017), value`` (USD million).
    """
    path = raw_path(raw_dir, "wb_bilateral_2017", 1)
    return _wb_long(path, "remittances", "sender", "receiver")
