"""Which job statuses allow a delivery, feedback and tickets, what counts as an open job, and
when a brief can be reopened: every status, with the answers written out by hand."""

from __future__ import annotations

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.statuses import (FEEDBACK_WAITS, BriefStatus, JobStatus, can, can_add_cost, can_book_work,
                                      can_change_routing, can_move_brief, can_open_ticket, is_read_only,
                                      can_record_delivery, can_record_feedback, can_reopen_brief, check_brief_move,
                                      completes_on_delivery, is_open_brief,
                                      is_delivered, is_open_job, refusal)

# status: (open job, delivery, delivered, feedback, tickets, reopen)
JOB_RULES = {
    "planned": (True, False, False, False, False, False),
    "released": (True, False, False, False, False, False),
    "in_progress": (True, False, False, False, False, False),
    "on_hold": (True, False, False, False, False, False),
    "inspection": (True, True, False, False, False, False),  # completed on the way to the customer
    "complete": (False, True, False, True, True, True),
    "delivered": (False, True, True, True, True, True),
    "invoiced": (False, True, True, True, True, True),
    "closed": (False, True, True, True, True, True),
    "cancelled": (False, False, False, False, False, False),
}


def test_every_job_status_is_ruled():
    assert set(JOB_RULES) == {s.value for s in JobStatus}


@pytest.mark.parametrize("status", list(JOB_RULES))
def test_job_status_rules(status):
    open_job, delivery, delivered, feedback, tickets, reopen = JOB_RULES[status]
    assert is_open_job(status) is open_job
    assert can_record_delivery(status) is delivery
    assert completes_on_delivery(status) is (status == "inspection")
    assert is_delivered(status) is delivered
    assert can_record_feedback(status) is feedback
    assert can_open_ticket(status) is tickets
    assert can("reopen", status) is reopen
    assert can_record_delivery(JobStatus(status)) is delivery  # the enum reads the same as its text


# status: (book time and material, add another cost, change the routing, read-only)
WORK_RULES = {
    "planned": (False, True, True, False),
    "released": (True, True, True, False),
    "in_progress": (True, True, True, False),
    "on_hold": (True, True, True, False),
    "inspection": (True, True, True, False),
    "complete": (True, True, True, False),  # late paperwork is still booked
    "delivered": (False, True, False, False),  # a delivery bill can still arrive; the routing is settled
    "invoiced": (False, True, False, False),
    "closed": (False, False, False, True),
    "cancelled": (False, False, False, True),
}


@pytest.mark.parametrize("status", list(WORK_RULES))
def test_what_each_job_status_lets_the_shop_book_and_edit(status):
    book, cost, routing, read_only = WORK_RULES[status]
    assert set(WORK_RULES) == {s.value for s in JobStatus}
    assert (can_book_work(status), can_add_cost(status), can_change_routing(status), is_read_only(status)) == (
        book, cost, routing, read_only)


def test_a_refusal_names_the_job_its_status_and_why():
    error = refusal("job", "J-2026-0007", "on_hold", FEEDBACK_WAITS)
    assert (error.field, error.message) == ("job", "Job J-2026-0007 is on hold; feedback comes once the work is "
                                                   "complete.")


# status: can be reopened (back to new)
BRIEF_REOPEN = {"new": False, "quoted": False, "won": False, "lost": True, "withdrawn": True}
# status: open (still being quoted)
BRIEF_OPEN = {"new": True, "quoted": True, "won": False, "lost": False, "withdrawn": False}


def test_every_brief_status_is_ruled():
    assert set(BRIEF_REOPEN) == set(BRIEF_OPEN) == {s.value for s in BriefStatus}


@pytest.mark.parametrize("status", list(BRIEF_REOPEN))
def test_brief_reopen_rule(status):
    assert can_reopen_brief(status) is BRIEF_REOPEN[status]
    assert is_open_brief(status) is BRIEF_OPEN[status]
    assert can_move_brief(status, "new") is BRIEF_REOPEN[status]
    if BRIEF_REOPEN[status]:
        assert check_brief_move(status, "new") is BriefStatus.NEW
    else:
        with pytest.raises(ValidationError) as info:
            check_brief_move(status, "new")
        assert info.value.field == "status"
        assert info.value.message == (f"A {status} brief cannot be reopened: only a lost or withdrawn brief is.")
