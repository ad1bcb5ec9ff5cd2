"""One small pattern for the quality dialogs (a check, a correction, a finished-goods test, a
disposition, a verification, a ticket): fields in a form, Save calls one service, and the
dialog closes only when that worked — otherwise the message shows next to the field the
service names and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...domain.errors import ValidationError
from ..widgets.sizing import fit_to_screen
from .record_editor import Field, FormFields
from .unsaved import guard_typing


class FormDialog(QDialog):
    """``submit(values, show_error) -> Outcome``: usually ``ctx.call(..., on_invalid=show_error)``."""

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict, Callable], Any], *,
                 intro: str = "", ok_text: str = "Save", values: dict | None = None,
                 parent: QWidget | None = None, object_name: str = "formDialog",
                 locale: str | None = None) -> None:
        """``locale``: the shop's, when the service behind the form reads its figures in it."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self._submit = submit
        self.result_value: Any = None
        self.form = FormFields(fields, self, locale=locale)
        if values:
            self.form.set_values(values)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, objectName="formIntro", wordWrap=True)
            layout.addWidget(label)
        layout.addLayout(self.form.layout)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("formOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 460, minimum=(420, 0))
        guard_typing(self)

    def widget(self, name: str) -> QWidget:
        return self.form.widgets[name]

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.form.layout.setRowVisible(self.form.widgets[name], visible)

    def show_error(self, error: ValidationError) -> None:
        self.form.errors.show(error)

    def error_text(self, field: str) -> str:
        return self.form.errors.message(field) or (self.form.fallback.text() if self.form.fallback.isVisible()
                                                   else "")

    def save(self) -> None:
        self.form.errors.clear()
        outcome = self._submit(self.form.values(), self.show_error)
        if not outcome.ok:
            return
        self.result_value = outcome.value
        self.accept()
