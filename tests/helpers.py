"""Helpers shared by the tests (imported as ``helpers``: pytest puts tests/ on sys.path)."""

import contextlib
import gzip
import io
import os
import shutil
import time
from pathlib import Path

import pytest

from analysis import config, datastore
from analysis.cli import main

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


# --- batches: configs, the command line, the output folder ---------------------------------------


def write(directory: Path, text: str, name: str = "batch.yml") -> Path:
    """Write a batch config ``name`` with ``text`` in ``directory``; return its path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(args: list[str]) -> tuple[int, list[str]]:
    """Run the command line in this process; return (exit code, stderr lines)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue().splitlines()


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    """Return ``{name: (mtime_ns, bytes)}`` of the reports in the output folder ``out``."""
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.glob("*_*.html"))}


def wait_until(predicate, timeout: float, step: float = 0.1):
    """Poll ``predicate`` until it is true or ``timeout`` seconds passed; return its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


@contextlib.contextmanager
def embedded_data_copy(tmp: Path):
    """Inside the block, the embedded data are a copy in ``tmp/data`` (yielded), seen by this
    process (``config``) and by the processes it starts (``BILATERAL_DATA_DIR``): workers,
    kernels and subprocesses. A test may change the copy freely."""
    data = tmp / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("raw", "store", ".store*"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(config.DATA_DIR_ENV, str(data))
        mp.setattr(config, "DATA_DIR", data)
        mp.setattr(config, "PROCESSED_DIR", data / "processed")
        mp.setattr(config, "CURATED_DIR", data / "curated")
        mp.setattr(config, "CATALOG_PATH", data / "catalog.yml")
        datastore.reset()
        try:
            yield data
        finally:
            datastore.reset()
