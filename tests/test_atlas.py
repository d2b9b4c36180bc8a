"""Atlas configs: pairs: all / {country: X} expanded from the data in use (here the embedded
tables, which hold only config.EMBEDDED_PAIRS), directed, limit, brief by default; bad values
are one line, exit 2."""

import re

import pytest

from analysis import batch, config
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
