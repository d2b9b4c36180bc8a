"""Temporary folders named after the process that made them, and the removal of those it left.

A Dask worker builds each report in a temporary folder of its own (``bilateral-remote-*``) and
each kernel keeps its sockets in one (``bilateral-kernel-*``). A process killed outright
(SIGKILL, the out-of-memory killer) cannot remove them, and nothing else would. So their names
carry their maker: ``bilateral-remote-<pid>-<start>-XXXXXXXX``, where ``<start>`` is when that
process started (clock ticks after boot, from ``/proc/<pid>/stat``; 0 where there is no
``/proc``). :func:`remove_stale` removes the folders whose maker has ended; a process that now
has the same pid but started at another time is not their maker (pid reuse).

Only folders owned by this user are looked at, symlinks never; a folder whose maker cannot be
told dead (another user's process, no ``/proc`` and a live pid) is left in place. Folders of
other names (from older versions, or other programs) are never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

#: Prefix of the folder in which a Dask worker builds one report (:mod:`analysis.cluster`).
REMOTE_PREFIX = "bilateral-remote-"
#: Prefix of a kernel's socket folder (:class:`analysis.report.KernelSession`).
KERNEL_PREFIX = "bilateral-kernel-"
#: The prefixes that :func:`remove_stale` looks for by default.
SWEPT_PREFIXES = (REMOTE_PREFIX, KERNEL_PREFIX)

_OWNED = re.compile(r"^(?P<prefix>bilateral-[a-z]+-)(?P<pid>\d+)-(?P<start>\d+)-[A-Za-z0-9_]+$")


def _proc_stat(pid: int) -> tuple[bytes, int] | None:
    """Return the state and the start (clock ticks after boot) of process ``pid`` from
    ``/proc/<pid>/stat``, or ``None`` where there is no ``/proc`` (not Linux) or no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = (
                fh.read().rsplit(b")", 1)[1].split()
            )  # the name, in parentheses, may hold spaces
        return fields[0], int(fields[19])  # fields 3 and 22 of proc_pid_stat(5)
    except (OSError, IndexError, ValueError):
        return None


def process_start(pid: int) -> int | None:
    """Return when process ``pid`` started (clock ticks after boot), or ``None`` if unknown.

    ``None`` where there is no ``/proc`` (not Linux) or no such process. With ``pid``, its start
    tells one process from a later one that got the same pid.
    """
    found = _proc_stat(pid)
    return None if found is None else found[1]


def owned_prefix(prefix: str) -> str:
    """Return ``prefix`` followed by this process's pid and start: the name's start of a
    temporary folder that :func:`remove_stale` removes once this process has ended.

    Examples
    --------
    >>> owned_prefix("bilateral-remote-").startswith(f"bilateral-remote-{os.getpid()}-")
    True
    """
    return f"{prefix}{os.getpid()}-{process_start(os.getpid()) or 0}-"


def maker_alive(pid: int, start: int) -> bool:
    """Tell whether the process that made a folder named with ``pid`` and ``start`` still runs.

    ``True`` when it runs or when that cannot be told (another user's process; a live pid where
    there is no ``/proc``): only a maker known to be gone makes a folder stale. A zombie has
    ended; a live process with that pid but another start is a later one (the pid was reused).
    """
    if pid <= 0:
        return True  # not a pid this module wrote: leave the folder alone
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: a process of another user has that pid now; it is alive
        return True
    found = _proc_stat(pid)
    if found is None:
        return True  # no /proc here: the pid is alive, so the maker may be
    state, started = found
    if state in (b"Z", b"X"):  # ended, not yet reaped by its parent
        return False
    return start == 0 or started == start


def remove_stale(directory: Path | str | None = None, prefixes=SWEPT_PREFIXES) -> list[Path]:
    """Remove the folders in ``directory`` that a process of this user made and left behind.

    Parameters
    ----------
    directory : Path, optional
        Where to look (default: the temporary folder, :func:`tempfile.gettempdir`).
    prefixes : tuple of str
        The names' prefixes to look for (default: a worker's report folders and kernels' socket
        folders).

    Returns
    -------
    list of Path
        The folders removed: named ``<prefix><pid>-<start>-...`` (:func:`owned_prefix`), owned
        by this user, not a symlink, and their maker ended (:func:`maker_alive`).
    """
    directory = Path(directory if directory is not None else tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _OWNED.match(entry.name)
        if not match or match["prefix"] not in prefixes:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        if maker_alive(int(match["pid"]), int(match["start"])):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed
