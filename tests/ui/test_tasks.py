"""The background-task helper: results, progress and cancel arrive on the GUI thread."""

import threading

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QPushButton

from workshop.domain.errors import WorkshopError
from workshop.ui.tasks import run_task, run_with_progress, wait_for_tasks

from support.gui import gone


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen = []
    worker_threads = []

    def work(state, n):
        worker_threads.append(threading.current_thread())
        for i in range(n):
            state.progress(i + 1, n)
        return n * 2

    task = run_task(work, 5, on_progress=lambda d, t: seen.append((d, t, QThread.currentThread())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task.result == 10 and not task.running
    assert worker_threads[0] is not threading.main_thread()
    assert seen[-1][:2] == (5, 5)
    assert all(thread is QThread.currentThread() for *_, thread in seen)


def test_cancel_stops_the_work(qtbot):
    started = threading.Event()
    steps = []

    def work(state):
        started.set()
        while not state.is_cancelled():
            steps.append(1)
            state.progress(len(steps), 10**9)
            threading.Event().wait(0.001)
        return "stopped early"

    task = run_task(work)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert task.result is None and not task.running


def test_failure_goes_to_on_error(qtbot):
    errors = []

    def work(state):
        raise WorkshopError("Disk full")

    task = run_task(work, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert isinstance(errors[0], WorkshopError) and errors[0].message == "Disk full"


def test_progress_dialog_cancel_button(qtbot):
    started = threading.Event()
    outcome = []

    def work(state):
        started.set()
        state.progress(1, 4)
        while not state.is_cancelled():
            threading.Event().wait(0.001)

    task = run_with_progress(None, "Printing job cards…", work, minimum_duration_ms=0,
                             on_cancelled=lambda: outcome.append("cancelled"))
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.maximum() == 4 and dialog.value() == 1, timeout=5000)
    assert dialog.labelText() == "Printing job cards…"
    with qtbot.waitSignal(task.finished, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert outcome == ["cancelled"]
    gone(qtbot, dialog)  # closed, and deleted: a progress dialog is made for one task


def test_wait_for_tasks_cancels_running_work(qtbot):
    def work(state):
        while not state.is_cancelled():
            threading.Event().wait(0.001)

    task = run_task(work)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        assert wait_for_tasks(5000)


def test_a_result_after_the_relay_is_gone_is_dropped_quietly(qtbot, monkeypatch, capfd):
    """At quit the relay can go with the application while a worker still runs: its result is
    dropped without a traceback (``workshop screenshot`` printed "Signal source has been deleted").
    The relay deleted here is one of this test's own: the run's keeps working for the tests after."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    from workshop.ui import tasks

    release = threading.Event()
    progressed = threading.Event()

    def work(state):
        release.wait(5)
        state.progress(1, 2)  # reported after the relay is gone, too
        progressed.set()
        return "too late"

    own = tasks._Relay()
    monkeypatch.setattr(tasks, "_RELAY", own)  # put back (the run's, alive) when the test ends
    task = run_task(work)
    shiboken6.delete(own)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert progressed.is_set()
    assert task.running and task.result is None  # nothing was delivered
    assert "Signal source has been deleted" not in capfd.readouterr().err

    # a relay found deleted is made again: the next task's result arrives (a deleted relay kept as the
    # module's made every later task of a test process report into nothing, and its tests time out)
    later = run_task(lambda state: "on time")
    with qtbot.waitSignal(later.finished, timeout=5000):
        pass
    assert later.result == "on time"
