"""Credit an issued invoice: all of it, or part (the lines ticked, each with the quantity or unit
price to credit). Makes a draft credit note, which then opens in its editor to be checked and issued."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHeaderView, QRadioButton, QTableWidget,
                               QTableWidgetItem, QWidget)

from ...domain.invoicing import line_net
from ...domain.locale_text import format_number
from ...domain.money import format_money
from ...services import invoice_views, invoices
from ..context import AppContext
from .form_dialog import SimpleDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DESCRIPTION, QUANTITY, UNIT, UNIT_PRICE, NET = range(5)


class CreditNoteDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, invoice_id: int, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.invoice = invoice_views.get_invoice(ctx.db, invoice_id)
        inv = self.invoice
        gross = format_money(inv.totals.gross, inv.currency, ctx.locale)
        credited = (f", of which {format_money(inv.credited, inv.currency, ctx.locale)} credited already"
                    if inv.credited else "")
        super().__init__(f"Credit note for {inv.number}", object_name="creditNoteDialog", parent=parent,
                         intro=f"{inv.number} to {inv.buyer_name}: {gross}{credited}.",
                         ok_text="Make the credit note", general_error=True)
        self.result_value = None
        self.full = QRadioButton("&All of it: every line", objectName="creditFull")
        self.part = QRadioButton("&Part: the lines ticked, with the quantity or unit price to credit",
                                 objectName="creditPart")
        group = QButtonGroup(self)
        group.addButton(self.full)
        group.addButton(self.part)
        self.full.setChecked(not inv.credited)
        self.part.setChecked(bool(inv.credited))
        self.lines = QTableWidget(len(inv.lines), 5, objectName="creditLines")
        self.lines.setHorizontalHeaderLabels(["Description", "Quantity", "Unit", "Unit price", "Net"])
        self.lines.verticalHeader().hide()
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for row, line in enumerate(inv.lines):
            description = QTableWidgetItem(line.description)
            description.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            description.setCheckState(Qt.CheckState.Unchecked)
            self.lines.setItem(row, DESCRIPTION, description)
            for column, text, editable in (
                    (QUANTITY, format_number(line.quantity.normalize(), ctx.locale), True),
                    (UNIT, line.unit, False),
                    (UNIT_PRICE, format_number(line.unit_price, ctx.locale, places=2), True),
                    (NET, format_money(line_net(line), inv.currency, ctx.locale), False)):
                item = QTableWidgetItem(text)
                if not editable:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if column != UNIT:
                    item.setTextAlignment(RIGHT)
                self.lines.setItem(row, column, item)
        self.body.addWidget(self.full)
        self.body.addWidget(self.part)
        self.body.addWidget(self.lines, 1)
        self.full.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.finish(720, 420, minimum=(560, 320), guard=None)

    def _mode_changed(self) -> None:
        self.lines.setEnabled(self.part.isChecked())

    def set_ticked(self, row: int, ticked: bool = True) -> None:
        self.lines.item(row, DESCRIPTION).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen_lines(self) -> list[dict]:
        """The ticked lines as the service takes them: the typed quantity and price (in the shop's
        locale), the original's unit, tax and reason; its discount only where nothing was changed."""
        chosen = []
        for row, line in enumerate(self.invoice.lines):
            if self.lines.item(row, DESCRIPTION).checkState() != Qt.CheckState.Checked:
                continue
            quantity = self.lines.item(row, QUANTITY).text()
            price = self.lines.item(row, UNIT_PRICE).text()
            unchanged = (quantity == format_number(line.quantity.normalize(), self.ctx.locale)
                         and price == format_number(line.unit_price, self.ctx.locale, places=2))
            chosen.append(dict(description=line.description, quantity=quantity, unit=line.unit, unit_price=price,
                               discount=line.discount if unchanged else 0, category=line.category.value,
                               rate=line.rate, exemption_reason=line.exemption_reason, deduction=line.deduction))
        return chosen

    def save(self) -> None:
        self.errors.clear()
        lines = None
        if self.part.isChecked():
            lines = self.chosen_lines()
            if not lines:
                self.general_error.setText("Tick the lines to credit, or choose All of it.")
                self.general_error.show()
                return
        outcome = self.ctx.call(self, invoices.credit_note, self.invoice.id, lines=lines, on_invalid=self.errors.show)
        if outcome.ok:
            self.result_value = outcome.value
            self.accept()
