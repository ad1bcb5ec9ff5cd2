"""Asks for a reason (hold, cancel, lost, withdrawn): OK stays disabled until one is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..widgets.sizing import fit_to_screen
from .unsaved import guard_typing


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, objectName="reasonPrompt", wordWrap=True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # it may name checks and reports as typed
        layout.addWidget(label)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.text.textChanged.connect(lambda: self._ok.setEnabled(bool(self.reason())))
        self.text.setMinimumHeight(60)
        fit_to_screen(self, 460)  # as tall as its prompt needs: a move that ends work names what is unfinished
        guard_typing(self, "The reason")

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    dialog = ReasonDialog(title, prompt, parent)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
