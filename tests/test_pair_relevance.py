"""Reports of pairs far from the founding case: nothing Armenian, nothing that does not apply.

The all-pairs store is built from the real raw files (the session's ``real_store``); the report
of India-Pakistan is run on it end to end, as a newcomer would after ``bilateral data build``.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from analysis import config, datastore, report
from analysis import index as ix
from analysis.panel import get_panel, get_peer_panel

#: Words that only a report about Armenia has any reason to contain.
ARMENIAN = re.compile(r"Armeni|Armstat|Central Bank of Armenia|CRRC|Caucasus Barometer|Yerevan")


@pytest.fixture(scope="module")
def store_env(real_store):
    """Every process (the runner and the notebooks' kernel) reads the real store."""
    mp = pytest.MonkeyPatch()
    mp.setenv(config.DATA_DIR_ENV, str(real_store.data_dir))
    mp.delenv(config.CURATED_DIR_ENV, raising=False)
    datastore.reset()
    yield real_store
    mp.undo()
    datastore.reset()


def _report_text(a, b, tmp_path_factory):
    path = report.run_report(a, b, 2000, None, tmp_path_factory.mktemp(f"{a}-{b}"))
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ")


@pytest.fixture(scope="module")
def ind_pak(store_env, tmp_path_factory):
    return _report_text("IND", "PAK", tmp_path_factory)


@pytest.fixture(scope="module")
def fra_deu(store_env, tmp_path_factory):
    return _report_text("FRA", "DEU", tmp_path_factory)


def test_india_pakistan_report_has_no_armenian_text(ind_pak):
    found = sorted({m.group(0) for m in ARMENIAN.finditer(ind_pak)})
    assert not found, found
    assert "India" in ind_pak and "Pakistan" in ind_pak


def test_france_germany_report_has_no_armenian_text_or_transfer_section(fra_deu):
    found = sorted({m.group(0) for m in ARMENIAN.finditer(fra_deu)})
    assert not found, found
    # Germany's all-partner remittance series is not a bilateral flow: no transfer section
    assert "Money transfers between France and Germany" not in fra_deu
    assert "Both in the CSTO" not in fra_deu and "Key findings" in fra_deu


def test_india_pakistan_report_has_no_rows_of_organisations_neither_joined(ind_pak):
    assert "Both in the CSTO" not in ind_pak and "Both in the CIS" not in ind_pak
    assert "largest trade partners" in ind_pak  # the peers' rule is stated


@pytest.mark.parametrize(("a", "b"), [("IND", "PAK"), ("FRA", "DEU")])
def test_no_index_jump_from_a_dimension_that_disappears(store_env, a, b):
    """The index rests on the same dimensions in every year it has a value: trade for most
    pairs ends in 2020 (IMF DOTS), so the index ends there instead of resting on votes alone."""
    panel = get_panel(a, b)
    assert not panel["indicator"].str.startswith("security.shared_org_").any()
    scores = ix.compute_scores(get_peer_panel(a, b, 2000, None))
    own = ix.pair_scores(scores, a, b)
    index_years = set(own.loc[own["dimension"] == "index", "year"])
    assert index_years and max(index_years) <= 2020
    entering = own[own["in_index"] & (own["dimension"] != "index")]
    per_year = entering.groupby("year")["dimension"].agg(frozenset)
    assert per_year.nunique() == 1  # one composition in every year
    assert "economy" in per_year.iloc[0]
