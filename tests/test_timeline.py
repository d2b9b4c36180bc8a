"""The curated timeline: schema errors, sources, founding-report events, reader, annotations."""

import csv
import re

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import charts, config, curated, tables
from analysis.curated import TIMELINE_COLUMNS, get_timeline, load_timeline, read_timeline
from analysis.errors import BadInput

GOOD_ROW = {
    "date": "1997-08-29",
    "country_a": "ARM",
    "country_b": "RUS",
    "category": "security",
    "tone": "2",
    "importance": "1",
    "tags": "",
    "title": "Treaty of friendship",
    "description": "Presidents sign a treaty.",
    "source_publisher": "Radio Free Europe/Radio Liberty",
    "source_title": "Landmark Treaty",
    "source_date": "1997-08-29",
    "source_url": "https://www.rferl.org/a/1086156.html",
}


def write_timeline(directory, rows):
    """Write rows (dicts) in the published timeline format; return the file's path."""
    path = directory / curated.TIMELINE_FILE
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=TIMELINE_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def test_the_shipped_timeline_loads_and_every_row_has_a_source():
    t = load_timeline(config.CURATED_DIR)
    assert len(t) >= 35
    assert (t["source_publisher"] != "").all() and (t["source_title"] != "").all()
    assert ((t["source_url"] != "") | (t["source_date"] != "")).all()
    assert t["source_url"].str.startswith(("http://", "https://")).all()
    assert t["year"].between(1991, 2025).all()
    assert set(t["category"]) <= set(curated.CATEGORIES)
    assert t["tone"].between(-2, 2).all()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"source_publisher": ""}, r"line 3: missing source: empty source_publisher"),
        ({"source_title": ""}, r"line 3: missing source: empty source_title"),
        (
            {"source_date": ""},
            r"line 3: missing source_date; give YYYY-MM-DD, YYYY-MM, or 'undated'",
        ),
        ({"source_url": ""}, r"line 3: missing source: empty source_url"),
        ({"date": "2024-13-01"}, r"line 3: bad date '2024-13-01'; expected YYYY-MM-DD"),
        ({"date": "8 May 2024"}, r"line 3: bad date '8 May 2024'"),
        ({"category": "military"}, r"line 3: unknown category 'military'; expected one of"),
        ({"tone": "3"}, r"line 3: unknown tone '3'; expected an integer from -2 to \+2"),
        ({"importance": "0"}, r"line 3: unknown importance '0'"),
        ({"tags": "summit"}, r"line 3: unknown tag 'summit'"),
        ({"country_b": "Russia"}, r"line 3: bad country_b 'Russia'"),
        ({"source_url": "javascript:alert(1)"}, r"line 3: bad source_url"),
    ],
)
def test_a_bad_row_names_file_line_and_problem(tmp_path, change, message):
    path = write_timeline(tmp_path, [GOOD_ROW, {**GOOD_ROW, "title": "Second", **change}])
    with pytest.raises(BadInput, match=message) as err:
        read_timeline(path)
    assert str(path) in str(err.value)


def test_missing_column_and_missing_file(tmp_path):
    path = tmp_path / curated.TIMELINE_FILE
    path.write_text("date,title\n2020-01-01,x\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        read_timeline(path)
    with pytest.raises(BadInput, match="curated table missing"):
        read_timeline(tmp_path / "nope.csv")


def test_month_precision_is_placed_mid_month(tmp_path):
    path = write_timeline(tmp_path, [{**GOOD_ROW, "date": "2025-12"}])
    t = read_timeline(path)
    assert t.loc[0, "date"] == pd.Timestamp("2025-12-15")
    assert t.loc[0, "date_precision"] == "month" and t.loc[0, "date_text"] == "2025-12"


def test_load_timeline_reads_the_directory_given_or_the_environment(tmp_path, monkeypatch):
    write_timeline(tmp_path, [GOOD_ROW])
    assert len(load_timeline(tmp_path)) == 1
    monkeypatch.setenv(config.CURATED_DIR_ENV, str(tmp_path))
    assert get_timeline("ARM", "RUS")["title"].tolist() == ["Treaty of friendship"]


def test_curated_tables_follow_the_data_dir_and_edits(tmp_path, monkeypatch):
    """The curated tables come from the dir the batch fingerprints, and are read again when
    edited (a long-running process never reports a stale timeline)."""
    import shutil

    from analysis.load_security import load_memberships

    data = tmp_path / "data"
    shutil.copytree(config.PROJ_ROOT / "data" / "curated", data / "curated")
    monkeypatch.setenv(config.DATA_DIR_ENV, str(data))
    write_timeline(data / "curated", [GOOD_ROW])
    assert get_timeline("ARM", "RUS")["title"].tolist() == ["Treaty of friendship"]
    edited = {**GOOD_ROW, "title": "Treaty of friendship, amended"}
    write_timeline(data / "curated", [edited, {**GOOD_ROW, "date": "1998-01-01"}])
    assert get_timeline("ARM", "RUS")["title"].tolist() == [
        "Treaty of friendship, amended",  # 1997-08-29
        "Treaty of friendship",  # 1998-01-01
    ]
    path = data / "curated" / "memberships.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")
    assert len(load_memberships()) == 2


def _has(t, *words, year=None, date=None):
    text = t["title"] + " " + t["description"]
    hit = pd.Series(True, index=t.index)
    for w in words:
        hit &= text.str.contains(w, case=False, regex=False)
    if year is not None:
        hit &= t["year"] == year
    if date is not None:
        hit &= t["date_text"] == date
    return hit.any()


#: Every event named in the founding news report, and the landmarks the issue lists, by keywords.
FOUNDING_AND_LANDMARKS = [
    (("Pashinyan", "Putin", "EAEU summit"), {"date": "2024-05-08"}),
    (("CSTO fees",), {"date": "2024-05-08"}),
    (("offensive", "Karabakh"), {"year": 2023}),
    (("peacekeepers", "deploy"), {"year": 2020}),
    (("peacekeepers", "withdrawal"), {"year": 2024}),
    (("Gyumri", "base"), {}),
    (("Rome Statute",), {"year": 2023}),
    (("ICC", "warrant", "Putin"), {"year": 2023}),
    (("EU",), {"year": 2025}),
    (("NATO",), {}),
    (("Kremlin", "dialogue"), {}),
    (("Treaty of Friendship",), {"date": "1997-08-29"}),
    (("Gyumri", "2044"), {"date": "2010-08-20"}),
    (("Customs Union",), {"date": "2013-09-03"}),
    (("member of the EAEU",), {"date": "2015-01-02"}),
    (("Velvet Revolution",), {"year": 2018}),
    (("ceasefire", "peacekeepers"), {"date": "2020-11-10"}),
    (("invades Ukraine",), {"date": "2022-02-24"}),
    (("freezes", "CSTO"), {"year": 2024}),
]


@pytest.mark.parametrize("words, where", FOUNDING_AND_LANDMARKS, ids=lambda x: str(x))
def test_founding_report_and_landmark_events_are_present(words, where):
    assert _has(load_timeline(config.CURATED_DIR), *words, **where)


def test_founding_report_tag_marks_the_reported_events():
    t = load_timeline(config.CURATED_DIR)
    tagged = t[curated.has_tag(t, "founding_report")]
    assert len(tagged) >= 10 and tagged["year"].min() >= 2023


def test_get_timeline_reads_both_orderings_and_filters():
    ab, ba = get_timeline("ARM", "RUS"), get_timeline("RUS", "ARM")
    pd.testing.assert_frame_equal(ab, ba)
    sec = get_timeline("Armenia", "Russia", 2020, 2022, categories=["security"], max_importance=1)
    assert set(sec["category"]) == {"security"} and sec["year"].between(2020, 2022).all()
    assert get_timeline("AZE", "GEO").empty
    with pytest.raises(BadInput, match="unknown category 'war'"):
        get_timeline("ARM", "RUS", categories=["war"])


def tiny_events():
    rows = [
        ("2005-07-02", "Treaty signed", 2, 1),
        ("2008-01-01", "Summit", 1, 2),
        ("2008-01-01", "Same-day statement", 0, 2),
        ("2009-03-01", "Minor note", -1, 3),  # filtered out by importance
        ("2020-01-01", "Out of range", -2, 1),  # outside the axis
    ]
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "date_text": [r[0] for r in rows],
            "title": [r[1] for r in rows],
            "tone": [r[2] for r in rows],
            "importance": [r[3] for r in rows],
            "category": "diplomatic",
        }
    )


def _artists(ax, kind):
    """Return the artists mark_events drew of one kind (gids ``event-line-1``, ...)."""
    return [a for a in ax.get_children() if (a.get_gid() or "").startswith(f"{kind}-")]


def test_mark_events_on_an_annual_axis_adds_lines_numbers_and_a_key():
    ax = Figure().subplots()
    ax.bar(range(2000, 2011), range(11))
    marked = charts.mark_events(ax, tiny_events(), max_importance=2)
    assert marked["title"].tolist() == ["Treaty signed", "Same-day statement", "Summit"]
    assert marked["n"].tolist() == [1, 2, 2]  # one number per year
    lines = _artists(ax, "event-line")
    assert len(lines) == 2  # one per date
    assert lines[0].get_xdata()[0] == pytest.approx(2005 - 0.5 + (183 - 0.5) / 365)
    assert lines[0].get_color() == charts.TONE_COLORS[2]
    numbers = _artists(ax, "event-number")
    assert [t.get_text() for t in numbers] == ["1", "2"]
    (key,) = _artists(ax, "event-key")
    text = key.get_text().replace("\u00a0", " ").replace("\u2007", " ")
    assert "2005-07-02  Treaty signed" in text
    assert "Same-day statement / Summit" in text


def test_mark_events_on_a_date_axis_uses_datetimes():
    ax = Figure().subplots()
    ax.plot(pd.to_datetime(["2004-01-01", "2010-12-31"]), [1, 2])
    marked = charts.mark_events(ax, tiny_events(), max_importance=1, key=False)
    assert marked["title"].tolist() == ["Treaty signed"]
    (line,) = _artists(ax, "event-line")
    assert line.get_xdata()[0] == pytest.approx(mdates.date2num(pd.Timestamp("2005-07-02")))
    assert _artists(ax, "event-key") == []


def test_mark_events_merges_a_year_into_one_marker_that_never_stacks():
    """Four events of 2024 (issue 13: numbers 1-4 stacked on one line): one marker, four lines,
    every title in the key."""
    ax = Figure(figsize=(4, 2)).subplots()
    ax.bar(range(2000, 2031), 1)
    days = pd.date_range("2024-01-01", periods=4, freq="7D")
    ev = pd.DataFrame(
        {"date": days, "date_text": days.strftime("%Y-%m-%d"), "title": list("ABCD"),
         "tone": 0, "importance": 1, "category": "conflict"}
    )  # fmt: skip
    marked = charts.mark_events(ax, ev)
    assert marked["n"].tolist() == [1, 1, 1, 1]
    assert [t.get_text() for t in _artists(ax, "event-number")] == ["1"]
    assert len(_artists(ax, "event-line")) == 4
    key = "".join(k.get_text() for k in _artists(ax, "event-key"))
    assert all(f"2024-01-{d:02d}\u00a0\u00a0{t}" in key for d, t in zip((1, 8, 15, 22), "ABCD"))


def test_mark_events_with_no_events_changes_nothing():
    ax = Figure().subplots()
    ax.plot([2000, 2010], [0, 1])
    n = len(ax.get_children())
    assert charts.mark_events(ax, tiny_events().iloc[0:0]).empty
    assert len(ax.get_children()) == n


def test_timeline_table_escapes_markup():
    ev = read_timeline_frame({"description": "<script>alert(1)</script>", "title": "A & B"})
    page = tables.render_timeline_html(ev)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "A &amp; B" in page
    assert '<a href="https://www.rferl.org/a/1086156.html">' in page


def read_timeline_frame(change, tmp_dir=None):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return read_timeline(write_timeline(Path(tmp), [{**GOOD_ROW, **change}]))


# --- hostile curated rows: refused before any kernel, drawn literally -------------------------


def _timeline_with(tmp_path, row):
    """Copy the shipped timeline into tmp_path/curated with one more row; return the file."""
    cur = tmp_path / "curated"
    cur.mkdir()
    with (config.CURATED_DIR / curated.TIMELINE_FILE).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return write_timeline(cur, [*rows, {**GOOD_ROW, "title": "Added", **row}])


@pytest.mark.parametrize(
    "row, message",
    [
        ({"source_url": "  JaVaScRiPt:alert(document.domain)"}, "bad source_url"),
        ({"source_url": "data:text/html,x"}, "bad source_url"),
        ({"date": "2023-02-30"}, "bad date '2023-02-30'"),
        ({"source_date": "yesterday"}, "bad source_date 'yesterday'"),
    ],
)
def test_cli_report_refuses_a_bad_timeline_row_before_any_kernel(
    tmp_path, monkeypatch, capsys, row, message
):
    from analysis import report
    from analysis.cli import main

    path = _timeline_with(tmp_path, row)
    monkeypatch.setenv(config.CURATED_DIR_ENV, str(path.parent))

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(report, "KernelSession", no_kernel)
    out = tmp_path / "out"
    assert main(["report", "ARM", "RUS", "--start", "2020", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert err.count("\n") == 1 and f"{path}, line {lines}: {message}" in err
    assert not out.exists()


def test_a_dollar_in_a_title_is_drawn_as_written():
    import io

    import matplotlib as mpl

    events = read_timeline_frame({"title": "Loan of $5 bn, $x$ at $3"})
    with mpl.rc_context():
        charts.use_style(svg=False)
        fig = Figure(figsize=(8, 6))
        top, bottom = fig.subplots(2)
        charts.plot_event_timeline(top, events, curated.CATEGORIES, "Costs in $x$")
        bottom.bar(range(1990, 2000), 1)
        charts.mark_events(bottom, events)
        svg = io.StringIO()
        fig.savefig(svg, format="svg")
    text = re.sub(r"<!--.*?-->", "", svg.getvalue(), flags=re.DOTALL)  # the source, as comments
    assert "Costs in $x$" in text
    assert "Loan of $5 bn, $x$ at $3" in text
