"""Keying back a paper traveler: the time written on the card, one operation at a time
(CONTRACT, filled in by the services piece).

- ``key_back_sheet(db, job_id) -> KeyBackSheet``: the job and each of its operations, in order,
  with what is already booked (never the planned times as values to save).
- ``key_back(db, operation_id, *, operator_id, day: date, time="", start="", finish="",
  quantity_done="", finished=False) -> TimeLogView``: ``time`` as the bench writes it (``80``,
  ``1h20``, ``1:20``) or ``start``/``finish`` as clock times on ``day`` (``7:30``, ``0730``,
  ``15.10``). Refused with a clear message, nothing saved: no time given, negative or zero
  minutes, a finish before the start, both time and start/finish disagreeing, an unknown
  operator, a job not open for booking. Source "key_back". ``finished`` marks the operation done
  and the next one ready, as a scan would.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class KeyBackRow:
    operation_id: int
    op_number: int
    name: str
    workstation_code: str
    status: str
    operator_id: int | None  # the operation's assigned operator: the default to offer
    planned_minutes: Decimal  # shown for reference only
    booked_minutes: Decimal  # labour time already booked (corrections netted)
    quantity_done: Decimal  # sum of quantities reported done


@dataclass(frozen=True)
class KeyBackSheet:
    job_id: int
    job_number: str
    job_title: str
    job_quantity: int
    can_book: bool  # the job is open for booking
    why_not: str  # when it is not: the reason, to show
    rows: tuple[KeyBackRow, ...]
