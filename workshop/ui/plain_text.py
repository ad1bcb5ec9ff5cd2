"""User text is never markup. QLabel and tooltips guess rich text from the text itself, so a
customer called ``J&C <b>Ltd</b>`` would show in bold; everything that can carry a name, a
title or a note goes through here and shows exactly what was typed."""

from __future__ import annotations

from PySide6.QtGui import Qt  # QtGui's Qt adds mightBeRichText and convertFromPlainText
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def make_plain(*labels: QLabel) -> None:
    """Show these labels' text as typed, never as markup."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_label(text: str = "", parent: QWidget | None = None, **properties) -> QLabel:
    """A QLabel that shows its text as typed (``objectName=``, ``wordWrap=`` … as for QLabel)."""
    label = QLabel(text, parent, **properties)
    make_plain(label)
    return label


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip showing ``text`` as typed: text that Qt would take for markup is escaped into
    rich text that reads literally; ordinary text is returned unchanged."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question (No unless Yes is chosen) whose text, naming an operation, a file or a
    check as typed, shows as typed."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
