"""A job's operations inside a unit of work: the one place that reads them in order, checks what
they refer to, numbers them and inserts a new one. The routing, an approved change order and an
NCR's rework all add operations through ``insert_operation``, so the numbering is the same.

Operations are versioned records (issue 18: the office edits one while the floor clocks on to it).
On a server a unit of work that changes a job's operations first holds the job's row, then its
operations' (``hold_routing``: the order clocking takes them in, after the operator), so two such
units of work wait their turn and each decides on the newest rows: neither meets the other's
version (StaleDataError) nor waits on what the other holds.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import BomItem, Job, Operation, Operator, Workstation
from ..db.row_locks import hold, serialised_by_file
from ..domain.errors import ValidationError
from ..domain.statuses import JobStatus, OperationStatus, can_change_routing
from .common import get_or_fail

#: ``Session.info`` key: the jobs whose routing the unit of work holds already.
_HELD = "held_routings"


def hold_routing(s: Session, job_id: int) -> None:
    """On a server, hold the job's row and then its operations' (in id order) until the unit of work
    ends, each read afresh (an operation already in the session is refreshed); once per job and
    unit of work. Nothing to do on SQLite, where a writer has the whole file."""
    if serialised_by_file(s):
        return
    held = s.info.setdefault(_HELD, set())
    if job_id in held:
        return
    hold(s, Job, [job_id])
    # as row_locks.hold does, in one statement by the job (not its ids read first, then the rows)
    s.execute(select(Operation).where(Operation.job_id == job_id).order_by(Operation.id)
              .with_for_update(key_share=True).execution_options(populate_existing=True)).all()
    held.add(job_id)


def job_for_edit(s: Session, job_id: int) -> Job:
    """The job, if its routing may still change; else a ValidationError saying why not. Its row
    and its operations' are held first (``hold_routing``)."""
    hold_routing(s, job_id)
    job = get_or_fail(s, Job, job_id, "job", "job")
    if not can_change_routing(job.status):
        raise ValidationError("job", f"Job {job.number} is {JobStatus(job.status).label.lower()}; "
                                     "its routing can no longer change.")
    return job


def check_refs(s: Session, job: Job, fields: dict, current: Operation | None = None) -> None:
    """The workstation is in use (or already the operation's), the operator is set up to run it
    and the sub-assembly is this job's. A field missing from ``fields`` keeps ``current``'s value."""
    ws_id = fields.get("workstation_id", current.workstation_id if current else None)
    ws = get_or_fail(s, Workstation, ws_id, "workstation_id", "workstation")
    if not ws.active and (current is None or current.workstation_id != ws.id):
        raise ValidationError("workstation_id", f"Workstation {ws.code} is no longer in use.")
    op_id = fields.get("operator_id", current.operator_id if current else None)
    if op_id is not None:
        operator = get_or_fail(s, Operator, op_id, "operator_id", "operator")
        if ws not in operator.workstations:
            raise ValidationError("operator_id", f"{operator.name} is not set up to run {ws.code} — {ws.name}.")
    sub_id = fields.get("subassembly_id", current.subassembly_id if current else None)
    if sub_id is not None:
        sub = get_or_fail(s, BomItem, sub_id, "subassembly_id", "sub-assembly")
        if sub.job_id != job.id or not sub.is_assembly:
            raise ValidationError("subassembly_id", "Choose a sub-assembly of this job.")


def ordered(s: Session, job_id: int) -> list[Operation]:
    """The job's operations in routing order."""
    return list(s.scalars(select(Operation).where(Operation.job_id == job_id)
                          .order_by(Operation.sequence, Operation.id)))


def renumber(ops: list[Operation]) -> None:
    """Sequence is the order; op numbers never change (they are printed in barcodes)."""
    for index, op in enumerate(ops, start=1):
        op.sequence = index


def next_op_number(s: Session, job_id: int) -> int:
    """The next free ten above the job's highest op number: 10, 20, 30 … (after 35 comes 40)."""
    current = s.scalar(select(func.max(Operation.op_number)).where(Operation.job_id == job_id)) or 0
    return (current // 10 + 1) * 10


def insert_operation(s: Session, job: Job, *, position: int | None = None, **fields) -> Operation:
    """Add a pending operation with ``fields`` (already validated) to ``job``: at the end, or at
    1-based ``position`` (clamped to the routing). Its references are checked first; it gets the
    next op number and the others keep theirs, only their sequence moves."""
    hold_routing(s, job.id)
    check_refs(s, job, fields)
    ops = ordered(s, job.id)
    op = Operation(job_id=job.id, op_number=next_op_number(s, job.id), sequence=0,
                   status=OperationStatus.PENDING.value, **fields)
    s.add(op)
    index = len(ops) if position is None else max(0, min(len(ops), int(position) - 1))
    ops.insert(index, op)
    renumber(ops)
    s.flush()
    return op
