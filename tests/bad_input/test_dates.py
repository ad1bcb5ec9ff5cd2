"""Bad dates (issue 12, item 5): 31 February, year 1, year 9999, and a change order that moves the
due date before the job was created. Each gets a clear message naming the field, and nothing is
saved. Year 1 used to crash a booking: a moment with no zone was moved to this PC's zone first,
and 0001-01-01 00:00 in any zone east of UTC is in year 0 (ValueError)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from workshop.db.models import ChangeOrder, Job, TimeLog
from workshop.domain import validation as v
from workshop.domain.errors import ValidationError
from workshop.domain.pricing import apply_change
from workshop.services import bookings, change_orders, jobs, routing

# (what is typed or given, the field's expected message)
BAD_DAYS = [
    ("31/02/2027", "Due date must be a date like 15/01/2027, 15 Jan 2027 or 2027-01-15, not “31/02/2027”."),
    ("2027-02-31", "Due date must be a date like 15/01/2027, 15 Jan 2027 or 2027-01-15, not “2027-02-31”."),
    ("0001-01-01", "Due date must be between 1900 and 2199, not 0001-01-01."),
    (dt.date(1, 1, 1), "Due date must be between 1900 and 2199, not 0001-01-01."),
    ("9999-12-31", "Due date must be between 1900 and 2199, not 9999-12-31."),
    (dt.date(9999, 12, 31), "Due date must be between 1900 and 2199, not 9999-12-31."),
]

BAD_MOMENTS = [
    (dt.datetime(1, 1, 1), "Started at must be between 1900 and 2199, not 0001-01-01."),
    (dt.datetime(1, 1, 1, tzinfo=dt.UTC), "Started at must be between 1900 and 2199, not 0001-01-01."),
    ("0001-01-01 00:00", "Started at must be between 1900 and 2199, not 0001-01-01."),
    (dt.datetime(9999, 12, 31, 23, 0), "Started at must be between 1900 and 2199, not 9999-12-31."),
    ("9999-12-31 23:59", "Started at must be between 1900 and 2199, not 9999-12-31."),
    ("2027-02-31 08:00", "Started at must be a date and time like 2026-11-20 08:30, not “2027-02-31 08:00”."),
]


@pytest.mark.parametrize("typed, message", BAD_DAYS)
def test_a_bad_day_is_refused_by_the_one_reader_of_dates(typed, message):
    with pytest.raises(ValidationError) as refused:
        v.date("due_date", typed)
    assert (refused.value.field, refused.value.message) == ("due_date", message)


@pytest.mark.parametrize("typed, message", BAD_MOMENTS)
def test_a_bad_moment_is_refused_before_any_time_zone_move(typed, message):
    with pytest.raises(ValidationError) as refused:
        v.moment("started_at", typed)
    assert (refused.value.field, refused.value.message) == ("started_at", message)


def test_the_edges_of_the_calendar_are_kept():
    assert v.date("due_date", "1900-01-01") == dt.date(1900, 1, 1)
    assert v.date("due_date", "2199-12-31") == dt.date(2199, 12, 31)
    assert v.moment("started_at", "2199-12-31 12:00+00:00") == dt.datetime(2199, 12, 31, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize("typed, message", BAD_DAYS)
def test_a_job_with_a_bad_due_date_is_not_saved(db, shop, typed, message):
    with pytest.raises(ValidationError) as refused:
        jobs.create_job(db, customer_id=shop.customer.id, title="Walnut desk", quantity=1, due_date=typed)
    assert (refused.value.field, refused.value.message) == ("due_date", message)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Job)) == 1  # the shop's one job only


@pytest.mark.parametrize("started, ended, day", [
    (dt.datetime(1, 1, 1, 0, 0), dt.datetime(1, 1, 1, 9, 0), "0001-01-01"),  # crashed: year 0 is out of range
    ("0001-01-01 08:00", "0001-01-01 09:00", "0001-01-01"),
    (dt.datetime(9999, 12, 31, 8, 0), dt.datetime(9999, 12, 31, 9, 0), "9999-12-31"),
])
def test_a_booking_in_year_1_or_9999_is_refused_not_a_crash(db, shop, started, ended, day):
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    with pytest.raises(ValidationError) as refused:
        bookings.log_time(db, cut, shop.anna.id, started_at=started, ended_at=ended)
    assert (refused.value.field, refused.value.message) == (
        "started_at", f"Started at must be between 1900 and 2199, not {day}.")
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(TimeLog)) == 0


def _due(db, job_id) -> dt.date:
    return jobs.get_job(db, job_id).due_date


def test_a_change_order_may_not_move_the_due_date_before_the_job_was_created(db, shop, today):
    created = jobs.get_job(db, shop.job.id).created_at.astimezone().date()
    assert created == today and _due(db, shop.job.id) == today + dt.timedelta(days=21)
    with pytest.raises(ValidationError) as refused:
        change_orders.create_change_order(db, shop.job.id, description="Drop the drawers", days_delta=-22)
    before = today - dt.timedelta(days=1)
    assert refused.value.field == "days_delta"
    assert refused.value.message == (f"That moves the due date to {before.strftime('%-d %b %Y')}, before the job "
                                     f"was created ({today.strftime('%-d %b %Y')}).")
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(ChangeOrder)) == 0
    # the day it was created is allowed
    same_day = change_orders.create_change_order(db, shop.job.id, description="Rush it", days_delta=-21)
    assert same_day.new_due_date == today


def test_approving_a_change_that_would_now_land_before_the_job_is_refused_and_changes_nothing(db, shop, today):
    first = change_orders.create_change_order(db, shop.job.id, description="Smaller top", days_delta=-15)
    second = change_orders.create_change_order(db, shop.job.id, description="No carving", days_delta=-15)
    change_orders.approve_change_order(db, first.id)
    assert _due(db, shop.job.id) == today + dt.timedelta(days=6)
    with pytest.raises(ValidationError) as refused:
        change_orders.approve_change_order(db, second.id)
    assert refused.value.field == "days_delta" and "before the job was created" in refused.value.message
    assert _due(db, shop.job.id) == today + dt.timedelta(days=6)
    assert change_orders.get_change_order(db, second.id).status == "proposed"


def test_the_pricing_rule_names_the_day_and_the_calendar_end():
    with pytest.raises(ValidationError) as refused:
        apply_change(100, dt.date(2026, 3, 10), 0, -10, not_before=dt.date(2026, 3, 2))
    assert refused.value.message == "That moves the due date to 28 Feb 2026, before the job was created (2 Mar 2026)."
    with pytest.raises(ValidationError) as refused:
        apply_change(100, dt.date(2199, 12, 1), 0, 31)
    assert refused.value.message == "That moves the due date to 2200-01-01, outside 1900–2199."


def test_the_change_order_form_says_why_next_to_the_days_and_saves_nothing(qtbot, db, shop, today):
    from workshop.ui.context import AppContext
    from workshop.ui.dialogs.change_order import ChangeOrderDialog
    from support.gui import click

    dialog = ChangeOrderDialog(AppContext(db), jobs.get_job(db, shop.job.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description.setPlainText("Drop the drawers")
    dialog.days.setText("-30")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.saved is None
    moved = today - dt.timedelta(days=9)
    assert dialog.errors.message("days_delta") == (f"That moves the due date to {moved.strftime('%-d %b %Y')}, "
                                                   f"before the job was created ({today.strftime('%-d %b %Y')}).")
    assert dialog.description.toPlainText() == "Drop the drawers"  # the typing is kept
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(ChangeOrder)) == 0
