"""Statuses and the transitions allowed between them. Pure rules, no storage.

A job moves through its life by named *actions* (release, hold, resume …).
``can(action, status)`` answers whether the button should be enabled and
``target(action, status)`` gives the new status or raises a ValidationError
that says why not — the Stoq ``can_x()`` / ``x()`` pairing, as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import ValidationError


class JobStatus(StrEnum):
    PLANNED = "planned"
    RELEASED = "released"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    INSPECTION = "inspection"
    COMPLETE = "complete"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: States from which a job can still be cancelled; work has not been finished.
OPEN_JOB_STATUSES = frozenset(
    {JobStatus.PLANNED, JobStatus.RELEASED, JobStatus.IN_PROGRESS, JobStatus.ON_HOLD, JobStatus.INSPECTION}
)
#: States counted as work in progress (released up to inspection).
WIP_JOB_STATUSES = frozenset({JobStatus.RELEASED, JobStatus.IN_PROGRESS, JobStatus.ON_HOLD, JobStatus.INSPECTION})
#: States in which the job's work is finished, for lateness and on-time reporting.
FINISHED_JOB_STATUSES = frozenset(
    {JobStatus.COMPLETE, JobStatus.DELIVERED, JobStatus.INVOICED, JobStatus.CLOSED, JobStatus.CANCELLED}
)
#: States whose work is done and not cancelled: the customer's feedback is asked for, aftercare
#: tickets are opened, and the job can be reopened (back to in progress, with a reason).
DONE_JOB_STATUSES = frozenset({JobStatus.COMPLETE, JobStatus.DELIVERED, JobStatus.INVOICED, JobStatus.CLOSED})
REOPENABLE_JOB_STATUSES = DONE_JOB_STATUSES
#: States in which the job has been handed over; a further delivery (a second drop) may follow.
DELIVERED_JOB_STATUSES = frozenset({JobStatus.DELIVERED, JobStatus.INVOICED, JobStatus.CLOSED})
#: States in which a delivery can be recorded: from inspection the job is completed on the way.
DELIVERABLE_JOB_STATUSES = DONE_JOB_STATUSES | {JobStatus.INSPECTION}
#: States in which nothing about the job can be edited any more (its screens are read-only).
READ_ONLY_JOB_STATUSES = frozenset({JobStatus.CLOSED, JobStatus.CANCELLED})
#: States in which time and material are booked: released up to complete (late paperwork).
BOOKABLE_JOB_STATUSES = WIP_JOB_STATUSES | {JobStatus.COMPLETE}
#: Other direct costs (a delivery, a subcontractor's bill) arrive from planning until the job is closed.
COSTABLE_JOB_STATUSES = BOOKABLE_JOB_STATUSES | {JobStatus.PLANNED, JobStatus.DELIVERED, JobStatus.INVOICED}
#: States in which the routing is settled: handed over, billed or ended.
ROUTING_SETTLED_JOB_STATUSES = READ_ONLY_JOB_STATUSES | {JobStatus.DELIVERED, JobStatus.INVOICED}
#: States in which the inspection plan may change (until the job leaves inspection).
PLANNABLE_INSPECTION_JOB_STATUSES = OPEN_JOB_STATUSES
#: States in which checks are recorded against the work (released up to inspection).
INSPECTABLE_JOB_STATUSES = WIP_JOB_STATUSES


def is_read_only(status: JobStatus | str) -> bool:
    return JobStatus(status) in READ_ONLY_JOB_STATUSES


def can_book_work(status: JobStatus | str) -> bool:
    """Time and material can be booked to the job."""
    return JobStatus(status) in BOOKABLE_JOB_STATUSES


def can_add_cost(status: JobStatus | str) -> bool:
    """Another direct cost (delivery, subcontract, design) can be added to the job."""
    return JobStatus(status) in COSTABLE_JOB_STATUSES


def can_change_routing(status: JobStatus | str) -> bool:
    return JobStatus(status) not in ROUTING_SETTLED_JOB_STATUSES


def is_open_job(status: JobStatus | str) -> bool:
    """An open job is in the shop (planned up to inspection): the status bar's count and the job
    list's "In the shop"."""
    return JobStatus(status) in OPEN_JOB_STATUSES


def is_delivered(status: JobStatus | str) -> bool:
    return JobStatus(status) in DELIVERED_JOB_STATUSES


def can_record_delivery(status: JobStatus | str) -> bool:
    return JobStatus(status) in DELIVERABLE_JOB_STATUSES


def completes_on_delivery(status: JobStatus | str) -> bool:
    """A job delivered straight from inspection is completed first, in the same step."""
    return JobStatus(status) is JobStatus.INSPECTION


def can_record_feedback(status: JobStatus | str) -> bool:
    return JobStatus(status) in DONE_JOB_STATUSES


def can_open_ticket(status: JobStatus | str) -> bool:
    return JobStatus(status) in DONE_JOB_STATUSES


#: Why each step waits while its predicate says no: the window's hint and the service's refusal.
DELIVERY_WAITS = "It is delivered after its inspection."
FEEDBACK_WAITS = "Feedback comes once the work is complete."
TICKETS_WAIT = "Aftercare tickets are for finished work."


def not_yet(number: str, status: JobStatus | str, waits: str) -> str:
    """``Job J-2026-0001 is planned; feedback comes once the work is complete.``"""
    return f"Job {number} is {JobStatus(status).label.lower()}; {waits[0].lower()}{waits[1:]}"


def refusal(field: str, number: str, status: JobStatus | str, waits: str) -> ValidationError:
    return ValidationError(field, not_yet(number, status, waits))


@dataclass(frozen=True)
class JobAction:
    name: str
    label: str
    sources: frozenset[JobStatus]
    target: JobStatus
    needs_reason: bool = False
    #: False: only the program makes this move (issuing the final invoice marks the job invoiced);
    #: it is never offered as a button and ``jobs.change_status`` refuses it.
    by_hand: bool = True


JOB_ACTIONS: dict[str, JobAction] = {
    a.name: a
    for a in (
        JobAction("release", "Release to shop", frozenset({JobStatus.PLANNED}), JobStatus.RELEASED),
        JobAction("start", "Start work", frozenset({JobStatus.RELEASED}), JobStatus.IN_PROGRESS),
        JobAction("hold", "Put on hold", frozenset({JobStatus.IN_PROGRESS}), JobStatus.ON_HOLD, needs_reason=True),
        JobAction("resume", "Resume", frozenset({JobStatus.ON_HOLD}), JobStatus.IN_PROGRESS),
        JobAction("to_inspection", "Send to inspection", frozenset({JobStatus.IN_PROGRESS}), JobStatus.INSPECTION),
        # Failed inspection sends the job back to the floor for rework.
        JobAction("rework", "Back to work", frozenset({JobStatus.INSPECTION}), JobStatus.IN_PROGRESS, needs_reason=True),
        JobAction("complete", "Complete", frozenset({JobStatus.INSPECTION}), JobStatus.COMPLETE),
        JobAction("deliver", "Mark delivered", frozenset({JobStatus.COMPLETE}), JobStatus.DELIVERED),
        # Issuing the final invoice marks the job invoiced (services.invoices.issue), never a person.
        JobAction("invoice", "Mark invoiced", frozenset({JobStatus.DELIVERED}), JobStatus.INVOICED, by_hand=False),
        # Paying the final invoice in full closes the job (services.payments); closed by hand, a delivered
        # job billed outside the program or an invoiced one written off, it says why.
        JobAction("close", "Close", frozenset({JobStatus.DELIVERED, JobStatus.INVOICED}), JobStatus.CLOSED,
                  needs_reason=True),
        JobAction("cancel", "Cancel job", OPEN_JOB_STATUSES, JobStatus.CANCELLED, needs_reason=True),
        # Finished work found wanting (a warranty fix, a missed operation): back to the floor, with
        # the reason in the history. A cancelled job stays cancelled: it is quoted again instead.
        JobAction("reopen", "Reopen", REOPENABLE_JOB_STATUSES, JobStatus.IN_PROGRESS, needs_reason=True),
    )
}

#: Actions that end work: each asks first, naming what is unfinished.
ENDING_ACTIONS = frozenset({"complete", "deliver", "close", "cancel"})


def job_action(name: str) -> JobAction:
    try:
        return JOB_ACTIONS[name]
    except KeyError:
        raise ValidationError("action", f"Unknown job action “{name}”.") from None


def can(action: str, status: JobStatus | str) -> bool:
    return JobStatus(status) in job_action(action).sources


def allowed_actions(status: JobStatus | str) -> list[JobAction]:
    """The moves a person may make now (the program's own, such as "invoice", are left out)."""
    status = JobStatus(status)
    return [a for a in JOB_ACTIONS.values() if a.by_hand and status in a.sources]


def check_by_hand(action: str) -> None:
    """Refuse a move only the program makes: a job is invoiced by issuing its final invoice."""
    if not job_action(action).by_hand:
        raise ValidationError("action", "A job becomes invoiced when its final invoice is issued: use Invoice… "
                                        "and choose the final invoice.")


def target(action: str, status: JobStatus | str, reason: str = "") -> JobStatus:
    """The status ``action`` leads to from ``status``, or a ValidationError saying why not."""
    spec = job_action(action)
    status = JobStatus(status)
    if status not in spec.sources:
        allowed = ", ".join(sorted(s.label.lower() for s in spec.sources))
        raise ValidationError(
            "status", f"Cannot {spec.label.lower()}: the job is {status.label.lower()} (allowed from: {allowed})."
        )
    if spec.needs_reason and not reason.strip():
        raise ValidationError("reason", f"Give a reason to {spec.label.lower()}.")
    return spec.target


class BriefStatus(StrEnum):
    NEW = "new"
    QUOTED = "quoted"
    WON = "won"
    LOST = "lost"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()


OPEN_BRIEF_STATUSES = frozenset({BriefStatus.NEW, BriefStatus.QUOTED})

_BRIEF_TRANSITIONS: dict[BriefStatus, frozenset[BriefStatus]] = {
    BriefStatus.NEW: frozenset({BriefStatus.QUOTED, BriefStatus.WON, BriefStatus.LOST, BriefStatus.WITHDRAWN}),
    BriefStatus.QUOTED: frozenset({BriefStatus.WON, BriefStatus.LOST, BriefStatus.WITHDRAWN}),
    BriefStatus.WON: frozenset(),
    # Reopening (back to new) is for a closed brief the customer comes back to; an open one
    # needs no reopening and a won one is a job.
    BriefStatus.LOST: frozenset({BriefStatus.NEW}),
    BriefStatus.WITHDRAWN: frozenset({BriefStatus.NEW}),
}
BRIEF_NEEDS_REASON = frozenset({BriefStatus.LOST, BriefStatus.WITHDRAWN})


def can_move_brief(current: BriefStatus | str, new: BriefStatus | str) -> bool:
    return BriefStatus(new) in _BRIEF_TRANSITIONS[BriefStatus(current)]


def is_open_brief(status: BriefStatus | str) -> bool:
    """An open brief is still being quoted (new or quoted): its quotes can be written and sent."""
    return BriefStatus(status) in OPEN_BRIEF_STATUSES


def can_reopen_brief(status: BriefStatus | str) -> bool:
    return can_move_brief(status, BriefStatus.NEW)


def check_brief_move(current: BriefStatus | str, new: BriefStatus | str, reason: str = "") -> BriefStatus:
    current, new = BriefStatus(current), BriefStatus(new)
    if new is BriefStatus.NEW and not can_reopen_brief(current):
        raise ValidationError("status", f"A {current.label.lower()} brief cannot be reopened: only a lost or "
                                        "withdrawn brief is.")
    if new not in _BRIEF_TRANSITIONS[current]:
        raise ValidationError("status", f"A {current.label.lower()} brief cannot be marked {new.label.lower()}.")
    if new in BRIEF_NEEDS_REASON and not reason.strip():
        raise ValidationError("reason", f"Give a reason why the brief is {new.label.lower()}.")
    return new


class OperationStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: Worked on: the operation keeps its place in history (skipped, never removed or made "not started").
STARTED_OPERATION_STATUSES = frozenset({OperationStatus.RUNNING, OperationStatus.PAUSED, OperationStatus.DONE})
#: No longer open work on the job.
FINISHED_OPERATION_STATUSES = frozenset({OperationStatus.DONE, OperationStatus.SKIPPED})

_NOT_STARTED = frozenset({OperationStatus.PENDING, OperationStatus.READY})
_OPERATION_TRANSITIONS: dict[OperationStatus, frozenset[OperationStatus]] = {
    # Not started: made ready (or back), started, marked done without bookings, or skipped.
    OperationStatus.PENDING: frozenset({OperationStatus.READY, OperationStatus.RUNNING, OperationStatus.DONE,
                                        OperationStatus.SKIPPED}),
    OperationStatus.READY: frozenset({OperationStatus.PENDING, OperationStatus.RUNNING, OperationStatus.DONE,
                                      OperationStatus.SKIPPED}),
    # Started work pauses, resumes and finishes; what should not count is skipped, never "not started".
    OperationStatus.RUNNING: frozenset({OperationStatus.PAUSED, OperationStatus.DONE, OperationStatus.SKIPPED}),
    OperationStatus.PAUSED: frozenset({OperationStatus.RUNNING, OperationStatus.DONE, OperationStatus.SKIPPED}),
    # Reopened (more work found on it), or skipped.
    OperationStatus.DONE: frozenset({OperationStatus.RUNNING, OperationStatus.SKIPPED}),
    # A skip undone: back in the plan, or worked on after all.
    OperationStatus.SKIPPED: frozenset({OperationStatus.PENDING, OperationStatus.READY, OperationStatus.RUNNING,
                                        OperationStatus.DONE}),
}


def can_move_operation(current: OperationStatus | str, new: OperationStatus | str) -> bool:
    """Whether an operation may be marked ``new``; its own status again is no move, so allowed."""
    current, new = OperationStatus(current), OperationStatus(new)
    return new is current or new in _OPERATION_TRANSITIONS[current]


def operation_moves(current: OperationStatus | str) -> list[OperationStatus]:
    """The statuses an operation may be marked next, in the order of the statuses."""
    return [s for s in OperationStatus if s in _OPERATION_TRANSITIONS[OperationStatus(current)]]


def check_operation_move(op_number: int, current: OperationStatus | str,
                         new: OperationStatus | str) -> OperationStatus:
    """``new``, or a ValidationError: ``Operation 020 is done; it cannot be marked pending …``."""
    current, new = OperationStatus(current), OperationStatus(new)
    if can_move_operation(current, new):
        return new
    why = ""
    if current in STARTED_OPERATION_STATUSES and new in _NOT_STARTED:
        why = ": work has started on it (mark it skipped if it should not count)"
    elif new is OperationStatus.PAUSED:
        why = ": only running work is paused"
    raise ValidationError("status", f"Operation {op_number:03d} is {current.label.lower()}; "
                                    f"it cannot be marked {new.label.lower()}{why}.")


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return {"low": 1, "normal": 2, "high": 3, "urgent": 4}[self.value]

    @property
    def label(self) -> str:
        return self.value.capitalize()


class OverheadBasis(StrEnum):
    PER_LABOUR_HOUR = "per_labour_hour"
    PER_MACHINE_HOUR = "per_machine_hour"
    PERCENT_OF_LABOUR = "percent_of_labour"

    @property
    def label(self) -> str:
        return {
            "per_labour_hour": "per labour hour",
            "per_machine_hour": "per machine hour",
            "percent_of_labour": "% of labour cost",
        }[self.value]


class _WordStatus(StrEnum):
    """A status whose label is its word, capitalised (``Sent``)."""

    @property
    def label(self) -> str:
        return self.value.capitalize()


class QuoteStatus(_WordStatus):
    """draft → sent → accepted, rejected or expired; a revision supersedes the draft or sent one."""
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


#: A quote a new revision may be made from.
REVISABLE_QUOTE_STATUSES = frozenset({QuoteStatus.DRAFT, QuoteStatus.SENT, QuoteStatus.REJECTED,
                                      QuoteStatus.EXPIRED})
#: No longer in play: shown greyed in the quotes list.
CLOSED_QUOTE_STATUSES = frozenset({QuoteStatus.SUPERSEDED, QuoteStatus.REJECTED, QuoteStatus.EXPIRED})


class ChangeOrderStatus(_WordStatus):
    """proposed → approved or rejected."""
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
