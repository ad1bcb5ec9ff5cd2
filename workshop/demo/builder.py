"""The demo's 18 months of briefs and jobs, including the oak kitchen and the machine retrofit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..services import attachments, bom, briefs, jobs, routing
from . import catalog, invoices, planning
from .orders import set_kind
from .drawings import control_panel_pdf, kitchen_elevation_png

# Outcomes, oldest brief first (shuffled within each period): old work is closed, recent work is live.
_OLD = ["closed"] * 22 + ["invoiced"] * 2 + ["lost"] * 2 + ["withdrawn", "cancelled", "delivered", "closed"]
_MIDDLE = (["closed"] * 3 + ["invoiced"] * 3 + ["delivered"] * 3 + ["complete"] * 2 + ["lost"] * 2
           + ["cancelled", "on_hold", "in_progress", "inspection", "released"])
_RECENT = ["in_progress", "in_progress", "released", "released", "planned", "planned", "new", "new", "quoted",
           "quoted"]

# The actions that take a new job to each status. Invoiced and closed are reached as a shop reaches
# them, by issuing the final invoice and being paid for it (``invoices.bill_jobs``, once every job is walked).
_PATH = ["release", "start", "to_inspection", "complete", "deliver"]
_REACHED_BY = {"planned": 0, "released": 1, "in_progress": 2, "inspection": 3, "complete": 4, "delivered": 5,
               "invoiced": 5, "closed": 5}

_LOST_REASONS = ["Went with a cheaper quote from a kitchen showroom.", "Budget cut by the client's board.",
                 "Customer decided on an off-the-shelf unit.", "Timescale too tight for us."]
_WITHDRAWN_REASONS = ["Customer moving house; project on ice.", "Planning permission refused."]

_OP_NAMES = {"SAW": "Cut to size", "CNC": "CNC machining", "MOULD": "Mould profiles", "BENCH": "Assemble and fit",
             "SPRAY": "Finish", "WELD": "Weld fabrication", "BRAKE": "Fold and form", "QC": "Final inspection"}
_CUSTOM_ROUTES = {
    "Reception desk": ["SAW", "CNC", "WELD", "SPRAY", "BENCH", "QC"],
    "Machine guard": ["SAW", "BRAKE", "WELD", "SPRAY", "QC"],
    "staircase": ["SAW", "MOULD", "CNC", "BENCH", "SPRAY", "QC"],
    "Garden gates": ["SAW", "WELD", "BENCH", "SPRAY", "QC"],
    "Boat-house": ["SAW", "WELD", "BENCH", "QC"],
}
_STEEL = ("SS", "MS", "WIRE", "GAS", "PWD", "BOLT", "ANCH")
_WOOD = ("OAK", "WAL", "ASH", "MDF", "PLY", "HDF", "EDGE", "HNG", "RUN", "HDL", "LEG", "SCR", "DOWEL", "GLUE",
         "OIL", "LAC", "PNT")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def build_history(db, demo) -> None:
    rng = demo.rng
    outcomes = []
    for group, (oldest, newest) in ((_OLD, (540, 280)), (_MIDDLE, (270, 72)), (_RECENT, (60, 3))):
        group = group[:]
        rng.shuffle(group)
        step = (oldest - newest) / max(1, len(group) - 1)
        outcomes += [(round(oldest - i * step), outcome) for i, outcome in enumerate(group)]

    specials = {56: "kitchen", 70: "retrofit"}  # days ago the special briefs arrived
    entries = sorted([(age, o, None) for age, o in outcomes] + [(age, "special", k) for age, k in specials.items()],
                     key=lambda e: -e[0])
    for index, (age, outcome, special) in enumerate(entries):
        if index % 10 == 0:
            demo.progress(f"Briefs and jobs of the last 18 months: {index} of {len(entries)}…")
        created = demo.today - dt.timedelta(days=age)
        demo.clock.now = _at(created, 9 + index % 7, (index * 17) % 60)
        if special == "kitchen":
            demo.kitchen_job = _kitchen(db, demo)
            demo.jobs.append(demo.kitchen_job)
        elif special == "retrofit":
            demo.retrofit_job = _retrofit(db, demo)
            demo.jobs.append(demo.retrofit_job)
        else:
            _commission(db, demo, index, outcome)
    demo.progress(f"Briefs and jobs of the last 18 months: {len(entries)} of {len(entries)}; billing the jobs…")
    invoices.bill_jobs(db, demo)
    demo.clock.now = _at(demo.today, 8, 30)
    planning.seed(db, demo)  # the calendar the schedule of today's open work reads


def _commission(db, demo, index: int, outcome: str) -> None:
    rng = demo.rng
    title, template_name, spec = catalog.COMMISSIONS[index % len(catalog.COMMISSIONS)]
    customer = demo.customers[(index * 7) % len(demo.customers)]
    budget = Decimal(rng.randrange(8, 120) * 100)
    brief = briefs.create_brief(db, customer_id=customer.id, title=title, requirements=spec,
                                constraints=rng.choice(["", "Access via narrow side gate.", "Must match existing.",
                                                        "Fit during school holidays only."]),
                                budget=budget, required_by=None)
    demo.briefs.append(brief)
    if outcome in ("new", "quoted", "lost", "withdrawn"):
        _advance(demo, days=rng.randint(3, 9))
        if outcome != "new":
            briefs.set_brief_status(db, brief.id, "quoted")
        if outcome == "lost":
            briefs.set_brief_status(db, brief.id, "lost", rng.choice(_LOST_REASONS))
        elif outcome == "withdrawn":
            briefs.set_brief_status(db, brief.id, "withdrawn", rng.choice(_WITHDRAWN_REASONS))
        return

    _advance(demo, days=rng.randint(4, 12))
    lead = rng.randint(28, 63)
    quantity = rng.choice([1, 1, 1, 1, 2, 2, 3, 4])
    job = jobs.convert_brief_to_job(db, brief.id, quantity=quantity, priority=rng.choice(
        ["normal", "normal", "normal", "high", "low", "urgent"]),
        due_date=demo.clock.now.date() + dt.timedelta(days=lead))
    set_kind(db, job)
    _routing(db, demo, job, title, template_name)
    _materials(db, demo, job, steel=template_name == "Stainless handrail" or any(
        k in title for k in ("guard", "gates", "Boat-house")))
    demo.outcomes[job.id] = outcome
    demo.jobs.append(_move_to(db, demo, job, outcome, lead))


def _advance(demo, *, days: float = 0, hours: float = 0) -> None:
    later = demo.clock.now + dt.timedelta(days=days, hours=hours)
    limit = _at(demo.today, 8, 0)
    demo.clock.now = min(later, max(limit - dt.timedelta(minutes=1), demo.clock.now + dt.timedelta(minutes=1)))


def _routing(db, demo, job, title: str, template_name: str | None) -> None:
    ws = {w.code: w for w in demo.workstations}
    if template_name:
        template = next(t for t in demo.templates if t.name == template_name)
        routing.apply_template(db, job.id, template.id)
    else:
        codes = next(v for k, v in _CUSTOM_ROUTES.items() if k in title)
        for code in codes:
            routing.add_operation(db, job.id, name=_OP_NAMES[code], workstation_id=ws[code].id,
                                  setup_minutes=str(demo.rng.choice([10, 15, 20, 30])),
                                  run_minutes=str(demo.rng.choice([20, 30, 45, 60, 90, 120])),
                                  inspection_required=code == "QC")
    _assign_operators(db, demo, job.id)


def _assign_operators(db, demo, job_id: int) -> None:
    for op in routing.list_operations(db, job_id):
        able = [o for o in demo.operators if op.workstation_id in o.workstation_ids]
        if able:
            routing.update_operation(db, op.id, operator_id=demo.rng.choice(able).id)


def _materials(db, demo, job, *, steel: bool) -> None:
    kinds = _STEEL if steel else _WOOD
    pool = [m for m in demo.materials if m.code.startswith(kinds)]
    for material in demo.rng.sample(pool, k=min(len(pool), demo.rng.randint(3, 6))):
        quantity = Decimal(demo.rng.choice([1, 2, 3, 4, 6, 8])) if material.unit != "m2" else Decimal("2.5")
        bom.add_line(db, job.id, material_id=material.id, quantity=str(quantity))


def _move_to(db, demo, job, outcome: str, lead: int):
    rng = demo.rng
    if outcome == "cancelled":
        _advance(demo, days=2)
        jobs.change_status(db, job.id, "release")
        _advance(demo, days=rng.randint(3, 8))
        return jobs.change_status(db, job.id, "cancel", rng.choice(
            ["Customer cancelled: business sold.", "Customer could not get planning approval."]))
    steps = _PATH[:_REACHED_BY["in_progress" if outcome == "on_hold" else outcome]]
    gaps = {"release": 2, "start": 3, "to_inspection": lead * rng.uniform(0.55, 1.05), "complete": 1.5,
            "deliver": 3}
    detail = job
    for action in steps:
        _advance(demo, days=gaps[action])
        if action == "to_inspection":
            _set_ops(db, job.id, done=None)
        detail = jobs.change_status(db, job.id, action)
    if outcome in ("in_progress", "on_hold"):
        _set_ops(db, job.id, done=rng.randint(1, 3), current="paused" if outcome == "on_hold" else "running")
        if outcome == "on_hold":
            _advance(demo, days=4)
            detail = jobs.change_status(db, job.id, "hold", "Waiting for the customer to choose a finish.")
    elif outcome == "released":
        _set_ops(db, job.id, done=0, current="ready")
    return detail


def _set_ops(db, job_id: int, *, done: int | None, current: str | None = None,
             leave_inspections: bool = False) -> None:
    """Mark the first ``done`` operations done (all when None) and the next one ``current``."""
    ops = routing.list_operations(db, job_id)
    count = len(ops) if done is None else min(done, len(ops))
    for op in ops[:count]:
        if leave_inspections and op.inspection_required:
            continue
        routing.set_operation_status(db, op.id, "done")
    if current and count < len(ops):
        if current == "paused":  # only running work pauses
            routing.set_operation_status(db, ops[count].id, "running")
        routing.set_operation_status(db, ops[count].id, current)


def _kitchen(db, demo):
    """The bespoke fitted oak kitchen: non-standard sizes, fumed finish, installed on site."""
    customer = next(c for c in demo.customers if "Bennett" in c.name)
    ws = {w.code: w for w in demo.workstations}
    mat = {m.code: m for m in demo.materials}
    brief = briefs.create_brief(
        db, customer_id=customer.id, title="Bespoke fitted oak kitchen", requirements=catalog.KITCHEN_SPEC,
        constraints="Listed building: no fixings into the original beams. Access through a 760 mm doorway.",
        budget="38500", required_by=demo.today + dt.timedelta(days=30))
    demo.briefs.append(brief)
    attachments.add_to_brief(db, brief.id, "kitchen-elevation-A.png", kitchen_elevation_png())
    _advance(demo, days=6)
    briefs.set_brief_status(db, brief.id, "quoted")
    _advance(demo, days=5)
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, priority="high",
                                    due_date=demo.today + dt.timedelta(days=19))
    set_kind(db, job)
    template = next(t for t in demo.templates if t.name == "Fitted cabinet run")
    routing.apply_template(db, job.id, template.id)
    extra = [
        ("Sample board for fumed finish", "SPRAY", "20", "60", True, "Fume a sample board; customer signs it off."),
        ("Make frame-and-panel doors", "MOULD", "45", "240", False, "Hand-cut bead; 22 mm solid oak."),
        ("Fume oak (ammonia)", "SPRAY", "60", "480", False, "Fuming tent, 26% ammonia, 24 h; PPE."),
        ("Template worktops on site", "BENCH", "30", "120", False, "Laser template after carcasses fixed."),
        ("Install on site", "BENCH", "60", "2400", True, "Five days: level, scribe, fix, hang, adjust."),
    ]
    for name, code, setup, run, inspect, notes in extra:
        routing.add_operation(db, job.id, name=name, workstation_id=ws[code].id, setup_minutes=setup,
                              run_minutes=run, inspection_required=inspect, instructions=notes)
    ops = routing.list_operations(db, job.id)
    sample = next(o for o in ops if o.name.startswith("Sample board"))
    routing.move_operation(db, sample.id, 2)  # the sample is signed off before the finish run
    _assign_operators(db, demo, job.id)

    cabinets = [("Base cabinet 540 × 620 deep", "3"), ("Base cabinet 820 × 620 deep", "2"),
                ("Wall cabinet 600 × 380 deep", "6"), ("Larder unit 2150 high", "1")]
    for description, qty in cabinets:
        sub = bom.add_subassembly(db, job.id, description=description, quantity=qty)
        bom.add_line(db, job.id, parent_id=sub, material_id=mat["OAK-VEN-MDF"].id, quantity="0.75")
        bom.add_line(db, job.id, parent_id=sub, material_id=mat["HDF-3"].id, quantity="0.25")
        bom.add_line(db, job.id, parent_id=sub, material_id=mat["HNG-SC"].id, quantity="2")
        bom.add_line(db, job.id, parent_id=sub, material_id=mat["EDGE-OAK"].id, quantity="6")
        if "Base" in description or "Larder" in description:
            bom.add_line(db, job.id, parent_id=sub, material_id=mat["LEG-ADJ"].id, quantity="4")
    doors = bom.add_subassembly(db, job.id, description="Frame-and-panel doors", quantity="17")
    bom.add_line(db, job.id, parent_id=doors, material_id=mat["OAK-20"].id, quantity="0.45")
    bom.add_line(db, job.id, parent_id=doors, material_id=mat["HDL-BR-160"].id, quantity="1")
    island = bom.add_subassembly(db, job.id, description="Island 2400 × 1000", quantity="1")
    drawers = bom.add_subassembly(db, job.id, description="Drawer box", quantity="4", parent_id=island)
    bom.add_line(db, job.id, parent_id=drawers, material_id=mat["PLY-BIRCH-12"].id, quantity="0.3")
    bom.add_line(db, job.id, parent_id=drawers, material_id=mat["RUN-500"].id, quantity="1")
    bom.add_line(db, job.id, parent_id=island, material_id=mat["OAK-27"].id, quantity="3.2")
    bom.add_line(db, job.id, material_id=mat["OIL-HW"].id, quantity="3")
    bom.add_line(db, job.id, description="Ammonia 26%, 5 l (fuming)", quantity="2", unit="l", unit_cost="14.50")
    bom.add_line(db, job.id, material_id=mat["QTZ-30"].id, quantity="7.4", unit_cost="0",
                 )  # supplied by others: listed for the fitters, no cost to us

    _advance(demo, days=2)
    jobs.change_status(db, job.id, "release")
    _advance(demo, days=3)
    jobs.change_status(db, job.id, "start")
    _advance(demo, days=12)
    _set_ops(db, job.id, done=4, current="running")
    return jobs.get_job(db, job.id)


def _retrofit(db, demo):
    """The legacy bandsaw retrofit: new controls, guarding, testing and commissioning."""
    customer = next(c for c in demo.customers if c.name.startswith("Midland Food"))
    ws = {w.code: w for w in demo.workstations}
    mat = {m.code: m for m in demo.materials}
    brief = briefs.create_brief(
        db, customer_id=customer.id, title="Bandsaw retrofit: new controls and guarding",
        requirements=catalog.RETROFIT_SPEC,
        constraints="Machine must be back in production within 10 working days of collection.",
        budget="14800", required_by=demo.today + dt.timedelta(days=60))
    demo.briefs.append(brief)
    attachments.add_to_brief(db, brief.id, "control-panel-layout.pdf", control_panel_pdf("Bandsaw control panel"))
    _advance(demo, days=7)
    job = jobs.convert_brief_to_job(db, brief.id, quantity=1, priority="urgent",
                                    due_date=demo.today + dt.timedelta(days=9))
    set_kind(db, job)
    steps = [
        ("Strip old relay panel and survey", "BENCH", "30", "240", False, "Photograph and label all wiring."),
        ("Fabricate enclosure mounting frame", "WELD", "30", "180", False, "RHS frame, bolted to machine base."),
        ("Fold guard panels", "BRAKE", "40", "120", False, "3 mm sheet; radius to drawing."),
        ("Re-machine vice jaw mounting", "CNC", "60", "90", True, "Flatness within 0.05 mm."),
        ("Build and wire control panel", "BENCH", "45", "600", False, "PLC, VFD, e-stop relay, terminals."),
        ("Fit guarding and interlocks", "WELD", "20", "180", False, "Interlocked lid; mesh to BS EN ISO 14120."),
        ("I/O check and e-stop response test", "QC", "20", "90", True, "Record every input and output."),
        ("Four-hour run test at full load", "QC", "15", "240", True, "Log blade speed, current and temperature."),
        ("Commission on site and train operators", "BENCH", "60", "480", True, "Handover pack signed by customer."),
    ]
    for name, code, setup, run, inspect, notes in steps:
        routing.add_operation(db, job.id, name=name, workstation_id=ws[code].id, setup_minutes=setup,
                              run_minutes=run, inspection_required=inspect, instructions=notes)
    _assign_operators(db, demo, job.id)
    panel = bom.add_subassembly(db, job.id, description="Control panel", quantity="1")
    for code, qty in (("ENCL-600", "1"), ("PLC-S7", "1"), ("HMI-7", "1"), ("VFD-4KW", "1"), ("ESTOP-KIT", "1"),
                      ("CABLE-4C", "1")):
        bom.add_line(db, job.id, parent_id=panel, material_id=mat[code].id, quantity=qty)
    guard = bom.add_subassembly(db, job.id, description="Guarding", quantity="1")
    bom.add_line(db, job.id, parent_id=guard, material_id=mat["GUARD-MESH"].id, quantity="4")
    bom.add_line(db, job.id, parent_id=guard, material_id=mat["MS-RHS-60"].id, quantity="12")
    bom.add_line(db, job.id, parent_id=guard, material_id=mat["MS-SHEET-3"].id, quantity="1")
    bom.add_line(db, job.id, material_id=mat["BOLT-M10"].id, quantity="1")

    for action, days in (("release", 2), ("start", 4), ("to_inspection", 40)):
        _advance(demo, days=days)
        if action == "to_inspection":
            _set_ops(db, job.id, done=6)
        jobs.change_status(db, job.id, action)
    return jobs.get_job(db, job.id)
