"""The closeness-index section's tables (analysis.tables.index) and the notes of the notebooks.

Small generated frames: the numbers here are made up for the test, not data.
"""

from __future__ import annotations

import pandas as pd

from analysis import tables
from analysis.index import DIMENSION_TITLES


def test_note_escapes_markup_and_keeps_quotes():
    assert tables.note("No break detected at the 5% level.") == (
        "<p><em>No break detected at the 5% level.</em></p>"
    )
    assert tables.note("a <b> & c's") == "<p><em>a &lt;b&gt; &amp; c's</em></p>"


def test_ranks_table_shows_only_the_pair_with_weight_shares():
    ranks = pd.DataFrame(
        {
            "focal": [True, True, False],
            "dimension": ["economy", "index", "economy"],
            "year": [2024, 2024, 2024],
            "score": [61.4, 55.0, 40.0],
            "coverage": [0.75, 1.0, 1.0],
            "rank": [2, 1, 3],
            "n": [3, 3, 3],
        }
    )
    out = tables.render_index_ranks_html(ranks, {"economy": 1.0, "security": 3.0})
    assert out.count("<tr>") == 3  # header + the pair's two rows; the peer's row is left out
    assert f"<td>{DIMENSION_TITLES['economy']}</td>" in out
    assert "<td class='num'>61</td>" in out and "<td class='num'>75%</td>" in out
    assert "<td class='num'>25%</td>" in out  # weight 1 of 4
    assert "<td>2 of 3</td>" in out and "<td>1 of 3</td>" in out


def test_robustness_and_changes_are_empty_without_rows():
    assert tables.robustness_html(pd.DataFrame({"survives_all": [], "survives_95": []}), 10) == ""
    empty = pd.DataFrame(
        columns=[
            "from_year",
            "to_year",
            "change",
            "share_same_sign",
            "loo_same_sign",
            "change_common",
        ]
    )
    assert tables.render_index_changes_html(empty) == ""
    yearly = pd.DataFrame({"survives_all": [True, False, True], "survives_95": [True, True, True]})
    assert tables.robustness_html(yearly, 1000) == (
        "<p>Of 3 year-to-year changes of the index, 2 keep their sign "
        "under all 1,000 random weightings and 3 under at least 95%.</p>"
    )


def test_peer_and_break_tables_fall_back_to_a_note():
    no_index = pd.DataFrame({"dimension": ["economy"]})
    assert tables.render_peer_index_html(no_index) == tables.note(
        "The index has no value for this pair."
    )
    assert tables.render_breaks_html(pd.DataFrame(), {}) == tables.note(
        "No break detected at the 5% level."
    )
    found = pd.DataFrame(
        {
            "series": ["index.index"],
            "period": [2022],
            "lo_period": [2021],
            "hi_period": [2023],
            "p_value": [0.0123],
            "source_change": [True],
            "inputs_change": [True],
            "events": [""],
        }
    )
    out = tables.render_breaks_html(found, {"index.index": "Closeness index"})
    assert "<td>Closeness index</td>" in out and "<td>2021-2023</td>" in out
    assert "<td class='num'>0.012</td>" in out
    assert "<td>source changes; indicators enter or leave</td>" in out and "<td>–</td>" in out


def test_inputs_table_leaves_out_and_counts_inputs_without_data():
    inputs = pd.DataFrame(
        {
            "dimension": ["economy", "economy"],
            "indicator": ["trade.total", "trade.share_of_a_total"],
            "direction": ["closer", "closer"],
            "why": ["b's weight for a", "x"],
        }
    )
    panel = pd.DataFrame({"indicator": ["trade.total"] * 2, "year": [2001, 2005]})
    table, missing = tables.render_index_inputs_html(inputs, panel, "Armenia", "Russia")
    assert missing == 1
    assert "trade.share_of_a_total" not in table
    assert "<td>2001-2005</td>" in table and "<td>Russia&#x27;s weight for Armenia</td>" in table
