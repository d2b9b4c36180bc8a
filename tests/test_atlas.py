"""Atlas configs: pairs: all / {country: X} expanded from the data in use (here the embedded
tables, which hold only config.EMBEDDED_PAIRS), directed, limit, brief by default; bad values
are one line, exit 2."""

import contextlib
import io
import json
import os
import re

import pytest

from analysis import batch, browser, config
from analysis.cli import main


def plan(tmp_path, text):
    path = tmp_path / "atlas.yml"
    path.write_text(text, encoding="utf-8")
    return [
        (p["country_a"], p["country_b"], p["start_year"], p["end_year"], p.get("edition"))
        for p in batch.plan_jobs(batch.load_config(path))
    ]


def embedded(country=None, directed=False):
    """The embedded pairs an atlas config should give, by the rule stated in analysis.atlas."""
    pairs = set()
    for a, b in config.EMBEDDED_PAIRS:
        if directed:
            pairs.add((a, b))
        elif country is None:
            pairs.add(tuple(sorted((a, b))))
        elif country in (a, b):
            pairs.add((country, b if a == country else a))
    return {p for p in pairs if country is None or country in p}


def test_partners_of_one_country_are_brief_by_default(tmp_path):
    got = plan(tmp_path, "output: o\npairs: {country: ARM}\nperiods: [{start: 2018, end: 2020}]\n")
    assert {(a, b) for a, b, *_ in got} == embedded("ARM")
    assert all(a == "ARM" for a, *_ in got) and [b for _, b, *_ in got] == sorted(
        b for _, b, *_ in got
    )
    assert {(s, e, ed) for *_, s, e, ed in got} == {(2018, 2020, "brief")}


def test_all_pairs_once_or_directed(tmp_path):
    once = plan(tmp_path, "output: o\npairs: all\nedition: full\n")
    assert {(a, b) for a, b, *_ in once} == embedded()
    assert all(a < b for a, b, *_ in once) and {ed for *_, ed in once} == {None}
    both = plan(tmp_path, "output: o\npairs: all\ndirected: true\n")
    assert {(a, b) for a, b, *_ in both} == embedded(directed=True)
    assert ("RUS", "ARM") in {(a, b) for a, b, *_ in both}


def test_limit_keeps_the_first_reports(tmp_path):
    all_ = plan(tmp_path, "output: o\npairs: all\n")
    assert plan(tmp_path, "output: o\npairs: all\nlimit: 2\n") == all_[:2]
    listed = plan(tmp_path, "output: o\npairs: [ARM-RUS, AZE-RUS, GEO-RUS]\nlimit: 2\n")
    assert [(a, b) for a, b, *_ in listed] == [("ARM", "RUS"), ("AZE", "RUS")]


@pytest.mark.parametrize(
    "text, match",
    [
        ("pairs: {country: XXX}\n", r"pairs\.country: unknown country 'XXX'"),
        ("pairs: {countries: ARM}\n", r"pairs must be all, \{country: ARM\} or a list"),
        ("pairs: every\n", r"pairs must be all, \{country: ARM\} or a list"),
        ("pairs: all\nlimit: 0\n", r"limit must be a whole number of at least 1, got 0"),
        ("pairs: all\ndirected: yes please\n", r"directed must be true or false"),
        ("pairs: [ARM-RUS]\ndirected: true\n", r"directed: true needs pairs: all or"),
        ("pairs: {country: ATA}\n", r"pairs: ATA is not a current UN member in the data"),
        ("pairs: all\nperiods: [{start: 1900, end: 1901}]\n", r"no pair has data in the periods"),
    ],
)
def test_bad_atlas_values_exit_2_with_one_line(tmp_path, capsys, text, match):
    path = tmp_path / "atlas.yml"
    path.write_text("output: o\n" + text, encoding="utf-8")
    assert main(["batch", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and re.search(match, err[0]), err
    assert not (tmp_path / "o" / "index.html").exists()


# --- an atlas run and its index ------------------------------------------------------------------

ATLAS = "output: out\nworkers: 2\npairs: {country: ARM}\nperiods: [{start: 2018, end: 2020}]\nlimit: 2\n"


@pytest.fixture(scope="module")
def atlas_run(tmp_path_factory):
    """An atlas of ARM's first two partners in the embedded data, brief, built on 2 workers."""
    tmp = tmp_path_factory.mktemp("atlas")
    path = tmp / "atlas.yml"
    path.write_text(ATLAS, encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["batch", str(path)])
    assert code == 0, err.getvalue()
    return tmp / "out"


def test_the_atlas_records_each_pairs_index(atlas_run):
    from analysis.atlas import index_summary

    manifest = json.loads((atlas_run / "manifest.json").read_text(encoding="utf-8"))
    stems = sorted(manifest["reports"])
    assert stems == ["ARM-CHN_2018-2020_brief", "ARM-FRA_2018-2020_brief"]
    for stem, entry in manifest["reports"].items():
        assert entry["status"] == "ok" and (atlas_run / f"{stem}.html").is_file()
        # what the worker recorded is what the index module gives for the report's parameters
        assert entry["index"] == index_summary(entry["params"])
        assert 2018 <= entry["index"]["year"] <= 2020 and entry["index"]["value"] is not None


def test_the_atlas_index_is_complete_without_script(atlas_run):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((atlas_run / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.atlas tbody tr")
    assert [r["id"] for r in rows] == ["ARM-CHN_2018-2020_brief", "ARM-FRA_2018-2020_brief"]
    assert [a["href"] for a in soup.select("table.atlas a")] == [f"{r['id']}.html" for r in rows]
    assert (
        "Armenia – China" in rows[0].get_text() and soup.select_one("#atlas-tools")["hidden"] == ""
    )
    assert not soup.select("script[src], link[href]")


def test_the_atlas_index_in_chromium_searches_sorts_and_every_link_resolves(atlas_run):
    problem = browser.chromium_missing()
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    index = (atlas_run / "index.html").resolve()
    manifest = json.loads((atlas_run / "manifest.json").read_text(encoding="utf-8"))
    with sync_playwright() as p:
        b = browser.launch(p)
        try:
            page = b.new_context().new_page()
            requests, errors = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(index.as_uri(), wait_until="load")
            assert requests == [index.as_uri()] and errors == []
            assert page.is_visible("#atlas-search")
            assert page.text_content("#atlas-shown") == "2 of 2 pairs"
            page.fill("#atlas-search", "france")
            visible = page.eval_on_selector_all(
                "table.atlas tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.id)"
            )
            assert visible == ["ARM-FRA_2018-2020_brief"]
            page.fill("#atlas-search", "")
            page.click("th[data-key=value]")  # ascending by index value
            order = page.eval_on_selector_all("table.atlas tbody tr", "rs => rs.map(r => r.id)")
            by_value = sorted(
                manifest["reports"], key=lambda s: manifest["reports"][s]["index"]["value"]
            )
            assert order == by_value
            page.click("th[data-key=value]")
            order = page.eval_on_selector_all("table.atlas tbody tr", "rs => rs.map(r => r.id)")
            assert order == by_value[::-1]
            links = page.eval_on_selector_all("table.atlas a", "as => as.map(a => a.href)")
            assert len(links) == 2
            for link in links:
                page.goto(link, wait_until="load")  # a missing file raises net::ERR_FILE_NOT_FOUND
                assert "Armenia" in page.title(), page.title()
        finally:
            b.close()
