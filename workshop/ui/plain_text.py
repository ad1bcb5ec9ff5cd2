"""User text is never markup. QLabel and tooltips guess rich text from the text itself, so a
customer called ``J&C <b>Ltd</b>`` would show in bold; everything that can carry a name, a
title or a note goes through here and shows exactly what was typed."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, Qt  # QtGui's Qt adds mightBeRichText and convertFromPlainText
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget


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


def tell(parent: QWidget | None, title: str, text: str) -> None:
    """A message to read and close (what was drafted, what could not be), its text as typed."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when it is longer than its room, the whole text
    in its tooltip: a long job title never widens its side of the window nor takes two lines."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **properties) -> None:
        super().__init__(text, parent, **properties)
        make_plain(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.setToolTip(plain_tooltip(text))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), text)
