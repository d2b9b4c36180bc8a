"""Shared fixtures."""

import os

import pytest

from analysis import config

#: Files that every staged raw-data directory holds (one provenance file per data family); their
#: presence is how the tests tell a staged directory from an empty or wrong one.
STAGED_MARKERS = ("PROVENANCE-economic.md", "PROVENANCE-political.md")

#: Environment variable that turns a missing raw-data directory from a skip into a failure.
REQUIRE_RAW_ENV = "BILATERAL_REQUIRE_RAW"


@pytest.fixture
def raw_dir():
    """Return the raw-data directory; skip (or fail if ``BILATERAL_REQUIRE_RAW=1``) without it."""
    return require_raw_dir()


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
