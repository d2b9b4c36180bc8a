"""``bilateral data build``: rebuild data/processed and data/catalog.yml from raw sources.

Everything is computed in memory first (every loader validates its file); files are
written only when all succeeded, each atomically, so bad input never overwrites good
data. Output is byte-for-byte deterministic.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import yaml

from analysis import config
from analysis.countries import build_cow_table
from analysis.fileio import sha256_file, write_atomic
from analysis.indicators import trade
from analysis.load import raw_path
from analysis.panel import compute_monthly, compute_panel, load_inputs
from analysis.sources import SOURCES

#: Processed tables, in the order they are written.
PROCESSED_TABLES = ("panel.csv", "monthly.csv", "partners.csv", "cow_countries.csv")

#: Raw file of the COW state list (country codes), read for cow_countries.csv.
COW_STATES_FILE = "peacesciencer/cow_states.csv"


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Serialise a frame deterministically (floats rounded to 6 decimals, LF line ends)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(6)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def build_tables(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Compute every processed table from the raw sources (no file written)."""
    inputs = load_inputs(Path(raw_dir))
    panel = pd.concat(
        [compute_panel(inputs, a, b) for a, b in config.EMBEDDED_PAIRS], ignore_index=True
    )
    monthly = pd.concat(
        [compute_monthly(inputs, a, b) for a, b in config.EMBEDDED_PAIRS], ignore_index=True
    )
    focal = sorted({a for a, _ in config.EMBEDDED_PAIRS})
    partners = pd.concat(
        [trade.compute_top_partners(inputs.by_partner, inputs.totals, a) for a in focal],
        ignore_index=True,
    )
    cow_path = Path(raw_dir) / COW_STATES_FILE
    if not cow_path.is_file():
        from analysis.errors import BadInput

        raise BadInput(f"raw file missing: {cow_path}; set BILATERAL_RAW_DIR to the staged sources")
    return {
        "panel.csv": panel,
        "monthly.csv": monthly,
        "partners.csv": partners,
        "cow_countries.csv": build_cow_table(cow_path),
    }


def _coverage(raw_dir: Path) -> dict[str, str]:
    inputs = load_inputs(Path(raw_dir))
    bp = inputs.by_partner
    dots = bp[bp["source"] == "imf_dots"]["year"]
    arm = inputs.armstat_monthly
    cba = inputs.cba_monthly
    wdi = inputs.wdi
    return {
        "armstat": f"{arm['year'].min()}-{arm['month'][arm['year'] == arm['year'].min()].min():02d} to "
        f"{arm['year'].max()}-{arm['month'][arm['year'] == arm['year'].max()].max():02d}, monthly",
        "cba": f"{cba['year'].min()}-01 to {cba['year'].max()}-"
        f"{cba['month'][cba['year'] == cba['year'].max()].max():02d}, monthly",
        "imf_dots": f"{dots.min()}-{dots.max()}, annual, every reporter and partner",
        "wdi": f"{wdi['year'].min()}-{wdi['year'].max()}, annual, all countries",
    }


def build_catalog(raw_dir: Path, tables: dict[str, bytes]) -> dict:
    """Return the catalog: each source with its metadata, coverage and raw-file checksums."""
    coverage = _coverage(raw_dir)
    sources = {}
    for sid, meta in SOURCES.items():
        files = []
        for i, rel in enumerate(meta["files"]):
            path = raw_path(raw_dir, sid, i)
            files.append({"path": rel, "bytes": path.stat().st_size, "sha256": sha256_file(path)})
        entry = {k: v for k, v in meta.items() if k != "files"}
        entry["coverage"] = coverage[sid]
        entry["raw_files"] = files
        sources[sid] = entry
    cow = Path(raw_dir) / COW_STATES_FILE
    sources["cow_states"] = {
        "title": "Correlates of War state system membership list (v2016)",
        "publisher": "Correlates of War Project",
        "citation": "Correlates of War Project (2017), State System Membership List, v2016; "
        "via the peacesciencer R package (S. Miller)",
        "license": "COW data terms (free use with citation)",
        "url": "https://correlatesofwar.org/data-sets/state-system-membership/",
        "coverage": "1816-2016, country codes only",
        "raw_files": [
            {"path": COW_STATES_FILE, "bytes": cow.stat().st_size, "sha256": sha256_file(cow)}
        ],
    }
    processed = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "rows": data.count(b"\n") - 1}
        for name, data in tables.items()
    }
    return {
        "about": "Sources of the bilateral package; rebuilt by 'bilateral data build'.",
        "sources": sources,
        "processed": processed,
    }


def build_data(raw_dir: Path, out_dir: Path = config.DATA_DIR) -> list[Path]:
    """Rebuild ``out_dir/processed/*.csv`` and ``out_dir/catalog.yml`` from ``raw_dir``.

    Returns
    -------
    list of Path
        The files written.
    """
    tables = {name: to_csv_bytes(df) for name, df in build_tables(raw_dir).items()}
    catalog = build_catalog(raw_dir, tables)
    text = yaml.safe_dump(catalog, sort_keys=False, allow_unicode=True, width=100)
    written = [write_atomic(Path(out_dir) / "processed" / n, tables[n]) for n in PROCESSED_TABLES]
    written.append(write_atomic(Path(out_dir) / "catalog.yml", text))
    return written
