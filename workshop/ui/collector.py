"""Garbage collection on the GUI thread only.

Python collects cycles in whichever thread crosses the allocation threshold, and a pool thread working
out a report or a work list makes many objects. A collection there can free Qt objects caught in
cycles from the wrong thread; a full test run crashed in the collector while a worker built a query
(issue 17). So automatic collection is turned off and a timer on the GUI thread collects, generation by
generation, by the same thresholds (the pattern pyqtgraph's ``GarbageCollector`` and calibre use).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at what has been allocated since the last collection.
INTERVAL_MS = 500

_COLLECTOR: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def collect_due(self) -> None:
        """Collect the generations whose counts passed their thresholds, as Python itself would."""
        young, middle, old = gc.get_count()
        if young > self.thresholds[0]:
            gc.collect(0)
            if middle > self.thresholds[1]:
                gc.collect(1)
                if old > self.thresholds[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """From now on, collect garbage on the GUI thread only (once per application; called on it)."""
    global _COLLECTOR
    if _COLLECTOR is None:
        _COLLECTOR = GuiThreadCollector(app)
    _COLLECTOR.start()
    return _COLLECTOR
