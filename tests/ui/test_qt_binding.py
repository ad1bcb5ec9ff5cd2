"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0 on Python 3.11
drops a reference to True on every signal delivered to Python, and the program later aborts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QThreadPool, Signal


class _Emitter(QObject):
    plain = Signal()
    with_value = Signal(object)


def test_signals_delivered_to_python_keep_reference_counts(qapp):
    emitter = _Emitter()
    received = []
    emitter.plain.connect(lambda: received.append(None))
    emitter.with_value.connect(received.append)
    # the counts are the whole process's: a pool thread an earlier test left working (a window's
    # imports warmed after its first paint) moves them too, so it is waited for first
    QThreadPool.globalInstance().waitForDone()
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(200):
        emitter.plain.emit()
        emitter.with_value.emit(True)
    received.clear()  # the list held the None and True values it was sent
    settled = [sys.getrefcount(x) for x in (None, True, False)]
    # Nothing may be lost: each count is back where it started (or above, never below).
    assert all(s >= b for s, b in zip(settled, before)), f"Qt binding loses references: {before} -> {settled}"
