"""The data build: deterministic, equal to the committed tables, and safe on bad input."""

import gzip
import shutil
import sys

import pandas as pd
import pytest
from helpers import require_raw_dir
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.build import PROCESSED_TABLES, build_data
from analysis.errors import BadInput
from analysis.panel import compute_panel

OUTPUTS = [f"processed/{n}" for n in PROCESSED_TABLES] + ["catalog.yml"]


def clear_caches() -> None:
    """Clear every functools cache of the package (loaders and loaded inputs)."""
    for name, module in list(sys.modules.items()):
        if name == "analysis" or name.startswith("analysis."):
            for obj in vars(module).values():
                if (
                    callable(getattr(obj, "cache_clear", None))
                    and getattr(obj, "__module__", "") == name
                ):
                    obj.cache_clear()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two fresh builds from the real raw files (module-scoped: the build takes seconds)."""
    raw = require_raw_dir()
    first, second = tmp_path_factory.mktemp("b1"), tmp_path_factory.mktemp("b2")
    build_data(raw, first, store=False)  # the store: tests/test_store*.py
    clear_caches()  # the second build reads every raw file again
    build_data(raw, second, store=False)
    return first, second


@pytest.mark.parametrize("name", OUTPUTS)
def test_two_builds_are_byte_identical(built, name):
    first, second = built
    assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.parametrize("name", OUTPUTS)
def test_committed_data_equal_a_fresh_build(built, name):
    """CI check: data/ must be what 'bilateral data build' makes of the raw files."""
    fresh = (built[0] / name).read_bytes()
    committed = (config.DATA_DIR / name).read_bytes()
    assert committed == fresh, f"data/{name} is stale: run 'make data' and commit"


def test_embedded_panel_equals_direct_computation(raw_dir):
    direct = compute_panel(raw_dir, "ARM", "RUS")
    embedded = pd.read_csv(config.PROCESSED_DIR / "panel.csv")
    embedded = embedded[(embedded["country_a"] == "ARM") & (embedded["country_b"] == "RUS")]
    direct = direct.assign(
        value=direct["value"].round(6),
        lo=direct["lo"].round(6),
        hi=direct["hi"].round(6),
        source=direct["source"].astype(str),
    )
    assert_frame_equal(
        embedded.reset_index(drop=True), direct.reset_index(drop=True), check_dtype=False
    )


def test_bad_raw_file_overwrites_nothing(raw_dir, tmp_path):
    """A malformed raw file stops the build before any file is written."""
    raw = tmp_path / "raw"
    for entry in raw_dir.iterdir():
        (raw / entry.name).parent.mkdir(parents=True, exist_ok=True)
        (raw / entry.name).symlink_to(entry)
    (raw / "tvyal_armstat_trade").unlink()
    (raw / "tvyal_armstat_trade").mkdir()
    (raw / "tvyal_armstat_trade/arm_trade_country_monthly_2007_2024.csv.gz").write_bytes(
        gzip.compress(b"country,year\nArmenia,2020\n")
    )
    out = tmp_path / "out"
    (out / "processed").mkdir(parents=True)
    (out / "processed/panel.csv").write_text("good\n")
    with pytest.raises(BadInput, match="missing column"):
        build_data(raw, out)
    assert (out / "processed/panel.csv").read_text() == "good\n"
    assert sorted(p.name for p in (out / "processed").iterdir()) == ["panel.csv"]


def test_curated_catalog_of_a_data_dir_outside_the_repository(tmp_path, monkeypatch):
    """build_curated_catalog() reads the curated tables of the data dir in use, wherever it is, and
    records their paths relative to that data dir (curated/NAME)."""
    from analysis import build
    from analysis.fileio import sha256_file

    data = tmp_path / "data"
    shutil.copytree(config.PROJ_ROOT / "data" / "curated", data / "curated")
    timeline = data / "curated" / "timeline.csv"
    lines = timeline.read_text(encoding="utf-8").splitlines(keepends=True)
    timeline.write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer than the repo's
    monkeypatch.setattr(config, "DATA_DIR", data)
    monkeypatch.setattr(config, "CURATED_DIR", data / "curated")
    catalog = build.build_curated_catalog()
    assert {name: entry["path"] for name, entry in catalog.items()} == {
        name: f"curated/{name}" for name in build.CURATED
    }
    assert catalog["timeline.csv"]["sha256"] == sha256_file(timeline)
    repo = build.load_timeline(config.PROJ_ROOT / "data" / "curated")
    assert catalog["timeline.csv"]["rows"] == len(repo) - 1
