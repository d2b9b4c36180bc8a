"""Helpers shared by the tests (imported as ``helpers``: pytest puts tests/ on sys.path)."""

import gzip
import os
from pathlib import Path

import pytest

from analysis import config

#: Files that every staged raw-data directory holds (one provenance file per data family); their
#: presence is how the tests tell a staged directory from an empty or wrong one.
STAGED_MARKERS = ("PROVENANCE-economic.md", "PROVENANCE-political.md")

#: Environment variable that turns a missing raw-data directory from a skip into a failure.
REQUIRE_RAW_ENV = "BILATERAL_REQUIRE_RAW"


def require_raw_dir():
    """Return the staged raw-data directory, or skip/fail the calling test without it."""
    directory = config.raw_dir()
    if not all((directory / marker).is_file() for marker in STAGED_MARKERS):
        if os.environ.get(REQUIRE_RAW_ENV) == "1":
            pytest.fail(
                f"raw data not available at {directory} ({REQUIRE_RAW_ENV}=1); "
                f"set {config.RAW_DIR_ENV}"
            )
        pytest.skip(f"raw data not available at {directory}; set {config.RAW_DIR_ENV}")
    return directory


def write_raw(raw: Path, source: str, text: str, index: int = 0) -> Path:
    """Write a small fixture at the path a source's loader reads (gzipped where the file is)."""
    from analysis.sources import SOURCES

    path = raw / SOURCES[source]["files"][index]
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    return path


class DimensionResults:
    """Each dimension's inputs, all-pairs tables and detail tables, computed once per session."""

    def __init__(self, raw: Path):
        self.raw = raw
        self._cache: dict[str, tuple] = {}

    def __call__(self, name: str) -> tuple:
        """Return ``(inputs, all_pairs, tables)`` of the dimension ``name`` (real raw data)."""
        from analysis.dimensions.registry import dimension

        if name not in self._cache:
            dim = dimension(name)
            inputs = dim.load_inputs(self.raw)
            self._cache[name] = (inputs, dim.compute_all_pairs(inputs), dim.compute_tables(inputs))
        return self._cache[name]
