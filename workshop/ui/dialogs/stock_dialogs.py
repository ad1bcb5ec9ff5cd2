"""Small stock dialogs: a correction by hand (with its reason), and the stock's value at the end
of a chosen day."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from ...domain.errors import ValidationError
from ...services import stock_ledger
from ..context import AppContext
from ..models.paged import RowsTableModel
from ..models.stock_models import quantity_text, valuation_columns
from ..plain_text import plain_label
from ..widgets.cost_common import money_formatter
from ..widgets.date_edit import date_field
from ..widgets.stock_page import list_table
from .form_dialog import SimpleDialog


class AdjustStockDialog(SimpleDialog):
    """Add or take off stock by hand (found, damaged, miscounted), at the average cost."""

    def __init__(self, ctx: AppContext, position, parent: QWidget | None = None) -> None:
        super().__init__(f"Adjust {position.code}", object_name="adjustStockDialog", parent=parent, ok_text="&Book",
                         intro=f"{position.code} {position.name}: {quantity_text(position.on_hand, ctx.locale)} "
                               f"{position.unit} on hand. Type the change: 3 to add, -3 to take off. It is booked "
                               "at the average cost, with your reason.")
        self.ctx, self.material_id = ctx, position.material_id
        self.result_value = None
        self.quantity = self.add_row("&Change", QLineEdit(objectName="adjustQuantity"), "quantity_change")
        self.quantity.setMaximumWidth(160)
        self.reason = self.add_row("&Reason", QPlainTextEdit(objectName="adjustReason", tabChangesFocus=True),
                                   "reason")
        self.reason.setFixedHeight(60)
        self.finish(480)

    def save(self) -> None:
        self.errors.clear()
        outcome = self.ctx.call(self, stock_ledger.adjust_stock, self.material_id, self.quantity.text().strip(),
                                self.reason.toPlainText().strip(), on_invalid=self.errors.show)
        if outcome.ok:
            self.result_value = outcome.value
            self.accept()


class StockValueDialog(SimpleDialog):
    """What the stock was worth at the end of a day: each material's quantity and value, and the total."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Stock value at a date", object_name="stockValueDialog", parent=parent,
                         intro="The stock on hand and its value at the end of the day chosen, from the movements.",
                         general_error=True)
        self.ctx = ctx
        self.money = money_formatter(ctx.db)
        self.day = date_field(ctx, object_name="stockValueDate")
        self.day.set_date(ctx.db.today())
        show = QPushButton("&Show", objectName="stockValueShow")
        show.clicked.connect(lambda _c=False: self.show_value())
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(show)
        row.addStretch(1)
        when.setFocusProxy(self.day)
        self.add_row("&On", when, "on")
        self.model = RowsTableModel(valuation_columns(ctx.locale, self.money), self)
        self.table = list_table(self.model, "stockValueTable", {0: 110, 2: 90, 3: 50, 4: 110}, stretch=1)
        self.total = plain_label(objectName="stockValueTotal")
        self.total.setStyleSheet("font-weight: bold;")
        self.buttons.button(self.buttons.StandardButton.Cancel).hide()
        self.ok_button.setText("Close")
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        show.setDefault(True)  # Enter in the date shows that day; Esc or Close leaves
        self.finish(720, 520, minimum=(560, 360), guard=None)
        under_rows = self.body.indexOf(self.buttons) - 1  # the table goes above the general error and buttons
        self.body.insertWidget(under_rows, self.table, 1)
        self.body.insertWidget(under_rows + 1, self.total)
        self.show_value()

    def show_value(self) -> None:
        self.errors.clear()
        day = self.day.value()
        if not hasattr(day, "year"):
            self.errors.show(ValidationError("on", "Type the day, like the examples in the field's tip."))
            return
        outcome = self.ctx.call(self, stock_ledger.stock_value_at, day, on_invalid=self.errors.show)
        if outcome.ok:
            valuation = outcome.value
            self.model.set_rows(valuation.lines)
            self.total.setText(f"Stock value at the end of {self.day.edit.text()}: {self.money(valuation.total)}")
