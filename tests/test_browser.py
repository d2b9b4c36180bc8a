"""The generated report in a real browser: headless Chromium (Debian's) through Playwright.

Checks what a reader gets: no console errors, no request beyond the file itself, every image
decoded, the headline table with a row per indicator and every section of the suite, no
horizontal scroll on a 375 px phone, a working print layout, and text from the data shown as
text (a ``<script>`` in it never runs). Where Chromium is missing these tests are skipped, except
with CI=true, where they fail: CI must run them (``make test`` installs Chromium when it can).
"""

import json
import os
import re

import nbformat
import pytest
from nbformat import v4

from analysis import browser, config, report, tables
from analysis.indicators.registry import dimension_title
from analysis.panel import get_panel

INJECTED = "<script>window.__xss = 1</script>"


@pytest.fixture(scope="module")
def chromium():
    problem = browser.chromium_missing()
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(f"{problem}; `make test` installs it where it can (root + apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser.launch(p)
        yield b
        b.close()


class Opened:
    """A page opened offline, with what it requested and logged."""

    def __init__(self, chromium, path, width=1280, height=900):
        self.path = path.resolve()
        self.context = chromium.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests, self.console_errors, self.page_errors = [], [], []
        self.page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url == self.path.as_uri():
                r.continue_()
            else:
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(self.path.as_uri(), wait_until="load")

    def js(self, expression):
        return self.page.evaluate(expression)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def arm_rus(tmp_path_factory):
    return report.run_report("ARM", "RUS", 2000, None, tmp_path_factory.mktemp("browser"))


@pytest.fixture
def opened(chromium, arm_rus):
    page = Opened(chromium, arm_rus)
    yield page
    page.close()


def test_report_loads_nothing_but_itself_and_logs_no_error(opened):
    assert opened.requests == [opened.path.as_uri()]
    assert opened.console_errors == [] and opened.page_errors == []
    assert opened.js("document.scripts.length") == 0


def test_every_image_is_decoded(opened):
    images = opened.js(
        "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
    )
    assert len(images) >= 6
    assert all(done and w > 0 and h > 0 for done, w, h in images), images


def test_headline_table_has_a_row_per_indicator(opened):
    panel = get_panel("ARM", "RUS", 2000, None)
    ids = opened.js(
        "Array.from(document.querySelector('table.key-figures').querySelectorAll('td.ind code'))"
        ".map(c => c.textContent)"
    )
    # every indicator of the panel once, grouped by dimension (registry order within a group)
    assert sorted(ids) == sorted(tables.panel_indicator_ids(panel)) and len(ids) == len(set(ids))
    dims = [i.split(".", 1)[0] for i in ids]
    assert dims == sorted(dims, key=dims.index)  # each dimension's rows are contiguous
    groups = opened.js(
        "Array.from(document.querySelector('table.key-figures').querySelectorAll('tr.dimension'))"
        ".map(r => r.textContent)"
    )
    assert groups == [dimension_title(d) for d in dict.fromkeys(dims)]
    # Each id links to its definition in the methodology, which exists.
    missing = opened.js(
        "Array.from(document.querySelectorAll('table.key-figures a.id'))"
        ".filter(a => !document.getElementById(a.hash.slice(1))).length"
    )
    assert missing == 0


def notebook_headings(name):
    """Return the ``## `` headings of a notebook's markdown cells."""
    nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
    return [
        line[3:].strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("## ")
    ]


def test_every_section_is_present_and_in_the_contents(opened):
    toc = opened.js("Array.from(document.querySelectorAll('nav.toc a')).map(a => a.textContent)")
    expected = [h for name in report.suite() for h in notebook_headings(name)]
    assert toc[: len(expected)] == expected
    assert toc[0] == "Overview" and toc[len(expected) - 1] == "Methodology and sources"
    targets = opened.js(
        "Array.from(document.querySelectorAll('nav.toc a'))"
        ".map(a => !!document.getElementById(decodeURIComponent(a.hash.slice(1))))"
    )
    assert all(targets)
    for anchor in ("parameters", "data-versions", "sources"):
        assert opened.js(f"!!document.getElementById('{anchor}')"), anchor
    text = opened.js("document.body.innerText")
    for phrase in ("Summary", "Headline table", "Indicator definitions", "Caveats of the sources"):
        assert phrase in text


def test_no_horizontal_scroll_on_a_phone(chromium, arm_rus):
    phone = Opened(chromium, arm_rus, width=375, height=812)
    try:
        widths = phone.js("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], widths
        # The headline table turns into cards: nothing of it sticks out of the page.
        right = phone.js(
            "Math.max(...Array.from(document.querySelectorAll('table.key-figures td'))"
            ".map(td => td.getBoundingClientRect().right))"
        )
        assert right <= 375
    finally:
        phone.close()


def test_print_layout(opened):
    opened.page.emulate_media(media="print")
    assert opened.js("getComputedStyle(document.querySelector('nav.toc')).backgroundColor") in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert opened.js("getComputedStyle(document.body).maxWidth") == "none"
    pdf = opened.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5


def test_first_screen_screenshot(opened, tmp_path):
    path = tmp_path / "first-screen.png"
    opened.page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def injecting_notebook():
    """Return a notebook that renders text containing a script through the package's renderers."""
    code = f"""\
import pandas as pd
from IPython.display import HTML, display

from analysis import summary, tables

INJECTED = {INJECTED!r}
panel = pd.DataFrame({{"country_a": "ARM", "country_b": "RUS", "indicator": "trade.total",
                       "year": [2019, 2020], "value": [1.0, 2.0], "unit": "USD million",
                       "source": INJECTED}})
display(HTML(summary.sentences_html([INJECTED])))
display(HTML(tables.render_key_figures_html(tables.compute_key_figures(panel), INJECTED, "b",
                                            {{INJECTED: INJECTED}})))
display(HTML(tables.render_definitions_html(panel, INJECTED, "b")))
catalog = {{"sources": {{"x": {{"title": INJECTED, "publisher": INJECTED, "caveats": [INJECTED]}}}}}}
display(HTML(tables.render_caveats_html(catalog, ["x"])))
print(INJECTED)
"""
    params = v4.new_code_cell('country_a: str = "ARM"  # focal country\n')
    params.metadata["tags"] = ["parameters"]
    return v4.new_notebook(
        cells=[v4.new_markdown_cell("## Injected text"), params, v4.new_code_cell(code)],
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )


def test_text_from_the_data_is_shown_as_text(chromium, tmp_path, monkeypatch):
    """A description with <script> that reaches the report (a curated description, a source
    title) through the normal rendering path shows as text, and no script runs."""
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    nbformat.write(injecting_notebook(), nb_dir / "inject.ipynb")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", nb_dir)
    monkeypatch.setattr(report, "NOTEBOOKS", ("inject.ipynb",))
    catalog = json.loads(json.dumps(tables.read_catalog()))  # a deep copy
    catalog["sources"]["armstat"]["title"] = INJECTED
    catalog["sources"]["armstat"]["citation"] = INJECTED
    monkeypatch.setattr(tables, "read_catalog", lambda: catalog)
    path = report.run_report("ARM", "RUS", 2020, 2024, tmp_path / "out")
    page = Opened(chromium, path)
    try:
        assert page.js("typeof window.__xss") == "undefined"
        assert page.js("document.scripts.length") == 0
        assert page.console_errors == [] and page.page_errors == []
        text = page.js("document.body.innerText")
        # sentence, headline table (title, source), definitions, caveats (title, publisher,
        # text), stdout, and the appendix (title, citation)
        assert text.count(INJECTED) >= 9, text.count(INJECTED)
    finally:
        page.close()


def test_batch_index_opens_offline(chromium, tmp_path):
    from analysis.batch import render_index

    entries = [
        {
            "params": {
                "country_a": "ARM",
                "country_b": "RUS",
                "start_year": 2019,
                "end_year": 2020,
            },  # fmt: skip
            "report": "ARM-RUS_2019-2020.html",
            "status": "failed",
            "seconds": 1.0,
            "message": INJECTED,
            "failed_notebook": "failed/economy_ARM-RUS_2019-2020.ipynb",
            "last_good": "2025-01-01T00:00:00Z",
        }
    ]
    path = tmp_path / "index.html"
    path.write_text(render_index(entries, "Reports", "bilateral"), encoding="utf-8")
    page = Opened(chromium, path, width=375, height=700)
    try:
        assert page.requests == [path.as_uri()] and page.console_errors == []
        assert page.js("typeof window.__xss") == "undefined"
        assert INJECTED in page.js("document.body.innerText")
        assert page.js("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


@pytest.fixture(scope="module")
def arm_rus_brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    return report.run_report("ARM", "RUS", 2000, None, out, extra={"edition": "brief"})


def test_brief_edition_is_short_links_only_what_it_has_and_opens_with_findings(
    chromium, arm_rus_brief
):
    assert arm_rus_brief.name == "ARM-RUS_2000-2025_brief.html"
    page = Opened(chromium, arm_rus_brief)
    try:
        page.page.set_viewport_size({"width": 1280, "height": 900})
        assert page.js("document.body.scrollHeight") <= 16_000
        assert page.js("document.scripts.length") == 0
        # every in-page link has its target in this file
        dangling = page.js(
            "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
            ".map(a => a.getAttribute('href').slice(1))"
            ".filter(id => id && !document.getElementById(decodeURIComponent(id)))"
        )
        assert dangling == []
        # the key findings come before the contents; no dimension section of the full edition
        order = page.js(
            "[document.querySelector('section.findings'), document.querySelector('nav.toc')]"
            ".map(e => e ? e.getBoundingClientRect().top : null)"
        )
        assert order[0] is not None and order[0] < order[1]
        text = page.js("document.body.innerText")
        assert "Key findings" in text and "Closeness index" in text
        assert "Security: alliances" not in text and "Methodology and sources" not in text
        assert page.js("document.querySelectorAll('details.more-indicators').length") == 1
    finally:
        page.close()
