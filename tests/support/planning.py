"""A shop whose spray booth is booked ahead, shared by the promise-date tests (service and window)."""

from __future__ import annotations

import datetime as dt

from workshop.db.models import ShopHoliday
from workshop.services import jobs, routing, workstations


def booked_spray_booth(db, customer_id: int):
    """The spray booth (8 h a day) booked three days ahead by a released job: 3 × 480 = 1440 minutes,
    Wed 9, Thu 10 and Fri 11 December 2026. Monday 14 is a shop holiday. Returns the booth."""
    spray = workstations.create_workstation(db, code="SPRAY", name="Spray booth", kind="machine",
                                            labour_rate="30.00", capacity_hours_per_day="8")
    job = jobs.create_job(db, customer_id=customer_id, title="Wardrobe doors", quantity=1,
                          due_date=dt.date(2026, 12, 11))
    routing.add_operation(db, job.id, name="Spray lacquer", workstation_id=spray.id, setup_minutes="0",
                          run_minutes="1440")
    jobs.change_status(db, job.id, "release")
    with db.session() as s:
        s.add(ShopHoliday(day=dt.date(2026, 12, 14), name="Shop shutdown"))
    return spray
