"""Work in progress: open jobs with accrued cost, % complete and billed to date; the report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from support.invoicing import MARCH_10, with_billing_address
from workshop.services import bookings, invoices, jobs, routing, wip
from workshop.reports.wip import format_wip_report, wip_report


def _job(db, shop, today, title, days, *actions):
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1,
                          due_date=today + dt.timedelta(days=days))
    op = routing.add_operation(db, job.id, name="Assemble", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="120")  # 2 h planned
    for action in actions:
        job = jobs.change_status(db, job.id, action, "reason" if action == "hold" else "")
    return job, op


def test_wip_values_open_jobs(db, shop, today):
    # A: in progress, Tom 90 min at the bench: 1.5 × 26 = 39.00 + 1.5 × 6.50 = 9.75 → 48.75; 75% done
    a, a_op = _job(db, shop, today, "Bookcase", 10, "release", "start")
    bookings.log_time(db, a_op, shop.tom.id, minutes="90")
    # B: on hold after 150 min by Anna: 2.5 × 32 = 80 + 2.5 × 6.50 = 16.25 → 96.25; hours 125% (shown as 100)
    #    and 2 hinges issued: 8.40 → 104.65
    b, b_op = _job(db, shop, today, "Wardrobe", 5, "release", "start")
    bookings.log_time(db, b_op, shop.anna.id, minutes="150")
    bookings.issue_material(db, b.id, material_id=shop.hinge.id, quantity="2")
    jobs.change_status(db, b.id, "hold", "Waiting for glass")
    # C: released, nothing booked yet
    c, _ = _job(db, shop, today, "Stool", 20, "release")
    # D: complete, and the sample job still planned: neither is work in progress
    d, d_op = _job(db, shop, today, "Done chair", 3, "release", "start")
    bookings.log_time(db, d_op, shop.tom.id, minutes="60")
    for action in ("to_inspection", "complete"):  # its operation not marked done: a reason to complete
        jobs.change_status(db, d.id, action, "Finished at the bench" if action == "complete" else "")

    report = wip.work_in_progress(db)
    assert [r.number for r in report.rows] == [b.number, a.number, c.number]  # by due date
    rb, ra, rc = report.rows
    assert (ra.accrued_cost.amount, ra.booked_hours, ra.planned_hours, ra.percent_complete) == (
        D("48.75"), D("1.50"), D("2.00"), D("75.00"))
    assert (rb.accrued_cost.amount, rb.percent_complete, rb.percent_complete_display, rb.status) == (
        D("104.65"), D("125.00"), D("100.00"), "on_hold")
    assert (rc.accrued_cost.amount, rc.percent_complete) == (D("0.00"), D("0.00"))
    assert all(r.billed_to_date == D("0.00") and r.wip_value == r.accrued_cost.amount for r in report.rows)
    assert (report.accrued_cost, report.wip_value, report.booked_hours, report.planned_hours) == (
        D("153.40"), D("153.40"), D("4.00"), D("6.00"))

    data = wip_report(db)
    assert json.loads(json.dumps(data)) == data
    assert data["totals"] == {"jobs": 3, "accrued_cost": "153.40", "billed_to_date": "0.00", "wip_value": "153.40",
                              "planned_hours": "6.00", "booked_hours": "4.00"}
    assert data["jobs"][0]["percent_complete"] == "125.00" and data["jobs"][0]["accrued_cost"] == "104.65"
    text = format_wip_report(data)
    assert "Wardrobe" in text and "153.40" in text and "Total" in text


def test_an_empty_wip(db):
    data = wip_report(db)
    assert data["jobs"] == [] and data["totals"]["wip_value"] == "0.00"
    assert "No jobs in progress." in format_wip_report(data)


def test_billed_to_date_is_the_net_of_issued_invoices_less_credit_notes(db, shop, today):
    with_billing_address(db, shop)
    # in progress, Tom 90 min at the bench: 1.5 × 26 = 39.00 + 1.5 × 6.50 = 9.75 → 48.75 accrued
    a, a_op = _job(db, shop, today, "Bookcase", 10, "release", "start")
    bookings.log_time(db, a_op, shop.tom.id, minutes="90")
    b, _ = _job(db, shop, today, "Stool", 20, "release")
    deposit = invoices.create_draft(db, kind="deposit", job_id=a.id, lines=[
        dict(description="Deposit", quantity="1", unit_price="100.00")])  # 100.00 net + 20.00 tax
    deposit = invoices.issue(db, deposit.id, issue_date=MARCH_10)
    note = invoices.credit_note(db, deposit.id, lines=[dict(description="Part", quantity="1", unit_price="30.00")])
    invoices.issue(db, note.id, issue_date=MARCH_10)  # 30.00 net back
    invoices.create_draft(db, kind="progress", job_id=a.id, lines=[
        dict(description="Not issued", quantity="1", unit_price="500.00")])  # a draft bills nothing

    report = wip.work_in_progress(db)
    ra, rb = report.rows
    # billed net of tax: 100.00 − 30.00 = 70.00; WIP value 48.75 − 70.00 = −21.25
    assert (ra.number, ra.accrued_cost.amount, ra.billed_to_date, ra.wip_value) == (
        a.number, D("48.75"), D("70.00"), D("-21.25"))
    assert (rb.number, rb.billed_to_date, rb.wip_value) == (b.number, D("0.00"), D("0.00"))
    assert (report.billed_to_date, report.wip_value) == (D("70.00"), D("-21.25"))
