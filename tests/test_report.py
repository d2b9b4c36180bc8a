"""Notebook runs and the HTML report: content, numbers, offline, failures keep the last report."""

import json
import re
import shutil

import papermill
import pytest

from analysis import config, report
from analysis.errors import RunFailure
from analysis.html import find_external_references

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def arm_rus(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    path = report.run_report("ARM", "RUS", 2000, None, out)
    return path, path.read_text(encoding="utf-8")


def test_suite_lists_every_notebook():
    assert sorted(report.NOTEBOOKS) == sorted(p.name for p in NOTEBOOKS)


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
    path, page = arm_rus
    assert path.name == "ARM-RUS_2000-2024.html"
    for heading in ("Economy: trade and money transfers", "Key figures", "Trade flows and balance",
                    "Monthly trade and transfers", "Money transfers", "Caveats", "Parameters",
                    "Sources"):  # fmt: skip
        assert heading in page, heading
    assert page.count("data:image/svg+xml") >= 6
    assert "<script" not in page and "<Axes" not in page and "Traceback" not in page
    assert find_external_references(page) == []


def test_report_index_section_and_numbers(arm_rus):
    """The index section opens the report; its summary states the index computed directly."""
    from analysis import index as ix
    from analysis.panel import get_peer_panel

    _, page = arm_rus
    for heading in ("Closeness index, peers and breaks", "The index by dimension",
                    "Weights and sensitivity", "Peers", "Breaks", "Method and inputs"):  # fmt: skip
        assert heading in page, heading
    assert page.index("Closeness index, peers and breaks") < page.index("Economy: trade and money")
    scores = ix.compute_scores(get_peer_panel("ARM", "RUS", 2000, None))
    own = ix.pair_scores(scores, "ARM", "RUS").query("dimension == 'index'")
    first, last = own.iloc[0], own.iloc[-1]
    moved = "rose" if last["score"] > first["score"] else "fell"
    assert (
        f"{moved} from {first['score']:.0f} in {first['year']} to {last['score']:.0f} in "
        f"{last['year']}" in page
    )
    assert "Among 10 pairs compared, Armenia and Russia rank" in page


def test_report_numbers_equal_the_raw_data(arm_rus):
    """Key figures in the report: Armstat 2024 exports to Russia 3,162.0 and imports 9,239.6
    (USD million, checked by hand against the raw file, see PROVENANCE-economic.md)."""
    _, page = arm_rus
    row = re.search(r"<code>trade\.exports_a_to_b</code>.*?</tr>", page, re.S).group(0)
    assert ">3,162<" in row and ">2024<" in row
    row = re.search(r"<code>trade\.imports_a_from_b</code>.*?</tr>", page, re.S).group(0)
    assert ">9,240<" in row
    assert "Exports to Russia" in page  # short country names in the charts


def test_report_states_parameters_and_sources(arm_rus):
    _, page = arm_rus
    for text in ("country_a", "ARM", "start_year", "2000", "Armstat", "Central Bank of Armenia",
                 "International Monetary Fund", "World Bank", "sha256"):  # fmt: skip
        assert text in page, text


def test_other_pair_report(tmp_path):
    path = report.run_report("AZE", "RUS", None, None, tmp_path)
    page = path.read_text(encoding="utf-8")
    assert path.name == "AZE-RUS_1992-2020.html"
    assert "No monthly source covers this pair" in page and "Azerbaijan" in page


def test_failed_run_keeps_the_last_good_report(tmp_path, monkeypatch):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    for name in report.NOTEBOOKS:
        shutil.copy(config.NOTEBOOKS_DIR / name, nb_dir / name)
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
        report.run_report("ARM", "RUS", 2020, None, out)
    assert good.read_text(encoding="utf-8") == "last good report"
    saved = out / "failed" / "economy_ARM-RUS.ipynb"
    assert saved.is_file() and "boom" in saved.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["ARM-RUS_2020-2024.html", "failed"]


def test_cli_report_bad_input_writes_nothing(tmp_path, capsys):
    from analysis.cli import main

    assert main(["report", "ARM", "RUS", "--start", "2050", "--out", str(tmp_path / "r")]) == 2
    assert "no data for ARM-RUS in 2050" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_example_is_not_needed_to_run(tmp_path):
    """The report writes into a fresh folder (created) and nothing else is left behind."""
    path = report.run_report("ARM", "RUS", 2023, 2024, tmp_path / "new")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [path.name]
    shutil.rmtree(tmp_path / "new")
