"""The lines of an invoice as a table to type in: description, quantity, unit, unit price,
discount, tax category, rate and (exempt, reverse charge) the reason, with each line's net.
Figures are typed in the shop's locale (``12,50`` in a German shop); ``typed_lines`` reads them
as the service will, for the live totals."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...domain.errors import ValidationError
from ...domain.invoicing import LineInput, TaxCategory, line_error, line_net
from ...domain import validation as v
from ...domain.locale_text import format_number
from ...domain.money import format_money
from .field_errors import line_of_field

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DESCRIPTION, QUANTITY, UNIT, UNIT_PRICE, DISCOUNT, CATEGORY, RATE, REASON, NET = range(9)
HEADERS = ["Description", "Quantity", "Unit", "Unit price", "Discount", "Tax", "Rate %", "Exemption reason", "Net"]
#: the service's name of each typed column (for its error messages)
FIELDS = {"description": DESCRIPTION, "quantity": QUANTITY, "unit": UNIT, "unit_price": UNIT_PRICE,
          "discount": DISCOUNT, "category": CATEGORY, "rate": RATE, "exemption_reason": REASON}
CATEGORY_LABELS = {category: category.label for category in TaxCategory}  # in the combo's order
DEDUCTION_ROLE = Qt.ItemDataRole.UserRole


class InvoiceLinesTable(QTableWidget):
    #: a line was typed in, added, removed or moved
    edited = Signal()

    def __init__(self, locale: str, currency: str, default_rate: Decimal, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("invoiceLines")
        self.locale, self.currency, self.default_rate = locale, currency, default_rate
        self.read_only = False
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.horizontalHeader()
        for column, width in ((QUANTITY, 70), (UNIT, 48), (UNIT_PRICE, 86), (DISCOUNT, 72), (CATEGORY, 122),
                              (RATE, 56), (REASON, 140), (NET, 92)):
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(self._item_changed)

    # --- filling --------------------------------------------------------------------------------
    def set_lines(self, lines: tuple[LineInput, ...] | list[LineInput]) -> None:
        self.setRowCount(0)
        for line in lines:
            self.add_line(line)

    def add_line(self, line: LineInput | None = None, at: int | None = None) -> int:
        """A line (a new one: standard rate, unit "ea") after the current one, or at ``at``."""
        row = self.rowCount() if at is None else at
        self.blockSignals(True)
        self.insertRow(row)
        category = line.category if line else TaxCategory.STANDARD
        rate = line.rate if line else self.default_rate
        texts = {DESCRIPTION: line.description if line else "",
                 QUANTITY: format_number(line.quantity.normalize(), self.locale) if line else "1",
                 UNIT: line.unit if line else "ea",
                 UNIT_PRICE: format_number(line.unit_price, self.locale, places=2) if line else "",
                 DISCOUNT: format_number(line.discount, self.locale, places=2) if line and line.discount else "",
                 RATE: format_number(Decimal(rate).normalize(), self.locale),
                 REASON: line.exemption_reason if line else "", NET: ""}
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            if column in (QUANTITY, UNIT_PRICE, DISCOUNT, RATE, NET):
                item.setTextAlignment(RIGHT)
            self.setItem(row, column, item)
        self.item(row, DESCRIPTION).setData(DEDUCTION_ROLE, bool(line and line.deduction))
        self.item(row, NET).setFlags(Qt.ItemFlag.ItemIsEnabled)
        combo = QComboBox()
        combo.setObjectName(f"lineCategory{row}")
        for value, label in CATEGORY_LABELS.items():
            combo.addItem(label, value.value)
        combo.setCurrentIndex(combo.findData(TaxCategory(category).value))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._category_changed(c))
        self.setCellWidget(row, CATEGORY, combo)
        self._reason_editable(row)
        self.blockSignals(False)
        self._changed()
        return row

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        triggers = QAbstractItemView.EditTrigger  # not on moving to a cell: it would open selected
        self.setEditTriggers(triggers.NoEditTriggers if read_only else
                             triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                             | triggers.SelectedClicked)
        for row in range(self.rowCount()):
            self.cellWidget(row, CATEGORY).setEnabled(not read_only)

    # --- changing -------------------------------------------------------------------------------
    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self._changed()

    def move_current(self, step: int) -> None:
        """Move the current line up (-1) or down (+1)."""
        row, column = self.currentRow(), max(self.currentColumn(), 0)
        target = row + step
        if row < 0 or not 0 <= target < self.rowCount():
            return
        values = self.values()
        values.insert(target, values.pop(row))
        deductions = [self.item(r, DESCRIPTION).data(DEDUCTION_ROLE) for r in range(self.rowCount())]
        deductions.insert(target, deductions.pop(row))
        self._set_values(values, deductions)
        self.setCurrentCell(target, column)

    def _set_values(self, values: list[dict], deductions: list[bool]) -> None:
        self.setRowCount(0)
        for value, deduction in zip(values, deductions):
            row = self.add_line()
            self.blockSignals(True)
            for name, column in FIELDS.items():
                if column == CATEGORY:
                    combo = self.cellWidget(row, CATEGORY)
                    combo.blockSignals(True)
                    combo.setCurrentIndex(combo.findData(value[name]))
                    combo.blockSignals(False)
                else:
                    self.item(row, column).setText(value[name])
            self.item(row, DESCRIPTION).setData(DEDUCTION_ROLE, deduction)
            self._reason_editable(row)
            self.blockSignals(False)
        self._changed()

    def _category_changed(self, combo: QComboBox) -> None:
        row = next(r for r in range(self.rowCount()) if self.cellWidget(r, CATEGORY) is combo)
        category = TaxCategory(combo.currentData())
        rate = self.item(row, RATE)
        if category is TaxCategory.STANDARD:
            rate.setText(format_number(self.default_rate.normalize(), self.locale))
        elif not category.charges_tax:
            rate.setText("0")
        self._reason_editable(row)
        self._changed()

    def _reason_editable(self, row: int) -> None:
        """Only an exempt or reverse-charge line says why it carries no tax."""
        category = TaxCategory(self.cellWidget(row, CATEGORY).currentData())
        reason = self.item(row, REASON)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if category.needs_reason:
            reason.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
        else:
            reason.setText("")
            reason.setFlags(flags)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != NET:
            self._changed()

    def _changed(self) -> None:
        self._show_nets()
        self.edited.emit()

    def _show_nets(self) -> None:
        self.blockSignals(True)
        for row in range(self.rowCount()):
            try:
                net = format_money(line_net(self.typed_line(row)), self.currency, self.locale)
            except (ValidationError, ArithmeticError, ValueError):
                net = "—"
            self.item(row, NET).setText(net)
        self.blockSignals(False)

    # --- reading --------------------------------------------------------------------------------
    def values(self) -> list[dict]:
        """The lines as typed, as the service takes them (its own reading names any mistake)."""
        out = []
        for row in range(self.rowCount()):
            value = {name: self.item(row, column).text() for name, column in FIELDS.items() if column != CATEGORY}
            value["category"] = self.cellWidget(row, CATEGORY).currentData()
            value["deduction"] = bool(self.item(row, DESCRIPTION).data(DEDUCTION_ROLE))
            out.append(value)
        return out

    def typed_line(self, row: int) -> LineInput:
        """Line ``row`` read as the service reads it; a figure that is no number raises, naming it."""
        value = self.values()[row]

        def figure(name: str, blank: str = "") -> Decimal:
            try:  # read only: the service checks the ranges and places when it saves
                return v.decimal(name, value[name].strip() or blank, minimum=None, places=3, as_written=True,
                                 locale=self.locale)
            except ValidationError as exc:
                raise line_error(row, name, exc.message) from None

        category = TaxCategory(value["category"])
        return LineInput(description=value["description"], quantity=figure("quantity"), unit=value["unit"],
                         unit_price=figure("unit_price"), discount=figure("discount", "0"), category=category,
                         rate=figure("rate", str(self.default_rate) if category is TaxCategory.STANDARD else "0"),
                         exemption_reason=value["exemption_reason"], deduction=value["deduction"])

    def typed_lines(self) -> list[LineInput]:
        return [self.typed_line(row) for row in range(self.rowCount())]

    def show_field(self, field: str) -> bool:
        """Go to the cell a service's error names (``lines[2].unit_price``); False if it names none."""
        found = line_of_field(field, self.rowCount())
        if found is not None:
            self.setCurrentCell(found[0], FIELDS.get(found[1], DESCRIPTION))
        return found is not None
