"""A purchase order's lines as a table to type in: a material (chosen from the stock list) or free
text, quantity, unit, unit price, expected date and the job a line is bought for, with each
line's amount. Figures and dates are typed in the shop's locale; the service reads them and names
any mistake as ``lines[i].field``, which ``show_field`` goes to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...domain import validation as v
from ...domain.errors import ValidationError
from ...domain.locale_text import NotInLocale, format_date, format_number, parse_date
from ...domain.money import round_money
from ...services.purchase_orders import PurchaseOrderLineInput, PurchaseOrderLineView
from ..models.stock_models import quantity_text
from .field_errors import line_of_field

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CODE, DESCRIPTION, QUANTITY, UNIT, UNIT_PRICE, EXPECTED, JOB, AMOUNT, RECEIVED = range(9)
HEADERS = ["Material", "Description", "Quantity", "Unit", "Unit price", "Expected", "For job", "Amount", "Received"]
FIELDS = {"material_id": CODE, "description": DESCRIPTION, "quantity": QUANTITY, "unit": UNIT,
          "unit_price": UNIT_PRICE, "expected_on": EXPECTED, "job_id": JOB}
#: on the Material cell: the material's id (None: free text); on the Job cell: the job's id as loaded
ID_ROLE = Qt.ItemDataRole.UserRole
#: on the Material cell: the order line's id; on the Job cell: the job's number as loaded
LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class PurchaseOrderLinesTable(QTableWidget):
    edited = Signal()

    def __init__(self, locale: str, money, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("purchaseOrderLines")
        self.locale, self.money = locale, money
        self.read_only = False
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for column, width in ((CODE, 100), (QUANTITY, 76), (UNIT, 48), (UNIT_PRICE, 90), (EXPECTED, 104),
                              (JOB, 104), (AMOUNT, 96), (RECEIVED, 76)):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(self._item_changed)

    # --- filling --------------------------------------------------------------------------------
    def add_line(self, *, material_id: int | None = None, code: str = "", description: str = "",
                 quantity: str = "1", unit: str = "ea", unit_price: str = "", expected: str = "",
                 job_number: str = "", job_id: int | None = None, received: str = "", line_id: int | None = None) -> int:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        texts = {CODE: code, DESCRIPTION: description, QUANTITY: quantity, UNIT: unit, UNIT_PRICE: unit_price,
                 EXPECTED: expected, JOB: job_number, AMOUNT: "", RECEIVED: received}
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            if column in (QUANTITY, UNIT_PRICE, AMOUNT, RECEIVED):
                item.setTextAlignment(RIGHT)
            if column in (CODE, AMOUNT, RECEIVED) or (column == UNIT and material_id is not None):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # not typed
            self.setItem(row, column, item)
        self.item(row, CODE).setData(ID_ROLE, material_id)
        self.item(row, CODE).setData(LINE_ROLE, line_id)
        self.item(row, JOB).setData(ID_ROLE, job_id)
        self.item(row, JOB).setData(LINE_ROLE, job_number if job_id is not None else None)  # as loaded
        self.blockSignals(False)
        self._changed()
        self.setCurrentCell(row, QUANTITY if material_id is not None else DESCRIPTION)
        return row

    def add_material(self, material, unit_price=None) -> int:
        """A line for ``material`` (a MaterialView), priced at ``unit_price`` or its average cost."""
        price = material.unit_cost if unit_price is None else unit_price
        return self.add_line(material_id=material.id, code=material.code, description=material.name,
                             unit=material.unit, unit_price=format_number(price, self.locale, places=2))

    def set_lines(self, lines: tuple[PurchaseOrderLineView, ...]) -> None:
        self.setRowCount(0)
        for line in lines:
            self.add_line(material_id=line.material_id, code=line.material_code, description=line.description,
                          quantity=quantity_text(line.quantity, self.locale), unit=line.unit,
                          unit_price=format_number(line.unit_price, self.locale, places=2),
                          expected=format_date(line.expected_on, self.locale) if line.expected_on else "",
                          job_number=line.job_number, job_id=line.job_id,
                          received=quantity_text(line.received, self.locale) if line.received else "",
                          line_id=line.id)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.NoEditTriggers if read_only else
                             triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                             | triggers.SelectedClicked)

    def remove_current(self) -> None:
        if (row := self.currentRow()) >= 0:
            self.removeRow(row)
            self._changed()

    # --- reading --------------------------------------------------------------------------------
    def text(self, row: int, column: int) -> str:
        return self.item(row, column).text().strip()

    def values(self) -> list[tuple]:
        """Everything typed, to tell whether the lines changed."""
        return [tuple(self.text(row, c) for c in range(len(HEADERS))) for row in range(self.rowCount())]

    def job_of(self, row: int, find_job) -> int | None:
        """The job line ``row`` is for: the one loaded, else the number typed (``find_job(number)``
        gives its id or raises); None for none."""
        number = self.text(row, JOB)
        if not number:
            return None
        item = self.item(row, JOB)
        if item.data(ID_ROLE) is not None and number == item.data(LINE_ROLE):
            return item.data(ID_ROLE)
        try:
            return find_job(number)
        except ValidationError as exc:
            raise ValidationError(f"lines[{row}].job_id", f"Line {row + 1}: {exc.message}") from None

    def expected_of(self, row: int) -> dt.date | str | None:
        text = self.text(row, EXPECTED)
        if not text:
            return None
        try:
            return parse_date(text, self.locale)
        except NotInLocale:
            return text  # the service names it

    def inputs(self, find_job) -> list[PurchaseOrderLineInput]:
        """The lines as the service takes them; figures as typed (the service reads the locale)."""
        out = []
        for row in range(self.rowCount()):
            out.append(PurchaseOrderLineInput(
                quantity=self.text(row, QUANTITY), unit_price=self.text(row, UNIT_PRICE),
                material_id=self.item(row, CODE).data(ID_ROLE), description=self.text(row, DESCRIPTION),
                unit=self.text(row, UNIT) or None, expected_on=self.expected_of(row),
                job_id=self.job_of(row, find_job)))
        return out

    def show_field(self, field: str) -> bool:
        """Go to the cell a service's error names (``lines[2].unit_price``); False if it names none."""
        found = line_of_field(field, self.rowCount())
        if found is not None:
            self.setCurrentCell(found[0], FIELDS.get(found[1], DESCRIPTION))
        return found is not None

    # --- amounts --------------------------------------------------------------------------------
    def amount(self, row: int) -> Decimal | None:
        try:
            quantity = v.decimal("quantity", self.text(row, QUANTITY), places=3, as_written=True, locale=self.locale)
            price = v.decimal("unit_price", self.text(row, UNIT_PRICE), places=4, as_written=True,
                              locale=self.locale)
        except ValidationError:
            return None
        return round_money(quantity * price)

    def total(self) -> Decimal | None:
        amounts = [self.amount(row) for row in range(self.rowCount())]
        return None if None in amounts else sum(amounts, Decimal(0))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() not in (AMOUNT, RECEIVED):
            self._changed()

    def _changed(self) -> None:
        self.blockSignals(True)
        for row in range(self.rowCount()):
            amount = self.amount(row)
            self.item(row, AMOUNT).setText("—" if amount is None else self.money(amount))
        self.blockSignals(False)
        self.edited.emit()
