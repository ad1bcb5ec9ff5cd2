"""The brief's own fields: customer, title, requirements, constraints, budget, required-by.

The form only holds what was typed; the service checks it and the form shows the message
next to the field it names.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...domain.locale_text import format_number
from ...services.briefs import BriefDetail
from ..context import AppContext
from ..theme import ERROR_STYLE
from .customer_picker import CustomerPicker
from .date_edit import date_field
from .cost_common import money_symbol
from .field_errors import FieldErrors


#: The form's fields as the conflict dialog names them (the form's own labels).
FIELD_LABELS = {"customer_id": "Customer", "title": "Title", "requirements": "Requirements",
                "constraints": "Constraints", "budget": "Budget", "required_by": "Required by"}


class BriefForm(QWidget):
    dirty_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = ctx.locale
        self.customer = CustomerPicker(ctx)
        self.title = QLineEdit()
        self.title.setObjectName("briefTitle")
        self.title.setPlaceholderText("What the customer wants, in a few words")
        self.requirements = QPlainTextEdit()
        self.requirements.setObjectName("briefRequirements")
        self.requirements.setPlaceholderText("Sizes, materials, finish, quantities …")
        self.constraints = QPlainTextEdit()
        self.constraints.setObjectName("briefConstraints")
        self.constraints.setPlaceholderText("Access, site, deadlines, things to avoid …")
        for edit in (self.requirements, self.constraints):
            edit.setTabChangesFocus(True)
        self.requirements.setMinimumHeight(70)
        self.constraints.setMinimumHeight(48)
        self.budget = QLineEdit()
        self.budget.setObjectName("briefBudget")
        self.budget.setPlaceholderText(f"e.g. {format_number(2400, ctx.locale, places=2)} (leave empty if not known)")
        self.budget.setMaximumWidth(260)
        self.required_by = date_field(ctx, optional=True, object_name="briefRequiredBy")

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("&Customer", self.customer)
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Requirements", self.requirements)
        self.form.addRow("C&onstraints", self.constraints)
        self.form.addRow(f"&Budget ({money_symbol(ctx.db)})", self.budget)  # money shows its currency
        self.form.addRow("Required b&y", self.required_by)
        self.fallback_error = QLabel()
        self.fallback_error.setObjectName("briefError")
        self.fallback_error.setStyleSheet(ERROR_STYLE)
        self.fallback_error.setWordWrap(True)
        self.form.addRow(self.fallback_error)
        self.errors = FieldErrors(self.form, fallback=self.fallback_error)
        for field, widget in (("customer_id", self.customer), ("title", self.title),
                              ("requirements", self.requirements), ("constraints", self.constraints),
                              ("budget", self.budget), ("required_by", self.required_by)):
            self.errors.register(field, widget)
        self.errors.clear()

        self._loaded: dict = self.values()
        self._dirty = False
        self.customer.changed.connect(self._check_dirty)
        self.title.textChanged.connect(self._check_dirty)
        self.requirements.textChanged.connect(self._check_dirty)
        self.constraints.textChanged.connect(self._check_dirty)
        self.budget.textChanged.connect(self._check_dirty)
        self.required_by.changed.connect(self._check_dirty)

    def values(self) -> dict:
        """What is typed, as the service takes it (the budget stays text for it to check)."""
        return {
            "customer_id": self.customer.customer_id(),
            "title": self.title.text(),
            "requirements": self.requirements.toPlainText(),
            "constraints": self.constraints.toPlainText(),
            "budget": self.budget.text(),
            "required_by": self.required_by.value(),
        }

    def values_of(self, brief: BriefDetail) -> dict:
        """The brief as the form shows it, field for field as ``values()`` gives what is typed (the
        budget in the shop's locale: saving what is shown reads back the same figure, 1.250,00 in de_DE)."""
        return {"customer_id": brief.customer_id, "title": brief.title, "requirements": brief.requirements,
                "constraints": brief.constraints, "budget": format_number(brief.budget, self.locale, places=2),
                "required_by": brief.required_by}

    def load(self, brief: BriefDetail | None) -> None:
        """Show a brief, or empty fields for a new one."""
        self.errors.clear()
        if brief is None:
            self.customer.set_customer(None)
        else:
            self.customer.set_customer(brief.customer_id, brief.customer_name)
        shown = self.values_of(brief) if brief else {}
        self.title.setText(shown.get("title", ""))
        self.requirements.setPlainText(shown.get("requirements", ""))
        self.constraints.setPlainText(shown.get("constraints", ""))
        self.budget.setText(shown.get("budget", ""))
        self.required_by.set_date(shown.get("required_by"))
        self.mark_clean()

    def began(self) -> dict:
        """What the form showed when it was loaded (or last saved)."""
        return dict(self._loaded)

    def mark_clean(self) -> None:
        self._loaded = self.values()
        self._check_dirty()

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    def _check_dirty(self, *_args) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
