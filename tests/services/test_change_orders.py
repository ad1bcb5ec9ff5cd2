"""Change orders: an approved change moves the budget and the due date and adds work and
materials, all at once; a change that cannot be applied applies nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import bom, change_orders, jobs, routing, workstations


@pytest.fixture
def live_job(db, shop, today):
    job = shop.job  # quantity 2, due in 21 days
    jobs.update_job(db, job.id, budget="1000.00")
    routing.add_operation(db, job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                          run_minutes="20")
    bom.add_line(db, job.id, material_id=shop.oak.id, quantity="1.2")
    jobs.change_status(db, job.id, "release")
    return jobs.change_status(db, job.id, "start")


def _state(db, job_id):
    job = jobs.get_job(db, job_id)
    return (job.budget, job.due_date, tuple((o.op_number, o.name, o.setup_minutes) for o in
                                            routing.list_operations(db, job_id)),
            tuple((n.description, n.quantity) for n in bom.get_bom(db, job_id).nodes))


def _shelf(db, shop, job_id):
    return change_orders.create_change_order(
        db, job_id, description="Add an adjustable shelf", requested_by="Ruth Harrow", price_change="250.00",
        days_delta=5, hours=[dict(workstation_id=shop.saw.id, minutes="90", name="Cut shelf"),
                             dict(workstation_id=shop.bench.id, minutes="45", name="Fit shelf")],
        materials=[dict(material_id=shop.oak.id, quantity="0.5")])


def test_an_approved_change_moves_budget_and_due_date_and_adds_work(db, shop, live_job, today):
    co = _shelf(db, shop, live_job.id)
    assert (co.number, co.label, co.status) == (1, f"{live_job.number} CO1", "proposed")
    # cost impact at today's rates: saw 90 min → 1.5 × (30 + 18 + 12) = 90.00;
    # bench 45 min → 0.75 × 28 = 21.00 + 0.75 × 6.50 = 4.875; oak 0.5 per unit × 2 = 1 × 85.50
    # 90 + 25.875 + 85.50 = 201.375 → 201.38
    assert co.cost_impact.amount == D("201.38")
    assert (co.new_budget.amount, co.new_due_date) == (D("1250.00"), live_job.due_date + dt.timedelta(days=5))
    assert co.new_budget.explanation == "1,000.00 + 250.00 (change order)"
    assert _state(db, live_job.id)[0] == D("1000.00")  # proposed: nothing applied yet

    approved = change_orders.approve_change_order(db, co.id, decided_on=today, note="Signed by email")
    budget, due, ops, lines = _state(db, live_job.id)
    assert budget == D("1250.00")  # 1,000.00 + 250.00
    assert due == today + dt.timedelta(days=21 + 5)
    assert ops == ((10, "Cut panels", D("15.00")), (20, "Cut shelf", D("90.00")), (30, "Fit shelf", D("45.00")))
    assert lines == (("Oak board 25 mm", D("1.2")), ("Oak board 25 mm", D("0.5")))
    assert (approved.status, approved.decided_on, approved.decision_note) == ("approved", today, "Signed by email")
    assert all(h.operation_id for h in approved.hours) and approved.materials[0].bom_item_id
    assert change_orders.approved_price_changes(db, live_job.id) == D("250.00")
    with pytest.raises(ValidationError, match="already approved"):
        change_orders.approve_change_order(db, co.id)


def test_a_price_reduction_and_an_earlier_date(db, shop, live_job):
    co = change_orders.create_change_order(db, live_job.id, description="Drop the drawer", price_change="-120.50",
                                           days_delta="-2")
    change_orders.approve_change_order(db, co.id)
    budget, due, _, _ = _state(db, live_job.id)
    assert (budget, due) == (D("879.50"), live_job.due_date - dt.timedelta(days=2))


def test_a_failing_change_applies_nothing(db, shop, live_job):
    co = _shelf(db, shop, live_job.id)
    before = _state(db, live_job.id)
    # The bench is retired after the change was proposed: the budget, due date and the saw
    # operation would go in before the bench operation fails — none of them may stay.
    workstations.update_workstation(db, shop.bench.id, active=False)
    with pytest.raises(ValidationError) as info:
        change_orders.approve_change_order(db, co.id)
    assert "BENCH is no longer in use" in info.value.message
    assert _state(db, live_job.id) == before
    assert change_orders.get_change_order(db, co.id).status == "proposed"


def test_rejecting(db, shop, live_job, today):
    co = _shelf(db, shop, live_job.id)
    before = _state(db, live_job.id)
    rejected = change_orders.reject_change_order(db, co.id, decided_on=today, note="Too dear")
    assert (rejected.status, rejected.decided_on) == ("rejected", today)
    assert _state(db, live_job.id) == before
    second = change_orders.create_change_order(db, live_job.id, description="Brass handles", price_change="30")
    assert [c.number for c in change_orders.list_change_orders(db, live_job.id)] == [1, 2] and second.number == 2


@pytest.mark.parametrize("kwargs, field", [
    (dict(description=""), "description"),
    (dict(price_change="abc"), "price_change"),
    (dict(price_change="-1000.01"), "price_change"),  # the budget would go below zero
    (dict(days_delta="soon"), "days_delta"),
    (dict(days_delta=1.5), "days_delta"),
    (dict(hours=[dict(workstation_id=1, minutes="-30")]), "hours"),
    (dict(hours=[dict(workstation_id=999, minutes="30")]), "hours"),
    (dict(materials=[dict(description="Glass", quantity="1")]), "materials"),
    (dict(materials=[dict(material_id=1, quantity="0")]), "materials"),
])
def test_bad_change_orders(db, shop, live_job, kwargs, field):
    kwargs.setdefault("description", "A change")
    with pytest.raises(ValidationError) as info:
        change_orders.create_change_order(db, live_job.id, **kwargs)
    assert info.value.field == field
    assert change_orders.list_change_orders(db, live_job.id) == []


def test_only_live_jobs_take_changes(db, shop, live_job):
    jobs.change_status(db, live_job.id, "cancel", "Customer moved abroad")
    with pytest.raises(ValidationError) as info:
        change_orders.create_change_order(db, live_job.id, description="More drawers")
    assert info.value.field == "job"
