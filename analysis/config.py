"""Paths and defaults, in one place."""

import os
from pathlib import Path

import platformdirs

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


#: Name of the package's folder in the user's data directory (platformdirs).
APP_NAME = "bilateral"


def user_raw_dir() -> Path:
    """Return the raw-data folder in the user's data directory (``bilateral data fetch``'s
    default target): ``~/.local/share/bilateral/raw`` on Linux (``$XDG_DATA_HOME`` respected),
    ``~/Library/Application Support/bilateral/raw`` on macOS, ``%LOCALAPPDATA%`` on Windows."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "raw"


def default_raw_dir(data_dir: Path) -> Path:
    """Return the raw-data directory when ``$BILATERAL_RAW_DIR`` is not set: ``data_dir/raw``
    when that folder exists (a checkout with its raw files beside the data), else the user's
    data directory (:func:`user_raw_dir`)."""
    local = Path(data_dir) / "raw"
    return local if local.is_dir() else user_raw_dir()


def raw_dir() -> Path:
    """Return the raw-data directory: ``$BILATERAL_RAW_DIR``, else ``data/raw`` if it exists,
    else the user's data directory (where ``bilateral data fetch`` puts the files)."""
    value = os.environ.get(RAW_DIR_ENV)
    return Path(value).expanduser().resolve() if value else default_raw_dir(DATA_DIR)


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
