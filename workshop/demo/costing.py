"""The demo's costs: time booked on the work done, material issued (and some returned), other
direct costs, quotes on the open briefs (one at revision 2, others sent or in draft; the jobs'
accepted quotes are made with their invoices, in ``invoices.py``, by ``make_accepted_quote``) and
two change orders (one approved, one proposed).

Deterministic given ``demo.rng``. Finished jobs get their bookings as history (back-dated, at
today's rates), through the same session-level services the window uses.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from ..db.models import Job, Operation, Quote
from ..domain.errors import ValidationError
from ..domain.shortages import is_counted
from ..domain.statuses import QuoteStatus
from ..services import bookings, briefs, change_orders, job_costing, jobs, quote_lines, quotes, routing
from ..services.common import next_number, settings_row

QUOTE_TERMS = ("Prices exclude VAT. 40% deposit on acceptance, balance on delivery. Drawings remain our "
               "property until paid for. Changes after acceptance are quoted as change orders.")
_WORKED = {"in_progress", "on_hold", "inspection", "complete", "delivered", "invoiced", "closed"}
_FINISHED = {"complete", "delivered", "invoiced", "closed"}
_NOTES = ["", "", "", "Grain match took longer", "Re-cut one panel", "Waited for glue to cure", "Good run"]


def _hours_window(job) -> tuple[dt.datetime, dt.datetime]:
    started = next((h.at for h in job.history if h.to_status == "in_progress"), None)
    started = started or next((h.at for h in job.history if h.to_status == "released"), job.created_at)
    ended = job.completed_at or next((h.at for h in reversed(job.history) if h.to_status == "inspection"), None)
    return started, ended or started + dt.timedelta(days=10)


def _work_time(at: dt.datetime) -> dt.datetime:
    """Move a moment to a weekday working hour (08:00–16:00)."""
    while at.weekday() >= 5:
        at += dt.timedelta(days=1)
    return at.replace(hour=8 + at.hour % 8, minute=(at.minute // 15) * 15, second=0, microsecond=0)


def _book_time(db, demo, job) -> None:
    rng = demo.rng
    start, end = _hours_window(job)
    span = max(end - start, dt.timedelta(days=1))
    ops = routing.list_operations(db, job.id)
    with db.session() as s:
        for index, op in enumerate(ops):
            if op.status not in ("done", "running", "paused"):
                continue
            share = Decimal(rng.choice([80, 90, 95, 100, 105, 115, 125, 140])) / 100
            if op.status != "done":
                share *= Decimal(rng.choice([30, 45, 60, 70])) / 100
            total = (op.planned_minutes * share).quantize(Decimal(5))  # booked to the nearest 5 minutes
            pieces = 1 if total <= 240 else 2
            for piece in range(pieces):
                minutes = (total / pieces).quantize(Decimal(5)) if pieces > 1 else total
                if minutes <= 0:
                    continue
                offset = span * ((index + piece / pieces + rng.random() * 0.3) / max(1, len(ops)))
                begin = _work_time(start + offset)
                finish = begin + dt.timedelta(minutes=float(minutes))
                if finish > demo.clock.now:
                    continue
                kind = "machine" if op.workstation_code in ("CNC",) and rng.random() < 0.25 else None
                bookings.book_time_in_session(
                    s, db, op.id, op.operator_id, minutes=minutes, started_at=begin, ended_at=finish, kind=kind,
                    note=rng.choice(_NOTES), booked_at=finish, any_status=True)
            # booking leaves the statuses the demo chose as they were (a pending op becomes running)
            s.get(Operation, op.id).status = op.status


def _issue_materials(db, demo, job) -> None:
    from ..services import bom as bom_service

    rng = demo.rng
    start, end = _hours_window(job)
    with db.session() as s:
        for node in bom_service.get_bom(db, job.id).nodes:
            if node.is_assembly or node.material_id is None:
                continue
            wanted = (node.effective_quantity * Decimal(rng.choice([100, 100, 105, 110, 120])) / 100).quantize(
                Decimal(1) if is_counted(node.unit) else Decimal("0.001"), rounding=ROUND_CEILING)
            when = _work_time(start + (end - start) * rng.uniform(0.0, 0.3))
            try:
                bookings.move_material_in_session(s, db, job.id, returning=False, material_id=node.material_id,
                                                  quantity=wanted, issued_at=min(when, demo.clock.now),
                                                  any_status=True)
            except ValidationError:  # out of stock in the demo: that line was bought in directly
                continue
            if wanted > node.effective_quantity and job.status in _FINISHED and rng.random() < 0.5:
                bookings.move_material_in_session(
                    s, db, job.id, returning=True, material_id=node.material_id,
                    quantity=wanted - node.effective_quantity, note="Offcuts back to stock",
                    issued_at=min(_work_time(end), demo.clock.now), any_status=True)


def _other_costs(db, demo, job) -> None:
    rng = demo.rng
    start, end = _hours_window(job)
    with db.session() as s:
        if job.status in ("delivered", "invoiced", "closed"):
            bookings.add_other_cost_in_session(
                s, db, job.id, category="delivery", description=rng.choice(["Van and two fitters", "Courier",
                                                                            "Pallet delivery"]),
                amount=str(rng.choice([45, 60, 85, 120])), incurred_on=end.date(), any_status=True)
        if rng.random() < 0.2:
            bookings.add_other_cost_in_session(
                s, db, job.id, category="subcontract", description=rng.choice(
                    ["Powder coating", "Glass cut to size", "Upholstery", "Laser cutting"]),
                amount=str(rng.choice([95, 140, 210, 380])), incurred_on=start.date() + dt.timedelta(days=5),
                any_status=True)
        if rng.random() < 0.1:
            bookings.add_other_cost_in_session(s, db, job.id, category="design", description="CAD drawings",
                                               amount="150.00", incurred_on=start.date(), any_status=True)


def make_accepted_quote(db, rng, job, terms: str = QUOTE_TERMS) -> Decimal | None:
    """The quote the customer accepted before the job existed; the job's budget is its price
    (returned; None when the job has nothing to estimate)."""
    estimate = job_costing.estimate_job_cost(db, job.id)
    lines = quote_lines.lines_from_cost(estimate, "estimate")
    if not lines:
        return None
    with db.session() as s:
        row = s.get(Job, job.id)
        quoted_at = row.created_at - dt.timedelta(days=rng.randint(3, 10))
        clean = quotes.clean_terms(dict(contingency_pct=str(rng.choice([5, 10, 10, 15])),
                                        markup_pct=str(rng.choice([25, 30, 35, 40])),
                                        design_fee=rng.choice(["0", "0", "150"]), quantity=row.quantity,
                                        title=row.title, terms=terms, notes="",
                                        valid_until=quoted_at.date() + dt.timedelta(days=30)))
        q = Quote(number=next_number(s, settings_row(s).quote_prefix, quoted_at.year), revision=1,
                  brief_id=row.brief_id, status=QuoteStatus.ACCEPTED.value, created_at=quoted_at,
                  sent_at=quoted_at + dt.timedelta(hours=2), decided_on=row.created_at.date(), job_id=row.id)
        s.add(q)
        quotes.store_quote(s, q, lines, clean)
        row.budget = q.price
        return q.price


def _open_quotes(db, demo, now: dt.datetime) -> None:
    rng = demo.rng
    open_briefs = [b for b in (briefs.get_brief(db, b.id) for b in demo.briefs) if b.status in ("new", "quoted")]
    revised = False
    for brief in open_briefs:
        if rng.random() < 0.25:
            continue  # not quoted yet
        demo.clock.now = min(dt.datetime.combine(brief.created_at.date() + dt.timedelta(days=3), dt.time(10),
                                                 tzinfo=dt.UTC), now)
        labour = Decimal(rng.randrange(600, 4200, 50))
        lines = [("labour", "Making and fitting", labour),
                 ("overhead", "Workshop overhead", (labour * Decimal("0.22")).quantize(Decimal("0.01"))),
                 ("materials", "Timber, board and fittings", Decimal(rng.randrange(250, 2800, 10))),
                 ("other", "Delivery and installation", Decimal(rng.choice([60, 120, 240])))]
        q = quotes.create_quote(db, brief.id, lines=lines, contingency_pct=str(rng.choice([5, 10, 15])),
                                markup_pct=str(rng.choice([25, 30, 35])), terms=QUOTE_TERMS,
                                design_fee=rng.choice(["0", "0", "120", "250"]))
        if brief.status == "quoted" or rng.random() < 0.5:
            q = quotes.send_quote(db, q.id)
            if not revised:  # the customer asked for a cheaper finish: revision 2
                q = quotes.revise_quote(db, q.id, markup_pct="28", lines=[
                    *[(ln.category, ln.description, ln.amount) for ln in q.lines if ln.category != "materials"],
                    ("materials", "Timber and fittings, oiled finish instead of lacquer",
                     next(ln.amount for ln in q.lines if ln.category == "materials") * Decimal("0.9"))])
                quotes.send_quote(db, q.id)
                revised = True


def _change_orders(db, demo, live: list) -> None:
    if not live:
        return
    rng = demo.rng
    ws = {w.code: w for w in demo.workstations}
    first = live[0]
    hours = [dict(workstation_id=ws[code].id, minutes=minutes, name=name)
             for code, minutes, name in (("SAW", "45", "Cut extra shelves"), ("BENCH", "90", "Fit extra shelves"))
             if code in ws]
    wood = [m for m in demo.materials if m.code.startswith(("OAK", "PLY", "ASH"))][:1]
    co = change_orders.create_change_order(
        db, first.id, description="Two extra adjustable shelves in the tall unit", requested_by=first.customer_name,
        price_change=str(rng.choice([180, 220, 260])), days_delta=3, hours=hours,
        materials=[dict(material_id=m.id, quantity="0.6") for m in wood],
        requested_on=demo.today - dt.timedelta(days=6))
    change_orders.approve_change_order(db, co.id, decided_on=demo.today - dt.timedelta(days=4),
                                       note="Approved by email")
    target = live[1] if len(live) > 1 else first
    change_orders.create_change_order(
        db, target.id, description="Swap brushed steel handles for solid brass", requested_by=target.customer_name,
        price_change="95.00", days_delta=0, requested_on=demo.today - dt.timedelta(days=1),
        materials=[dict(description="Solid brass bar handle", quantity="6", unit_cost="14.50", unit="ea")])


def seed(db, demo) -> None:
    now = demo.clock.now
    job_costing.set_shop_overhead(db, "8.50", "per_labour_hour")
    with db.session() as s:
        row = settings_row(s)
        row.quote_terms = QUOTE_TERMS
        row.quote_validity_days = 30
    current = [jobs.get_job(db, j.id) for j in demo.jobs]
    for job in current:
        if job.status in _WORKED:
            _book_time(db, demo, job)
            _issue_materials(db, demo, job)
            _other_costs(db, demo, job)
    _open_quotes(db, demo, now)
    demo.clock.now = now
    live = [j for j in (jobs.get_job(db, j.id) for j in current) if j.status == "in_progress"]
    _change_orders(db, demo, live)
    demo.clock.now = now
