"""The reorder list, from the stock position service's figures."""

from __future__ import annotations

from ..db.engine import Database
from ..printing.reorder_list import ReorderListData, ReorderRow, render_reorder_list
from ..services import settings
from ..services.stock_position import reorder_list
from .common import letterhead_and_page


def reorder_list_data(db: Database) -> ReorderListData:
    shop = settings.get_settings(db)
    rows = tuple(ReorderRow(line.code, line.name, line.unit, line.on_hand, line.on_order, line.allocated,
                            line.reorder_level, line.suggested, line.supplier_name, line.unit_price, line.amount)
                 for line in reorder_list(db))
    return ReorderListData(rows, db.now().astimezone(), shop.currency, shop.locale)


def reorder_list_pdf(db: Database) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_reorder_list(reorder_list_data(db), letterhead, page)
