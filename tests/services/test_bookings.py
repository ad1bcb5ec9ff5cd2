"""Booking time, material and other costs: what is stored, and bad input that saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import DirectCost, Material, MaterialIssue, Operation, TimeLog
from workshop.domain.errors import ValidationError
from workshop.services import booking_views, bookings, jobs, routing


@pytest.fixture
def live(db, shop):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                                run_minutes="20")
    fit = routing.add_operation(db, shop.job.id, name="Fit", workstation_id=shop.bench.id, run_minutes="30")
    jobs.change_status(db, shop.job.id, "release")
    return dict(job=shop.job, cut=cut, fit=fit)


def _snapshot(db):
    """Everything a failed booking could have touched."""
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(TimeLog)),
                s.scalar(select(func.count()).select_from(MaterialIssue)),
                s.scalar(select(func.count()).select_from(DirectCost)),
                tuple(s.execute(select(Material.id, Material.stock_on_hand).order_by(Material.id)).all()),
                tuple(s.execute(select(Operation.id, Operation.status).order_by(Operation.id)).all()))


def _error(db, fn, *args, **kwargs) -> ValidationError:
    before = _snapshot(db)
    with pytest.raises(ValidationError) as info:
        fn(db, *args, **kwargs)
    assert _snapshot(db) == before, "a refused booking changed the database"
    return info.value


START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(minutes="-30"), "minutes", "cannot be negative"),
    (dict(minutes=D("-0.5")), "minutes", "cannot be negative"),
    (dict(minutes="0"), "minutes", "more than zero"),
    (dict(minutes="ten"), "minutes", "must be a number"),
    (dict(minutes="1.234"), "minutes", "decimal places"),
    (dict(), "minutes", "Give the minutes"),
    (dict(started_at=START, ended_at=START - dt.timedelta(minutes=5)), "ended_at", "after the start"),
    (dict(started_at=START, ended_at=START), "ended_at", "after the start"),
    (dict(started_at=START), "ended_at", "both"),
    (dict(started_at="yesterday", ended_at=START), "started_at", "date and time"),
    (dict(started_at=START, ended_at=START + dt.timedelta(minutes=30), minutes="45"), "minutes", "do not fit"),
    (dict(minutes="30", kind="overtime"), "kind", "one of"),
    (dict(minutes="30", operator_id=999), "operator_id", "no operator"),
])
def test_bad_time_is_refused_and_saves_nothing(db, shop, live, kwargs, field, words):
    operator = kwargs.pop("operator_id", shop.anna.id)
    error = _error(db, bookings.log_time, live["cut"], operator, **kwargs)
    assert error.field == field and words in error.message


def test_time_cannot_be_booked_to_a_planned_job(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id, run_minutes="5")
    error = _error(db, bookings.log_time, op, None, minutes="5")
    assert error.field == "job" and "Release it first" in error.message


def test_start_and_end_give_the_minutes_and_the_op_starts(db, shop, live):
    log = bookings.log_time(db, live["fit"], shop.tom.id, started_at=START, ended_at=START + dt.timedelta(hours=2),
                            minutes="105", note="15 min tea break")
    assert (log.labour_minutes, log.machine_minutes) == (D("105.00"), D("0.00"))  # bench: labour only
    assert (log.started_at, log.ended_at, log.note) == (START, START + dt.timedelta(hours=2), "15 min tea break")
    # 1.75 h × 26.00 = 45.50 + 1.75 × 6.50 = 11.375 → 56.875 → 56.88
    assert log.cost == D("56.88")
    assert routing.list_operations(db, shop.job.id)[1].status == "running"
    whole = bookings.log_time(db, live["fit"], shop.tom.id, started_at=START, ended_at=START + dt.timedelta(hours=1))
    assert whole.labour_minutes == D("60.00")


def test_naive_times_are_local_times(db, shop, live):
    local = dt.datetime(2026, 3, 2, 8, 0)
    log = bookings.log_time(db, live["fit"], None, started_at=local, ended_at=local + dt.timedelta(minutes=20))
    assert log.started_at == local.astimezone(dt.UTC) and log.labour_minutes == D("20.00")


def test_machine_time_kinds(db, shop, live):
    both = bookings.log_time(db, live["cut"], shop.anna.id, minutes="60")
    machine = bookings.log_time(db, live["cut"], None, minutes="60", kind="machine")
    labour = bookings.log_time(db, live["cut"], shop.anna.id, minutes="60", kind="labour")
    assert (both.labour_minutes, both.machine_minutes) == (D("60.00"), D("60.00"))
    assert (machine.labour_minutes, machine.machine_minutes) == (D("0.00"), D("60.00"))
    assert (labour.labour_minutes, labour.machine_minutes) == (D("60.00"), D("0.00"))
    # both: 32 + 18 + 12 = 62; machine alone: 18 + 12 = 30; labour alone at the saw: 32 (overhead is per machine h)
    assert (both.cost, machine.cost, labour.cost) == (D("62.00"), D("30.00"), D("32.00"))
    assert machine.labour_rate == D("30.00")  # no operator: the saw's labour rate is what was in force
    assert [log.id for log in booking_views.list_time_logs(db, live["job"].id)] == [both.id, machine.id, labour.id]


def test_issuing_more_than_in_stock_is_refused(db, shop, live):
    error = _error(db, bookings.issue_material, live["job"].id, material_id=shop.oil.id, quantity="6.5")
    assert error.field == "quantity" and "Only 6 l of OIL-HW in stock" in error.message
    bookings.issue_material(db, live["job"].id, material_id=shop.oil.id, quantity="6")  # all of it is fine


@pytest.mark.parametrize("kwargs, field", [
    (dict(quantity="-1"), "quantity"),
    (dict(quantity="0"), "quantity"),
    (dict(quantity="lots"), "quantity"),
    (dict(quantity="1.0005"), "quantity"),
    (dict(quantity="1", unit_cost="-2"), "unit_cost"),
    (dict(quantity="1", material_id=None, description="Glue"), "unit_cost"),
    (dict(quantity="1", material_id=None), "description"),
    (dict(quantity="1", material_id=404), "material_id"),
])
def test_bad_material_input(db, shop, live, kwargs, field):
    kwargs.setdefault("material_id", shop.oak.id)
    assert _error(db, bookings.issue_material, live["job"].id, **kwargs).field == field


def test_returns_cannot_exceed_what_was_issued_and_use_the_issue_cost(db, shop, live):
    from workshop.services import materials

    job = live["job"].id
    bookings.issue_material(db, job, material_id=shop.hinge.id, quantity="10")
    materials.update_material(db, shop.hinge.id, unit_cost="5.00")  # the price went up since
    error = _error(db, bookings.return_material, job, material_id=shop.hinge.id, quantity="11")
    assert error.field == "quantity" and "Only 10 ea of HNG-35 has been issued" in error.message
    back = bookings.return_material(db, job, material_id=shop.hinge.id, quantity="3")
    assert (back.quantity, back.unit_cost, back.amount) == (D("-3.000"), D("4.20"), D("-12.60"))
    assert materials.get_material(db, shop.hinge.id).stock_on_hand == D("193.000")  # 200 − 10 + 3


def test_free_text_material_moves_no_stock(db, shop, live):
    line = bookings.issue_material(db, live["job"].id, description="Brass escutcheons (bought in)", quantity="3",
                                   unit_cost="7.45", unit="ea")
    assert (line.material_id, line.amount) == (None, D("22.35"))
    assert _snapshot(db)[3] == ((shop.oak.id, D("40.000")), (shop.hinge.id, D("200.000")), (shop.oil.id, D("6.000")))


@pytest.mark.parametrize("kwargs, field", [
    (dict(category="bribes", amount="10"), "category"),
    (dict(category="delivery", amount="-10"), "amount"),
    (dict(category="delivery", amount="ten"), "amount"),
    (dict(category="delivery", amount="10.001"), "amount"),
    (dict(category="delivery", amount="10", incurred_on="soon"), "incurred_on"),
])
def test_bad_other_costs(db, shop, live, kwargs, field):
    assert _error(db, bookings.add_other_cost, live["job"].id, **kwargs).field == field


def test_other_costs_listed(db, shop, live):
    bookings.add_other_cost(db, live["job"].id, category="subcontract", description="Powder coating",
                            amount="120.00", incurred_on="2026-03-01")
    bookings.add_other_cost(db, live["job"].id, category="design", description="CAD drawings", amount="80")
    costs = booking_views.list_other_costs(db, live["job"].id)
    assert [(c.category, c.amount) for c in costs] == [("subcontract", D("120.00")), ("design", D("80.00"))]


def test_a_jobs_bookings_in_four_statements_as_the_records_show_them(db, shop, live):
    """The Bookings page's read (``job_bookings``): the job, then each list in one statement with the
    correction that reverses an entry joined, however many there are; each view as the record gives it."""
    from support.statements import statements_of
    from workshop.services import booking_corrections as corrections

    def counted() -> int:
        begin = 1 if db.engine.dialect.name == "sqlite" else 0  # one unit of work
        return statements_of(db, lambda: booking_views.job_bookings(db, live["job"].id)) - begin

    few = counted()
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    # Anna at the saw, 65 min: labour 65/60 × 32.00 = 34.666… → 34.67, machine 65/60 × 18.00 = 19.50,
    # overhead 65/60 machine h × 12.00 = 13.00: 67.17
    first = bookings.log_time(db, live["cut"], shop.anna.id, minutes="65")
    bookings.log_time(db, live["fit"], None, started_at=start, ended_at=start + dt.timedelta(minutes=50))
    for i in range(6):
        bookings.log_time(db, live["fit"], shop.tom.id, minutes=str(10 + i))
    undo = corrections.reverse_time_log(db, first.id, "Wrong operation")
    oak = bookings.issue_material(db, live["job"].id, material_id=shop.oak.id, quantity="2.5")
    bookings.return_material(db, live["job"].id, material_id=shop.oak.id, quantity="0.5")
    bookings.issue_material(db, live["job"].id, description="Brass screws", quantity="40", unit_cost="0.12")
    corrections.reverse_material_issue(db, oak.id, "Took the board back to the rack")
    van = bookings.add_other_cost(db, live["job"].id, category="delivery", description="Van", amount="45.00")
    corrections.reverse_other_cost(db, van.id, "Charged to the customer directly")
    assert counted() == few == 4  # the job, its time, its material, its other costs

    got = booking_views.job_bookings(db, live["job"].id)
    assert (got.job_id, got.number, got.status) == (live["job"].id, live["job"].number, "released")
    with db.reader() as s:  # each view as the records give it, in the lists' order
        by = {model: booking_views.reversals(s, model, live["job"].id)
              for model in (TimeLog, MaterialIssue, DirectCost)}
        times = [bookings.time_log_view(s.get(TimeLog, t.id), by[TimeLog].get(t.id)) for t in got.times]
        issues = [bookings.issue_view(s.get(MaterialIssue, i.id), by[MaterialIssue].get(i.id)) for i in got.issues]
        others = [bookings.other_cost_view(s.get(DirectCost, c.id), by[DirectCost].get(c.id)) for c in got.others]
    assert (list(got.times), list(got.issues), list(got.others)) == (times, issues, others)
    assert list(got.times) == booking_views.list_time_logs(db, live["job"].id)
    assert list(got.issues) == booking_views.list_material_issues(db, live["job"].id)
    assert list(got.others) == booking_views.list_other_costs(db, live["job"].id)
    assert got.times[0].operation_name == "Fit"  # 08:00 on 2 March, before the minutes booked today
    anna = next(t for t in got.times if t.id == first.id)
    assert (anna.cost, anna.reversed_by_id) == (D("67.17"), undo.id)
    assert next(t for t in got.times if t.id == undo.id).cost == D("-67.17")
    assert [(i.description, i.amount, i.reversed_by_id is not None) for i in got.issues][2] == (
        "Brass screws", D("4.80"), False)  # 40 × 0.12
    assert [c.reversed_by_id is not None or c.reverses_id is not None for c in got.others] == [True, True]
    with pytest.raises(Exception, match="no job with id 999999"):
        booking_views.job_bookings(db, 999999)
