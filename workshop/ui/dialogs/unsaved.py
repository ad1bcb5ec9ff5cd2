"""The one question asked before leaving unsaved work: Save, Discard or Cancel."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


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
