"""Event data: GDELT 1.0/2.0 and ICEWS loaders on the staged samples and on generated files in the
published formats, monthly pair aggregates checked against hand-computed answers, bad input."""

import gzip
import io
import re
import zipfile

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import BadInput
from analysis.indicators.events import MONTHLY_EVENT_COLUMNS, aggregate_pair_monthly
from analysis.load_events import (
    GDELT1_FIELDS,
    GDELT2_FIELDS,
    load_cameo_codes,
    load_events,
    load_gdelt_events,
    load_icews_events,
    quad_class_of_root,
    read_gdelt_header_file,
    unmatched_labels,
)

# --- writers of the published formats -----------------------------------------------------------


def gdelt_line(fields, event_id, date, actor1, actor2, code, quad, goldstein):
    """One GDELT event line: every field of ``fields`` in order, tab-separated, no quoting."""
    values = dict.fromkeys(fields, "")
    values.update(
        {
            "GLOBALEVENTID": str(event_id),
            "SQLDATE": date,
            "MonthYear": date[:6],
            "Year": date[:4],
            "FractionDate": f"{date[:4]}.5000",
            "Actor1Code": actor1,
            "Actor1CountryCode": actor1,
            "Actor2Code": actor2,
            "Actor2CountryCode": actor2,
            "IsRootEvent": "1",
            "EventCode": code,
            "EventBaseCode": code[:3],
            "EventRootCode": code[:2],
            "QuadClass": str(quad),
            "GoldsteinScale": str(goldstein),
            "NumMentions": "2",
            "NumSources": "1",
            "NumArticles": "2",
            "AvgTone": "-1.5",
            "DATEADDED": date + "000000",
            "SOURCEURL": f"https://news.example/{event_id}",
        }
    )
    return "\t".join(values[f] for f in fields)


#: (id, SQLDATE, actor1, actor2, CAMEO code, quad class, Goldstein) of the generated files:
#: September 2023 has 3 ARM->RUS events (036 +4.0, 057 +8.0, 061 +6.4), 1 RUS->ARM (112 -2.0)
#: and 2 others; October 2023 has 1 ARM->RUS (190 -10.0) and 1 other; an ARM-ARM event and
#: an event with a region code (EUR) complete the file.
EVENTS = [
    (1, "20230901", "ARM", "RUS", "036", 1, 4.0),
    (2, "20230905", "ARM", "RUS", "057", 1, 8.0),
    (3, "20230912", "ARM", "RUS", "061", 2, 6.4),
    (4, "20230919", "RUS", "ARM", "112", 3, -2.0),
    (5, "20230920", "USA", "CHN", "042", 1, 1.9),
    (6, "20230921", "ARM", "ARM", "010", 1, 0.0),
    (7, "20231003", "ARM", "RUS", "190", 4, -10.0),
    (8, "20231004", "EUR", "RUS", "130", 3, -4.4),
]


def write_gdelt(path, fields, events=EVENTS, compress=None):
    text = "".join(gdelt_line(fields, *e) + "\n" for e in events)
    if compress == "zip":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(path.name.removesuffix(".zip"), text)
    elif compress == "gz":
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    else:
        path.write_text(text, encoding="utf-8")
    return path


ICEWS_HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\t"
    "Publisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n"
)
NAMES = {"ARM": "Armenia", "RUS": "Russian Federation", "USA": "United States", "CHN": "China"}


def write_icews(path, events=EVENTS):
    lines = [ICEWS_HEADER]
    for eid, date, a1, a2, code, _, goldstein in events:
        if a1 not in NAMES or a2 not in NAMES:
            continue
        iso = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        lines.append(
            f"{eid}\t{iso}\tGovernment ({NAMES[a1]})\tGovernment\t{NAMES[a1]}\tEvent {code}\t"
            f"{code}\t{goldstein}\tGovernment ({NAMES[a2]})\tGovernment\t{NAMES[a2]}\t{eid}\t1\t"
            f"Wire\tYerevan\t\tYerevan\tArmenia\t40.18\t44.51\n"
        )
    path.write_text("".join(lines), encoding="utf-8")
    return path


# --- schemas and code tables --------------------------------------------------------------------


def test_field_lists_equal_the_staged_gdelt_header_files(raw_dir):
    d = raw_dir / "gdelt_gdeltpyr"
    v1 = read_gdelt_header_file(d / "GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv")
    v2 = read_gdelt_header_file(d / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    assert v1 == GDELT1_FIELDS and len(v1) == 58
    assert v2 == GDELT2_FIELDS and len(v2) == 61


def test_quad_classes_and_goldstein_agree_with_the_staged_tables(raw_dir):
    cameo = load_cameo_codes(raw_dir).set_index("code")
    assert len(cameo) == 280
    for version in (1, 2):
        ev = load_gdelt_events(
            raw_dir / f"gdelt_gdeltpyr/gdelt{version}_events_sample_gdeltpyr.csv", version
        )
        derived = ev["root_code"].astype(int).map(quad_class_of_root)
        assert (derived == ev["quad_class"]).all()  # GDELT's QuadClass = CAMEO root groups
        known = ev[ev["event_code"].isin(cameo.index)]
        assert (cameo.loc[known["event_code"], "goldstein"].to_numpy() == known["goldstein"]).all()
        # GDELT's code table lacks 129 (GDELT 1.0 sample lines 47-49, CHN->SYR, Goldstein -5.0)
        assert set(ev["event_code"]) - set(cameo.index) == ({"129"} if version == 1 else set())
    icews = load_icews_events(raw_dir / "icews_andybega/events.2018.sample.tab.gz")
    mapping = pd.read_csv(raw_dir / "icews_andybega/goldstein_mappings.csv", dtype={"code": str})
    mapped = icews["event_code"].map(mapping.set_index("code")["goldstein"])
    assert (mapped == icews["goldstein"]).all()  # ICEWS Intensity = the CAMEO Goldstein score


# --- the staged real samples --------------------------------------------------------------------


def test_gdelt2_sample_pair_hand_checked(raw_dir):
    """gdelt2_events_sample_gdeltpyr.csv, SQLDATE 20160701: SAU->EGY on lines 17-21 (014, 014,
    172, 172, 042) and EGY->SAU on line 11 (043); 23 events that month."""
    ev = load_gdelt_events(raw_dir / "gdelt_gdeltpyr/gdelt2_events_sample_gdeltpyr.csv", 2)
    assert len(ev) == 50 and unmatched_labels(ev) == []
    m = aggregate_pair_monthly(ev, "SAU", "EGY").set_index("direction")
    ab = m.loc["a_to_b"]
    assert ab["month"] == "2016-07" and ab["events"] == 5
    assert (ab["verbal_cooperation"], ab["material_conflict"]) == (3, 2)
    assert round(ab["goldstein_sum"], 6) == -8.1  # 0 + 0 - 5 - 5 + 1.9
    assert round(ab["goldstein_mean"], 6) == -1.62
    assert ab["month_events"] == 23 and round(ab["events_per_1000"], 3) == round(5 / 23 * 1000, 3)
    assert m.loc["b_to_a", "events"] == 1 and m.loc["b_to_a", "goldstein_sum"] == 2.8


def test_gdelt1_sample_pair_hand_checked(raw_dir):
    """gdelt1_events_sample_gdeltpyr.csv, 2017-02-10: NLD->TUR lines 30-32 (172, 172, 036),
    TUR->NLD line 38 (036); 22 events that month (lines 20-41)."""
    ev = load_gdelt_events(raw_dir / "gdelt_gdeltpyr/gdelt1_events_sample_gdeltpyr.csv", 1)
    m = aggregate_pair_monthly(ev, "NLD", "TUR", directed=False).iloc[0]
    assert (m["direction"], m["month"], m["events"]) == ("both", "2017-02", 4)
    assert (m["verbal_cooperation"], m["material_conflict"]) == (2, 2)
    assert (m["goldstein_sum"], m["goldstein_mean"], m["month_events"]) == (-2.0, -0.5, 22)


def test_icews_sample_arm_rus_hand_checked(raw_dir):
    """events.2018.sample.tab: ARM->RUS events 32887138, 32887403, 32887404 and RUS->ARM 32887137,
    all CAMEO 036 with intensity 4 (see PROVENANCE-political.md, section 8)."""
    ev = load_icews_events(raw_dir / "icews_andybega/events.2018.sample.tab.gz")
    assert len(ev) == 3705 and unmatched_labels(ev) == []
    m = aggregate_pair_monthly(ev, "ARM", "RUS").set_index("direction")
    assert m.loc["a_to_b", ["events", "verbal_cooperation", "goldstein_sum"]].tolist() == [
        3,
        3,
        12.0,
    ]
    assert m.loc["b_to_a", ["events", "goldstein_mean", "month_events"]].tolist() == [1, 4.0, 3705]
    # the package's snake_case, comma-separated copy of the same source reads too
    db = load_icews_events(raw_dir / "icews_andybega/icews_sample.csv.gz")
    assert len(db) == 4993 and unmatched_labels(db) == []


# --- generated files in the published formats ---------------------------------------------------


EXPECTED_DIRECTED = pd.DataFrame(
    {
        "country_a": "ARM",
        "country_b": "RUS",
        "direction": ["a_to_b", "a_to_b", "b_to_a"],
        "month": ["2023-09", "2023-10", "2023-09"],
        "events": [3, 1, 1],
        "verbal_cooperation": [2, 0, 0],
        "material_cooperation": [1, 0, 0],
        "verbal_conflict": [0, 0, 1],
        "material_conflict": [0, 1, 0],
        "goldstein_sum": [18.4, -10.0, -2.0],
        "goldstein_mean": [18.4 / 3, -10.0, -2.0],
        "month_events": [6, 2, 6],
        "events_per_1000": [500.0, 500.0, 1000 / 6],
    }
)


@pytest.mark.parametrize(
    ("fields", "version", "name", "compress"),
    [
        (GDELT2_FIELDS, 2, "20231005000000.export.CSV.zip", "zip"),
        (GDELT1_FIELDS, 1, "20231005.export.CSV.zip", "zip"),
        (GDELT1_FIELDS[:57], 1, "2013.csv.gz", "gz"),  # historical backfile: no SOURCEURL
        (GDELT2_FIELDS, 2, "20231005000000.export.CSV", None),
    ],
)
def test_generated_gdelt_files_give_the_hand_computed_aggregates(
    tmp_path, fields, version, name, compress
):
    path = write_gdelt(tmp_path / name, fields, compress=compress)
    ev = load_gdelt_events(path, version)
    assert len(ev) == 8 and unmatched_labels(ev) == ["EUR"]
    got = aggregate_pair_monthly(ev, "ARM", "RUS")
    pd.testing.assert_frame_equal(got, EXPECTED_DIRECTED, check_dtype=False)
    both = aggregate_pair_monthly(ev, "ARM", "RUS", directed=False).set_index("month")
    assert both.loc["2023-09", ["events", "goldstein_sum"]].tolist() == [4, 16.4]
    assert both.loc["2023-10", "events_per_1000"] == 500.0


def test_generated_icews_file_gives_the_hand_computed_aggregates(tmp_path):
    ev = load_icews_events(write_icews(tmp_path / "events.2023.tab"))
    got = aggregate_pair_monthly(ev, "ARM", "RUS")
    # the EUR event is not in the ICEWS file, so October has 1 event in all
    expected = EXPECTED_DIRECTED.copy()
    expected.loc[1, ["month_events", "events_per_1000"]] = [1, 1000.0]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_pair_without_events_gets_no_rows(tmp_path):
    ev = load_gdelt_events(write_gdelt(tmp_path / "x.export.CSV", GDELT2_FIELDS), 2)
    empty = aggregate_pair_monthly(ev, "ARM", "FRA")
    assert empty.empty and list(empty.columns) == MONTHLY_EVENT_COLUMNS
    assert aggregate_pair_monthly(ev, "ARM", "ARM").empty  # a country with itself is no pair


def test_several_files_are_one_sample_and_an_event_twice_is_refused(tmp_path):
    first = write_gdelt(tmp_path / "a.export.CSV", GDELT2_FIELDS, EVENTS[:4])
    second = write_gdelt(tmp_path / "b.export.CSV", GDELT2_FIELDS, EVENTS[4:])
    ev = load_events([first, second], "gdelt2")
    pd.testing.assert_frame_equal(
        aggregate_pair_monthly(ev, "ARM", "RUS"), EXPECTED_DIRECTED, check_dtype=False
    )
    with pytest.raises(BadInput, match="event id 1 appears in two of the files"):
        load_events([first, first], "gdelt2")
    with pytest.raises(BadInput, match="unknown event format 'phoenix'"):
        load_events([first], "phoenix")


# --- malformed files ----------------------------------------------------------------------------


def _gdelt_text(fields=GDELT2_FIELDS, events=EVENTS[:2]):
    return "".join(gdelt_line(fields, *e) + "\n" for e in events)


@pytest.mark.parametrize(
    ("text", "version", "match"),
    [
        (
            _gdelt_text(GDELT1_FIELDS),
            2,
            "line 1 has 58 tab-separated fields; GDELT 2.0 event files have 61",
        ),
        (
            _gdelt_text(),
            1,
            "line 1 has 61 tab-separated fields; GDELT 1.0 event files have 57 or 58",
        ),
        (_gdelt_text() + "\t".join(["9"] * 40) + "\n", 2, "line 3 has fewer than 61"),
        (_gdelt_text() + "\t".join(["9"] * 62) + "\n", 2, "cannot be read as an event file"),
        (
            _gdelt_text().replace("20230905\t", "2023-13-05\t", 1),
            2,
            "SQLDATE '2023-13-05' on line 2",
        ),
        (
            _gdelt_text().replace("\t057\t057\t05\t1\t", "\t057\t057\t05\t5\t"),
            2,
            "QuadClass '5' on line 2",
        ),
        (_gdelt_text().replace("\t8.0\t", "\t11.0\t"), 2, "GoldsteinScale '11.0' on line 2"),
        (_gdelt_text().replace("\t036\t", "\tABC\t", 1), 2, "EventCode 'ABC' on line 1"),
        (_gdelt_text(events=[EVENTS[0], EVENTS[0]]), 2, "event id '1' appears twice"),
        ("\n", 2, "the first line is empty"),
    ],
)
def test_malformed_gdelt_files_are_refused(tmp_path, text, version, match):
    path = tmp_path / "bad.export.CSV"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput, match=match):
        load_gdelt_events(path, version)


def test_missing_and_corrupt_gdelt_files_are_refused(tmp_path):
    with pytest.raises(BadInput, match="event file not found"):
        load_gdelt_events(tmp_path / "none.export.CSV.zip", 2)
    bad_zip = tmp_path / "bad.export.CSV.zip"
    bad_zip.write_bytes(b"not a zip")
    with pytest.raises(BadInput, match="cannot be read"):
        load_gdelt_events(bad_zip, 2)
    with pytest.raises(BadInput, match="GDELT version 3 is not known"):
        load_gdelt_events(bad_zip, 3)


def test_gdelt_file_with_a_header_must_name_the_fields(tmp_path):
    path = tmp_path / "with_header.csv"
    path.write_text("GLOBALEVENTID,SQLDATE,EventCode\n1,20230901,036\n", encoding="utf-8")
    with pytest.raises(BadInput, match="header lacks Actor1CountryCode"):
        load_gdelt_events(path, 2)


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("Intensity\t", "Score\t", "missing column\\(s\\) Intensity"),
        ("2023-09-05", "05/09/2023", "Event Date '05/09/2023' on line 3"),
        ("\t057\t8.0\t", "\t057\tstrong\t", "Intensity 'strong' on line 3"),
        ("\t057\t8.0\t", "\t57\t8.0\t", "CAMEO Code '57' on line 3"),
    ],
)
def test_malformed_icews_files_are_refused(tmp_path, old, new, match):
    path = write_icews(tmp_path / "events.tab")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BadInput, match=match):
        load_icews_events(path)


# --- the command line ---------------------------------------------------------------------------


def test_cli_events_prints_the_monthly_csv(tmp_path, capsys):
    path = write_gdelt(tmp_path / "20231005000000.export.CSV.zip", GDELT2_FIELDS, compress="zip")
    assert main(["events", "arm", "Russia", str(path), "--format", "gdelt2"]) == 0
    out, err = capsys.readouterr()
    got = pd.read_csv(io.StringIO(out))
    pd.testing.assert_frame_equal(got, EXPECTED_DIRECTED, check_dtype=False)
    assert err == ""


def test_cli_events_pair_without_events_prints_a_header_and_a_note(tmp_path, capsys):
    path = write_icews(tmp_path / "events.tab")
    assert main(["events", "ARM", "FRA", str(path), "--format", "icews", "--undirected"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == ",".join(MONTHLY_EVENT_COLUMNS)
    assert err.startswith("note: no events between ARM and FRA among 7 events")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["events", "ARM", "RUS", "missing.tab", "--format", "icews"], "event file not found"),
        (["events", "ARM", "RUS", "FILE", "--format", "gdelt1"], "GDELT 1.0 event files have 57"),
        (["events", "ARM", "RUS", "FILE"], "Missing option '--format'"),
        (["events", "ARM", "ARM", "FILE", "--format", "gdelt2"], "the two countries are the same"),
        (["events", "ARM", "RUS", "FILE", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_cli_events_bad_input_exits_2_with_one_line(tmp_path, capsys, args, match):
    path = write_gdelt(tmp_path / "x.export.CSV", GDELT2_FIELDS)
    args = [
        str(path) if a == "FILE" else str(tmp_path / a) if a == "missing.tab" else a for a in args
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert re.search(match, err), err
