"""Pick a customer by typing part of the name; "New…" adds one inline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QPushButton, QWidget

from ...services import customers
from ..context import AppContext


class CustomerPicker(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.combo = QComboBox()
        self.combo.setObjectName("customerCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.lineEdit().setPlaceholderText("Type to find a customer…")
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.new_button = QPushButton("New customer…")
        self.new_button.setObjectName("newCustomerButton")
        self.new_button.clicked.connect(self.create_customer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.combo.lineEdit().textEdited.connect(lambda _t: self.changed.emit())
        self.reload()

    def reload(self) -> None:
        """Fill from the service (archived customers stay out of the way)."""
        keep = self.customer_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        for customer_id, name in customers.customer_choices(self.ctx.db):
            self.combo.addItem(name, customer_id)
        self.combo.blockSignals(False)
        self.set_customer(keep)

    def customer_id(self) -> int | None:
        text = self.combo.currentText().strip()
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return None
        if self.combo.currentIndex() >= 0 and self.combo.itemText(self.combo.currentIndex()) == text:
            index = self.combo.currentIndex()  # two customers may share a name: keep the chosen one
        return self.combo.itemData(index)

    def set_customer(self, customer_id: int | None, name: str = "") -> None:
        self.combo.blockSignals(True)
        index = self.combo.findData(customer_id) if customer_id is not None else -1
        if index < 0 and customer_id is not None and name:  # e.g. an archived customer
            self.combo.addItem(name, customer_id)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText("")
        self.combo.blockSignals(False)

    def create_customer(self) -> None:
        from ..dialogs.customer_quick import NewCustomerDialog

        typed = self.combo.currentText().strip() if self.customer_id() is None else ""
        dialog = NewCustomerDialog(self.ctx, self, name=typed)
        if dialog.exec() == NewCustomerDialog.DialogCode.Accepted and dialog.customer is not None:
            self.reload()
            self.set_customer(dialog.customer.id, dialog.customer.name)
            self.changed.emit()
