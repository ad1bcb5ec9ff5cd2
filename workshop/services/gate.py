"""The completion gate: a job cannot become complete or delivered while a required check has
no pass or a non-conformance report is still open. The message names each one."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import InspectionCheck, Job, NonConformance, Operation
from ..domain import quality as q
from ..domain import statuses as st
from ..domain.errors import ValidationError
from ..domain.status_questions import UnfinishedWork
from .common import get_or_fail
from .inspection_state import FINAL_INSPECTION, check_states, ordered_checks


def gate_problems_in_session(s: Session, job_id: int) -> list[str]:
    """What stops the job being completed or delivered: each required check without a pass,
    each non-conformance not yet closed."""
    problems = []
    states = check_states(s, job_id)
    for c in ordered_checks(s, job_id):
        state = states[c.id].state
        if c.required and state not in ("pass", "concession"):
            where = f"{c.operation.op_number:03d} {c.operation.name}" if c.operation else FINAL_INSPECTION.lower()
            why = "failed, not yet passed" if state == "fail" else "not inspected"
            problems.append(f"check “{c.characteristic}” at {where} has no pass ({why})")
    for n in s.scalars(select(NonConformance).where(NonConformance.job_id == job_id,
                                                    NonConformance.status != q.NcrStatus.CLOSED)
                       .order_by(NonConformance.id)):
        status = q.NcrStatus(n.status).label.lower()
        if n.disposition:
            status += f", {q.Disposition(n.disposition).label.lower()}"
        problems.append(f"{n.number} is not closed ({status})")
    return problems


def gate_problems(db: Database, job_id: int) -> list[str]:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return gate_problems_in_session(s, job_id)


def unfinished_work_in_session(s: Session, job_id: int) -> UnfinishedWork:
    """What is not finished on the job: operations not done (and the reports whose rework they
    are), how many checks it has, and what stops the gate; for the questions before a status move."""
    ops = list(s.scalars(select(Operation).where(Operation.job_id == job_id)))
    open_ids = {o.id for o in ops if o.status not in st.FINISHED_OPERATION_STATUSES}
    rework = tuple(s.scalars(select(NonConformance.number).where(NonConformance.rework_operation_id.in_(open_ids))
                             .order_by(NonConformance.id))) if open_ids else ()
    checks = s.scalar(select(func.count()).select_from(InspectionCheck).where(InspectionCheck.job_id == job_id))
    return UnfinishedWork(len(ops), len(open_ids), rework, checks or 0, tuple(gate_problems_in_session(s, job_id)))


def unfinished_work(db: Database, job_id: int) -> UnfinishedWork:
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return unfinished_work_in_session(s, job_id)


def check_gate_in_session(s: Session, job: Job, verb: str) -> None:
    """Raise ValidationError(field="status") naming every problem; jobs.change_status calls it
    before a job becomes complete or delivered."""
    problems = gate_problems_in_session(s, job.id)
    if problems:
        raise ValidationError("status", f"Job {job.number} cannot be {verb}: " + "; ".join(problems) + ".")
