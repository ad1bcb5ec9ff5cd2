"""Slow work off the GUI thread, with progress and cancel — the one helper for it.

The work is a plain function ``fn(state, *args)`` that never touches a widget; it may call
``state.progress(done, total)`` and should stop early when ``state.is_cancelled()``::

    def print_cards(state, db, job_ids):
        pages = []
        for i, job_id in enumerate(job_ids):
            if state.is_cancelled():
                return None
            pages.append(render(db, job_id))
            state.progress(i + 1, len(job_ids))
        return pages

    task = run_task(print_cards, db, ids, on_done=save_pdf, parent=self)
    # or, with a progress dialog that has a Cancel button:
    run_with_progress(self, "Printing job cards…", print_cards, db, ids, on_done=save_pdf)

Everything the task reports (progress, result, failure) arrives on the GUI thread as Qt
signals of the ``Task``. Workers only ever see a plain ``TaskState`` and a task number, so no
Qt object is created, kept or deleted off the GUI thread (Anki's ``taskman``; Orange3's
``run(..., state)``).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid as shiboken_is_valid

#: At most this often (seconds) a worker's progress reaches the GUI; the last step always does.
PROGRESS_INTERVAL = 0.05


class TaskState:
    """What the worker function sees: report progress, ask whether to stop."""

    def __init__(self, task_id: int, relay: _Relay | None = None) -> None:
        self._task_id = task_id
        self._relay = relay
        self._cancel = threading.Event()
        self._last = 0.0

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self.report("progress", (int(done), int(total)))

    def report(self, kind: str, payload: Any) -> None:
        """Hand ``payload`` to the GUI thread. Once the relay has gone with the application (a task
        still running at quit), nobody is left to tell: it is dropped without a word."""
        relay = self._relay or _relay()
        try:
            relay.event.emit(self._task_id, kind, payload)
        except RuntimeError:  # "Signal source has been deleted"
            if shiboken_is_valid(relay):
                raise

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Task(QObject):
    """The GUI-thread handle of one piece of background work."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)     # the function's result
    failed = Signal(object)        # the exception it raised
    cancelled = Signal()
    finished = Signal()            # after any of the three above

    def __init__(self, task_id: int, state: TaskState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task_id = task_id
        self.state = state
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.state.cancel()

    def _deliver(self, kind: str, payload: Any) -> None:
        if kind == "progress":
            self.progressed.emit(*payload)
            return
        self.running = False
        if kind == "done":
            self.result = payload
            self.succeeded.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.error = payload
            self.failed.emit(payload)
        self.finished.emit()


class _Relay(QObject):
    """One long-lived object on the GUI thread; workers emit on it, the GUI thread dispatches."""

    event = Signal(int, str, object)

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[int, Task] = {}
        self.event.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)

    def _dispatch(self, task_id: int, kind: str, payload: Any) -> None:
        task = self.tasks.get(task_id) if kind == "progress" else self.tasks.pop(task_id, None)
        if task is not None and shiboken_is_valid(task):  # its owner (a closed dialog) may be gone
            task._deliver(kind, payload)


_RELAY: _Relay | None = None
_IDS = itertools.count(1)


def _relay() -> _Relay:
    global _RELAY
    if _RELAY is None or not shiboken_is_valid(_RELAY):  # none yet, or gone with an application before
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("run_task must first be called on the GUI thread, with an application running")
        _RELAY = _Relay()
    return _RELAY


def run_task(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None,
             parent: QObject | None = None) -> Task:
    """Run ``fn(state, *args)`` on the thread pool. Callbacks run on the GUI thread. Without
    ``on_error`` a WorkshopError gets the short dialog and anything else the crash dialog."""
    relay = _relay()
    task_id = next(_IDS)
    state = TaskState(task_id, relay)
    task = Task(task_id, state, parent)
    relay.tasks[task_id] = task
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.failed.connect(on_error or report_failure)
    if on_progress is not None:
        task.progressed.connect(on_progress)

    def work() -> None:  # runs on a pool thread: plain Python only
        try:
            result = fn(state, *args)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            state.report("failed", exc)
            return
        state.report("cancelled" if state.is_cancelled() else "done", result)

    QThreadPool.globalInstance().start(work)
    return task


def report_failure(exc: BaseException) -> None:
    """Show a background task's failure: a short dialog for an expected one, else the crash dialog."""
    from ..domain.errors import WorkshopError
    from .errors import show_crash, show_error

    parent = QCoreApplication.instance().activeWindow() if QCoreApplication.instance() else None
    if isinstance(exc, WorkshopError):
        show_error(parent, exc)
    else:
        show_crash(parent, exc)


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[..., Any], *args: Any,
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None,
                      minimum_duration_ms: int = 400) -> Task:
    """``run_task`` with a window-modal progress dialog and a Cancel button. The dialog only
    appears if the work takes longer than ``minimum_duration_ms``."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("taskProgressDialog")
    dialog.setWindowTitle("Workshop")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    # The task is NOT a child of the dialog: the dialog is deleted later, and a widget deleting a
    # Python-made child crashed now and then (PySide). Python owns the task; the relay keeps it
    # alive until it has finished, and callers may keep it longer.
    task = run_task(fn, *args, on_done=on_done, on_error=on_error)
    task.dialog = dialog  # type: ignore[attr-defined]  # for tests and callers

    def progressed(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def cancel() -> None:
        dialog.setLabelText("Stopping…")
        task.cancel()

    def finished() -> None:
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()

    task.progressed.connect(progressed)
    dialog.canceled.connect(cancel)
    if on_cancelled is not None:
        task.cancelled.connect(on_cancelled)
    task.finished.connect(finished)
    return task


def wait_for_tasks(timeout_ms: int = 10_000) -> bool:
    """Ask every running task to stop and wait for the workers (at quit, before closing the db)."""
    if _RELAY is not None:
        for task in list(_RELAY.tasks.values()):
            task.state.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
