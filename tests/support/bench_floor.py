"""A released job on the bench for the shop-floor tests, and the shop's clock that they move.

The job (the ``shop`` fixture's, quantity 2) gets these operations, planned by hand:
Cut panels at the saw 15 + 20 × 2 = 55 min; Assemble at the bench 10 + 45 × 2 = 100 min; Oil at
the bench 5 + 15 × 2 = 35 min. Times are local, in March 2027.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from workshop.domain.scan_codes import operation_code
from workshop.services import jobs, routing

#: (name, the shop fixture's workstation, setup minutes, run minutes per unit)
OPERATIONS = (("Cut panels", "saw", "15", "20"), ("Assemble", "bench", "10", "45"), ("Oil", "bench", "5", "15"))


def at(hour: int, minute: int = 0, second: int = 0, day: int = 3) -> dt.datetime:
    """Local time on the given day of March 2027."""
    return dt.datetime(2027, 3, day, hour, minute, second).astimezone()


class ShopClock:
    """The database's clock, set by the test (starts at 7:00 on the 3rd)."""

    def __init__(self, db) -> None:
        self.now = at(7)
        db.clock = lambda: self.now.astimezone(dt.UTC)

    def set(self, hour: int, minute: int = 0, second: int = 0, day: int = 3) -> None:
        self.now = at(hour, minute, second, day)


def released_job(db, shop, operations: int = 3) -> SimpleNamespace:
    """The shop's job with the first ``operations`` of OPERATIONS, released to the shop: its
    ``number``, the operations' ids (``cut``, ``assemble``, ``oil``) and ``code(op_number)``, the
    separator-free code its job card prints."""
    ids = [routing.add_operation(db, shop.job.id, name=name, workstation_id=getattr(shop, station).id,
                                 setup_minutes=setup, run_minutes=run)
           for name, station, setup, run in OPERATIONS[:operations]]
    jobs.change_status(db, shop.job.id, "release")
    number = shop.job.number
    return SimpleNamespace(job=shop.job, number=number, **dict(zip(("cut", "assemble", "oil"), ids)),
                           code=lambda op_number, job_number=number: operation_code(job_number, op_number))
