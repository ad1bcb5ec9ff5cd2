"""Work in progress worked out in SQL for every job at once (issue 17): each job's figures are its
cost sheet's (``job_costing.cost_sheet``, the reference), to the penny and word for word, on a small
shop with every kind of booking; and it reads the same few statements for one open job as for many."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from support.invoicing import MARCH_10, with_billing_address
from support.statements import statements_of
from workshop.services import bom, booking_corrections, bookings, invoices, jobs, job_costing, routing, wip, \
    workstations


def _busy_shop(db, shop, today):
    """Four open jobs and a finished one, booked every way the cost sheet knows."""
    with_billing_address(db, shop)
    spray = workstations.create_workstation(db, code="SPRAY", name="Spray booth", labour_rate="27.06",
                                            overhead_rate="12.50", overhead_basis="percent_of_labour")
    hand = workstations.create_workstation(db, code="HAND", name="Hand finishing", labour_rate="27.06")
    kim = workstations.create_operator(db, name="Kim Lee", hourly_rate="27.06",
                                       workstation_ids=[spray.id, hand.id, shop.bench.id])

    # A: three cabinets, each with 1.333 drawer boxes: a run of 7.5 min × 3.999 boxes = 29.9925 → 29.99 planned
    a = jobs.create_job(db, customer_id=shop.customer.id, title="Cabinets", quantity=3,
                        due_date=today + dt.timedelta(days=12))
    drawer = bom.add_subassembly(db, a.id, description="Drawer box", quantity="1.333")
    bom.add_line(db, a.id, parent_id=drawer, material_id=shop.oak.id, quantity="0.25")
    saw = routing.add_operation(db, a.id, name="Cut", workstation_id=shop.saw.id, setup_minutes="15",
                                run_minutes="20")
    box = routing.add_operation(db, a.id, name="Drawer boxes", workstation_id=shop.bench.id, setup_minutes="5",
                                run_minutes="7.5", subassembly_id=drawer)
    paint = routing.add_operation(db, a.id, name="Lacquer", workstation_id=spray.id, setup_minutes="10",
                                  run_minutes="30")
    rub = routing.add_operation(db, a.id, name="Rub down", workstation_id=hand.id, run_minutes="20")
    for action in ("release", "start"):
        jobs.change_status(db, a.id, action)
    bookings.log_time(db, saw, shop.anna.id, minutes="50")  # labour and machine at the saw, overhead per machine h
    bookings.log_time(db, box, shop.tom.id, minutes="37")  # 0.6166… h
    bookings.log_time(db, paint, kim.id, minutes="65")  # 65 min × 27.06: 29.315 on the half; overhead 12.5 %
    bookings.log_time(db, rub, kim.id, minutes="65")  # no overhead at this workstation
    wrong = bookings.log_time(db, rub, None, minutes="41")  # the workstation's rate, then taken back
    booking_corrections.reverse_time_log(db, wrong.id, "Booked to the wrong job")
    bookings.issue_material(db, a.id, material_id=shop.oak.id, quantity="1.333")  # 113.9715 → 113.97
    bookings.issue_material(db, a.id, material_id=shop.hinge.id, quantity="12")
    bookings.return_material(db, a.id, material_id=shop.hinge.id, quantity="2")
    oil = bookings.issue_material(db, a.id, material_id=shop.oil.id, quantity="0.375")
    booking_corrections.reverse_material_issue(db, oil.id, "Wrong tin")
    bookings.add_other_cost(db, a.id, category="subcontract", description="Glass", amount="86.40")
    wrong_cost = bookings.add_other_cost(db, a.id, category="delivery", description="Twice", amount="12.00")
    booking_corrections.reverse_other_cost(db, wrong_cost.id, "Entered twice")
    deposit = invoices.create_draft(db, kind="deposit", job_id=a.id, lines=[
        dict(description="Deposit", quantity="1", unit_price="400.00")])
    invoices.issue(db, deposit.id, issue_date=MARCH_10)
    note = invoices.credit_note(db, deposit.id, lines=[dict(description="Part", quantity="1", unit_price="55.55")])
    invoices.issue(db, note.id, issue_date=MARCH_10)

    # B: on hold after some work; C: at inspection; D: released, nothing booked; E: complete (not WIP)
    b = jobs.create_job(db, customer_id=shop.customer.id, title="Hall table", due_date=today + dt.timedelta(days=4))
    b_op = routing.add_operation(db, b.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="20",
                                 run_minutes="100")
    for action in ("release", "start"):
        jobs.change_status(db, b.id, action)
    bookings.log_time(db, b_op, shop.anna.id, minutes="133")
    bookings.log_time(db, b_op, kim.id, minutes="65")
    jobs.change_status(db, b.id, "hold", "Waiting for the customer")
    c = jobs.create_job(db, customer_id=shop.customer.id, title="Gate", due_date=today + dt.timedelta(days=4))
    c_op = routing.add_operation(db, c.id, name="Weld", workstation_id=shop.saw.id, setup_minutes="0",
                                 run_minutes="45")
    for action in ("release", "start"):
        jobs.change_status(db, c.id, action)
    bookings.log_time(db, c_op, shop.anna.id, minutes="46", kind="machine")
    jobs.change_status(db, c.id, "to_inspection")
    d = jobs.create_job(db, customer_id=shop.customer.id, title="Stool", due_date=today + dt.timedelta(days=30))
    jobs.change_status(db, d.id, "release")
    e = jobs.create_job(db, customer_id=shop.customer.id, title="Done", due_date=today + dt.timedelta(days=2))
    e_op = routing.add_operation(db, e.id, name="Sand", workstation_id=shop.bench.id, run_minutes="30")
    for action in ("release", "start"):
        jobs.change_status(db, e.id, action)
    bookings.log_time(db, e_op, shop.tom.id, minutes="30", mark_done=True)
    for action in ("to_inspection", "complete"):
        jobs.change_status(db, e.id, action)
    return a, b, c, d


def test_each_job_is_valued_as_its_cost_sheet(db, shop, today):
    a, b, c, d = _busy_shop(db, shop, today)
    report = wip.work_in_progress(db)
    assert {r.job_id for r in report.rows} == {a.id, b.id, c.id, d.id}
    for row in report.rows:
        sheet = job_costing.cost_sheet(db, row.job_id)
        assert row.accrued_cost == sheet.actual.total, sheet.number  # amount and explanation
        assert (row.planned_hours, row.booked_hours, row.percent_complete) == (
            sheet.planned_hours, sheet.booked_hours, sheet.percent_complete), sheet.number
        assert (row.number, row.title, row.customer_name, row.status, row.due_date, row.budget) == (
            sheet.number, sheet.title, sheet.customer_name, sheet.status, sheet.due_date, sheet.price)
    ra = next(r for r in report.rows if r.job_id == a.id)
    # the drawer boxes' 29.99 min is planned: 15 + 60 + 5 + 29.99 + 10 + 90 + 60 = 269.99 min → 4.50 h
    assert ra.planned_hours == D("4.50")
    # 65 min at 27.06: 65 × 27.06 = 1,758.90; ÷ 60 = 29.315 exactly, on the half: 29.32 (half away from
    # zero), in the cost sheet and in WIP alike (hours to 60 digits once made it 29.3149… → 29.31)
    sheet = job_costing.cost_sheet(db, a.id)
    assert [ln.amount for ln in sheet.actual.lines if "Kim" in ln.explanation and ln.category == "labour"] == [
        D("29.32"), D("29.32")]
    assert (ra.billed_to_date, ra.wip_value) == (D("344.45"), ra.accrued_cost.amount - D("344.45"))
    assert report.accrued_cost == sum((r.accrued_cost.amount for r in report.rows), D("0.00"))
    assert report.wip_value == report.accrued_cost - report.billed_to_date == sum(r.wip_value for r in report.rows)
    assert (report.planned_hours, report.booked_hours) == (
        sum(r.planned_hours for r in report.rows), sum(r.booked_hours for r in report.rows))


def test_the_same_few_statements_for_one_open_job_as_for_many(db, shop, today):
    _busy_shop(db, shop, today)  # four open jobs, one with a sub-assembly and a line on the half penny
    many = statements_of(db, lambda: wip.work_in_progress(db))
    for n in range(20):
        job = jobs.create_job(db, customer_id=shop.customer.id, title=f"More {n}", due_date=today)
        op = routing.add_operation(db, job.id, name="Make", workstation_id=shop.bench.id, run_minutes="60")
        jobs.change_status(db, job.id, "release")
        bookings.log_time(db, op, shop.tom.id, minutes="30")
        bookings.issue_material(db, job.id, material_id=shop.hinge.id, quantity="1")
    assert len(wip.work_in_progress(db).rows) == 24
    assert statements_of(db, lambda: wip.work_in_progress(db)) == many <= 12
