"""Execution: warm kernels in worker processes, one report per job, executors local or Dask.

Each worker keeps one Jupyter kernel and runs its notebooks in it (papermill
injects the parameters, nbclient executes, a hidden first cell resets the
namespace), so the kernel start and heavy imports are paid once per worker.
The HTML is rendered in the same worker. Kernel sockets and the connection
file live in one private temporary folder per kernel, removed when the kernel
ends; :mod:`.hygiene` makes workers and kernels end with the run.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from analysis import config
from analysis.exceptions import UsageError
from analysis.runner import hygiene
from analysis.runner.confine import inside

RESET_CELL = ("get_ipython().run_line_magic('reset', '-f')\n"
              "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt")
SCHEDULER = re.compile(r"(tcp|tls|ucx|ws|wss|inproc)://[^\s/:]+(:\d{1,5})?/?")
_KERNELS: dict = {}          # thread id -> {"km", "pid", "dir"}
RUNTIME_ENV = "ANALYSIS_KERNEL_RUNTIME"
"""Set in a run's workers: the run's own folder for its kernels' sockets (removed with the run, and only it)."""
BASE_ENV = "ANALYSIS_RUNTIME_DIR"
"""Where a run makes its runtime folder (default ``/tmp``): a short path, whatever ``$TMPDIR`` is, since a
unix socket path holds at most 107 bytes."""


def runtime_base() -> str:
    """The folder runs make their runtime folders in: ``$ANALYSIS_RUNTIME_DIR``, else the first writable of
    ``/tmp``, ``/var/tmp``, ``/dev/shm``, else the temporary folder."""
    chosen = os.environ.get(BASE_ENV)
    if chosen:
        return chosen
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return tempfile.gettempdir()


def _init_worker(runtime: str) -> None:
    """``initializer`` of a run's local workers: the run's runtime folder, then :func:`hygiene.init_worker`."""
    os.environ[RUNTIME_ENV] = runtime
    hygiene.init_worker()
_LOCK = threading.Lock()
_STARTING = threading.Lock()          # held while this process starts a kernel (folder made, pid not yet known)
STARTING_WAIT = 10.0                  # seconds a shutdown waits for a kernel start in progress


def _forget_kernel(key) -> None:
    """Kill one kernel's process group and remove its socket folder (no Jupyter calls: safe in a signal handler)."""
    entry = _KERNELS.pop(key, None)
    if not entry:
        return
    pid = entry.get("pid")
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)        # the kernel leads its own session (jupyter_client)
        except (ProcessLookupError, PermissionError, OSError):
            pass
        try:
            os.waitpid(pid, os.WNOHANG)
        except (ChildProcessError, OSError):
            pass
    shutil.rmtree(entry.get("dir", ""), ignore_errors=True)


def shutdown_kernels() -> None:
    """End every kernel of this process (at exit, on SIGTERM, when the parent is gone); the run's runtime
    folder goes with its last worker when the run itself cannot remove it (killed with ``kill -9``)."""
    started = _STARTING.acquire(timeout=STARTING_WAIT)      # a kernel being started: wait for its pid
    try:
        for key in list(_KERNELS):
            _forget_kernel(key)
        runtime = os.environ.get(RUNTIME_ENV)
        if runtime:
            try:
                os.rmdir(runtime)             # only when empty: the other workers' kernels stay
            except OSError:
                pass
    finally:
        if started:
            _STARTING.release()


def _kernel_manager(cwd: str):
    """This thread's warm kernel (started on first use, restarted if it died)."""
    key = threading.get_ident()
    entry = _KERNELS.get(key)
    if entry is not None and entry["km"].is_alive():
        return entry["km"]
    _forget_kernel(key)
    from jupyter_client.manager import KernelManager

    # IPC (unix sockets) rather than TCP: no open ports; sockets and connection file in one private folder.
    runtime = os.environ.get(RUNTIME_ENV)
    if runtime:
        os.makedirs(runtime, mode=0o700, exist_ok=True)
    with _LOCK:
        if not getattr(_kernel_manager, "hooked", False):
            import atexit
            import multiprocessing.util

            hygiene.on_exit(shutdown_kernels)
            atexit.register(shutdown_kernels)
            # multiprocessing workers leave through os._exit: only Finalize hooks run there
            multiprocessing.util.Finalize(None, shutdown_kernels, exitpriority=10)
            _kernel_manager.hooked = True
    # from its folder to its pid a kernel is being started: a shutdown meanwhile waits for the pid, so it never
    # removes a folder the start then writes into again (a run killed with kill -9 left one so, now and then)
    with _STARTING:
        folder = tempfile.mkdtemp(prefix="k-" if runtime else "analysis-kernel-", dir=runtime or runtime_base())
        ipc = os.name == "posix"
        km = KernelManager(kernel_name="python3", transport="ipc" if ipc else "tcp",
                           ip=str(Path(folder) / "k") if ipc else "127.0.0.1",
                           connection_file=str(Path(folder) / "connection.json"))
        _KERNELS[key] = {"km": km, "dir": folder, "pid": None}
        kwargs = {"preexec_fn": hygiene.kernel_preexec} if os.name == "posix" else {}
        km.start_kernel(cwd=cwd, extra_arguments=["--HistoryManager.enabled=False"], **kwargs)
        _KERNELS[key]["pid"] = getattr(km.provisioner, "pid", None)
    return km


def _one_line(prefix: str, exc: BaseException) -> str:
    return f"{prefix}{type(exc).__name__}: {exc}".splitlines()[0][:500]


def execute_job(job: dict, out_dir: str, timeout: int = 600, reuse_kernel: bool = True) -> dict:
    """Execute one report and render its HTML; never raises for a failing notebook or a failed write.

    Returns a result dict with ``status`` ('ok' or 'failed'), ``error`` (one line),
    timing and paths. The previous HTML is only replaced after a successful render.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from analysis.data import write as disk
    from analysis.report import page

    started = time.time()
    out = Path(out_dir)
    nb = parameterize_notebook(load_notebook_node(job["notebook"]), job["parameters"])
    nb.cells.insert(0, nbformat.v4.new_code_cell(RESET_CELL, metadata={"tags": ["analyst-only"]}))
    cwd = str(Path(job["notebook"]).parent)
    error = failure = None
    client = None
    try:
        km = _kernel_manager(cwd) if reuse_kernel else None
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", allow_errors=False,
                                resources={"metadata": {"path": cwd}})
        client.execute(cleanup_kc=not reuse_kernel, cwd=cwd)
    except CellExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}".splitlines()[0][:500]
        failure = {"ename": exc.ename, "evalue": str(exc.evalue)[:2000]}
    except DeadKernelError as exc:
        error = _one_line("kernel died: ", exc)
        _forget_kernel(threading.get_ident())
    except Exception as exc:  # noqa: BLE001 - a scheduler wants a result, not a crash
        error = _one_line("", exc)
    finally:
        if reuse_kernel and client is not None and client.kc is not None:
            client.kc.stop_channels()
    nb.cells.pop(0)
    if failure is not None:         # the cell that raised, counted in the notebook kept in failed/
        failure["cell_index"] = next((i for i, c in enumerate(nb.cells)
                                      if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
    failed_path = inside(out, out / "failed" / f"{job['name']}.ipynb")
    if error is None:
        try:
            html = page.render_html(nb, job["lang"], Path(job["parameters"].get("data_path") or config.indicators_path()))
            disk.write_atomic(inside(out, out / "notebooks" / f"{job['name']}.ipynb"), nbformat.writes(nb))
            disk.write_atomic(inside(out, Path(job["html"])), html)
            failed_path.unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001 - a full disk fails this report, the run goes on
            error = _one_line("rendering or writing failed: ", exc)
    if error is not None:
        try:
            disk.write_atomic(failed_path, nbformat.writes(nb))
        except OSError as exc:
            error += f"; its notebook could not be kept in failed/ ({exc.strerror})"
    return {"name": job["name"], "status": "failed" if error else "ok", "error": error, "failure": failure,
            "title": page.report_title(nb),
            "started": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.time() - started, 3), "pid": os.getpid()}


def check_scheduler(address) -> None:
    """A Dask scheduler address must look like one (``tcp://host:8786``) before anything is tried."""
    if not isinstance(address, str) or not SCHEDULER.fullmatch(address):
        raise UsageError(f"--scheduler {str(address)[:80]!r} is not a scheduler address; expected e.g. tcp://host:8786",
                         parameter="--scheduler", value=address, accepted="tcp://host:port")


def make_executor(jobs: int, scheduler: str | None):
    """``(executor, dask_client_or_None)``: a local process pool, or a Dask cluster's executor."""
    if scheduler:
        check_scheduler(scheduler)
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--scheduler needs dask.distributed: pip install 'dask[distributed]'",
                             parameter="--scheduler", value=scheduler) from None
        try:
            client = Client(scheduler, timeout="10s")
        except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, ValueError… all mean "not reachable"
            raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({_one_line('', exc)}); "
                             "check the address and that the scheduler is running",
                             parameter="--scheduler", value=scheduler) from None
        return client.get_executor(), client
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: a clean interpreter per worker (a parent that used zmq or asyncio deadlocks forked
    # children), no forkserver left behind, and the worker's parent is the run itself.
    runtime = tempfile.mkdtemp(prefix="ak-", dir=runtime_base())      # this run's, and only this run's
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(runtime,))
    executor.runtime_dir = runtime
    return executor, None


def stop_executor(executor) -> None:
    """Cancel queued work and end a local pool's workers now (their kernels go with them).

    A worker killed in the middle of starting a kernel cannot remove that kernel's socket
    folder; the run removes its own runtime folder, never another run's.
    """
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    hygiene.stop_processes(processes)
    release_runtime(executor)


def close_executor(executor) -> None:
    """Wait for a local pool's workers to finish, then remove the run's runtime folder."""
    executor.shutdown(wait=True)
    release_runtime(executor)


def release_runtime(executor) -> None:
    """Remove the runtime folder of the run that made *executor* (only that one)."""
    runtime = getattr(executor, "runtime_dir", None)
    if runtime:
        shutil.rmtree(runtime, ignore_errors=True)
