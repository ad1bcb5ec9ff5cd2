"""The Stock tab's buying pages: suppliers, purchase orders and goods in. Each lists its records
(search as you type, Enter opens) and opens the dialog that changes them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QMessageBox, QWidget

from ...domain.stock import RECEIVABLE_PO_STATUSES, PurchaseOrderStatus
from ...services import goods_in, purchase_orders, suppliers
from ..context import AppContext
from ..models import stock_models as sm
from .stock_page import Money, StockPage, list_table, stock_button


class SuppliersPage(StockPage):
    title = "Suppliers"
    noun = "supplier"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockSuppliers")
        self.show_inactive = QCheckBox("Show &inactive", objectName="suppliersShowInactive")
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.model = sm.SuppliersModel(self._page, ctx.locale, self)
        table = list_table(self.model, "suppliersTable", {0: 240, 1: 180, 2: 240, 3: 140, 4: 80, 5: 60}, stretch=2)
        self.new_button = stock_button("&New supplier…", "newSupplier", self.new_record, "(Ctrl+N)")
        self.edit_button = stock_button("&Edit…", "editSupplier", self.open_current, "(Enter)")
        self.build(table, placeholder="Search name, contact or email…", filters=(self.show_inactive,),
                   buttons=(self.new_button, self.edit_button))

    def _page(self, offset: int, limit: int):
        return suppliers.list_suppliers(self.ctx.db, self.search.text(),
                                        include_inactive=self.show_inactive.isChecked(), limit=limit, offset=offset)

    def current_changed(self) -> None:
        self.edit_button.setEnabled(self.current() is not None)

    def new_record(self) -> None:
        from ..dialogs.purchase_suppliers import edit_supplier

        if (saved := edit_supplier(self, self.ctx)) is not None:
            self.reload()
            self.select_where(lambda r: r.id == saved.id)

    def open_current(self) -> None:
        from ..dialogs.purchase_suppliers import edit_supplier

        if (current := self.current()) is not None:
            edit_supplier(self, self.ctx, suppliers.get_supplier(self.ctx.db, current.id))


#: (label, status or None, open only)
PO_FILTERS = [("Open orders", None, True), ("All orders", None, False)] + [
    (s.label, s.value, False) for s in PurchaseOrderStatus]


class PurchaseOrdersPage(StockPage):
    title = "Purchase orders"
    noun = "order"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockOrders")
        self.filter = QComboBox(objectName="ordersFilter")
        for label, status, open_only in PO_FILTERS:
            self.filter.addItem(label, (status, open_only))
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.model = sm.PurchaseOrdersModel(self._page, self.money, self)
        table = list_table(self.model, "ordersTable", {sm.PO_NUMBER: 120, sm.PO_SUPPLIER: 240, sm.PO_JOB: 110,
                                                       sm.PO_STATUS: 110, sm.PO_ORDERED: 110, sm.PO_EXPECTED: 110,
                                                       sm.PO_TOTAL: 120}, stretch=sm.PO_SUPPLIER)
        self.new_button = stock_button("&New order…", "newOrder", self.new_record, "(Ctrl+N)")
        self.open_button = stock_button("&Open", "openOrder", self.open_current, "(Enter)")
        self.receive_button = stock_button("&Receive…", "receiveOrder", self.receive, "Goods in against this order")
        self.print_button = stock_button("&Print / preview…", "printOrder", self.print_current)
        self.build(table, placeholder="Search number, supplier or job…", filters=(self.filter,),
                   buttons=(self.new_button, self.open_button, self.receive_button), right_buttons=(self.print_button,))

    def _page(self, offset: int, limit: int):
        status, open_only = self.filter.currentData()
        return purchase_orders.list_purchase_orders(self.ctx.db, self.search.text(), status=status,
                                                    open_only=open_only, limit=limit, offset=offset)

    def current_changed(self) -> None:
        current = self.current()
        self.open_button.setEnabled(current is not None)
        self.print_button.setEnabled(current is not None)
        self.receive_button.setEnabled(current is not None and current.status in RECEIVABLE_PO_STATUSES)

    def new_record(self) -> None:
        self._open(None)

    def open_current(self) -> None:
        if (current := self.current()) is not None:
            self._open(current.id)

    def _open(self, po_id: int | None) -> None:
        from ..dialogs.purchase_order_editor import open_purchase_order

        saved = open_purchase_order(self, self.ctx, po_id)
        self.reload()
        if saved is not None and not self.select_where(lambda r: r.id == saved):
            self.filter.setCurrentIndex(1)  # it left the open orders: show all, with it chosen
            self.select_where(lambda r: r.id == saved)

    def receive(self) -> None:
        from ..dialogs.purchase_goods_in import receive_goods_dialog

        if (current := self.current()) is not None:
            receive_goods_dialog(self, self.ctx, purchase_order_id=current.id)

    def print_current(self) -> None:
        from ..dialogs.purchase_order_editor import print_purchase_order

        if (current := self.current()) is not None:
            print_purchase_order(self, self.ctx, purchase_orders.get_purchase_order(self.ctx.db, current.id))


class GoodsInPage(StockPage):
    title = "Goods in"
    noun = "delivery"
    noun_plural = "deliveries"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockGoodsIn")
        self.model = sm.ReceiptsModel(self._page, ctx.locale, self.money, self)
        table = list_table(self.model, "receiptsTable", {0: 150, 1: 120, 2: 200, 3: 360, 4: 110, 5: 120}, stretch=3)
        self.receive_button = stock_button("&Receive…", "receiveGoods", self.new_record,
                                           "A delivery, against an order or without one (Ctrl+N)")
        self.build(table, placeholder="Search order, supplier or delivery note…", buttons=(self.receive_button,))

    def _page(self, offset: int, limit: int):
        return goods_in.list_receipts(self.ctx.db, self.search.text(), limit=limit, offset=offset)

    def open_current(self) -> None:
        """Enter: what the delivery brought, line by line."""
        from ..dialogs.purchase_goods_in import receipt_summary

        if (receipt := self.current()) is not None:
            note = f"\n\nDelivery note {receipt.delivery_note}" if receipt.delivery_note else ""
            box = QMessageBox(QMessageBox.Icon.Information, "Delivery",
                              receipt_summary(receipt, self.ctx.locale, self.money) + note,
                              QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()

    def new_record(self) -> None:
        from ..dialogs.purchase_goods_in import receive_goods_dialog

        if (receipt := receive_goods_dialog(self, self.ctx)) is not None:
            self.reload()
            self.select_where(lambda r: r.id == receipt.id)
