"""The demo's quality records: inspection checks on the inspection points of the jobs, passing
results on the finished ones (back-dated), one non-conformance reworked on an older job,
deliveries (the statuses the demo chose are left as they are), feedback, and two aftercare
tickets (one under warranty). The retrofit job, in inspection, gets its I/O, e-stop and run-test
checks unrecorded, so a user can inspect it, fail, rework, pass, certify and deliver.

Deterministic: its own random stream, and the demo clock moved for every back-dated record.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select

from ..db.models import Job, NonConformance, Operation
from ..services import aftercare, bookings, delivery, finished_tests, inspection, jobs, nonconformance, routing

_FINISHED = ("complete", "delivered", "invoiced", "closed")
_SHIPPED = ("delivered", "invoiced", "closed")
_PLANNED = ("planned", "released", "in_progress", "on_hold", "inspection")
_RECEIVERS = ["Site manager", "Reception", "Customer in person", "Facilities team"]
_COMMENTS = {5: ["Beautiful work, exactly as drawn.", "Fitted perfectly; the team left it spotless.",
                 "Better than we imagined."],
             4: ["Very happy; a day later than promised.", "Lovely finish. Invoice took a while.", ""],
             3: ["Good piece, but the delivery slot changed twice.", "Fine, one door needed adjusting."]}


def _measured(characteristic, method, nominal, lower, upper, unit, **extra) -> dict:
    return dict(characteristic=characteristic, method=method, check_type="measured", nominal=nominal,
                lower_tolerance=lower, upper_tolerance=upper, unit=unit, **extra)


def _simple(characteristic, method, kind="visual", **extra) -> dict:
    return dict(characteristic=characteristic, method=method, check_type=kind, **extra)


def _plan(op, rng: random.Random) -> list[dict]:
    """The checks an inspection point gets, by what it is."""
    name, code = op.name.lower(), op.workstation_code
    if code == "QC":
        width = str(rng.choice([450, 600, 900, 1200, 1800, 2400]))
        return [_measured("Overall width", "Steel tape", width, "-1", "1", "mm"),
                _measured("Top flatness", "Straight edge and feeler gauge", "0", "0", "0.5", "mm"),
                _simple("Finish free of runs, dust and witness marks", "Raking light")]
    if code == "CNC":
        return [_measured("Hole positions", "Calliper", "32", "-0.2", "0.2", "mm"),
                _measured("Flatness of machined face", "Dial gauge on surface plate", "0", "0", "0.05", "mm")]
    if code == "SPRAY":
        return [_simple("Colour matches the signed sample", "Daylight, side by side"),
                _measured("Dry film thickness", "Coating gauge", "60", "-10", "20", "µm")]
    if "install" in name or code == "BENCH":
        return [_simple("Doors and drawers aligned, gaps even", "Gap gauge", "pass_fail"),
                _simple("Customer walk-round signed", "Handover sheet", "pass_fail", required=False)]
    return [_simple(f"{op.name}: as drawing", "Visual")]


def _reading(check, rng: random.Random) -> str:
    """A passing reading: inside the band, to the instrument's resolution."""
    low, high = check.lower_limit, check.upper_limit
    step = Decimal("0.01") if high - low < 1 else Decimal("0.1")
    inner = low + (high - low) * Decimal(rng.randint(15, 85)) / 100
    return str(inner.quantize(step))


def _at(history, status: str) -> dt.datetime | None:
    return next((h.at for h in history if h.to_status == status), None)


def _inspect_finished(db, demo, job, rng, checks) -> None:
    """Passing results between the job reaching inspection and its completion."""
    start = _at(job.history, "inspection") or job.created_at
    end = job.completed_at or start + dt.timedelta(hours=8)
    span = max((end - start) / max(len(checks) + 1, 2), dt.timedelta(minutes=5))
    inspector = rng.choice([o for o in demo.operators if "Anna" in o.name or "Priya" in o.name] or demo.operators)
    with db.session() as s:
        for i, check in enumerate(checks, start=1):
            when = min(start + span * i, end - dt.timedelta(minutes=1))
            demo.clock.now = when
            if check.check_type == "measured":
                readings = ", ".join(_reading(check, rng) for _ in range(rng.choice([1, 1, 2, 3])))
                inspection.record_result_in_session(s, db, check.id, inspector_id=inspector.id, readings=readings,
                                                    recorded_at=when, any_status=True)
            else:
                inspection.record_result_in_session(s, db, check.id, inspector_id=inspector.id, result="pass",
                                                    notes=rng.choice(["", "", "Checked with the customer's drawing."]),
                                                    recorded_at=when, any_status=True)


def _reworked(db, demo, job, rng) -> bool:
    """The older job whose flatness failed: rework, re-inspect, verify, close — all before it completed."""
    checks = [c for c in inspection.list_checks(db, job.id) if c.characteristic == "Top flatness"]
    start = _at(job.history, "inspection")
    if not checks or start is None or job.completed_at is None or job.completed_at - start < dt.timedelta(hours=9):
        return False
    check = checks[0]
    tom = next((o for o in demo.operators if o.workstation_ids), demo.operators[0])
    anna = next((o for o in demo.operators if "Anna" in o.name), demo.operators[0])
    with db.session() as s:
        demo.clock.now = start + dt.timedelta(hours=1)
        failed = inspection.record_result_in_session(s, db, check.id, inspector_id=anna.id, readings="0.8, 0.65",
                                                     notes="Top has cupped across the grain.", any_status=True)
        ncr = s.scalars(select(NonConformance).where(NonConformance.result_id == failed.id)).one()
        demo.clock.now = start + dt.timedelta(hours=2)
        nonconformance.disposition_in_session(
            s, db, ncr.id, disposition="rework", cause="Board not acclimatised before glue-up; moisture 14%.",
            note="Flatten on the wide-belt sander, re-oil the top.", rework_minutes="90", any_status=True)
        rework = s.get(Operation, ncr.rework_operation_id)
        able = [o for o in demo.operators if rework.workstation_id in o.workstation_ids] or [tom]
        begin = start + dt.timedelta(hours=3)
        bookings.book_time_in_session(s, db, rework.id, able[0].id, minutes="95", started_at=begin,
                                      ended_at=begin + dt.timedelta(minutes=95), note="Rework " + ncr.number,
                                      mark_done=True, booked_at=begin + dt.timedelta(minutes=95), any_status=True)
        demo.clock.now = start + dt.timedelta(hours=6)
        inspection.record_result_in_session(s, db, check.id, inspector_id=anna.id, readings="0.2, 0.25",
                                            any_status=True)
        demo.clock.now = start + dt.timedelta(hours=7)
        nonconformance.verify_in_session(s, db, ncr.id, verified_by=anna.name, note="Flat within 0.25 mm.")
        demo.clock.now = start + dt.timedelta(hours=8)
        nonconformance.close_in_session(s, db, ncr.id)
    return True


def _retrofit_checks(db, demo) -> None:
    job = demo.retrofit_job
    ops = {o.name: o for o in routing.list_operations(db, job.id)}
    anna = next((o for o in demo.operators if "Anna" in o.name), demo.operators[0])
    with db.session() as s:
        def add(op_name, **values):
            return inspection.add_check_in_session(s, operation_id=ops[op_name].id, any_status=True, **values)

        jaw = add("Re-machine vice jaw mounting", **_measured(
            "Jaw mounting flatness", "Dial gauge on surface plate", "0", "0", "0.05", "mm"))
        add("I/O check and e-stop response test", **_simple(
            "Every input and output responds as listed", "I/O list, PLC online", "pass_fail"))
        add("I/O check and e-stop response test", **_measured(
            "E-stop response time (blade stopped)", "Stopwatch / PLC trace", "0", "0", "0.5", "s"))
        add("Four-hour run test at full load", **_simple(
            "Four-hour run at full load without fault", "Run log", "pass_fail"))
        add("Four-hour run test at full load", **_measured(
            "Motor current at full load", "Clamp meter", "8", "-2", "0.5", "A"))
        add("Commission on site and train operators", **_simple(
            "Operators trained; handover pack signed", "Handover sheet", "pass_fail"))
        inspection.add_check_in_session(s, job_id=job.id, any_status=True, **_simple(
            "Guard interlocks stop the blade", "Open each guard under power", "pass_fail"))
        # the CNC work was inspected when it was done
        done = ops["Re-machine vice jaw mounting"]
        logged = [h.at for h in job.history if h.to_status == "in_progress"]
        demo.clock.now = max(logged[0] + dt.timedelta(days=12), job.created_at) if logged else demo.clock.now
        inspection.record_result_in_session(s, db, jaw.id, inspector_id=anna.id, readings="0.02, 0.03, 0.03",
                                            notes=f"Op {done.op_number:03d}", any_status=True)


def seed(db, demo) -> None:
    now = demo.clock.now
    rng = random.Random(6006)  # its own stream: the other seeds' records stay as they were
    current = [jobs.get_job(db, j.id) for j in demo.jobs]
    retrofit_id = demo.retrofit_job.id if demo.retrofit_job else None
    reworked = False
    for job in sorted(current, key=lambda j: j.created_at):
        if job.id == retrofit_id or job.status == "cancelled":
            continue
        points = [o for o in routing.list_operations(db, job.id) if o.inspection_required]
        if not points:
            continue
        with db.session() as s:
            for op in points:
                for values in _plan(op, rng):
                    inspection.add_check_in_session(s, operation_id=op.id, any_status=True, **values)
        if job.status not in _FINISHED:
            continue
        checks = inspection.list_checks(db, job.id)
        if not reworked and job.status == "closed":
            reworked = _reworked(db, demo, job, rng)
            checks = [c for c in inspection.list_checks(db, job.id) if c.state != "pass"]
        _inspect_finished(db, demo, job, rng, checks)
        if any(c.characteristic == "Top flatness" for c in checks) and rng.random() < 0.35:
            demo.clock.now = (job.completed_at or now) - dt.timedelta(minutes=30)
            with db.session() as s:
                finished_tests.record_finished_test_in_session(
                    s, db, job.id, name="Shelf load test", method="Static load, 10 min", nominal="50",
                    lower_tolerance="0", upper_tolerance="25", unit="kg", value=rng.choice(["50", "60", "75"]),
                    tester_id=demo.operators[0].id, any_status=True)

    _deliveries_and_feedback(db, demo, rng, current, now)
    if demo.retrofit_job is not None:
        _retrofit_checks(db, demo)
    _tickets(db, demo, current, now)
    demo.clock.now = now


def _deliveries_and_feedback(db, demo, rng, current, now) -> None:
    for job in current:
        if job.status not in _SHIPPED:
            continue
        at = _at(job.history, "delivered") or now
        demo.clock.now = at
        method = rng.choice(["delivered", "delivered", "installed", "collected"])
        with db.session() as s:
            row = s.get(Job, job.id)
            contact = row.customer.contact_person or row.customer.name
            delivery.add_delivery_in_session(
                s, db, row, delivered_on=at.date(), method=method,
                received_by=contact if method != "delivered" else rng.choice([contact] + _RECEIVERS),
                notes=rng.choice(["", "", "Two-man lift; protected floors.", "Left with the porter."]),
                set_status=False)
        if rng.random() < 0.75:
            received = min(at.date() + dt.timedelta(days=rng.randint(2, 14)), now.date())
            demo.clock.now = max(dt.datetime.combine(received, dt.time(10), tzinfo=dt.UTC), at)
            rating = rng.choice([5, 5, 5, 4, 4, 3])
            with db.session() as s:
                delivery.add_feedback_in_session(s, db, s.get(Job, job.id), rating=rating,
                                                 comments=rng.choice(_COMMENTS[rating]), received_on=received,
                                                 any_status=True)


def _tickets(db, demo, current, now) -> None:
    shipped = sorted((j for j in current if j.status in _SHIPPED), key=lambda j: _at(j.history, "delivered"))
    if not shipped:
        return
    recent, old = shipped[-1], shipped[0]
    opened = now.date() - dt.timedelta(days=6)
    demo.clock.now = dt.datetime.combine(opened, dt.time(11), tzinfo=dt.UTC)
    with db.session() as s:
        aftercare.open_ticket_in_session(s, db, recent.id, problem="Soft-close hinge on the left door has "
                                                                   "stopped damping.",
                                         action="Replace hinge on site.", cost="0", opened_on=opened,
                                         any_status=True)
    opened = now.date() - dt.timedelta(days=20)
    demo.clock.now = dt.datetime.combine(opened, dt.time(9, 30), tzinfo=dt.UTC)
    with db.session() as s:
        ticket = aftercare.open_ticket_in_session(
            s, db, old.id, problem="Top marked by a hot dish; customer asks for a refinish.",
            action="Sanded and re-oiled the top in the workshop (chargeable).", cost="180.00", opened_on=opened,
            any_status=True)
        for status in ("in_progress", "resolved"):
            demo.clock.now += dt.timedelta(days=3)
            aftercare.set_ticket_status_in_session(s, db, ticket.id, status)
