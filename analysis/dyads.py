"""``bilateral dyads``: the dyad-year data set of every dimension, for research.

One row per ordered pair and year with one column per indicator (``--wide``; the companions
``ID|source``, ``ID|lo``, ``ID|hi`` beside each), or the long panel
(``country_a, country_b, indicator, year, value, unit, source, lo, hi``). Read from the all-pairs
store country by country, so memory stays bounded whatever the selection; written to Parquet or
CSV through a temporary file that replaces ``--out`` only when complete.

Undirected indicators (UNGA vote statistics, ideal points, alliances, shared IGOs, ...) are stored
once per unordered pair and appear here in both orders. The bootstrap intervals of the UNGA vote
statistics are computed per pair at read time (see ``bilateral indicators``); they are not in
this export.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.datastore import DataStore
from analysis.dyadic import KEY_COLUMNS, SEP, indicator_columns, mirror, wide_to_long
from analysis.errors import BadInput
from analysis.fileio import neutralise_formulas
from analysis.indicators import INTERVAL_COLUMNS, PANEL_COLUMNS
from analysis.store import round_floats, to_arrow

FORMATS = {".parquet": "parquet", ".csv": "csv"}
#: Countries (as focal country) read per chunk.
CHUNK_COUNTRIES = 16


def output_format(out: Path) -> str:
    """Return ``"parquet"`` or ``"csv"`` from the output file's extension."""
    fmt = FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise BadInput(f"--out {out}: unknown file type; give a file ending in .parquet or .csv")
    return fmt


def match_indicators(ids: list[str], patterns: list[str] | None) -> list[str]:
    """Return the ids matching any glob pattern (all ids without patterns), in order.

    Examples
    --------
    >>> match_indicators(["trade.total", "alignment.unga_kappa"], ["trade.*"])
    ['trade.total']
    """
    if not patterns:
        return list(ids)
    return [i for i in ids if any(fnmatch.fnmatchcase(i, p) for p in patterns)]


def _columns_for(ids: list[str], file_columns: list[str]) -> list[str]:
    keep = set(ids)
    return [c for c in file_columns if c in KEY_COLUMNS or c.split(SEP, 1)[0] in keep]


class DyadReader:
    """Reads the selected indicators of the selected dyads from the store, chunk by chunk."""

    def __init__(
        self,
        data: DataStore,
        countries: list[str] | None = None,
        start: int | None = None,
        end: int | None = None,
        patterns: list[str] | None = None,
    ):
        if not data.has_store():
            raise BadInput(
                f"no all-pairs store at {data.store_dir}; run 'bilateral data build' first "
                f"(raw files from BILATERAL_RAW_DIR)"
            )
        self.data = data
        self.store = data.store
        self.start, self.end = start, end
        manifest = self.store.manifest
        self.files = []  # (dimension, kind, rel, columns)
        all_ids: list[str] = []
        for dim, meta in manifest["dimensions"].items():
            for kind, rel in meta["files"].items():
                cols = manifest["files"][rel]["columns"]
                ids = [c for c in cols if c not in KEY_COLUMNS and SEP not in c]
                all_ids += ids
                self.files.append((dim, kind, rel, cols, meta.get("swap", {})))
        self.ids = match_indicators(sorted(set(all_ids)), patterns)
        if not self.ids:
            raise BadInput(
                f"--indicators {','.join(patterns or [])} matches no indicator; "
                f"ids look like trade.exports_a_to_b or alignment.* (see 'bilateral indicators')"
            )
        known = manifest.get("countries") or []
        if countries:
            unknown = sorted(set(countries) - set(known))
            if unknown and known:
                raise BadInput(
                    f"--countries: {', '.join(unknown)} not in the store; it covers "
                    f"{len(known)} countries such as {', '.join(known[:5])}"
                )
        self.countries = sorted(countries) if countries else list(known)
        self.pair_filter = bool(countries) and len(countries) > 1
        self.columns = self._wide_columns()

    def _wide_columns(self) -> list[str]:
        cols = []
        for _dim, _kind, _rel, fcols, _swap in self.files:
            cols += [c for c in _columns_for(self.ids, fcols) if c not in KEY_COLUMNS]
        ordered = []
        for ind in sorted({c.split(SEP, 1)[0] for c in cols}):
            ordered.append(ind)
            for suffix in ("source", "lo", "hi"):
                if f"{ind}{SEP}{suffix}" in cols:
                    ordered.append(f"{ind}{SEP}{suffix}")
        return KEY_COLUMNS + ordered

    def _filters(self, side: str, focal: list[str]):
        f = [(side, "in", focal)]
        if self.pair_filter:
            other = "country_b" if side == "country_a" else "country_a"
            f.append((other, "in", self.countries))
        if self.start is not None:
            f.append(("year", ">=", self.start))
        if self.end is not None:
            f.append(("year", "<=", self.end))
        return f

    def chunks(self) -> Iterator[pd.DataFrame]:
        """Yield wide frames (all selected columns) for successive groups of focal countries."""
        for i in range(0, len(self.countries), CHUNK_COUNTRIES):
            focal = self.countries[i : i + CHUNK_COUNTRIES]
            parts = []
            for dim, kind, _rel, fcols, swap in self.files:
                cols = _columns_for(self.ids, fcols)
                if len(cols) == len(KEY_COLUMNS):
                    continue
                if kind == "directed":
                    parts.append(
                        self.store.read_dyads(dim, kind, self._filters("country_a", focal), cols)
                    )
                else:  # both orders: rows where a focal country is first, and mirrored second
                    first = self.store.read_dyads(
                        dim, kind, self._filters("country_a", focal), cols
                    )
                    second = self.store.read_dyads(
                        dim, kind, self._filters("country_b", focal), cols
                    )
                    second = mirror(second).rename(columns=_swap_columns(swap, second.columns))
                    parts.append(pd.concat([first, second], ignore_index=True))
            parts = [p for p in parts if len(p)]
            if not parts:
                continue
            wide = parts[0].set_index(KEY_COLUMNS)
            for p in parts[1:]:
                wide = wide.join(p.set_index(KEY_COLUMNS), how="outer")
            wide = wide.reset_index().reindex(columns=self.columns)
            for c in self.columns:
                if c.endswith(f"{SEP}source"):
                    wide[c] = wide[c].astype("str").where(wide[c].notna())
                elif c not in KEY_COLUMNS:
                    wide[c] = wide[c].astype("float64")
            values = wide[indicator_columns(wide)]
            wide = wide[values.notna().any(axis=1)] if values.shape[1] else wide.iloc[0:0]
            wide = wide.astype({"country_a": "str", "country_b": "str", "year": "int64"})
            yield wide.sort_values(KEY_COLUMNS, ignore_index=True)


def _swap_columns(swap: dict[str, str], columns) -> dict[str, str]:
    out = {}
    for c in columns:
        ind, _, suffix = c.partition(SEP)
        if ind in swap:
            out[c] = swap[ind] + (SEP + suffix if suffix else "")
    return out


def export_dyads(
    data: DataStore,
    out: Path,
    countries: list[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    patterns: list[str] | None = None,
    wide: bool = False,
) -> dict:
    """Write the dyad-year data set to ``out`` (.parquet or .csv); return rows and columns."""
    out = Path(out)
    fmt = output_format(out)
    reader = DyadReader(data, countries, start, end, patterns)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    rows = 0
    columns = reader.columns if wide else PANEL_COLUMNS + INTERVAL_COLUMNS
    try:
        writer = None
        with open(tmp, "wb") as fh:
            if fmt == "csv":
                fh.write((",".join(columns) + "\n").encode("utf-8"))
            for chunk in reader.chunks():
                frame = chunk if wide else wide_to_long(chunk)
                frame = round_floats(frame.reindex(columns=columns))
                rows += len(frame)
                if fmt == "csv":  # for spreadsheets: no text cell may run as a formula
                    text = neutralise_formulas(frame).to_csv(
                        index=False, header=False, lineterminator="\n"
                    )
                    fh.write(text.encode())
                else:
                    table = to_arrow(frame)
                    if writer is None:
                        schema = table.schema
                        writer = pq.ParquetWriter(fh, schema, compression="zstd")
                    writer.write_table(table.cast(writer.schema))
            if fmt == "parquet":
                if writer is None:  # no rows: an empty file with the columns
                    empty = pa.table({c: pa.array([], pa.string()) for c in columns})
                    pq.write_table(empty, fh)
                else:
                    writer.close()
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"path": out, "rows": rows, "columns": len(columns)}
