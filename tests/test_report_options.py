"""Options of ``bilateral report`` and a batch config: --param / params:, progress lines, --pdf.

Most tests run a tiny two-notebook suite (a kernel, no figures) instead of the real one; one
runs the real closeness-index notebook alone to see a weight reach the index, and the PDF is
printed from the committed example report (no kernel).
"""

import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import textwrap
import time

import nbformat
import pytest
from nbformat import v4

from analysis import batch, browser, config, parameters, report
from analysis.cli import main
from analysis.errors import BadInput

EXAMPLE = config.PROJ_ROOT / "reports" / "examples" / "ARM-RUS_2000-2025.html"

PARAMS_CELL = """\
country_a: str = "ARM"  # focal country
country_b: str = "RUS"  # partner country
start_year: int = 2000  # first year shown
end_year: int = 0  # last year shown
weight_economy: float = 1.0  # weight of the economy
n_weightings: int = 1000  # random weightings
normalisation: str = "percentile"  # percentile or minmax
"""


def tiny_notebook(title: str) -> nbformat.NotebookNode:
    """A notebook with the typed parameters cell of the real ones, printing what it received."""
    params = v4.new_code_cell(PARAMS_CELL)
    params.metadata["tags"] = ["parameters"]
    show = v4.new_code_cell(
        'print(f"received weight_economy={weight_economy!r} n_weightings={n_weightings!r}")'
    )
    return v4.new_notebook(
        cells=[v4.new_markdown_cell(f"## {title}"), params, show],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}},
    )


@pytest.fixture
def tiny_suite(tmp_path, monkeypatch):
    """Point the report at two tiny notebooks (the kernel runs them in this process's env)."""
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    for name in ("first.ipynb", "second.ipynb"):
        nbformat.write(tiny_notebook(name), nb_dir / name)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", nb_dir)
    monkeypatch.setattr(report, "NOTEBOOKS", ("first.ipynb", "second.ipynb"))
    return nb_dir


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel started")

    monkeypatch.setattr(report.KernelSession, "__enter__", refuse)
    monkeypatch.setattr(batch, "_run_pool", refuse)


# --- --param: the notebooks' typed parameters ------------------------------------------------


def test_the_notebooks_declare_the_index_parameters():
    declared = report.declared_parameters()
    assert declared["weight_economy"].type == "float" and declared["weight_economy"].default == 1.0
    assert declared["n_weightings"].type == "int" and declared["normalisation"].type == "str"
    assert declared["weight_economy"].notebooks == ("index.ipynb",)
    assert not set(parameters.RESERVED) & set(declared)


def test_peers_option_is_checked_like_the_peers_param(tmp_path, capsys, no_kernel):
    argv = ["report", "ARM", "RUS", "--out", str(tmp_path / "r"), "--peers", "ARM-Narnia"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Narnia" in err, err
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    "args, match",
    [
        (
            ["weight_econ=2"],
            r"--param 'weight_econ': no notebook has this parameter; accepted: .*"
            r"weight_economy \(float\), .*n_weightings \(int\)",
        ),
        (
            ["weight_economy=lots"],
            r"--param weight_economy must be a float \(a number such as "
            r"2\.0\), got 'lots'",
        ),
        (["n_weightings=2.5"], r"--param n_weightings must be an int"),
        (["n_weightings=0"], r"n_weightings must be between 1 and 100,000"),
        (["weight_economy=nan"], r"must be a float"),
        (["weight_economy=-1"], r"weight of economy is negative"),
        (["normalisation=zscore"], r"normalisation must be percentile or minmax, got 'zscore'"),
        (["break_model=cubic"], r"break_model must be linear or mean"),
        (["start_year=1990"], r"start_year of a report is set with --start"),
        (["weight_economy"], r"--param 'weight_economy' is not NAME=VALUE"),
        (["weight_economy=1", "weight_economy=2"], r"weight_economy is given twice"),
        (["peers=ARM-ARM"], r"--param peers: peer 'ARM-ARM' pairs a country with itself"),
        (["peers=ARM"], r"peer 'ARM' is not a pair; expected two countries joined by '-'"),
        (["edition=short"], r"edition must be full or brief, got 'short'"),
    ],  # fmt: skip
)
def test_a_bad_param_exits_2_with_one_line_before_any_kernel(
    tmp_path, capsys, no_kernel, args, match
):
    argv = ["report", "ARM", "RUS", "--out", str(tmp_path / "r")]
    for item in args:
        argv += ["--param", item]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("bilateral: error: "), err
    assert re.search(match, err), err
    assert not (tmp_path / "r").exists()


def test_all_weights_zero_is_refused():
    zero = {f"weight_{d}": "0" for d in ("economy", "security", "alignment", "society")}
    zero["weight_diplomacy"] = "0"
    with pytest.raises(BadInput, match="all index weights are zero"):
        report.validate_parameters("ARM", "RUS", 2000, None, extra=zero)


def test_params_reach_the_notebooks_and_the_appendix(tiny_suite, tmp_path):
    path = report.run_report(
        "ARM", "RUS", 2019, 2020, tmp_path / "out",
        extra={"weight_economy": "2.5", "n_weightings": "40"},
    )  # fmt: skip
    page = path.read_text(encoding="utf-8")
    assert page.count("received weight_economy=2.5 n_weightings=40") == 2
    appendix = page[page.index('id="parameters"') : page.index('id="data-versions"')]
    assert "<code>weight_economy</code>" in appendix
    assert "2.5 (set for this report; default 1.0)" in appendix
    assert "40 (set for this report; default 1000)" in appendix
    assert "percentile (default)" in appendix  # a parameter left alone shows its default
    assert path.name == "ARM-RUS_2019-2020.html"


def test_a_weight_reaches_the_closeness_index(tmp_path, monkeypatch):
    """The real index notebook alone: economy weighted 2, the four others 1 -> 2/6 = 33%."""
    monkeypatch.setattr(report, "NOTEBOOKS", ("index.ipynb",))
    path = report.run_report(
        "ARM", "RUS", 2010, 2024, tmp_path, extra={"weight_economy": "2", "n_weightings": "50"}
    )
    page = path.read_text(encoding="utf-8")
    rows = dict(
        re.findall(
            r'<tr><td>([^<]+)</td><td class="num">\d{4}</td><td class="num">\d+</td>'
            r'<td class="num">\d+%</td><td class="num">(\d+%)</td>',
            page,
        )
    )
    assert rows.get("Economic interdependence") == "33%", rows
    assert set(rows.values()) <= {"33%", "17%"} and len(rows) >= 3, rows
    assert "of 50 random weightings" in page


# --- params: in a batch config -----------------------------------------------------------------


def write(tmp_path, text):
    path = tmp_path / "batch.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_batch_params_common_and_per_pair(tmp_path):
    cfg = batch.load_config(
        write(
            tmp_path,
            "output: o\nparams: {weight_economy: 2, n_weightings: 100}\n"
            "periods: [{start: 2018, end: 2020}]\n"
            "pairs:\n  - ARM-RUS\n  - {a: AZE, b: RUS, params: {weight_economy: 0.5}}\n",
        )
    )
    assert [dict(j.params) for j in cfg.jobs] == [
        {"weight_economy": 2.0, "n_weightings": 100},
        {"weight_economy": 0.5, "n_weightings": 100},
    ]
    planned = batch.plan_jobs(cfg)
    assert planned[1]["weight_economy"] == 0.5 and planned[1]["country_a"] == "AZE"


@pytest.mark.parametrize(
    "text, match",
    [
        (
            "params: {weight_econ: 2}\n",
            r"batch.yml: params 'weight_econ': no notebook has this "
            r"parameter; accepted: .*weight_economy \(float\)",
        ),
        ("params: {weight_economy: two}\n", r"params weight_economy must be a float"),
        ("params: {n_weightings: true}\n", r"params n_weightings must be an int"),
        ("params: [weight_economy]\n", r"params must be a mapping of notebook parameters"),
        ("pdf: yes please\n", r"pdf must be true or false"),
        ("edition: short\n", r"batch.yml: edition must be full or brief, got 'short'"),
        ("peers: ARM\n", r"batch.yml peers: peer 'ARM' is not a pair"),
    ],  # fmt: skip
)
def test_bad_batch_params_exit_2_before_any_kernel(tmp_path, capsys, no_kernel, text, match):
    path = write(tmp_path, "output: o\npairs: [ARM-RUS]\n" + text)
    assert main(["batch", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and re.search(match, err), err
    assert not (tmp_path / "o").exists()


def test_per_pair_params_are_checked_too(tmp_path, capsys, no_kernel):
    path = write(tmp_path, "output: o\npairs: [{a: ARM, b: RUS, params: {normalisation: z}}]\n")
    assert main(["batch", str(path)]) == 2
    assert "pairs[0].params normalisation must be percentile or minmax" in capsys.readouterr().err


def test_batch_manifest_records_the_params(tmp_path, monkeypatch):
    """The manifest keeps each report's parameters (the pool is replaced: no kernel)."""

    def fake_pool(to_run, out, n_workers, record, pdf=False):
        for params in to_run:
            report.report_path(out, params).write_text("report", encoding="utf-8")
            record(params, {"status": "ok", "seconds": 0.1, "message": ""})

    monkeypatch.setattr(batch, "_run_pool", fake_pool)
    path = write(
        tmp_path,
        "output: o\nparams: {weight_security: 0.5}\nperiods: [{start: 2019, end: 2020}]\n"
        "pairs: [ARM-RUS]\n",
    )
    batch.run_batch(path, workers=1, stream=io.StringIO(), tty=False)
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    params = manifest["reports"]["ARM-RUS_2019-2020"]["params"]
    assert params == {"country_a": "ARM", "country_b": "RUS", "start_year": 2019,
                      "end_year": 2020, "weight_security": 0.5}  # fmt: skip
    inputs = {"code": "c"}
    plain = dict(params, weight_security=1.0)
    assert batch.job_hash(params, inputs, str) != batch.job_hash(plain, inputs, str)


# --- progress on a terminal, nothing when piped ------------------------------------------------

PROGRESS_SCRIPT = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    from analysis import config, report
    from analysis.cli import main
    config.NOTEBOOKS_DIR = Path(sys.argv[1])
    report.NOTEBOOKS = ("first.ipynb", "second.ipynb")
    raise SystemExit(main(["report", "ARM", "RUS", "--start", "2019", "--end", "2020",
                           "--out", sys.argv[2]]))
    """
)


def run_with_stderr(args, stderr_tty: bool, timeout=240):
    """Run a command with stdout piped and stderr a pty or a pipe; return (code, out, err)."""
    if not stderr_tty:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
        return proc.returncode, proc.stdout, proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:  # the pty closed: the process ended
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(timeout=30), out, b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
def test_progress_lines_on_a_terminal_only(tiny_suite, tmp_path, tty):
    args = [sys.executable, "-c", PROGRESS_SCRIPT, str(tiny_suite), str(tmp_path / "out")]
    code, out, err = run_with_stderr(args, tty)
    assert code == 0, err
    assert out.strip().endswith("ARM-RUS_2019-2020.html")
    if tty:
        lines = err.strip().splitlines()
        assert len(lines) == 2, err
        assert re.fullmatch(r"report: \[1/2\] first\.ipynb done in \d+\.\d s", lines[0])
        assert re.fullmatch(r"report: \[2/2\] second\.ipynb done in \d+\.\d s", lines[1])
    else:
        assert err == ""


# --- --pdf ---------------------------------------------------------------------------------------


def pdf_facts(data: bytes) -> dict:
    """What a PDF holds, read from its bytes (Chromium writes pages and annotations uncompressed)."""
    boxes = {
        tuple(round(float(v)) for v in m.split())
        for m in re.findall(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", data)
    }
    return {
        "pages": len(re.findall(rb"/Type\s*/Page\b", data)),
        "boxes": boxes,
        "links": len(re.findall(rb"/Subtype\s*/Link\b", data)),
        "uris": re.findall(rb"/URI\s*\(([^)]*)\)", data),
        "internal": len(re.findall(rb"/Dest\b", data)),
    }


@pytest.fixture(scope="module")
def chromium_or_skip():
    problem = browser.chromium_missing()
    if problem:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PDF tests must run in CI: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def example_pdf(chromium_or_skip, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    return browser.print_pdf(EXAMPLE, path).read_bytes()


def test_example_prints_to_an_a4_pdf_with_links(example_pdf):
    facts = pdf_facts(example_pdf)
    assert example_pdf.startswith(b"%PDF-") and example_pdf.rstrip().endswith(b"%%EOF")
    assert facts["boxes"] == {(0, 0, 596, 843)}  # A4: 210 x 297 mm in points
    page = EXAMPLE.read_text(encoding="utf-8")
    # A long report: more pages than a cover, fewer than one per screen of the HTML.
    assert 5 <= facts["pages"] <= 200, facts["pages"]
    web_links = {u.decode("latin-1") for u in facts["uris"]}
    assert "https://armstat.am/en/" in web_links or any("armstat" in u for u in web_links)
    assert len(web_links) >= 10 and facts["links"] >= len(web_links)
    assert facts["internal"] >= page.count('<a href="#') // 4  # the contents and source links


def test_report_pdf_is_written_beside_the_html(tiny_suite, chromium_or_skip, tmp_path):
    out = tmp_path / "out"
    path = report.run_report("ARM", "RUS", 2019, 2020, out, pdf=True)
    pdf = out / "ARM-RUS_2019-2020.pdf"
    assert sorted(p.name for p in out.iterdir()) == [path.name, pdf.name]
    facts = pdf_facts(pdf.read_bytes())
    assert facts["pages"] >= 1 and facts["boxes"] == {(0, 0, 596, 843)}
    assert b"/Link" in pdf.read_bytes()  # the appendix's source citations stay links


def test_pdf_without_chromium_is_one_line_and_exit_2(tmp_path, capsys, no_kernel, monkeypatch):
    monkeypatch.setenv(browser.CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    code = main(["report", "ARM", "RUS", "--pdf", "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert re.search(r"--pdf needs Chromium: (Chromium not found at .*no-chromium|Playwright)", err)
    assert not (tmp_path / "r").exists()
    cfg = write(tmp_path, "output: o\npdf: true\npairs: [ARM-RUS]\n")
    assert main(["batch", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pdf: true, but --pdf needs Chromium" in err, err


def test_a_batch_worker_prints_the_pdf_too(tiny_suite, chromium_or_skip, tmp_path):
    params = report.validate_parameters("ARM", "RUS", 2019, 2020)
    outcome = batch.run_one(params, str(tmp_path), pdf=True)
    assert outcome["status"] == "ok", outcome
    assert pdf_facts((tmp_path / "ARM-RUS_2019-2020.pdf").read_bytes())["pages"] >= 1


def test_a_batch_with_pdf_rebuilds_a_report_whose_pdf_is_missing(tmp_path, monkeypatch):
    built = []

    def fake_pool(to_run, out, n_workers, record, pdf=False):
        for params in to_run:
            built.append((report.report_stem(params), pdf))
            report.report_path(out, params).write_text("report", encoding="utf-8")
            report.pdf_path(out, params).write_bytes(b"%PDF-")
            record(params, {"status": "ok", "seconds": 0.1, "message": ""})

    monkeypatch.setattr(batch, "_run_pool", fake_pool)
    monkeypatch.setattr(report, "check_pdf_possible", lambda: None)
    path = write(
        tmp_path, "output: o\npdf: true\nperiods: [{start: 2019, end: 2020}]\npairs: [ARM-RUS]\n"
    )

    def run():
        return batch.run_batch(path, workers=1, stream=io.StringIO(), tty=False)

    run()
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["ARM-RUS_2019-2020"]["pdf"] == "ARM-RUS_2019-2020.pdf"
    assert run()["reports"]["ARM-RUS_2019-2020"]["status"] == "skipped"
    (tmp_path / "o" / "ARM-RUS_2019-2020.pdf").unlink()
    run()
    assert built == [("ARM-RUS_2019-2020", True)] * 2
