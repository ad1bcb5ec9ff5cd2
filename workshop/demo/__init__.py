"""``workshop demo``: a believable furniture and metalwork shop, the same every time.

Everything goes through the services, as a person using the program would, with the
database clock moved through the last 18 months so records carry realistic dates.
Later features add their own records through ``EXTRA_SEEDS``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ..db.engine import Database
from . import catalog, costing, invoices, orders, quality, stock
from .builder import build_history

#: Seeds that add their records after the core shop exists, each called as ``seed(db, demo)``.
#: Plain imports: the demo is built only by ``workshop demo``, so nothing is gained by loading
#: them later, and the bundler sees them.
EXTRA_SEEDS = [costing.seed, quality.seed, invoices.bill_tickets, stock.seed, orders.seed]

SEED = 2026


class DemoClock:
    """The database clock during the demo: services stamp records with this time."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Demo:
    """What the seeds get to work with."""

    rng: random.Random
    today: dt.date
    clock: DemoClock
    workstations: list = field(default_factory=list)
    operators: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    templates: list = field(default_factory=list)
    customers: list = field(default_factory=list)
    briefs: list = field(default_factory=list)
    jobs: list = field(default_factory=list)
    outcomes: dict = field(default_factory=dict)  # job id → the status its story ends in
    kitchen_job: object | None = None
    retrofit_job: object | None = None
    #: told a line per stage (``workshop demo`` prints them to stderr, so a slow PC shows it is working)
    progress: Callable[[str], None] = lambda _line: None


def demo_clock(today: dt.date) -> DemoClock:
    start = dt.datetime.combine(today - dt.timedelta(days=550), dt.time(9, 0), tzinfo=dt.UTC)
    return DemoClock(start)


def build_demo(db: Database, clock: DemoClock, today: dt.date,
               progress: Callable[[str], None] | None = None) -> Demo:
    """Fill an empty database. ``db`` must have been opened with ``clock``. ``progress`` is told
    what is being made, a line per stage."""
    from ..services import customers, materials, settings, tax_codes, templates, workstations

    demo = Demo(rng=random.Random(SEED), today=today, clock=clock)
    if progress is not None:
        demo.progress = progress
    demo.progress("The shop: its settings, workstations, operators, materials, routings and customers…")
    settings.update_settings(db, **catalog.COMPANY)
    tax_codes.save_tax_codes(db, catalog.TAX_CODES)
    for code, name, kind, machine, labour, overhead, basis, capacity in catalog.WORKSTATIONS:
        demo.workstations.append(workstations.create_workstation(
            db, code=code, name=name, kind=kind, machine_rate=machine, labour_rate=labour,
            overhead_rate=overhead, overhead_basis=basis, capacity_hours_per_day=capacity))
    ws_id = {w.code: w.id for w in demo.workstations}
    for name, rate, codes in catalog.OPERATORS:
        demo.operators.append(workstations.create_operator(
            db, name=name, hourly_rate=rate, workstation_ids=[ws_id[c] for c in codes]))
    for code, name, unit, cost, on_hand, reorder in catalog.MATERIALS:
        demo.materials.append(materials.create_material(
            db, code=code, name=name, unit=unit, unit_cost=cost, stock_on_hand=on_hand, reorder_level=reorder))
    for name, description, steps in catalog.TEMPLATES:
        demo.templates.append(templates.create_template(db, name=name, description=description, steps=[
            dict(name=s[0], workstation_id=ws_id[s[1]], setup_minutes=s[2], run_minutes=s[3],
                 inspection_required=s[4], instructions=s[5]) for s in steps]))
    for name, contact, domain, phone, address in catalog.CUSTOMERS:
        local = contact.split()[0].lower().strip(".") if contact else "office"
        demo.customers.append(customers.create_customer(
            db, name=name, contact_person=contact, email=f"{local}@{domain}", phone=phone, address=address,
            **catalog.CUSTOMER_DETAILS.get(name, {})))

    build_history(db, demo)
    demo.progress("Costs, inspections and invoices…")
    for seed in EXTRA_SEEDS:
        seed(db, demo)
    return demo
