"""Process plumbing of corpus runs: workers that die with their parent, stop signals.

A pool worker ends as soon as the process that started it is gone
(:func:`_die_with_parent`, called by the pool initializer of :mod:`geoclaims.corpus`);
the parent turns the first Ctrl-C or SIGTERM into a request to stop between two
documents (:class:`_CtrlC`).
"""

from __future__ import annotations

import os
from typing import Any

#: Seconds between a worker's checks that its parent is still alive (where the
#: kernel cannot tell it: no ``prctl``).
PARENT_POLL_S = 0.5


def _die_with_parent(parent_pid: int) -> None:
    """End this worker as soon as the process that started it is gone.

    A worker blocks reading the pool's task queue, whose write end it holds itself,
    so a parent killed with ``kill -9`` never closes it: the worker, and the
    resource tracker waiting on the workers, would run on as orphans. On Linux the
    kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``); a daemon
    thread that watches ``os.getppid()`` covers other systems and the moment
    between the spawn and the ``prctl`` call.
    """
    import signal
    import threading

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        import time

        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, name="geoclaims-parent-watch", daemon=True).start()


class _CtrlC:
    """Turn the first Ctrl-C into a request to stop between two documents.

    A KeyboardInterrupt raised at an arbitrary point can be lost (Python drops
    exceptions raised inside ``__del__`` and other finalizers, which pandas and
    pyarrow run often), so the first SIGINT only sets a flag that the run checks
    after each document (:meth:`checkpoint`). A second Ctrl-C interrupts at once.
    Only installed in the main thread (the only one that may set signal handlers).
    """

    #: Signals that stop a run the same way: Ctrl-C, and SIGTERM (``kill``, a
    #: service manager, a container stop).
    SIGNALS = ("SIGINT", "SIGTERM")

    def __init__(self) -> None:
        self.requested = False
        #: The signal that stopped the run (``signal.SIGINT`` or ``SIGTERM``), if any.
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _CtrlC:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            for name in self.SIGNALS:
                signum = getattr(signal, name)
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        import signal

        self.requested = True
        self.signum = self.signum or signum
        # A second signal of either kind stops at once.
        for other in self._previous:
            signal.signal(other, _interrupt_now)

    def checkpoint(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C was pressed."""
        if self.requested:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        import signal

        for signum, previous in self._previous.items():
            signal.signal(signum, previous)


def _interrupt_now(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
