"""Society: poll toplines and their reconciliation, migrant stocks, World Bank matrices, panel rows."""

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import society, summary
from analysis.errors import BadInput
from analysis.indicators import migration, opinion
from analysis.load_society import (
    load_opinion_toplines,
    load_undesa_migrant_stock,
    load_wb_migrant_stock,
    load_wb_remittances,
)
from analysis.panel import get_panel
from analysis.sources import SOURCES

# --- opinion: reconciliation on tiny frames with known answers --------------------------------


def _wave(value, url, wave="2013", date="2013-07-02", response="Russia", measure="main_friend"):
    return {
        "survey_series": "CRRC Caucasus Barometer",
        "fieldwork_org_or_sponsor": "CRRC-Armenia",
        "wave": wave,
        "measure": measure,
        "response": response,
        "question": "Which country is currently the main friend of Armenia?",
        "country_a": "ARM",
        "country_b": {"Russia": "RUS", "France": "FRA"}.get(response),
        "indicator": opinion.MEASURE_IDS[measure] if response != "No one" else None,
        "date": pd.Timestamp(date),
        "year": pd.Timestamp(date).year,
        "dated_by": "fieldwork",
        "value_pct": float(value),
        "primary": opinion.is_primary(url),
        "source_url": url,
    }


def test_two_press_reports_of_one_wave_give_their_mean_and_range():
    rows = pd.DataFrame([_wave(83, "https://a.example/x"), _wave(84, "https://b.example/y")])
    w = opinion.reconcile_waves(rows).iloc[0]
    assert (w["value"], w["lo"], w["hi"], w["n_reports"]) == (83.5, 83.0, 84.0, 2)
    assert w["rule"] == "mean of 2 press reports (they differ)"
    assert w["source_urls"] == "https://a.example/x https://b.example/y"  # both kept


def test_primary_publisher_wins_but_the_range_shows_the_disagreement():
    rows = pd.DataFrame([_wave(66, "https://news.example/x"), _wave(64, "https://www.crrc.am/b")])
    w = opinion.reconcile_waves(rows).iloc[0]
    assert (w["value"], w["lo"], w["hi"]) == (64.0, 64.0, 66.0)
    assert w["rule"] == "primary publisher over press reports"


def test_agreeing_reports_have_no_range_and_single_reports_keep_their_value():
    rows = pd.DataFrame(
        [
            _wave(74, "https://a.example/x", wave="2015", date="2015-07-02"),
            _wave(74, "https://b.example/y", wave="2015", date="2015-07-02"),
            _wave(17, "https://a.example/z", wave="2017", date="2017-07-02", response="France"),
        ]
    )
    w = opinion.reconcile_waves(rows).set_index("response")
    assert w.loc["Russia", "value"] == 74.0 and math.isnan(w.loc["Russia", "lo"])
    assert w.loc["France", "value"] == 17.0 and w.loc["France", "rule"] == "single press report"


def test_one_wave_with_two_fieldwork_dates_is_refused():
    rows = pd.DataFrame([_wave(83, "https://a.example/x"), _wave(84, "https://b.example/y")])
    rows.loc[1, "date"] = pd.Timestamp("2014-01-01")
    with pytest.raises(BadInput, match="different fieldwork dates"):
        opinion.reconcile_waves(rows)


def test_the_panel_keeps_the_later_wave_of_a_year_and_every_wave_stays_in_the_waves():
    rows = pd.DataFrame(
        [
            _wave(50, "https://x.example/1", "2023-Q1", "2023-02-14", measure="relations_good"),
            _wave(31, "https://x.example/2", "2023-12", "2023-12-16", measure="relations_good"),
            _wave(49, "https://x.example/1", "2023-Q1", "2023-02-14", measure="relations_bad"),
            _wave(83, "https://a.example/x"),
            _wave(84, "https://b.example/y"),
        ]
    )
    waves = opinion.reconcile_waves(rows)
    assert len(waves) == 4
    p = opinion.compute_opinion(waves, "ARM", "RUS").set_index(["indicator", "year"])
    assert p.loc[("opinion.relations_good", 2023), "value"] == 31.0
    # Q1's "bad" is not put beside December's "good": December did not report it, so 2023 has
    # no "bad" value in the panel (the Q1 value stays in the waves)
    assert ("opinion.relations_bad", 2023) not in p.index
    assert p.loc[("opinion.partner_main_friend", 2013), ["value", "lo", "hi"]].tolist() == [
        83.5,
        83.0,
        84.0,
    ]
    assert set(p["source"]) == {"press_toplines"}
    # Russians were not asked; nobody named Georgia: no rows, not zeros
    assert opinion.compute_opinion(waves, "RUS", "ARM").empty
    assert opinion.compute_opinion(waves, "ARM", "GEO").empty


def test_map_toplines_refuses_unknown_wording_and_unknown_responses():
    base = {"question": "Which country is currently the main friend of Armenia?"}
    ok = pd.DataFrame([{**base, "response": "No one", "source_url": "https://a.example"}])
    mapped = opinion.map_toplines(ok)
    assert mapped["indicator"].isna().all() and mapped["measure"].tolist() == ["main_friend"]
    with pytest.raises(BadInput, match="has no measure; add its exact wording"):
        opinion.map_toplines(ok.assign(question="Who is the best friend of Armenia?"))
    with pytest.raises(BadInput, match="'Atlantis' is neither a country"):
        opinion.map_toplines(ok.assign(response="Atlantis"))


# --- opinion: the real file -------------------------------------------------------------------


def test_real_toplines_hand_checked(raw_dir):
    """Values checked by hand against press_opinion_toplines/armenia_opinion_toplines_transcribed.csv."""
    t = opinion.map_toplines(load_opinion_toplines(raw_dir))
    assert len(t) == 58
    waves = opinion.reconcile_waves(t)
    friend = waves[waves["indicator"] == "opinion.partner_main_friend"]
    ru = friend[friend["country_b"] == "RUS"].set_index("year")
    # line 4: CB 2015 "main friend = Russia" 74 (vestnikkavkaza.net)
    assert ru.loc[2015, "value"] == 74.0
    # lines 2-3: CB 2013 reported as 83 (zartonkmedia.com) and 84 (vestnikkavkaza.net)
    assert ru.loc[2013, ["value", "lo", "hi", "n_reports"]].tolist() == [83.5, 83.0, 84.0, 2]
    # line 12: CRRC poll reported 2022-06-05 without a named wave -> dated by publication
    assert ru.loc[2022, "value"] == 35.0 and ru.loc[2022, "dated_by"] == "publication"
    assert ru.loc[2022, "date"] == pd.Timestamp("2022-06-05")
    # line 5 is the CRRC's own blog: the primary publisher
    assert ru.loc[2017, "rule"] == "primary publisher"
    good = waves[(waves["indicator"] == "opinion.relations_good") & (waves["country_b"] == "RUS")]
    # lines 20 and 30: IRI 2023-Q1 50, 2023-12 31 (both waves kept)
    assert good.set_index("wave").loc[["2023-Q1", "2023-12"], "value"].tolist() == [50.0, 31.0]


def test_embedded_panel_holds_the_opinion_and_migration_values():
    p = get_panel("ARM", "RUS").set_index(["indicator", "year"])
    assert p.loc[("opinion.partner_main_friend", 2015), "value"] == 74.0
    assert p.loc[("opinion.partner_main_friend", 2013), ["lo", "hi"]].tolist() == [83.0, 84.0]
    assert p.loc[("opinion.relations_good", 2023), "value"] == 31.0  # the December wave
    assert p.loc[("opinion.partner_main_threat", 2023), "value"] == 40.0
    # December 2023 reported no "bad" or "political partner" share in the transcription: no
    # value from the Q1 wave stands in for it (issue 12: the waves were mixed)
    assert ("opinion.relations_bad", 2023) not in p.index
    assert ("opinion.partner_political_partner", 2023) not in p.index
    assert p.loc[("migration.stock_a_in_b", 2020), "value"] == 387_853
    assert p.loc[("migration.stock_b_in_a", 2024), "value"] == 19_330
    assert p.loc[("migration.stock_a_in_b_wb2017", 2017), "value"] == 527_659
    # Intervals: the 2013 range of two press reports, and the 95% design-based intervals of the
    # CB 2024 wave computed from the microdata (main friend, main enemy); no other row has one.
    society = p[p.index.get_level_values(0).str.startswith(("opinion.", "migration."))]
    with_interval = society[society["lo"].notna()].index.tolist()
    assert with_interval == [
        ("opinion.partner_main_enemy", 2024),
        ("opinion.partner_main_friend", 2013),
        ("opinion.partner_main_friend", 2024),
    ]
    assert (
        p.loc[with_interval, "source"] == ["crrc_cb2024", "press_toplines", "crrc_cb2024"]
    ).all()


def test_embedded_toplines_give_the_same_waves_as_the_raw_file(raw_dir):
    raw = society.load_society_inputs(raw_dir).waves
    embedded = society.get_opinion_waves("ARM")
    assert_frame_equal(embedded, raw, check_dtype=False)


def _write_toplines(tmp_path, text):
    path = tmp_path / SOURCES["press_toplines"]["files"][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


HEADER = (
    "survey_series,fieldwork_org_or_sponsor,wave,fieldwork_period,question,response,value_pct,"
    "source_url,source_date,note\n"
)
GOOD = (
    "CRRC Caucasus Barometer,CRRC-Armenia,2015,2015,"
    "Which country is currently the main friend of Armenia?,Russia,74,https://a.example/x,2017-12,\n"
)


def test_toplines_fixture_in_the_published_layout_loads(tmp_path):
    t = load_opinion_toplines(_write_toplines(tmp_path, HEADER + GOOD))
    assert t[["year", "dated_by", "value_pct"]].iloc[0].tolist() == [2015, "fieldwork", 74.0]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (HEADER.replace(",value_pct", ",share") + GOOD, "missing column"),
        (HEADER + GOOD.replace(",74,", ",120,"), "'value_pct' has 120, expected 0 to 100"),
        (HEADER + GOOD.replace(",74,", ",lots,"), "'value_pct' must be numeric"),
        (HEADER + GOOD.replace("Russia", ""), "'response' is empty on line 2"),
        (HEADER + GOOD.replace("https://a.example/x", "a.example/x"), "not a web address"),
        (HEADER + GOOD.replace(",2015,2015,", ",2015,unknown,").replace("2017-12", ""), "neither"),
        (HEADER + GOOD + GOOD, "line 3 repeats an earlier line"),
    ],
)
def test_malformed_toplines_are_refused(tmp_path, text, match):
    with pytest.raises(BadInput, match=match):
        load_opinion_toplines(_write_toplines(tmp_path, text))


# --- migration: UN DESA -------------------------------------------------------------------------


def test_undesa_hand_checked(raw_dir):
    """Rows of undesa_ims2024_extract/undesa_ims2024_stock_arm_rus_extract.csv read by hand."""
    u = load_undesa_migrant_stock(raw_dir).set_index(["origin", "destination", "year"])
    assert u.loc[("ARM", "RUS", 2020), "stock"] == 387_853  # 218,338 male + 169,515 female
    assert u.loc[("ARM", "RUS", 1990), "stock"] == 535_266
    assert u.loc[("RUS", "ARM", 2024), "stock"] == 19_330
    assert len(u) == 64


UNDESA_HEADER = (
    "year,orig,dest,dest_name,dest_iso3n,orig_name,orig_iso3n,stock,stock_male,stock_female\n"
)
UNDESA_ROW = "2020,ARM,RUS,Russian Federation,643,Armenia,51,30,20,10\n"


def _write_undesa(tmp_path, text):
    path = tmp_path / SOURCES["undesa_ims"]["files"][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (UNDESA_ROW.replace(",643,", ",644,"), "dest RUS has dest_iso3n 644; ISO 3166 gives 643"),
        (UNDESA_ROW.replace("ARM,RUS", "ARX,RUS"), "orig 'ARX' is not an ISO 3166 alpha-3"),
        (UNDESA_ROW.replace(",30,", ",31,"), "is not male \\+ female"),
        (UNDESA_ROW + UNDESA_ROW, "duplicate rows"),
        (UNDESA_ROW.replace(",30,20,10", ",-30,-20,-10"), "negative"),
    ],
)
def test_malformed_undesa_extract_is_refused(tmp_path, text, match):
    with pytest.raises(BadInput, match=match):
        load_undesa_migrant_stock(_write_undesa(tmp_path, UNDESA_HEADER + text))


# --- migration: World Bank matrices -------------------------------------------------------------


def test_wb_matrices_hand_checked(raw_dir):
    """Cells read by hand in the xlsx: row Armenia / column Russian Federation and the reverse."""
    s = load_wb_migrant_stock(raw_dir).set_index(["origin", "destination"])["value"]
    assert s[("ARM", "RUS")] == 527_659  # Armenia-born living in Russia, 2017
    assert s[("RUS", "ARM")] == 20_528
    r = load_wb_remittances(raw_dir).set_index(["sender", "receiver"])["value"]
    assert round(r[("RUS", "ARM")], 1) == 978.7  # USD million, Russia -> Armenia
    assert round(r[("ARM", "RUS")], 1) == 11.7
    # "-" cells (India-Pakistan) are missing, not zero
    assert ("IND", "PAK") not in r.index and ("PAK", "IND") not in r.index


def _write_matrix(tmp_path, cells, corner="destination (across) / origin (down)", index=0):
    """A World Bank matrix sheet in the published layout: title, header row, rows, notes."""
    names = ["Armenia", "Russian Federation"]
    rows = [["Bilateral Estimates of Migrant Stocks in 2017", None, None], [corner, *names]]
    rows += [[n, *vals] for n, vals in zip(names, cells)]
    rows += [
        [None, None, None],
        ["Notes:", None, None],
        ["World Bank staff estimates.", None, None],
    ]
    path = tmp_path / SOURCES["wb_bilateral_2017"]["files"][index]
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet = "Bilateral_Migration_2017" if index == 0 else "Bilateral_Remittances_2017"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame(rows).to_excel(xl, sheet_name=sheet, header=False, index=False)
    return tmp_path


def test_wb_matrix_fixture_reads_cells_and_stops_at_the_notes(tmp_path):
    m = load_wb_migrant_stock(_write_matrix(tmp_path, [[0, 500], [40, 0]]))
    assert m.set_index(["origin", "destination"])["value"].to_dict() == {
        ("ARM", "ARM"): 0.0,
        ("ARM", "RUS"): 500.0,
        ("RUS", "ARM"): 40.0,
        ("RUS", "RUS"): 0.0,
    }


def test_wb_matrix_dash_is_missing(tmp_path):
    corner = "receiving (across) / sending (down)"
    r = load_wb_remittances(_write_matrix(tmp_path, [[0, "-"], [9.5, 0]], corner, index=1))
    assert ("ARM", "RUS") not in set(zip(r["sender"], r["receiver"]))


@pytest.mark.parametrize(
    ("cells", "corner", "match"),
    [
        ([[0, "n/a"], [1, 0]], "destination (across) / origin (down)", "non-numeric cell 'n/a'"),
        ([[0, -5], [1, 0]], "destination (across) / origin (down)", "negative values"),
        ([[0, 1], [1, 0]], "origin (across)", "expected 'destination \\(across\\)"),
    ],
)
def test_malformed_wb_matrix_is_refused(tmp_path, cells, corner, match):
    with pytest.raises(BadInput, match=match):
        load_wb_migrant_stock(_write_matrix(tmp_path, cells, corner))


def test_wb_matrix_with_an_unknown_country_is_refused(tmp_path):
    raw = _write_matrix(tmp_path, [[0, 1], [1, 0]])
    path = raw / SOURCES["wb_bilateral_2017"]["files"][0]
    sheet = pd.read_excel(path, header=None)
    sheet.iloc[3, 0] = "Atlantis"
    with pd.ExcelWriter(path) as xl:
        sheet.to_excel(xl, sheet_name="Bilateral_Migration_2017", header=False, index=False)
    with pytest.raises(BadInput, match="unmatched country label\\(s\\) 'Atlantis'"):
        load_wb_migrant_stock(raw)


# --- migration: panel rows ----------------------------------------------------------------------


def _tiny_sources():
    undesa = pd.DataFrame(
        {
            "origin": ["ARM", "ARM"],
            "destination": ["RUS", "RUS"],
            "year": [2015, 2020],
            "stock": [100.0, 80.0],
        }
    )
    wb = pd.DataFrame(
        {
            "origin": ["ARM", "RUS"],
            "destination": ["RUS", "ARM"],
            "year": 2017,
            "value": [90.0, 0.0],
        }
    )
    rem = pd.DataFrame({"sender": ["RUS"], "receiver": ["ARM"], "year": [2017], "value": [9.0]})
    wdi = pd.DataFrame(
        {
            "indicator": ["population", "remittances_received_usd", "gdp_usd"],
            "iso3": "ARM",
            "year": [2020, 2017, 2017],
            "value": [1000.0, 20.0, 200.0],
        }
    )
    return undesa, wb, rem, wdi


def test_compute_migration_keeps_sources_apart_and_gives_no_rows_without_data():
    p = migration.compute_migration(*_tiny_sources(), "ARM", "RUS")
    v = p.set_index(["indicator", "year"])
    assert v.loc[("migration.stock_a_in_b", 2020), "value"] == 80.0
    assert v.loc[("migration.stock_a_in_b_wb2017", 2017), "source"] == "wb_bilateral_2017"
    assert set(p.loc[p["indicator"] == "migration.stock_a_in_b", "source"]) == {"undesa_ims"}
    assert v.loc[("migration.stock_a_in_b_pop", 2020), "value"] == 8.0  # 80 / 1000 x 100
    assert v.loc[("remittances.received_all_gdp", 2017), "value"] == 10.0  # 20 / 200 x 100
    # the zero World Bank cell (RUS-born in ARM) and the missing UN DESA direction: no rows
    assert (
        not p["indicator"].isin(["migration.stock_b_in_a", "migration.stock_b_in_a_wb2017"]).any()
    )
    assert migration.compute_migration(*_tiny_sources(), "ARM", "DDR").empty


def test_pairs_without_society_data_get_no_rows(raw_dir):
    assert society.society_provider(raw_dir, "ARM", "DDR").empty
    aze = society.society_provider(raw_dir, "AZE", "RUS")
    assert "migration.stock_a_in_b" in set(aze["indicator"])
    assert not aze["indicator"].str.startswith("opinion.").any()  # Azerbaijanis not surveyed
    assert "migration.stock_b_in_a" not in set(aze["indicator"])  # RUS->AZE not in the extract


def test_migration_detail_both_sources_both_ways():
    d = society.get_migration_detail("ARM", "RUS")
    stock = d[d["measure"] == "stock"].set_index(["source", "origin", "year"])["value"]
    assert stock[("undesa_ims", "ARM", 2020)] == 387_853
    assert stock[("wb_bilateral_2017", "ARM", 2017)] == 527_659
    assert stock[("wb_bilateral_2017", "RUS", 2017)] == 20_528
    est = d[d["measure"] == "remittances_estimate"].set_index("origin")["value"]
    assert round(est["ARM"], 1) == 978.7  # to Armenia (from Russia)


def test_summary_sentences_come_from_the_numbers():
    panel = get_panel("ARM", "RUS", 2000)
    waves = society.get_opinion_waves("ARM")
    text = " ".join(summary.summarize_society(panel, waves, "Armenia", "Russia", "RUS"))
    assert "340,512 people born in Armenia living in Russia in 2024" in text
    assert "gives 527,659 for 2017" in text
    # CB 2024 microdata (crrc_cb2024): weighted share and its design-based 95% interval.
    assert "13.9% (95% interval 11.6–16.1) named Russia as Armenia's main friend in 2024" in text
    assert "83.5% (reports differ: 83–84) in 2013" in text
