"""The all-pairs store: every indicator for every pair of countries and year, in Parquet.

``bilateral data build`` computes each dimension for all pairs at once
(:mod:`analysis.dimensions`) and writes, under ``<data dir>/store/``:

- ``<dimension>.<kind>.parquet``: the wide dyad-year tables of :class:`analysis.dyadic.AllPairs`
  (``kind`` is ``directed`` or ``undirected``), sorted by ``country_a, country_b, year`` in small
  row groups, so that reading one pair decodes one or two row groups (predicate pushdown on the
  row-group statistics);
- ``tables/<name>.parquet``: detail tables of every country (top partners, shared IGOs, arms
  suppliers, membership timelines, migration, key votes, ideal points, ...);
- ``<dimension>/``: artifacts a dimension needs at read time (the UNGA vote matrix for the
  bootstrap intervals of one pair);
- ``manifest.json``: format version, the files with their size, rows, columns and sha256, and
  per-dimension metadata (indicator ids, swaps of mirrored rows).

The build writes into a temporary directory beside the old store and swaps it in only when
complete: a failed or killed build leaves the previous store untouched. Every floating-point value
is rounded to 6 decimals, the rule of the processed CSV tables, so a pair reads the same from the
store and from the embedded tables. Output is byte-for-byte deterministic.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.dyadic import AllPairs
from analysis.errors import BadInput
from analysis.fileio import sha256_file, write_atomic

#: Version of the store layout; a store of another version must be rebuilt.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLES_DIR = "tables"
#: Rows per Parquet row group: a country's rows span one or two groups of a dimension's table.
ROW_GROUP_ROWS = 4096
#: Decimals kept for floating-point values (the rule of the processed CSV tables).
DECIMALS = 6

REMEDY = "run 'bilateral data build' to rebuild the store"

#: Countries whose rows (as focal country, every table) a store keeps in memory once read: a
#: few MB each; the store object, and so this cache, is replaced when the store is rebuilt.
COUNTRY_CACHE = 16


def round_floats(df: pd.DataFrame) -> pd.DataFrame:
    """Round every float column to :data:`DECIMALS` (a copy)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(DECIMALS)
    return out


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """Convert a frame to an Arrow table without pandas' schema metadata (index dropped)."""
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    return table.replace_schema_metadata(None)


def write_parquet(df: pd.DataFrame, path: Path, sort: list[str] | None = None) -> dict:
    """Write a frame as zstd Parquet (rounded, optionally sorted); return its manifest entry."""
    df = round_floats(df)
    if sort:
        df = df.sort_values(sort, ignore_index=True, kind="stable")
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        to_arrow(df),
        path,
        compression="zstd",
        row_group_size=ROW_GROUP_ROWS,
        write_statistics=True,
        use_dictionary=True,
    )
    return {
        "rows": len(df),
        "columns": [str(c) for c in df.columns],
        "bytes": path.stat().st_size,
        "sha256": sha256_file(path),
    }


@dataclass(frozen=True)
class DimensionOutput:
    """What one dimension contributes to the store."""

    all_pairs: AllPairs
    tables: dict[str, pd.DataFrame]
    artifacts: list[Path]
    read_hook: str = ""


def write_dimension(name: str, out: DimensionOutput, tmp_dir: Path) -> tuple[dict, dict]:
    """Write one dimension's tables into ``tmp_dir``; return its file entries and its metadata."""
    files: dict[str, dict] = {}
    kinds = {}
    for kind, wide in out.all_pairs.tables().items():
        rel = f"{name}.{kind}.parquet"
        entry = write_parquet(wide, tmp_dir / rel, sort=["country_a", "country_b", "year"])
        files[rel] = {**entry, "dimension": name, "kind": kind}
        kinds[kind] = rel
    for tname, table in out.tables.items():
        rel = f"{TABLES_DIR}/{tname}.parquet"
        files[rel] = {**write_parquet(table, tmp_dir / rel), "dimension": name}
    for path in out.artifacts:
        rel = Path(path).relative_to(tmp_dir).as_posix()
        files[rel] = {
            "bytes": Path(path).stat().st_size,
            "sha256": sha256_file(path),
            "dimension": name,
        }
    meta = {
        "files": kinds,
        "swap": dict(sorted(out.all_pairs.swap.items())),
        "read_hook": out.read_hook,
    }
    return files, meta


def write_manifest(tmp_dir: Path, files: dict, dimensions: dict, about: dict) -> dict:
    """Write ``manifest.json`` (last: a store without it is incomplete) and return it."""
    tables = sorted(k for k in files if k.startswith(f"{TABLES_DIR}/"))
    if len(set(tables)) != len(tables):
        raise ValueError("two dimensions write a table of the same name")
    manifest = {
        "format": FORMAT_VERSION,
        **about,
        "dimensions": dimensions,
        "files": dict(sorted(files.items())),
    }
    write_atomic(tmp_dir / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    return manifest


def swap_in(tmp_dir: Path, store_dir: Path) -> None:
    """Replace ``store_dir`` by the complete ``tmp_dir`` (two renames; the old one is removed)."""
    old = store_dir.with_name(f".{store_dir.name}.old-{os.getpid()}")
    if store_dir.exists():
        os.replace(store_dir, old)
    os.replace(tmp_dir, store_dir)
    shutil.rmtree(old, ignore_errors=True)


def new_tmp_dir(store_dir: Path) -> Path:
    """Return a new empty directory beside ``store_dir`` for a build (stale ones removed)."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in store_dir.parent.glob(f".{store_dir.name}.tmp-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    tmp = store_dir.with_name(f".{store_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


# --- reading ----------------------------------------------------------------------------------


class Store:
    """A built all-pairs store on disk: its manifest, checked, and reads with pushdown.

    Parameters
    ----------
    directory : Path
        The store directory (``<data dir>/store``).

    Raises
    ------
    BadInput
        On first use, when the manifest is missing, unreadable or of another format version.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._manifest: dict | None = None
        self._checked: set[str] = set()
        self._tables: dict[str, pd.DataFrame] = {}
        self._files: dict[str, tuple] = {}
        self._open_files: dict[str, pq.ParquetFile] = {}
        #: What readers derive from the store once (e.g. the vote artifacts), by name.
        self.cache: dict = {}
        self._country_cache: OrderedDict[tuple[str, str], pa.Table] = OrderedDict()

    def __repr__(self) -> str:
        return f"Store({str(self.directory)!r})"

    def exists(self) -> bool:
        """Return whether a store has been built here (its manifest exists)."""
        return (self.directory / MANIFEST).is_file()

    @property
    def manifest(self) -> dict:
        """The manifest, read and checked once."""
        if self._manifest is None:
            path = self.directory / MANIFEST
            try:
                manifest = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise BadInput(f"store manifest missing: {path}; {REMEDY}") from None
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise BadInput(f"store manifest unreadable: {path} ({exc}); {REMEDY}") from None
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
                found = manifest.get("format") if isinstance(manifest, dict) else None
                raise BadInput(
                    f"store at {self.directory} has format {found!s:.20}, this version reads "
                    f"format {FORMAT_VERSION}; {REMEDY}"
                )
            self._manifest = manifest
        return self._manifest

    def path(self, rel: str) -> Path:
        """Return the path of a store file after checking it against the manifest.

        The file must exist with the size the manifest records, and a Parquet file must have
        the recorded columns (its footer is read): a truncated, replaced or foreign file is bad
        input with the remedy named.
        """
        path = self.directory / rel
        if rel in self._checked:
            return path
        entry = self.manifest.get("files", {}).get(rel)
        if entry is None:
            raise BadInput(f"store file {path} is not in the store's manifest; {REMEDY}")
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise BadInput(f"store file missing: {path}; {REMEDY}") from None
        if size != entry.get("bytes"):
            raise BadInput(
                f"store file {path} has {size} bytes, the manifest says {entry.get('bytes')} "
                f"(truncated or replaced); {REMEDY}"
            )
        if rel.endswith(".parquet"):
            self._open(rel, path, entry)
        self._checked.add(rel)
        return path

    def _open(self, rel: str, path: Path, entry: dict) -> pq.ParquetFile:
        """Open a Parquet file of the store once and check its columns against the manifest."""
        if rel not in self._open_files:
            try:
                pf = pq.ParquetFile(path)
            except (OSError, pa.ArrowException) as exc:
                raise BadInput(
                    f"store file {path} is not readable Parquet ({exc}); {REMEDY}"
                ) from None
            if pf.schema_arrow.names != entry.get("columns"):
                raise BadInput(f"store file {path} has another schema than its manifest; {REMEDY}")
            self._open_files[rel] = pf
        return self._open_files[rel]

    def year_span(self) -> tuple[int, int] | None:
        """Return the first and last year of the store's tables, from their row-group statistics.

        No rows are read; None when no table has year statistics.
        """
        lows, highs = [], []
        for rel in self.manifest.get("files", {}):
            if not rel.endswith(".parquet"):
                continue
            self.path(rel)
            meta = self._open_files[rel].metadata
            col = self._open_files[rel].schema_arrow.get_field_index("year")
            if col < 0:
                continue
            for i in range(meta.num_row_groups):
                st = meta.row_group(i).column(col).statistics
                if st is not None and st.has_min_max:
                    lows.append(int(st.min))
                    highs.append(int(st.max))
        return (min(lows), max(highs)) if lows else None

    def dimension_files(self, dimension: str) -> dict[str, str]:
        """Return the wide tables of a dimension by kind (relative paths)."""
        return self.manifest["dimensions"].get(dimension, {}).get("files", {})

    def read_pair(self, dimension: str, a: str, b: str) -> AllPairs:
        """Read the wide rows of one pair (both orders for undirected rows) of a dimension.

        Only the row groups whose ``country_a`` statistics can hold the pair are decoded (the
        tables are sorted by pair), then the pair's rows are kept.
        """
        meta = self.manifest["dimensions"].get(dimension, {})
        out: dict[str, pd.DataFrame] = {}
        for kind, rel in meta.get("files", {}).items():
            x, y = (a, b) if kind == "directed" else tuple(sorted((a, b)))
            out[kind] = self._read_pair_rows(rel, x, y)
        return AllPairs(
            directed=out.get("directed"),
            undirected=out.get("undirected"),
            swap=meta.get("swap", {}),
        )

    def _row_group_index(self, rel: str):
        """Return the open file and the country_a min/max of each row group (cached)."""
        if rel not in self._files:
            path = self.path(rel)
            pf = self._open_files[rel]
            try:
                col = pf.schema_arrow.get_field_index("country_a")
                bounds = []
                for i in range(pf.metadata.num_row_groups):
                    st = pf.metadata.row_group(i).column(col).statistics
                    bounds.append((st.min, st.max) if st is not None and st.has_min_max else None)
            except (OSError, pa.ArrowException) as exc:
                raise BadInput(f"store file {path} could not be read ({exc}); {REMEDY}") from None
            self._files[rel] = (pf, bounds)
        return self._files[rel]

    def _country_rows(self, rel: str, a: str) -> pa.Table:
        """Return the rows of a table whose ``country_a`` is ``a`` (Arrow), kept for the last
        :data:`COUNTRY_CACHE` countries read: a batch of one country's partners, and the peers
        the largest trade partners give, read the same countries' rows again and again."""
        key = (rel, a)
        if key in self._country_cache:
            self._country_cache.move_to_end(key)
            return self._country_cache[key]
        pf, bounds = self._row_group_index(rel)
        groups = [i for i, mm in enumerate(bounds) if mm is None or mm[0] <= a <= mm[1]]
        try:
            table = pf.read_row_groups(groups) if groups else pf.schema_arrow.empty_table()
        except (OSError, pa.ArrowException) as exc:
            raise BadInput(
                f"store file {self.directory / rel} could not be read ({exc}); {REMEDY}"
            ) from None
        rows = table.filter(pc.equal(table["country_a"], a))
        self._country_cache[key] = rows
        countries = list(dict.fromkeys(c for _, c in self._country_cache))
        for old in countries[: max(0, len(countries) - COUNTRY_CACHE)]:
            for k in [k for k in self._country_cache if k[1] == old]:
                del self._country_cache[k]
        return rows

    def _read_pair_rows(self, rel: str, a: str, b: str) -> pd.DataFrame:
        rows = self._country_rows(rel, a)
        return rows.filter(pc.equal(rows["country_b"], b)).to_pandas()

    def read_dyads(self, dimension: str, kind: str, filters=None, columns=None) -> pd.DataFrame:
        """Read a dimension's wide table (``kind``), optionally filtered, as pandas."""
        rel = self.dimension_files(dimension).get(kind)
        if rel is None:
            return pd.DataFrame()
        return self._read(rel, filters, columns)

    def _read(self, rel: str, filters=None, columns=None) -> pd.DataFrame:
        path = self.path(rel)
        try:
            table = pq.read_table(path, filters=filters, columns=columns)
        except (OSError, pa.ArrowException) as exc:
            raise BadInput(f"store file {path} could not be read ({exc}); {REMEDY}") from None
        return table.to_pandas()

    def table(self, name: str) -> pd.DataFrame:
        """Return a detail table (every country), read once per store."""
        if name not in self._tables:
            self._tables[name] = self._read(f"{TABLES_DIR}/{name}.parquet")
        return self._tables[name]

    def has_table(self, name: str) -> bool:
        """Return whether the store has a detail table of this name."""
        return f"{TABLES_DIR}/{name}.parquet" in self.manifest.get("files", {})

    def countries(self) -> list[str]:
        """Return the countries of the store (every country with a row in some table)."""
        return list(self.manifest.get("countries", []))


def nan_to_none(values) -> list:
    """Return a list with NaN replaced by None (for JSON)."""
    return [None if isinstance(v, float) and np.isnan(v) else v for v in values]
