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
from analysis.indicators import migration, opinion, opinion_survey
from analysis.load import load_wdi
from analysis.load_crrc import CB_QUESTIONS, load_cb2024
from analysis.load_society import (
    load_opinion_toplines,
    load_undesa_migrant_stock,
    load_wb_migrant_stock,
    load_wb_remittances,
)
from analysis.sources import SOURCES

#: Processed table names.
OPINION_TABLE = "opinion_toplines.csv"
MICRODATA_TABLE = "opinion_microdata.csv"
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
    microdata: pd.DataFrame  # shares computed from survey microdata (CB 2024), with intervals
    waves: pd.DataFrame  # one row per wave, measure and response (press and microdata)
    undesa: pd.DataFrame
    wb_stock: pd.DataFrame
    wb_remittances: pd.DataFrame
    wdi: pd.DataFrame


@functools.cache
def load_society_inputs(raw_dir: Path) -> SocietyInputs:
    """Load, validate and standardise every raw source of the society dimension."""
    raw_dir = Path(raw_dir)
    toplines = opinion.map_toplines(load_opinion_toplines(raw_dir))
    microdata = opinion_survey.compute_cb_shares(*load_cb2024(raw_dir), CB_QUESTIONS)
    return SocietyInputs(
        toplines=toplines,
        microdata=microdata,
        waves=all_waves(toplines, microdata),
        undesa=load_undesa_migrant_stock(raw_dir),
        wb_stock=load_wb_migrant_stock(raw_dir),
        wb_remittances=load_wb_remittances(raw_dir),
        wdi=load_wdi(raw_dir),
    )


def all_waves(toplines: pd.DataFrame, microdata: pd.DataFrame | None) -> pd.DataFrame:
    """Return the survey waves of the press toplines and of the microdata, in one table.

    A (series, wave, measure, response) given by both keeps the microdata's value: computed from
    the respondents' answers, it outranks a press report (none overlaps today).
    """
    waves = opinion.reconcile_waves(toplines).assign(source=opinion.SOURCE_ID)
    if microdata is None or microdata.empty:
        return waves
    micro = opinion_survey.microdata_waves(microdata, SOURCES[opinion_survey.SOURCE_ID]["url"])
    keys = opinion.WAVE_KEYS
    press = waves.merge(micro[keys], on=keys, how="left", indicator=True)
    waves = waves[(press["_merge"] == "left_only").to_numpy()]
    out = pd.concat([waves, micro], ignore_index=True)
    for col in ("country_b", "indicator"):
        out[col] = out[col].astype("string")
    return out.sort_values(["measure", "response", "date"], ignore_index=True)


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


def microdata_table(microdata: pd.DataFrame) -> pd.DataFrame:
    """Return the microdata shares as written to ``opinion_microdata.csv`` (dates as text)."""
    out = microdata.copy()
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    return out[opinion_survey.MICRODATA_COLUMNS]


def build_opinion_microdata(raw_dir: Path) -> pd.DataFrame:
    """Return the CB 2024 shares computed from the microdata, with their design-based intervals."""
    return microdata_table(load_society_inputs(Path(raw_dir)).microdata)


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
    """Return the survey waves of surveys of ``a`` (every measure and response): the press
    toplines reconciled, and the shares computed from microdata."""
    micro = datastore.current().table("opinion_microdata", MICRODATA_TABLE)
    if micro is not None:
        micro = micro[micro["country_a"] == a]
    waves = all_waves(get_opinion_toplines(a), micro)
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
