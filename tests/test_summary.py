"""Headline table, methodology and summary sentences: generic over every indicator, from the
registry's metadata; tiny panels with known answers."""

import math

import pandas as pd
import pytest

from analysis import summary, tables
from analysis.indicators import INDICATORS
from analysis.indicators.registry import dimension_title


def make_panel(series):
    """Return a panel from ``{indicator: {year: value}}`` (unit from the registry when known)."""
    rows = [
        {
            "country_a": "ARM",
            "country_b": "RUS",
            "indicator": ind,
            "year": year,
            "value": value,
            "unit": INDICATORS[ind].unit if ind in INDICATORS else "count",
            "source": "imf_dots",
        }
        for ind, values in series.items()
        for year, value in values.items()
    ]
    return pd.DataFrame(rows)


#: Trade rose 100 -> 110 -> 300 (2022: +190, the whole range but 10 in one year); the rank went
#: from 3 to 1 (closer: a lower rank); transfers fell 50 -> 40; an unregistered id of a new
#: dimension has two values.
PANEL = make_panel(
    {
        "trade.total": {2020: 100.0, 2021: 110.0, 2022: 300.0},
        "trade.partner_rank": {2017: 3.0, 2022: 1.0},
        "remittances.transfers_b_to_a": {2021: 50.0, 2022: 40.0},
        "newdim.events": {2021: 1.0, 2022: 4.0},
    }
)


def test_key_figures_cover_every_indicator_grouped_in_registry_order():
    key = tables.compute_key_figures(PANEL)
    assert key["indicator"].tolist() == [
        "trade.total",
        "trade.partner_rank",
        "remittances.transfers_b_to_a",
        "newdim.events",  # not in the registry: last, with neutral defaults
    ]
    assert key["dimension"].tolist() == ["trade", "trade", "remittances", "newdim"]
    total = key.iloc[0]
    assert (total["year"], total["value"], total["change_1y"]) == (2022, 300.0, 190.0)
    assert math.isnan(total["change_5y"])
    rank = key.iloc[1]
    assert rank["change_5y"] == -2.0 and math.isnan(rank["change_1y"])
    assert key.iloc[3]["direction"] == "neutral" and key.iloc[3]["title"] == "newdim.events"


def test_headline_table_groups_by_dimension_and_escapes():
    page = tables.render_key_figures_html(
        tables.compute_key_figures(PANEL), "Armenia", "<Russia>", {"imf_dots": "IMF"}
    )
    assert page.count('<tr class="dimension">') == 3
    for dim in ("Trade", "Money transfers", "Newdim"):
        assert f'scope="colgroup">{dim}</th>' in page
    assert "Total trade of Armenia with &lt;Russia&gt;" in page and "<Russia>" not in page
    assert '<a href="#source-imf_dots">IMF</a>' in page
    assert '<a class="id" href="#def-trade-total"><code>trade.total</code></a>' in page
    assert 'data-label="1-year change">+190<' in page
    assert 'data-label="5-year change">−2<' in page  # rank: two places up


def test_definitions_come_from_the_registry():
    page = tables.render_definitions_html(PANEL, "Armenia", "Russia")
    meta = INDICATORS["trade.partner_rank"]
    assert '<dt id="def-trade-partner_rank">Russia&#x27;s rank among Armenia&#x27;s' in page
    assert meta.definition.replace("'", "&#x27;") in page
    assert "A higher value means: more distant ties" in page
    assert "In this report: 2017–2022 (2 values)" in page
    assert page.index(">Trade</h4>") < page.index(">Money transfers</h4>")


def test_caveats_grouped_by_source_and_escaped():
    catalog = {
        "sources": {
            "a": {"title": "A <t>", "publisher": "P", "caveats": ["x < y"]},
            "b": {"title": "B", "publisher": "Q", "caveats": []},
        }
    }
    page = tables.render_caveats_html(catalog, ["a", "b", "missing"])
    assert page == (
        '<ul class="caveats"><li><a href="#source-a">A &lt;t&gt;</a> <em>(P)</em>'
        "<ul><li>x &lt; y</li></ul></li></ul>"
    )


def test_panel_source_ids_split_composite_sources():
    panel = PANEL.assign(source=["armstat+wdi"] * len(PANEL))
    ids = tables.panel_source_ids(panel)
    assert ids == ["armstat", "imf_dots", "cba", "wdi"]  # the indicators' sources, then the rows'


def test_sparkline_places_points_by_year():
    svg = tables.sparkline_svg([0.0, 1.0, 0.0], [2000, 2001, 2010], width=20, height=10)
    assert 'points="2.0,8.0 3.6,2.0 18.0,8.0"' in svg
    assert "Trend 2000–2010" in svg
    assert tables.sparkline_svg([1.0]) == ""


def test_moves_are_scored_against_the_range():
    moves = summary.compute_moves(PANEL)
    total = moves[moves["indicator"] == "trade.total"].set_index("year")
    assert total["score"].round(4).tolist() == [round(10 / 200, 4), round(190 / 200, 4)]
    # the rank has no consecutive years: no move
    assert "trade.partner_rank" not in set(moves["indicator"])


def test_summary_sentences_from_the_numbers():
    sentences = summary.summarize_panel(PANEL, "Armenia", "Russia")
    assert sentences[0] == (
        "This report covers 4 indicators of Armenia's relationship with Russia in 3 dimensions "
        "(trade, money transfers and newdim), with data from 2017 to 2022."
    )
    assert sentences[1] == (
        "Trade: the sharpest one-year move came in 2022, when total trade of Armenia with Russia "
        "rose from USD 110 million to USD 300 million (+USD 190 million, +173%), towards closer "
        "ties by this measure."
    )
    assert sentences[2] == (
        "Money transfers: the sharpest one-year move came in 2022, when money transfers from "
        "Russia to Armenia fell from USD 50.0 million to USD 40.0 million (−USD 10.0 million, "
        "−20%), towards more distant ties by this measure."
    )
    assert sentences[3].startswith("Newdim: the sharpest one-year move came in 2022")
    assert sentences[3].endswith("from 1 to 4 (+3, +300%).")  # no direction: no judgement
    assert sentences[4] == (
        "2022 saw the most abrupt changes: 3 of the 4 indicators moved by at least a third of "
        "their range over the period in that year alone."
    )
    assert sentences[5] == (
        "Over the five years to their latest year, of the 1 indicator that says whether ties are "
        "closer, 1 moved towards closer ties (Russia's rank among Armenia's trading partners) and "
        "none moved towards more distant ties."
    )


@pytest.mark.parametrize(
    "change, direction, expected",
    [(1.0, "closer", "closer"), (-1.0, "closer", "distant"), (1.0, "distant", "distant"),
     (-1.0, "distant", "closer"), (1.0, "neutral", None), (0.0, "closer", None)],
)  # fmt: skip
def test_direction_of_change(change, direction, expected):
    assert summary.direction_of_change(change, direction) == expected


@pytest.mark.parametrize(
    "delta, unit, before, expected",
    [(2800.0, "USD million", 2600.0, "+USD 2,800 million, +108%"),
     (-3.25, "%", None, "−3.2 percentage points"),
     (-2.0, "rank", None, "−2 places"),
     (1.0, "rank", None, "+1 place"),
     (0.5, "TIV million", 1.0, "+0.50 million TIV, +50%"),
     (0.02, "0-1", None, "+0.020")],
)  # fmt: skip
def test_format_change(delta, unit, before, expected):
    assert summary.format_change(delta, unit, before) == expected


def test_every_registered_direction_is_known_and_dimensions_have_titles():
    assert {m.direction for m in INDICATORS.values()} <= {"closer", "distant", "neutral"}
    assert dimension_title("public_opinion") == "Public opinion"
