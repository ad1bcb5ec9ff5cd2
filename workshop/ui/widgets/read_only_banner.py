"""The yellow bar at the top of the window while the shop is open read-only: why, and how to get
write access back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ...db.engine import Database


def banner_text(db: Database) -> str:
    reason = db.read_only_reason or "it was opened that way"
    return (f"Read-only: this shop is open read-only because {reason}. You can look things up, but nothing can "
            "be saved. To make changes, remove the cause (close Workshop on the other PC, or get write access to "
            "the file), then click “Open for changes”.")


class ReadOnlyBanner(QFrame):
    def __init__(self, reopen, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet("#readOnlyBanner { background: #fff3b0; border-bottom: 1px solid #d9b800; }"
                           "#readOnlyBanner QLabel { color: #3d3200; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("readOnlyReason")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a folder may be called anything
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.reopen_button = QPushButton("Open for changes")
        self.reopen_button.setObjectName("reopenForChanges")
        self.reopen_button.clicked.connect(lambda _checked=False: reopen())
        layout.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_for(self, db: Database) -> None:
        """Shown (saying why) while ``db`` is read-only, hidden otherwise."""
        if db.read_only:
            self.label.setText(banner_text(db))
            self.reopen_button.setVisible(db.file_path is not None)
            self.show()
        else:
            self.hide()
