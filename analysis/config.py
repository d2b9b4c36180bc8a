"""Paths and defaults, in one place."""

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]

#: Environment variable naming another embedded-data directory (processed, curated, catalog.yml)
#: instead of the repository's ``data/``: a private data set, or a test's modified copy. It is read
#: once at import, so child processes (batch workers, notebook kernels) see the same directory.
DATA_DIR_ENV = "BILATERAL_DATA_DIR"
DATA_DIR = (
    Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    if os.environ.get(DATA_DIR_ENV)
    else PROJ_ROOT / "data"
)
PROCESSED_DIR = DATA_DIR / "processed"
CURATED_DIR = DATA_DIR / "curated"
CATALOG_PATH = DATA_DIR / "catalog.yml"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"

#: Environment variable naming the directory of raw inputs (never committed).
RAW_DIR_ENV = "BILATERAL_RAW_DIR"

#: Environment variable naming a directory of curated tables to use instead of data/curated
#: (a user's own timeline for another pair, or a test's fixture).
CURATED_DIR_ENV = "BILATERAL_CURATED_DIR"

#: Largest size of one event file once decompressed, in MiB (``bilateral events --max-mb``): a
#: 1 MB zip can inflate to gigabytes, so event files are read as streams and refused past it.
EVENT_FILE_MAX_MB = 1024

#: The default pair and period of every command and notebook.
DEFAULT_A = "ARM"
DEFAULT_B = "RUS"
DEFAULT_START = 2000

#: Pairs embedded in data/processed (focal country first): the default pair and its peers,
#: the focal country with its other partners and the partner with its other allies.
EMBEDDED_PAIRS = (
    ("ARM", "RUS"),
    ("ARM", "FRA"),
    ("ARM", "IRN"),
    ("ARM", "USA"),
    ("ARM", "CHN"),
    ("ARM", "GEO"),
    ("AZE", "RUS"),
    ("GEO", "RUS"),
    ("KAZ", "RUS"),
    ("BLR", "RUS"),
    ("RUS", "ARM"),
)


def raw_dir() -> Path:
    """Return the raw-data directory: ``$BILATERAL_RAW_DIR`` or ``data/raw``."""
    value = os.environ.get(RAW_DIR_ENV)
    return Path(value).expanduser().resolve() if value else DATA_DIR / "raw"


def curated_dir() -> Path:
    """Return the curated-tables directory: ``$BILATERAL_CURATED_DIR`` or ``data/curated``."""
    value = os.environ.get(CURATED_DIR_ENV)
    return Path(value).expanduser().resolve() if value else CURATED_DIR


#: Peer pairs of the default pair, the reference set of its closeness index: the focal country
#: with its other partners, and the partner with its other allies (other pairs:
#: :func:`analysis.peers.peer_pairs`).
PEERS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("ARM", "RUS"): (
        ("ARM", "FRA"),
        ("ARM", "IRN"),
        ("ARM", "USA"),
        ("ARM", "CHN"),
        ("ARM", "GEO"),
        ("AZE", "RUS"),
        ("BLR", "RUS"),
        ("KAZ", "RUS"),
        ("GEO", "RUS"),
    ),
}
