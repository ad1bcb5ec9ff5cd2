"""workshop check: purchase order numbers run without gaps (a cancelled order keeps its number),
and a number used twice is named."""

from __future__ import annotations

from support.hand_edits import run
from workshop.db.check import check_database, check_report
from workshop.services import purchase_orders as po
from workshop.services import suppliers
from workshop.services.purchase_orders import PurchaseOrderLineInput as Line


def test_purchase_order_numbers_have_no_gaps(db, shop):
    hd = suppliers.create_supplier(db, name="Hardwood Direct")
    first, second, third = (po.create_purchase_order(db, hd.id, lines=[Line(quantity="1", unit_price="5",
                                                                             description="x")]) for _ in range(3))
    po.cancel_purchase_order(db, second.id, "Ordered twice")  # keeps PO-…-0002: no gap
    assert check_database(db.url) == []
    year = db.today().year
    run(db, f"DELETE FROM purchase_order_lines WHERE purchase_order_id = {second.id}",
        f"DELETE FROM purchase_orders WHERE id = {second.id}")
    report = check_report(db.url)
    assert report.problems == [
        f"Purchase order numbers PO-{year} have a gap: no order holds PO-{year}-0002. An order keeps its number even "
        "when cancelled, so one was removed: restore a backup that has it, or tell your accountant."]
    assert [f.repairable for f in report.findings] == [False] and report.exit_code == 1
    # a job numbered like an order (a hand edit) uses its number a second time
    run(db, f"UPDATE jobs SET number = '{first.number}' WHERE id = {shop.job.id}")
    assert f"The number {first.number} is used more than once." in check_database(db.url)
