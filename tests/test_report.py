"""Notebook runs and the HTML report: content, numbers, offline, failures keep the last report."""

import json
import re
import shutil

import papermill
import pytest

from analysis import config, report
from analysis.datastore import TRACE_ENV
from analysis.errors import RunFailure
from analysis.html import find_external_references

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def arm_rus(tmp_path_factory):
    """The ARM-RUS report, with the data reads of the runner and its kernel traced."""
    out = tmp_path_factory.mktemp("reports")
    trace = out / "trace.txt"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TRACE_ENV, str(trace))
        path = report.run_report("ARM", "RUS", 2000, None, out)
    return path, path.read_text(encoding="utf-8"), trace.read_text(encoding="utf-8")


def test_a_report_assembles_its_panel_once(arm_rus):
    """One panel of the pair for the whole report (runner and kernel), one per peer."""
    lines = [line.split(" pid=")[0] for line in arm_rus[2].splitlines()]
    assert lines.count("panel ARM-RUS") == 1
    others = [f"panel {a}-{b}" for a, b in config.PEERS[("ARM", "RUS")]]
    assert sorted(lines) == sorted(["panel ARM-RUS", *others])


def test_suite_lists_every_notebook():
    assert sorted(report.NOTEBOOKS) == sorted(p.name for p in NOTEBOOKS)


def test_suite_opens_with_the_overview_and_closes_with_the_methodology():
    order = report.suite()
    assert order[0] == "overview.ipynb" and order[-1] == "methodology.ipynb"
    assert sorted(order) == sorted(report.NOTEBOOKS)
    # A notebook appended after the methodology (how one joins the report) still comes before it.
    appended = report.suite([*report.NOTEBOOKS, "timeline.ipynb"])
    assert appended[-2:] == ("timeline.ipynb", "methodology.ipynb")
    assert appended[0] == "overview.ipynb"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_with_its_defaults(nb, tmp_path):
    """Every notebook runs top to bottom with its defaults (as in JupyterLab)."""
    out = papermill.execute_notebook(
        str(nb),
        str(tmp_path / nb.name),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(nb.parent),
    )
    errors = [o for c in out.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs_and_typed_parameters(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    code = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    for line in "".join(params[0]["source"]).splitlines():
        if line and not line.startswith("#"):
            assert re.match(r"^\w+: \w+ = .+  # \S", line), f"untyped or uncommented: {line}"
    inferred = papermill.inspect_notebook(str(nb))
    assert {"country_a", "country_b", "start_year", "end_year"} <= set(inferred)


def test_report_name_and_sections(arm_rus):
    path, page, _ = arm_rus
    # The leader contacts, UNGA votes (third-party scrape) and ideal points reach 2025.
    assert path.name == "ARM-RUS_2000-2025.html"
    for heading in ("Economy: trade and money transfers", "In brief", "Trade flows and balance",
                    "Monthly trade and transfers", "Money transfers", "Caveats", "Parameters",
                    "Sources", "Timeline: events, leader contacts and key votes", "Chronology",
                    "Leader meetings and calls", "Key votes at the UN General Assembly",
                    "Political alignment: votes at the UN General Assembly",
                    "Agreement in the General Assembly", "Ideal points", "Agreement by issue",
                    "Security: alliances, organisations, arms and conflict",
                    "Arms imports by supplier", "Membership timeline"):  # fmt: skip
        assert heading in page, heading
    assert page.count("data:image/svg+xml") >= 11
    assert "<script" not in page and "<Axes" not in page and "Traceback" not in page
    assert find_external_references(page) == []


def test_report_index_section_and_numbers(arm_rus):
    """The index section opens the report; its summary states the index computed directly."""
    from analysis import index as ix
    from analysis.panel import get_peer_panel

    _, page, _ = arm_rus
    for heading in ("Closeness index, peers and breaks", "The index by dimension",
                    "Weights and sensitivity", "Peers", "Breaks", "Method and inputs"):  # fmt: skip
        assert heading in page, heading
    assert page.index("Closeness index, peers and breaks") < page.index("Economy: trade and money")
    from analysis import political

    reference = get_peer_panel("ARM", "RUS", 2000, None)
    countries = sorted({*reference["country_a"], *reference["country_b"]})
    # as the notebook: the ideal points' vote counts leave thin estimates out of the index
    scores = ix.compute_scores(reference, idealpoints=political.get_idealpoints(countries))
    own = ix.pair_scores(scores, "ARM", "RUS").query("dimension == 'index'").set_index("year")
    first_year, last_year = ix.default_periods(scores, "ARM", "RUS")[0]
    first, last = own.loc[first_year, "score"], own.loc[last_year, "score"]
    moved = "rose" if last > first else "fell"
    assert f"{moved} from {first:.0f} in {first_year} to {last:.0f} in {last_year}" in page
    assert "Among 10 pairs compared, Armenia and Russia rank" in page


def test_report_numbers_equal_the_raw_data(arm_rus):
    """Key figures in the report: Armstat 2024 exports to Russia 3,162.0 and imports 9,239.6
    (USD million, checked by hand against the raw file, see PROVENANCE-economic.md)."""
    _, page, _ = arm_rus
    row = re.search(r"<code>trade\.exports_a_to_b</code>.*?</tr>", page, re.S).group(0)
    assert ">3,162<" in row and ">2024<" in row
    row = re.search(r"<code>trade\.imports_a_from_b</code>.*?</tr>", page, re.S).group(0)
    assert ">9,240<" in row
    assert "Exports to Russia" in page  # short country names in the charts
    # COW IGO dyad-year row "365,371,2014,39" (peacesciencer/cow_igo_ndy.csv.gz)
    row = re.search(r"<code>security\.shared_igos</code>.*?</tr>", page, re.S).group(0)
    assert ">39<" in row and ">2014<" in row


def test_report_political_numbers_equal_the_raw_data(arm_rus):
    """ARM-RUS votes in 2024: same vote on 48 of 90 roll calls where both voted (counted by hand
    in unga_votes_2020_2024_wide.csv, see tests/test_alignment.py). The 2025 votes (132 of 180)
    come from a third-party scrape: provisional, named, and never the headline."""
    _, page, _ = arm_rus
    assert "In 2024, Armenia and Russia cast the same vote on 48 of the 90 UNGA roll calls" in page
    assert "cast the same vote on 132 of the 180" not in page
    assert "a third-party scrape of UN Digital Library records for 2025" in page
    assert "undl_2025_thirdparty_scrape" in page


def test_report_states_parameters_and_sources(arm_rus):
    _, page, _ = arm_rus
    for text in ("country_a", "ARM", "start_year", "2000", "Armstat", "Central Bank of Armenia",
                 "International Monetary Fund", "World Bank", "sha256"):  # fmt: skip
        assert text in page, text


def test_other_pair_report(tmp_path):
    path = report.run_report("AZE", "RUS", None, None, tmp_path)
    page = path.read_text(encoding="utf-8")
    # Years the data reach: UN DESA migrant stocks from 1990, UNGA votes and ideal points to 2025.
    assert path.name == "AZE-RUS_1990-2025.html"
    # no monthly source covers the pair: its section is left out, heading and all
    assert "Monthly trade and transfers" not in page and "Azerbaijan" in page


def test_failed_run_keeps_the_last_good_report(tmp_path, monkeypatch):
    nb_dir = tmp_path / "notebooks"
    shutil.copytree(
        config.NOTEBOOKS_DIR,
        nb_dir,
        ignore=lambda d, names: [n for n in names if not n.endswith(".ipynb")],
    )
    broken = json.loads((config.NOTEBOOKS_DIR / "economy.ipynb").read_text(encoding="utf-8"))
    broken["cells"].append(
        {
            "cell_type": "code",
            "id": "boom",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "raise RuntimeError('boom')",
        }  # fmt: skip
    )
    (nb_dir / "economy.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", nb_dir)
    out = tmp_path / "reports"
    out.mkdir()
    good = out / "ARM-RUS_2020-2024.html"
    good.write_text("last good report", encoding="utf-8")
    with pytest.raises(
        RunFailure, match=r"economy\.ipynb failed in cell \d+ \(RuntimeError: boom\)"
    ):
        report.run_report("ARM", "RUS", 2020, 2024, out)
    assert good.read_text(encoding="utf-8") == "last good report"
    saved = out / "failed" / "economy_ARM-RUS_2020-2024.ipynb"
    assert saved.is_file() and "boom" in saved.read_text(encoding="utf-8")
    executed = json.loads(saved.read_text(encoding="utf-8"))
    tagged = [c for c in executed["cells"] if "failed-cell" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and "raise RuntimeError('boom')" in "".join(tagged[0]["source"])
    assert sorted(p.name for p in out.iterdir()) == ["ARM-RUS_2020-2024.html", "failed"]


def test_cli_report_bad_input_writes_nothing(tmp_path, capsys):
    from analysis.cli import main

    assert main(["report", "ARM", "RUS", "--start", "2050", "--out", str(tmp_path / "r")]) == 2
    assert "--start 2050 is after the data of ARM-RUS end (2025)" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_example_is_not_needed_to_run(tmp_path):
    """The report writes into a fresh folder (created) and nothing else is left behind."""
    path = report.run_report("ARM", "RUS", 2023, 2024, tmp_path / "new")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [path.name]
    shutil.rmtree(tmp_path / "new")


def test_report_shows_timeline_votes_and_contacts(arm_rus):
    """The chronology cites its sources; A/RES/ES-11/3: Armenia did not vote, Russia voted no
    (unga_es11 long file); leader meetings from the curated record (see test_diplomacy)."""
    _, page, _ = arm_rus
    assert "Treaty of Friendship, Cooperation and Mutual Assistance" in page
    assert 'href="https://www.icc-cpi.int/news/situation-ukraine-icc-judges-issue-arrest-' in page
    row = re.search(r"A/RES/ES-11/3</a>.*?</tr>", page, re.S).group(0)
    assert ">did not vote<" in row and ">no<" in row
    assert "leader_contacts.csv" in page and "lower bounds" in page


def test_markup_in_a_timeline_row_is_escaped_in_the_report(tmp_path, monkeypatch):
    """A description holding <script> shows as text in the generated HTML report."""
    rows = (config.CURATED_DIR / "timeline.csv").read_text(encoding="utf-8").splitlines()
    evil = (
        '2021-06-01,ARM,RUS,diplomatic,0,1,,Escape test,"<script>alert(1)</script> & <b>bold</b>",'
        "Test publisher,Test title,2021-06-01,https://example.org/x"
    )
    cur = tmp_path / "curated"
    cur.mkdir()
    (cur / "timeline.csv").write_text("\n".join([*rows, evil]) + "\n", encoding="utf-8")
    monkeypatch.setenv(config.CURATED_DIR_ENV, str(cur))  # the notebook kernels inherit it
    page = report.run_report("ARM", "RUS", 2020, None, tmp_path / "out").read_text(encoding="utf-8")
    assert "Escape test" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script" not in page and "<b>bold</b>" not in page


def test_report_society_section(arm_rus):
    """The society section: its headings, a migrant stock checked by hand against the UN DESA
    extract (Armenia-born in Russia, 2020: 387,853), the poll wording and its reporting page."""
    _, page, _ = arm_rus
    for heading in ("Society: people, money and public opinion", "Migrant stocks both ways",
                    "Money sent home", "Public opinion", "Poll toplines"):  # fmt: skip
        assert heading in page, heading
    assert ">387,853<" in page
    assert "Which country is currently the main friend of Armenia?" in page
    assert (
        'href="http://vestnikkavkaza.net/analysis/Russia-s-influence-in-Armenia-drops.html"' in page
    )
    assert "Secondary reports transcribed from press; verify against primary reports" in page
    assert "bilateral events ARM RUS" in page  # how to run the event loaders on a download


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_time_series_charts_carry_timeline_annotations(nb):
    """Every notebook that draws a chart over time also marks the timeline's events on it."""
    source = "".join(
        "".join(c["source"])
        for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    )
    if "charts.plot_" in source:
        assert "charts.mark_events(" in source or "charts.plot_event_timeline(" in source


def test_notebooks_of_a_report_share_a_kernel_but_not_their_variables():
    """The kernel is started once per report; each notebook starts from an empty namespace."""
    import nbformat

    first = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os\nleaked = os.getpid()\nprint(leaked)")]
    )
    second = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os\nprint(os.getpid(), 'leaked' in globals())")]
    )
    with report.KernelSession() as session:
        pid = session.run(first).cells[0].outputs[0]["text"].strip()
        assert session.run(second).cells[0].outputs[0]["text"].split() == [pid, "False"]


def _comparable(nb) -> list:
    """Return each code cell's source and outputs without what differs from run to run: the
    execution counts and the time matplotlib writes into an SVG (the report drops it)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.outputs:
            out = json.loads(json.dumps({k: v for k, v in out.items() if k != "execution_count"}))
            if "image/svg+xml" in out.get("data", {}):
                svg = out["data"]["image/svg+xml"]
                out["data"]["image/svg+xml"] = re.sub(r"<dc:date>[^<]*</dc:date>", "", svg)
            outputs.append(out)
        cells.append((cell.source, outputs))
    return cells


def test_runner_gives_the_outputs_of_a_plain_papermill_run(tmp_path):
    """A notebook run by the report's runner, second in a shared kernel, has the same injected
    parameters, recorded parameters and outputs (text, HTML, SVG figures) as papermill's own run
    in a fresh kernel."""
    params = report.validate_parameters("ARM", "RUS", 2015, None)
    with report.KernelSession() as session:
        report.execute_notebook("overview.ipynb", params, tmp_path / "failed", session)
        ours = report.execute_notebook("economy.ipynb", params, tmp_path / "failed", session)
    theirs = papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "economy.ipynb"),
        str(tmp_path / "economy.ipynb"),
        parameters=params,
        kernel_name=report.KERNEL_NAME,
        progress_bar=False,
        cwd=str(config.NOTEBOOKS_DIR),
        kernel_manager_class=report._kernel_manager_class(),
    )
    assert ours.metadata.papermill.parameters == theirs.metadata.papermill.parameters == params
    tags = [c.metadata.get("tags", []) for c in ours.cells]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1
    mime = {k for _, outs in _comparable(ours) for o in outs for k in o.get("data", {})}
    assert {"image/svg+xml", "text/html"} <= mime
    assert _comparable(ours) == _comparable(theirs)


def test_a_failure_in_a_later_notebook_names_its_own_cell():
    """After the first notebook the namespace is reset by a cell run before the notebook's own:
    a failure still points at the notebook's cell, and that cell is not left in the notebook."""
    import nbformat

    first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    second = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("y = 2"), nbformat.v4.new_code_cell("print(x)")]
    )
    with report.KernelSession() as session:
        session.run(first)
        with pytest.raises(Exception) as caught:
            session.run(second)
        assert caught.value.cell_index == 1 and "NameError" in str(caught.value)
        assert [c.source for c in second.cells] == ["y = 2", "print(x)"]
        # the session goes on after a failure, with a fresh client
        third = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(3)")])
        assert session.run(third).cells[0].outputs[0]["text"] == "3\n"


def test_a_brief_run_skips_the_cells_it_does_not_show(tmp_path):
    """The brief edition runs the cells it shows, the parameters and the setup; the others
    (sensitivity band, peers, breaks, method) are not run. The index notebook hands over the
    atlas headline, equal to the one computed apart (analysis.atlas.index_summary)."""
    from analysis import atlas
    from analysis.index import HEADLINE_MIMETYPE

    params = report.validate_parameters("ARM", "RUS", 2000, None, extra={"edition": "brief"})
    with report.KernelSession() as session:
        nb = report.execute_notebook("index.ipynb", params, tmp_path / "failed", session)
    ran, skipped = [], []
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = set(cell.metadata.get("tags", []))
            (skipped if report.SKIP_TAG in tags else ran).append(cell)
            assert (cell.execution_count is None) == (report.SKIP_TAG in tags)
            assert bool(tags & report.BRIEF_RUN_TAGS) != (report.SKIP_TAG in tags)
    assert len(ran) >= 4 and len(skipped) >= 4
    assert any("compute_weighting_band" in c.source for c in skipped)
    headline = report.index_headline([nb])
    assert set(headline) == {"year", "value", "from_year", "change"}
    assert headline == atlas.index_summary(params)
    assert any(HEADLINE_MIMETYPE in o.get("data", {}) for c in ran for o in c.outputs)


def test_appendix_names_the_digest_of_the_data_the_report_read(arm_rus):
    """The data-versions table gives the digest a batch compares for this report (its pair's
    and peers' rows, detail tables and curated facts), not the checksum of every table in the
    data dir (a report skipped by a batch would show stale ones)."""
    from analysis import datastore
    from analysis.digest import DataDigest

    path, page, _ = arm_rus
    params = report.validate_parameters("ARM", "RUS", 2000, None)
    versions = page[page.index('id="data-versions"') : page.index('id="sources"')]
    assert f"digest {DataDigest(datastore.current()).of(params)[:16]}" in versions
    assert "processed/panel.csv" not in versions and "curated, " not in versions
