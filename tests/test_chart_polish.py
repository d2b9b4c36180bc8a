"""Chart polish (issue 13): markers that never stack, captions wrapped never cut, labels apart
from lines and each other, real axis labels, text of 10 px or more on a phone, wide tables that
wrap or scroll inside their box, short source labels with the citation in the methodology."""

import io
import os
import re

import matplotlib as mpl
import nbformat
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from nbformat import v4

from analysis import breaks, browser, charts, html, tables
from analysis.html import MIN_CHART_TEXT_PX, svg_min_width
from analysis.indicators import INDICATORS

LONG_TITLE = (
    "Armenia freezes its participation in the Collective Security Treaty Organization and "
    "says it will not take part in its summits, exercises or decisions until further notice"
)


def events(rows):
    """Timeline rows ``(date, title)``: tone 0, importance 1."""
    dates = pd.to_datetime([d for d, _ in rows])
    return pd.DataFrame(
        {"date": dates, "date_text": [d for d, _ in rows], "title": [t for _, t in rows],
         "tone": 0, "importance": 1, "category": "security"}
    )  # fmt: skip


def gids(ax, prefix):
    return [a for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)]


def drawn(fig):
    """Lay the figure out as it will be saved; return its renderer."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def svg_of(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


@pytest.fixture(autouse=True)
def house_style():
    with mpl.rc_context():
        charts.use_style(svg=False)
        yield


# --- event markers ---------------------------------------------------------------------------


def test_markers_of_one_year_and_of_touching_years_merge_and_never_stack():
    fig = Figure(figsize=(8, 3))
    ax = fig.subplots()
    ax.plot(range(2000, 2026), range(26))
    ev = events([("2005-03-01", "A"), ("2023-09-19", "B"), ("2024-02-22", "C"),
                 ("2024-04-17", "D"), ("2024-06-12", "E")])  # fmt: skip
    marked = charts.mark_events(ax, ev)
    # 2005 alone; 2023 and 2024 touch at this width (one year is ~18 px): one marker
    assert marked["n"].tolist() == [1, 2, 2, 2, 2]
    numbers = gids(ax, "event-number")
    assert [t.get_text() for t in numbers] == ["1", "2"]
    assert {t.xyann for t in numbers} == {(0, 3)}  # one row: nothing stacked
    renderer = drawn(fig)
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in numbers]
    assert not boxes[0].overlaps(boxes[1])


def test_markers_of_distant_years_keep_their_own_numbers():
    fig = Figure(figsize=(8, 3))
    ax = fig.subplots()
    ax.plot(range(2000, 2026), range(26))
    marked = charts.mark_events(ax, events([("2008-08-08", "A"), ("2014-03-18", "B")]))
    assert marked["n"].tolist() == [1, 2]


def test_event_key_wraps_long_titles_and_cuts_nothing():
    fig = Figure(figsize=(8, 3))
    ax = fig.subplots()
    ax.plot(range(2000, 2026), range(26))
    charts.mark_events(ax, events([("2024-02-22", LONG_TITLE), ("2010-01-01", "Short")]))
    key = "\n".join(t.get_text() for t in gids(ax, "event-key"))
    assert "…" not in key
    words = re.sub(r"[\u00a0\u2007]", " ", key).split()
    assert all(w in words for w in LONG_TITLE.split())
    assert len(key.splitlines()) >= 3  # the long title took more than one line
    # every key line fits its column: the key's text stays inside the figure's width
    renderer = drawn(fig)
    fig_box = fig.bbox
    for t in gids(ax, "event-key"):
        assert t.get_window_extent(renderer).x1 <= fig_box.x1 + 1


# --- source labels ---------------------------------------------------------------------------


def test_source_change_labels_are_short_apart_and_above_the_event_lines():
    fig = Figure(figsize=(8, 3))
    ax = fig.subplots()
    series = pd.DataFrame(
        {"year": range(2015, 2026), "value": 50.0,
         "source": ["unvotes"] * 5 + ["undl_2020_2024"] * 5 + ["undl_2025_thirdparty_scrape"]}
    )  # fmt: skip
    ax.plot(series["year"], series["value"])
    charts.mark_events(ax, events([("2020-06-01", "X"), ("2024-12-31", "Y")]), key=False)
    charts.mark_source_changes(ax, series)
    labels = gids(ax, "source-change")
    assert [t.get_text() for t in labels] == ["→ UNDL", "→ 3rd-party scrape"]
    assert all(len(v) <= 16 for v in charts.SOURCE_LABELS.values())
    renderer = drawn(fig)
    a, b = (t.get_window_extent(renderer) for t in labels)
    assert not a.overlaps(b)
    lines = gids(ax, "event-line")
    assert all(t.get_zorder() > line.get_zorder() for t in labels for line in lines)
    assert all(t.get_bbox_patch().get_facecolor()[:3] == (1, 1, 1) for t in labels)


def test_methodology_gives_each_chart_label_its_citation():
    catalog = tables.read_catalog()
    page = tables.render_chart_source_labels_html(
        catalog, charts.SOURCE_LABELS, ["unvotes", "undl_2020_2024", "armstat"]
    )
    for sid in ("unvotes", "undl_2020_2024", "armstat"):
        label, citation = charts.SOURCE_LABELS[sid], catalog["sources"][sid]["citation"]
        assert f"<td>{label}</td>" in page
        assert html_escape(citation) in page
        assert f'href="#{tables.source_anchor(sid)}"' in page
    assert "imf_dots" not in page and charts.SOURCE_LABELS["imf_dots"] not in page


def html_escape(text):
    import html as std_html

    return std_html.escape(str(text))


# --- coverage labels -------------------------------------------------------------------------


def test_coverage_labels_never_run_together():
    """Coverage that changes every year (issue 13: "100%67%67%"): one label per row, beside it."""
    rows = []
    for dim, values in {"security": [1.0, 2 / 3, 1 / 3, 2 / 3, 1.0, 1 / 3] * 4,
                        "economy": [0.6] * 12 + [1.0] * 12}.items():  # fmt: skip
        rows += [{"dimension": dim, "year": 2001 + i, "score": 50.0, "coverage": v}
                 for i, v in enumerate(values)]  # fmt: skip
    rows += [{"dimension": "index", "year": 2001 + i, "score": 50.0, "coverage": 1.0}
             for i in range(24)]  # fmt: skip
    fig = Figure(figsize=(8.5, 5))
    ax, ax_cov = fig.subplots(2, 1, sharex=True)
    charts.plot_index_dimensions(
        ax, ax_cov, pd.DataFrame(rows), {"economy": "Economy", "security": "Security", "index": "I"}
    )
    labels = gids(ax_cov, "coverage-label")
    assert [t.get_text() for t in labels] == ["100% in 2024", "33% in 2024"]
    renderer = drawn(fig)
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not boxes[0].overlaps(boxes[1])
    assert all(b.x0 >= ax_cov.get_window_extent(renderer).x1 for b in boxes)  # beside the rows


# --- axis labels -----------------------------------------------------------------------------


@pytest.mark.parametrize("indicator", list(breaks.KEY_SERIES))
def test_every_series_tested_for_breaks_has_a_real_axis_label(indicator):
    label = charts.axis_label(indicator, breaks.KEY_SERIES[indicator] == "log")
    assert label.strip() not in charts.NO_UNIT and "—" not in label


def test_unitless_indicators_get_labels_and_a_placeholder_is_refused():
    unitless = [i for i, meta in INDICATORS.items() if meta.unit.strip() in charts.NO_UNIT]
    assert "alignment.unga_kappa" in unitless and "alignment.idealpoint_distance" in unitless
    assert all(charts.axis_label(i) not in charts.NO_UNIT for i in unitless)
    ax = Figure().subplots()
    with pytest.raises(ValueError, match="no axis label"):
        charts.plot_breaks(ax, pd.Series([1.0, 2.0], index=[2000, 2001]), pd.DataFrame(
            columns=["period", "lo_period", "hi_period", "p_value"]), "Kappa", "—")  # fmt: skip


# --- text of 10 px or more on a phone ----------------------------------------------------------


def polished_figure():
    """A chart with every kind of small text: event numbers and key, source labels, legend."""
    fig = Figure(figsize=(8, 3.6))
    ax = fig.subplots()
    series = pd.DataFrame(
        {"year": range(2000, 2025), "value": 10.0, "source": ["imf_dots"] * 7 + ["armstat"] * 18}
    )
    ax.plot(series["year"], series["value"], label="Exports")
    ax.legend(loc="upper left")
    ax.set_ylabel("USD million")
    ax.set_title("A chart")
    charts.mark_source_changes(ax, series)
    charts.mark_events(ax, events([("2008-08-08", "A"), ("2024-02-22", LONG_TITLE)]))
    return fig


def test_chart_text_is_at_least_the_minimum_size():
    svg = svg_of(polished_figure())
    sizes = [float(v) for v in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    assert sizes and min(sizes) >= charts.MIN_FONT_PT


def test_a_chart_is_never_drawn_so_narrow_that_text_falls_below_10_px():
    svg = svg_of(polished_figure())
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    smallest = min(float(v) for v in re.findall(r"font-size:\s*([\d.]+)px", svg))
    style = svg_min_width(svg)
    min_px = int(re.fullmatch(r"min-width:(\d+)px", style).group(1))
    assert smallest * min_px / width >= MIN_CHART_TEXT_PX
    # and the minimum is no wider than the report's 928 px column: desktop readers never scroll
    assert min_px <= 928


def chart_and_table_notebook(svg: str) -> nbformat.NotebookNode:
    wide = pd.DataFrame(
        {"year": [2000, 2010],
         **{f"Born in Armenia, living in Russia, estimate number {i} (UN DESA 2024)": [478856, 1]
            for i in range(6)},
         "source_url": ["https://www.panarmenian.net/eng/world/news/27321/very/long/path/x"] * 2}
    )  # fmt: skip
    wide_html = tables.render_table_html(wide.astype(str), numeric=[c for c in wide][:7])
    out_svg = v4.new_output("display_data", data={"image/svg+xml": svg})
    out_table = v4.new_output("display_data", data={"text/html": wide_html})
    return v4.new_notebook(
        cells=[
            v4.new_markdown_cell("## Section"),
            v4.new_code_cell("chart", outputs=[out_svg]),
            v4.new_code_cell("table", outputs=[out_table]),
        ]
    )


@pytest.fixture(scope="module")
def polished_page(tmp_path_factory):
    with mpl.rc_context():
        charts.use_style(svg=False)
        svg = svg_of(polished_figure())
    page = html.render_report_html(
        [chart_and_table_notebook(svg)], title="T", subtitle="", parameters={}, sources=[],
        data_versions={}, generated_by="test",
    )  # fmt: skip
    path = tmp_path_factory.mktemp("polish") / "page.html"
    path.write_text(page, encoding="utf-8")
    return path, svg


def test_the_report_gives_each_chart_its_minimum_width_and_marks_long_words(polished_page):
    path, svg = polished_page
    page = path.read_text(encoding="utf-8")
    assert f'style="{svg_min_width(svg)}"' in page
    assert re.search(r'<td class="long">https://www\.panarmenian\.net', page)


@pytest.fixture(scope="module")
def chromium():
    problem = browser.chromium_missing()
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser.launch(p)
        yield b
        b.close()


MEASURE = """() => {
  const img = document.querySelector('figure.fig img');
  const fig = img.closest('figure');
  const wrap = document.querySelector('.table-wrap');
  const table = wrap.querySelector('table');
  const main = document.querySelector('main').getBoundingClientRect().width;
  return {img: img.getBoundingClientRect().width, fig: fig.getBoundingClientRect().width,
          figScroll: fig.scrollWidth, wrap: wrap.getBoundingClientRect().width,
          table: table.getBoundingClientRect().width, main: main,
          page: document.documentElement.scrollWidth, view: window.innerWidth};
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_in_a_browser_text_is_10_px_and_nothing_leaves_its_column(chromium, polished_page, width):
    path, svg = polished_page
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        m = page.evaluate(MEASURE)
    finally:
        context.close()
    vb = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    smallest = min(float(v) for v in re.findall(r"font-size:\s*([\d.]+)px", svg))
    assert smallest * m["img"] / vb >= MIN_CHART_TEXT_PX - 0.05, m
    assert m["fig"] <= m["main"] + 0.5 and m["wrap"] <= m["main"] + 0.5, m  # boxes in the column
    assert m["page"] <= m["view"], m  # no sideways scroll of the page
    if width == 1280:  # room enough: the chart and the wide table fit without scrolling
        assert m["figScroll"] <= m["fig"] + 1 and m["table"] <= m["wrap"] + 1, m
    else:  # a phone: the chart scrolls sideways inside its own box
        assert m["figScroll"] > m["fig"], m


def test_on_paper_the_chart_and_the_wide_table_fit_the_page(chromium, polished_page):
    """Paper cannot scroll: in print (an A4 page is ~680 CSS px wide) nothing is cut off."""
    path, _ = polished_page
    context = chromium.new_context(viewport={"width": 680, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        page.emulate_media(media="print")
        m = page.evaluate(MEASURE)
    finally:
        context.close()
    assert m["img"] <= m["main"] + 0.5 and m["table"] <= m["main"] + 0.5, m
    assert m["page"] <= m["view"], m
