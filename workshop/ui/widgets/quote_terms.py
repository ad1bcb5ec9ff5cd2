"""A quote's wording for the customer: payment terms, what is not included, other terms, and
whether the brief's constraints (our own notes, shown here read-only) go on the printed quote."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from .. import theme
from .field_errors import FieldErrors


def _text_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name, tabChangesFocus=True)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(44)
    return edit


class QuoteTermsBox(QWidget):
    """``values()`` gives the quotes service's keywords: payment_terms, exclusions, terms,
    print_constraints."""

    FIELDS = frozenset({"payment_terms", "exclusions", "terms", "print_constraints"})

    def __init__(self, constraints: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteTermsBox")
        self.payment_terms = _text_edit("quotePaymentTerms", "e.g. 50% deposit with the order, balance on delivery")
        self.exclusions = _text_edit("quoteExclusions", "What the price does not include")
        self.terms = _text_edit("quoteTerms", "Any other terms")
        self.print_constraints = QCheckBox("Print the brief's constraints on the quote", objectName="quotePrintConstraints")
        self.print_constraints.setToolTip("Constraints are your own notes; the customer sees them only when ticked")
        self.constraints = QLabel(objectName="quoteConstraintsPreview", wordWrap=True)
        self.constraints.setTextFormat(Qt.TextFormat.PlainText)  # the customer's words, never markup
        self.constraints.setStyleSheet(theme.HINT_STYLE)
        self.constraints.setText(constraints.strip() or "The brief has no constraints.")
        self.print_constraints.setEnabled(bool(constraints.strip()))
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 4, 0, 0)
        self.form.addRow("&Payment terms", self.payment_terms)
        self.form.addRow("&Not included", self.exclusions)
        self.form.addRow("Other &terms", self.terms)
        self.form.addRow("", self.print_constraints)
        self.form.addRow("Constraints", self.constraints)
        self.errors = FieldErrors(self.form)  # messages under these fields (the dialog routes FIELDS here)
        for field, widget in (("payment_terms", self.payment_terms), ("exclusions", self.exclusions),
                              ("terms", self.terms), ("print_constraints", self.print_constraints)):
            self.errors.register(field, widget)

    def set_values(self, *, payment_terms: str, exclusions: str, terms: str, print_constraints: bool) -> None:
        self.payment_terms.setPlainText(payment_terms)
        self.exclusions.setPlainText(exclusions)
        self.terms.setPlainText(terms)
        self.print_constraints.setChecked(print_constraints)

    def values(self) -> dict:
        return {"payment_terms": self.payment_terms.toPlainText(), "exclusions": self.exclusions.toPlainText(),
                "terms": self.terms.toPlainText(), "print_constraints": self.print_constraints.isChecked()}

