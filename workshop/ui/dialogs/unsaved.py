"""The questions asked before typing could be lost: Save, Discard or Cancel before leaving
unsaved work; "Discard your changes?" before a form is reverted (its Revert button, Esc) or a
dialog with typing is closed by Esc or its close box (``guard_typing``)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QLineEdit, QMessageBox,
                               QPlainTextEdit, QTextEdit, QWidget)


class Leave(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> Leave:
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                      f"{what} has changes that are not saved yet.",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("unsavedDialog")
    box.setInformativeText("Save them before you go on?")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return Leave.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Leave.DISCARD
    return Leave.CANCEL


def confirm_discard(parent: QWidget | None, what: str) -> bool:
    """"Discard your changes?" — True only when the person says so; keeping them is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, "Discard your changes?",
                      f"{what} has changes that are not saved yet. Discard them?",
                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("discardQuestion")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard


def revert_if_confirmed(parent: QWidget | None, what: str, dirty: bool, revert: Callable[[], object]) -> bool:
    """A form's Revert (its button, Esc): with unsaved changes, only after "Discard your changes?"."""
    if dirty and not confirm_discard(parent, what):
        return False
    revert()
    return True


def _typed(dialog: QDialog) -> tuple:
    """What has been typed or chosen in a dialog's fields, to compare with when it opened."""
    values = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
            values.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            values.append(w.toPlainText())
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
        elif isinstance(w, QComboBox):
            values.append((w.currentIndex(), w.currentText()))
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
    return tuple(values)


class _TypingGuard(QObject):
    def __init__(self, dialog: QDialog, what: str, is_dirty: Callable[[], bool] | None) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.what = what
        self.opened: tuple | None = None
        self.is_dirty = is_dirty or (lambda: self.opened is not None and _typed(dialog) != self.opened)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Show and self.opened is None:
            self.opened = _typed(self.dialog)  # what it opened with (defaults, the record shown)
        elif kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            if self.is_dirty() and not confirm_discard(self.dialog, self.what):
                return True  # Esc keeps the typing
        elif kind == QEvent.Type.Close and event.spontaneous() and self.dialog.isVisible():
            # only the close box asks: a close from code (the program quitting, a test's
            # clean-up) must never wait on a question nobody is there to answer
            if self.is_dirty() and not confirm_discard(self.dialog, self.what):
                event.ignore()
                return True
        return False


def guard_typing(dialog: QDialog, what: str = "This form", is_dirty: Callable[[], bool] | None = None) -> None:
    """Esc and the close box ask "Discard your changes?" before a dialog with typing closes.
    ``is_dirty`` defaults to comparing its fields with what they held when it opened. (Cancel
    stays a deliberate choice: it closes without asking.)"""
    dialog.installEventFilter(_TypingGuard(dialog, what, is_dirty))
