"""Goods in: stock and its average through deliveries at different prices, receipts against an
order in part and in whole, receiving beyond the order, a purchase for a job issued at the price
actually paid, and outside work costed from its order. Every figure worked by hand."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from workshop.db.models import DirectCost, Material, MaterialIssue, Operation, ShopSettings, StockMovement
from workshop.domain.errors import ValidationError
from workshop.services import bookings, goods_in, jobs, materials, routing, suppliers
from workshop.services import purchase_orders as po
from workshop.services.goods_in import OverReceipt
from workshop.services.goods_in import ReceiptLineInput as In
from workshop.services.job_costing import actual_job_cost
from workshop.services.purchase_orders import PurchaseOrderLineInput as Line
from workshop.services.suppliers import MaterialSupplierInput


@pytest.fixture
def store(db, shop):
    hd = suppliers.create_supplier(db, name="Hardwood Direct", lead_time_days=5)
    screws = materials.create_material(db, code="SCR-4", name="Screws 4 × 40, box", unit="box", unit_cost="5.00",
                                       stock_on_hand="10")
    walnut = materials.create_material(db, code="WAL-27", name="Walnut board 27 mm", unit="m2", unit_cost="84.10",
                                       stock_on_hand="5")
    suppliers.set_material_suppliers(db, walnut.id, [MaterialSupplierInput(hd.id, "HD-WAL27", "84.10")])
    return SimpleNamespace(hd=hd, screws=screws, walnut=walnut)


def _stock(db, material_id) -> tuple[D, D, D]:
    """On hand, value and average cost, as the material holds them."""
    with db.reader() as s:
        m = s.get(Material, material_id)
        return m.stock_on_hand, m.stock_value, m.unit_cost


def _movements(db, material_id) -> list[tuple[str, D, D]]:
    with db.reader() as s:
        return [(m.kind, m.quantity, m.value) for m in s.scalars(
            select(StockMovement).where(StockMovement.material_id == material_id).order_by(StockMovement.id))]


def test_stock_and_its_average_through_deliveries_at_different_prices(db, shop, store):
    assert _stock(db, store.screws.id) == (D(10), D("50.00"), D("5.00"))  # 10 × 5.00
    got = goods_in.receive_goods(db, supplier_id=store.hd.id, delivery_note="HD-4411", lines=[
        In(quantity="4", unit_cost="6.40", material_id=store.screws.id)])
    # 50.00 + 4 × 6.40 = 50.00 + 25.60 = 75.60 over 10 + 4 = 14 boxes: 5.40 a box
    assert _stock(db, store.screws.id) == (D(14), D("75.60"), D("5.40"))
    assert (got.supplier_name, got.delivery_note, got.lines[0].amount, got.lines[0].unit) == (
        "Hardwood Direct", "HD-4411", D("25.60"), "box")

    order = po.create_purchase_order(db, store.hd.id, lines=[Line(quantity="10", unit_price="6.00",
                                                                  material_id=store.screws.id)])
    po.mark_sent(db, order.id)
    line_id = order.lines[0].id
    goods_in.receive_goods(db, purchase_order_id=order.id, lines=[In(quantity="6", unit_cost="6.10",
                                                                     purchase_order_line_id=line_id)])
    # 75.60 + 6 × 6.10 = 75.60 + 36.60 = 112.20 over 20: 5.61
    assert _stock(db, store.screws.id) == (D(20), D("112.20"), D("5.61"))
    part = po.get_purchase_order(db, order.id)
    assert (part.status, part.lines[0].received, part.lines[0].outstanding) == ("part_received", D(6), D(4))
    with pytest.raises(ValidationError, match="is part received; only a draft or a sent order"):
        po.cancel_purchase_order(db, order.id, "too late")

    # the rest, at the order's price when no cost is typed: 112.20 + 4 × 6.00 = 136.20 over 24 = 5.675 → 5.68
    goods_in.receive_goods(db, lines=[In(quantity="4", purchase_order_line_id=line_id)])  # order found by its line
    assert _stock(db, store.screws.id) == (D(24), D("136.20"), D("5.68"))
    assert po.get_purchase_order(db, order.id).status == "received"
    with pytest.raises(ValidationError, match="is received: everything ordered has come"):
        goods_in.receive_goods(db, purchase_order_id=order.id,
                               lines=[In(quantity="1", purchase_order_line_id=line_id)])

    # an issue goes out at the average, a return comes back at what was charged
    job = _released(db, shop)
    bookings.issue_material(db, job.id, material_id=store.screws.id, quantity="4")
    # 136.20 − 4 × 5.68 = 136.20 − 22.72 = 113.48 over 20; the average stays 5.68
    assert _stock(db, store.screws.id) == (D(20), D("113.48"), D("5.68"))
    bookings.return_material(db, job.id, material_id=store.screws.id, quantity="1")
    # 113.48 + 5.68 = 119.16 over 21 = 5.6743 → 5.67
    assert _stock(db, store.screws.id) == (D(21), D("119.16"), D("5.67"))
    assert _movements(db, store.screws.id) == [
        ("opening", D(10), D("50.00")), ("goods_in", D(4), D("25.60")), ("goods_in", D(6), D("36.60")),
        ("goods_in", D(4), D("24.00")), ("issue", D(-4), D("-22.72")), ("return", D(1), D("5.68"))]


def test_more_than_the_order_still_owes_warns_and_is_received_when_confirmed(db, store):
    order = po.create_purchase_order(db, store.hd.id, lines=[Line(quantity="2", unit_price=None,
                                                                  material_id=store.walnut.id)])
    po.mark_sent(db, order.id)
    line_id = order.lines[0].id
    goods_in.receive_goods(db, purchase_order_id=order.id, lines=[In(quantity="1.5", purchase_order_line_id=line_id)])
    with pytest.raises(OverReceipt) as info:  # 2 − 1.5 = 0.5 still to come; 1 typed
        goods_in.receive_goods(db, purchase_order_id=order.id,
                               lines=[In(quantity="1", purchase_order_line_id=line_id)])
    assert info.value.field == "lines[0].quantity" and info.value.lines == (line_id,)
    assert info.value.message == (f"More than {order.number} still owes: line 1 (Walnut board 27 mm): 0.5 m2 still "
                                  "to come, 1 m2 received. Receive it anyway if the supplier sent extra.")
    assert _stock(db, store.walnut.id)[0] == D("6.5")  # 5 + 1.5: nothing more booked
    goods_in.receive_goods(db, purchase_order_id=order.id, beyond_order=True,
                           lines=[In(quantity="1", purchase_order_line_id=line_id)])
    after = po.get_purchase_order(db, order.id)
    assert (after.status, after.lines[0].received, after.lines[0].outstanding) == ("received", D("2.5"), D(0))
    assert _stock(db, store.walnut.id)[0] == D("7.5")  # 6.5 + 1


def test_a_draft_that_receives_goods_is_no_longer_a_draft_and_a_cancelled_order_receives_nothing(db, store):
    draft = po.create_purchase_order(db, store.hd.id, lines=[Line(quantity="3", unit_price="5.00",
                                                                  material_id=store.screws.id)])
    goods_in.receive_goods(db, purchase_order_id=draft.id, lines=[In(quantity="1",
                                                                     purchase_order_line_id=draft.lines[0].id)])
    assert po.get_purchase_order(db, draft.id).status == "part_received"
    other = po.create_purchase_order(db, store.hd.id, lines=[Line(quantity="3", unit_price="5.00",
                                                                  material_id=store.screws.id)])
    po.cancel_purchase_order(db, other.id, "Supplier out of stock")
    with pytest.raises(ValidationError, match="is cancelled: nothing can be received against it"):
        goods_in.receive_goods(db, purchase_order_id=other.id, lines=[In(quantity="1",
                                                                         purchase_order_line_id=other.lines[0].id)])


@pytest.mark.parametrize("line, field, message", [
    (In(quantity="-2", unit_cost="6.40"), "lines[0].quantity", "Line 1: the quantity must be more than 0."),
    (In(quantity="2", unit_cost="6,40"), "lines[0].unit_cost",
     "Line 1: Unit cost: “6,40” is not a number in this shop's format; write 6.40."),
    (In(quantity="2"), "lines[0].unit_cost", "Line 1: give the unit cost actually paid."),
])
def test_bad_input_is_refused_naming_the_line_and_nothing_moves(db, store, line, field, message):
    line = In(quantity=line.quantity, unit_cost=line.unit_cost, material_id=store.screws.id)
    with pytest.raises(ValidationError) as info:
        goods_in.receive_goods(db, supplier_id=store.hd.id, lines=[line])
    assert (info.value.field, info.value.message) == (field, message)
    assert _stock(db, store.screws.id) == (D(10), D("50.00"), D("5.00")) and goods_in.list_receipts(db) == []


def _released(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    return shop.job


def test_a_purchase_for_a_job_costs_the_job_what_was_paid_and_leaves_the_stock_average_alone(db, shop, store):
    job = _released(db, shop)
    order = po.create_purchase_order(db, store.hd.id, job_id=job.id, lines=[Line(quantity="2", unit_price=None,
                                                                                 material_id=store.walnut.id)])
    assert order.lines[0].unit_price == D("84.10")  # the supplier's price list
    po.mark_sent(db, order.id)
    got = goods_in.receive_goods(db, purchase_order_id=order.id, lines=[
        In(quantity="2", unit_cost="91.40", purchase_order_line_id=order.lines[0].id, issue_to_job=True)])
    issue_id = got.lines[0].material_issue_id
    with db.reader() as s:
        issue = s.get(MaterialIssue, issue_id)
        assert (issue.job_id, issue.quantity, issue.unit_cost) == (job.id, D(2), D("91.40"))
    # the job's material cost is what was really paid: 2 × 91.40 = 182.80 (not 2 × 84.10 = 168.20)
    assert actual_job_cost(db, job.id).materials.amount == D("182.80")
    # stock: 5 × 84.10 = 420.50; in 2 at 91.40 (+182.80) and out the same 2 at 91.40 (−182.80):
    # 420.50 over 5 again, and the average of what remains 420.50 / 5 = 84.10
    assert _stock(db, store.walnut.id) == (D(5), D("420.50"), D("84.10"))
    assert _movements(db, store.walnut.id)[1:] == [("goods_in", D(2), D("182.80")), ("issue", D(-2), D("-182.80"))]


def test_with_average_costing_the_job_is_charged_the_new_average(db, shop, store):
    with db.session() as s:  # Company settings ▸ Stock: "job purchases cost the stock's average"
        s.get(ShopSettings, 1).job_purchase_costing = "average"
    job = _released(db, shop)
    goods_in.receive_goods(db, supplier_id=store.hd.id, lines=[
        In(quantity="2", unit_cost="91.40", material_id=store.walnut.id, job_id=job.id, issue_to_job=True)])
    # 420.50 + 182.80 = 603.30 over 7 = 86.1857 → 86.19; the job pays 2 × 86.19 = 172.38
    assert actual_job_cost(db, job.id).materials.amount == D("172.38")
    # 603.30 − 172.38 = 430.92 over 5, at the average 86.19
    assert _stock(db, store.walnut.id) == (D(5), D("430.92"), D("86.19"))


def test_goods_not_on_the_materials_list_come_in_for_a_job_and_are_issued_to_it(db, shop, store):
    job = _released(db, shop)
    with pytest.raises(ValidationError, match="Line 1: goods that are not a material on the list come in for a job"):
        goods_in.receive_goods(db, lines=[In(quantity="4", unit_cost="3.25", description="Brass escutcheon")])
    with pytest.raises(ValidationError, match="Line 1: goods that are not a material on the list are not stocked"):
        goods_in.receive_goods(db, lines=[In(quantity="4", unit_cost="3.25", description="Brass escutcheon",
                                             job_id=job.id)])
    got = goods_in.receive_goods(db, lines=[In(quantity="4", unit_cost="3.25", description="Brass escutcheon",
                                               job_id=job.id, issue_to_job=True)])
    assert got.lines[0].amount == D("13.00")  # 4 × 3.25
    assert actual_job_cost(db, job.id).materials.amount == D("13.00")


def test_outside_work_coming_back_costs_the_job_from_its_order(db, shop, store):
    coater = suppliers.create_supplier(db, name="ColourCoat Powder Coating", lead_time_days=7)
    op_id = routing.add_operation(db, shop.job.id, name="Powder coat RAL 9005", workstation_id=shop.bench.id)
    with db.session() as s:  # done outside by the coater (set in the operation's dialog)
        s.get(Operation, op_id).supplier_id = coater.id
    order = po.create_purchase_order(db, coater.id, lines=[Line(quantity="2", unit_price="85.00",
                                                                operation_id=op_id)])
    po.mark_sent(db, order.id)
    got = goods_in.receive_goods(db, purchase_order_id=order.id, lines=[
        In(quantity="2", purchase_order_line_id=order.lines[0].id)])
    with db.reader() as s:
        cost = s.get(DirectCost, got.lines[0].other_cost_id)
        assert (cost.job_id, cost.category, cost.amount) == (shop.job.id, "subcontract", D("170.00"))  # 2 × 85.00
        assert cost.description == f"Outside: Powder coat RAL 9005 ({order.number})"
        assert s.scalars(select(StockMovement).where(StockMovement.receipt_line_id == got.lines[0].id)).all() == []
    assert actual_job_cost(db, shop.job.id).other.amount == D("170.00")
    assert po.get_purchase_order(db, order.id).status == "received"


def test_receipts_are_listed_newest_first_and_searched(db, store):
    first = goods_in.receive_goods(db, supplier_id=store.hd.id, delivery_note="HD-1",
                                   lines=[In(quantity="1", unit_cost="5", material_id=store.screws.id)])
    second = goods_in.receive_goods(db, delivery_note="VAN-7",
                                    lines=[In(quantity="1", unit_cost="5", material_id=store.screws.id)])
    assert [r.id for r in goods_in.list_receipts(db)] == [second.id, first.id]
    assert [r.id for r in goods_in.list_receipts(db, "hardwood")] == [first.id]
    assert [r.id for r in goods_in.list_receipts(db, "van-")] == [second.id]


def test_issuing_to_a_job_not_yet_released_is_refused_naming_the_line_and_nothing_is_booked(db, shop, store):
    with pytest.raises(ValidationError) as info:  # the sample job is planned
        goods_in.receive_goods(db, supplier_id=store.hd.id, lines=[
            In(quantity="1", unit_cost="5.00", material_id=store.screws.id),
            In(quantity="2", unit_cost="91.40", material_id=store.walnut.id, job_id=shop.job.id, issue_to_job=True)])
    assert (info.value.field, info.value.message) == (
        "lines[1].issue_to_job", f"Line 2: {shop.job.number} is planned: material cannot be issued to it. "
                                 "Release it first, or receive it into stock.")
    assert _stock(db, store.screws.id)[0] == D(10) and goods_in.list_receipts(db) == []


def test_the_goods_in_list_reads_the_same_few_queries_however_many_receipts(db, shop, store):
    from support.statements import statements_of

    def receive(count: int) -> None:
        for i in range(count):
            other = suppliers.create_supplier(db, name=f"Timber merchant {len(goods_in.list_receipts(db)) + i}")
            order = po.create_purchase_order(db, other.id, job_id=shop.job.id, lines=[
                Line(quantity="1", unit_price="84.10", material_id=store.walnut.id)])
            goods_in.receive_goods(db, purchase_order_id=order.id, lines=[
                In(quantity="1", unit_cost="84.10", purchase_order_line_id=order.lines[0].id)])

    receive(1)
    with_one = statements_of(db, lambda: goods_in.list_receipts(db))
    receive(4)  # each with its own order, supplier and line
    assert len(goods_in.list_receipts(db)) == 5
    assert statements_of(db, lambda: goods_in.list_receipts(db)) == with_one
