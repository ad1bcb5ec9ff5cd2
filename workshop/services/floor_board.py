"""Who is on what right now, and how far each job has got (CONTRACT, filled in by the services piece).

- ``floor_board(db, now=None) -> list[ClockOnView]``: every open clock-on (running first, then
  paused), by operator name.
- ``operator_clock_ons(db, operator_id, now=None) -> list[ClockOnView]``: the operator's open ones.
- ``job_progress(db, job_id) -> JobProgress``: hours done over hours planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    hours_done: Decimal  # labour hours booked (corrections netted)
    hours_planned: Decimal  # the routing's planned hours
    fraction: Decimal  # hours_done / hours_planned, 0 when nothing is planned (may pass 1: over)
