"""Batch reports on a Dask distributed cluster (``bilateral batch CONFIG --scheduler ADDRESS``).

The batch process is a Dask *client*: it validates the config, skips the unchanged reports and
submits each of the others with ``client.submit(build_remote, params, pdf, retries=1)`` to an
existing cluster (``dask scheduler`` and ``dask worker`` processes, a ``LocalCluster``,
dask-jobqueue or dask-kubernetes). Results are gathered as they complete.

A worker builds a report in a temporary folder of its own and returns the files' bytes; only the
client writes in the output folder (the reports, atomically, then the manifest and the index).
So workers need no shared file system, a worker lost mid-report leaves nothing half-written
(Dask runs its report again on another worker), and the output folder's lock means what it says.
Workers need the same ``analysis`` code and the same data as the client (same
``$BILATERAL_DATA_DIR`` contents): each worker checks its fingerprint of code, notebooks, data
and libraries against the client's before its first report, and a mismatch fails the report
with one line naming the worker.

Each worker process keeps one kernel warm between reports (:class:`analysis.report.KernelSession`
runs every notebook from an empty namespace; imported modules and loaded data stay), so only the
first report of a worker pays for the kernel's start and the imports. A report that fails drops
that kernel; the next report starts a fresh one.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import threading
import time
from pathlib import Path

from analysis import report, tempdirs
from analysis.errors import BadInput, RunFailure, quote
from analysis.fileio import write_output

#: What a scheduler address looks like: ``tcp://HOST:PORT`` (or tls://, ucx://, inproc://).
ADDRESS = re.compile(r"^(tcp|tls|ucx|inproc)://\S+$")
#: Seconds to wait for the scheduler before the batch gives up (exit 2, nothing built).
CONNECT_TIMEOUT = 10

_worker_state: dict = {"checked": None}
_worker_lock = threading.Lock()


def check_address(value, where: str) -> str:
    """Return a scheduler address, checked (``tcp://HOST:PORT``), or raise :class:`BadInput`."""
    if not isinstance(value, str) or not ADDRESS.match(value.strip()):
        raise BadInput(
            f"{where} must be a Dask scheduler address such as tcp://10.0.0.5:8786, "
            f"got {quote(value)}"
        )
    return value.strip()


def connect(address: str):
    """Return a :class:`distributed.Client` on ``address`` with at least one worker.

    Raises
    ------
    BadInput
        Dask is not installed, or the scheduler does not answer within :data:`CONNECT_TIMEOUT`
        seconds, or it has no worker: one line, before any report is built.
    """
    try:
        from distributed import Client
    except ImportError:
        raise BadInput(
            "--scheduler needs dask.distributed; install it with pip install 'bilateral[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BadInput(
            f"cannot reach the Dask scheduler at {address} ({reason}); start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`, or run without --scheduler"
        ) from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        client.close()
        raise BadInput(
            f"the Dask scheduler at {address} has no worker; start one with `dask worker {address}`"
        ) from None
    return client


def build_remote(params: dict, pdf: bool, inputs: dict[str, str], summary: bool = False) -> dict:
    """Build one report on a Dask worker; return its outcome and the files it made.

    ``inputs`` is the client's :func:`analysis.batch.fingerprint_inputs` with its ``store``
    (:func:`analysis.batch.fingerprint_store`); a worker whose own
    differs (other code, notebooks, data or libraries) fails the report instead of building a
    report the client's hash would not describe. The outcome has ``status``, ``seconds``,
    ``message``, ``worker`` and ``files`` (``{relative path: bytes}``: the report, its PDF, or the
    executed notebook of a failure under ``failed/``) and, with ``summary``, the pair's
    ``index`` (:func:`analysis.batch.index_of`).
    """
    from analysis.batch import fingerprint_inputs, fingerprint_store, index_of  # noqa: PLC0415 (batch imports this module)

    started = time.perf_counter()
    tempdirs.remove_stale()  # what a worker killed on this machine left (its report, its kernel)
    with _worker_lock:  # one report at a time per worker process (one kernel)
        if _worker_state["checked"] is None:
            _worker_state["checked"] = {**fingerprint_inputs(), "store": fingerprint_store()}
        if _worker_state["checked"] != inputs:
            differ = sorted(k for k in inputs if _worker_state["checked"].get(k) != inputs[k])
            return {
                "status": "failed",
                "seconds": time.perf_counter() - started,
                "message": f"worker {_worker_name()} has other {', '.join(differ)} than the "
                "client; give every worker the same bilateral version and data",
                "files": {},
            }
        index = None
        with tempfile.TemporaryDirectory(
            prefix=tempdirs.owned_prefix(tempdirs.REMOTE_PREFIX)
        ) as tmp:
            out = Path(tmp)
            try:
                built = report.build(params, out, report.warm_session(), pdf=pdf)
                status, message = "ok", ""
            except (RunFailure, BadInput) as exc:
                status, message = "failed", str(exc)
            except Exception as exc:  # one report's crash must not stop the worker
                status, message = "failed", f"{type(exc).__name__}: {exc}".splitlines()[0]
            if status != "ok":
                report.drop_warm_session()  # the next report starts from a fresh kernel
            elif summary:
                index = index_of(params, built)
            files = {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file() and not p.name.startswith(".")
            }
    return {
        "status": status,
        "seconds": time.perf_counter() - started,
        "message": message,
        "worker": _worker_name(),
        "files": files,
        **({"index": index} if summary and status == "ok" else {}),
    }


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "local"


def save_outcome(out: Path, params: dict, outcome: dict) -> dict:
    """Write the files a worker returned into ``out`` (atomically) and return the outcome as the
    local pool gives it (``failed_notebook`` relative to ``out``; no bytes).

    Like :func:`analysis.report.build_report`: a success writes the report (and PDF) and removes
    the pair's stale failed notebooks; a failure keeps the last good report and saves the failed
    notebook. A file that cannot be written fails the report (one line)."""
    out = Path(out)
    files = outcome.get("files", {})
    result = {k: outcome[k] for k in ("status", "seconds", "message", "index") if k in outcome}
    result["failed_notebook"] = None
    try:
        if outcome["status"] == "ok":
            expected = {report.report_path(out, params).name}
            missing = expected - set(files)
            if missing:
                raise RunFailure(f"the worker returned no {', '.join(sorted(missing))}")
            for name, data in files.items():
                if not name.startswith("failed/"):
                    write_output(out / name, data)
            failed_dir = out / "failed"
            for name in report.suite_for(params):
                report.failed_notebook_path(failed_dir, name, params).unlink(missing_ok=True)
            if failed_dir.is_dir() and not any(failed_dir.iterdir()):
                failed_dir.rmdir()
        else:
            for name, data in files.items():
                if name.startswith("failed/"):
                    write_output(out / name, data)
                    result["failed_notebook"] = result["failed_notebook"] or name
    except RunFailure as exc:
        result.update(status="failed", message=str(exc))
    return result


def run_cluster(
    to_run: list[dict],
    out: Path,
    client,
    record,
    pdf: bool,
    inputs: dict[str, str],
    summary: bool = False,
) -> None:
    """Submit every report to the cluster of ``client`` (:func:`connect`); record each as it
    completes; close the client at the end.

    A report whose worker is lost is run again on another worker (``retries=1``, and the
    scheduler reschedules a task whose worker died); one that still fails is recorded as failed
    and the others go on.

    On any exception (:class:`Stopped` by SIGTERM or SIGINT included) the reports not recorded
    yet are cancelled on the cluster (a report a worker is building ends there and is not
    written: only this loop writes), the temporary file of a write cut short is removed (the
    output folder is locked: it is this batch's), and the exception goes on to
    :func:`analysis.batch.run_batch`, which writes the manifest and the index.
    """
    from distributed import as_completed

    futures, submitted = {}, []
    try:
        try:
            for params in to_run:
                future = client.submit(
                    build_remote, params, pdf, inputs, summary,
                    key=f"bilateral-{report.report_stem(params)}-{time.time_ns()}",
                    retries=1, pure=False,
                )  # fmt: skip
                futures[future.key] = params
                submitted.append(future)
            for future in as_completed(submitted, loop=client.loop):
                params = futures[future.key]
                try:
                    outcome = save_outcome(out, params, future.result())
                except Exception as exc:  # a worker lost twice, or an error Dask raised
                    reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
                    outcome = {
                        "status": "failed",
                        "seconds": 0.0,
                        "message": f"the cluster could not build it ({reason})",
                        "failed_notebook": None,
                    }
                future.release()
                record(params, outcome)
        except BaseException:
            with contextlib.suppress(Exception):  # a scheduler gone must not hide the stop
                client.cancel(submitted, force=True)
            for partial in Path(out).rglob(".*.tmp"):
                partial.unlink(missing_ok=True)
            raise
    finally:
        client.close()
