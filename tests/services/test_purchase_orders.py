"""Purchase orders: lines filled in from the material and the supplier, numbers without gaps,
draft → sent → cancelled, and clear refusals. Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from workshop.db.models import Operation
from workshop.domain.errors import NotFoundError, ValidationError
from workshop.services import purchase_orders as po
from workshop.services import routing, suppliers
from workshop.services.purchase_orders import PurchaseOrderLineInput as Line
from workshop.services.suppliers import MaterialSupplierInput


@pytest.fixture
def buying(db, shop):
    hd = suppliers.create_supplier(db, name="Hardwood Direct", address="Unit 4, Mill Lane\nBristol",
                                   lead_time_days=5)
    coater = suppliers.create_supplier(db, name="ColourCoat", lead_time_days=7)
    suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(hd.id, "HD-O25", "84.10")])
    return SimpleNamespace(hd=hd, coater=coater)


def _year(db) -> int:
    return db.today().year


def test_a_line_is_filled_in_from_the_material_and_what_the_supplier_charges(db, shop, buying, today):
    order = po.create_purchase_order(db, buying.hd.id, lines=[
        Line(quantity="3", unit_price=None, material_id=shop.oak.id),
        Line(quantity="1", unit_price="12.50", description="Carriage")])
    assert order.number == f"PO-{_year(db)}-0001" and order.status == "draft" and order.order_date == today
    assert order.expected_on == today + dt.timedelta(days=5)  # the supplier's lead time
    oak, carriage = order.lines
    assert (oak.description, oak.unit, oak.supplier_code, oak.unit_price, oak.material_code) == (
        "Oak board 25 mm", "m2", "HD-O25", D("84.10"), "OAK-25")
    assert oak.amount == D("252.30")  # 3 × 84.10
    assert (carriage.material_id, carriage.unit, carriage.amount) == (None, "ea", D("12.50"))
    assert order.total == D("264.80")  # 252.30 + 12.50
    assert (oak.received, oak.outstanding) == (D(0), D(3))
    # a material this supplier has no price for is ordered at what it costs now
    hinge = po.create_purchase_order(db, buying.hd.id,
                                     lines=[Line(quantity="10", unit_price="", material_id=shop.hinge.id)])
    assert (hinge.lines[0].unit_price, hinge.lines[0].supplier_code, hinge.total) == (D("4.20"), "", D("42.00"))


def test_numbers_have_no_gaps_a_cancelled_order_keeps_its_number_and_a_failed_save_gives_it_back(db, shop, buying):
    y = _year(db)
    made = [po.create_purchase_order(db, buying.hd.id, lines=[Line(quantity="1", unit_price="5", description="x")])
            for _ in range(3)]
    assert [o.number for o in made] == [f"PO-{y}-0001", f"PO-{y}-0002", f"PO-{y}-0003"]
    po.cancel_purchase_order(db, made[1].id, "Ordered twice by mistake")
    assert po.get_purchase_order(db, made[1].id).number == f"PO-{y}-0002"
    with pytest.raises(ValidationError):  # the second line is bad: nothing is saved, the number is given back
        po.create_purchase_order(db, buying.hd.id, lines=[Line(quantity="1", unit_price="5", description="x"),
                                                          Line(quantity="-2", unit_price="5", description="y")])
    assert po.create_purchase_order(db, buying.hd.id).number == f"PO-{y}-0004"
    assert len(po.list_purchase_orders(db)) == 4


@pytest.mark.parametrize("line, field, message", [
    (Line(quantity="-2", unit_price="5", description="y"), "lines[1].quantity",
     "Line 2: the quantity must be more than 0."),
    (Line(quantity="0", unit_price="5", description="y"), "lines[1].quantity",
     "Line 2: the quantity must be more than 0."),
    (Line(quantity="1", unit_price="12,50", description="y"), "lines[1].unit_price",
     "Line 2: Unit price: “12,50” is not a number in this shop's format; write 12.50."),
    (Line(quantity="1", unit_price="5"), "lines[1].description",
     "Line 2: describe what is ordered, or pick a material from the list."),
    (Line(quantity="1", unit_price=None, description="y"), "lines[1].unit_price", "Line 2: give the unit price."),
    (Line(quantity="1", unit_price="5", material_id=9999), "lines[1].material_id",
     "Line 2: There is no material with id 9999."),
])
def test_a_bad_line_is_refused_naming_it_and_nothing_is_saved(db, shop, buying, line, field, message):
    with pytest.raises(ValidationError) as info:
        po.create_purchase_order(db, buying.hd.id, lines=[Line(quantity="1", unit_price="5", description="x"), line])
    assert (info.value.field, info.value.message) == (field, message)
    assert po.list_purchase_orders(db) == []


def test_an_inactive_supplier_takes_no_orders(db, buying):
    suppliers.update_supplier(db, buying.hd.id, active=False)
    with pytest.raises(ValidationError, match="Hardwood Direct is marked inactive"):
        po.create_purchase_order(db, buying.hd.id)


def test_a_draft_is_edited_then_sent_and_no_longer_changes(db, shop, buying, today):
    order = po.create_purchase_order(db, buying.hd.id, notes="Back gate")
    with pytest.raises(ValidationError, match="has no lines: add what is ordered before sending it"):
        po.mark_sent(db, order.id)
    order = po.update_purchase_order(db, order.id, expected_on=today + dt.timedelta(days=2),
                                     lines=[Line(quantity="2", unit_price=None, material_id=shop.oak.id)])
    assert (order.notes, order.expected_on, order.total) == ("Back gate", today + dt.timedelta(days=2),
                                                             D("168.20"))  # 2 × 84.10
    sent = po.mark_sent(db, order.id)
    assert sent.status == "sent" and sent.sent_at is not None
    with pytest.raises(ValidationError, match="is sent: only a draft can be changed"):
        po.update_purchase_order(db, order.id, notes="too late")
    with pytest.raises(ValidationError, match="is sent: only a draft is sent"):
        po.mark_sent(db, order.id)
    assert po.get_purchase_order(db, order.id).notes == "Back gate"


def test_cancelling_needs_a_reason_and_a_cancelled_order_stays_cancelled(db, shop, buying):
    order = po.create_purchase_order(db, buying.hd.id, lines=[Line(quantity="1", unit_price="5", description="x")])
    with pytest.raises(ValidationError, match="Say why the order is cancelled"):
        po.cancel_purchase_order(db, order.id, "  ")
    cancelled = po.cancel_purchase_order(db, order.id, "Found some in the loft")
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "Found some in the loft")
    with pytest.raises(ValidationError, match="is cancelled; only a draft or a sent order"):
        po.cancel_purchase_order(db, order.id, "again")
    with pytest.raises(ValidationError, match="only a draft is sent"):
        po.mark_sent(db, order.id)


def test_an_order_for_a_job_whole_or_line_by_line(db, shop, buying, today):
    from workshop.services import jobs
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk", quantity=1,
                            due_date=today + dt.timedelta(days=30))
    order = po.create_purchase_order(db, buying.hd.id, job_id=shop.job.id, lines=[
        Line(quantity="2", unit_price=None, material_id=shop.oak.id),
        Line(quantity="1", unit_price=None, material_id=shop.oak.id, job_id=other.id)])
    assert (order.job_number, [line.job_id for line in order.lines]) == (shop.job.number, [shop.job.id, other.id])
    # the order moves to the other job: the line that followed the order's job follows it
    order = po.update_purchase_order(db, order.id, job_id=other.id)
    assert [line.job_id for line in order.lines] == [other.id, other.id]
    assert [r.id for r in po.list_purchase_orders(db, job_id=other.id)] == [order.id]
    assert po.list_purchase_orders(db, job_id=shop.job.id) == []


def test_outside_work_is_ordered_from_the_operations_own_supplier_for_its_job(db, shop, buying):
    op_id = routing.add_operation(db, shop.job.id, name="Powder coat RAL 9005", workstation_id=shop.bench.id)
    with db.session() as s:  # marked as done outside by ColourCoat (the routing's own dialog does this)
        s.get(Operation, op_id).supplier_id = buying.coater.id
    order = po.create_purchase_order(db, buying.coater.id, lines=[Line(quantity="2", unit_price="85.00",
                                                                       operation_id=op_id)])
    line = order.lines[0]
    assert (line.operation_id, line.job_id, line.description, line.amount) == (
        op_id, shop.job.id, "Powder coat RAL 9005", D("170.00"))  # 2 × 85.00
    with pytest.raises(ValidationError) as info:
        po.create_purchase_order(db, buying.hd.id, lines=[Line(quantity="2", unit_price="85", operation_id=op_id)])
    assert info.value.message.endswith("Powder coat RAL 9005 of " + shop.job.number
                                       + " is done by ColourCoat, not Hardwood Direct.")


def test_lists_search_as_you_type_and_find_by_number(db, shop, buying):
    coat = po.create_purchase_order(db, buying.coater.id, lines=[Line(quantity="1", unit_price="5", description="x")])
    wood = po.create_purchase_order(db, buying.hd.id, job_id=shop.job.id,
                                    lines=[Line(quantity="1", unit_price=None, material_id=shop.oak.id)])
    assert [r.number for r in po.list_purchase_orders(db)] == [wood.number, coat.number]  # newest first
    assert [r.id for r in po.list_purchase_orders(db, "hardw")] == [wood.id]
    assert [r.id for r in po.list_purchase_orders(db, shop.job.number.lower())] == [wood.id]
    assert [r.id for r in po.list_purchase_orders(db, coat.number)] == [coat.id]
    row = po.list_purchase_orders(db, supplier_id=buying.hd.id)[0]
    assert (row.supplier_name, row.job_number, row.status, row.total) == ("Hardwood Direct", shop.job.number,
                                                                          "draft", D("84.10"))
    po.cancel_purchase_order(db, coat.id, "not needed")
    assert [r.id for r in po.list_purchase_orders(db, open_only=True)] == [wood.id]
    assert [r.id for r in po.list_purchase_orders(db, status="cancelled")] == [coat.id]
    assert po.purchase_order_by_number(db, f" {wood.number.lower()} ").id == wood.id
    with pytest.raises(NotFoundError, match="There is no purchase order PO-1999-0001"):
        po.purchase_order_by_number(db, "PO-1999-0001")
