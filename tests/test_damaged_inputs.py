"""Damaged and hostile data inputs: each is bad input (exit 2, one line naming the file), never a
traceback, and nothing good is overwritten."""

import os
import shutil

import pytest

from analysis.cli import main
from analysis.errors import BadInput
from analysis.load import load_cba_transfers
from analysis.sources import SOURCES

CBA_XLSX = SOURCES["cba"]["files"][0]


def raw_copy_with(raw_dir, tmp_path, rel, damage):
    """Return a copy of ``raw_dir`` made of symlinks, where file ``rel`` is damaged by ``damage``.

    Only the damaged file is copied; every other entry links to the original.
    """
    copy = tmp_path / "raw"
    copy.mkdir()
    top, *_ = rel.split("/")
    for entry in os.listdir(raw_dir):
        if entry != top:
            (copy / entry).symlink_to(raw_dir / entry)
    (copy / top).mkdir()
    for entry in os.listdir(raw_dir / top):
        (copy / top / entry).symlink_to(raw_dir / top / entry)
    target = copy / rel
    target.unlink()
    shutil.copyfile(raw_dir / rel, target)
    damage(target)
    return copy


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_truncated_xlsx_is_named_by_the_loader(raw_dir, tmp_path):
    raw = raw_copy_with(raw_dir, tmp_path, CBA_XLSX, truncate)
    with pytest.raises(BadInput, match=r"is not a readable \.xlsx \(truncated\?") as err:
        load_cba_transfers(raw)
    assert str(raw / CBA_XLSX) in str(err.value) and "fetch it again" in str(err.value)


def test_data_build_with_a_truncated_xlsx_exits_2_and_writes_nothing(raw_dir, tmp_path, capsys):
    raw = raw_copy_with(raw_dir, tmp_path, CBA_XLSX, truncate)
    out = tmp_path / "out"
    assert main(["data", "build", "--raw", str(raw), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{raw / CBA_XLSX} is not a readable .xlsx (truncated?" in err
    assert not (out / "processed").exists() and not (out / "catalog.yml").exists()
