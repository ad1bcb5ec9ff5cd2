"""Repeat orders: new jobs copied from jobs already in a working copy of the ten-year shop.

A benchmark that needs more of something than the generator makes (500 jobs on the floor, 100 job
cards of two pages) adds it this way rather than by bending the shop's history: each copy is a new
job (the next number of its year, counter kept in step, history from planned to its status) with its
source's customer, title, specification, quantity, bill of materials (sub-assemblies kept), routing
(every step pending, no times planned) and inspection checks; nothing booked, issued or invoiced.
``workshop check`` finds the shop healthy afterwards (bench_schedule --check runs it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

#: The steps of a new job's history up to each status it may be given here.
HISTORY = {"planned": ["planned"], "released": ["planned", "released"]}


def repeat_jobs(s, sources: Sequence[int], *, now: dt.datetime, status: str = "released",
                due: Callable[[int], dt.date] | None = None, priority: Callable[[int], str] | None = None,
                title: Callable[[str], str] = lambda title: f"{title} (repeat)") -> list[int]:
    """Copy the jobs ``sources`` (ids, in that order) as new jobs in ``status``, made at ``now``;
    ``due(k)`` and ``priority(k)`` give the k-th copy's (default: its source's). Returns the new ids."""
    from sqlalchemy import func, insert, select

    from workshop.db.models import BomItem, InspectionCheck, Job, JobStatusChange, NumberSequence, Operation
    from workshop.domain.search import search_key

    if not sources:
        return []
    year = now.year
    counter = s.scalar(select(NumberSequence).where(NumberSequence.prefix == "J", NumberSequence.year == year))
    if counter is None:
        counter = NumberSequence(prefix="J", year=year, last_value=0)
        s.add(counter)
        s.flush()
    found = {row.id: row for row in s.execute(select(Job).where(Job.id.in_(list(sources)))).scalars()}
    next_id = s.scalar(select(func.max(Job.id))) + 1
    new_job: dict[int, int] = {}
    jobs, history = [], []
    for k, source_id in enumerate(sources):
        source = found[source_id]
        job_id = new_job[source_id] = next_id + k
        number, name = f"J-{year}-{counter.last_value + k + 1:04d}", title(source.title)
        jobs.append(dict(id=job_id, number=number, customer_id=source.customer_id, title=name,
                         specification=source.specification, quantity=source.quantity,
                         due_date=due(k) if due else source.due_date,
                         priority=priority(k) if priority else source.priority, status=status, budget=source.budget,
                         notes="", kind=source.kind, created_at=now, updated_at=now,
                         search_text=search_key(number, name, source.specification)))
        steps = HISTORY[status]
        history += [dict(job_id=job_id, at=now, from_status=before, to_status=to, reason="Repeat order")
                    for before, to in zip([None, *steps], steps)]
    counter.last_value += len(jobs)
    s.execute(insert(Job), jobs)
    s.execute(insert(JobStatusChange), history)
    items = _copy(s, BomItem, new_job, lambda row, ids: dict(parent_id=ids.get(row["parent_id"])))
    operations = _copy(s, Operation, new_job, lambda row, ids: dict(
        subassembly_id=items.get(row["subassembly_id"]), status="pending", planned_start=None, planned_end=None))
    _copy(s, InspectionCheck, new_job, lambda row, ids: dict(operation_id=operations.get(row["operation_id"])))
    return [new_job[source_id] for source_id in sources]


def _copy(s, model, new_job: dict[int, int], changes) -> dict[int, int]:
    """Copy the rows of ``model`` that belong to the source jobs onto their copies; ``changes(row, ids)``
    gives the columns that differ (``ids``: old id to new id of this table). Returns that id map."""
    from sqlalchemy import func, insert, select

    table = model.__table__
    rows = s.execute(select(table).where(table.c.job_id.in_(list(new_job))).order_by(table.c.id)).mappings().all()
    first = (s.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = {row["id"]: first + k for k, row in enumerate(rows)}
    if rows:
        s.execute(insert(table), [{**row, "id": ids[row["id"]], "job_id": new_job[row["job_id"]],
                                   **changes(row, ids)} for row in rows])
    return ids
