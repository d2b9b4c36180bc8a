"""Event-data loaders: GDELT 1.0 and 2.0 event files and ICEWS event files, from any path.

No Armenia-Russia event file is staged, so these loaders read files users bring. Download
GDELT event files from http://data.gdeltproject.org/events/index.html (1.0, daily
``YYYYMMDD.export.CSV.zip``) or http://data.gdeltproject.org/gdeltv2/masterfilelist.txt (2.0,
15-minute ``YYYYMMDDHHMMSS.export.CSV.zip``), or ICEWS yearly files (``events.YYYY.*.tab``)
from Harvard Dataverse (doi:10.7910/DVN/28075), then run for example::

    bilateral events ARM RUS 20230901.export.CSV.zip 20230902.export.CSV.zip --format gdelt1
    bilateral events ARM RUS events.2018.tab --format icews --undirected > arm_rus.csv

or in Python::

    from analysis.load_events import load_events
    from analysis.indicators.events import aggregate_pair_monthly
    monthly = aggregate_pair_monthly(load_events(["file.export.CSV.zip"], "gdelt2"), "ARM", "RUS")

Formats read:

- GDELT 1.0 / 2.0 as published: tab-separated, **no header**, one event per line; 1.0 has 57
  fields in the historical backfiles (to March 2013) and 58 in the daily files (``SOURCEURL``
  added), 2.0 has 61 (three ``*_ADM2Code`` fields added). ``.zip`` and ``.gz`` files are read
  directly. Files with a header row naming the same fields (tab- or comma-separated, extra
  columns ignored, as written by gdeltPyR) are read too.
- ICEWS as published on Dataverse: tab-separated **with a header** (``Event ID``, ``Event
  Date``, ``Source Country``, ``CAMEO Code``, ``Intensity``, ``Target Country``, ...);
  snake_case headers (``event_id``, ...) and comma separation are accepted too.

Every loader returns the same standard frame, :data:`EVENT_COLUMNS`: one row per event with
its date, the source (acting) and target countries as ISO3 (``<NA>`` when the actor has no
country or the label is not a country), the labels as published, the CAMEO event and root
codes, the CAMEO quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict) and the Goldstein score (-10 to +10).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gzip
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from analysis import config, countries
from analysis.errors import BadInput, quote
from analysis.fileio import check_file
from analysis.load import raw_path

#: GDELT 1.0 event fields in file order (GDELT-Data_Format_Codebook; the 57-field backfiles
#: stop before SOURCEURL).
GDELT1_FIELDS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
    "NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_Lat "
    "Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_Lat "
    "Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_Lat "
    "ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()


def _gdelt2_fields() -> list[str]:
    """GDELT 2.0 fields: the 1.0 fields with ``*Geo_ADM2Code`` after each ``*Geo_ADM1Code``."""
    out = []
    for name in GDELT1_FIELDS:
        out.append(name)
        if name.endswith("Geo_ADM1Code"):
            out.append(name.replace("ADM1", "ADM2"))
    return out


#: GDELT 2.0 event fields in file order (GDELT-Event_Codebook-V2.0).
GDELT2_FIELDS = _gdelt2_fields()

#: Number of tab-separated fields of a published file, per format.
GDELT_FIELD_COUNTS = {"gdelt1": (57, 58), "gdelt2": (61,)}

#: The fields the loaders read (GDELT names).
GDELT_USED = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "DATEADDED",
]

#: ICEWS columns the loader reads (as published; snake_case versions are accepted too).
ICEWS_USED = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Country",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Country",
]

#: Labels ICEWS uses for "no country" (the R package writes NA; Dataverse files leave it empty).
ICEWS_MISSING = ("", "NA")

#: The standard event frame every loader returns.
EVENT_COLUMNS = [
    "event_id",
    "date",
    "source_country",
    "target_country",
    "source_label",
    "target_label",
    "event_code",
    "root_code",
    "quad_class",
    "goldstein",
]

#: Formats :func:`load_events` reads.
EVENT_FORMATS = ("gdelt1", "gdelt2", "icews")
#: What an event file is, for messages about a missing one or a folder given instead.
EVENT_FILE_HINT = "give a downloaded GDELT export (.CSV or .zip) or ICEWS .tab file"

#: CAMEO root codes (01-20) of each quad class (GDELT codebook, QuadClass).
QUAD_ROOTS = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}


def quad_class_of_root(root: int) -> int:
    """Return the CAMEO quad class (1-4) of a root code (1-20).

    Examples
    --------
    >>> [quad_class_of_root(r) for r in (4, 7, 11, 19)]
    [1, 2, 3, 4]
    """
    for quad, roots in QUAD_ROOTS.items():
        if root in roots:
            return quad
    raise BadInput(f"CAMEO root code {quote(root)} is outside 01-20")


#: Largest decompressed size of one event file, in MiB: a 1 MB zip can inflate to gigabytes (a
#: "zip bomb"), so every file is read as a stream and refused past this size. GDELT daily files
#: are tens of MB and ICEWS yearly files a few hundred; ``bilateral events --max-mb N`` raises it.
MAX_FILE_MB = config.EVENT_FILE_MAX_MB
#: Longest line of an event file, in bytes (GDELT lines are under 2 KB): a file of one endless
#: line is refused as soon as the line passes it, before it is held in memory.
MAX_LINE_BYTES = 1 << 20
#: Most times a compressed event file may inflate (GDELT and ICEWS files inflate 5-10 times): a
#: zip bomb of valid-looking lines would otherwise be held in memory up to the size limit. At 20, a
#: 4 MB zip of 1 GiB of GDELT lines is refused after 80 MB, at about 250 MB of memory.
MAX_INFLATION = 20
#: Decompressed bytes always allowed, whatever the ratio (a small compressed file).
INFLATION_FLOOR = 64 << 20
#: Rows parsed at a time; only the used fields of each chunk are kept.
CHUNK_ROWS = 25_000


class _LimitedStream(io.RawIOBase):
    """A read-only byte stream that stops with BadInput past a total size or a line length."""

    def __init__(
        self, raw, path: Path, max_bytes: int, max_line: int = MAX_LINE_BYTES, packed: int = 0
    ):
        self._raw, self._path = raw, path
        self._max_bytes, self._max_line = max_bytes, max_line
        # a compressed file (``packed``: its size on disk) may inflate MAX_INFLATION times
        self._max_inflated = max(INFLATION_FLOOR, MAX_INFLATION * packed) if packed else 0
        self.total = 0
        self._run = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        if not n:
            return 0
        self.total += n
        if self.total > self._max_bytes:
            raise BadInput(
                f"{self._path}: more than {self._max_bytes // (1 << 20):,} MiB once decompressed, "
                f"the limit for one event file (a damaged file or a zip bomb?); split the file, "
                f"or pass --max-mb N if it is genuine"
            )
        if self._max_inflated and self.total > self._max_inflated:
            raise BadInput(
                f"{self._path}: inflates more than {MAX_INFLATION} times its size on disk "
                f"(event files inflate 5-10 times; a zip bomb?); expected a GDELT or ICEWS file"
            )
        data = bytes(memoryview(buffer)[:n])
        first, last = data.find(b"\n"), data.rfind(b"\n")
        longest = self._run + (n if first < 0 else first)
        if first >= 0 and n > self._max_line:
            longest = max(longest, *(len(part) for part in data[first + 1 : last].split(b"\n")))
        if longest > self._max_line:
            raise BadInput(
                f"{self._path}: a line longer than {self._max_line:,} bytes, the limit for an "
                f"event file (GDELT and ICEWS lines are under 2 KB); expected one event per line"
            )
        self._run = longest if first < 0 else n - last - 1
        return n


@contextlib.contextmanager
def _open_stream(path: Path, max_mb: int = MAX_FILE_MB) -> Iterator[io.BufferedReader]:
    """Open a text, ``.gz`` or single-file ``.zip`` event file as a size-limited byte stream."""
    try:
        with contextlib.ExitStack() as stack:
            suffix = path.suffix.lower()
            if suffix == ".zip":
                zf = stack.enter_context(zipfile.ZipFile(path))
                names = zf.namelist()
                if len(names) != 1:
                    raise BadInput(f"{path}: the zip holds {len(names)} files; expected one")
                raw = stack.enter_context(zf.open(names[0]))
            elif suffix == ".gz":
                raw = stack.enter_context(gzip.open(path, "rb"))
            else:
                raw = stack.enter_context(open(path, "rb"))
            packed = path.stat().st_size if suffix in (".zip", ".gz") else 0
            limited = _LimitedStream(raw, path, max_mb << 20, packed=packed)
            yield io.BufferedReader(limited, 1 << 16)
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BadInput(f"{path}: cannot be read ({first})") from None


def _first_line(path: Path, max_mb: int = MAX_FILE_MB) -> str:
    """Return the first line of a text, ``.gz`` or single-file ``.zip`` file."""
    with _open_stream(path, max_mb) as fh:
        raw = fh.readline(MAX_LINE_BYTES + 2)
    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    if not line.strip():
        raise BadInput(f"{path}: the first line is empty; expected an event record or a header")
    return line


def _read_table(
    path: Path,
    reduce=None,
    max_mb: int = MAX_FILE_MB,
    **kwargs,
) -> pd.DataFrame:
    """Read a delimited file in chunks of :data:`CHUNK_ROWS`, keeping ``reduce(chunk, row0)``.

    ``row0`` is the 0-based number of the chunk's first data row in the file. The file is read
    as a stream limited to ``max_mb`` MiB once decompressed and to lines of
    :data:`MAX_LINE_BYTES`, so a zip bomb is refused after reading at most that much.
    """
    parts, row0 = [], 0
    try:
        with _open_stream(path, max_mb) as fh:
            reader = pd.read_csv(
                fh, dtype=str, keep_default_na=False, encoding="utf-8", chunksize=CHUNK_ROWS,
                **kwargs,
            )  # fmt: skip
            with reader:
                for chunk in reader:
                    parts.append(chunk if reduce is None else reduce(chunk, row0))
                    row0 += len(chunk)
    except (pd.errors.ParserError, ValueError, EOFError, UnicodeDecodeError) as exc:
        if isinstance(exc, BadInput):
            raise
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise BadInput(f"{path}: cannot be read as an event file ({first})") from None
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _line_of(df: pd.DataFrame, mask: pd.Series, offset: int) -> int:
    return int(mask.to_numpy().nonzero()[0][0]) + offset


def _parse_dates(path: Path, values: pd.Series, offset: int, what: str) -> pd.Series:
    """Parse YYYYMMDD or YYYY-MM-DD dates; fail naming the first bad line."""
    text = values
    dates = pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    if dates.isna().any():  # the ISO form only where the published compact form fails
        rest = dates.isna()
        dates[rest] = pd.to_datetime(text[rest], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = dates.isna()
        raise BadInput(
            f"{path}: {what} {quote(text[bad].iloc[0])} on line {_line_of(values, bad, offset)} is not "
            f"a date; expected YYYYMMDD or YYYY-MM-DD"
        )
    return dates


def _numbers(path: Path, values: pd.Series, offset: int, what: str, lo: float, hi: float):
    nums = pd.to_numeric(values, errors="coerce")
    bad = nums.isna() | ~nums.between(lo, hi)
    if bad.any():
        raise BadInput(
            f"{path}: {what} {quote(values[bad].iloc[0])} on line {_line_of(values, bad, offset)}; "
            f"expected a number from {lo:g} to {hi:g}"
        )
    return nums


def _cameo_codes(path: Path, codes: pd.Series, offset: int, what: str) -> pd.Series:
    bad = ~codes.str.fullmatch(r"(?:0[1-9]|1\d|20)\d{0,2}")  # root 01-20, 2 to 4 digits
    if bad.any():
        raise BadInput(
            f"{path}: {what} {quote(codes[bad].iloc[0])} on line {_line_of(codes, bad, offset)} is "
            f"not a CAMEO event code; expected 2 to 4 digits starting 01-20 (e.g. 036)"
        )
    return codes


def _country_codes(labels: pd.Series) -> pd.Series:
    """GDELT actor country codes (CAMEO, ISO 3166 alpha-3 for countries) -> ISO3 or <NA>.

    CAMEO codes that are not ISO3 country codes (regions such as ``EUR`` or ``AFR``,
    organisations) give <NA>; :func:`unmatched_labels` lists them.
    """
    registry = countries._registry()
    upper = labels.str.upper()
    return upper.where(upper.isin(list(registry))).astype("string")


def _check_unique_ids(path: Path, ids: pd.Series, offset: int) -> None:
    dup = ids.duplicated()
    if dup.any():
        raise BadInput(
            f"{path}: event id {quote(ids[dup].iloc[0])} appears twice (line "
            f"{_line_of(ids, dup, offset)}); expected one line per event"
        )


def load_gdelt_events(path: str | Path, version: int, max_mb: int = MAX_FILE_MB) -> pd.DataFrame:
    """Load one GDELT 1.0 or 2.0 event file into the standard event frame.

    Parameters
    ----------
    path : str or Path
        A GDELT event file (``*.export.CSV``, ``.zip`` or ``.gz``) as published (tab-separated,
        no header), or a file with a header row naming the GDELT fields.
    version : {1, 2}
        GDELT 1.0 (57 or 58 fields) or 2.0 (61 fields).
    max_mb : int
        Largest size of the file once decompressed, in MiB (:data:`MAX_FILE_MB`).

    Returns
    -------
    DataFrame
        :data:`EVENT_COLUMNS`; the date is the event date (``SQLDATE``), the quad class and
        Goldstein score are GDELT's ``QuadClass`` and ``GoldsteinScale``.

    Raises
    ------
    BadInput
        A missing or unreadable file, a wrong number of fields, a bad date, quad class,
        Goldstein score or CAMEO code, or a repeated event id (the message names the line).
    """
    path = Path(path)
    fmt = f"gdelt{version}"
    if fmt not in GDELT_FIELD_COUNTS:
        raise BadInput(f"GDELT version {quote(version)} is not known; give 1 or 2")
    check_file(path, "event file not found", EVENT_FILE_HINT, "event file")
    fields = GDELT1_FIELDS if version == 1 else GDELT2_FIELDS
    first = _first_line(path, max_mb)
    if first.strip().upper().startswith("GLOBALEVENTID"):
        sep = "\t" if "\t" in first else ","
        by_upper = {c.strip().upper(): c for c in next(csv.reader([first], delimiter=sep))}
        missing = [f for f in GDELT_USED if f.upper() not in by_upper]
        if missing:
            raise BadInput(
                f"{path}: header lacks {', '.join(missing)}; expected the GDELT {version}.0 fields"
            )
        used = [by_upper[f.upper()] for f in GDELT_USED]
        df = _read_table(path, lambda c, _: c[used].set_axis(GDELT_USED, axis=1), max_mb, sep=sep)
        offset = 2  # line 1 is the header
    else:
        n = len(first.split("\t"))
        if n not in GDELT_FIELD_COUNTS[fmt]:
            other = {"gdelt1": "GDELT 2.0 has 61", "gdelt2": "GDELT 1.0 has 57 or 58"}[fmt]
            counts = " or ".join(map(str, GDELT_FIELD_COUNTS[fmt]))
            raise BadInput(
                f"{path}: line 1 has {n} tab-separated fields; GDELT {version}.0 event files have "
                f"{counts} ({other}); check --format"
            )

        # Every field is read (no usecols): only then does the parser refuse a line with more
        # fields than the first; a shorter line leaves DATEADDED (always filled) empty.
        def reduce(chunk: pd.DataFrame, row0: int) -> pd.DataFrame:
            short = chunk["DATEADDED"].isna() | (chunk["DATEADDED"].str.strip() == "")
            if short.any():
                raise BadInput(
                    f"{path}: line {_line_of(chunk, short, row0 + 1)} has fewer than {n} "
                    f"tab-separated fields; expected {n} on every line"
                )
            return chunk[GDELT_USED]

        df = _read_table(
            path, reduce, max_mb, sep="\t", header=None, names=fields[:n], quoting=csv.QUOTE_NONE
        )
        offset = 1
    if df.empty:
        raise BadInput(f"{path}: no event records")
    df = pd.DataFrame({c: df[c].str.strip() for c in GDELT_USED})  # once per used field
    _check_unique_ids(path, df["GLOBALEVENTID"], offset)
    quad = _numbers(path, df["QuadClass"], offset, "QuadClass", 1, 4)
    bad = quad != quad.round()
    if bad.any():
        raise BadInput(
            f"{path}: QuadClass {quote(df['QuadClass'][bad].iloc[0])} on line "
            f"{_line_of(df, bad, offset)}; expected 1, 2, 3 or 4"
        )
    out = pd.DataFrame(
        {
            "event_id": df["GLOBALEVENTID"].astype("string"),
            "date": _parse_dates(path, df["SQLDATE"], offset, "SQLDATE"),
            "source_country": _country_codes(df["Actor1CountryCode"]),
            "target_country": _country_codes(df["Actor2CountryCode"]),
            "source_label": df["Actor1CountryCode"].replace("", pd.NA).astype("string"),
            "target_label": df["Actor2CountryCode"].replace("", pd.NA).astype("string"),
            "event_code": _cameo_codes(path, df["EventCode"], offset, "EventCode").astype("string"),
            "root_code": _cameo_codes(path, df["EventRootCode"], offset, "EventRootCode").astype(
                "string"
            ),
            "quad_class": quad.astype("int64"),
            "goldstein": _numbers(path, df["GoldsteinScale"], offset, "GoldsteinScale", -10, 10),
        }
    )
    return out[EVENT_COLUMNS]


def _icews_column(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def load_icews_events(path: str | Path, max_mb: int = MAX_FILE_MB) -> pd.DataFrame:
    """Load one ICEWS event file (tab-separated with a header) into the standard event frame.

    Country names are mapped to ISO3 with the ``icews`` fixes of :mod:`analysis.countries`;
    names that do not map stay <NA> (listed by :func:`unmatched_labels`). The quad class is
    derived from the CAMEO root code; the Goldstein score is ICEWS's ``Intensity``.

    Raises
    ------
    BadInput
        A missing or unreadable file, missing columns, a bad date, CAMEO code or intensity,
        or a repeated event id (the message names the line).
    """
    path = Path(path)
    check_file(path, "event file not found", EVENT_FILE_HINT, "event file")
    first = _first_line(path, max_mb)
    sep = "\t" if "\t" in first else ","
    # Published files are tab-separated without quoting; comma-separated copies quote fields.
    quoting = csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL
    header = first.split("\t") if sep == "\t" else next(csv.reader([first]))
    names = {_icews_column(c): c for c in header}
    missing = [c for c in ICEWS_USED if _icews_column(c) not in names]
    if missing:
        raise BadInput(
            f"{path}: missing column(s) {', '.join(missing)}; expected an ICEWS event file "
            f"(tab-separated, header row with {', '.join(ICEWS_USED)})"
        )
    used = [names[_icews_column(c)] for c in ICEWS_USED]
    df = _read_table(
        path,
        lambda c, _: c[used].set_axis(ICEWS_USED, axis=1),
        max_mb,
        sep=sep,
        quoting=quoting,
    )
    if df.empty:
        raise BadInput(f"{path}: no event records")
    df = df.apply(lambda col: col.str.strip())
    offset = 2
    _check_unique_ids(path, df["Event ID"], offset)
    codes = _cameo_codes(path, df["CAMEO Code"], offset, "CAMEO Code")
    roots = codes.str.slice(0, 2)
    labels = {}
    for side in ("Source", "Target"):
        lab = df[f"{side} Country"]
        labels[side] = lab.where(~lab.isin(ICEWS_MISSING)).astype("string")
    mapping, _ = countries.map_source_names(
        pd.concat([labels["Source"], labels["Target"]]).dropna().unique(), "icews"
    )
    out = pd.DataFrame(
        {
            "event_id": df["Event ID"].astype("string"),
            "date": _parse_dates(path, df["Event Date"], offset, "Event Date"),
            "source_country": labels["Source"].map(mapping).astype("string"),
            "target_country": labels["Target"].map(mapping).astype("string"),
            "source_label": labels["Source"],
            "target_label": labels["Target"],
            "event_code": codes.astype("string"),
            "root_code": roots.astype("string"),
            "quad_class": roots.astype("int64").map(quad_class_of_root).astype("int64"),
            "goldstein": _numbers(path, df["Intensity"], offset, "Intensity", -10, 10),
        }
    )
    return out[EVENT_COLUMNS]


def load_events(
    paths: str | Path | Iterable[str | Path], fmt: str, max_mb: int = MAX_FILE_MB
) -> pd.DataFrame:
    """Load one or more event files of one format into one standard event frame.

    Parameters
    ----------
    paths : path or iterable of paths
        Event files as downloaded (GDELT ``.export.CSV.zip``, ICEWS ``.tab``).
    fmt : {"gdelt1", "gdelt2", "icews"}
    max_mb : int
        Largest size of one file once decompressed, in MiB (:data:`MAX_FILE_MB`); a larger
        file, or a line longer than :data:`MAX_LINE_BYTES`, is bad input.

    Raises
    ------
    BadInput
        An unknown format, a bad file, or one event id in two files.
    """
    if fmt not in EVENT_FORMATS:
        raise BadInput(f"unknown event format {quote(fmt)}; give one of {', '.join(EVENT_FORMATS)}")
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    if not paths:
        raise BadInput("no event file given; give at least one file")
    frames = [
        load_icews_events(p, max_mb)
        if fmt == "icews"
        else load_gdelt_events(p, int(fmt[-1]), max_mb)
        for p in paths
    ]
    events = pd.concat(frames, ignore_index=True)
    dup = events["event_id"].duplicated()
    if dup.any():
        raise BadInput(
            f"event id {events.loc[dup, 'event_id'].iloc[0]} appears in two of the files; give "
            f"each file once"
        )
    return events


def unmatched_labels(events: pd.DataFrame) -> list[str]:
    """Return the actor country labels that did not map to a country (sorted)."""
    labels = []
    for side in ("source", "target"):
        lab = events[f"{side}_label"]
        labels += lab[lab.notna() & events[f"{side}_country"].isna()].tolist()
    return sorted(set(labels))


# --- the staged format tables -------------------------------------------------------------------


@functools.cache
def load_cameo_codes(raw_dir: Path) -> pd.DataFrame:
    """Load GDELT's CAMEO event-code table: code, description, Goldstein score, quad class."""
    path = raw_path(raw_dir, "gdelt", 2)
    df = _read_table(path, sep="\t")
    need = ["cameoCode", "Description", "GoldsteinScale"]
    if [c for c in need if c not in df.columns]:
        raise BadInput(f"{path}: expected columns {', '.join(need)}")
    codes = _cameo_codes(path, df["cameoCode"].str.strip(), 2, "cameoCode")
    out = pd.DataFrame(
        {
            "code": codes.astype("string"),
            "description": df["Description"].str.strip().astype("string"),
            "goldstein": _numbers(
                path, df["GoldsteinScale"].str.strip(), 2, "GoldsteinScale", -10, 10
            ),
            "quad_class": codes.str.slice(0, 2).astype("int64").map(quad_class_of_root),
        }
    )
    if out["code"].duplicated().any():
        raise BadInput(f"{path}: a CAMEO code appears twice; expected one row per code")
    return out


def read_gdelt_header_file(path: Path) -> list[str]:
    """Return the field names of a GDELT column-label file (the staged Sep 2016 headers)."""
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix == ".csv":
        table = pd.read_csv(io.StringIO(text))
        return table["tableId"].astype(str).str.strip().tolist()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[1:] if lines and lines[0] == "tableId" else lines
