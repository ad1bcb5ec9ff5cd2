"""Tax codes: how each of the shop's tax rates is named in Xero and QuickBooks Online.

A small table, one row per tax category and rate, that starts from the mapping as saved plus
the rates the shop's invoices use (``tax_codes.tax_codes_to_edit``). Save replaces the whole
mapping; a bad row keeps the dialog open, says what is wrong and puts the cursor in that cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableWidget, QWidget

from ...domain.accounting_rows import TaxCode
from ...domain.errors import ValidationError
from ...domain.invoicing import TaxCategory
from ...domain.locale_text import format_number
from ...services import tax_codes
from ..context import AppContext
from .form_dialog import SimpleDialog

#: (the service's field, the column's heading, its width; 0 stretches)
COLUMNS = (("category", "Category", 130), ("rate", "Rate %", 70), ("xero_tax_type", "Xero tax type", 0),
           ("xero_account_code", "Xero account", 100), ("quickbooks_tax_code", "QuickBooks tax code", 160))
_PLACEHOLDERS = {"xero_tax_type": "e.g. 20% (VAT on Income)", "xero_account_code": "e.g. 200",
                 "quickbooks_tax_code": "e.g. 20.0% S"}
_NAMES = [name for name, _, _ in COLUMNS]
_ROW_FIELD = re.compile(r"^rows\[(\d+)\]\.(\w+)$")


def rate_text(rate: Decimal, locale: str) -> str:
    """20.00 → "20", 5.50 → "5.5" (in de_DE "5,5"): the rate as a person types it."""
    return format_number(Decimal(format(rate.normalize(), "f")), locale)


class TaxCodesDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Tax codes for Xero and QuickBooks", object_name="taxCodesDialog", parent=parent,
                         ok_text="Save", general_error=True,
                         intro="How each of the shop's tax rates is named in Xero and QuickBooks Online. Type "
                               "Xero's tax type exactly as Xero shows it. An export refuses a rate with no row here.")
        self.ctx = ctx
        self.result_value = None
        self.table = QTableWidget(0, len(COLUMNS), objectName="taxCodesTable")
        self.table.setHorizontalHeaderLabels([heading for _, heading, _ in COLUMNS])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, (_, _, width) in enumerate(COLUMNS):
            if width:
                self.table.setColumnWidth(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add row", objectName="taxAddRow")
        self.add_button.clicked.connect(lambda: self.add_row_of())
        self.remove_button = QPushButton("&Remove row", objectName="taxRemoveRow")
        self.remove_button.clicked.connect(self.remove_current_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(buttons)
        for code in tax_codes.tax_codes_to_edit(ctx.db):
            self.add_row_of(code)
        self.finish(820, 380, minimum=(600, 300), guard=None)

    def add_row_of(self, code: TaxCode | None = None) -> int:
        """A row for ``code``, or an empty standard-rate row for the person to fill in."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        category = QComboBox()
        for value in TaxCategory:
            category.addItem(value.label, value.value)
        category.setCurrentIndex(category.findData((code.category if code else TaxCategory.STANDARD).value))
        self.table.setCellWidget(row, 0, category)
        rate = "" if code is None else rate_text(code.rate, self.ctx.locale)
        texts = {"rate": rate, **{name: getattr(code, name, "") for name in _PLACEHOLDERS}}
        for column, (name, _, _) in enumerate(COLUMNS[1:], start=1):
            edit = QLineEdit(texts[name], placeholderText=_PLACEHOLDERS.get(name, ""))
            edit.setFrame(False)
            self.table.setCellWidget(row, column, edit)
        self.table.setCurrentCell(row, 0)
        return row

    def remove_current_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def cell(self, row: int, name: str) -> QWidget:
        """The widget of field ``name`` in ``row`` (a combo box for the category, else a line edit)."""
        return self.table.cellWidget(row, _NAMES.index(name))

    def typed_rows(self) -> list[dict[str, str]]:
        return [{name: (self.cell(row, name).currentData() if name == "category" else self.cell(row, name).text())
                 for name in _NAMES} for row in range(self.table.rowCount())]

    def show_invalid(self, error: ValidationError) -> None:
        self.errors.show(error)  # no field of the form: the red line under the table
        found = _ROW_FIELD.match(error.field)
        if found and int(found.group(1)) < self.table.rowCount():
            row, name = int(found.group(1)), found.group(2)
            if name in _NAMES:
                self.table.setCurrentCell(row, _NAMES.index(name))
                self.cell(row, name).setFocus()

    def save(self) -> None:
        self.errors.clear()
        saved = self.ctx.call(self, tax_codes.save_tax_codes, self.typed_rows(), on_invalid=self.show_invalid)
        if saved.ok:
            self.result_value = saved.value
            self.accept()


__all__ = ["TaxCodesDialog"]
