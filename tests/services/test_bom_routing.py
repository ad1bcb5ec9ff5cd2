"""Bill of materials and routing: structure, order, planned hours and cost, and the errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import bom, jobs, routing, templates, workstations


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def test_multilevel_bom_quantities_and_costs(db, shop):
    job = shop.job  # quantity 2
    cabinet = bom.add_subassembly(db, job.id, description="Cabinet", quantity="3")
    drawer = bom.add_subassembly(db, job.id, description="Drawer", quantity="2", parent_id=cabinet)
    bom.add_line(db, job.id, parent_id=drawer, material_id=shop.hinge.id, quantity="4")
    bom.add_line(db, job.id, parent_id=cabinet, material_id=shop.oak.id, quantity="1.5")
    bom.add_line(db, job.id, description="Glass shelf (supplied)", quantity="1", unit_cost="19.99")
    tree = bom.get_bom(db, job.id)
    rows = {n.description: n for n in tree.nodes}
    assert [(n.description, n.level) for n in tree.nodes] == [
        ("Cabinet", 0), ("Drawer", 1), ("Hinge 35 mm soft-close", 2), ("Oak board 25 mm", 1),
        ("Glass shelf (supplied)", 0)]
    # hinges: 4 per drawer × 2 drawers × 3 cabinets × 2 jobs = 48 at 4.20
    assert rows["Hinge 35 mm soft-close"].effective_quantity == Decimal("48")
    assert rows["Hinge 35 mm soft-close"].extended_cost == Decimal("201.60")
    assert rows["Hinge 35 mm soft-close"].unit == "ea" and rows["Hinge 35 mm soft-close"].material_code == "HNG-35"
    # oak: 1.5 × 3 × 2 = 9 m2 at 85.50 = 769.50; glass 2 × 19.99
    assert rows["Oak board 25 mm"].extended_cost == Decimal("769.50")
    assert rows["Cabinet"].extended_cost == Decimal("971.10")
    assert tree.material_cost == Decimal("971.10") + Decimal("39.98")
    assert routing.job_plan(db, job.id).material_cost == tree.material_cost


@pytest.mark.parametrize("values, field", [
    (dict(description="Screws", quantity="-2"), "quantity"),
    (dict(description="Screws", quantity="lots"), "quantity"),
    (dict(description="Screws", quantity="0"), "quantity"),
    (dict(description="Screws", quantity="1", unit_cost="-1"), "unit_cost"),
    (dict(description="", quantity="1"), "description"),
    (dict(material_id=999, quantity="1"), "material_id"),
    (dict(description="Screws", quantity="1", parent_id=999), "parent_id"),
])
def test_bad_bom_lines_save_nothing(db, shop, values, field):
    assert _error(bom.add_line, db, shop.job.id, **values).field == field
    assert bom.get_bom(db, shop.job.id).nodes == ()


def test_bom_moves_reparenting_and_removal(db, shop):
    job = shop.job
    a = bom.add_line(db, job.id, description="A", quantity="1")
    b = bom.add_line(db, job.id, description="B", quantity="1")
    sub = bom.add_subassembly(db, job.id, description="Frame", quantity="1")
    bom.move_item(db, b, -1)
    assert [n.description for n in bom.get_bom(db, job.id).nodes] == ["B", "A", "Frame"]
    bom.reparent_item(db, a, sub)
    assert [(n.description, n.level) for n in bom.get_bom(db, job.id).nodes] == [("B", 0), ("Frame", 0), ("A", 1)]
    assert _error(bom.reparent_item, db, sub, sub).field == "parent_id"
    assert _error(bom.reparent_item, db, sub, b).field == "parent_id"  # a line holds nothing
    op = routing.add_operation(db, job.id, name="Weld frame", workstation_id=shop.saw.id, subassembly_id=sub)
    bom.update_item(db, a, quantity="2.5", description="A longer")
    assert [n.quantity for n in bom.get_bom(db, job.id).nodes if n.id == a] == [Decimal("2.5")]
    bom.remove_item(db, sub)
    assert [n.description for n in bom.get_bom(db, job.id).nodes] == ["B"]
    assert routing.list_operations(db, job.id)[0].subassembly_id is None
    assert op


def test_routing_order_numbers_and_planned_hours(db, shop):
    job = shop.job  # quantity 2
    ids = routing.apply_template(db, job.id, shop.template.id)
    ops = routing.list_operations(db, job.id)
    assert [(o.sequence, o.op_number, o.name) for o in ops] == [
        (1, 10, "Cut panels"), (2, 20, "Assemble carcass"), (3, 30, "Check and oil")]
    assert ops[2].inspection_required
    # (15 + 20×2) + (10 + 45×2) + (5 + 15×2) = 55 + 100 + 35 = 190 minutes
    plan = routing.job_plan(db, job.id)
    assert plan.planned_minutes == Decimal("190") and plan.planned_hours == Decimal("3.17")
    assert dict(plan.minutes_by_workstation) == {"SAW": Decimal("55"), "BENCH": Decimal("135")}
    routing.move_operation(db, ids[2], 1)
    added = routing.add_operation(db, job.id, name="Fit glass", workstation_id=shop.bench.id,
                                  operator_id=shop.tom.id, setup_minutes="5", run_minutes="7.5", position=2)
    ops = routing.list_operations(db, job.id)
    assert [(o.sequence, o.op_number) for o in ops] == [(1, 30), (2, 40), (3, 10), (4, 20)]
    assert ops[1].id == added and ops[1].operator_name == "Tom Reed" and ops[1].planned_minutes == Decimal("20")
    routing.move_operation_by(db, added, +1)
    assert [o.op_number for o in routing.list_operations(db, job.id)] == [30, 10, 40, 20]
    routing.remove_operation(db, ids[0])
    assert [(o.sequence, o.op_number) for o in routing.list_operations(db, job.id)] == [(1, 30), (2, 40), (3, 20)]


def test_operation_with_subassembly_runs_on_its_quantity(db, shop):
    sub = bom.add_subassembly(db, shop.job.id, description="Drawer", quantity="3")
    routing.add_operation(db, shop.job.id, name="Dovetail drawers", workstation_id=shop.bench.id,
                          setup_minutes="10", run_minutes="12", subassembly_id=sub)
    op = routing.list_operations(db, shop.job.id)[0]
    assert op.units == Decimal("6") and op.planned_minutes == Decimal("82") and op.subassembly_name == "Drawer"


@pytest.mark.parametrize("values, field, words", [
    (dict(name="", workstation_id="SAW"), "name", "required"),
    (dict(name="Cut", workstation_id=None), "workstation_id", "Choose"),
    (dict(name="Cut", workstation_id=999), "workstation_id", "no workstation"),
    (dict(name="Cut", setup_minutes="ten"), "setup_minutes", "must be a number"),
    (dict(name="Cut", run_minutes="-4"), "run_minutes", "negative"),
])
def test_bad_operations_save_nothing(db, shop, values, field, words):
    if values.get("workstation_id") == "SAW":
        values["workstation_id"] = shop.saw.id
    values.setdefault("workstation_id", shop.saw.id)
    error = _error(routing.add_operation, db, shop.job.id, **values)
    assert error.field == field and words in error.message
    assert routing.list_operations(db, shop.job.id) == []


def test_operator_must_be_able_to_run_the_workstation(db, shop):
    error = _error(routing.add_operation, db, shop.job.id, name="Cut", workstation_id=shop.saw.id,
                   operator_id=shop.tom.id)
    assert error.field == "operator_id" and "Tom Reed" in error.message


def test_retired_workstation_cannot_take_new_work(db, shop):
    workstations.update_workstation(db, shop.saw.id, active=False)
    assert _error(routing.add_operation, db, shop.job.id, name="Cut",
                  workstation_id=shop.saw.id).field == "workstation_id"


def test_started_operations_are_skipped_not_removed(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id)
    routing.set_operation_status(db, op, "done")
    assert "skipped" in _error(routing.remove_operation, db, op).message
    routing.set_operation_status(db, op, "skipped")
    assert _error(routing.set_operation_status, db, op, "lost").field == "status"


def test_save_as_template_and_apply_elsewhere(db, shop, today):
    routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="5",
                          run_minutes="2.25", inspection_required=True, instructions="Mind the knot")
    tid = routing.save_as_template(db, shop.job.id, "Small dresser")
    t = templates.get_template(db, tid)
    assert [(s.name, s.run_minutes, s.inspection_required) for s in t.steps] == [("Cut", Decimal("2.25"), True)]
    assert _error(routing.save_as_template, db, shop.job.id, "small DRESSER").field == "name"
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Second", due_date=today)
    assert _error(routing.save_as_template, db, other.id, "Empty").field == "job"
    routing.apply_template(db, other.id, tid)
    assert routing.list_operations(db, other.id)[0].instructions == "Mind the knot"


def test_closed_jobs_routing_and_bom_are_frozen(db, shop):
    jobs.change_status(db, shop.job.id, "cancel", "No longer needed")
    assert _error(routing.add_operation, db, shop.job.id, name="Cut", workstation_id=shop.saw.id).field == "job"
    assert _error(bom.add_line, db, shop.job.id, description="x", quantity="1").field == "job"


def test_template_editing_rules(db, shop):
    assert _error(templates.create_template, db, name="Oak cabinet").field == "name"
    error = _error(templates.create_template, db, name="New",
                   steps=[dict(name="Cut", workstation_id=shop.saw.id),
                          dict(name="Sand", workstation_id=shop.saw.id, run_minutes="x")])
    assert error.field == "steps" and error.message.startswith("Step 2: Run minutes must be a number")
    assert templates.create_template(db, name="Spare", active=False).active is False
    t = templates.update_template(db, shop.template.id, steps=[
        dict(name="Only step", workstation_id=shop.bench.id, setup_minutes="1")])
    assert [s.name for s in t.steps] == ["Only step"]
    assert templates.update_template(db, t.id, active=False).active is False
    assert templates.list_templates(db) == []


def test_removing_a_subassembly_deletes_each_row_once(db, shop):
    """A sub-assembly made before its items (its id the lowest) removed with them: every DELETE the
    removal sends finds its rows, and what was in it, nested too, is gone. Deleted row by row in one
    batch in id order, the sub-assembly's row went first and the database's ON DELETE CASCADE took its
    items with it, so the batch matched fewer rows than it named (SQLAlchemy warned 'DELETE statement
    on table 'bom_items' expected to delete 2 row(s); 1 were matched', on PostgreSQL in a full run)."""
    from sqlalchemy import event

    job = shop.job
    frame = bom.add_subassembly(db, job.id, description="Frame", quantity="1")
    drawer = bom.add_subassembly(db, job.id, parent_id=frame, description="Drawer", quantity="2")
    bom.add_line(db, job.id, parent_id=frame, description="Rail", quantity="2")
    bom.add_line(db, job.id, parent_id=drawer, material_id=shop.hinge.id, quantity="4")
    keep = bom.add_line(db, job.id, description="Glass shelf", quantity="1")
    op = routing.add_operation(db, job.id, name="Fit drawer", workstation_id=shop.bench.id, subassembly_id=drawer)
    deletes = []  # (rows named, rows the database says it deleted) per DELETE statement

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("DELETE FROM BOM_ITEMS"):
            deletes.append((len(parameters) if executemany else 1, cursor.rowcount))

    event.listen(db.engine, "after_cursor_execute", count)
    try:
        bom.remove_item(db, frame)
    finally:
        event.remove(db.engine, "after_cursor_execute", count)
    assert deletes and all(named == deleted for named, deleted in deletes), deletes
    assert [n.id for n in bom.get_bom(db, job.id).nodes] == [keep]
    assert [(o.id, o.subassembly_id) for o in routing.list_operations(db, job.id)] == [(op, None)]
