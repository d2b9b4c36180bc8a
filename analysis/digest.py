"""Per-report data digests: a batch rebuilds a report only when data that report reads changed.

A report of the pair A-B reads (see the notebooks and :mod:`analysis.report`):

- the panels of the pair and of its peers (:func:`analysis.peers.peer_pairs`): for each
  dimension, the directed rows (A, B) and the undirected rows of {A, B} of the all-pairs store,
  or the pair's rows of the embedded ``processed/panel.csv``;
- detail tables filtered by the pair or by its countries (:data:`DETAIL_TABLES`: monthly
  trade and transfers of the pair, the focal country's top partners, arms suppliers and
  opinion polls, both countries' memberships and IGOs, the ideal points of every country of the
  pair and its peers, ...);
- the curated tables: the timeline and the leader contacts filtered by the pair, the
  memberships whole (a country's status depends on the organisation's list of members);
- the catalog: what every report shows of every source (title, publisher, citation, ...) and
  the whole entry (coverage, caveats, raw files' checksums) of the sources of the pair's rows.

``bilateral data build`` writes ``digests.parquet`` into the store (:func:`write_store_digests`):
for each dimension file a digest and the source ids of every pair's rows, and for each detail
table a digest of every pair's or country's rows. A digest is the row count and two 64-bit sums
of the rows' hashes (:func:`pandas.util.hash_pandas_object` with two keys), so it does not
depend on the order of the rows. The batch then combines, per report, the digests of what the
report reads (:class:`DataDigest`): a dictionary lookup per file and pair, no panel read. The
embedded tables (no store) are digested the same way at planning time (a few small CSV files).

Everything that is not keyed by pair or country is hashed whole (the store's schemas, the UNGA
vote artifacts of the bootstrap intervals, any table not in :data:`DETAIL_TABLES`), so a table
added without an entry here rebuilds every report rather than none. The code, notebooks and
libraries stay in each report's hash as before (:func:`analysis.batch.fingerprint_inputs`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config
from analysis.datastore import DataStore
from analysis.dyadic import SEP
from analysis.fileio import sha256_file
from analysis.peers import TRADE_ID, TRADE_YEARS, peer_pairs, rank_partners
from analysis.sources import SOURCES_ALWAYS
from analysis.store import TABLES_DIR, write_parquet

#: The store file of the digests (listed in the store's manifest like every other file).
DIGESTS_FILE = "digests.parquet"
#: Version of the digests' layout: part of every report's digest (a new one rebuilds all).
DIGEST_VERSION = 1
#: The two keys of the row hashes (16 bytes each): 128 bits per digest.
HASH_KEYS = ("bilateral-dgst-1", "bilateral-dgst-2")
#: Rows hashed at a time when a store file is digested (bounded memory).
BATCH_ROWS = 65_536
#: Catalog fields of a source that depend on its raw files (shown only for the sources a report
#: draws on); the other fields are shown for every source (labels) and hashed for every report.
DATA_FIELDS = ("raw_files", "coverage", "caveats")


@dataclass(frozen=True)
class TableReads:
    """How reports read a detail table.

    Attributes
    ----------
    keys : tuple of str
        Its country columns: two for a table read by pair (either order is read), one for a
        table read by country.
    embedded : str
        The processed CSV that serves it without a store ("" when only the store has it).
    peers : bool
        Read for every country of the pair and its peers (else for the pair's two countries).
    """

    keys: tuple[str, ...]
    embedded: str = ""
    peers: bool = False

    @property
    def by_pair(self) -> bool:
        """Whether rows are read by pair (two key columns)."""
        return len(self.keys) == 2


#: Detail tables a report reads, by name (store: ``tables/<name>.parquet``; embedded: the CSV),
#: with the functions that read them. The rows a report reads are always among the rows whose
#: key columns hold its pair (or its countries), so their digests cover what it reads.
DETAIL_TABLES: dict[str, TableReads] = {
    # analysis.panel.get_monthly: country_a == a and country_b == b
    "monthly": TableReads(("country_a", "country_b"), "monthly.csv"),
    # analysis.panel.get_top_partners: country_a == a
    "partners": TableReads(("country_a",), "partners.csv"),
    # analysis.economy.get_trade_transit: the pair's rows
    "trade_transit": TableReads(("country_a", "country_b"), "trade_transit.csv"),
    # analysis.diplomacy.get_key_votes, get_leader_contact_events: the pair (either order)
    "key_votes": TableReads(("country_a", "country_b"), "key_votes.csv"),
    "leader_contact_events": TableReads(("country_a", "country_b"), "leader_contact_events.csv"),
    # analysis.society.get_migration_detail: origin and destination in {a, b}
    "migration": TableReads(("origin", "destination"), "migration.csv"),
    # analysis.society.get_opinion_toplines / get_opinion_waves: surveys of a
    "opinion_toplines": TableReads(("country_a",), "opinion_toplines.csv"),
    "opinion_microdata": TableReads(("country_a",), "opinion_microdata.csv"),
    # analysis.security: arms suppliers of a; revisions between a and b; memberships; IGOs
    "arms_suppliers": TableReads(("country_a",), "arms_suppliers.csv"),
    "arms_revisions": TableReads(("supplier", "recipient"), "arms_revisions.csv"),
    "memberships_timeline": TableReads(("country",), "memberships_timeline.csv"),
    "igo_membership_spans": TableReads(("iso3",)),
    "shared_igos": TableReads(("country_a", "country_b"), "shared_igos.csv"),
    # analysis.political.get_idealpoints: every country of the pair and its peers (index)
    "idealpoints": TableReads(("country",), "idealpoints.csv", peers=True),
}

#: Curated tables read by pair (either order): get_timeline, the leader contacts. Any other
#: curated file is hashed whole.
CURATED_BY_PAIR = {"timeline.csv": ("country_a", "country_b"),
                   "leader_contacts.csv": ("country_a", "country_b")}  # fmt: skip

#: The embedded panel (the pair's rows, grouped like a dimension file of the store).
PANEL_CSV = "panel.csv"


# --- digests of rows ----------------------------------------------------------------------------


def _row_hash_parts(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Return the two 64-bit hashes of each row, split in 32-bit halves (sums stay exact)."""
    out = {}
    for i, key in enumerate(HASH_KEYS):
        h = pd.util.hash_pandas_object(df, index=False, hash_key=key).to_numpy()
        out[f"lo{i}"] = (h & np.uint64(0xFFFFFFFF)).astype(np.int64)
        out[f"hi{i}"] = (h >> np.uint64(32)).astype(np.int64)
    return out


def _partial_sums(df: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    """Return per key: the row count and the sums of the hash halves of ``df``'s rows (keys as
    text)."""
    parts = pd.DataFrame(_row_hash_parts(df))
    by = [f"key_{i}" for i in range(len(keys))]
    for name, k in zip(by, keys, strict=True):
        parts[name] = df[k].reset_index(drop=True)  # categorical where read as a dictionary
    parts["rows"] = 1
    out = parts.groupby(by, sort=False, observed=True).sum().reset_index()
    for name in by:
        out[name] = out[name].astype("str")
    return out


def _finish(sums: pd.DataFrame, n_keys: int) -> pd.DataFrame:
    """Return ``key_a, key_b, digest`` from summed partial sums (keys sorted)."""
    by = [f"key_{i}" for i in range(n_keys)]
    s = sums.groupby(by, sort=True, observed=True).sum().reset_index()
    mask = (1 << 64) - 1
    digests = []
    for row in s.itertuples(index=False):
        d = [(int(getattr(row, f"lo{i}")) + (int(getattr(row, f"hi{i}")) << 32)) & mask
             for i in range(len(HASH_KEYS))]  # fmt: skip
        digests.append(f"{int(row.rows)}:" + "".join(f"{v:016x}" for v in d))
    return pd.DataFrame(
        {
            "key_a": s["key_0"].astype("str"),
            "key_b": s["key_1"].astype("str") if n_keys > 1 else "",
            "digest": digests,
        }
    )


def group_digests(df: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    """Return the digest of the rows of each value of ``keys`` in ``df``.

    Returns
    -------
    DataFrame
        ``key_a, key_b`` (empty text with one key) and ``digest``: ``rows:`` and 32 hex digits,
        the same whatever the order of the rows.

    Examples
    --------
    >>> df = pd.DataFrame({"country_a": ["ARM", "ARM"], "year": [2020, 2021], "v": [1.0, 2.0]})
    >>> group_digests(df, ("country_a",))["digest"].str.slice(0, 2).tolist()
    ['2:']
    >>> (group_digests(df, ("country_a",)) == group_digests(df[::-1], ("country_a",))).all().all()
    np.True_
    """
    keys = tuple(keys)
    if df.empty:
        return pd.DataFrame({"key_a": [], "key_b": [], "digest": []}, dtype="str")
    return _finish(_partial_sums(df, keys), len(keys))


def _sources_by_pair(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``key_0, key_1, source`` (one source id a row) of a wide dimension table."""
    cols = [c for c in df.columns if str(c).endswith(f"{SEP}source")]
    parts = []
    for c in cols:
        found = df.groupby(["country_a", "country_b", c], observed=True, sort=False).size()
        parts.append(
            found.index.to_frame(index=False).set_axis(["key_0", "key_1", "source"], axis=1)
        )
    if not parts:
        return pd.DataFrame({"key_0": [], "key_1": [], "source": []}, dtype="str")
    return pd.concat([p.astype("str") for p in parts], ignore_index=True).drop_duplicates()


def _join_sources(found: pd.DataFrame) -> pd.DataFrame:
    """Return ``key_a, key_b, sources``: each pair's source ids, sorted, joined by ``+``."""
    if found.empty:
        return pd.DataFrame({"key_a": [], "key_b": [], "sources": []}, dtype="str")
    split = {v: _split(v) for v in found["source"].unique()}
    ids = found.assign(source=found["source"].map(split)).explode("source")
    ids = ids.dropna(subset=["source"]).drop_duplicates()
    ids = ids.sort_values(["key_0", "key_1", "source"], ignore_index=True)
    joined = ids.groupby(["key_0", "key_1"], sort=True)["source"].agg("+".join)
    return joined.reset_index().set_axis(["key_a", "key_b", "sources"], axis=1)


def _split(value: str) -> list[str]:
    return [
        s.strip() for s in str(value).replace(";", "+").replace(",", "+").split("+") if s.strip()
    ]


def digest_parquet(path: Path, keys: tuple[str, ...], sources: bool = False) -> pd.DataFrame:
    """Return the digests of a Parquet file's rows by ``keys``, read in batches of rows.

    With ``sources`` (a dimension's wide table), a ``sources`` column lists the source ids of
    each pair's rows (from the ``ID|source`` columns).
    """
    schema = pq.read_schema(path)
    text = [
        f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
    ]
    pf = pq.ParquetFile(path, read_dictionary=text)  # text as categories: hashed once per value
    sums, found = [], []
    chunks: list[list[int]] = [[]]
    rows = 0
    for i in range(pf.metadata.num_row_groups):
        if rows >= BATCH_ROWS:
            chunks.append([])
            rows = 0
        chunks[-1].append(i)
        rows += pf.metadata.row_group(i).num_rows
    for groups in chunks:
        if not groups:
            continue
        df = pf.read_row_groups(groups).to_pandas()
        sums.append(_partial_sums(df, keys))
        if sources:
            found.append(_sources_by_pair(df))
    if not sums:
        out = group_digests(pd.DataFrame(columns=list(keys)), keys)
    else:
        out = _finish(pd.concat(sums, ignore_index=True), len(keys))
    if sources:
        joined = _join_sources(pd.concat(found, ignore_index=True) if found else pd.DataFrame())
        out = out.merge(joined, on=["key_a", "key_b"], how="left").fillna({"sources": ""})
    else:
        out["sources"] = ""
    return out


def write_store_digests(tmp_dir: Path, files: dict) -> dict:
    """Write ``digests.parquet`` of a store being built in ``tmp_dir``; return its manifest entry.

    ``files``: the manifest's file entries written so far. Each dimension file is digested by
    pair (with the pairs' source ids), each detail table of :data:`DETAIL_TABLES` by its keys.
    """
    parts = []
    for rel, entry in sorted(files.items()):
        if not rel.endswith(".parquet"):
            continue
        if "kind" in entry:
            d = digest_parquet(Path(tmp_dir) / rel, ("country_a", "country_b"), sources=True)
        elif rel.startswith(f"{TABLES_DIR}/") and Path(rel).stem in DETAIL_TABLES:
            d = digest_parquet(Path(tmp_dir) / rel, DETAIL_TABLES[Path(rel).stem].keys)
        else:
            continue
        parts.append(d.assign(file=rel))
    cols = ["file", "key_a", "key_b", "digest", "sources"]
    table = (
        pd.concat(parts, ignore_index=True)[cols]
        if parts
        else pd.DataFrame({c: [] for c in cols}, dtype="str")
    )
    entry = write_parquet(table, Path(tmp_dir) / DIGESTS_FILE, sort=["file", "key_a", "key_b"])
    return {DIGESTS_FILE: {**entry, "digest_version": DIGEST_VERSION}}


# --- per report ---------------------------------------------------------------------------------


def _sha(obj) -> str:
    text = obj if isinstance(obj, str) else json.dumps(obj, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV as text cells (what the file says; no typing)."""
    return pd.read_csv(path, dtype="str", keep_default_na=False)


class DataDigest:
    """The digests of the data in use, read once; :meth:`of` gives one report's.

    Parameters
    ----------
    data : DataStore
        The data in use (:func:`analysis.datastore.current`).

    Attributes
    ----------
    available : bool
        False when the store was built without digests (an older version): the batch then
        hashes the whole data, as before.
    """

    def __init__(self, data: DataStore):
        self.data = data
        self.has_store = data.has_store()  # else the embedded tables serve the pairs
        self.lookup: dict[tuple[str, str, str], tuple[str, str]] = {}
        self.dim_files: list[tuple[str, str]] = []  # (file, kind) of every dimension file
        self.tables: dict[str, str] = {}  # detail table name -> file label in ``lookup``
        self.available = True
        self._trade: dict[str, pd.DataFrame] | None = None
        self._rankings: dict[str, tuple[list[str], list[set[str]]]] = {}
        self._peers: dict[tuple[str, str, str], tuple] = {}
        common: dict = {"version": DIGEST_VERSION}
        if self.has_store:
            self._load_store(common)
        else:
            self._load_embedded(common)
        self._load_curated(common)
        self._load_catalog(common)
        cow = config.PROCESSED_DIR / "cow_countries.csv"  # country names (analysis.countries)
        common["cow_countries"] = sha256_file(cow) if cow.is_file() else ""
        self.common = _sha(common)

    # --- loading ------------------------------------------------------------------------------

    def _add(self, label: str, d: pd.DataFrame) -> None:
        for key_a, key_b, digest, sources in zip(
            d["key_a"], d["key_b"], d["digest"], d["sources"], strict=True
        ):
            self.lookup[(label, key_a, key_b)] = (digest, sources)

    def _load_store(self, common: dict) -> None:
        store = self.data.store
        manifest = store.manifest
        entry = manifest.get("files", {}).get(DIGESTS_FILE)
        if entry is None or entry.get("digest_version") != DIGEST_VERSION:
            self.available = False
            return
        digested = set()
        table = pq.read_table(store.path(DIGESTS_FILE)).to_pydict()
        for f, ka, kb, dg, src in zip(
            table["file"], table["key_a"], table["key_b"], table["digest"], table["sources"],
            strict=True,
        ):  # fmt: skip
            self.lookup[(f, ka, kb)] = (dg, src)
            digested.add(f)
        for _name, meta in sorted(manifest.get("dimensions", {}).items()):
            for kind, rel in sorted(meta.get("files", {}).items()):
                self.dim_files.append((rel, kind))
        common["dimensions"] = manifest.get("dimensions", {})
        # every file's schema; whole checksums of what is not digested by key (vote artifacts,
        # tables not in DETAIL_TABLES)
        common["files"] = {
            rel: (e.get("columns") if rel in digested else e.get("sha256"))
            for rel, e in sorted(manifest.get("files", {}).items())
            if rel != DIGESTS_FILE
        }
        for name in DETAIL_TABLES:
            if store.has_table(name):
                self.tables[name] = f"tables/{name}.parquet"
        self._load_embedded_tables(common, skip=set(self.tables))

    def _load_embedded(self, common: dict) -> None:
        panel = self.data.processed_dir / PANEL_CSV
        if panel.is_file():
            df = _read_csv_text(panel)
            d = group_digests(df, ("country_a", "country_b"))
            found = df[["country_a", "country_b", "source"]].set_axis(
                ["key_0", "key_1", "source"], axis=1
            )
            d = d.merge(_join_sources(found.drop_duplicates()), on=["key_a", "key_b"], how="left")
            self._add(f"processed/{PANEL_CSV}", d.fillna({"sources": ""}))
            self.dim_files.append((f"processed/{PANEL_CSV}", "directed"))
        self._load_embedded_tables(common, skip=set())

    def _load_embedded_tables(self, common: dict, skip: set[str]) -> None:
        """Digest the processed CSVs that serve detail tables (those the store lacks); hash the
        other processed files whole, the panel excepted (digested by pair or unused)."""
        known = {r.embedded: name for name, r in DETAIL_TABLES.items() if r.embedded}
        whole = {}
        processed = self.data.processed_dir
        for path in sorted(processed.glob("*.csv")) if processed.is_dir() else []:
            name = known.get(path.name)
            if path.name == PANEL_CSV or name in skip:
                continue
            if name is None:
                whole[path.name] = sha256_file(path)
                continue
            label = f"processed/{path.name}"
            d = group_digests(_read_csv_text(path), DETAIL_TABLES[name].keys)
            self._add(label, d.assign(sources=""))
            self.tables[name] = label
        common["processed"] = whole

    def _load_curated(self, common: dict) -> None:
        names = set()
        for folder in (self.data.data_dir / "curated", self.data.curated_dir):
            if folder.is_dir():
                names |= {
                    p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                }
        whole = {}
        for name in sorted(names):
            path = self.data.curated_file(name)
            if name in CURATED_BY_PAIR:
                d = group_digests(_read_csv_text(path), CURATED_BY_PAIR[name])
                self._add(f"curated/{name}", d.assign(sources=""))
                whole[name] = list(_read_csv_text(path).columns)  # its header
            else:
                whole[name] = sha256_file(path)
        common["curated"] = whole

    def _load_catalog(self, common: dict) -> None:
        catalog = self.data.catalog() if self.data.catalog_path.is_file() else {}
        sources = catalog.get("sources", {})
        common["catalog"] = {
            "about": catalog.get("about"),
            "sources": {
                sid: {k: v for k, v in s.items() if k not in DATA_FIELDS}
                for sid, s in sorted(sources.items())
            },
        }
        self.source_digests = {sid: _sha(s) for sid, s in sources.items()}

    # --- peers --------------------------------------------------------------------------------

    def _trade_rows(self) -> dict[str, pd.DataFrame]:
        """Every country's directed trade rows (read once from the store)."""
        if self._trade is None:
            store = self.data.store
            rel = store.dimension_files("economy").get("directed")
            columns = store.manifest["files"].get(rel, {}).get("columns", []) if rel else []
            if TRADE_ID not in columns:
                self._trade = {}
            else:
                rows = store.read_dyads(
                    "economy", "directed", columns=["country_a", "country_b", "year", TRADE_ID]
                )
                rows = rows.dropna(subset=[TRADE_ID])
                rows["country_a"] = rows["country_a"].astype("str")
                rows["country_b"] = rows["country_b"].astype("str")
                self._trade = {
                    str(c): g.drop(columns="country_a")
                    for c, g in rows.groupby("country_a", sort=False)
                }
        return self._trade

    def top_partners(self, country: str, exclude: set[str], n: int) -> list[str]:
        """Return :func:`analysis.peers.rank_partners` of the country's rows, ranked once.

        Leaving out partners keeps the others' means and order unless it removes one of the
        last :data:`~analysis.peers.TRADE_YEARS` years (a year in which only excluded partners
        have data); then the rows are ranked again.
        """
        rows = self._trade_rows().get(country)
        if rows is None:
            return []
        if country not in self._rankings:
            ranked = rank_partners(rows, {country}, None)
            by_year = rows.groupby("year", sort=True)["country_b"].agg(set)
            self._rankings[country] = (ranked, list(by_year.iloc[-TRADE_YEARS:]))
        ranked, last_years = self._rankings[country]
        if any(partners <= exclude for partners in last_years):
            return rank_partners(rows, exclude, n)
        return [p for p in ranked if p not in exclude][:n]

    def peers(self, a: str, b: str, chosen: str = "") -> tuple[tuple[str, str], ...]:
        """Return the pair's peers as its report chooses them (:func:`peer_pairs`)."""
        key = (a, b, chosen or "")
        if key not in self._peers:
            top = self.top_partners if self.has_store else None
            self._peers[key] = peer_pairs(a, b, chosen or None, top=top)
        return self._peers[key]

    # --- one report ---------------------------------------------------------------------------

    def of(self, params: dict) -> str:
        """Return the digest of the data the report of ``params`` reads."""
        a, b = params["country_a"], params["country_b"]
        peers = self.peers(a, b, params.get("peers") or "")
        parts = [self.common, f"peers={peers}"]
        sources = set(SOURCES_ALWAYS)
        for i, (x, y) in enumerate(((a, b), *peers)):
            for rel, kind in self.dim_files:
                key = (x, y) if kind == "directed" else tuple(sorted((x, y)))
                digest, ids = self.lookup.get((rel, *key), ("-", ""))
                parts.append(f"{rel}|{key[0]}|{key[1]}={digest}")
                if i == 0 and ids:
                    sources.update(ids.split("+"))
        countries = sorted({a, b})
        wide = sorted({c for pair in ((a, b), *peers) for c in pair})
        for name, reads in DETAIL_TABLES.items():
            label = self.tables.get(name)
            if label is None:
                continue
            if reads.by_pair:
                keys = [(a, b), (b, a)]
            else:
                keys = [(c, "") for c in (wide if reads.peers else countries)]
            for key in keys:
                parts.append(
                    f"{label}|{key[0]}|{key[1]}={self.lookup.get((label, *key), ('-',))[0]}"
                )
        for name in CURATED_BY_PAIR:
            for key in ((a, b), (b, a)):
                got = self.lookup.get((f"curated/{name}", *key), ("-",))[0]
                parts.append(f"curated/{name}|{key[0]}|{key[1]}={got}")
        for sid in sorted(sources):
            parts.append(f"source {sid}={self.source_digests.get(sid, '-')}")
        return _sha("\n".join(parts))


def report_digests(data: DataStore, whole: Callable[[], str]) -> Callable[[dict], str]:
    """Return ``params -> digest`` of the data each report reads (:class:`DataDigest`), or,
    when the store has no digests (built by an older version), ``whole()`` for every report."""
    digests = DataDigest(data)
    if not digests.available:
        value: list[str] = []

        def fallback(params: dict) -> str:
            if not value:
                value.append(whole())
            return value[0]

        return fallback
    return digests.of


__all__ = [
    "DETAIL_TABLES",
    "DIGESTS_FILE",
    "DataDigest",
    "TableReads",
    "digest_parquet",
    "group_digests",
    "report_digests",
    "write_store_digests",
]
