"""Opening a job reads each thing once (issue 17: it ran 39 statements, the cost sheet reading the
operations four times and the settings seven, the settings in a write transaction): what Job Cards,
its pages and the Routing tab ask of the services when a job is opened sends the same few
statements however many operations, BOM lines and bookings the job has (counted, not timed)."""

from __future__ import annotations

from sqlalchemy import event

from support.statements import statements_of
from workshop.services import bom, bookings, floor_board, job_costing, job_orders, jobs, routing, settings, stock_needs

#: What opening a job asks, as benchmarks/bench_open_job.py times it, and the statements each sends
#: (besides the BEGIN that SQLite is sent for each unit of work): the job with its customer and brief,
#: its history, its files; the plan (operations, BOM); the progress; the customer's orders; the BOM
#: with its materials and operations; its stock position (the job, its needs, what it was issued, the
#: other open jobs' two sums, those with sub-assemblies, their needs and issues — here the other job
#: has one —, open orders, the materials); the currency; the cost sheet (the job, operations with
#: their stations, operators and suppliers, BOM, settings, time logs, issues, other costs, the
#: customer; the outside orders too for a job with outside operations, here none); the operations.
OPENING = {
    "get_job": 3, "job_plan": 3, "job_progress": 4, "list_orders": 1, "get_bom": 2, "material_needs": 11,
    "get_settings": 1, "cost_sheet": 8, "list_operations": 3,
}


def _calls(db, job_id: int, customer_id: int) -> dict:
    return {
        "get_job": lambda: jobs.get_job(db, job_id),
        "job_plan": lambda: routing.job_plan(db, job_id),
        "job_progress": lambda: floor_board.job_progress(db, job_id),
        "list_orders": lambda: job_orders.list_orders(db, customer_id=customer_id),
        "get_bom": lambda: bom.get_bom(db, job_id),
        "material_needs": lambda: stock_needs.material_needs(db, job_id),
        "get_settings": lambda: settings.get_settings(db),
        "cost_sheet": lambda: job_costing.cost_sheet(db, job_id),
        "list_operations": lambda: routing.list_operations(db, job_id),
    }


def _counts(db, job) -> dict[str, int]:
    begin = 1 if db.engine.dialect.name == "sqlite" else 0  # each service is one unit of work
    return {name: statements_of(db, fn) - begin for name, fn in _calls(db, job.id, job.customer_id).items()}


def _grow(db, shop, job, operations: int, lines: int, logs: int) -> None:
    """Operations on both stations, BOM lines (some in a sub-assembly, some at an operation), time
    booked by both operators, material issued."""
    routing.apply_template(db, job.id, shop.template.id)
    for i in range(operations):
        routing.add_operation(db, job.id, name=f"Step {i}", workstation_id=(shop.saw, shop.bench)[i % 2].id,
                              setup_minutes="10", run_minutes="25")
    ops = routing.list_operations(db, job.id)
    carcass = bom.add_subassembly(db, job.id, description="Carcass", quantity="2")
    for i in range(lines):
        material = (shop.oak, shop.hinge, shop.oil)[i % 3]
        bom.add_line(db, job.id, material_id=material.id, quantity="0.5", parent_id=carcass if i % 4 == 0 else None,
                     operation_id=ops[i % len(ops)].id if i % 2 else None)
    if job.status == "planned":
        jobs.change_status(db, job.id, "release")
    for i in range(logs):
        bookings.log_time(db, ops[i % len(ops)].id, (shop.anna, shop.tom)[i % 2].id if i % 3 else None,
                          minutes=str(20 + i))
    bookings.issue_material(db, job.id, material_id=shop.hinge.id, quantity=str(lines or 1))


def test_opening_a_job_reads_each_thing_once_however_big_it_is(db, shop):
    small = shop.job
    _grow(db, shop, small, operations=1, lines=2, logs=2)
    big = jobs.create_job(db, customer_id=shop.customer.id, title="Fitted kitchen", quantity=3,
                          due_date=small.due_date)
    _grow(db, shop, big, operations=40, lines=60, logs=90)
    assert _counts(db, small) == OPENING
    assert _counts(db, big) == OPENING  # forty operations, sixty lines, ninety bookings: the same statements
    assert sum(OPENING.values()) == 36


def test_the_settings_are_read_once_in_a_read_transaction(db, shop):
    _grow(db, shop, shop.job, operations=5, lines=6, logs=8)
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        job_costing.cost_sheet(db, shop.job.id)
        settings.get_settings(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert sum("FROM shop_settings" in s for s in sent) == 2  # once for the sheet, once for the currency
    assert "BEGIN IMMEDIATE" not in sent  # no write lock taken to read
