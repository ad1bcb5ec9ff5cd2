"""Asks for a reason (hold, cancel, lost, withdrawn): OK stays disabled until one is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from .form_dialog import SimpleDialog


class ReasonDialog(SimpleDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        # the prompt is shown as typed: it may name checks and reports as they were written
        super().__init__(title, object_name="reasonDialog", parent=parent, intro=prompt)
        self.intro.setObjectName("reasonPrompt")
        self.text = QPlainTextEdit(objectName="reasonText", tabChangesFocus=True)
        self.text.setMinimumHeight(60)
        self.body.addWidget(self.text)
        self.ok_button.setEnabled(False)
        self.text.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason())))
        self.finish(460, guard="The reason")  # as tall as its prompt needs: ending work names what is unfinished

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    dialog = ReasonDialog(title, prompt, parent)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
