"""Headline table, methodology and summary sentences: generic over every indicator, from the
registry's metadata; tiny panels with known answers."""

import math
import re

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
    # the rank has no consecutive years: no move, unless waves five years apart count
    assert "trade.partner_rank" not in set(moves["indicator"])
    waves = summary.compute_moves(PANEL, max_gap=5)
    rank = waves[waves["indicator"] == "trade.partner_rank"].iloc[0]
    assert (rank["from_year"], rank["year"], rank["change"]) == (2017, 2022, -2.0)


def test_summary_sentences_from_the_numbers():
    sentences = summary.summarize_panel(PANEL, "Armenia", "Russia")
    assert sentences[0] == (
        "Trade: the largest change of the last 5 years came between 2017 and 2022, when "
        "Russia's rank among Armenia's trading partners went from rank 3 to rank 1 (−2 places), "
        "towards closer ties by this measure."
    )
    assert sentences[1] == (
        "Money transfers: the largest change of the last 5 years came in 2022, when money "
        "transfers from Russia to Armenia fell from USD 50.0 million to USD 40.0 million "
        "(−USD 10.0 million, −20%), towards more distant ties by this measure."
    )
    assert sentences[2].startswith("Newdim: the largest change of the last 5 years came in 2022")
    assert sentences[2].endswith("from 1 to 4 (+3, +300%).")  # no direction: no judgement
    assert sentences[3] == (
        "This report covers 4 indicators of Armenia's relationship with Russia in 3 dimensions "
        "(trade, money transfers and newdim), with data from 2017 to 2022."
    )
    assert sentences[4] == (
        "2022 saw the most abrupt changes: 3 of the 4 indicators moved by at least a third of "
        "their range over the period in that year alone."
    )
    assert sentences[5] == (
        "Over the five years to their latest year, of the 1 indicator that says whether ties are "
        "closer, 1 moved towards closer ties (Russia's rank among Armenia's trading partners) and "
        "none moved towards more distant ties."
    )
    assert len(sentences) == 6  # nothing withheld


def _vote_rows(indicator, values, joint, lo=None, hi=None, source="unvotes"):
    """Panel rows of one vote statistic and its joint-vote count (suffix from the id)."""
    suffix = indicator.rsplit("_", 1)[-1] if indicator.count("_") > 1 else ""
    joint_id = "alignment.unga_joint_votes" + (f"_{suffix}" if suffix in ("me", "hr") else "")
    rows = []
    for i, (year, value) in enumerate(values.items()):
        rows.append(
            {
                "indicator": indicator,
                "year": year,
                "value": value,
                "lo": (lo or {}).get(year),
                "hi": (hi or {}).get(year),
            }
        )
        rows.append({"indicator": joint_id, "year": year, "value": joint[i]})
    out = pd.DataFrame(rows).assign(country_a="ARM", country_b="RUS", unit="—", source=source)
    out.loc[out["indicator"] == joint_id, "unit"] = "count"
    return out


def _claims(panel, ideal=None):
    """The summary's sentences except the one that lists what was left out."""
    sentences = summary.summarize_panel(panel, "A", "B", ideal)
    return [s for s in sentences if not s.startswith("Left out")]


def test_no_sentence_on_a_kappa_with_a_zero_width_interval():
    # regression: "kappa on Palestinian-conflict votes fell from 1.000 to 0.000" (2001, [0, 0])
    panel = _vote_rows(
        "alignment.unga_kappa_me", {1999: 0.4, 2000: 1.0, 2001: 0.0, 2002: 0.0},
        joint=[22, 21, 25, 20], lo={1999: 0.1, 2000: 1.0, 2001: 0.0, 2002: 0.0},
        hi={1999: 0.7, 2000: 1.0, 2001: 0.0, 2002: 0.0},
    )  # fmt: skip
    text = " ".join(summary.summarize_panel(panel, "Armenia", "Russia"))
    assert "kappa" not in text.split("Left out")[0]
    assert "3 values with a zero-width interval (2000–2002" in text


def test_no_sentence_on_few_joint_votes_or_overlapping_intervals():
    thin = _vote_rows(
        "alignment.unga_agreement_me", {2018: 40.0, 2019: 100.0}, joint=[12, 6]
    )  # 6 votes on one issue: fewer than 10
    assert not any("agreement" in s for s in _claims(thin))
    wide = _vote_rows(
        "alignment.unga_kappa", {2018: 0.5, 2019: 0.6}, joint=[80, 85],
        lo={2018: 0.3, 2019: 0.45}, hi={2018: 0.7, 2019: 0.75},
    )  # fmt: skip
    assert not any("kappa" in s for s in _claims(wide))
    clear = wide.assign(lo=wide["lo"].where(wide["year"] == 2018, 0.72))
    assert any("kappa" in s for s in _claims(clear))


def test_provisional_values_drive_no_sentence():
    # regression: GEO-RUS "sharpest move 2025: ideal-point distance 1.673 -> 0.392"
    panel = make_panel({"alignment.idealpoint_distance": {2023: 1.6, 2024: 1.673, 2025: 0.392}})
    text = " ".join(summary.summarize_panel(panel, "Georgia", "Russia"))
    assert "0.392" not in text.split("Left out")[0]
    assert "1 value provisional (2025: Distance between Georgia's and Russia's" in text
    scrape = _vote_rows(
        "alignment.unga_agreement", {2024: 60.0, 2025: 95.0}, joint=[90, 180]
    ).assign(
        source=lambda d: d["year"].map(
            {2024: "undl_2020_2024", 2025: "undl_2025_thirdparty_scrape"}
        )
    )
    assert "95.0%" not in " ".join(summary.summarize_panel(scrape, "A", "B")).split("Left out")[0]


def test_thin_ideal_points_are_left_out_with_the_vote_counts():
    panel = make_panel({"alignment.idealpoint_distance": {2022: 0.2, 2023: 0.9, 2024: 0.1}})
    ideal = pd.DataFrame({"country": ["ARM", "RUS"] * 3, "year": [2022, 2022, 2023, 2023, 2024, 2024],
                          "n_votes": [40, 41, 38, 39, 6, 8]})  # fmt: skip
    text = " ".join(summary.summarize_panel(panel, "A", "B", ideal))
    assert "rose from 0.200 to 0.900" in text and "0.100" not in text.split("Left out")[0]
    assert "1 value resting on too few votes (2024" in text


def test_a_survey_change_between_waves_is_the_one_reported():
    # regression: "public opinion: sharpest move 2019, 87 -> 93, closer" while it fell to 31 by 2023
    panel = make_panel({"opinion.relations_good": {2018: 87.0, 2019: 93.0, 2023: 31.0}})
    text = summary.summarize_panel(panel, "Armenia", "Russia")[0]
    assert text.startswith(
        "Public opinion: the largest change of the last 5 years came between 2019 and 2023"
    )
    assert "fell from 93.0% to 31.0%" in text and "towards more distant ties" in text


def test_no_sentence_says_from_x_to_x():
    # regression: "the index fell from 62 in 2023 to 62 in 2024"
    row = {"change": -0.4, "from_score": 62.3, "to_score": 61.9, "from_year": 2023,
           "to_year": 2024, "share_same_sign": 0.6, "survives_all": False, "survives_95": False,
           "loo_same_sign": float("nan")}  # fmt: skip
    text = summary.describe_index_change(pd.Series(row), None, "Armenia", "Russia", 1000, 3)
    assert text.startswith(
        "The closeness index of Armenia and Russia was about level at 62 in 2023 and 2024"
    )
    panel = make_panel({"trade.partner_share": {2020: 10.0, 2021: 30.0, 2022: 30.04}})
    moves = summary.material_moves(summary.compute_moves(panel))
    assert moves["year"].tolist() == [2021]  # 30.0% -> 30.0% is not a move


def test_embedded_overview_sentences_follow_the_rules():
    """The real ARM-RUS summary: none of the sentences the fact-check rejected."""
    from analysis import political
    from analysis.panel import get_panel

    panel = get_panel("ARM", "RUS")
    ideal = political.get_idealpoints(["ARM", "RUS"])
    sentences = summary.summarize_panel(panel, "Armenia", "Russia", ideal)
    claims = " ".join(s for s in sentences if not s.startswith("Left out"))
    assert "state TV sample" not in claims  # a sample is not a count
    assert "Palestinian conflict votes" not in claims
    assert not re.search(r"from (\S+) to \1 ", claims)
    assert "public opinion: the largest change" in claims.lower()
    assert (
        "fell from 93.0% to 31.0%" in claims
    )  # IRI, 2019 -> 2023 (processed/opinion_toplines.csv)


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


def test_lower_bounds_drive_no_sentence():
    # documented leader meetings: rows only in years with a meeting, so a rise is not a claim
    panel = make_panel({"diplomacy.leader_meetings": {2021: 1.0, 2022: 3.0}})
    sentences = summary.summarize_panel(panel, "Armenia", "Russia")
    assert not any(s.startswith("Diplomacy:") for s in sentences)
    assert "2 values that are lower bounds (documented counts) (2021–2022" in sentences[-1]


def test_alignment_summary_does_not_lead_with_the_provisional_2025_votes():
    # regression: "In 2025, ... the same vote on 132 of the 180 UNGA roll calls" (third-party scrape)
    panel = _vote_rows(
        "alignment.unga_agreement", {2023: 60.0, 2024: 53.0, 2025: 73.0}, joint=[81, 90, 180]
    )
    panel.loc[panel["year"] == 2025, "source"] = "undl_2025_thirdparty_scrape"
    sentences = summary.summarize_alignment(panel, "Armenia", "Russia")
    assert sentences[0].startswith("In 2024, Armenia and Russia cast the same vote on 48 of the 90")
    assert "2 values provisional (2025" in sentences[-1]


def test_headline_table_marks_values_that_may_not_drive_a_claim():
    """The 2025 scrape's agreement is the latest value of its row: shown, marked provisional."""
    from analysis.tables import compute_key_figures, render_key_figures_html

    p = pd.DataFrame(
        {
            "country_a": "ARM",
            "country_b": "RUS",
            "indicator": "alignment.unga_agreement",
            "year": [2024, 2025],
            "value": [0.6, 0.7],
            "unit": "share",
            "source": ["undl_2020_2024", "undl_2025_thirdparty_scrape"],
        }
    )
    key = compute_key_figures(p)
    assert key["flag"].iloc[0].startswith("provisional")
    html_text = render_key_figures_html(key, "Armenia", "Russia")
    assert '<span class="flag" title="provisional: ' in html_text
    solid = compute_key_figures(p[p["year"] == 2024])
    assert solid["flag"].iloc[0] == ""
    assert 'class="flag"' not in render_key_figures_html(solid, "Armenia", "Russia")


def test_key_findings_are_numbers_with_year_change_and_source_largest_first():
    panel = make_panel(
        {
            "trade.total": {2019: 100.0, 2021: 150.0, 2024: 400.0},
            "opinion.relations_good": {2018: 87.0, 2019: 93.0, 2023: 31.0},
            # the 2025 scrape is provisional: never a finding
            "alignment.unga_agreement": {2020: 0.9, 2024: 0.88, 2025: 0.2},
        }
    )
    scrape = (panel["indicator"] == "alignment.unga_agreement") & (panel["year"] == 2025)
    panel.loc[scrape, "source"] = "undl_2025_thirdparty_scrape"
    found = summary.key_findings(panel, "Armenia", "Russia", labels={"imf_dots": "IMF DOTS"})
    # trade crossed its whole range (score 1.0), opinion 56 of its 62 points: trade first
    assert found["indicator"].tolist()[:2] == ["trade.total", "opinion.relations_good"]
    assert "alignment.unga_agreement" not in set(found["indicator"])
    trade = found.set_index("indicator").loc["trade.total"]
    assert (trade["from_year"], trade["year"]) == (2019, 2024)
    assert re.search(r"in 2024, up from .* in 2019 \(.*\).*Source: IMF DOTS\.$", trade["text"])
    assert summary.main_story(found) == "trade.total"  # x4 beats 87 -> 31
    assert summary.key_findings(panel.iloc[:0], "A", "B").empty
    assert "changed materially" in summary.findings_html(panel.iloc[:0].pipe(
        lambda p: summary.key_findings(p, "A", "B")), "A", "B")  # fmt: skip


def test_a_rank_finding_says_against_not_up():
    """IND-PAK: Pakistan's rank among India's partners went from 47 to 102 (IMF DOTS): a larger
    number is a less important partner, so the finding must not say "up"."""
    panel = make_panel({"trade.partner_rank": {2015: 47.0, 2020: 102.0}})
    (text,) = summary.key_findings(panel, "India", "Pakistan")["text"]
    assert "rank 102 in 2020, against rank 47 in 2015" in text and " up " not in text
