"""The full-screen terminal for a PC by the workshop door: the scan field and the board, nothing else.

``workshop terminal --db X`` starts it the way the window starts (the crash hook first, the shop
opened with its writer lock and a dialog for every fault); the Shop Floor tab opens the same window
over its own shop. Esc never closes it (a person answering a question presses Esc); the small Close
button does, after asking.
"""

from __future__ import annotations


from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from .. import __version__
from .context import AppContext
from .plain_text import ask_yes_no, plain_label
from .widgets.floor_board import FloorBoard
from .widgets.scan_terminal import ScanTerminal


class TerminalWindow(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("terminalWindow")
        self.setWindowTitle(f"Workshop terminal — {ctx.db.display_name}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.writer_lock = None  # the shop's write lock, when run_terminal took it (released on leaving)
        self.terminal = ScanTerminal(ctx)
        self.board = FloorBoard(ctx, big=True)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="terminalSplitter")
        splitter.addWidget(self.terminal)
        splitter.addWidget(self.board)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 7)
        splitter.setSizes([5000, 7000])  # the board's job column needs the room; scaled to the width
        self.close_button = QPushButton("Close", objectName="terminalClose")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.close_button.clicked.connect(self.ask_to_close)
        shop = plain_label(f"Workshop {__version__} · {ctx.db.display_name}", objectName="terminalShop")
        shop.setStyleSheet("color: #777777;")
        top = QHBoxLayout()
        top.addWidget(shop, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def show_full_screen(self) -> None:
        self.showFullScreen()
        self.activateWindow()
        QTimer.singleShot(300, self, self._fill_the_screen)  # not after the window has gone

    def _fill_the_screen(self) -> None:
        """Without a window manager (a kiosk PC) full screen alone leaves the window at its first size."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if self.geometry() != screen.geometry():
            self.setGeometry(screen.geometry())

    def confirm_close(self) -> bool:
        confirmed = ask_yes_no(self, "Close the terminal",
                               "Close the terminal? Nobody can clock on here until it is started again.")
        self.terminal.come_back()
        return confirmed

    def ask_to_close(self) -> None:
        if self.confirm_close():
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        # Closed by the window system (Alt+F4, the title bar): ask as the Close button does. A close
        # from the program itself (quitting, the tab's owner) needs no question.
        if event.spontaneous() and not self.confirm_close():
            event.ignore()
            return
        event.accept()


def run_terminal(db_target: str | None) -> int:
    """``workshop terminal``: the terminal full screen over the shop ``db_target``."""
    from .app import run_shop_window

    def show(opened) -> TerminalWindow:
        window = TerminalWindow(AppContext(opened.db))
        window.writer_lock = opened.lock
        window.show_full_screen()
        return window

    return run_shop_window(db_target, show)
