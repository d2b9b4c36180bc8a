"""Atomic writes and checksums."""

import hashlib
import os
import stat

import pytest

from analysis.fileio import sha256_file, write_atomic


def test_write_atomic_creates_parents_and_writes(tmp_path):
    target = tmp_path / "reports" / "arm-rus" / "report.html"
    assert write_atomic(target, "<p>Ереван</p>") == target
    assert target.read_text(encoding="utf-8") == "<p>Ереван</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert os.listdir(target.parent) == ["report.html"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path, monkeypatch, failing):
    target = tmp_path / "report.html"
    target.write_text("old good report", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new report " * 1000)
    assert target.read_text(encoding="utf-8") == "old good report"
    assert os.listdir(tmp_path) == ["report.html"], "no temporary file is left behind"


def test_sha256_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"bilateral" * 100_000)
    assert sha256_file(path) == hashlib.sha256(b"bilateral" * 100_000).hexdigest()
