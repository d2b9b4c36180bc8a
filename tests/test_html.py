"""Tests of analysis.html: the offline HTML report page and atomic writes."""

import base64
import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from matplotlib.figure import Figure
from nbformat import v4

from analysis.errors import BadInput, RunFailure
from analysis.html import find_external_references, render_report_html

ROOT = Path(__file__).resolve().parents[1]

XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
#: Text that appears only in code input, parameter cells, removed cells and stderr.
CODE_MARKER = "code_input_marker_xyz"
PARAM_MARKER = "parameter_cell_marker_xyz"
REMOVED_MARKER = "removed_cell_marker_xyz"
STDERR_MARKER = "stderr_warning_marker_xyz"


class TagCollector(HTMLParser):
    """Collect every start tag with its attributes (stdlib parser, independent of the module)."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def collect_tags(page):
    """Return ``[(tag, {attr: value})]`` for every start tag in ``page``."""
    parser = TagCollector()
    parser.feed(page)
    return parser.tags


def figure_bytes(fmt):
    """Return a small matplotlib line chart saved as ``fmt`` (no pyplot, no GUI backend)."""
    fig = Figure(figsize=(4, 2.5))
    ax = fig.subplots()
    ax.plot([2000, 2010, 2020], [1.0, 3.0, 2.0], label="exports")
    ax.set_title("Exports")
    ax.legend()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def code_cell(outputs, tags=()):
    """Return a code cell whose input holds CODE_MARKER."""
    cell = v4.new_code_cell(f"{CODE_MARKER}()", outputs=outputs, execution_count=1)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def build_notebooks():
    """Return two small executed notebooks (the sections of one report)."""
    png = base64.b64encode(figure_bytes("png")).decode("ascii")
    svg = figure_bytes("svg").decode("utf-8")
    table = (
        "<table class='dataframe'><thead><tr><th>year</th><th>partner</th><th>exports</th></tr>"
        "</thead><tbody><tr><td>2020</td><td>Russia</td><td>1,234.5</td></tr>"
        "<tr><td>2021</td><td>France</td><td>NaN</td></tr></tbody></table>"
    )
    first = v4.new_notebook(
        cells=[
            code_cell(
                [v4.new_output("stream", name="stdout", text=PARAM_MARKER)], tags=["parameters"]
            ),
            code_cell([], tags=["injected-parameters"]),
            v4.new_markdown_cell("# Armenia and Russia\n\n## Trade\n\nExports *grew*."),
            code_cell(
                [
                    v4.new_output("stream", name="stderr", text=f"UserWarning: {STDERR_MARKER}\n"),
                    v4.new_output(
                        "display_data",
                        data={"image/png": png, "text/plain": "<Figure size 400x250>"},
                        metadata={"image/png": {"width": 400}},
                    ),
                ]
            ),
            code_cell(
                [v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": "<F>"})]
            ),
            code_cell(
                [
                    v4.new_output(
                        "execute_result",
                        data={"text/html": table, "text/plain": "year partner exports"},
                        execution_count=1,
                    )
                ]
            ),
            code_cell(
                [v4.new_output("stream", name="stdout", text=REMOVED_MARKER)], ["remove-cell"]
            ),
        ]
    )
    second = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("## Remittances\n\nTransfers from Russia."),
            code_cell([v4.new_output("stream", name="stdout", text="stdout is shown")]),
            code_cell([]),
        ]
    )
    return [first, second]


def render(notebooks=None, **overrides):
    """Return the report page of ``notebooks`` (default: build_notebooks()) with test metadata."""
    kwargs = {
        "title": "Armenia–Russia",
        "subtitle": "2000–2024",
        "parameters": {"country_a": "ARM", "start_year": 2000},
        "sources": [
            {
                "id": "wdi",
                "title": "World Development Indicators",
                "publisher": "World Bank",
                "citation": "World Bank (2024). World Development Indicators.",
                "url": "https://databank.worldbank.org/source/world-development-indicators",
                "license": "CC BY 4.0",
            }
        ],
        "data_versions": {"wdi": "sha256:0123abcd, 2000–2023"},
        "generated_by": "bilateral 0.1.0",
    }
    kwargs.update(overrides)
    return render_report_html(build_notebooks() if notebooks is None else notebooks, **kwargs)


@pytest.fixture(scope="module")
def page():
    return render()


def test_page_has_no_code_input_prompts_or_hidden_cells(page):
    assert CODE_MARKER not in page
    assert PARAM_MARKER not in page
    assert REMOVED_MARKER not in page
    assert "In&nbsp;[" not in page and "Out[" not in page
    assert "stdout is shown" in page


def test_page_has_no_stderr_or_warnings(page):
    assert STDERR_MARKER not in page
    assert "UserWarning" not in page


def test_page_loads_nothing_from_outside(page):
    tags = collect_tags(page)
    assert not [t for t, _ in tags if t == "script"], "the report needs no script at all"
    for tag, attrs in tags:
        for name in ("src", "href", "srcset", "data", "poster"):
            value = (attrs.get(name) or "").strip()
            if name == "href" and tag == "a":
                continue
            assert value == "" or value.startswith(("data:", "#")), (tag, name, value[:80])
    assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "@font-face" not in page
    assert find_external_references(page) == []


def test_figures_are_embedded_as_data_uris(page):
    images = [attrs["src"] for tag, attrs in collect_tags(page) if tag == "img"]
    assert len(images) == 2
    assert any(src.startswith("data:image/png;base64,") for src in images)
    assert any(src.startswith("data:image/svg+xml") for src in images)
    assert all(attrs.get("alt") for tag, attrs in collect_tags(page) if tag == "img")


def test_toc_links_to_both_sections(page):
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.DOTALL)[0]
    assert '<a href="#Trade">Trade</a>' in toc
    assert '<a href="#Remittances">Remittances</a>' in toc
    assert "Armenia and Russia" not in toc, "only h2 headings go into the table of contents"
    ids = {attrs.get("id") for _, attrs in collect_tags(page)}
    assert {"Trade", "Remittances", "parameters", "data-versions", "sources"} <= ids
    assert page.index('id="Trade"') < page.index('id="Remittances"') < page.index('id="sources"')


def test_appendix_lists_parameters_versions_sources(page):
    appendix = page[page.index('id="appendix"') :]
    for text in ("country_a", "ARM", "start_year", "2000", "sha256:0123abcd, 2000–2023"):
        assert text in appendix
    assert '<a class="citation" href="https://databank.worldbank.org/' in appendix
    assert "CC BY 4.0" in appendix and "Generated by bilateral 0.1.0" in appendix
    assert '<a href="#source-wdi">wdi</a>' in appendix


def test_page_is_styled_for_phone_and_print(page):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print" in page
    assert '<div class="html-output table-wrap">' in page


def test_numbers_in_tables_are_right_aligned(page):
    assert '<td class="num">1,234.5</td>' in page
    assert '<td class="num">NaN</td>' in page
    assert "<td>Russia</td>" in page
    assert '<th class="num">exports</th>' in page


def test_caller_text_is_escaped():
    source = {
        "id": XSS,
        "title": XSS,
        "publisher": XSS,
        "citation": XSS,
        "url": "javascript:alert(1)",
        "license": XSS,
    }
    page = render(
        title=XSS,
        subtitle=XSS,
        parameters={XSS: XSS},
        sources=[source],
        data_versions={XSS: XSS},
        generated_by=XSS,
    )
    assert XSS not in page
    assert page.count(XSS_ESCAPED) >= 10
    assert not [t for t, _ in collect_tags(page) if t == "script"]
    assert 'href="javascript:' not in page


def test_error_output_is_plain_text():
    error = v4.new_output(
        "error", ename="ValueError", evalue="<bad>", traceback=["\x1b[31mValueError\x1b[0m: <bad>"]
    )
    page = render([v4.new_notebook(cells=[code_cell([error])])])
    assert '<pre class="text error">ValueError: &lt;bad&gt;</pre>' in page


def test_duplicate_headings_get_unique_ids():
    notebooks = [v4.new_notebook(cells=[v4.new_markdown_cell("## Summary")]) for _ in range(2)]
    page = render(notebooks)
    assert 'href="#Summary"' in page and 'href="#Summary-2"' in page
    assert 'id="Summary"' in page and 'id="Summary-2"' in page


def test_notebooks_are_not_modified():
    notebooks = build_notebooks()
    before = [nbformat.writes(nb) for nb in notebooks]
    render(notebooks)
    assert [nbformat.writes(nb) for nb in notebooks] == before


def test_ten_svg_figures_stay_small():
    svg = figure_bytes("svg").decode("utf-8")
    cells = [v4.new_markdown_cell("## Figures")] + [
        code_cell([v4.new_output("display_data", data={"image/svg+xml": svg})]) for _ in range(10)
    ]
    page = render([v4.new_notebook(cells=cells)])
    assert page.count("<img") == 10
    assert len(page.encode("utf-8")) < 10 * len(svg.encode("utf-8")) * 1.2 + 50_000 < 2_000_000


def test_remote_image_in_markdown_fails():
    cell = v4.new_markdown_cell("## Map\n\n![map](https://example.org/map.png)")
    with pytest.raises(RunFailure, match=r"https://example\.org/map\.png"):
        render([v4.new_notebook(cells=[cell])])


def test_source_without_citation_is_bad_input():
    with pytest.raises(BadInput, match="lacks citation"):
        render(sources=[{"id": "wdi", "title": "WDI"}])


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<script src="https://cdn.example/require.js"></script>', ["https://cdn.example"]),
        ('<link rel="stylesheet" href="//fonts.example/css">', ["//fonts.example/css"]),
        ("<style>@import url(http://x.example/a.css);</style>", ["http://x.example/a.css"]),
        ('<p style="background:url(https://x.example/b.png)">', ["https://x.example/b.png"]),
        ('<img srcset="data:image/png;base64,AA 1x, https://x.example/c.png 2x">', ["c.png"]),
        ('<img src="figure.png">', ["figure.png"]),
        ('<a href="https://example.org">a citation</a><img src="data:image/png;base64,AA">', []),
        ('<svg><use href="#glyph"/></svg>', []),
    ],
)
def test_find_external_references(snippet, expected):
    found = find_external_references(snippet)
    assert len(found) == len(expected)
    for text, hit in zip(expected, found, strict=True):
        assert text in hit


def test_import_is_cheap():
    heavy = "{'nbformat', 'nbconvert', 'bs4', 'jinja2'}"
    code = f"import sys, analysis.html; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.stdout.strip() == "[]"


def test_svg_figures_carry_no_creation_time():
    """The same figure gives the same bytes on every run (matplotlib's <metadata> has a date)."""
    svg = (
        figure_bytes("svg")
        .decode("utf-8")
        .replace("<metadata>", "<metadata><dc:date>2026-01-01T00:00:00</dc:date>", 1)
    )
    assert "<metadata>" in svg
    nb = v4.new_notebook(
        cells=[code_cell([v4.new_output("display_data", data={"image/svg+xml": svg})])]
    )
    page = render([nb])
    assert "metadata" not in page and "2026-01-01" not in page


def test_findings_cells_are_shown_first_above_the_contents():
    import nbformat

    from analysis.html import render_report_html

    found = nbformat.v4.new_code_cell("x", metadata={"tags": ["findings"]})
    found.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<h2>Key findings</h2><p>F1</p>"})
    ]
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("## Overview"),
            found,
            nbformat.v4.new_markdown_cell("## Trade"),
        ]  # fmt: skip
    )
    page = render_report_html([nb], title="T", subtitle="", parameters={}, sources=[],
                              data_versions={}, generated_by="test")  # fmt: skip
    assert page.index("F1") < page.index('id="toc-title"') < page.index('id="Overview"')
    assert page.count("F1") == 1  # moved, not copied
    toc = page[page.index('id="toc-title"') : page.index("</nav>")]
    assert "Key findings" not in toc and "Overview" in toc


def test_a_section_whose_code_shows_nothing_leaves_no_heading():
    import nbformat

    from analysis.html import render_report_html

    empty = nbformat.v4.new_code_cell("pass")
    intro = nbformat.v4.new_markdown_cell("### Monthly data\n\nOnly for some pairs.")
    intro.metadata["tags"] = ["needs-output"]
    shown = nbformat.v4.new_code_cell("x")
    shown.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>chart</p>"})]
    intro2 = nbformat.v4.new_markdown_cell("### Transfers")
    intro2.metadata["tags"] = ["needs-output"]
    nb = nbformat.v4.new_notebook(cells=[intro, empty, intro2, shown])
    page = render_report_html([nb], title="T", subtitle="", parameters={}, sources=[],
                              data_versions={}, generated_by="test")  # fmt: skip
    assert "Monthly data" not in page and "Only for some pairs" not in page
    assert "Transfers" in page and "chart" in page
