"""One URL policy for every link a report renders (analysis.html.safe_href): http(s) only."""

import re

import pandas as pd
import pytest
from nbformat import v4

from analysis.html import render_link, render_report_html, safe_href
from analysis.tables import render_key_votes_html, render_timeline_html, render_toplines_html

HOSTILE = [
    "javascript:alert(document.domain)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "  JaVaScRiPt:alert(document.domain)",
    "\tjava\nscript:alert(1)",
    "\x00javascript:alert(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "evil.html",
    "https:javascript:alert(1)",
    "",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_safe_href_refuses_everything_but_http_and_https(url):
    assert safe_href(url) is None


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.cba.am/en", "https://www.cba.am/en"),
        (" HTTP://Example.org/a?b=1#c ", "HTTP://Example.org/a?b=1#c"),
        ("#source-wdi", "#source-wdi"),
    ],
)
def test_safe_href_keeps_http_https_and_fragments(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize("url", HOSTILE[:5])
def test_render_link_shows_hostile_urls_as_escaped_text(url):
    assert render_link(url, "<b>t</b>") == "&lt;b&gt;t&lt;/b&gt;"


def _toplines(url):
    return pd.DataFrame(
        {
            "survey_series": ["CRRC Caucasus Barometer"],
            "date": ["2013-07-02"],
            "question": ["Which country is currently the main friend of Armenia?"],
            "response": ["Russia"],
            "wave": ["2013"],
            "dated_by": ["fieldwork"],
            "fieldwork_period": ["2013"],
            "value_pct": [83.0],
            "source_url": [url],
            "source_date": ["2020-07"],
            "note": [pd.NA],
        }
    )


@pytest.mark.parametrize("url", HOSTILE[:5])
def test_toplines_with_a_hostile_source_url_render_it_as_text(url):
    page = render_toplines_html(_toplines(url))
    assert "<a " not in page and "href" not in page


def test_toplines_with_an_https_source_url_link_to_its_host():
    page = render_toplines_html(_toplines("https://www.crrc.am/barometer/"))
    assert '<a href="https://www.crrc.am/barometer/">crrc.am</a>' in page


def test_timeline_and_key_votes_refuse_hostile_urls():
    events = pd.DataFrame(
        {
            "date_text": ["2023-09-19"],
            "category": ["conflict"],
            "tone": [0],
            "title": ["t"],
            "description": ["d"],
            "source_publisher": ["p"],
            "source_title": ["title"],
            "source_date": ["2023-09-19"],
            "source_url": ["  JaVaScRiPt:alert(1)"],
        }
    )
    assert "href" not in render_timeline_html(events)
    votes = pd.DataFrame(
        {
            "date": ["2022-03-02"],
            "resolution": ["A/RES/ES-11/1"],
            "url": ["vbscript:msgbox(1)"],
            "title": ["t"],
            "vote_a": ["abstain"],
            "vote_b": ["no"],
            "same_vote": [False],
        }
    )
    assert "href" not in render_key_votes_html(votes, "Armenia", "Russia")


def test_report_page_unwraps_hostile_links_from_notebook_cells():
    md = "[a](javascript:alert(1)) [b](https://example.org/) [c](data:text/html,x)"
    html_out = v4.new_output(
        "display_data", data={"text/html": '<a href=" JaVaScRiPt:alert(1)">d</a>'}
    )
    cell = v4.new_code_cell("x", outputs=[html_out])
    nb = v4.new_notebook(cells=[v4.new_markdown_cell(md), cell])
    page = render_report_html(
        [nb],
        title="t",
        subtitle="s",
        parameters={},
        sources=[{"id": "x", "citation": "c", "url": "data:text/html,<script>alert(1)</script>"}],
        data_versions={},
        generated_by="g",
    )
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    assert '<a href="https://example.org/">b</a>' in page
    assert "<p>a " in page and "\nd\n" in page  # the link texts stay, as text
