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
#: States in which nothing about the job can be edited any more (its screens are read-only).
READ_ONLY_JOB_STATUSES = frozenset({JobStatus.CLOSED, JobStatus.CANCELLED})


def is_read_only(status: JobStatus | str) -> bool:
    return JobStatus(status) in READ_ONLY_JOB_STATUSES


@dataclass(frozen=True)
class JobAction:
    name: str
    label: str
    sources: frozenset[JobStatus]
    target: JobStatus
    needs_reason: bool = False


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
        JobAction("invoice", "Mark invoiced", frozenset({JobStatus.DELIVERED}), JobStatus.INVOICED),
        JobAction("close", "Close", frozenset({JobStatus.INVOICED}), JobStatus.CLOSED),
        JobAction("cancel", "Cancel job", OPEN_JOB_STATUSES, JobStatus.CANCELLED, needs_reason=True),
    )
}


def job_action(name: str) -> JobAction:
    try:
        return JOB_ACTIONS[name]
    except KeyError:
        raise ValidationError("action", f"Unknown job action “{name}”.") from None


def can(action: str, status: JobStatus | str) -> bool:
    return JobStatus(status) in job_action(action).sources


def allowed_actions(status: JobStatus | str) -> list[JobAction]:
    status = JobStatus(status)
    return [a for a in JOB_ACTIONS.values() if status in a.sources]


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
    BriefStatus.QUOTED: frozenset({BriefStatus.WON, BriefStatus.LOST, BriefStatus.WITHDRAWN, BriefStatus.NEW}),
    BriefStatus.WON: frozenset(),
    BriefStatus.LOST: frozenset({BriefStatus.NEW}),  # reopened when the customer comes back
    BriefStatus.WITHDRAWN: frozenset({BriefStatus.NEW}),
}
BRIEF_NEEDS_REASON = frozenset({BriefStatus.LOST, BriefStatus.WITHDRAWN})


def can_move_brief(current: BriefStatus | str, new: BriefStatus | str) -> bool:
    return BriefStatus(new) in _BRIEF_TRANSITIONS[BriefStatus(current)]


def check_brief_move(current: BriefStatus | str, new: BriefStatus | str, reason: str = "") -> BriefStatus:
    current, new = BriefStatus(current), BriefStatus(new)
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
