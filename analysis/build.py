"""``bilateral data build``: rebuild data/processed and data/catalog.yml from raw sources.

Everything is computed in memory first (every loader validates its file); files are
written only when all succeeded, each atomically, so bad input never overwrites good
data. Output is byte-for-byte deterministic.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yaml

from analysis import config, diplomacy, political
from analysis.countries import build_cow_table
from analysis.curated import CALL_COVERAGE, LEADER_OFFICES, load_leader_contacts, load_timeline
from analysis.digest import write_store_digests
from analysis.dimensions.registry import DIMENSIONS
from analysis.downloads import download_entry
from analysis.economy import (
    TRANSIT_TABLE,
    build_trade_transit,
    compute_monthly,
    describe_trade_surge,
    load_inputs,
)
from analysis.fileio import sha256_file, sha256_gunzipped, table_columns, write_atomic
from analysis.indicators import trade
from analysis.load import raw_path
from analysis.load_agreements import load_agreement_spells
from analysis.load_comtrade import load_gas_trade, load_reexports
from analysis.load_events import load_cameo_codes, load_gdelt_events, load_icews_events
from analysis.load_political import load_idealpoints, load_unga_votes
from analysis.load_security import load_memberships
from analysis.panel import compute_panel
from analysis.security import (
    build_arms_revisions,
    build_arms_suppliers,
    build_memberships_timeline,
    build_shared_igos,
    load_security_inputs,
)
from analysis.society import (
    MICRODATA_TABLE,
    MIGRATION_TABLE,
    OPINION_TABLE,
    build_migration_detail,
    build_opinion_microdata,
    build_opinion_toplines,
    load_society_inputs,
)
from analysis.sources import SOURCES
from analysis.store import (
    DimensionOutput,
    new_tmp_dir,
    swap_in,
    write_dimension,
    write_manifest,
)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Serialise a frame deterministically (floats rounded to 6 decimals, LF line ends)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(6)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def build_panel(raw_dir: Path) -> pd.DataFrame:
    """Return the indicator panel of every embedded pair (all providers)."""
    return pd.concat(
        [compute_panel(raw_dir, a, b) for a, b in config.EMBEDDED_PAIRS], ignore_index=True
    )


def build_monthly(raw_dir: Path) -> pd.DataFrame:
    """Return the monthly series of every embedded pair."""
    inputs = load_inputs(Path(raw_dir))
    return pd.concat(
        [compute_monthly(inputs, a, b) for a, b in config.EMBEDDED_PAIRS], ignore_index=True
    )


def build_partners(raw_dir: Path) -> pd.DataFrame:
    """Return the ten largest trading partners per year of every embedded focal country."""
    inputs = load_inputs(Path(raw_dir))
    focal = sorted({a for a, _ in config.EMBEDDED_PAIRS})
    return pd.concat(
        [trade.compute_top_partners(inputs.by_partner, inputs.totals, a) for a in focal],
        ignore_index=True,
    )


def build_cow_countries(raw_dir: Path) -> pd.DataFrame:
    """Return the COW state list with ISO3 codes (read by analysis.countries)."""
    return build_cow_table(raw_path(raw_dir, "cow_states"))


#: Processed tables and their builders, in the order they are written; a new table plugs in here.
PROCESSED_BUILDERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "panel.csv": build_panel,
    "monthly.csv": build_monthly,
    "partners.csv": build_partners,
    "cow_countries.csv": build_cow_countries,
    "key_votes.csv": diplomacy.build_key_votes,
    "leader_contact_events.csv": diplomacy.build_leader_contact_events,
    OPINION_TABLE: build_opinion_toplines,
    MICRODATA_TABLE: build_opinion_microdata,
    MIGRATION_TABLE: build_migration_detail,
    political.IDEALPOINT_TABLE: political.build_idealpoints,
    "shared_igos.csv": build_shared_igos,
    "arms_suppliers.csv": build_arms_suppliers,
    "arms_revisions.csv": build_arms_revisions,
    "memberships_timeline.csv": build_memberships_timeline,
    TRANSIT_TABLE: build_trade_transit,
}
PROCESSED_TABLES = tuple(PROCESSED_BUILDERS)


def build_tables(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Compute every processed table from the raw sources (no file written)."""
    return {name: build(Path(raw_dir)) for name, build in PROCESSED_BUILDERS.items()}


def _month_span(df: pd.DataFrame) -> str:
    first = df[df["year"] == df["year"].min()]["month"].min()
    last = df[df["year"] == df["year"].max()]["month"].max()
    return f"{df['year'].min()}-{first:02d} to {df['year'].max()}-{last:02d}, monthly"


def _coverage_dots(raw_dir: Path) -> str:
    bp = load_inputs(raw_dir).by_partner
    years = bp[bp["source"] == "imf_dots"]["year"]
    return f"{years.min()}-{years.max()}, annual, every reporter and partner"


def _coverage_wdi(raw_dir: Path) -> str:
    wdi = load_inputs(raw_dir).wdi
    return f"{wdi['year'].min()}-{wdi['year'].max()}, annual, all countries"


def _coverage_toplines(raw_dir: Path) -> str:
    t = load_society_inputs(raw_dir).toplines
    waves = t.drop_duplicates(["survey_series", "wave"])
    return (
        f"{t['year'].min()}-{t['year'].max()}, {len(t)} toplines from {len(waves)} survey waves "
        f"of Armenia's residents; secondary reports transcribed from press; verify against "
        f"primary reports"
    )


def _coverage_undesa(raw_dir: Path) -> str:
    u = load_society_inputs(raw_dir).undesa
    years = ", ".join(str(y) for y in sorted(u["year"].unique()))
    pairs = u.drop_duplicates(["origin", "destination"])
    return f"{years}; {len(pairs)} origin-destination pairs (extract)"


def _coverage_wb(raw_dir: Path) -> str:
    inputs = load_society_inputs(raw_dir)
    s = inputs.wb_stock.dropna(subset=["origin", "destination"])
    r = inputs.wb_remittances.dropna(subset=["sender", "receiver"])
    return (
        f"2017; migrant stocks {s['origin'].nunique()} origins x {s['destination'].nunique()} "
        f"destinations; remittance estimates {r['sender'].nunique()} senders x "
        f"{r['receiver'].nunique()} receivers"
    )


def _span(events: pd.DataFrame) -> str:
    return f"{events['date'].min():%Y-%m-%d}..{events['date'].max():%Y-%m-%d}"


def _pair_events(events: pd.DataFrame, a: str, b: str) -> int:
    src, tgt = events["source_country"], events["target_country"]
    return int((((src == a) & (tgt == b)) | ((src == b) & (tgt == a))).sum())


def _coverage_gdelt(raw_dir: Path) -> str:
    v1 = load_gdelt_events(raw_path(raw_dir, "gdelt", 3), 1)
    v2 = load_gdelt_events(raw_path(raw_dir, "gdelt", 4), 2)
    n = _pair_events(v1, config.DEFAULT_A, config.DEFAULT_B) + _pair_events(
        v2, config.DEFAULT_A, config.DEFAULT_B
    )
    return (
        f"format fixtures: GDELT 1.0 sample {len(v1)} events ({_span(v1)}), GDELT 2.0 sample "
        f"{len(v2)} events ({_span(v2)}), {len(load_cameo_codes(raw_dir))} CAMEO codes; "
        f"{n} {config.DEFAULT_A}-{config.DEFAULT_B} events"
    )


def _coverage_icews(raw_dir: Path) -> str:
    ev = load_icews_events(raw_path(raw_dir, "icews", 0))
    n = _pair_events(ev, config.DEFAULT_A, config.DEFAULT_B)
    return (
        f"format fixture: {len(ev)} events ({_span(ev)}), {n} between "
        f"{config.DEFAULT_A} and {config.DEFAULT_B}"
    )


def _coverage_votes(raw_dir: Path, source: str) -> str:
    """State the years, roll calls and countries a UNGA vote source serves in the joined series."""
    votes = load_unga_votes(raw_dir)
    rc = votes.roll_calls[votes.roll_calls["source"] == source]
    v = votes.votes[votes.votes["rcid"].isin(rc["rcid"])]
    first, last = rc["year"].min(), rc["year"].max()
    years = f"{first}-{last}" if first != last else f"{first}"
    text = f"{years}, {len(rc):,} UNGA roll calls, {v['country'].nunique()} countries"
    if source == "unvotes":
        text += " (its one 2020 roll call is served by undl_2020_2024)"
    return text


def _coverage_idealpoints(raw_dir: Path) -> str:
    ideal = load_idealpoints(raw_dir)
    return (
        f"{ideal['year'].min()}-{ideal['year'].max()} ({ideal['year'].max()} provisional), "
        f"annual, {ideal['country'].nunique()} countries"
    )


def _coverage_revisions(raw_dir: Path) -> str:
    """State what the January 2025 register edition serves: the revisions it shows."""
    rev = load_security_inputs(raw_dir).arms_revisions
    lo, hi = rev.attrs["years"]
    down = int((rev["tiv_current"] == 0).sum())
    return (
        f"deliveries {lo}-{hi}; superseded by sipri_register_1995_2024 for every year. Against "
        f"that edition, {len(rev):,} of {rev.attrs['compared']:,} supplier-recipient-years "
        f"{lo}-{hi} have a different TIV ({down:,} of them dropped to 0, "
        f"{int((rev['tiv_previous'] == 0).sum()):,} new); listed in arms_revisions"
    )


def _coverage_desta(raw_dir: Path) -> str:
    s = load_agreement_spells(raw_dir)
    return (
        f"agreements in force {s['start'].min()}-{s.attrs['last_year']} (coverage from "
        f"{s.attrs['first_year']}), {s['agreement'].nunique()} agreements of "
        f"{' or '.join(s.attrs['countries'])} with {s['iso3'].nunique()} member countries; "
        f"{s.attrs['not_in_force']} base treaties without an entry-into-force year not counted; "
        f"pairs with {' or '.join(s.attrs['countries'])} only"
    )


def _coverage_rivalries(raw_dir: Path) -> str:
    r = load_security_inputs(raw_dir).rivalries
    return (
        f"{r.attrs['first_year']}-{r.attrs['last_year']} (state years from 1816), "
        f"{len(r.drop_duplicates(['a', 'b'])):,} state pairs with a rivalry"
    )


def _coverage_gas(raw_dir: Path) -> str:
    gas = load_gas_trade(raw_dir)
    partners = sorted(gas.loc[gas["flow"] == "import", "partner"].dropna().unique())
    return (
        f"{_month_span(gas)}; Armenia's imports from {', '.join(partners)} (and re-exports); "
        f"Armenia only"
    )


def _coverage_reexports(raw_dir: Path) -> str:
    rx = load_reexports(raw_dir)
    return f"{rx['year'].min()}-{rx['year'].max()}, annual totals of Armenia (no partner split)"


#: How to state each source's coverage from its data (sources without an entry state it in
#: their metadata as ``coverage``); a new source plugs in here.
COVERAGE: dict[str, Callable[[Path], str]] = {
    "armstat": lambda raw: _month_span(load_inputs(raw).armstat_monthly),
    "cba": lambda raw: _month_span(load_inputs(raw).cba_monthly),
    "imf_dots": _coverage_dots,
    "wdi": _coverage_wdi,
    "russia_1tv": diplomacy.coverage_state_media,
    "unga_es11": diplomacy.coverage_es11,
    "us_visits": diplomacy.coverage_us_visits,
    "press_toplines": _coverage_toplines,
    "undesa_ims": _coverage_undesa,
    "wb_bilateral_2017": _coverage_wb,
    "gdelt": _coverage_gdelt,
    "icews": _coverage_icews,
    "unvotes": lambda raw: _coverage_votes(raw, "unvotes"),
    "undl_2020_2024": lambda raw: _coverage_votes(raw, "undl_2020_2024"),
    "undl_2025_thirdparty_scrape": lambda raw: _coverage_votes(raw, "undl_2025_thirdparty_scrape"),
    "unga_idealpoints": _coverage_idealpoints,
    "atop": lambda raw: _year_span(load_security_inputs(raw).atop, "dyad-years, every state pair"),
    "cow_alliance": lambda raw: _year_span(
        load_security_inputs(raw).cow_alliance, "dyad-years, every state pair"
    ),
    "cow_igo": lambda raw: _year_span(
        load_security_inputs(raw).igo_dyads,
        "dyad-year counts; named memberships annual from 1965, 5-yearly before",
    ),
    "sipri_tiv": lambda raw: _year_span(
        load_security_inputs(raw).transfers.query("source == 'sipri_tiv'"),
        "used here (the file reaches 2021; the register serves "
        f"{load_security_inputs(raw).transfers.attrs['register_start']} on)",
    ),
    "sipri_register": _coverage_revisions,
    "sipri_register_1995_2024": lambda raw: _year_span(
        load_security_inputs(raw).transfers.query("source == 'sipri_register_1995_2024'"),
        "delivery years, every supplier and recipient",
    ),
    "cow_mid": lambda raw: _year_span(
        load_security_inputs(raw).mids, "directed dyad-years with a dispute, every state pair"
    ),
    "tss_rivalries": _coverage_rivalries,
    "desta": _coverage_desta,
    "ucdp_acd": lambda raw: _year_span(load_security_inputs(raw).parties, "every state party"),
    "cow_nmc": lambda raw: _year_span(load_security_inputs(raw).nmc, "every state"),
    "comtrade_gas": _coverage_gas,
    "comtrade_reexports": _coverage_reexports,
    "crrc_cb2024": lambda raw: (
        f"fieldwork {load_society_inputs(raw).microdata['fieldwork_period'].iloc[0]}, "
        f"{int(load_society_inputs(raw).microdata['n_respondents'].iloc[0])} respondents in "
        f"Armenia; shares computed from the microdata"
    ),
}


#: Caveats stated from the data (appended to a source's hand-written caveats in the catalog).
COMPUTED_CAVEATS: dict[str, Callable[[Path], str]] = {
    "armstat": lambda raw: describe_trade_surge(load_inputs(raw)),
}


def _year_span(df: pd.DataFrame, what: str) -> str:
    return f"{df['year'].min()}-{df['year'].max()}, {what}"


#: Curated tables (committed under data/curated/, a source on every row): name -> loader that
#: checks the table against its schema and returns it. A new curated table plugs in here.
CURATED: dict[str, Callable[[], pd.DataFrame]] = {
    "leader_contacts.csv": lambda: load_leader_contacts(config.CURATED_DIR),
    "memberships.csv": load_memberships,
    "timeline.csv": lambda: load_timeline(config.CURATED_DIR),
}

#: What each curated table holds (title in the catalog).
CURATED_TITLES = {
    "leader_contacts.csv": "In-person meetings and phone calls of two countries' leaders, each cited",
    "memberships.csv": "Memberships and their changes by date (CSTO, EAEU, CIS, ICC, NATO PfP, EU)",
    "timeline.csv": "Dated timeline of events that shaped a pair's relationship",
}


def _call_coverage_text() -> str:
    if not CALL_COVERAGE:
        return (
            "no pair-year is declared complete: the calls are those confirmed from the leaders' "
            "offices or the press, a lower bound, so diplomacy.leader_calls has no rows"
        )
    return "; ".join(
        f"{'-'.join(sorted(pair))} {y0}-{y1}"
        for pair, (y0, y1) in sorted(CALL_COVERAGE.items(), key=lambda kv: sorted(kv[0]))
    )


#: What the catalog adds to a curated table's entry beyond path, rows and checksum.
CURATED_NOTES: dict[str, Callable[[pd.DataFrame], dict]] = {
    "leader_contacts.csv": lambda df: {
        "offices": {iso3: text for iso3, text in LEADER_OFFICES.items()},
        "counts": (
            "diplomacy.leader_meetings counts meetings per year only in years with at least one "
            "documented meeting: the table is not complete (a lower bound; a year without a "
            "documented meeting is missing, not zero). Several meetings of one visit on one day "
            "are one row; a trilateral meeting is one row."
        ),
        "call_coverage": _call_coverage_text(),
        "coverage": (
            f"{df['year'].min()}-{df['year'].max()}; "
            f"{int((df['kind'] == 'meeting').sum())} meetings, "
            f"{int((df['kind'] == 'call').sum())} calls; pairs: "
            + ", ".join(
                sorted({"-".join(sorted(p)) for p in zip(df["country_a"], df["country_b"])})
            )
        ),
    },
}


def build_curated_catalog() -> dict:
    """Return the catalog entries of the curated tables: path, rows, sha256, sources cited."""
    out = {}
    for name, load in CURATED.items():
        df = load()
        path = config.CURATED_DIR / name
        out[name] = {
            "title": CURATED_TITLES[name],
            # inside the repository: data/curated/NAME; a data dir elsewhere: curated/NAME
            "path": str(
                path.relative_to(config.PROJ_ROOT)
                if path.is_relative_to(config.PROJ_ROOT)
                else path.relative_to(path.parents[1])
            ),
            "schema": "validated on load; a source on every row",
            "rows": len(df),
            "sha256": sha256_file(path),
            "license": "Facts compiled by the bilateral project; each row cites its source",
            "publishers": sorted(df["source_publisher"].unique().tolist()),
            **(CURATED_NOTES[name](df) if name in CURATED_NOTES else {}),
        }
    return out


def build_catalog(raw_dir: Path, tables: dict[str, bytes]) -> dict:
    """Return the catalog: each source with its metadata, coverage and raw-file checksums."""
    raw_dir = Path(raw_dir)
    sources = {}
    for sid, meta in SOURCES.items():
        files = []
        for i, rel in enumerate(meta["files"]):
            path = raw_path(raw_dir, sid, i)
            entry = {"path": rel, "bytes": path.stat().st_size, "sha256": sha256_file(path)}
            entry.update(download_entry(sid, rel))
            if entry.get("compress") == "gzip":  # the publisher's file is the content
                entry["content_sha256"] = sha256_gunzipped(path)
            columns = table_columns(path)
            if columns:  # a newer version of the file must keep them (data fetch --latest)
                entry["columns"] = columns
            files.append(entry)
        entry = {k: v for k, v in meta.items() if k != "files"}
        if sid in COVERAGE:
            entry["coverage"] = COVERAGE[sid](raw_dir)
        if sid in COMPUTED_CAVEATS:
            extra = COMPUTED_CAVEATS[sid](raw_dir)
            entry["caveats"] = [*entry.get("caveats", []), *([extra] if extra else [])]
        entry["raw_files"] = files
        sources[sid] = entry
    processed = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "rows": data.count(b"\n") - 1}
        for name, data in tables.items()
    }
    return {
        "about": "Sources of the bilateral package; rebuilt by 'bilateral data build'.",
        "sources": sources,
        "curated": build_curated_catalog(),
        "processed": processed,
    }


def raw_file_digests(raw_dir: Path) -> dict[str, str]:
    """Return the sha256 of each raw file of the catalog's sources present (path -> digest)."""
    out = {}
    for sid in sorted(SOURCES):
        for rel in SOURCES[sid]["files"]:
            path = Path(raw_dir) / rel
            if path.is_file():
                out[rel] = sha256_file(path)
    return dict(sorted(out.items()))


def build_store(raw_dir: Path, store_dir: Path, dimensions=None, progress=None) -> dict:
    """Compute every dimension for all pairs and write the store; swap it in when complete.

    Each dimension is loaded, computed, written and then forgotten (its cached inputs cleared)
    before the next, so the peak memory is that of the largest dimension. The new store is
    written beside the old one (``.store.tmp-<pid>``) and replaces it only after every file and
    the manifest are written; a failure or a kill leaves the previous store untouched.

    Returns
    -------
    dict
        The manifest.
    """
    raw_dir, store_dir = Path(raw_dir), Path(store_dir)
    dims = DIMENSIONS if dimensions is None else dimensions
    tmp = new_tmp_dir(store_dir)
    try:
        files: dict[str, dict] = {}
        metas: dict[str, dict] = {}
        countries: set[str] = set()
        years: set[int] = set()
        for dim in dims:
            if progress:
                progress(dim.name)
            inputs = dim.load_inputs(raw_dir)
            all_pairs = dim.compute_all_pairs(inputs)
            for wide in all_pairs.tables().values():
                countries |= set(wide["country_a"]) | set(wide["country_b"])
                years |= set(int(y) for y in wide["year"].unique())
            artifacts = dim.save_artifacts(inputs, tmp / dim.name) if dim.save_artifacts else []
            output = DimensionOutput(
                all_pairs, dim.compute_tables(inputs), artifacts, dim.read_hook
            )
            f, metas[dim.name] = write_dimension(dim.name, output, tmp)
            files.update(f)
            del inputs, all_pairs, output
            dim.clear_inputs()
        about = {
            "built_by": "bilateral data build",
            "countries": sorted(countries),
            "years": [min(years), max(years)] if years else [],
            "raw_files": raw_file_digests(raw_dir),
        }
        files.update(write_store_digests(tmp, files))  # what each report reads, by pair
        manifest = write_manifest(tmp, files, metas, about)
        swap_in(tmp, store_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


class _PlainDumper(yaml.SafeDumper):
    """Safe dumper that writes a repeated object out again: the catalog reader refuses aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def build_data(
    raw_dir: Path, out_dir: Path = config.DATA_DIR, store: bool = True, progress=None
) -> list[Path]:
    """Rebuild ``out_dir/processed/*.csv``, ``out_dir/catalog.yml`` and the all-pairs store.

    Returns
    -------
    list of Path
        The files written (the store as its directory).
    """
    tables = {name: to_csv_bytes(df) for name, df in build_tables(raw_dir).items()}
    catalog = build_catalog(raw_dir, tables)
    text = yaml.dump(catalog, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    written = []
    if store:
        build_store(raw_dir, Path(out_dir) / "store", progress=progress)
        written.append(Path(out_dir) / "store")
    written += [write_atomic(Path(out_dir) / "processed" / n, data) for n, data in tables.items()]
    written.append(write_atomic(Path(out_dir) / "catalog.yml", text))
    return written
