"""Schemas of the embedded data (analysis.schemas): damaged files are bad input naming file,
line and column; the committed files pass."""

import re
import shutil

import pytest
import yaml

from analysis import build, config, datastore
from analysis.cli import main
from analysis.errors import BadInput
from analysis.schemas import PROCESSED, read_processed

PANEL = config.PROCESSED_DIR / "panel.csv"


def test_every_processed_table_has_a_schema_and_the_committed_files_pass():
    assert set(PROCESSED) == set(build.PROCESSED_TABLES)
    for name in PROCESSED:
        assert len(read_processed(config.PROCESSED_DIR / name)) > 0


def _edit_line(n, edit):
    """Return a damage that applies ``edit`` to line ``n`` (1-based) of the file's bytes."""

    def damage(data):
        lines = data.split(b"\n")
        lines[n - 1] = edit(lines[n - 1])
        return b"\n".join(lines)

    return damage


def _set_field(n, index, value):
    def edit(line):
        fields = line.split(b",")
        fields[index] = value
        return b",".join(fields)

    return _edit_line(n, edit)


DAMAGES = {
    "wrong header": (
        _edit_line(1, lambda h: h.replace(b"value", b"valeu")),
        r"panel\.csv line 1: the header is .*valeu.*; expected 'country_a,country_b,",
    ),
    "extra field": (_edit_line(1234, lambda x: x + b",9"), r"panel\.csv line 1234: cannot be"),
    "empty file": (lambda data: b"", r"panel\.csv is empty"),
    "bad encoding": (_edit_line(50, lambda x: x + b"\xff"), r"panel\.csv line 50: not UTF-8"),
    "text in a number column": (
        _set_field(1234, 4, b"abc"),
        r"panel\.csv line 1234, column value: 'abc' is not a number",
    ),
    "text in a year": (
        _set_field(77, 3, b"20x0"),
        r"panel\.csv line 77, column year: '20x0' is not an integer",
    ),
    "empty required cell": (_set_field(9, 6, b""), r"panel\.csv line 9, column source: empty"),
    "duplicated key": (
        lambda data: data + data.split(b"\n")[2] + b"\n",
        r"panel\.csv line \d+, columns country_a, country_b, indicator, year: repeats line 3",
    ),
    "truncated last line": (
        lambda data: data[:-7],
        r"panel\.csv line \d+: the last line is cut short",
    ),
}


@pytest.mark.parametrize("what", DAMAGES)
def test_a_damaged_panel_names_file_line_and_column(tmp_path, what):
    damage, message = DAMAGES[what]
    path = tmp_path / "panel.csv"
    path.write_bytes(damage(PANEL.read_bytes()))
    with pytest.raises(BadInput, match=message) as err:
        read_processed(path)
    assert str(err.value).endswith("rebuild with 'bilateral data build'")
    assert "\n" not in str(err.value)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the embedded data dir, in use through $BILATERAL_DATA_DIR."""
    copy = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, copy, ignore=shutil.ignore_patterns("store", "raw"))
    monkeypatch.setenv(config.DATA_DIR_ENV, str(copy))
    monkeypatch.delenv(config.RAW_DIR_ENV, raising=False)
    datastore.reset()
    yield copy
    datastore.reset()


def test_cli_with_a_damaged_panel_exits_2_naming_it(data_copy, capsys):
    path = data_copy / "processed" / "panel.csv"
    path.write_bytes(DAMAGES["text in a number column"][0](path.read_bytes()))
    assert main(["indicators", "ARM", "RUS"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path} line 1234, column value: 'abc' is not a number" in err


@pytest.mark.parametrize(
    "text, message",
    [
        ("sources: [unclosed\n", r"catalog\.yml: not valid YAML at line 2"),
        ("- a list\n", r"catalog\.yml: not a mapping of sections"),
        ("", r"catalog\.yml: not a mapping of sections"),
        (b"\xff\xfe", r"catalog\.yml: the catalog is not UTF-8 text \(byte 0xff at offset 0\)"),
        ("DROP citation", r"catalog\.yml: sources\.armstat lacks citation"),
        ("DROP processed", r"catalog\.yml: section 'processed' missing"),
    ],
)
def test_cli_sources_with_a_corrupted_catalog_exits_2_naming_it(data_copy, capsys, text, message):
    path = data_copy / "catalog.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text.startswith("DROP "):
        catalog = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = text.split()[1]
        if key == "citation":
            del catalog["sources"]["armstat"]["citation"]
        else:
            del catalog[key]
        path.write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")
    assert main(["sources"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and re.search(message, err), err
