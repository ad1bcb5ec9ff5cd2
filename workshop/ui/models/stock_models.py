"""The Stock tab's lists: where each material stands, its movements, suppliers, purchase orders,
receipts, the reorder list and a stock valuation. Plain rows from the services; quantities in the
shop's locale, money in its currency. Long lists are paged as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt

from ...domain.locale_text import format_number
from ...domain.stock import PurchaseOrderStatus
from .. import theme
from ..dates import date_text, date_time_text
from .paged import Column, PagedTableModel, RowsTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Money = Callable[[Decimal | None], str]


def quantity_text(value: Decimal | None, locale: str, *, signed: bool = False) -> str:
    """``12.5``, ``1,250`` as the shop writes figures; ``+3`` when ``signed``; "" for None."""
    if value is None:
        return ""
    text = format_number(value.normalize(), locale)
    return f"+{text}" if signed and value > 0 else text


def status_label(status: str) -> str:
    try:
        return PurchaseOrderStatus(status).label
    except ValueError:
        return status


# --- materials ------------------------------------------------------------------------------------
POS_CODE, POS_NAME, POS_UNIT, POS_ON_HAND, POS_ON_ORDER, POS_ALLOCATED, POS_AVERAGE, POS_VALUE = range(8)


def position_columns(locale: str, money: Money) -> list[Column]:
    def qty(pick):
        return lambda p: quantity_text(pick(p), locale)

    return [
        Column("Code", lambda p: p.code),
        Column("Name", lambda p: p.name),
        Column("Unit", lambda p: p.unit),
        Column("On hand", qty(lambda p: p.on_hand), RIGHT,
               tooltip=lambda p: "Below its reorder level once open jobs have their share"
               if p.projected < p.reorder_level else "On the shelf now"),
        Column("On order", qty(lambda p: p.on_order), RIGHT, tooltip=lambda p: "Still owed by open purchase orders"),
        Column("Allocated", qty(lambda p: p.allocated), RIGHT,
               tooltip=lambda p: "What open jobs' bills of materials still need to issue"),
        Column("Average cost", lambda p: money(p.unit_cost), RIGHT, tooltip=lambda p: "Weighted average per unit"),
        Column("Value", lambda p: money(p.stock_value), RIGHT),
    ]


class StockPositionsModel(PagedTableModel):
    """Materials with on hand, on order, allocated, average cost and value; red when short."""

    def __init__(self, fetch_page, locale: str, money: Money, parent=None) -> None:
        super().__init__(position_columns(locale, money), fetch_page, parent)

    def extra_data(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.active:
                return theme.brush(theme.MUTED)
            if column in (POS_CODE, POS_ON_HAND) and row.projected < row.reorder_level:
                return theme.brush(theme.ALARM)
        return None


def movement_columns(locale: str, money: Money) -> list[Column]:
    return [
        Column("Date", lambda m: date_time_text(m.at)),
        Column("Kind", lambda m: m.kind_label),
        Column("Quantity", lambda m: quantity_text(m.quantity, locale, signed=True), RIGHT),
        Column("Value", lambda m: money(m.value), RIGHT),
        Column("Balance", lambda m: quantity_text(m.balance, locale), RIGHT, tooltip=lambda m: "On hand after it"),
        Column("Job", lambda m: m.job_number),
        Column("Reason", lambda m: m.reason),
    ]


class MovementsModel(PagedTableModel):
    def __init__(self, fetch_page, locale: str, money: Money, parent=None) -> None:
        super().__init__(movement_columns(locale, money), fetch_page, parent)


def valuation_columns(locale: str, money: Money) -> list[Column]:
    return [
        Column("Code", lambda v: v.code),
        Column("Name", lambda v: v.name),
        Column("Quantity", lambda v: quantity_text(v.quantity, locale), RIGHT),
        Column("Unit", lambda v: v.unit),
        Column("Value", lambda v: money(v.value), RIGHT),
    ]


# --- suppliers ------------------------------------------------------------------------------------
def supplier_columns(locale: str) -> list[Column]:
    return [
        Column("Name", lambda s: s.name),
        Column("Contact", lambda s: s.contact),
        Column("Email", lambda s: s.email),
        Column("Phone", lambda s: s.phone),
        Column("Lead time", lambda s: f"{s.lead_time_days} d", RIGHT, tooltip=lambda s: "Days from order to delivery"),
        Column("Active", lambda s: "Yes" if s.active else "No"),
    ]


class SuppliersModel(PagedTableModel):
    def __init__(self, fetch_page, locale: str, parent=None) -> None:
        super().__init__(supplier_columns(locale), fetch_page, parent)

    def extra_data(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return theme.brush(theme.MUTED)
        return None


# --- purchase orders and receipts -----------------------------------------------------------------
PO_NUMBER, PO_SUPPLIER, PO_JOB, PO_STATUS, PO_ORDERED, PO_EXPECTED, PO_TOTAL = range(7)


def purchase_order_columns(money: Money) -> list[Column]:
    return [
        Column("Number", lambda o: o.number),
        Column("Supplier", lambda o: o.supplier_name),
        Column("Job", lambda o: o.job_number or "Stock"),
        Column("Status", lambda o: status_label(o.status)),
        Column("Ordered", lambda o: date_text(o.order_date)),
        Column("Expected", lambda o: date_text(o.expected_on)),
        Column("Total", lambda o: money(o.total), RIGHT, tooltip=lambda o: "Before tax"),
    ]


class PurchaseOrdersModel(PagedTableModel):
    def __init__(self, fetch_page, money: Money, parent=None) -> None:
        super().__init__(purchase_order_columns(money), fetch_page, parent)

    def extra_data(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status in (PurchaseOrderStatus.CANCELLED, PurchaseOrderStatus.RECEIVED):
                return theme.brush(theme.MUTED)
            if row.status == PurchaseOrderStatus.DRAFT and column == PO_STATUS:
                return theme.brush(theme.DUE)
        return None


def receipt_columns(locale: str, money: Money) -> list[Column]:
    def what(receipt) -> str:
        parts = [f"{line.material_code or line.description} {quantity_text(line.quantity, locale)} {line.unit}"
                 for line in receipt.lines[:3]]
        more = len(receipt.lines) - 3
        return ", ".join(parts) + (f" + {more} more" if more > 0 else "")

    return [
        Column("Received", lambda r: date_time_text(r.received_at)),
        Column("Order", lambda r: r.purchase_order_number or "No order"),
        Column("Supplier", lambda r: r.supplier_name),
        Column("What came in", what),
        Column("Value", lambda r: money(sum((line.amount for line in r.lines), Decimal(0))), RIGHT),
        Column("Delivery note", lambda r: r.delivery_note),
    ]


class ReceiptsModel(PagedTableModel):
    def __init__(self, fetch_page, locale: str, money: Money, parent=None) -> None:
        super().__init__(receipt_columns(locale, money), fetch_page, parent)


# --- the reorder list -----------------------------------------------------------------------------
def reorder_columns(locale: str, money: Money) -> list[Column]:
    def qty(pick):
        return lambda r: quantity_text(pick(r), locale)

    return [
        Column("Code", lambda r: r.code),
        Column("Name", lambda r: r.name),
        Column("Unit", lambda r: r.unit),
        Column("On hand", qty(lambda r: r.on_hand), RIGHT),
        Column("On order", qty(lambda r: r.on_order), RIGHT),
        Column("Allocated", qty(lambda r: r.allocated), RIGHT),
        Column("Reorder at", qty(lambda r: r.reorder_level), RIGHT),
        Column("Suggested", qty(lambda r: r.suggested), RIGHT, tooltip=lambda r: "The quantity to order"),
        Column("Supplier", lambda r: r.supplier_name or "No preferred supplier"),
        Column("Unit price", lambda r: money(r.unit_price), RIGHT),
    ]


class ReorderModel(RowsTableModel):
    def __init__(self, locale: str, money: Money, parent=None) -> None:
        super().__init__(reorder_columns(locale, money), parent)

    def extra_data(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row.supplier_id is None and column == 8:
            return theme.brush(theme.ALARM)
        return None


__all__ = ["MovementsModel", "PurchaseOrdersModel", "ReceiptsModel", "ReorderModel", "StockPositionsModel",
           "SuppliersModel", "quantity_text", "status_label", "valuation_columns"]
