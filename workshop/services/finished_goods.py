"""Items a job makes for stock: put into stock at the job's unit cost when the job completes, each
lot keeping the job (and so its test records and certificate) it came from.

A job makes for stock when it names a material (``Job.stock_material_id``) and how many of its
quantity go to stock (``Job.stock_quantity``, 1 up to the job's quantity; the rest are the
customer's). Completing it books a ``finished`` movement once: a job reopened and completed again
keeps its first lot (its cost then is what went into stock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import FinishedTest, Job, Material, StockMovement
from ..domain import validation as v
from ..domain.errors import ValidationError
from ..domain.money import round_money
from ..domain.quality import Result
from ..domain.stock import MovementKind
from .common import get_or_fail
from .job_costing import actual_in_session
from .stock_ledger import move_stock


@dataclass(frozen=True)
class FinishedLot:
    material_id: int
    job_id: int
    job_number: str
    job_title: str
    quantity: Decimal
    unit_cost: Decimal
    made_at: dt.datetime
    tests_passed: int       # the job's finished-goods tests that passed
    tests_total: int


def clean_for_stock(s: Session, material_id: object, quantity: object, job_quantity: int,
                    locale: str) -> tuple[int | None, int]:
    """What a job makes for stock, checked: (material id, how many), or (None, 0) for none.
    The material must exist and the number be whole, at least 1 and at most the job's quantity."""
    if material_id in (None, ""):
        return None, 0
    material = get_or_fail(s, Material, material_id, "stock_material_id", "material")
    if quantity in (None, ""):
        raise ValidationError("stock_quantity", f"Say how many of the job's {job_quantity} go into stock as "
                                                f"{material.code}.")
    count = v.positive_int("stock_quantity", quantity, locale=locale)
    if count > job_quantity:
        raise ValidationError("stock_quantity", f"The job makes {job_quantity}; {count} cannot go into stock.")
    return material.id, count


def in_stock_from(s: Session, job_id: int) -> Decimal | None:
    """How many the job has put into stock, or None when it has not (yet)."""
    return s.scalar(select(StockMovement.quantity).where(StockMovement.job_id == job_id,
                                                         StockMovement.kind == MovementKind.FINISHED.value).limit(1))


def put_into_stock_in_session(s: Session, db: Database, job: Job) -> StockMovement | None:
    """On completion: the job's items for stock go in at its unit cost (its actual total cost ÷ its
    quantity, to the minor unit), once. None when the job makes nothing for stock, or did already."""
    if job.stock_material_id is None or job.stock_quantity <= 0:
        return None
    if in_stock_from(s, job.id) is not None:
        return None
    unit_cost = round_money(actual_in_session(s, job).total.amount / job.quantity)
    now = db.now()
    return move_stock(s, s.get(Material, job.stock_material_id), MovementKind.FINISHED, Decimal(job.stock_quantity),
                      unit_cost=unit_cost, at=now, booked_at=now, job_id=job.id, reason=f"Made by {job.number}")


def finished_lots(db: Database, material_id: int) -> list[FinishedLot]:
    """The lots of ``material`` made by jobs, newest first: two queries however many lots (the
    material checked, then the lots with their jobs and test counts)."""
    with db.reader() as s:
        get_or_fail(s, Material, material_id, "material", "material")
        made_here = (StockMovement.material_id == material_id, StockMovement.kind == MovementKind.FINISHED.value)
        passed = func.coalesce(func.sum(case((FinishedTest.result == Result.PASS.value, 1), else_=0)), 0)
        # counted only for the jobs that made this material, not every job's tests over the years
        tests = (select(FinishedTest.job_id, passed.label("passed"), func.count().label("total"))
                 .where(FinishedTest.job_id.in_(select(StockMovement.job_id).where(*made_here)))
                 .group_by(FinishedTest.job_id).subquery())
        rows = s.execute(
            select(StockMovement, Job.number, Job.title, tests.c.passed, tests.c.total)
            .join(Job, Job.id == StockMovement.job_id).outerjoin(tests, tests.c.job_id == Job.id)
            .where(*made_here)
            .order_by(StockMovement.at.desc(), StockMovement.id.desc())).all()
        return [FinishedLot(m.material_id, m.job_id, number, title, m.quantity,
                            round_money(m.value / m.quantity) if m.quantity else Decimal("0.00"), m.at,
                            int(passed or 0), int(total or 0))
                for m, number, title, passed, total in rows]


__all__ = ["FinishedLot", "finished_lots", "clean_for_stock", "in_stock_from", "put_into_stock_in_session"]
