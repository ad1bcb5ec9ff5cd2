"""Status moves that end work ask first, naming what is unfinished; completing with operations not
done needs a reason; finished jobs can be reopened with a reason; "Ready to complete" only when true."""

from __future__ import annotations

import pytest

from workshop.domain import status_questions as sq
from workshop.domain import statuses as st
from workshop.domain.errors import ValidationError
from workshop.services import bookings, gate, inspection, jobs, nonconformance as ncrs, routing
from support.invoicing import final_invoice_issued


@pytest.fixture
def reworked(db, shop):
    """The oak cabinet template (3 operations), the cut done, the top failed its check and a rework
    operation added for the report: 3 of 4 operations not done, one of them the rework."""
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    for action in ("release", "start"):
        jobs.change_status(db, shop.job.id, action)
    bookings.log_time(db, ops[0].id, shop.anna.id, minutes="35", mark_done=True)
    flat = inspection.add_check(db, operation_id=ops[2].id, characteristic="Top flatness", nominal="0",
                                lower_tolerance="0", upper_tolerance="0.5", unit="mm")
    failed = inspection.record_result(db, flat.id, readings="0.8", inspector="Anna")
    ncrs.disposition(db, failed.ncr_id, disposition="rework", cause="Cupped", rework_minutes="30")
    return ops, flat, failed


def test_complete_asks_naming_unfinished_operations_and_rework(db, shop, reworked):
    _ops, _flat, failed = reworked
    question = jobs.status_question(db, shop.job.id, "complete")
    assert question.title == f"Complete {shop.job.number}?"
    assert question.text.startswith(f"3 of 4 operations not done, including rework from {failed.ncr_number}.")
    assert question.confirm and question.needs_reason and question.blocked  # the gate will refuse: open report
    assert f"{failed.ncr_number} is not closed" in question.text

    for action, title in (("deliver", f"Mark {shop.job.number} as delivered?"), ("close", f"Close {shop.job.number}?"),
                          ("cancel", f"Cancel {shop.job.number}?")):
        q = jobs.status_question(db, shop.job.id, action)
        assert q.title == title and q.confirm, action
        assert q.text.startswith(f"3 of 4 operations not done, including rework from {failed.ncr_number}."), action
    assert "cannot be reopened" in jobs.status_question(db, shop.job.id, "cancel").text
    assert "read-only" in jobs.status_question(db, shop.job.id, "close").text

    hold = jobs.status_question(db, shop.job.id, "hold")  # not an ending move: only its reason
    assert (hold.title, hold.text, hold.confirm, hold.needs_reason) == (
        "Put on hold", f"Why put on hold {shop.job.number}?", False, True)


def test_completing_with_operations_not_done_needs_a_reason(db, shop):
    routing.apply_template(db, shop.job.id, shop.template.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, shop.job.id, action)
    with pytest.raises(ValidationError) as info:
        jobs.change_status(db, shop.job.id, "complete", "   ")
    assert info.value.field == "reason"
    assert info.value.message == "3 of 3 operations not done: give a reason to complete it anyway."
    job = jobs.get_job(db, shop.job.id)
    assert job.status == "inspection" and job.completed_at is None  # nothing saved

    job = jobs.change_status(db, shop.job.id, "complete", "Oiled and checked; cards not scanned")
    assert job.status == "complete" and job.history[-1].reason == "Oiled and checked; cards not scanned"


def test_a_job_with_every_operation_done_and_no_checks_says_so(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Fit", workstation_id=shop.bench.id, run_minutes="30")
    for action in ("release", "start"):
        jobs.change_status(db, shop.job.id, action)
    bookings.log_time(db, op, shop.tom.id, minutes="30", mark_done=True)
    jobs.change_status(db, shop.job.id, "to_inspection")
    unfinished = gate.unfinished_work(db, shop.job.id)
    assert unfinished == sq.UnfinishedWork(1, 0, (), 0, ())
    assert sq.gate_summary(unfinished) == (
        "no_checks", "No checks on this job, so nothing is inspected before it is completed.")
    question = jobs.status_question(db, shop.job.id, "complete")
    assert not question.needs_reason and not question.blocked
    assert question.text.startswith("Its one operation is done.\n\nIt has no inspection checks: nothing was inspected.")
    assert jobs.change_status(db, shop.job.id, "complete").status == "complete"  # no reason needed


def test_gate_summary_is_ready_only_when_it_truly_is():
    problems = ("check “Top flatness” at 030 Check and oil has no pass (not inspected)",)
    assert sq.gate_summary(sq.UnfinishedWork(3, 0, (), 2, problems)) == (
        "blocked", "Not ready to complete:\n•  Check “Top flatness” at 030 Check and oil has no pass (not inspected)")
    assert sq.gate_summary(sq.UnfinishedWork(3, 1, (), 2, ()))[0] == "unfinished"
    assert sq.gate_summary(sq.UnfinishedWork(3, 1, (), 0, ())) == (
        "no_checks", "No checks on this job, so nothing is inspected before it is completed; 1 of 3 operations "
                     "not done.")
    assert sq.gate_summary(sq.UnfinishedWork(3, 0, (), 2, ())) == (
        "ready", "Ready to complete: every required check has passed, no report is open and every operation is done.")
    # once completed it is no longer "ready to complete": the page says what the job is
    assert sq.gate_summary(sq.UnfinishedWork(3, 0, (), 2, ()), "delivered") == (
        "finished", "Delivered: every required check passed. The results below are its quality record.")
    assert sq.gate_summary(sq.UnfinishedWork(3, 0, (), 0, ()), "complete")[1] == (
        "Complete: it had no checks. The results below are its quality record.")
    assert sq.gate_summary(sq.UnfinishedWork(3, 2, (), 2, ()), "cancelled") == (
        "finished", "Cancelled: nothing more is inspected on this job.")
    assert sq.gate_summary(sq.UnfinishedWork(3, 0, (), 2, ()), "inspection")[0] == "ready"


def test_a_finished_job_is_reopened_with_a_reason_in_its_history(db, shop):
    for action in ("release", "start", "to_inspection", "complete", "deliver"):
        jobs.change_status(db, shop.job.id, action)
    final_invoice_issued(db, shop, shop.job.id)
    jobs.change_status(db, shop.job.id, "close", "Paid in cash")
    closed = jobs.get_job(db, shop.job.id)
    assert closed.allowed_actions == ("reopen",)
    with pytest.raises(ValidationError, match="Job .* is closed; it can no longer be edited"):
        jobs.update_job(db, shop.job.id, title="Oak dresser v2")
    with pytest.raises(ValidationError) as info:
        jobs.change_status(db, shop.job.id, "reopen")
    assert (info.value.field, info.value.message) == ("reason", "Give a reason to reopen.")

    job = jobs.change_status(db, shop.job.id, "reopen", "Drawer runner fitted the wrong way round")
    assert job.status == "in_progress"
    last = job.history[-1]
    assert (last.from_status, last.to_status, last.reason) == ("closed", "in_progress",
                                                               "Drawer runner fitted the wrong way round")
    assert jobs.update_job(db, shop.job.id, title="Oak dresser v2").title == "Oak dresser v2"  # editable again
    assert st.can("reopen", "complete") and st.can("reopen", "delivered") and st.can("reopen", "invoiced")


def test_a_cancelled_job_cannot_be_reopened(db, shop):
    jobs.change_status(db, shop.job.id, "cancel", "Customer moved abroad")
    assert jobs.get_job(db, shop.job.id).allowed_actions == ()
    with pytest.raises(ValidationError, match="Cannot reopen: the job is cancelled"):
        jobs.change_status(db, shop.job.id, "reopen", "Changed their mind")
