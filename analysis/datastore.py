"""Where the data come from: one object that owns the paths, the caches and the choice of source.

:class:`DataStore` holds the three directories (embedded data, raw files, curated tables), read
once from the environment by :meth:`DataStore.from_env`, and answers every read of the package:

- the all-pairs store (``<data dir>/store``, built by ``bilateral data build``) serves **any**
  pair when it exists;
- otherwise the embedded processed tables (``<data dir>/processed``, committed) serve the
  embedded pairs, and any other pair is bad input that names the remedy.

``current()`` is the process-wide instance (built from the environment on first use; notebook
kernels and batch workers inherit the environment, so they see the same directories). Tests
construct their own and install it with :func:`use`.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.dyadic import AllPairs, pair_panel
from analysis.errors import BadInput, quote
from analysis.fileio import load_yaml
from analysis.indicators.common import concat_panel
from analysis.indicators.vote_bootstrap import ARTIFACT_FILES, fill_intervals, load_vote_artifacts
from analysis.schemas import REBUILD, check_catalog, read_processed, shown
from analysis.store import Store, round_floats


def _plain_pair(store: Store, rows: AllPairs, a: str, b: str) -> pd.DataFrame:
    """Return the long panel of a pair's stored rows."""
    return pair_panel(rows, a, b)


def _unga_bootstrap(store: Store, rows: AllPairs, a: str, b: str) -> pd.DataFrame:
    """Return the alignment rows of a pair with the bootstrap intervals of its vote statistics."""
    art = store.cache.get("vote_artifacts")
    if art is None:
        directory = store.directory / "alignment"
        for filename in ARTIFACT_FILES.values():
            store.path(f"alignment/{filename}")  # checked against the manifest
        art = store.cache["vote_artifacts"] = load_vote_artifacts(directory)
    u = rows.undirected
    if u is not None and len(u):
        u = fill_intervals(u.reset_index(drop=True), art)
    return pair_panel(AllPairs(directed=rows.directed, undirected=u, swap=rows.swap), a, b)


#: Functions a dimension names in the manifest (``read_hook``) to turn a pair's stored rows into
#: its long panel: ``(store, rows, a, b) -> panel``.
READ_HOOKS = {"unga_bootstrap": _unga_bootstrap}

#: Largest catalog.yml read (the committed one is about 35 KB; a store's may list more files).
CATALOG_MAX_BYTES = 20_000_000

#: Files whose presence marks a staged raw-data directory.
RAW_MARKERS = ("PROVENANCE-economic.md", "imf_dots_sam_leblanc")


@dataclass(eq=False)
class DataStore:
    """Paths of the data and the caches of what was read from them.

    Parameters
    ----------
    data_dir : Path
        Embedded data: ``processed/``, ``curated/``, ``catalog.yml`` and the built ``store/``.
    raw_dir : Path
        Raw files (read by ``bilateral data build`` only).
    curated_dir : Path
        Curated tables in use (``data_dir/curated`` unless overridden): a table it does not hold
        comes from ``data_dir/curated`` (:meth:`curated_file`), so a timeline of one's own needs
        no copy of the other tables.
    """

    data_dir: Path
    raw_dir: Path
    curated_dir: Path
    _embedded: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _store: Store | None = field(default=None, repr=False)
    _pairs: OrderedDict[tuple[str, str], pd.DataFrame] = field(
        default_factory=OrderedDict, repr=False
    )
    _stamp: tuple | None = field(default=None, repr=False)
    _catalog: tuple | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls) -> DataStore:
        """Return the directories named by the environment (or the repository defaults)."""
        data_dir = Path(os.environ.get(config.DATA_DIR_ENV) or config.PROJ_ROOT / "data")
        data_dir = data_dir.expanduser().resolve()
        raw = os.environ.get(config.RAW_DIR_ENV)
        curated = os.environ.get(config.CURATED_DIR_ENV)
        return cls(
            data_dir=data_dir,
            raw_dir=Path(raw).expanduser().resolve() if raw else config.default_raw_dir(data_dir),
            curated_dir=Path(curated).expanduser().resolve() if curated else data_dir / "curated",
        )

    def curated_file(self, name: str) -> Path:
        """Return the path of the curated table ``name``: in the curated dir in use, else in the
        data dir's ``curated``."""
        path = self.curated_dir / name
        return path if path.exists() else self.data_dir / "curated" / name

    @classmethod
    def at(cls, data_dir: Path, raw_dir: Path | None = None) -> DataStore:
        """Return a store over ``data_dir`` (curated tables inside it)."""
        data_dir = Path(data_dir).resolve()
        return cls(data_dir, Path(raw_dir or data_dir / "raw").resolve(), data_dir / "curated")

    # --- directories --------------------------------------------------------------------------

    @property
    def processed_dir(self) -> Path:
        """The embedded processed tables."""
        return self.data_dir / "processed"

    @property
    def catalog_path(self) -> Path:
        """The catalog of sources."""
        return self.data_dir / "catalog.yml"

    @property
    def store_dir(self) -> Path:
        """The all-pairs store."""
        return self.data_dir / "store"

    @property
    def store(self) -> Store:
        """The all-pairs store object (it may not be built: see :meth:`has_store`)."""
        if self._store is None:
            self._store = Store(self.store_dir)
        return self._store

    def has_store(self) -> bool:
        """Return whether the all-pairs store is built."""
        return self.store.exists()

    def raw_available(self) -> bool:
        """Return whether the raw directory holds the staged raw files."""
        return any((self.raw_dir / m).exists() for m in RAW_MARKERS)

    # --- reads --------------------------------------------------------------------------------

    def catalog(self) -> dict:
        """Return the parsed catalog (a copy; parsed again only when the file changed)."""
        path = self.catalog_path
        try:
            st = path.stat()
        except FileNotFoundError:
            raise BadInput(f"catalog missing: {path}; run 'bilateral data build'") from None
        stamp = (st.st_mtime_ns, st.st_size)
        if self._catalog is None or self._catalog[0] != stamp:
            parsed = load_yaml(path, "catalog", hint=REBUILD, max_bytes=CATALOG_MAX_BYTES)
            self._catalog = (stamp, check_catalog(parsed, shown(path)))
        return copy.deepcopy(self._catalog[1])

    def embedded(self, name: str) -> pd.DataFrame:
        """Return an embedded processed table (read once)."""
        if name not in self._embedded:
            path = self.processed_dir / name
            if not path.is_file():
                raise BadInput(
                    f"embedded table missing: {path}; run 'bilateral data build' to rebuild it"
                )
            self._embedded[name] = read_processed(path)
        return self._embedded[name]

    def is_embedded(self, a: str, b: str) -> bool:
        """Return whether the pair is in the embedded tables."""
        return (a, b) in config.EMBEDDED_PAIRS

    def pair_panel(self, a: str, b: str) -> pd.DataFrame:
        """Return the whole panel of the pair (ISO3 codes, all years), memoised per pair.

        From the all-pairs store when it is built, else from the embedded tables.

        Raises
        ------
        BadInput
            The pair is not embedded and no store is built.
        """
        self._check_fresh()
        key = (a, b)
        if key in self._pairs:
            self._pairs.move_to_end(key)
            return self._pairs[key]
        if self.has_store():
            panel = self.read_store_pair(a, b)
        elif self.is_embedded(a, b):
            p = self.embedded("panel.csv")
            panel = p[(p["country_a"] == a) & (p["country_b"] == b)].reset_index(drop=True)
        else:
            raise BadInput(self.not_covered(a, b))
        trace(f"panel {a}-{b}")
        self._pairs[key] = panel
        while len(self._pairs) > PAIR_CACHE:
            self._pairs.popitem(last=False)
        return panel

    def pair_years(self, a: str, b: str) -> list[int]:
        """Return the years in which the pair has any row (without assembling its panel)."""
        self._check_fresh()
        if (a, b) in self._pairs:
            return sorted(set(self._pairs[(a, b)]["year"].astype(int)))
        if self.has_store():
            years: set[int] = set()
            for name, meta in self.store.manifest["dimensions"].items():
                stored = self.store.read_pair(name, a, b)  # undirected rows as stored: x < y
                for kind in meta.get("files", {}):
                    rows = getattr(stored, kind)
                    values = rows.drop(columns=["country_a", "country_b", "year"])
                    values = values.select_dtypes("number")
                    years |= set(rows.loc[values.notna().any(axis=1), "year"].astype(int))
            return sorted(years)
        if self.is_embedded(a, b):
            p = self.embedded("panel.csv")
            return sorted(set(p.loc[(p["country_a"] == a) & (p["country_b"] == b), "year"]))
        raise BadInput(self.not_covered(a, b))

    def _check_fresh(self) -> None:
        """Forget what was read when the store was rebuilt since (one stat call)."""
        try:
            st = (self.store_dir / "manifest.json").stat()
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            if self._stamp is not None or self._pairs:
                self._pairs.clear()
                self._store = None
            self._stamp = stamp

    def read_store_pair(self, a: str, b: str) -> pd.DataFrame:
        """Read the pair's rows of every dimension from the store, as one long panel."""
        parts = []
        for name, meta in self.store.manifest["dimensions"].items():
            rows = self.store.read_pair(name, a, b)
            hook = meta.get("read_hook", "")
            if hook and hook not in READ_HOOKS:
                raise BadInput(
                    f"store at {self.store_dir} needs the reader {quote(hook)}, unknown to this "
                    f"version; run 'bilateral data build' to rebuild the store"
                )
            read = READ_HOOKS.get(hook, _plain_pair)
            parts.append(read(self.store, rows, a, b))
        return round_floats(concat_panel(parts))

    def not_covered(self, a: str, b: str) -> str:
        """Return the one-line message for a pair the data in use cannot serve."""
        pairs = ", ".join(f"{x}-{y}" for x, y in config.EMBEDDED_PAIRS)
        where = (
            f"build it from the raw files in {self.raw_dir} with 'bilateral data build'"
            if self.raw_available()
            else "get the raw files with 'bilateral data fetch' (or set BILATERAL_RAW_DIR) and run "
            "'bilateral data build'"
        )
        return (
            f"{a}-{b} is not in the embedded data ({pairs}) and no all-pairs store is built at "
            f"{self.store_dir}; {where} to read any pair"
        )

    def table(self, name: str, embedded: str | None = None) -> pd.DataFrame | None:
        """Return a detail table: the store's (every country) or else the embedded CSV.

        Returns None when neither exists (no store and no embedded table of that name).
        """
        if self.has_store() and self.store.has_table(name):
            return self.store.table(name)
        if embedded is not None and (self.processed_dir / embedded).is_file():
            return self.embedded(embedded)
        return None


#: Pair panels kept in memory per process (a report reads its pair and its peers; a batch
#: worker moves on to other pairs).
PAIR_CACHE = 32

#: Environment variable naming a file to which data reads are traced, one line each
#: (``panel ARM-RUS``): how tests and benchmarks count the panels a report assembles.
TRACE_ENV = "BILATERAL_TRACE"


def trace(event: str) -> None:
    """Append one line to the trace file when ``$BILATERAL_TRACE`` names one."""
    path = os.environ.get(TRACE_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{event} pid={os.getpid()}\n")


_CURRENT: list[DataStore] = []
_DEFAULT: list[DataStore] = []


_ENV_KEY: list[tuple] = []


def _env_key() -> tuple:
    return tuple(
        os.environ.get(v) for v in (config.DATA_DIR_ENV, config.RAW_DIR_ENV, config.CURATED_DIR_ENV)
    )


def current() -> DataStore:
    """Return the data store in use: the one installed by :func:`use`, else the process-wide one.

    The process-wide store is built from the environment on first use and again whenever one
    of its variables has changed since.
    """
    if _CURRENT:
        return _CURRENT[-1]
    key = _env_key()
    if not _DEFAULT or _ENV_KEY[0] != key:
        _DEFAULT[:] = [DataStore.from_env()]
        _ENV_KEY[:] = [key]
    return _DEFAULT[0]


@contextlib.contextmanager
def use(store: DataStore) -> Iterator[DataStore]:
    """Use ``store`` as :func:`current` inside the block (tests, batch workers)."""
    _CURRENT.append(store)
    try:
        yield store
    finally:
        for i in range(len(_CURRENT) - 1, -1, -1):
            if _CURRENT[i] is store:
                del _CURRENT[i]
                break


def reset() -> None:
    """Forget the process-wide store (the environment is read again on next use)."""
    _DEFAULT.clear()
    _ENV_KEY.clear()
