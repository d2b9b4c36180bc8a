"""Temporary folders named after their maker (analysis.tempdirs): those of a process that ended
are removed, those of a live process, of a later process with the same pid, of other names, and
symlinks are left alone."""

import os
import subprocess
import sys
import time

import pytest

from analysis import tempdirs

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def folder(directory, prefix, pid, start, tail="abcd1234"):
    path = directory / f"{prefix}{pid}-{start}-{tail}"
    path.mkdir()
    (path / "kernel.pid").write_text("1\n", encoding="ascii")  # contents go with it
    return path


@pytest.fixture(scope="module")
def processes():
    """A live child (and its start), a child that ended and was reaped, and an unreaped one."""
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(1000):  # until it ended (its parent, this process, has not waited yet)
            if tempdirs._proc_stat(zombie.pid)[0] == b"Z":
                break
            time.sleep(0.01)
        yield {"live": live.pid, "ended": ended.pid, "zombie": zombie.pid}
    finally:
        live.kill()
        live.wait()
        zombie.wait()


@linux_only
def test_the_folders_of_ended_makers_are_removed_and_no_other(tmp_path, processes):
    live, start = processes["live"], tempdirs.process_start(processes["live"])
    remote, kernel = tempdirs.REMOTE_PREFIX, tempdirs.KERNEL_PREFIX
    stale = [
        folder(tmp_path, remote, processes["ended"], 123),
        folder(tmp_path, kernel, processes["ended"], 0),  # made where /proc was missing
        folder(tmp_path, kernel, processes["zombie"], 456),
        folder(tmp_path, remote, live, start + 1),  # the pid of a later process
    ]
    kept = [
        folder(tmp_path, remote, live, start),
        folder(tmp_path, kernel, live, 0),
        folder(tmp_path, remote, os.getpid(), 1),  # this process's
        folder(tmp_path, "bilateral-batch-", processes["ended"], 123),  # not a swept prefix
        tmp_path / f"{remote}abcd1234",  # no maker in the name (an older version's)
        tmp_path / f"{remote}{processes['ended']}-123-link",  # a symlink to a folder
        tmp_path / f"{kernel}{processes['ended']}-123-file",  # a file
    ]
    kept[4].mkdir()
    kept[5].symlink_to(kept[0], target_is_directory=True)
    kept[6].write_text("", encoding="ascii")
    removed = tempdirs.remove_stale(tmp_path)
    assert sorted(removed) == sorted(stale)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() or p.is_symlink() for p in kept)
    assert (kept[0] / "kernel.pid").is_file()  # not through the symlink either


@linux_only
def test_a_folder_named_by_this_process_survives_a_sweep(tmp_path):
    prefix = tempdirs.owned_prefix(tempdirs.REMOTE_PREFIX)
    assert prefix == f"{tempdirs.REMOTE_PREFIX}{os.getpid()}-{tempdirs.process_start(os.getpid())}-"
    made = tmp_path / f"{prefix}x1y2z3w4"
    made.mkdir()
    assert tempdirs.remove_stale(tmp_path) == [] and made.is_dir()


@linux_only
def test_a_process_that_starts_later_is_not_the_maker(processes):
    live = processes["live"]
    start = tempdirs.process_start(live)
    assert tempdirs.maker_alive(live, start) and tempdirs.maker_alive(live, 0)
    assert not tempdirs.maker_alive(live, start + 1)
    assert not tempdirs.maker_alive(processes["ended"], 1)
    assert not tempdirs.maker_alive(processes["zombie"], 1)
