"""The indicator panel: invariants, source rules, embedded and raw paths, hand-checked values."""

import pytest

from analysis import config
from analysis.errors import BadInput
from analysis.indicators import INDICATORS, INTERVAL_COLUMNS, PANEL_COLUMNS
from analysis.panel import compute_panel, get_monthly, get_panel, get_top_partners

REQUIRED = [
    "trade.exports_a_to_b",
    "trade.imports_a_from_b",
    "trade.balance",
    "trade.partner_share",
    "trade.dependence_gdp",
    "trade.partner_rank",
    "remittances.transfers_b_to_a",
    "diplomacy.leader_meetings",
    "alignment.unga_agreement",
    "alignment.unga_joint_votes",
    "alignment.unga_kappa",
    "alignment.unga_s_score",
    "alignment.idealpoint_distance",
]


@pytest.mark.parametrize(("a", "b"), config.EMBEDDED_PAIRS)
def test_embedded_pairs_are_well_formed(a, b):
    panel = get_panel(a, b)
    assert list(panel.columns) == PANEL_COLUMNS + INTERVAL_COLUMNS
    assert len(panel) > 0 and panel["value"].notna().all()
    assert not panel.duplicated(["indicator", "year"]).any()
    assert set(panel["indicator"]) <= set(INDICATORS)
    # one source serves each year of a trade series (never mixed within a year); agreements in
    # force (DESTA) are not a trade flow
    trade = panel[panel["indicator"].str.startswith("trade.")]
    trade = trade[trade["indicator"] != "trade.pta_in_force"]
    assert (trade.groupby("year")["source"].nunique() <= 2).all()  # e.g. armstat and armstat+wdi
    flows = panel[panel["indicator"] == "trade.exports_a_to_b"]
    assert not flows.duplicated("year").any()


def test_default_pair_has_every_required_id():
    panel = get_panel("ARM", "RUS")
    assert set(REQUIRED) <= set(panel["indicator"])
    economy = panel[panel["indicator"].str.startswith(("trade.", "remittances."))]
    assert economy["year"].max() == 2024
    assert panel["year"].max() == 2025  # UNGA votes (third-party scrape) and ideal points


def test_hand_checked_values_of_the_default_pair():
    """Values checked by hand against the raw files (see PROVENANCE-economic.md)."""
    p = get_panel("ARM", "RUS").set_index(["indicator", "year"])["value"]
    # Armstat, sum of monthly rows for "Russian Federation": exports 2,462.8 (2022), 3,162.0 (2024)
    assert round(p[("trade.exports_a_to_b", 2022)], 1) == 2462.8
    assert round(p[("trade.exports_a_to_b", 2024)], 1) == 3162.0
    # Armstat imports by origin 9,239.6 (2024); balance = exports - imports
    assert round(p[("trade.imports_a_from_b", 2024)], 1) == 9239.6
    assert round(p[("trade.balance", 2024)], 1) == round(3161.99 - 9239.65, 1)
    # IMF DOTS (Armenia's reports) before Armstat's coverage: 2000 exports 44.6, imports 137.2
    assert round(p[("trade.exports_a_to_b", 2000)], 1) == 44.6
    assert round(p[("trade.imports_a_from_b", 2000)], 1) == 137.2
    # CBA inflows from Russia, total 3,598.2 (2022)
    assert round(p[("remittances.transfers_b_to_a", 2022)], 1) == 3598.2
    # share 2024 = (3,162.0 + 9,239.6) / (13,092.2 + 17,066.9) Armstat totals
    assert round(p[("trade.partner_share", 2024)], 1) == round(12401.6 / 30159.1 * 100, 1)


def test_sources_switch_once_for_armenia():
    s = get_panel("ARM", "RUS").query("indicator == 'trade.exports_a_to_b'").set_index("year")
    assert set(s.loc[:2006, "source"]) == {"imf_dots"}
    assert set(s.loc[2007:, "source"]) == {"armstat"}


def test_peer_pairs_use_imf_dots_to_2020():
    p = get_panel("AZE", "RUS")
    trade = p[p["indicator"].str.startswith("trade.") & (p["indicator"] != "trade.pta_in_force")]
    assert set(trade["source"]) <= {"imf_dots", "imf_dots+wdi"}
    assert trade["year"].max() == 2020
    # agreements in force (DESTA, a pair with Russia): the CIS FTA of 1994 binds both
    pta = p[p["indicator"] == "trade.pta_in_force"].set_index("year")["value"]
    assert set(p.loc[p["indicator"] == "trade.pta_in_force", "source"]) == {"desta"}
    assert pta.loc[1992] == 0 and pta.loc[1993] == 1  # row "90": Azerbaijan-Russia, in force 1993
    # CBA transfers cover Armenia only: no rows, not zeros
    assert not p["indicator"].str.startswith("remittances.transfers").any()


def test_year_filter_and_errors():
    p = get_panel("ARM", "RUS", 2021, 2022)
    assert set(p["year"]) == {2021, 2022}
    with pytest.raises(BadInput, match=r"after the data of ARM-RUS end \(2025\); use 1990–2025"):
        get_panel("ARM", "RUS", 2030, 2031)


def test_monthly_and_partners():
    m = get_monthly("ARM", "RUS", 2022, 2022)
    ex = m[m["indicator"] == "trade.exports_a_to_b"]
    assert len(ex) == 12 and round(ex["value"].sum(), 1) == 2462.8
    assert get_monthly("AZE", "RUS").empty
    top = get_top_partners("ARM", 2024, 2024)
    assert top.iloc[0]["partner"] == "RUS" and top["rank"].tolist() == sorted(top["rank"])


def test_any_pair_from_raw(raw_dir):
    p = compute_panel(raw_dir, "USA", "CHN")
    trade_years = p.loc[p["indicator"].str.startswith("trade."), "year"]
    assert trade_years.min() == 1990 and trade_years.max() == 2020
    assert {"trade.exports_a_to_b", "trade.partner_rank", "trade.salience"} <= set(p["indicator"])
    # the USA reports exports to China; IMF DOTS 2019 value is about 106-107 bn USD
    v = p.set_index(["indicator", "year"])["value"][("trade.exports_a_to_b", 2019)]
    assert 100_000 < v < 115_000


def test_pair_with_no_trade_rows_is_empty(raw_dir):
    assert compute_panel(raw_dir, "ARM", "DDR").empty  # East Germany ended before Armenia reported
