"""Work that waits until the person can see the window: ``after_first_paint(widget, fn)`` calls ``fn``
on the GUI thread once ``widget`` has been painted, after that paint pass has ended.

Start-up puts here what the first screen does not need to show (issue 17: the window paints first):
the Start page's live schedule, the check of the shop's pages, the daily backup. A zero timer is not
enough for that: it fires before the first expose of a window that was just shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], None]) -> None:
        super().__init__(widget)  # goes with the widget: a widget closed before it painted runs nothing
        self._fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the paint pass, not inside it
        return False

    def _run(self) -> None:
        fn, self._fn = self._fn, None
        self.deleteLater()
        if fn is not None:
            fn()


def after_first_paint(widget: QWidget, fn: Callable[[], None]) -> None:
    """Call ``fn`` once ``widget`` has next been painted (a widget never shown never calls it)."""
    _AfterPaint(widget, fn)
