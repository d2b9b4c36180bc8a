"""The one list of dimensions: everything that enumerates dimensions derives from it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis import config, index, report
from analysis.dimensions import Dimension, resolve_ref
from analysis.dimensions.registry import DIMENSIONS, dimension

FUNCTIONS = ("load_inputs", "clear_inputs", "compute_all_pairs", "compute_tables", "provider")


@pytest.mark.parametrize("dim", DIMENSIONS, ids=lambda d: d.name)
def test_every_reference_of_a_dimension_resolves_to_a_function(dim: Dimension) -> None:
    for name in FUNCTIONS:
        assert callable(getattr(dim, name)), f"{dim.name}.{name}"
    assert dim.save_artifacts is None or callable(dim.save_artifacts)
    assert (config.NOTEBOOKS_DIR / dim.notebook).is_file()
    assert dimension(dim.name) is dim


def test_a_bad_reference_names_what_is_missing() -> None:
    with pytest.raises(AttributeError, match="no_such_function"):
        resolve_ref("analysis.economy:no_such_function")
    with pytest.raises(ModuleNotFoundError):
        resolve_ref("analysis.no_such_module:x")


def test_names_and_prefixes_are_unique() -> None:
    names = [d.name for d in DIMENSIONS]
    assert len(set(names)) == len(names)
    # an indicator feeds one index dimension only
    index_prefixes = [p for d in DIMENSIONS for p in d.index_inputs]
    assert len(set(index_prefixes)) == len(index_prefixes)


def test_report_sections_and_index_follow_the_registry() -> None:
    notebooks = [n for n in report.NOTEBOOKS if n in {d.notebook for d in DIMENSIONS}]
    assert notebooks == list(dict.fromkeys(d.notebook for d in DIMENSIONS))
    assert list(index.INDEX_DIMENSIONS) == [d.name for d in DIMENSIONS]
    assert set(index.DIMENSION_TITLES) == {d.name for d in DIMENSIONS} | {"index"}
    assert index.dimension_of("remittances.partner_share") == "economy"
    assert index.dimension_of("opinion.relations_good") == "society"


def test_the_list_is_cheap_to_import() -> None:
    modules = "('pandas', 'analysis.economy', 'analysis.dimensions.economy', 'analysis.political')"
    code = f"import sys, analysis.dimensions.registry; print(sorted(m for m in {modules} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    # the report runner (which checks a pair's years with the panel readers) loads no
    # dimension's all-pairs code
    code = code.replace("registry;", "registry, analysis.report;").replace(
        "'pandas', 'analysis.economy', ", ""
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
