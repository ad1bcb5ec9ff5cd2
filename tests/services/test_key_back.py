"""Keying back a paper traveler: the time as written, refused with nothing saved when it cannot be
right. Figures by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import Job, Operation, TimeLog
from workshop.domain.errors import ValidationError
from workshop.services import jobs, key_back, routing, settings


@pytest.fixture
def traveler(db, shop):
    # quantity 2: Cut 15 + 20 × 2 = 55 min; Assemble 10 + 45 × 2 = 100 min
    cut = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                                run_minutes="20", operator_id=shop.anna.id)
    assemble = routing.add_operation(db, shop.job.id, name="Assemble", workstation_id=shop.bench.id,
                                     setup_minutes="10", run_minutes="45")
    return dict(cut=cut, assemble=assemble)


def _snapshot(db):
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(TimeLog)),
                tuple(s.execute(select(Operation.id, Operation.status).order_by(Operation.id)).all()),
                tuple(s.execute(select(Job.id, Job.status)).all()))


def test_the_sheet_lists_each_operation_with_what_is_booked_never_planned_as_values(db, shop, traveler):
    sheet = key_back.key_back_sheet(db, shop.job.id)
    assert (sheet.job_number, sheet.job_quantity, sheet.can_book) == (shop.job.number, 2, False)
    assert sheet.why_not == f"Job {shop.job.number} is planned; release it to the shop first."
    jobs.change_status(db, shop.job.id, "release")
    key_back.key_back(db, traveler["cut"], operator_id=shop.anna.id, day=db.today(), time="1h20", quantity_done="1")
    sheet = key_back.key_back_sheet(db, shop.job.id)
    assert sheet.can_book and sheet.why_not == ""
    cut, assemble = sheet.rows
    assert (cut.op_number, cut.name, cut.workstation_code, cut.operator_id) == (10, "Cut panels", "SAW", shop.anna.id)
    assert (cut.planned_minutes, cut.booked_minutes, cut.quantity_done, cut.status) == (
        D("55.00"), D("80.00"), D("1.000"), "running")  # 1h20 = 80 min
    assert (assemble.operator_id, assemble.booked_minutes, assemble.quantity_done) == (None, D(0), D(0))


def test_work_done_outside_is_not_keyed_back_as_hours(db, shop, traveler):
    from workshop.services import suppliers

    galvaniser = suppliers.create_supplier(db, name="Galvanising Łódź", lead_time_days="10")
    outside = routing.add_operation(db, shop.job.id, name="Galvanise", supplier_id=galvaniser.id)
    jobs.change_status(db, shop.job.id, "release")
    # the sheet lists the two operations done in the shop, not the one sent out
    assert [r.name for r in key_back.key_back_sheet(db, shop.job.id).rows] == ["Cut panels", "Assemble"]
    before = _snapshot(db)
    with pytest.raises(ValidationError) as refused:
        key_back.key_back(db, outside, operator_id=shop.anna.id, day=db.today(), time="30")
    assert refused.value.message == ("Operation 030 Galvanise is done outside the shop; its cost comes from its "
                                     "purchase order, not from hours booked.")
    assert _snapshot(db) == before


def test_time_as_minutes_or_start_and_finish_is_booked_as_key_back(db, shop, traveler):
    jobs.change_status(db, shop.job.id, "release")
    day = db.today() - dt.timedelta(days=1)
    log = key_back.key_back(db, traveler["assemble"], operator_id=shop.tom.id, day=day, start="730",
                            finish="9.10", finished=True, quantity_done="2")
    # 7:30 to 9:10 = 100 minutes, on the day written, local time
    assert (log.labour_minutes, log.source, log.quantity_done) == (D("100.00"), "key_back", D("2.000"))
    assert log.started_at == dt.datetime.combine(day, dt.time(7, 30)).astimezone()
    # Tom's 26.00/h at the bench: 100/60 × 26.00 = 43.333… → 43.33; overhead 6.50 per labour hour:
    # 100/60 × 6.50 = 10.833… → 10.83; each cost line rounded, then added: 54.16
    assert log.cost == D("54.16")
    with db.reader() as s:
        assert s.get(Operation, traveler["assemble"]).status == "done"
        assert s.get(Job, shop.job.id).status == "in_progress"  # the first time booked starts the job
    # a break inside the span: 1h20 between 13:00 and 15:00
    second = key_back.key_back(db, traveler["cut"], operator_id=shop.anna.id, day=day, time="1h20", start="13:00",
                               finish="15h00")
    assert second.labour_minutes == D("80.00")


def test_time_is_read_in_the_shops_locale(db, shop, traveler):
    settings.update_settings(db, locale="de_DE")
    jobs.change_status(db, shop.job.id, "release")
    log = key_back.key_back(db, traveler["cut"], operator_id=shop.anna.id, day=db.today(), time="1,5h")
    assert log.labour_minutes == D("90.00")  # one and a half hours in German


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(time="-30"), "time", "negative"),
    (dict(time="0"), "time", "more than zero"),
    (dict(), "time", "Give the time worked"),
    (dict(start="15:10", finish="7:30"), "finish", "The finish (07:30) must be after the start (15:10)."),
    (dict(start="7:30", finish="7:30"), "finish", "must be after the start"),
    (dict(start="7:30"), "finish", "Give the finish too"),
    (dict(start="25:00", finish="26:00"), "start", "0 to 23"),
    (dict(start="7:30", finish="7:75"), "finish", "00 to 59"),
    (dict(time="3h", start="7:30", finish="9:00"), "time", "3 h does not fit between 07:30 and 09:00 (1 h 30 min)"),
    (dict(time="30", quantity_done="-1"), "quantity_done", "negative"),
    (dict(time="30", operator_id=None), "operator_id", "Choose who did the work"),
    (dict(time="30", operator_id=999), "operator_id", "no operator"),
])
def test_wrong_entries_are_refused_and_nothing_is_saved(db, shop, traveler, kwargs, field, words):
    jobs.change_status(db, shop.job.id, "release")
    kwargs.setdefault("operator_id", shop.tom.id)
    before = _snapshot(db)
    with pytest.raises(ValidationError) as info:
        key_back.key_back(db, traveler["assemble"], day=db.today(), **kwargs)
    assert info.value.field == field and words in info.value.message
    assert _snapshot(db) == before


def test_a_job_not_open_for_booking_and_a_future_day_are_refused(db, shop, traveler):
    with pytest.raises(ValidationError) as info:
        key_back.key_back(db, traveler["cut"], operator_id=shop.anna.id, day=db.today(), time="30")
    assert "Release it first" in info.value.message
    jobs.change_status(db, shop.job.id, "release")
    with pytest.raises(ValidationError) as info:
        key_back.key_back(db, traveler["cut"], operator_id=shop.anna.id, day=db.today() + dt.timedelta(days=1),
                          time="30")
    assert info.value.field == "day"
