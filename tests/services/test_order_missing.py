"""'Order what's missing': one draft purchase order per preferred supplier, for the job, at the
supplier's price and code; materials without a supplier are named. Figures worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.changes import Change, changes_of
from workshop.domain.errors import ValidationError
from workshop.services import bom, purchase_orders, suppliers
from workshop.services.stock_needs import material_needs, order_missing
from workshop.services.suppliers import MaterialSupplierInput as Offer


@pytest.fixture
def short_job(db, shop):
    job = shop.job  # 2 off
    bom.add_line(db, job.id, material_id=shop.oak.id, quantity="25")    # 50 m2 needed, 40 in stock: 10 missing
    bom.add_line(db, job.id, material_id=shop.hinge.id, quantity="150")  # 300 needed, 200 in stock: 100 missing
    bom.add_line(db, job.id, material_id=shop.oil.id, quantity="5")      # 10 l needed, 6 in stock: 4 missing
    timber = suppliers.create_supplier(db, name="Timber Co", lead_time_days="7")
    iron = suppliers.create_supplier(db, name="Ironmongery Ltd", lead_time_days="3")
    # oak: Timber Co first (preferred), Ironmongery second; hinges: Ironmongery; oil: nobody
    suppliers.set_material_suppliers(db, shop.oak.id, [Offer(timber.id, "TC-OAK25", "80.00"),
                                                       Offer(iron.id, "IM-OAK", "99.00")])
    suppliers.set_material_suppliers(db, shop.hinge.id, [Offer(iron.id, "IM-35", "3.90")])
    return job, timber, iron


def test_drafts_one_order_per_preferred_supplier_and_names_what_it_could_not(db, shop, short_job, today):
    job, timber, iron = short_job
    assert changes_of(order_missing) == Change.PURCHASING
    result = order_missing(db, job.id)
    # materials by code: HNG-35 (Ironmongery) comes first, so its order takes the first number
    assert result.numbers == ("PO-2026-0001", "PO-2026-0002")
    assert result.not_ordered == ("OIL-HW: no preferred supplier (4 l missing)",)
    first, second = (purchase_orders.get_purchase_order(db, i) for i in result.purchase_order_ids)
    assert (first.supplier_name, first.job_id, first.status) == ("Ironmongery Ltd", job.id, "draft")
    hinge, = first.lines
    # 100 hinges × 3.90 = 390.00, expected in 3 days
    assert (hinge.material_id, hinge.supplier_code, hinge.quantity, hinge.unit_price, hinge.amount) == (
        shop.hinge.id, "IM-35", D(100), D("3.90"), D("390.00"))
    assert first.expected_on == hinge.expected_on == today + dt.timedelta(days=3)
    oak, = second.lines
    # 10 m2 of oak × 80.00 = 800.00 from the preferred Timber Co, not Ironmongery's 99.00; in 7 days
    assert (second.supplier_name, oak.supplier_code, oak.quantity, oak.amount) == ("Timber Co", "TC-OAK25", D(10),
                                                                                  D("800.00"))
    assert oak.expected_on == today + dt.timedelta(days=7)

    # now on order for the job: oak and hinges are covered; only the oil is still missing
    needs = material_needs(db, job.id)
    assert (needs[shop.oak.id].on_order, needs[shop.oak.id].missing) == (D(10), D(0))
    assert needs[shop.oil.id].missing == D(4)
    again = order_missing(db, job.id)
    assert (again.purchase_order_ids, again.not_ordered) == ((), ("OIL-HW: no preferred supplier (4 l missing)",))


def test_nothing_missing_is_said_and_nothing_drafted(db, shop):
    bom.add_line(db, shop.job.id, material_id=shop.oak.id, quantity="2")  # 4 of 40 m2
    with pytest.raises(ValidationError) as info:
        order_missing(db, shop.job.id)
    assert info.value.message == f"Nothing is missing for {shop.job.number}."
    assert purchase_orders.list_purchase_orders(db) == []


def test_a_cancelled_job_is_missing_nothing(db, shop, short_job):
    from workshop.services import jobs

    job, _timber, _iron = short_job
    jobs.change_status(db, job.id, "cancel", "Customer went elsewhere")
    assert {n.missing for n in material_needs(db, job.id).values()} == {D(0)}
    with pytest.raises(ValidationError) as info:
        order_missing(db, job.id)
    assert info.value.message == f"Nothing is missing for {job.number}."



def test_missing_ordered_received_at_another_price_and_issued_leaves_nothing_missing(db, shop, short_job):
    from workshop.services import booking_views, goods_in, jobs, job_costing
    from workshop.services.goods_in import ReceiptLineInput

    job, _timber, _iron = short_job
    jobs.change_status(db, job.id, "release")
    result = order_missing(db, job.id)
    oak_order = purchase_orders.get_purchase_order(db, result.purchase_order_ids[1])  # Timber Co: 10 m2 at 80.00
    purchase_orders.mark_sent(db, oak_order.id)
    [line] = oak_order.lines
    # the timber came in at 84.00, not the 80.00 ordered, and went straight to the job (the shop costs a
    # job's own purchases at what was paid: Company settings' default, "actual")
    goods_in.receive_goods(db, purchase_order_id=oak_order.id, lines=[
        ReceiptLineInput(quantity="10", unit_cost="84.00", purchase_order_line_id=line.id, issue_to_job=True)])
    oak = material_needs(db, job.id)[shop.oak.id]
    # 50 needed, 10 issued: 40 to issue against the 40 on the shelf; the order is received: nothing on order
    assert (oak.issued, oak.to_issue, oak.on_hand, oak.on_order, oak.missing) == (D(10), D(40), D(40), D(0), D(0))
    issued = [i for i in booking_views.list_material_issues(db, job.id) if i.material_id == shop.oak.id]
    assert [(i.quantity, i.amount) for i in issued] == [(D(10), D("840.00"))]  # 10 × 84.00, what was paid
    assert job_costing.actual_job_cost(db, job.id).materials.amount == D("840.00")
