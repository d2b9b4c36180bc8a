"""Schemas of the embedded data, checked on read: every processed table and ``catalog.yml``.

One small schema per file of ``data/processed/`` (:data:`PROCESSED`): its columns in order with
a kind each (``text``, ``int``, ``float``, ``bool``), the columns that may be empty, and the
columns that identify a row. :func:`read_processed` reads a table and checks it; a damaged file
(wrong header, extra fields, empty, not UTF-8, text in a number column, a repeated key, a last
line cut short) is :class:`~analysis.errors.BadInput` naming the file, the line and the column,
with the remedy: rebuild it with ``bilateral data build``. :func:`check_catalog` does the same
for the parsed catalog.

The checks are explicit pandas operations on the frame pandas has already typed (pandera was
considered: it would add a dependency and its import to every process for a dozen columns per
table). On the embedded panel (20,000 rows) they add about 6 ms to a 10 ms read, once per
process (the datastore keeps the frame).

Line numbers count one line per row (the build writes no line breaks inside fields).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import BadInput

REBUILD = "rebuild with 'bilateral data build'"


@dataclass(frozen=True)
class TableSchema:
    """Columns (name -> kind) in file order, the columns that may be empty, the row key."""

    columns: dict[str, str]
    optional: frozenset[str] = frozenset()
    key: tuple[str, ...] = ()


def _schema(columns: str, optional: str = "", key: str = "") -> TableSchema:
    """Build a schema from ``"name:kind name:kind ..."`` (kind defaults to text)."""
    cols = dict((c.split(":") + ["text"])[:2] for c in columns.split())
    return TableSchema(cols, frozenset(optional.split()), tuple(key.split()))


#: The schema of each processed table (a table the build writes must have one: a test says so).
PROCESSED: dict[str, TableSchema] = {
    "panel.csv": _schema(
        "country_a country_b indicator year:int value:float unit source lo:float hi:float",
        optional="lo hi",
        key="country_a country_b indicator year",
    ),
    "monthly.csv": _schema(
        "country_a country_b indicator month value:float unit source",
        key="country_a country_b indicator month",
    ),
    "partners.csv": _schema(
        "country_a year:int rank:int partner total:float share:float source",
        key="country_a year partner",
    ),
    "cow_countries.csv": _schema("cow:int cow_abb cow_name iso3", optional="iso3", key="cow"),
    "key_votes.csv": _schema(
        "country_a country_b resolution date title vote_a vote_b same_vote:bool undl_id:int url",
        key="country_a country_b resolution",
    ),
    "leader_contact_events.csv": _schema(
        "date year:int country_a country_b indicator format place leader_a leader_b title "
        "source_publisher source_url",
        optional="format place",
        key="date indicator",
    ),
    "opinion_toplines.csv": _schema(
        "survey_series fieldwork_org_or_sponsor wave fieldwork_period date year:int dated_by "
        "question measure response country_a country_b indicator value_pct:float primary:bool "
        "source_url source_date note line:int",
        optional="country_b indicator source_date note",
        key="line",
    ),
    "opinion_microdata.csv": _schema(
        "survey_series fieldwork_org_or_sponsor wave fieldwork_period date year:int variable "
        "question measure code:int response country_a country_b indicator value_pct:float "
        "lo:float hi:float se_pct:float n_respondents:int n_answer:int n_eff_kish:float "
        "deff:float n_psu:int n_strata:int weight_variable source",
        optional="country_b indicator deff",
        key="survey_series wave variable code",
    ),
    "trade_transit.csv": _schema(
        "country_a country_b year:int flow rise_b:float rise_total:float "
        "share_of_rise_pct:float rise_pct_of_total_before:float counterparts "
        "counterpart_rise:float counterpart_pct:float passes_through:bool reexports_pct:float "
        "reexports_year:int",
        optional="counterparts reexports_pct reexports_year",
        key="country_a country_b year flow",
    ),
    "migration.csv": _schema(
        "source origin destination year:int measure value:float unit",
        key="source origin destination year measure",
    ),
    "idealpoints.csv": _schema(
        "country year:int idealpoint:float lo:float hi:float n_votes:int source",
        key="country year source",
    ),
    "shared_igos.csv": _schema(
        "country_a country_b igo name first_year:int last_year:int",
        key="country_a country_b igo first_year",
    ),
    "arms_suppliers.csv": _schema(
        "country_a period supplier tiv:float share:float rank:int", key="country_a period supplier"
    ),
    "arms_revisions.csv": _schema(
        "supplier recipient year:int tiv_previous:float tiv_current:float change:float",
        key="supplier recipient year",
    ),
    "memberships_timeline.csv": _schema(
        "country organisation status first_year:int last_year:int source",
        key="country organisation status first_year",
    ),
}

_EXPECTED = {"int": "an integer", "float": "a number", "bool": "True or False"}


def shown(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is inside it, else absolute."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def read_processed(path: Path, schema: TableSchema | None = None) -> pd.DataFrame:
    """Read a processed table and check it against its schema (:data:`PROCESSED` by file name).

    Returns
    -------
    DataFrame
        The table as pandas types it (empty cells are NaN; ``"NA"`` stays text).

    Raises
    ------
    BadInput
        Naming the file, the line and the column of the first problem, and the remedy.
    """
    path = Path(path)
    schema = schema or PROCESSED[path.name]
    where = shown(path)
    try:
        with open(path, "rb") as fh:
            head = fh.readline()
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(size - 1, 0))
            last = fh.read(1)
    except FileNotFoundError:
        raise BadInput(f"{where} is missing; {REBUILD}") from None
    if not size or not head.strip():
        raise BadInput(f"{where} is empty; {REBUILD}")
    expected = list(schema.columns)
    header = head.decode("utf-8", errors="replace").rstrip("\r\n").lstrip("\ufeff").split(",")
    if header != expected:
        raise BadInput(
            f"{where} line 1: the header is {','.join(header)[:200]!r}; expected "
            f"{','.join(expected)!r}; {REBUILD}"
        )
    if last != b"\n":
        lines = path.read_bytes().count(b"\n") + 1
        raise BadInput(f"{where} line {lines}: the last line is cut short (no line end); {REBUILD}")
    try:
        df = pd.read_csv(
            path, keep_default_na=False, na_values=[""], index_col=False, encoding="utf-8"
        )
    except UnicodeDecodeError:
        raise BadInput(f"{where} line {_bad_utf8_line(path)}: not UTF-8 text; {REBUILD}") from None
    except pd.errors.ParserError as exc:
        text = str(exc).strip().splitlines()[-1]
        found = re.search(r"line (\d+)", text)
        at = f" line {found.group(1)}" if found else ""
        raise BadInput(f"{where}{at}: cannot be parsed ({text}); {REBUILD}") from None
    check_frame(df, schema, where)
    return df


def check_frame(df: pd.DataFrame, schema: TableSchema, where: str) -> None:
    """Check the kinds, empties and key of a table read from ``where`` (line = row + 2)."""
    for col, kind in schema.columns.items():
        values = df[col]
        empty = values.isna()
        if col not in schema.optional and empty.any():
            line = int(empty.to_numpy().argmax()) + 2
            raise BadInput(f"{where} line {line}, column {col}: empty; expected a value; {REBUILD}")
        if kind == "text" or _fits(values, kind):
            continue
        bad = ~empty & ~values.map(functools.partial(_is_kind, kind=kind)).astype(bool)
        row = int(bad.to_numpy().argmax())
        raise BadInput(
            f"{where} line {row + 2}, column {col}: {values.iloc[row]!r} is not "
            f"{_EXPECTED[kind]}; {REBUILD}"
        )
    if schema.key:
        dup = df.duplicated(list(schema.key))
        if dup.any():
            row = int(dup.to_numpy().argmax())
            first = df.iloc[:row][list(schema.key)].eq(df.iloc[row][list(schema.key)]).all(axis=1)
            twin = int(first.to_numpy().argmax()) + 2
            key = ", ".join(f"{k}={df.iloc[row][k]!r}" for k in schema.key)
            raise BadInput(
                f"{where} line {row + 2}, columns {', '.join(schema.key)}: repeats line {twin} "
                f"({key}); expected one row each; {REBUILD}"
            )


def _fits(values: pd.Series, kind: str) -> bool:
    """Return whether the column pandas typed already has the kind (the fast path)."""
    dtype = values.dtype
    if kind == "bool":
        return pd.api.types.is_bool_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if pd.api.types.is_integer_dtype(dtype):
        return True
    if pd.api.types.is_float_dtype(dtype):  # ints with an empty cell in an optional column
        return bool(((values.dropna() % 1) == 0).all())
    return False


def _is_kind(value, kind: str) -> bool:
    """Return whether one cell has the kind (used only to find the first bad cell)."""
    if kind == "bool":
        return isinstance(value, bool) or str(value) in ("True", "False")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return kind == "float" or number.is_integer()


def _bad_utf8_line(path: Path) -> int:
    """Return the line of the first byte sequence that is not UTF-8."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    return 1


# --- catalog.yml --------------------------------------------------------------------------------

#: Keys each catalog entry must have, by section (``url`` may be empty; the rest must be set).
CATALOG_SECTIONS = {
    "sources": ("title", "publisher", "citation", "license", "url", "coverage", "raw_files"),
    "curated": ("title", "path", "rows", "sha256", "publishers"),
    "processed": ("sha256", "rows"),
}


def check_catalog(catalog: object, where: str) -> dict:
    """Check the parsed catalog's structure; return it.

    Raises
    ------
    BadInput
        Naming the file and the key path of the first problem (``sources.cba.citation``).
    """
    if not isinstance(catalog, dict):
        raise BadInput(f"{where}: not a mapping of sections; {REBUILD}")
    for section, keys in CATALOG_SECTIONS.items():
        entries = catalog.get(section)
        if not isinstance(entries, dict) or (section != "curated" and not entries):
            raise BadInput(f"{where}: section {section!r} missing or not a mapping; {REBUILD}")
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                raise BadInput(f"{where}: {section}.{name} is not a mapping; {REBUILD}")
            missing = [k for k in keys if k not in entry or (entry[k] is None and k != "url")]
            if missing:
                raise BadInput(f"{where}: {section}.{name} lacks {', '.join(missing)}; {REBUILD}")
        for name, entry in entries.items() if section == "sources" else ():
            files = entry["raw_files"]
            if not isinstance(files, list) or not all(
                isinstance(f, dict) and "path" in f and "sha256" in f for f in files
            ):
                raise BadInput(
                    f"{where}: sources.{name}.raw_files must list path and sha256 of each "
                    f"file; {REBUILD}"
                )
    return catalog
