"""Shared fixtures (the helpers they use are in helpers.py)."""

import pytest
from helpers import DimensionResults, require_raw_dir

from analysis import config


@pytest.fixture
def raw_dir():
    """Return the raw-data directory; skip (or fail if ``BILATERAL_REQUIRE_RAW=1``) without it."""
    return require_raw_dir()


@pytest.fixture(scope="session")
def dimension_results():
    """Every dimension computed for all pairs from the real raw data, once per session."""
    return DimensionResults(require_raw_dir())


@pytest.fixture(scope="session")
def real_store(dimension_results, tmp_path_factory):
    """A data directory with the committed tables and the all-pairs store built from raw data.

    The store is built by :func:`analysis.build.build_store` from the session's computed
    dimensions (the same functions the build calls, computed once for all tests).
    """
    import dataclasses
    import shutil

    from analysis.build import build_store
    from analysis.datastore import DataStore
    from analysis.dimensions.registry import DIMENSIONS

    data = tmp_path_factory.mktemp("data")
    for name in ("processed", "curated"):
        shutil.copytree(config.PROJ_ROOT / "data" / name, data / name)
    shutil.copy(config.PROJ_ROOT / "data" / "catalog.yml", data / "catalog.yml")
    dims = [
        dataclasses.replace(
            d,
            load_inputs_ref=lambda raw, n=d.name: dimension_results(n)[0],
            compute_all_pairs_ref=lambda _inputs, n=d.name: dimension_results(n)[1],
            compute_tables_ref=lambda _inputs, n=d.name: dimension_results(n)[2],
            clear_inputs_ref=lambda: None,
        )
        for d in DIMENSIONS
    ]
    build_store(dimension_results.raw, data / "store", dims)
    return DataStore.at(data, dimension_results.raw)
