"""Windows that fit the screen they open on, down to 1280×720.

``fit_to_screen`` sizes a dialog from its screen's available geometry (never a fixed size that
puts its buttons off a small screen), caps its minimum too, and remembers the size the person
left it at (QSettings of the main window, ``window_state``). ``fix_minimum_size`` gives a window
an explicit minimum once it is built: without one, its layout keeps moving the minimum while the
window is shown, which makes dialogs jump and makes Qt warn on platforms that cannot pass size
hints on ("offscreen", used by the tests and the screenshot command). Both keep within the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from .. import window_state as ws

#: Room for the window frame (title bar, borders) that the available geometry does not leave.
FRAME = QSize(16, 40)


def available(window: QWidget) -> QRect:
    """The available geometry of the screen ``window`` opens on (its parent's before it is shown)."""
    screen = window.screen()
    if screen is None and window.parentWidget() is not None:
        screen = window.parentWidget().screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def screen_room(window: QWidget) -> QSize:
    """The largest client size whose frame still fits on the screen."""
    room = available(window).size() - FRAME
    return QSize(max(room.width(), 200), max(room.height(), 200))


def capped(size: QSize, room: QSize) -> QSize:
    return QSize(min(size.width(), room.width()), min(size.height(), room.height()))


def fix_minimum_size(window: QWidget, width: int = 0, height: int = 0, slack: int = 24) -> None:
    hint = window.minimumSizeHint()
    wanted = QSize(max(width, hint.width()), max(height, hint.height() + slack))
    window.setMinimumSize(capped(wanted, screen_room(window)))


def _settings(window: QWidget) -> QSettings | None:
    """The main window's settings, where a dialog's size is remembered; none for a dialog on its
    own (tests, the screenshot command), which then remembers nothing."""
    parent = window.parentWidget()
    settings = getattr(parent.window(), "settings", None) if parent is not None else None
    return settings if isinstance(settings, QSettings) else None


def fit_to_screen(window: QWidget, width: int, height: int = 0, *, minimum: tuple[int, int] | None = None) -> None:
    """Size ``window`` to ``width``×``height`` (0: its size hint), or to the size it was left at
    last time, never more than the screen it opens on allows; its minimum is capped the same way."""
    room = screen_room(window)
    if minimum is not None:
        fix_minimum_size(window, *minimum)
    elif window.minimumWidth() > room.width() or window.minimumHeight() > room.height():
        window.setMinimumSize(capped(window.minimumSize(), room))
    size = QSize(width, height or window.sizeHint().height())
    key = window.objectName() or type(window).__name__
    settings = _settings(window)
    if settings is not None:
        remembered = ws.dialog_size(settings, key)
        if remembered is not None:
            size = remembered
        if isinstance(window, QDialog):
            window.finished.connect(lambda _r: ws.save_dialog_size(settings, key, window.size()))
    window.resize(capped(size.expandedTo(window.minimumSize()), room))


def first_window_size(window: QWidget, width: int = 1280, height: int = 800) -> QSize:
    """The main window's size on a first run: ``width``×``height`` where the screen has room, less
    where it has not (a 1280×720 screen), so its frame is never bigger than the screen."""
    return capped(QSize(width, height), screen_room(window))


def date_column_width(view: QWidget, padding: int = 16) -> int:
    """A column wide enough for the widest date of a year in the shop's form (a fixed 80 px cut
    ``12 Dec 2026`` to ``12 Dec 2…``)."""
    from ..dates import month_samples

    return max(map(view.fontMetrics().horizontalAdvance, month_samples())) + padding
