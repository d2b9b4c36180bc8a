"""The society dimension: migration, remittance estimates and public opinion.

Plugs into the package at three places: :func:`society_provider` in
``analysis.panel.PROVIDERS`` (panel rows of a pair), :func:`build_opinion_toplines` and
:func:`build_migration_detail` in ``analysis.build.PROCESSED_BUILDERS`` (committed detail
tables), and the readers :func:`get_opinion_toplines`, :func:`get_opinion_waves` and
:func:`get_migration_detail` that the society notebook calls (they work from the embedded
tables, without raw data).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config, datastore
from analysis.indicators import migration, opinion
from analysis.load import load_wdi
from analysis.load_society import (
    load_opinion_toplines,
    load_undesa_migrant_stock,
    load_wb_migrant_stock,
    load_wb_remittances,
)

#: Processed table names.
OPINION_TABLE = "opinion_toplines.csv"
MIGRATION_TABLE = "migration.csv"

#: Columns of the processed toplines table, in order.
TOPLINE_TABLE_COLUMNS = [
    "survey_series",
    "fieldwork_org_or_sponsor",
    "wave",
    "fieldwork_period",
    "date",
    "year",
    "dated_by",
    "question",
    "measure",
    "response",
    "country_a",
    "country_b",
    "indicator",
    "value_pct",
    "primary",
    "source_url",
    "source_date",
    "note",
    "line",
]


@dataclass(frozen=True)
class SocietyInputs:
    """Standardised source tables of the society dimension."""

    toplines: pd.DataFrame  # mapped toplines, one row per reported share
    waves: pd.DataFrame  # reconciled, one row per wave, measure and response
    undesa: pd.DataFrame
    wb_stock: pd.DataFrame
    wb_remittances: pd.DataFrame
    wdi: pd.DataFrame


@functools.cache
def load_society_inputs(raw_dir: Path) -> SocietyInputs:
    """Load, validate and standardise every raw source of the society dimension."""
    raw_dir = Path(raw_dir)
    toplines = opinion.map_toplines(load_opinion_toplines(raw_dir))
    return SocietyInputs(
        toplines=toplines,
        waves=opinion.reconcile_waves(toplines),
        undesa=load_undesa_migrant_stock(raw_dir),
        wb_stock=load_wb_migrant_stock(raw_dir),
        wb_remittances=load_wb_remittances(raw_dir),
        wdi=load_wdi(raw_dir),
    )


def society_provider(raw_dir: Path, a: str, b: str) -> pd.DataFrame:
    """Provider of the society dimension: migrant stocks, remittance estimates, opinion."""
    inputs = load_society_inputs(Path(raw_dir))
    parts = [
        migration.compute_migration(
            inputs.undesa, inputs.wb_stock, inputs.wb_remittances, inputs.wdi, a, b
        ),
        opinion.compute_opinion(inputs.waves, a, b),
    ]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


# --- processed tables -------------------------------------------------------------------------


def _toplines_table(toplines: pd.DataFrame) -> pd.DataFrame:
    out = toplines.rename(columns={"row": "line"}).copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out[TOPLINE_TABLE_COLUMNS].sort_values("line", ignore_index=True)


def build_opinion_toplines(raw_dir: Path) -> pd.DataFrame:
    """Return every poll topline with its measure, partner, exact wording and source URL."""
    return _toplines_table(load_society_inputs(Path(raw_dir)).toplines)


def _embedded_codes() -> set[str]:
    return {c for pair in config.EMBEDDED_PAIRS for c in pair}


def build_migration_detail(raw_dir: Path) -> pd.DataFrame:
    """Return the bilateral migration figures among the embedded countries (both sources)."""
    inputs = load_society_inputs(Path(raw_dir))
    return migration.build_migration_detail(
        inputs.undesa, inputs.wb_stock, inputs.wb_remittances, _embedded_codes()
    )


# --- readers for the notebooks ----------------------------------------------------------------


def get_opinion_toplines(a: str | None = None) -> pd.DataFrame:
    """Return the poll toplines (embedded table), optionally those of surveys of ``a`` only."""
    t = datastore.current().table("opinion_toplines", OPINION_TABLE).copy()
    t["date"] = pd.to_datetime(t["date"])
    for col in ("country_b", "indicator"):
        t[col] = t[col].astype("string")
    if a is not None:
        t = t[t["country_a"] == a]
    return t.reset_index(drop=True)


def get_opinion_waves(a: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Return the reconciled survey waves of surveys of ``a`` (every measure and response)."""
    waves = opinion.reconcile_waves(get_opinion_toplines(a))
    keep = waves["year"].between(start or -9999, end or 9999)
    return waves[keep].reset_index(drop=True)


def get_migration_detail(a: str, b: str) -> pd.DataFrame:
    """Return the bilateral migration figures between a and b, both directions, both sources.

    From the store (every country), else the embedded table when both countries are embedded,
    else empty.
    """
    codes = {a, b}
    data = datastore.current()
    m = data.table("migration", MIGRATION_TABLE)
    if m is None or not (data.has_store() or codes <= _embedded_codes()):
        return pd.DataFrame(
            columns=["source", "origin", "destination", "year", "measure", "value", "unit"]
        )
    m = m[m["origin"].isin(codes) & m["destination"].isin(codes)]
    return m.reset_index(drop=True)
