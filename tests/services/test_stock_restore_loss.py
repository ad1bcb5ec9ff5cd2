"""What a restore would lose, stock side: purchase orders and stock movements the backup lacks (an
issue's movement counts as its booking, not twice)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from workshop.db.backup import records_held
from workshop.db.models import PurchaseOrder, Supplier
from workshop.services import bookings, jobs
from workshop.services.backups import what_restore_loses
from workshop.services.stock_ledger import adjust_stock
from workshop.services.stocktake import book_stocktake

TAKEN = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _held(db):
    with db.reader() as s:
        return records_held(s)


def test_stock_movements_and_purchase_orders_after_the_backup_are_counted(db, shop, today):
    jobs.change_status(db, shop.job.id, "release")
    held = _held(db)  # the backup
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="1")  # a booking (its movement too)
    adjust_stock(db, shop.hinge.id, "-2", "Damaged")  # 1 stock movement
    book_stocktake(db, {shop.oil.id: "5", shop.hinge.id: "199"}, "Shelf check")  # 2 more
    with db.session() as s:  # a purchase order as the purchasing service files one (written alongside)
        supplier = Supplier(name="Timber Co")
        s.add(supplier)
        s.flush()
        s.execute(insert(PurchaseOrder).values(number="PO-2026-0001", supplier_id=supplier.id, status="draft",
                                               order_date=today, created_at=db.now()))
    loss = what_restore_loses(db, held, TAKEN)
    assert (loss.bookings, loss.stock_movements, loss.purchase_orders, loss.nothing) == (1, 3, 1, False)
    assert loss.summary() == "0 jobs, 0 invoices, 1 booking, 1 purchase order and 3 stock movements"
    assert what_restore_loses(db, _held(db), TAKEN).nothing
