"""Shop Floor: the bench terminal beside the board of who is on what, in the window.

A shop with one PC clocks here; a terminal by the door runs the same two widgets full screen
(``workshop terminal``, or "Full screen terminal" here).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from ..context import AppContext
from ..widgets.floor_board import FloorBoard
from ..widgets.scan_terminal import ScanTerminal
from .base import WorkshopTab


class ShopFloorTab(WorkshopTab):
    tab_id = "shop-floor"
    title = "Shop Floor"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.terminal = ScanTerminal(ctx)
        self.board = FloorBoard(ctx, big=False)
        self.board.refreshed.connect(self.status_changed)  # the status bar's count of people on the clock
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="shopFloorSplitter")
        self.splitter.addWidget(self.terminal)
        self.splitter.addWidget(self.board)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([4000, 6000])  # the board's job column needs the room; scaled to the width
        self.reconcile_button = QPushButton("Reconcile the day…", objectName="reconcileDay")
        self.reconcile_button.setToolTip("Open clock-ons someone forgot, overlaps and gaps, per operator")
        self.reconcile_button.clicked.connect(self.reconcile_day)
        self.full_screen_button = QPushButton("Full screen terminal", objectName="fullScreenTerminal")
        self.full_screen_button.setToolTip("The terminal and the board alone, filling the screen "
                                           "(for a PC by the door)")
        self.full_screen_button.clicked.connect(self.open_full_screen)
        for button in (self.reconcile_button, self.full_screen_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reconcile_button)
        buttons.addWidget(self.full_screen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self.terminal_window = None

    def focus_search(self) -> None:  # Ctrl+F: back to the scan field
        self.terminal.take_focus()

    def reconcile_day(self) -> None:
        from ..dialogs.day_review import DayReviewDialog

        DayReviewDialog(self.ctx, self).exec()
        self.terminal.come_back()

    def open_full_screen(self) -> None:
        from ..terminal_window import TerminalWindow

        from shiboken6 import isValid

        if self.terminal_window is None or not isValid(self.terminal_window):  # closed: deleted
            # a window of its own, owned by the main window: it goes when the program is closed
            self.terminal_window = TerminalWindow(self.ctx, self.window())
        self.terminal_window.show_full_screen()

    def status_text(self) -> str:
        return self.board.count.text()

    def save_state(self) -> dict[str, object]:
        return {"splitter": bytes(self.splitter.saveState().data())}

    def restore_state(self, state: dict[str, object]) -> None:
        saved = state.get("splitter")
        if isinstance(saved, (bytes, bytearray, QByteArray)):
            self.splitter.restoreState(QByteArray(saved))
