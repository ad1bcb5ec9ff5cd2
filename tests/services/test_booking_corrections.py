"""Correcting a booking: a reversing entry with a reason, never an edit in place. Figures worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import DirectCost, Material, MaterialIssue, TimeLog
from workshop.domain.errors import ValidationError
from workshop.services import booking_corrections as corrections
from workshop.services import booking_views, bookings, job_costing, jobs, routing, traceability, workstations


@pytest.fixture
def live(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                                run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    return cut


def _stock(db, material_id) -> D:
    with db.reader() as s:
        return s.get(Material, material_id).stock_on_hand


def _count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_reversing_time_negates_it_at_its_own_frozen_rates(db, shop, live):
    log = bookings.log_time(db, live, shop.anna.id, minutes="50", kind="both")
    # Anna's own rate 32.00/h, the saw's machine rate 18.00/h and overhead 12.00 per machine hour:
    # 50/60 × 32 = 26.666…, 50/60 × 18 = 15.00, 50/60 × 12 = 10.00 → 51.666… → 51.67
    assert log.cost == D("51.67")
    workstations.update_workstation(db, shop.saw.id, machine_rate="40.00")  # later: must not rewrite history

    reversal = corrections.reverse_time_log(db, log.id, "  Booked to the wrong job  ")
    assert (reversal.labour_minutes, reversal.machine_minutes) == (D("-50"), D("-50"))
    assert (reversal.labour_rate, reversal.machine_rate, reversal.overhead_rate) == (D("32.00"), D("18.00"),
                                                                                    D("12.00"))
    assert reversal.cost == D("-51.67")  # the same figures, negated: 18.00 kept, not today's 40.00
    assert reversal.reverses_id == log.id and reversal.reason == "Booked to the wrong job"

    # both entries stay in the job's history, each saying what it is
    listed = booking_views.list_time_logs(db, shop.job.id)
    assert [(t.id, t.cost, t.reverses_id, t.reversed_by_id) for t in listed] == [
        (log.id, D("51.67"), None, reversal.id), (reversal.id, D("-51.67"), log.id, None)]
    actual = job_costing.actual_job_cost(db, shop.job.id)
    assert (actual.labour.amount, actual.machine.amount, actual.overhead.amount, actual.total.amount) == (
        D("0.00"), D("0.00"), D("0.00"), D("0.00"))  # 51.67 − 51.67
    # the job's history says what was corrected and why
    corrected = [e for e in traceability.job_history(db, shop.job.id) if e.kind == "correction"]
    assert [(e.title, e.detail, e.who) for e in corrected] == [
        ("Time booking reversed", "50 min on 010 Cut panels: Booked to the wrong job", "Anna Kowalska")]


def test_reversing_an_issue_puts_the_stock_back_and_a_return_takes_it_out(db, shop, live):
    oak = bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity="2.5")
    assert _stock(db, shop.oak.id) == D("37.5")  # 40 − 2.5
    undo = corrections.reverse_material_issue(db, oak.id, "Took the board back to the rack")
    # 2.5 m² × 85.50 = 213.75, negated
    assert (undo.quantity, undo.unit_cost, undo.amount) == (D("-2.5"), D("85.50"), D("-213.75"))
    assert not undo.is_return  # a correction, not a return
    assert _stock(db, shop.oak.id) == D("40")  # 37.5 + 2.5

    bookings.issue_material(db, shop.job.id, material_id=shop.hinge.id, quantity="10")  # 10 × 4.20 = 42.00
    back = bookings.return_material(db, shop.job.id, material_id=shop.hinge.id, quantity="4")  # −16.80
    assert _stock(db, shop.hinge.id) == D("194")  # 200 − 10 + 4
    redo = corrections.reverse_material_issue(db, back.id, "Those hinges were fitted after all")
    assert (redo.quantity, redo.amount) == (D("4"), D("16.80"))
    assert _stock(db, shop.hinge.id) == D("190")  # 194 − 4

    # materials: 213.75 − 213.75 + 42.00 − 16.80 + 16.80 = 42.00
    assert job_costing.actual_job_cost(db, shop.job.id).materials.amount == D("42.00")
    listed = booking_views.list_material_issues(db, shop.job.id)
    assert [i.reversed_by_id for i in listed] == [undo.id, None, None, redo.id, None]
    assert [e.detail for e in traceability.job_history(db, shop.job.id) if e.kind == "correction"] == [
        "2.5 m2 Oak board 25 mm: Took the board back to the rack",
        "4 ea Hinge 35 mm soft-close: Those hinges were fitted after all"]


def test_reversing_another_cost_nets_it_to_zero(db, shop):
    van = bookings.add_other_cost(db, shop.job.id, category="delivery", description="Van hire", amount="120.50")
    undo = corrections.reverse_other_cost(db, van.id, "Charged to the customer directly")
    assert (undo.category, undo.description, undo.amount) == ("delivery", "Van hire", D("-120.50"))
    assert undo.incurred_on == db.today()
    assert job_costing.actual_job_cost(db, shop.job.id).other.amount == D("0.00")  # 120.50 − 120.50
    assert [(c.amount, c.reversed_by_id) for c in booking_views.list_other_costs(db, shop.job.id)] == [
        (D("120.50"), undo.id), (D("-120.50"), None)]
    assert [(e.title, e.detail) for e in traceability.job_history(db, shop.job.id) if e.kind == "correction"] == [
        ("Cost reversed", "Delivery Van hire: Charged to the customer directly")]


def test_refusals_save_nothing(db, shop, live):
    log = bookings.log_time(db, live, shop.anna.id, minutes="30")
    hinge = bookings.issue_material(db, shop.job.id, material_id=shop.hinge.id, quantity="5")
    back = bookings.return_material(db, shop.job.id, material_id=shop.hinge.id, quantity="5")

    def refused(fn, *args, field, words):
        before = (_count(db, TimeLog), _count(db, MaterialIssue), _count(db, DirectCost), _stock(db, shop.hinge.id))
        with pytest.raises(ValidationError) as info:
            fn(db, *args)
        assert info.value.field == field and words in str(info.value)
        assert (_count(db, TimeLog), _count(db, MaterialIssue), _count(db, DirectCost),
                _stock(db, shop.hinge.id)) == before

    refused(corrections.reverse_time_log, log.id, "   ", field="reason", words="Give a reason")
    undo = corrections.reverse_time_log(db, log.id, "Wrong operation")
    refused(corrections.reverse_time_log, log.id, "Again", field="reverses_id", words="already been reversed")
    refused(corrections.reverse_time_log, undo.id, "Undo the undo", field="reverses_id", words="itself a correction")

    # the 5 hinges came back (stock 200); 195 go out to another job, so the return cannot be undone
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Hall bench", due_date=shop.job.due_date)
    jobs.change_status(db, other.id, "release")
    bookings.issue_material(db, other.id, material_id=shop.hinge.id, quantity="197")
    refused(corrections.reverse_material_issue, back.id, "Fitted after all", field="quantity", words="in stock")
    assert hinge.quantity == D("5")

    jobs.change_status(db, shop.job.id, "cancel", "Customer moved abroad")
    refused(corrections.reverse_material_issue, hinge.id, "Wrong job", field="job", words="can no longer be corrected")
