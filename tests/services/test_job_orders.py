"""Job orders (issue 16 item 8): gap-free JO numbers, only the customer's own jobs, a job in one
order at most, and the roll-up of progress, cost, schedule and invoicing worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from support.invoicing import quoted, with_billing_address
from workshop.db.models import Job, NumberSequence
from workshop.domain.errors import ValidationError
from workshop.services import bookings, customers, invoices, job_invoices, job_orders, jobs, payments, routing


def _job(db, shop, title, due_in_days=21):
    return jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1,
                           due_date=shop.job.due_date - dt.timedelta(days=21 - due_in_days))


def test_numbers_run_without_gaps_and_a_failed_save_gives_its_number_back(db, shop, today):
    first = job_orders.create_order(db, customer_id=shop.customer.id, title="Kitchen, 14 Mill Lane")
    with pytest.raises(ValidationError) as refused:
        job_orders.create_order(db, customer_id=shop.customer.id, title="   ")
    assert refused.value.field == "title"
    second = job_orders.create_order(db, customer_id=shop.customer.id, title="Utility room")
    assert (first.number, second.number) == (f"JO-{today.year}-0001", f"JO-{today.year}-0002")
    with db.reader() as s:
        counter = s.scalar(select(NumberSequence.last_value).where(NumberSequence.prefix == "JO"))
    assert counter == 2


def test_a_job_of_another_customer_is_refused_and_a_job_is_in_one_order(db, shop):
    order = job_orders.create_order(db, customer_id=shop.customer.id, title="Kitchen, 14 Mill Lane")
    other = customers.create_customer(db, name="Malvern Hills Hotel")
    theirs = jobs.create_job(db, customer_id=other.id, title="Bar counter", quantity=1, due_date=shop.job.due_date)
    with pytest.raises(ValidationError) as refused:
        job_orders.add_job(db, order.id, theirs.id)
    assert refused.value.field == "job_order_id"
    assert refused.value.message == (f"Job {theirs.number} is for Malvern Hills Hotel, but order {order.number} is "
                                  "for Harrow & Finch Interiors: an order holds only its own customer's jobs.")
    assert jobs.get_job(db, theirs.id).job_order_id is None

    assert job_orders.add_job(db, order.id, shop.job.id).job_count == 1
    second = job_orders.create_order(db, customer_id=shop.customer.id, title="Utility room")
    with pytest.raises(ValidationError, match=f"already in order {order.number}; remove it from that order first"):
        job_orders.add_job(db, second.id, shop.job.id)
    # the job's own form moves it between its customer's orders, and refuses another's
    assert jobs.update_job(db, shop.job.id, job_order_id=second.id).job_order_number == second.number
    hotel = job_orders.create_order(db, customer_id=other.id, title="Bar")
    with pytest.raises(ValidationError, match="an order holds only its own customer's jobs"):
        jobs.update_job(db, shop.job.id, job_order_id=hotel.id, title="Changed")
    detail = jobs.get_job(db, shop.job.id)
    assert (detail.job_order_id, detail.title) == (second.id, "Oak dresser")  # nothing saved half-way
    # an order holding jobs keeps its customer
    with pytest.raises(ValidationError, match="remove them before"):
        job_orders.update_order(db, second.id, customer_id=other.id)
    assert job_orders.remove_job(db, second.id, shop.job.id).job_count == 0
    assert jobs.get_job(db, shop.job.id).job_order_id is None


def test_list_search_and_the_jobs_that_may_be_added(db, shop):
    kitchen = job_orders.create_order(db, customer_id=shop.customer.id, title="Kitchen, 14 Mill Lane")
    job_orders.create_order(db, customer_id=shop.customer.id, title="Utility room")
    doors = _job(db, shop, "Kitchen doors")
    job_orders.add_job(db, kitchen.id, doors.id)
    assert [o.title for o in job_orders.list_orders(db, "mill")] == ["Kitchen, 14 Mill Lane"]
    assert [o.title for o in job_orders.list_orders(db, "HARROW")] == ["Utility room", "Kitchen, 14 Mill Lane"]
    assert [o.title for o in job_orders.list_orders(db, kitchen.number)] == ["Kitchen, 14 Mill Lane"]
    assert job_orders.list_orders(db, "mill")[0].job_count == 1
    assert [c.number for c in job_orders.jobs_to_add(db, kitchen.id)] == [shop.job.number]


def test_the_kind_of_work_is_saved_and_offered_again(db, shop):
    jobs.update_job(db, shop.job.id, kind="  Kitchen ")
    assert jobs.get_job(db, shop.job.id).kind == "Kitchen"
    _job(db, shop, "Gates")
    assert job_orders.job_kinds(db) == ["Kitchen"]
    with pytest.raises(ValidationError) as refused:
        jobs.update_job(db, shop.job.id, kind="x" * 41)
    assert refused.value.field == "kind"


@pytest.fixture
def kitchen(db, shop):
    """Two jobs at the bench (labour 28.00/h, overhead 6.50 per labour hour; no operator named, so
    the estimate uses the bench's rate): carcasses planned 10 h, 5 h booked by Tom (26.00/h);
    doors planned 6 h, 6 h booked by Anna (32.00/h) and done."""
    order = job_orders.create_order(db, customer_id=shop.customer.id, title="Kitchen, 14 Mill Lane")
    carcasses, doors = _job(db, shop, "Carcasses", 14), _job(db, shop, "Doors", 21)
    cut = routing.add_operation(db, carcasses.id, name="Make carcasses", workstation_id=shop.bench.id,
                                setup_minutes="0", run_minutes="600")
    make = routing.add_operation(db, doors.id, name="Make doors", workstation_id=shop.bench.id,
                                 setup_minutes="0", run_minutes="360")
    for job in (carcasses, doors):
        jobs.change_status(db, job.id, "release")
        job_orders.add_job(db, order.id, job.id)
    bookings.log_time(db, cut, shop.tom.id, minutes="300")
    bookings.log_time(db, make, shop.anna.id, minutes="360", mark_done=True)
    return order, carcasses, doors


def test_the_roll_up_adds_up_progress_and_cost(db, shop, kitchen):
    order, carcasses, doors = kitchen
    up = job_orders.rollup(db, order.id)
    assert [j.number for j in up.jobs] == [carcasses.number, doors.number]  # by due date
    assert [j.progress for j in up.jobs] == [D("50.00"), D("100.00")]  # 5 of 10 h; 6 of 6 h, done
    # (5 + 6) ÷ (10 + 6) = 11 ÷ 16 = 68.75 %
    assert (up.planned_hours, up.done_hours, up.progress) == (D("16"), D("11"), D("68.75"))
    # estimate: carcasses 10 h × (28.00 + 6.50) = 345.00; doors 6 h × 34.50 = 207.00 → 552.00
    assert [j.estimate for j in up.jobs] == [D("345.00"), D("207.00")]
    assert up.estimate == D("552.00")
    # actual: Tom 5 h × 26.00 = 130.00 + overhead 5 × 6.50 = 32.50 → 162.50;
    #         Anna 6 h × 32.00 = 192.00 + 6 × 6.50 = 39.00 → 231.00; together 393.50
    assert [j.actual for j in up.jobs] == [D("162.50"), D("231.00")]
    assert up.actual == D("393.50")
    assert up.price is None and up.invoicing.invoices == 0 and up.invoicing.invoiced == D("0")


def test_the_roll_up_schedule_and_lateness(db, shop, kitchen):
    order, carcasses, doors = kitchen
    up = job_orders.rollup(db, order.id)
    assert (up.earliest_start, up.latest_finish, up.late) == (None, None, False)  # no schedule applied yet
    with db.session() as s:  # as an applied schedule leaves them: doors finish two days after they are due
        s.get(Job, carcasses.id).planned_finish = carcasses.due_date
        s.get(Job, doors.id).planned_finish = doors.due_date + dt.timedelta(days=2)
    up = job_orders.rollup(db, order.id)
    assert up.latest_finish == doors.due_date + dt.timedelta(days=2)
    assert up.latest_due == doors.due_date
    assert [(j.late, j.predicted_late) for j in up.jobs] == [(False, False), (False, True)]
    assert up.late


def test_the_roll_up_adds_up_invoicing(db, shop, kitchen):
    order, carcasses, doors = kitchen
    with_billing_address(db, shop)
    quoted(db, shop, carcasses.id, price="1000.00")
    quoted(db, shop, doors.id, price="500.00")
    # carcasses: a 40 % deposit, 400.00 + 20 % tax = 480.00, paid 300.00
    deposit = invoices.issue(db, job_invoices.draft_deposit(db, carcasses.id, percent="40").id)
    payments.record_payment(db, deposit.id, paid_on=deposit.issue_date, amount="300.00", method="bank_transfer")
    # doors: a 10 % deposit, 50.00 + 10.00 tax = 60.00, unpaid; and a draft not issued
    invoices.issue(db, job_invoices.draft_deposit(db, doors.id, percent="10").id)
    job_invoices.draft_progress(db, doors.id, percent="20")
    up = job_orders.rollup(db, order.id)
    assert up.price == D("1500.00")  # the accepted quotes: 1000.00 + 500.00
    money = up.invoicing
    assert (money.invoices, money.drafts) == (2, 1)
    assert money.invoiced == D("540.00")  # 480.00 + 60.00
    assert money.paid == D("300.00")
    assert money.outstanding == D("240.00")  # 540.00 − 300.00


def test_workshop_check_names_a_gap_in_job_order_numbers(db, shop):
    from support.hand_edits import run
    from workshop.db.check import check_database, check_report

    orders = [job_orders.create_order(db, customer_id=shop.customer.id, title=t) for t in ("A", "B", "C")]
    assert check_database(db.url) == []
    run(db, f"DELETE FROM job_orders WHERE id = {orders[1].id}")
    year = db.today().year
    assert check_report(db.url).problems == [
        f"Job order numbers JO-{year} have a gap: no order holds JO-{year}-0002. Orders are never deleted, so one "
        "was removed: restore a backup that has it."]
