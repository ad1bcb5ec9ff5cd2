"""The start page's service (issue 16, item 1) on a constructed shop: one record per section, each
expected row worked out by hand from the dates and figures set here."""

from __future__ import annotations

import datetime as dt

import pytest

from support.invoicing import FOUR_LINES, with_billing_address
from support.statements import statements_of
from workshop.db.models import Job, Operation
from workshop.services import bom, bookings, briefs, delivery, invoices, jobs, quotes, routing, start_page

#: Wednesday 13 January 2027, noon (UTC): the week runs Monday 11 to Sunday 17 January.
WEDNESDAY = dt.datetime(2027, 1, 13, 12, 0, tzinfo=dt.UTC)
TODAY = WEDNESDAY.date()


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def on_wednesday(db, request):
    db.clock = lambda: WEDNESDAY
    return request.getfixturevalue("shop")


def new_job(db, shop, title: str, due: dt.date, actions=()) -> int:
    if due < TODAY:  # a job made a fortnight ago, due before today
        db.clock = lambda: WEDNESDAY - dt.timedelta(days=14)
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1, due_date=due)
    db.clock = lambda: WEDNESDAY
    for action in actions:
        jobs.change_status(db, job.id, action)
    return job.id


def build(db, shop) -> dict:
    """One record per section."""
    ids = {}
    # late: due yesterday, released
    ids["late"] = new_job(db, shop, "Walnut desk", day(-1), ["release"])
    # due this week: the sample job, planned, due Friday; another due next Monday is not this week
    jobs.update_job(db, shop.job.id, due_date=day(2))
    ids["next_week"] = new_job(db, shop, "Ash shelves", day(5))
    # waiting for material: 50 m2 of oak wanted, 40 on the shelf, none on order
    bom.add_line(db, ids["next_week"], material_id=shop.oak.id, quantity="50")
    # complete, not delivered; and delivered, not invoiced (both today)
    ids["complete"] = new_job(db, shop, "Oak bench", day(20), ["release", "start", "to_inspection", "complete"])
    ids["delivered"] = new_job(db, shop, "Oak stool", day(20), ["release", "start", "to_inspection", "complete"])
    delivery.record_delivery(db, ids["delivered"], method="collected", received_by="Ruth Harrow")
    # an invoice issued 40 days ago on 30 days' terms: due 10 days ago, nothing paid
    with_billing_address(db, shop)
    draft = invoices.create_draft(db, kind="manual", customer_id=shop.customer.id, lines=FOUR_LINES)
    ids["invoice"] = invoices.issue(db, draft.id, issue_date=day(-40)).id
    # a quote sent valid until Saturday (3 days), another valid for 10 days (not expiring)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak wardrobe", requirements="Two doors")
    ids["quote"] = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", "Making", "900")],
                                                             markup_pct="0").id,
                                     valid_until=day(3)).id
    later = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak chest", requirements="Lid")
    quotes.send_quote(db, quotes.create_quote(db, later.id, lines=[("labour", "Making", "400")], markup_pct="0").id,
                      valid_until=day(10))
    return ids


def test_each_section_lists_its_record_with_why(db, on_wednesday):
    shop = on_wednesday
    ids = build(db, shop)
    page = start_page.start_page(db)
    assert page.today == TODAY

    late = page.section("late")
    assert [(i.kind, i.record_id, i.why, i.urgent) for i in late.items] == [
        ("job", ids["late"], "due 12 Jan 2027, yesterday · released", True)]
    assert late.items[0].title == "Walnut desk · Harrow & Finch Interiors"

    # due Friday 15 January; Ash shelves (due Monday 18) is next week's
    due = page.section("due")
    assert [(i.record_id, i.why) for i in due.items] == [(shop.job.id, "due Friday, 15 Jan 2027 · planned")]
    assert due.note == "to Sunday 17 Jan 2027"

    # 50 wanted − 40 on the shelf = 10 short; nothing on order, so all 10 still to order
    material = page.section("material")
    assert [(i.record_id, i.why, i.urgent) for i in material.items] == [
        (ids["next_week"], "OAK-25: 10 m2 short, 10 not ordered", True)]

    assert [(i.record_id, i.why) for i in page.section("undelivered").items] == [
        (ids["complete"], "complete since 13 Jan 2027, today")]
    assert [(i.record_id, i.why) for i in page.section("uninvoiced").items] == [
        (ids["delivered"], "delivered 13 Jan 2027, today; no final invoice")]

    # issued 40 days before 13 Jan 2027 = 4 Dec 2026; + 30 days' terms = due 3 Jan 2027;
    # 13 − 3 = 10 days overdue. Gross 1,757.48 (support/invoicing), nothing paid.
    overdue = page.section("overdue")
    assert [(i.kind, i.record_id, i.why) for i in overdue.items] == [
        ("invoice", ids["invoice"], "10 days overdue · £1,757.48 owed")]

    # valid until Saturday 16 January: 16 − 13 = 3 days left; the one until the 23rd is not listed
    expiring = page.section("quotes")
    assert [(i.kind, i.record_id, i.why, i.urgent) for i in expiring.items] == [
        ("quote", ids["quote"], "valid until 16 Jan 2027: 3 days left", False)]

    # oak: 40 on hand + 0 on order − 50 for the open job = −10, below its level 10;
    # order back to the level: 10 − (−10) = 20 m2
    reorder = page.section("reorder")
    assert [(i.kind, i.record_id, i.label, i.why) for i in reorder.items] == [
        ("material", shop.oak.id, "OAK-25", "order 20 m2 · projected −10, level 10")]


def test_empty_sections_say_so_kindly(db, on_wednesday):
    page = start_page.start_page(db)
    texts = {s.key: (s.count, s.empty_text) for s in page.sections}
    assert texts["late"] == (0, "Nothing late.")
    assert texts["overdue"] == (0, "No invoice is overdue.")
    assert texts["reorder"] == (0, "Nothing to reorder.")
    assert [s.key for s in page.sections] == ["late", "due", "material", "undelivered", "uninvoiced", "overdue",
                                             "quotes", "reorder", "load"]


def test_a_quote_past_its_date_and_still_sent_is_urgent(db, on_wednesday):
    shop = on_wednesday
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak wardrobe", requirements="Two doors")
    quote = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", "Making", "900")],
                                                             markup_pct="0").id,
                              valid_until=day(1))
    db.clock = lambda: WEDNESDAY + dt.timedelta(days=3)  # Saturday 16: valid until Thursday 14, two days ago
    [item] = start_page.start_page(db).section("quotes").items
    assert (item.record_id, item.why, item.urgent) == (quote.id, "expired 14 Jan 2027, 2 days ago, still marked sent",
                                                       True)


def test_predicted_late_from_the_applied_schedule(db, on_wednesday):
    shop = on_wednesday
    jobs.update_job(db, shop.job.id, due_date=day(2))
    with db.session() as s:
        s.get(Job, shop.job.id).planned_finish = day(6)  # an applied schedule finishing on Tuesday 19
    [item] = start_page.start_page(db).section("late").items
    assert (item.record_id, item.predicted, item.why) == (
        shop.job.id, True, "planned to finish 19 Jan 2027, due 15 Jan 2027 (the applied schedule)")
    assert start_page.start_page(db).section("due").items == ()  # listed once, where it is most urgent


def test_todays_load_from_the_applied_schedule_and_bookings(db, on_wednesday):
    shop = on_wednesday
    job_id = shop.job.id
    jobs.change_status(db, job_id, "release")
    cut = routing.add_operation(db, job_id, name="Cut", workstation_id=shop.saw.id, setup_minutes="10",
                                run_minutes="60")
    glue = routing.add_operation(db, job_id, name="Glue", workstation_id=shop.bench.id, setup_minutes="0",
                                 run_minutes="600")
    with db.session() as s:
        # saw: 08:00-11:30 today; bench: from yesterday 14:00 to today 11:00
        s.get(Operation, cut).planned_start = dt.datetime.combine(TODAY, dt.time(8, 0))
        s.get(Operation, cut).planned_end = dt.datetime.combine(TODAY, dt.time(11, 30))
        s.get(Operation, glue).planned_start = dt.datetime.combine(day(-1), dt.time(14, 0))
        s.get(Operation, glue).planned_end = dt.datetime.combine(TODAY, dt.time(11, 0))
    bookings.log_time(db, cut, shop.anna.id, minutes="90")  # booked at noon today
    page = start_page.start_page(db)
    load = {i.label: (i.why, i.urgent) for i in page.section("load").items}
    # saw: 3.5 h of 8 h = 43.75 % → 44 %; 90 minutes booked = 1.5 h
    # bench (16 h a day: 08:00 to midnight): today's part 08:00-11:00 = 3 h of 16 h = 18.75 % → 19 %
    assert load == {"SAW": ("3.5 h planned of 8 h (44%) · 1.5 h booked", False),
                    "BENCH": ("3 h planned of 16 h (19%)", False)}
    assert page.load_planned and page.section("load").note == "from the applied schedule"


def test_minutes_of_an_applied_operation_on_a_day():
    opens = dt.time(8, 0)
    at = lambda d, h, m=0: dt.datetime.combine(d, dt.time(h, m))  # noqa: E731
    # 8 h a machine: the day's window is 08:00-16:00
    assert start_page.applied_minutes_on(TODAY, opens, 480, at(TODAY, 9), at(TODAY, 10, 30)) == 90
    assert start_page.applied_minutes_on(TODAY, opens, 480, at(day(-2), 9), at(day(2), 10)) == 480  # all day
    assert start_page.applied_minutes_on(TODAY, opens, 480, at(day(-1), 9), at(day(-1), 15)) == 0  # yesterday
    # half a day (4 h): 08:00-12:00, so work planned from 11:00 to 15:00 takes one hour of it
    assert start_page.applied_minutes_on(TODAY, opens, 240, at(TODAY, 11), at(TODAY, 15)) == 60


def test_statements_do_not_grow_with_the_shop(db, on_wednesday):
    shop = on_wednesday
    build(db, shop)
    few = statements_of(db, lambda: start_page.start_page(db))
    for n in range(4):  # four more of each kind of record
        job_id = new_job(db, shop, f"Late {n}", day(-2 - n), ["release"])
        bom.add_line(db, job_id, material_id=shop.hinge.id, quantity="300")
        done = new_job(db, shop, f"Done {n}", day(20), ["release", "start", "to_inspection", "complete"])
        delivery.record_delivery(db, done, method="collected", received_by="Ruth Harrow")
        draft = invoices.create_draft(db, kind="manual", customer_id=shop.customer.id, lines=FOUR_LINES)
        invoices.issue(db, draft.id, issue_date=day(-50 - n))
    page = start_page.start_page(db)
    assert page.section("late").count == 5 and page.section("uninvoiced").count == 5
    assert page.section("overdue").count == 5
    assert statements_of(db, lambda: start_page.start_page(db)) == few


def test_the_live_proposal_adds_its_late_jobs_once(db, on_wednesday):
    shop = on_wednesday
    late = new_job(db, shop, "Walnut desk", day(-1), ["release"])
    jobs.update_job(db, shop.job.id, due_date=day(2))  # due Friday: this week's
    page = start_page.start_page(db)
    predicted = start_page.StartItem("job", shop.job.id, "J", "t", "predicted to finish …", True, True)
    again = start_page.StartItem("job", late, "J", "t", "predicted …", True, True)  # late already
    load = (start_page.StartItem("workstation", shop.saw.id, "SAW", "Panel saw", "2 h planned of 8 h (25%)"),)
    merged = start_page.with_forecast(page, start_page.Forecast((again, predicted), load))
    assert [(i.record_id, i.predicted) for i in merged.section("late").items] == [(late, False),
                                                                                 (shop.job.id, True)]
    assert merged.section("late").count == 2
    assert merged.section("due").items == () and merged.section("due").count == 0  # moved up, not twice
    # no schedule applied: the proposal's load stands for today's, and says so
    assert merged.section("load").items == load
    assert merged.section("load").note == "from the live proposal (not applied)"
