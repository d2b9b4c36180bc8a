"""A batch rebuilds exactly the reports whose data changed (per-report digests, analysis.digest).

Four brief reports (ARM-RUS, AZE-RUS, ARM-FRA, GEO-TUR) on a data dir with a small generated
store: one economy dimension computed from two generated raw files at the catalog's paths of two
real sources (an IMF DOTS-like trade file of every pair, an Armstat-like file of Armenia's monthly
trade and top partners), plus the committed processed tables, curated tables and catalog. The
reports themselves are not run (a stand-in pool writes a file per report and records it): what
is tested is which reports a batch decides to build.

The peers decide part of the answer: ARM-RUS has the curated peers (AZE-RUS, ARM-FRA, ...); from
the generated trade, AZE-RUS and ARM-FRA each have ARM-RUS as their only peer (Russia's only
other partner, Armenia's only other partner); GEO-TUR has the embedded pairs of Georgia.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis import batch, build, config, datastore, fetch, peers
from analysis.digest import DIGESTS_FILE, DataDigest, group_digests
from analysis.dimensions import Dimension
from analysis.dyadic import AllPairs, long_to_wide
from analysis.fileio import sha256_file

#: The generated raw files, at the raw paths of the catalog's imf_dots and armstat sources.
TRADE_FILE = "imf_dots_sam_leblanc/imf_dots_annual_1990_2020_long.csv.gz"
ARMSTAT_FILE = "tvyal_armstat_trade/arm_trade_country_monthly_2007_2024.csv.gz"
#: Directed trade links of the generated data (both directions each); USA-CHN is no report's.
LINKS = (("ARM", "RUS"), ("AZE", "RUS"), ("ARM", "FRA"), ("GEO", "TUR"), ("USA", "CHN"))
YEARS = range(2014, 2021)
REPORTS = ("ARM-RUS", "AZE-RUS", "ARM-FRA", "GEO-TUR")
CONFIG = (
    "output: out\nedition: brief\nperiods: [{start: 2016, end: 2020}]\n"
    f"pairs: [{', '.join(REPORTS)}]\n"
)


def stems(*pairs: str) -> set[str]:
    return {f"{p}_2016-2020_brief" for p in pairs}


def trade_rows() -> pd.DataFrame:
    """Generated exports of each linked pair and year (USD million): a value per pair."""
    rows = []
    for i, (x, y) in enumerate(LINKS):
        for a, b in ((x, y), (y, x)):
            for year in YEARS:
                rows.append({"a": a, "b": b, "year": year, "value": 100.0 * (i + 1) + year % 10})
    return pd.DataFrame(rows)


def armstat_rows() -> pd.DataFrame:
    """Generated Armstat-like rows: monthly exports of ARM to RUS and FRA, and ARM's partners."""
    rows = []
    for b in ("RUS", "FRA"):
        for month in ("2020-01", "2020-02"):
            rows.append({"table": "monthly", "b": b, "key": month, "value": 10.0})
        for year in YEARS:
            rows.append({"table": "partners", "b": b, "key": str(year), "value": 50.0})
    return pd.DataFrame(rows)


def write_gz(path: Path, df: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(df.to_csv(index=False).encode(), mtime=0))


def read_gz(path: Path) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(gzip.decompress(path.read_bytes())))


def economy(raw: Path) -> list[Dimension]:
    """One dimension computed from the generated raw files: trade of every pair (source:
    armstat for Armenia's rows, imf_dots for the others), monthly trade and top partners."""

    def compute(_inputs):
        t = read_gz(raw / TRADE_FILE)
        long = pd.DataFrame(
            {
                "country_a": t["a"],
                "country_b": t["b"],
                "year": t["year"],
                "unit": "USD million",
                "source": ["armstat" if a == "ARM" else "imf_dots" for a in t["a"]],
            }
        )
        both = [
            long.assign(indicator="trade.exports_a_to_b", value=t["value"]),
            long.assign(indicator=peers.TRADE_ID, value=t["value"] * 2),
        ]
        return AllPairs(directed=long_to_wide(pd.concat(both, ignore_index=True)))

    def tables(_inputs):
        s = read_gz(raw / ARMSTAT_FILE)
        m, p = s[s["table"] == "monthly"], s[s["table"] == "partners"]
        monthly = pd.DataFrame(
            {"country_a": "ARM", "country_b": m["b"], "indicator": "trade.exports_a_to_b",
             "month": m["key"], "value": m["value"], "unit": "USD million", "source": "armstat"}
        )  # fmt: skip
        partners = pd.DataFrame(
            {"country_a": "ARM", "year": p["key"].astype(int), "rank": 1, "partner": p["b"],
             "total": p["value"], "share": 50.0, "source": "armstat"}
        )  # fmt: skip
        return {"monthly": monthly.reset_index(drop=True), "partners": partners}

    return [
        Dimension(
            name="economy", title="Economy", prefixes=("trade",), notebook="economy.ipynb",
            load_inputs_ref=lambda r: {}, clear_inputs_ref=lambda: None,
            compute_all_pairs_ref=compute, compute_tables_ref=tables,
            provider_ref=lambda r, a, b: pd.DataFrame(),
        )
    ]  # fmt: skip


def rebuild_data(raw_dir, data_dir, progress=None):
    """What ``bilateral data build`` does here: the store from the raw files, and the catalog's
    checksums of the raw files it read."""
    build.build_store(raw_dir, Path(data_dir) / "store", economy(Path(raw_dir)))
    path = Path(data_dir) / "catalog.yml"
    cat = yaml.safe_load(path.read_text("utf-8"))
    for s in cat["sources"].values():
        for f in s["raw_files"]:
            if (Path(raw_dir) / f["path"]).is_file():
                f["sha256"] = sha256_file(Path(raw_dir) / f["path"])
    path.write_text(yaml.safe_dump(cat, sort_keys=False, allow_unicode=True), "utf-8")


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A data dir (committed processed, curated, catalog) with the generated store, the raw dir,
    a "publisher" dir the stand-in fetch copies from, the config and the stand-in pool."""
    data, raw, publisher = tmp_path / "data", tmp_path / "raw", tmp_path / "publisher"
    for name in ("processed", "curated"):
        shutil.copytree(config.PROJ_ROOT / "data" / name, data / name)
    shutil.copy(config.PROJ_ROOT / "data" / "catalog.yml", data / "catalog.yml")
    write_gz(raw / TRADE_FILE, trade_rows())
    write_gz(raw / ARMSTAT_FILE, armstat_rows())
    shutil.copytree(raw, publisher)
    rebuild_data(raw, data)
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data))
    monkeypatch.setenv(config.RAW_DIR_ENV, str(raw))
    monkeypatch.delenv(config.CURATED_DIR_ENV, raising=False)
    datastore.reset()
    built: list[str] = []

    def pool(to_run, out, n_workers, record, pdf=False, summary=False):
        for params in to_run:
            stem = batch.report_stem(params)
            built.append(stem)
            batch.report_path(out, params).write_text(f"report {stem}", encoding="utf-8")
            record(params, {"status": "ok", "seconds": 0.0, "message": ""})

    def fake_fetch(catalog, raw_dir, say=None, **kwargs):
        """The publisher's files copied in (what a fetch of changed files leaves)."""
        fetched = []
        for p in sorted(publisher.rglob("*.gz")):
            rel = p.relative_to(publisher).as_posix()
            if (Path(raw_dir) / rel).read_bytes() != p.read_bytes():
                shutil.copy(p, Path(raw_dir) / rel)
                fetched.append(rel)
        return {"fetched": fetched, "up_to_date": [], "damaged": [], "failed": []}

    monkeypatch.setattr(batch, "_run_pool", pool)
    monkeypatch.setattr(fetch, "fetch_raw", fake_fetch)
    monkeypatch.setattr(fetch, "build_data", rebuild_data)
    cfg = tmp_path / "weekly.yml"
    cfg.write_text(CONFIG, encoding="utf-8")

    def run(refresh: bool = False) -> set[str]:
        built.clear()
        result = batch.run_batch(cfg, workers=1, stream=io.StringIO(), tty=False, refresh=refresh)
        skipped = {s for s, e in result["reports"].items() if e["status"] == "skipped"}
        assert skipped | set(built) == stems(*REPORTS) and not skipped & set(built)
        return set(built)

    assert run() == stems(*REPORTS)  # the first run builds every report
    assert run() == set()  # nothing changed: every report skipped
    yield {"data": data, "raw": raw, "publisher": publisher, "run": run}
    datastore.reset()


def change_trade(path: Path, a: str, b: str, year: int = 2019) -> None:
    t = read_gz(path)
    t.loc[(t["a"] == a) & (t["b"] == b) & (t["year"] == year), "value"] += 1.0
    write_gz(path, t)


def test_the_generated_store_gives_the_peers_the_expectations_rest_on(setup):
    """What the expectations below rest on (the rule of analysis.peers, on the store)."""
    assert {("AZE", "RUS"), ("ARM", "FRA")} <= set(config.PEERS[("ARM", "RUS")])
    d = DataDigest(datastore.current())
    assert d.peers("AZE", "RUS") == (("ARM", "RUS"),)
    assert d.peers("ARM", "FRA") == (("ARM", "RUS"),)
    assert ("ARM", "RUS") not in d.peers("GEO", "TUR")
    assert d.peers("ARM", "RUS") == config.PEERS[("ARM", "RUS")]


@pytest.mark.parametrize(
    ("file", "pair", "expected"),
    [
        # Armenia's monthly trade with Russia (Armstat): the Armenian pairs, whose rows cite
        # armstat (its checksum is in their appendix); no other report reads the file.
        (ARMSTAT_FILE, None, ("ARM-RUS", "ARM-FRA")),
        # one pair's trade (DOTS): GEO-TUR's rows, and AZE-RUS, whose rows cite imf_dots; not
        # ARM-RUS or ARM-FRA (their rows cite armstat, their peers' rows did not change)
        (TRADE_FILE, ("GEO", "TUR"), ("GEO-TUR", "AZE-RUS")),
        # a pair no report shows or compares with: only the catalog's imf_dots checksum changes
        (TRADE_FILE, ("USA", "CHN"), ("GEO-TUR", "AZE-RUS")),
    ],
)
def test_refresh_rebuilds_exactly_the_reports_whose_data_changed(setup, file, pair, expected):
    """``batch --refresh``: the publisher's file changed, the fetch brings it, the data are
    rebuilt, and the batch builds the reports that read what changed; the others are skipped."""
    new = setup["publisher"] / file
    if file == ARMSTAT_FILE:
        s = read_gz(new)
        s.loc[(s["table"] == "monthly") & (s["b"] == "RUS") & (s["key"] == "2020-02"), "value"] = (
            11.0
        )
        write_gz(new, s)
    else:
        change_trade(new, *pair)
    assert setup["run"](refresh=True) == stems(*expected)
    assert setup["run"](refresh=True) == set()  # and then nothing again


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # AZE's trade with Russia: AZE-RUS, and ARM-RUS that compares with it (peer)
        (lambda raw: change_trade(raw / TRADE_FILE, "AZE", "RUS"), ("AZE-RUS", "ARM-RUS")),
        # ARM's exports to Russia: ARM-RUS and the two reports that compare with it
        (
            lambda raw: change_trade(raw / TRADE_FILE, "ARM", "RUS"),
            ("ARM-RUS", "AZE-RUS", "ARM-FRA"),
        ),
        # the mirror flow RUS -> ARM is read by no report (RUS-ARM would read it)
        (lambda raw: change_trade(raw / TRADE_FILE, "RUS", "ARM"), ()),
        # a pair no report shows or compares with
        (lambda raw: change_trade(raw / TRADE_FILE, "USA", "CHN"), ()),
    ],
)
def test_a_changed_row_rebuilds_the_reports_that_read_it(setup, edit, expected):
    """The store rebuilt from raw files changed in one pair's rows, the catalog left as it
    was (a data dir updated by hand): only the rows decide."""
    edit(setup["raw"])
    build.build_store(setup["raw"], setup["data"] / "store", economy(setup["raw"]))
    assert setup["run"]() == stems(*expected)


def test_a_detail_table_of_one_country_rebuilds_that_countrys_reports(setup):
    """Armenia's top partners (a table read by country): the reports whose focal country is
    Armenia."""
    s = read_gz(setup["raw"] / ARMSTAT_FILE)
    s.loc[(s["table"] == "partners") & (s["key"] == "2018"), "value"] = 51.0
    write_gz(setup["raw"] / ARMSTAT_FILE, s)
    build.build_store(setup["raw"], setup["data"] / "store", economy(setup["raw"]))
    assert setup["run"]() == stems("ARM-RUS", "ARM-FRA")


def test_a_curated_timeline_row_rebuilds_its_pairs_report(setup):
    """An edited ARM-RUS event of the curated timeline: ARM-RUS alone (the peers' timelines are
    not shown); a new event of a pair no report shows: nothing."""
    path = setup["data"] / "curated" / "timeline.csv"
    t = pd.read_csv(path, dtype="str", keep_default_na=False)
    first = t.index[(t["country_a"] == "ARM") & (t["country_b"] == "RUS")][0]
    t.loc[first, "title"] = t.loc[first, "title"] + " (edited)"
    t.to_csv(path, index=False)
    assert setup["run"]() == stems("ARM-RUS")
    other = t.loc[[first]].assign(country_a="USA", country_b="CHN", title="Another event")
    pd.concat([t, other]).to_csv(path, index=False)
    assert setup["run"]() == set()


def test_the_catalog_entry_of_a_source_rebuilds_the_reports_citing_it(setup):
    """The armstat entry's coverage (shown with the sources of a report's rows): the Armenian
    pairs, whose rows cite armstat; a source no report's rows cite: nothing."""
    path = setup["data"] / "catalog.yml"
    cat = yaml.safe_load(path.read_text("utf-8"))
    cat["sources"]["armstat"]["coverage"] += " (revised)"
    path.write_text(yaml.safe_dump(cat, sort_keys=False, allow_unicode=True), "utf-8")
    assert setup["run"]() == stems("ARM-RUS", "ARM-FRA")
    cat["sources"]["gdelt"]["coverage"] += " (revised)"
    path.write_text(yaml.safe_dump(cat, sort_keys=False, allow_unicode=True), "utf-8")
    assert setup["run"]() == set()


def test_a_store_without_digests_rebuilds_every_report_on_any_change(setup):
    """A store built by an older version (no digests file): the whole data decide, as before."""
    store = setup["data"] / "store"
    manifest = json.loads((store / "manifest.json").read_text())
    del manifest["files"][DIGESTS_FILE]
    (store / "manifest.json").write_text(json.dumps(manifest, indent=1))
    (store / DIGESTS_FILE).unlink()
    datastore.reset()
    assert not DataDigest(datastore.current()).available
    assert setup["run"]() == stems(*REPORTS)  # the hashes are now of the whole data
    assert setup["run"]() == set()
    path = setup["data"] / "curated" / "timeline.csv"
    path.write_text(path.read_text("utf-8").replace("Armenia", "Armenia ", 1), "utf-8")
    assert setup["run"]() == stems(*REPORTS)


def test_fast_peers_equal_the_reports_rule(setup):
    """The planning's ranking (each country ranked once) gives the peers the notebooks compute
    (analysis.peers.peer_pairs reading the store), for every pair of the generated countries,
    also where leaving out a partner removes a year (TUR's 2021: USA alone)."""
    t = read_gz(setup["raw"] / TRADE_FILE)
    extra = pd.DataFrame([{"a": "TUR", "b": "USA", "year": y, "value": 5.0} for y in (2020, 2021)])
    write_gz(setup["raw"] / TRADE_FILE, pd.concat([t, extra], ignore_index=True))
    build.build_store(setup["raw"], setup["data"] / "store", economy(setup["raw"]))
    datastore.reset()
    d = DataDigest(datastore.current())
    countries = sorted({c for link in LINKS for c in link})
    for a in countries:
        for b in countries:
            if a != b:
                assert d.peers(a, b) == peers.peer_pairs(a, b), (a, b)
    assert d.top_partners("TUR", {"TUR", "USA"}, 4) == ["GEO"]


def test_group_digests_follow_the_rows_not_their_order():
    df = pd.DataFrame(
        {"country_a": ["ARM", "ARM", "AZE"], "country_b": ["RUS"] * 3, "v": [1.0, 2.0, 3.0]}
    )
    d = group_digests(df, ("country_a", "country_b")).set_index("key_a")["digest"]
    shuffled = group_digests(df.iloc[[2, 0, 1]], ("country_a", "country_b"))
    assert shuffled.set_index("key_a")["digest"].to_dict() == d.to_dict()
    assert d["ARM"].startswith("2:") and d["AZE"].startswith("1:")
    changed = df.assign(v=[1.0, 2.5, 3.0])
    d2 = group_digests(changed, ("country_a", "country_b")).set_index("key_a")["digest"]
    assert d2["ARM"] != d["ARM"] and d2["AZE"] == d["AZE"]
    # two identical rows do not cancel out
    twice = group_digests(pd.concat([df, df.iloc[[0]]]), ("country_a", "country_b"))
    assert twice.set_index("key_a")["digest"]["ARM"] != d["ARM"]


def test_real_brief_reports_rebuild_where_their_data_changed(tmp_path, monkeypatch):
    """Real brief reports (kernels) on a copy of the embedded data: GEO's 2019 exports to Russia
    edited in processed/panel.csv rebuild GEO-RUS and ARM-RUS
    (GEO-RUS is one of its peers); ARM-FRA, which neither shows nor compares with GEO-RUS, is
    skipped and its file left as it was."""
    data = tmp_path / "data"
    for name in ("processed", "curated"):
        shutil.copytree(config.PROJ_ROOT / "data" / name, data / name)
    shutil.copy(config.PROJ_ROOT / "data" / "catalog.yml", data / "catalog.yml")
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data))
    monkeypatch.delenv(config.CURATED_DIR_ENV, raising=False)
    datastore.reset()
    cfg = tmp_path / "weekly.yml"
    cfg.write_text(
        "output: out\nedition: brief\nperiods: [{start: 2015, end: 2020}]\n"
        "pairs: [ARM-RUS, ARM-FRA, GEO-RUS]\n",
        encoding="utf-8",
    )

    def run() -> dict[str, str]:
        result = batch.run_batch(cfg, workers=2, stream=io.StringIO(), tty=False)
        return {s[:7]: e["status"] for s, e in result["reports"].items()}

    try:
        assert run() == {"ARM-RUS": "ok", "ARM-FRA": "ok", "GEO-RUS": "ok"}
        out = tmp_path / "out"
        fra = (out / "ARM-FRA_2015-2020_brief.html").read_bytes()
        # processed/panel.csv: GEO,RUS,trade.exports_a_to_b,2019,496.974468 (IMF DOTS)
        panel = data / "processed" / "panel.csv"
        old = "GEO,RUS,trade.exports_a_to_b,2019,496.974468,USD million,imf_dots,,"
        text = panel.read_text(encoding="utf-8")
        assert text.count(old) == 1
        panel.write_text(text.replace(old, old.replace("496.974468", "1496.974468")), "utf-8")
        datastore.reset()
        assert run() == {"ARM-RUS": "ok", "ARM-FRA": "skipped", "GEO-RUS": "ok"}
        assert (out / "ARM-FRA_2015-2020_brief.html").read_bytes() == fra
    finally:
        datastore.reset()


def test_the_real_stores_digests(real_store):
    """The store built from the raw files: Armstat is cited by Armenia's rows only (ARM-RUS's
    trade, not USA-CHN's, whose trade is IMF DOTS), every pair of the store has a digest, and
    the planning's peers equal the notebooks' for a few pairs."""
    d = DataDigest(real_store)
    assert d.available
    arm = d.lookup[("economy.directed.parquet", "ARM", "RUS")][1].split("+")
    usa = d.lookup[("economy.directed.parquet", "USA", "CHN")][1].split("+")
    assert "armstat" in arm and "armstat" not in usa and "imf_dots" in usa
    cited = {k[1] for k, v in d.lookup.items() if "armstat" in v[1].split("+")}
    assert cited == {"ARM"}
    for a, b in (("USA", "CHN"), ("IND", "PAK"), ("AZE", "RUS"), ("BRA", "ARG"), ("ARM", "TUR")):
        assert d.peers(a, b) == peers.peer_pairs(a, b, store=real_store.store), (a, b)
    one = d.of({"country_a": "USA", "country_b": "CHN", "start_year": 2000, "end_year": 2020})
    assert one != d.of(
        {"country_a": "CHN", "country_b": "USA", "start_year": 2000, "end_year": 2020}
    )
