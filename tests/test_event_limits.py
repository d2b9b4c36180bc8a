"""Zip bombs and endless lines in event files: refused while streaming, with little memory."""

import gzip
import json
import subprocess
import sys
import zipfile

import pytest

from analysis.errors import BadInput
from analysis.load_events import GDELT1_FIELDS, ICEWS_USED, load_events

#: Peak memory allowed to a refused run (the interpreter, pandas and one chunk fit well under it).
PEAK_LIMIT_MB = 300

#: Runs the command line in a child of a fresh process, so that the peak resident size of
#: that child alone is measured (RUSAGE_CHILDREN of this test process would include any child
#: an earlier test started); prints the exit code, stderr and the peak in MiB as JSON.
MEASURE = """
import json, resource, subprocess, sys
run = subprocess.run([sys.executable, "-m", "analysis", *sys.argv[1:]], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": run.returncode, "err": run.stderr, "peak_mb": peak}))
"""


def measure(*args):
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *map(str, args)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def write_bomb(path, block: bytes, total_mb: int, level: int = 1):
    """Write a single-file zip whose member inflates to about ``total_mb`` MiB of ``block``."""
    mib = block * ((1 << 20) // len(block))  # whole blocks, about 1 MiB
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        with zf.open(path.name.removesuffix(".zip"), "w", force_zip64=True) as fh:
            for _ in range(total_mb):
                fh.write(mib)
    return path


def gdelt1_line() -> bytes:
    fields = ["1", "20230901", "202309", "2023", "2023.6"] + ["1"] * (len(GDELT1_FIELDS) - 5)
    return ("\t".join(fields) + "\n").encode()


@pytest.fixture(scope="module")
def zero_bomb(tmp_path_factory):
    """1 GiB of zero bytes (one endless line) in a zip of about 1 MB."""
    return write_bomb(tmp_path_factory.mktemp("bomb") / "20230901.export.CSV.zip", b"\0", 1024)


def test_zero_bomb_is_refused_at_the_line_limit_with_little_memory(zero_bomb):
    assert zero_bomb.stat().st_size < 5 << 20
    got = measure("events", "ARM", "RUS", zero_bomb, "--format", "gdelt1")
    assert got["rc"] == 2, got
    assert got["err"].count("\n") == 1 and "Traceback" not in got["err"]
    assert f"{zero_bomb}: a line longer than 1,048,576 bytes" in got["err"]
    assert got["peak_mb"] < PEAK_LIMIT_MB, got


def test_bomb_of_lines_is_refused_at_the_size_limit_with_little_memory(tmp_path):
    bomb = write_bomb(tmp_path / "20230901.export.CSV.zip", gdelt1_line(), 96)
    got = measure("events", "ARM", "RUS", bomb, "--format", "gdelt1", "--max-mb", "32")
    assert got["rc"] == 2, got
    assert got["err"].count("\n") == 1 and "Traceback" not in got["err"]
    assert f"{bomb}: more than 32 MiB once decompressed" in got["err"]
    assert "--max-mb" in got["err"]
    assert got["peak_mb"] < PEAK_LIMIT_MB, got


def test_a_1mb_zip_of_valid_lines_inflating_to_1gb_is_refused_with_little_memory(tmp_path):
    # the reproduction: a ~1 MB zip inflating to 1 GB, here of valid-looking GDELT lines
    bomb = write_bomb(tmp_path / "20230901.export.CSV.zip", gdelt1_line(), 1024, level=9)
    assert bomb.stat().st_size < 5 << 20
    got = measure("events", "ARM", "RUS", bomb, "--format", "gdelt1")
    assert got["rc"] == 2, got
    assert got["err"].count("\n") == 1 and "Traceback" not in got["err"]
    assert f"{bomb}: inflates more than 20 times its size on disk" in got["err"]
    assert got["peak_mb"] < PEAK_LIMIT_MB, got


#: A first line and a body line of each format (the body repeated past the limit).
PLAIN = {
    "gdelt2": (b"\t".join([b"1"] * 61) + b"\n",) * 2,
    "icews": ("\t".join(ICEWS_USED).encode() + b"\n", b"1\t2020-01-01\n"),
}


@pytest.mark.parametrize("fmt", ["gdelt2", "icews"])
def test_every_format_is_read_through_the_limits(tmp_path, fmt):
    path = tmp_path / "events.tab.gz"
    path.write_bytes(gzip.compress(b"x" * (3 << 20)))
    with pytest.raises(BadInput, match=r"a line longer than 1,048,576 bytes"):
        load_events([path], fmt)
    plain = tmp_path / "events.tab"
    first, body = PLAIN[fmt]
    plain.write_bytes(first + body * ((2 << 20) // len(body)))
    with pytest.raises(BadInput, match=r"more than 1 MiB once decompressed"):
        load_events([plain], fmt, max_mb=1)
