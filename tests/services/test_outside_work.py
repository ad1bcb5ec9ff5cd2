"""Operations done outside the shop: the routing's fields and refusals, the order for the work, and
the estimate costed from that order. Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import NotFoundError, ValidationError
from workshop.services import job_costing, purchase_orders, routing, suppliers
from workshop.services.outside_work import order_outside_work


@pytest.fixture
def coater(db):
    return suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")


def _op(db, job_id, op_id):
    return next(o for o in routing.list_operations(db, job_id) if o.id == op_id)


def test_an_outside_operation_has_a_supplier_and_days_away_instead_of_minutes(db, shop, coater):
    op_id = routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id)
    op = _op(db, shop.job.id, op_id)
    # no days given: the supplier's lead time, 5; no minutes in the shop; at the one outside workstation
    assert (op.outside, op.supplier_name, op.days_away) == (True, "Acme Powder Coating", 5)
    assert (op.setup_minutes, op.run_minutes, op.planned_minutes) == (D(0), D(0), D(0))
    assert (op.workstation_code, op.workstation_name) == ("OUT", "Outside work")
    routing.update_operation(db, op_id, days_away="3")
    assert _op(db, shop.job.id, op_id).days_away == 3
    # a second outside operation sits at the same workstation
    other = routing.add_operation(db, shop.job.id, name="Galvanise", supplier_id=coater.id, days_away=0)
    assert (_op(db, shop.job.id, other).workstation_id, _op(db, shop.job.id, other).days_away) == (op.workstation_id, 0)

    # brought back into the shop: it needs a workstation of the shop's own, then the supplier is gone
    with pytest.raises(ValidationError) as info:
        routing.update_operation(db, op_id, supplier_id=None)
    assert (info.value.field, info.value.message) == ("workstation_id", "Choose the workstation that does it in the shop.")
    routing.update_operation(db, op_id, supplier_id=None, workstation_id=shop.bench.id, setup_minutes="10")
    op = _op(db, shop.job.id, op_id)
    assert (op.outside, op.days_away, op.workstation_code, op.setup_minutes) == (False, None, "BENCH", D(10))


@pytest.mark.parametrize("changes, field, message", [
    (dict(days_away="-2"), "days_away", "Days away must be a whole number of days, 0 or more, not “-2”."),
    (dict(days_away="2.5"), "days_away", "Days away must be a whole number of days, 0 or more, not “2.5”."),
    (dict(days_away="400"), "days_away", "Days away must be at most 365."),
    (dict(setup_minutes="15"), "setup_minutes", "An operation done outside takes no setup or run minutes in the "
                                                "shop; give the days it is away instead."),
])
def test_bad_outside_input_is_refused_and_nothing_saved(db, shop, coater, changes, field, message):
    with pytest.raises(ValidationError) as info:
        routing.add_operation(db, shop.job.id, name="Powder coat", supplier_id=coater.id, **changes)
    assert (info.value.field, info.value.message) == (field, message)
    assert routing.list_operations(db, shop.job.id) == []


def test_an_unknown_supplier_is_named(db, shop):
    with pytest.raises(NotFoundError) as info:
        routing.add_operation(db, shop.job.id, name="Powder coat", supplier_id=999)
    assert (info.value.field, info.value.message) == ("supplier_id", "There is no supplier with id 999.")


def test_the_estimate_counts_the_outside_order_and_nothing_before_it(db, shop, coater, today):
    op_id = routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id)
    assert job_costing.estimate_job_cost(db, shop.job.id).other.amount == D("0.00")  # not ordered: nothing invented

    order = order_outside_work(db, op_id, "42.50")
    po = purchase_orders.get_purchase_order(db, order.purchase_order_id)
    line, = po.lines
    # to the operation's supplier, for the job; 2 off (the job's quantity) × 42.50 = 85.00; back in 5 days
    assert (po.number, po.supplier_name, po.job_id, po.status) == (order.number, "Acme Powder Coating", shop.job.id,
                                                                   "draft")
    assert (line.quantity, line.amount, line.operation_id, line.expected_on) == (D(2), D("85.00"), op_id,
                                                                                 today + dt.timedelta(days=5))
    estimate = job_costing.estimate_job_cost(db, shop.job.id)
    assert estimate.other.amount == D("85.00")
    assert [cost_line.explanation for cost_line in estimate.lines if cost_line.category == "other"] == [
        "subcontract: 010 Powder coat frame — Outside: Acme Powder Coating (5 days away)"]

    purchase_orders.cancel_purchase_order(db, order.purchase_order_id, "Coated in house after all")
    assert job_costing.estimate_job_cost(db, shop.job.id).other.amount == D("0.00")  # a cancelled order counts nothing


def test_ordering_work_done_in_the_shop_is_refused(db, shop):
    op_id = routing.add_operation(db, shop.job.id, name="Sand", workstation_id=shop.bench.id, setup_minutes="5")
    with pytest.raises(ValidationError) as info:
        order_outside_work(db, op_id, "10")
    assert info.value.message == ("Operation 010 Sand is done in the shop; mark it done outside, with its supplier, "
                                  "first.")
