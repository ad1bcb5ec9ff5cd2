"""Choosers the purchasing dialogs share: a supplier (type part of the name), and a job that may
be none (bought for stock)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...services import suppliers
from ..context import AppContext
from .routing_job_picker import JobPicker

NO_JOB = "For stock (no job)"


class SupplierCombo(QComboBox):
    """Active suppliers by name; ``supplier_id()`` is None until one is chosen."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, object_name: str = "supplierCombo") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(object_name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText("Type to find a supplier…")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.reload()

    def reload(self) -> None:
        keep = self.supplier_id()
        self.blockSignals(True)
        self.clear()
        for supplier in suppliers.list_suppliers(self.ctx.db):
            self.addItem(supplier.name, supplier.id)
        self.blockSignals(False)
        self.set_supplier(keep)

    def supplier_id(self) -> int | None:
        text = self.currentText().strip()
        if self.currentIndex() >= 0 and self.itemText(self.currentIndex()) == text:
            return self.itemData(self.currentIndex())
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None

    def set_supplier(self, supplier_id: int | None, name: str = "") -> None:
        """Show ``supplier_id`` (an inactive one, named ``name``, is added for this order)."""
        self.blockSignals(True)
        index = self.findData(supplier_id) if supplier_id is not None else -1
        if index < 0 and supplier_id is not None and name:
            self.addItem(name, supplier_id)
            index = self.count() - 1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.blockSignals(False)
        self.changed.emit()


class OptionalJobPicker(JobPicker):
    """Open jobs, soonest due first, after "For stock (no job)"; any job can be typed by number."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, object_name: str = "jobPicker") -> None:
        super().__init__(ctx, parent)
        self.setObjectName(object_name)
        self.setMinimumContentsLength(28)
        self.lineEdit().setPlaceholderText("A job, or for stock")

    def reload(self) -> None:
        current = self.job_id()
        super().reload()
        self.blockSignals(True)
        self.insertItem(0, NO_JOB, None)
        if current is None:
            self.setCurrentIndex(0)
        self.blockSignals(False)

    def set_job(self, job_id: int | None) -> None:
        if job_id is None:
            self.setCurrentIndex(0)
        else:
            self.show_job(job_id)
