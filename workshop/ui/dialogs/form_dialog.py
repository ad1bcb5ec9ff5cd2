"""The one form dialog. ``SimpleDialog`` is the scaffold every small dialog shares: a title, an
optional intro, labelled rows with their error lines, OK and Cancel, a size that fits the screen
(or the one it was left at) and a question before typing is thrown away. ``FormDialog`` builds
its rows from ``Field``s and saves through one service (the quality dialogs, a ticket).

A dialog built by hand adds its rows, then calls ``finish``::

    super().__init__("Convert brief to job", object_name="convertBriefDialog", ok_text="Make the job")
    self.quantity = self.add_row("&Quantity", QSpinBox(), "quantity")
    self.finish(420, minimum=(420, 0))

OK calls ``save``, which accepts; a dialog that calls a service overrides ``save`` and accepts
only when the call worked, the message having gone next to the field the service names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ...domain.errors import ValidationError
from ..plain_text import plain_label
from ..widgets.field_errors import FieldErrors, general_error_label
from ..widgets.sizing import fit_to_screen
from .record_editor import Field, FormFields
from .unsaved import guard_typing


class SimpleDialog(QDialog):
    def __init__(self, title: str, *, object_name: str, parent: QWidget | None = None,
                 intro: str | QWidget = "", ok_text: str = "", general_error: bool = False) -> None:
        """``intro``: words above the rows (shown as typed) or a widget of your own;
        ``general_error``: a red line under the rows for a message that names no field of them."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.body = QVBoxLayout(self)
        if intro:
            self.intro = intro if isinstance(intro, QWidget) else plain_label(intro, objectName="formIntro",
                                                                               wordWrap=True)
            self.body.addWidget(self.intro)
        self.rows = QFormLayout()
        self.general_error = general_error_label() if general_error else None
        self.errors = FieldErrors(self.rows, fallback=self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """A labelled row; with ``field``, the service's message about that field shows under it."""
        self.rows.addRow(label, widget)
        if field is not None:
            self.errors.register(field, widget)
        return widget

    def finish(self, width: int, height: int = 0, *, minimum: tuple[int, int] | None = None,
               stretch: bool = False, guard: str | None = "This form") -> None:
        """The rows, the buttons last, then the size (which needs the content) and the question
        before typing is lost (which watches the fields now there; ``guard=None``: no typing)."""
        if self.rows.rowCount():
            self.body.addLayout(self.rows)
        if self.general_error is not None:
            self.body.addWidget(self.general_error)
        if stretch:
            self.body.addStretch(1)
        self.body.addWidget(self.buttons)
        fit_to_screen(self, width, height, minimum=minimum)
        if guard is not None:
            guard_typing(self, guard)

    def save(self) -> None:
        self.accept()


class FormDialog(SimpleDialog):
    """Rows from ``Field``s; ``submit(values, show_error) -> Outcome``, usually
    ``ctx.call(..., on_invalid=show_error)``: the dialog closes only when it worked."""

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict, Callable], Any], *,
                 intro: str = "", ok_text: str = "Save", values: dict | None = None,
                 parent: QWidget | None = None, object_name: str = "formDialog",
                 locale: str | None = None) -> None:
        """``locale``: the shop's, when the service behind the form reads its figures in it."""
        super().__init__(title, object_name=object_name, parent=parent, intro=intro, ok_text=ok_text)
        self._submit = submit
        self.result_value: Any = None
        self.form = FormFields(fields, self, locale=locale)
        if values:
            self.form.set_values(values)
        self.rows, self.errors = self.form.layout, self.form.errors
        self.ok_button.setObjectName("formOk")
        self.finish(460, minimum=(420, 0), stretch=True)

    def widget(self, name: str) -> QWidget:
        return self.form.widgets[name]

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.rows.setRowVisible(self.form.widgets[name], visible)

    def show_error(self, error: ValidationError) -> None:
        self.errors.show(error)

    def error_text(self, field: str) -> str:
        return self.errors.message(field) or (self.form.fallback.text() if self.form.fallback.isVisible() else "")

    def save(self) -> None:
        self.errors.clear()
        outcome = self._submit(self.form.values(), self.show_error)
        if not outcome.ok:
            return
        self.result_value = outcome.value
        self.accept()
