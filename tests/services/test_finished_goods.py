"""A job that makes items for stock puts them into stock when it completes, at its unit cost (its
actual cost ÷ its quantity), once; each lot keeps its job and that job's finished-goods tests.
Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from workshop.db.models import Material, StockMovement
from workshop.domain.errors import ValidationError
from workshop.services import bookings, delivery, finished_tests, jobs, materials, routing
from workshop.services.finished_goods import finished_lots


@pytest.fixture
def bracket(db):
    """Spare wall brackets, kept in stock: 3 on the shelf at 80.00 (240.00)."""
    return materials.create_material(db, code="BRK-SP", name="Wall bracket, spare", unit="ea", unit_cost="80.00",
                                     stock_on_hand="3")


def _stock(db, material_id: int) -> tuple[D, D, D]:
    with db.reader() as s:
        m = s.get(Material, material_id)
        return m.stock_on_hand, m.stock_value, m.unit_cost


def _work_the_job(db, shop, job_id: int) -> None:
    """Costs booked by hand: 2.5 m2 of oak at 85.50 = 213.75; 60 min of Tom (26.00/h) at the bench with its
    overhead 6.50 per labour hour = 26.00 + 6.50 = 32.50; a subcontract of 100.00. Total 346.25."""
    op = routing.add_operation(db, job_id, name="Make brackets", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="15")
    for action in ("release", "start"):
        jobs.change_status(db, job_id, action)
    bookings.issue_material(db, job_id, material_id=shop.oak.id, quantity="2.5")
    bookings.log_time(db, op, shop.tom.id, minutes="60", mark_done=True)
    bookings.add_other_cost(db, job_id, category="subcontract", description="Powder coating", amount="100.00")
    finished_tests.record_finished_test(db, job_id, name="Load test 50 kg", test_type="pass_fail", result="pass",
                                        tester="Tom Reed")
    finished_tests.record_finished_test(db, job_id, name="Coating thickness", nominal="80", lower_tolerance="-10",
                                        upper_tolerance="20", unit="µm", value="85", tester="Tom Reed")
    jobs.change_status(db, job_id, "to_inspection")


def test_completing_puts_the_stock_items_in_at_the_jobs_unit_cost_once(db, shop, today, bracket):
    job = jobs.create_job(db, customer_id=shop.customer.id, title="Brackets, two for stock", quantity=4,
                          due_date=today + dt.timedelta(days=7), stock_material_id=bracket.id, stock_quantity="2")
    assert (job.stock_material_id, job.stock_material_code, job.stock_quantity) == (bracket.id, "BRK-SP", 2)
    _work_the_job(db, shop, job.id)
    assert _stock(db, bracket.id)[0] == D(3)  # nothing in before completion

    jobs.change_status(db, job.id, "complete")
    # unit cost 346.25 / 4 = 86.5625 → 86.56; 2 in at 86.56 = 173.12
    # stock 3 + 2 = 5, worth 240.00 + 173.12 = 413.12, average 413.12 / 5 = 82.624 → 82.62
    assert _stock(db, bracket.id) == (D(5), D("413.12"), D("82.62"))
    with db.reader() as s:
        made = s.execute(select(StockMovement.kind, StockMovement.quantity, StockMovement.value, StockMovement.job_id,
                                StockMovement.reason).where(StockMovement.material_id == bracket.id)
                         .order_by(StockMovement.id)).all()[-1]
    assert tuple(made) == ("finished", D(2), D("173.12"), job.id, f"Made by {job.number}")

    [lot] = finished_lots(db, bracket.id)
    assert (lot.job_number, lot.job_title, lot.quantity, lot.unit_cost) == (job.number, "Brackets, two for stock",
                                                                           D(2), D("86.56"))
    assert (lot.tests_passed, lot.tests_total) == (2, 2)  # the load test and the coating at 85 µm in 70–100

    # reopened for a fix and completed again: the two are not put in twice
    jobs.change_status(db, job.id, "reopen", "Bracket hole missed")
    jobs.change_status(db, job.id, "to_inspection")
    jobs.change_status(db, job.id, "complete")
    assert _stock(db, bracket.id)[:2] == (D(5), D("413.12")) and len(finished_lots(db, bracket.id)) == 1
    with pytest.raises(ValidationError) as info:  # and what it made for stock is settled
        jobs.update_job(db, job.id, stock_quantity="3")
    assert info.value.field == "stock_quantity" and "has put 2 into stock already" in info.value.message


def test_completed_on_the_way_to_delivery_puts_them_in_too(db, shop, today, bracket):
    job = jobs.create_job(db, customer_id=shop.customer.id, title="Spare brackets", quantity=1,
                          due_date=today + dt.timedelta(days=7), stock_material_id=bracket.id, stock_quantity=1)
    _work_the_job(db, shop, job.id)
    delivery.record_delivery(db, job.id, method="collected", received_by="Ruth Harrow", completion_reason="Done")
    # one bracket of 1 at 346.25 / 1: 3 + 1 = 4, 240.00 + 346.25 = 586.25
    assert _stock(db, bracket.id)[:2] == (D(4), D("586.25"))


def test_a_job_making_nothing_for_stock_moves_none(db, shop, today, bracket):
    _work_the_job(db, shop, shop.job.id)
    jobs.change_status(db, shop.job.id, "complete")
    assert _stock(db, bracket.id)[0] == D(3) and finished_lots(db, bracket.id) == []


@pytest.mark.parametrize("values, field, words", [
    (dict(stock_material_id=9999, stock_quantity="1"), "stock_material_id", "material"),
    (dict(stock_material_id="BRK", stock_quantity="1"), "stock_material_id", "is not a material"),
    (dict(stock_quantity="5"), "stock_quantity", "The job makes 4; 5 cannot go into stock."),
    (dict(stock_quantity="1.5"), "stock_quantity", "whole number"),
    (dict(stock_quantity="0"), "stock_quantity", "must be at least 1"),
    (dict(stock_quantity=""), "stock_quantity", "Say how many of the job's 4 go into stock as BRK-SP."),
])
def test_bad_stock_items_are_refused(db, shop, today, bracket, values, field, words):
    values = {"stock_material_id": bracket.id, **values}
    with pytest.raises(ValidationError) as info:
        jobs.create_job(db, customer_id=shop.customer.id, title="Brackets", quantity=4,
                        due_date=today + dt.timedelta(days=7), **values)
    assert info.value.field == field and words in info.value.message
    assert [j.title for j in jobs.list_jobs(db)] == ["Oak dresser"]  # nothing saved, no number taken


def test_the_stock_items_are_edited_with_the_job(db, shop, bracket):
    job = jobs.update_job(db, shop.job.id, stock_material_id=bracket.id, stock_quantity="1")  # the dresser: 2
    assert (job.stock_material_code, job.stock_quantity) == ("BRK-SP", 1)
    with pytest.raises(ValidationError) as info:  # fewer made than go into stock
        jobs.update_job(db, shop.job.id, quantity="1", stock_quantity="2")
    assert "The job makes 1; 2 cannot go into stock." in info.value.message
    jobs.update_job(db, shop.job.id, stock_quantity="2")
    with pytest.raises(ValidationError) as info:  # the quantity alone dropping below it is caught too
        jobs.update_job(db, shop.job.id, quantity="1")
    assert info.value.field == "stock_quantity" and jobs.get_job(db, shop.job.id).quantity == 2
    job = jobs.update_job(db, shop.job.id, stock_material_id=None)
    assert (job.stock_material_id, job.stock_quantity) == (None, 0)
