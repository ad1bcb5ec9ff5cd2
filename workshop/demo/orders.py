"""The demo's job order, a kitchen in three jobs, and the kinds of work its jobs are (so the
accuracy-by-kind report has groups)."""

from __future__ import annotations

import datetime as dt

from ..services import bookings, job_orders, jobs, routing

#: A word in a job's title → the kind of work it is; the first that matches wins.
KINDS = (("kitchen", "Kitchen"), ("table", "Table"), ("gates", "Gates"), ("handrail", "Balustrade"),
         ("balustrade", "Balustrade"), ("wardrobe", "Fitted furniture"), ("bookcase", "Fitted furniture"),
         ("window seat", "Fitted furniture"), ("desk", "Shop fitting"), ("bar counter", "Shop fitting"),
         ("display cabinet", "Shop fitting"), ("guard", "Machinery"), ("retrofit", "Machinery"),
         ("racks", "Metalwork"))


def kind_of(title: str) -> str:
    """The kind of work a title makes obvious ("" when none does)."""
    folded = title.casefold()
    return next((kind for word, kind in KINDS if word in folded), "")


def set_kind(db, job) -> None:
    """Give a new job its kind, as the person who planned it would have typed it."""
    kind = kind_of(job.title)
    if kind:
        jobs.update_job(db, job.id, kind=kind)


#: (title, days until due, released?, [(workstation, operation, setup, run minutes)])
_KITCHEN = [
    ("Kitchen carcasses, 14 Mill Lane", 24, True,
     [("SAW", "Cut carcass panels", "30", "240"), ("CNC", "Drill and rebate", "45", "180"),
      ("BENCH", "Assemble carcasses", "30", "600")]),
    ("Kitchen doors and drawer fronts, 14 Mill Lane", 31, True,
     [("MOULD", "Mould frame-and-panel doors", "45", "300"), ("SPRAY", "Lacquer doors", "30", "360")]),
    ("Kitchen installation, 14 Mill Lane", 38, False,
     [("BENCH", "Install on site", "60", "1380"), ("QC", "Handover check", "15", "45")]),
]


def seed(db, demo) -> None:
    """A designer's order for a client's kitchen: carcasses (released, cutting done), doors
    (released) and installation (planned), held together in one job order."""
    customer = next(c for c in demo.customers if c.name.startswith("Harrow & Finch"))
    ws = {w.code: w.id for w in demo.workstations}
    sawyer = next(o for o in demo.operators if ws["SAW"] in o.workstation_ids)
    order = job_orders.create_order(db, customer_id=customer.id, title="Kitchen, 14 Mill Lane",
                                    notes="Client: Mr and Mrs Okafor. Painted shaker doors; fit after the "
                                          "plasterer, in week 3.")
    for title, due_in, released, steps in _KITCHEN:
        job = jobs.create_job(db, customer_id=customer.id, title=title, quantity=1, kind="Kitchen",
                              due_date=demo.today + dt.timedelta(days=due_in))
        for code, name, setup, run in steps:
            routing.add_operation(db, job.id, name=name, workstation_id=ws[code], setup_minutes=setup,
                                  run_minutes=run)
        job_orders.add_job(db, order.id, job.id)
        if released:
            jobs.change_status(db, job.id, "release")
        if title.startswith("Kitchen carcasses"):
            first = routing.list_operations(db, job.id)[0]
            bookings.log_time(db, first.id, sawyer.id, minutes="270", mark_done=True)  # cut: 30 + 240
            jobs.change_status(db, job.id, "start")
        demo.jobs.append(jobs.get_job(db, job.id))
