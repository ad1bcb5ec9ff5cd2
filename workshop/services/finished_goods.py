"""Items a job makes for stock: put into stock at the job's unit cost when the job completes, each
lot keeping the job (and so its test records and certificate) it came from.

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database


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


def finished_lots(db: Database, material_id: int) -> list[FinishedLot]:
    """The lots of ``material`` made by jobs, newest first."""
    raise NotImplementedError
