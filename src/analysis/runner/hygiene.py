"""Worker processes and their kernels end with the run, whatever ends it.

* a worker asks Linux to send it SIGTERM when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``) and also runs a watchdog thread that notices a
  changed parent (other systems, or a parent killed with ``kill -9``);
* SIGTERM in a worker kills its kernel, removes the kernel's socket folder and
  exits at once. It is taken by the watchdog thread (``sigtimedwait``), not by
  a Python handler: the main thread may sit for seconds in a wait that a
  signal does not interrupt (zmq, asyncio), and a handler would wait with it.
  SIGINT is left to the run (a Ctrl-C in a terminal reaches every process of
  the group: the run decides what to keep);
* a kernel is started with the same parent-death signal (SIGKILL), and ipykernel
  itself exits when its parent pid changes.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
_CLEANUPS: list = []


def set_parent_death_signal(sig: int = signal.SIGTERM) -> bool:
    """Ask the kernel (Linux) to send *sig* to this process when its parent exits; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def kernel_preexec() -> None:
    """``preexec_fn`` of a kernel process: it dies with the worker that started it, and gets back
    the signal dispositions a worker changed for itself."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    set_parent_death_signal(signal.SIGKILL)


def on_exit(cleanup) -> None:
    """Register *cleanup* to run when the worker is told to stop (SIGTERM, parent gone)."""
    _CLEANUPS.append(cleanup)


def _stop(code: int) -> None:
    for cleanup in reversed(_CLEANUPS):
        try:
            cleanup()
        except Exception:  # noqa: BLE001 - leaving anyway
            pass
    os._exit(code)


def _watch(parent: int, interval: float, take_sigterm: bool) -> None:
    while True:
        if take_sigterm:
            if signal.sigtimedwait({signal.SIGTERM}, interval) is not None:
                _stop(128 + signal.SIGTERM)
        else:
            time.sleep(interval)
        if os.getppid() != parent:
            _stop(1)


def init_worker(interval: float = 0.25) -> None:
    """``initializer`` of a run's worker processes: parent-death signal, watchdog, signal handling."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):          # a closed terminal stops the run (the run decides), not a worker
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    take_sigterm = hasattr(signal, "sigtimedwait") and threading.active_count() == 1
    if take_sigterm:
        # blocked here, so in every thread started later (zmq's, asyncio's); only the watchdog takes it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    else:
        signal.signal(signal.SIGTERM, lambda signum, frame: _stop(128 + signum))
    set_parent_death_signal(signal.SIGTERM)
    if os.getppid() != parent:           # the parent died before prctl took effect
        _stop(1)
    threading.Thread(target=_watch, args=(parent, interval, take_sigterm), daemon=True, name="watchdog").start()


def stop_processes(processes, grace: float = 1.0) -> None:
    """Terminate *processes* (multiprocessing ones), then kill those still alive after *grace* seconds."""
    processes = [p for p in processes if p.is_alive()]
    for p in processes:
        try:
            p.terminate()
        except (OSError, AttributeError):
            pass
    deadline = time.monotonic() + grace
    for p in processes:
        p.join(max(0.0, deadline - time.monotonic()))
    for p in processes:
        if p.is_alive():
            try:
                p.kill()
            except (OSError, AttributeError):
                pass
            p.join(0.5)
