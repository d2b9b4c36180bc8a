"""The all-pairs store built from the real raw files: the same numbers, any pair, one assembly."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import config, datastore, security, society
from analysis.cli import main
from analysis.dimensions.registry import DIMENSIONS
from analysis.diplomacy import get_key_votes
from analysis.panel import compute_panel, get_monthly, get_panel, get_top_partners
from analysis.peers import describe_rule, peer_pairs
from analysis.political import get_idealpoints
from analysis.store import MANIFEST

#: Pairs outside the embedded set that a newcomer asks for first.
OUTSIDE = [("USA", "CHN"), ("IND", "PAK"), ("BRA", "ARG"), ("FRA", "DEU"), ("RUS", "AZE")]


@pytest.fixture
def store(real_store):
    with datastore.use(real_store):
        yield real_store


def _rounded(panel: pd.DataFrame) -> pd.DataFrame:
    out = panel.copy()
    for col in ("value", "lo", "hi"):
        out[col] = out[col].astype("float64").round(6)
    return out


@pytest.mark.parametrize(("a", "b"), config.EMBEDDED_PAIRS)
def test_embedded_pairs_read_the_same_rows_from_the_store(store, a, b):
    """Results unchanged: the committed panel of every embedded pair equals the store's rows."""
    embedded = datastore.DataStore.at(config.PROJ_ROOT / "data")
    want = embedded.embedded("panel.csv")
    want = want[(want["country_a"] == a) & (want["country_b"] == b)].reset_index(drop=True)
    got = store.pair_panel(a, b)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


@pytest.mark.parametrize(("a", "b"), OUTSIDE)
def test_pairs_outside_the_embedded_set_equal_the_raw_computation(store, a, b):
    want = _rounded(compute_panel(store.raw_dir, a, b))
    got = get_panel(a, b)
    assert len(got) > 100
    pd.testing.assert_frame_equal(got, want, check_dtype=False, atol=1e-9)


def test_detail_tables_serve_any_pair(store):
    inputs = security.load_security_inputs(store.raw_dir)
    from analysis.indicators import security as sec

    want = sec.list_shared_igos(inputs.igo_memberships, inputs.igo_names, "USA", "CHN")
    got = security.get_shared_igos("USA", "CHN")
    assert len(got) > 10
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert len(security.get_arms_suppliers("IND")) > 0
    assert set(security.get_membership_timeline("FRA", "DEU")["country"]) == {"FRA", "DEU"}
    assert set(get_idealpoints(["USA", "CHN"])["country"]) == {"USA", "CHN"}
    assert len(get_key_votes("USA", "CHN")) > 0
    assert len(get_top_partners("BRA")) > 0
    assert get_monthly("USA", "CHN").empty  # Armenia's monthly sources only
    assert len(get_monthly("ARM", "TUR")) > 0
    migration = society.get_migration_detail("IND", "PAK")
    assert set(migration["origin"]) <= {"IND", "PAK"} and len(migration) > 0


def test_manifest_lists_every_dimension_and_file(store):
    manifest = json.loads((store.store_dir / MANIFEST).read_text())
    assert list(manifest["dimensions"]) == [d.name for d in DIMENSIONS]
    for rel, entry in manifest["files"].items():
        assert (store.store_dir / rel).stat().st_size == entry["bytes"]
    assert {"USA", "CHN", "ARM", "RUS"} <= set(manifest["countries"])


def test_indicators_command_for_a_pair_outside_the_embedded_set(store, monkeypatch, capsys):
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(store.data_dir))
    datastore.reset()
    try:
        assert main(["indicators", "IND", "PAK", "--start", "2010", "--format", "csv"]) == 0
    finally:
        datastore.reset()
    out = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert out["year"].min() >= 2010
    assert "alignment.unga_agreement" in set(out["indicator"])
    assert "trade.exports_a_to_b" in set(out["indicator"])


def test_vote_intervals_are_computed_at_read_time(store):
    p = store.pair_panel("USA", "CHN")
    agree = p[p["indicator"] == "alignment.unga_agreement"]
    assert agree["lo"].notna().all() and (agree["lo"] <= agree["value"]).all()
    assert (agree["hi"] >= agree["value"]).all()
    # the same years, mirrored, give the same intervals
    q = store.pair_panel("CHN", "USA")
    q = q[q["indicator"] == "alignment.unga_agreement"]
    np.testing.assert_array_equal(agree["lo"].to_numpy(), q["lo"].to_numpy())


def test_peers_of_a_pair_outside_the_embedded_set_come_from_its_trade(store):
    """IND-PAK compares with India's and Pakistan's largest partners, not with post-Soviet pairs.

    In IMF DOTS (imf_dots_sam_leblanc), India's largest partners by mean total trade over
    2016-2020 are China, the USA, the UAE and Saudi Arabia.
    """
    chosen = peer_pairs("IND", "PAK")
    assert chosen[:4] == (("IND", "CHN"), ("IND", "USA"), ("IND", "ARE"), ("IND", "SAU"))
    assert len(chosen) == 8 and all(p[0] == "IND" or p[1] == "PAK" for p in chosen)
    assert "largest trade partners" in describe_rule("IND", "PAK")
    assert peer_pairs("ARM", "RUS") == config.PEERS[("ARM", "RUS")]
