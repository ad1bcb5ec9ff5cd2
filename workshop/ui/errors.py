"""Dialogs for failures: a short message with copyable details for expected ones, a crash
dialog for bugs (the work is already committed or rolled back, never half-written)."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import ValidationError, WorkshopError


def show_error(parent: QWidget | None, error: WorkshopError, title: str = "Workshop") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages name what the person typed: never markup
    details = error.details or (str(error) if isinstance(error, ValidationError) else "")
    if details:
        box.setDetailedText(details)  # the details pane's text can be selected and copied
    box.setObjectName("errorDialog")
    box.exec()


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical, "Workshop — something went wrong",
        "Workshop met an unexpected problem. What you had saved is safe; the change you were making "
        "was not saved. Please send the details below to whoever looks after Workshop.",
        QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(text)
    box.setObjectName("crashDialog")
    box.exec()


def install_excepthook(parent_getter=lambda: None) -> None:
    """Route uncaught exceptions in Qt slots to the crash dialog instead of killing the app."""
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc.__traceback__ = tb
        if isinstance(exc, WorkshopError):
            show_error(parent_getter(), exc)
        else:
            traceback.print_exception(exc_type, exc, tb)
            show_crash(parent_getter(), exc)

    sys.excepthook = hook
