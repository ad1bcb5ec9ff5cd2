"""Garbage is collected on the GUI thread only (workshop/ui/collector.py): a pool thread making many
objects never sets a collection off; the GUI thread's timer collects what is due."""

from __future__ import annotations

import gc
import threading
import weakref

from workshop.ui import collector


class _Node:
    pass


def _cycle() -> weakref.ref:
    node = _Node()
    node.me = node  # only the collector frees it
    return weakref.ref(node)


def test_a_pool_thread_never_collects_and_the_gui_thread_does(qapp):
    assert collector._COLLECTOR is not None and not gc.isenabled()  # the tests' qapp, as the program's
    left = _cycle()
    made = []

    def busy() -> None:  # far past the youngest generation's threshold, in another thread
        made.extend([] for _ in range(collector._COLLECTOR.thresholds[0] * 5))

    worker = threading.Thread(target=busy)
    worker.start()
    worker.join()
    assert left() is not None  # no collection ran in the worker
    collector._COLLECTOR.collect_due()  # what the GUI thread's timer calls
    assert left() is None


def test_the_timer_collects_when_the_event_loop_runs(qapp, qtbot):
    left = _cycle()
    # far past the threshold: the count is allocations less frees, and the event loop frees objects too
    _many = [[] for _ in range(collector._COLLECTOR.thresholds[0] * 20)]
    qtbot.waitUntil(lambda: left() is None, timeout=collector.INTERVAL_MS * 6)
    assert _many
