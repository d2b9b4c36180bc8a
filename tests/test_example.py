"""The committed example report (reports/examples/) is recent enough to show the current suite.

When a notebook joins the suite or an indicator joins the panel, these tests fail until the
example is regenerated with `make example` (report + first-screen screenshot).
"""

import re

import nbformat
import pytest

from analysis import config, report
from analysis.html import find_external_references
from analysis.panel import get_panel
from analysis.tables import panel_indicator_ids

EXAMPLES = config.PROJ_ROOT / "reports" / "examples"
HINT = "the committed example is out of date: run `make example` and commit reports/examples/"


@pytest.fixture(scope="module")
def example():
    found = sorted(p for p in EXAMPLES.glob("ARM-RUS_2000-*.html") if "_brief" not in p.name)
    assert len(found) == 1, f"expected one reports/examples/ARM-RUS_2000-*.html, found {found}"
    return found[0], found[0].read_text(encoding="utf-8")


def test_example_covers_the_data_period(example):
    path, _ = example
    params = report.validate_parameters("ARM", "RUS", 2000, None)
    assert path == report.report_path(EXAMPLES, params), HINT


def test_example_has_every_section_of_the_suite(example):
    _, page = example
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.S)[0]
    for name in report.suite():
        nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
        for cell in nb.cells:
            # a section shown only where it applies (tagged needs-output) may be absent
            if cell.cell_type != "markdown" or "needs-output" in cell.metadata.get("tags", []):
                continue
            for line in cell.source.splitlines():
                if line.startswith(("## ", "### ")):
                    heading = line.lstrip("#").strip()
                    assert f">{heading}<" in (toc if line.startswith("## ") else page), (
                        f"{name}: section {heading!r} missing; {HINT}"
                    )


def test_example_has_every_indicator_in_its_headline_table(example):
    _, page = example
    table = re.search(r'<table class="key-figures">.*?</table>', page, re.S)[0]
    shown = re.findall(r"<code>([\w.]+)</code>", table)
    assert shown == panel_indicator_ids(get_panel("ARM", "RUS", 2000, None)), HINT


def test_example_is_offline_and_has_no_code(example):
    _, page = example
    assert find_external_references(page) == []
    assert "<script" not in page and "Traceback" not in page


def test_example_screenshot_is_committed():
    png = EXAMPLES / "ARM-RUS-first-screen.png"
    assert png.is_file(), HINT
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_brief_example_is_committed_beside_the_full_one(example):
    path, _ = example
    brief = path.with_name(path.stem + "_brief.html")
    assert brief.is_file(), HINT
    text = brief.read_text(encoding="utf-8")
    assert "Key findings" in text and "brief edition" in text
    for name in report.BRIEF_NOTEBOOKS:  # every section of the brief edition
        nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "brief" in cell.metadata.get("tags", []):
                heading = cell.source.splitlines()[0].lstrip("#").strip()
                assert f">{heading}<" in text, f"{name}: {heading!r} missing; {HINT}"
