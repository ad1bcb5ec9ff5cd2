"""The start page (issue 16, item 1): what needs doing, gathered in one call from what is stored.

Each section is a list of ``StartItem`` rows, each naming the record it opens (a job, an invoice,
a quote, a material, a workstation) and a few words saying why it is listed. The figures come from
the services that own them: lateness as ``jobs.is_late`` says (in SQL: ten years of a shop hold
hundreds of late jobs, and a section lists the first ``SHOWN``), shortages from ``domain/shortages``
through ``stock_claims``, overdue invoices from ``invoice_views``, the reorder list from
``stock_position``, capacity from ``schedule``. The number of statements is the same for a small
shop as for ten years of one: each section is read in one or two grouped queries.

``live_forecast`` runs the scheduler on the open work (slow on a big shop: the window calls it off
the GUI thread) and adds the jobs the live proposal predicts late and today's planned load.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ..db.base import Minutes
from ..db.engine import Database
from ..db.models import Brief, Customer, Delivery, Job, Material, Operation, Quote, TimeLog, Workstation
from ..domain.errors import ValidationError
from ..domain.labels import quote_label
from ..domain.locale_text import format_date, format_number
from ..domain.money import format_money
from ..domain.shortages import MaterialSupply, projected, shortages
from ..domain.statuses import OPEN_JOB_STATUSES, JobStatus, QuoteStatus
from ..domain.wording import plural, quantity_words
from . import invoice_views, schedule, stock_claims, stock_position
from .common import session_locale

#: How many rows a section lists at most (its count says how many there are); a card scrolls.
SHOWN = 50
#: A sent quote is "expiring" when its validity ends within this many days (or has ended).
EXPIRING_DAYS = 7

JOB, INVOICE, QUOTE, MATERIAL, WORKSTATION = "job", "invoice", "quote", "material", "workstation"


@dataclass(frozen=True)
class StartItem:
    """One row of a section: the record it opens and why it is listed."""

    kind: str  # JOB, INVOICE, QUOTE, MATERIAL or WORKSTATION: what one click opens
    record_id: int
    label: str  # "J-2026-0031", "INV-2026-0004", "Q-2026-0012 rev 2", "OAK-25", "SAW"
    title: str  # "Oak dresser · Harrow & Finch", the customer or the material's name
    why: str  # "due 24 Nov 2026, 7 days ago"
    urgent: bool = False  # shown in the alarm colour
    predicted: bool = False  # late only in a schedule's prediction
    detail: str = ""  # more words, for a tooltip: why the live proposal finishes it late
    due: dt.date | None = None  # a job the live proposal predicts late: its due date (``with_forecast``)


@dataclass(frozen=True)
class StartSection:
    key: str
    title: str
    empty_text: str  # said kindly when there is nothing: "Nothing late."
    items: tuple[StartItem, ...]
    count: int  # how many there are; ``items`` lists at most ``SHOWN`` of them (all jobs late)
    note: str = ""  # where the figures come from, when that matters ("from the applied schedule")

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


@dataclass(frozen=True)
class StartPage:
    today: dt.date
    sections: tuple[StartSection, ...]
    #: whether any operation has planned time today in the applied schedule (else the live
    #: proposal's load is shown once it has been worked out)
    load_planned: bool = False
    #: how many of the late section's count are predictions (the applied schedule's, the live proposal's)
    predicted: int = 0
    #: the open jobs the applied schedule finishes after their due date (counted in the late section)
    predicted_ids: frozenset[int] = frozenset()

    def section(self, key: str) -> StartSection:
        return next(s for s in self.sections if s.key == key)


@dataclass(frozen=True)
class Forecast:
    """What the live proposal adds: jobs it predicts late and today's planned load."""

    late: tuple[StartItem, ...]
    load: tuple[StartItem, ...]


# --- words ------------------------------------------------------------------------------------


def _days_words(days: int) -> str:
    return "today" if days == 0 else ("yesterday" if days == 1 else f"{days} days ago")


def _weekday(day: dt.date, locale: str) -> str:
    from babel.dates import format_date as babel_format_date  # lazy, as domain/locale_text does

    return babel_format_date(day, "EEEE", locale=locale)


def _hours(minutes: Decimal | int, locale: str) -> str:
    """Minutes as hours with at most one decimal: 390 → "6.5 h" (the locale's decimal sign)."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    return f"{format_number(hours.normalize() if hours == hours.to_integral() else hours, locale)} h"


def _job_title(title: str, customer: str) -> str:
    return f"{title} · {customer}"


# --- jobs ---------------------------------------------------------------------------------------


def _open() -> list:
    return [st.value for st in OPEN_JOB_STATUSES]


def _first_and_count(s: Session, query, count_where) -> tuple[list, int]:
    """The first ``SHOWN`` rows of ``query``, and how many there are (counted only when there are more)."""
    rows = s.execute(query.limit(SHOWN)).all()
    count = s.scalar(select(func.count()).select_from(Job).where(*count_where)) if len(rows) == SHOWN else len(rows)
    return rows, count


def _open_jobs_query(*where):
    """The open jobs (planned up to inspection) matching ``where``, first due first, with their customer."""
    return (select(Job.id, Job.number, Job.title, Job.due_date, Job.status, Job.planned_finish,
                   Customer.name.label("customer"))
            .join(Customer, Customer.id == Job.customer_id).where(Job.status.in_(_open()), *where)
            .order_by(Job.due_date, Job.number))


def _open_jobs(s: Session, *where) -> tuple[list, int]:
    """``_open_jobs_query``'s first ``SHOWN``, and how many there are (ten years of a shop can have
    hundreds late)."""
    return _first_and_count(s, _open_jobs_query(*where), (Job.status.in_(_open()), *where))


def _late_and_due(s: Session, today: dt.date, locale: str) -> tuple[StartSection, StartSection, int, frozenset]:
    """Late: due before today and not finished (``jobs.is_late``), then the applied schedule's
    predicted late (planned to finish after the due date). Due this week: the rest due from today
    to Sunday. Each job is listed once, where it is most urgent. Also how many are predicted, and
    which (every one: ``with_forecast`` leaves them out of the live proposal's)."""
    sunday = today + dt.timedelta(days=6 - today.weekday())
    planned_late = and_(Job.planned_finish.is_not(None), Job.planned_finish > Job.due_date)
    late_rows, late_count = _open_jobs(s, Job.due_date < today)
    predicted_rows = s.execute(_open_jobs_query(Job.due_date >= today, planned_late)).all()  # few: all of them
    predicted_ids = frozenset(j.id for j in predicted_rows)
    due_rows, due_count = _open_jobs(s, Job.due_date >= today, Job.due_date <= sunday, ~planned_late)
    late, predicted, due = [], [], []
    for j in late_rows:
        late.append(StartItem(JOB, j.id, j.number, _job_title(j.title, j.customer),
                              f"due {format_date(j.due_date, locale)}, {_days_words((today - j.due_date).days)} · "
                              f"{JobStatus(j.status).label.lower()}", urgent=True))
    for j in predicted_rows[:SHOWN - len(late)]:
        predicted.append(StartItem(
            JOB, j.id, j.number, _job_title(j.title, j.customer),
            f"planned to finish {format_date(j.planned_finish, locale)}, due {format_date(j.due_date, locale)} "
            "(the applied schedule)", urgent=True, predicted=True))
    for j in due_rows:
        when = "today" if j.due_date == today else (
            "tomorrow" if j.due_date == today + dt.timedelta(days=1) else _weekday(j.due_date, locale))
        due.append(StartItem(JOB, j.id, j.number, _job_title(j.title, j.customer),
                             f"due {when}, {format_date(j.due_date, locale)} · {JobStatus(j.status).label.lower()}"))
    late_items = (*late, *predicted)
    return (StartSection("late", "Late or predicted late", "Nothing late.", late_items,
                         late_count + len(predicted_ids)),
            StartSection("due", "Due this week", "Nothing else due by Sunday.", tuple(due), due_count,
                         note=f"to Sunday {format_date(sunday, locale)}"),
            len(predicted_ids), predicted_ids)


def _waiting_for_material(s: Session, claims: dict, owed: dict) -> StartSection:
    """Open jobs whose bill of materials still has to issue more than the shelf gives them once the
    jobs due before them have their share (``domain/shortages``): what is on order for it, and what
    nobody has ordered yet. ``claims`` and ``owed``: ``stock_claims``' over every material."""
    materials = {m.id: m for m in s.execute(select(Material.id, Material.code, Material.unit, Material.stock_on_hand)
                                            .where(Material.id.in_(list(claims))))} if claims else {}
    short: dict[int, list[tuple[str, bool]]] = defaultdict(list)  # job id → (words, missing any)
    order: dict[int, tuple] = {}  # job id → (due date, number): the page lists first due first
    for material_id, material_claims in sorted(claims.items(), key=lambda item: materials[item[0]].code):
        m = materials[material_id]
        on_shelf = shortages(MaterialSupply(on_hand=m.stock_on_hand), material_claims)
        if not any(where.missing > 0 for where in on_shelf.values()):
            continue  # the shelf covers every job
        with_orders = shortages(stock_claims.supply_of(m.stock_on_hand, owed.get(material_id)), material_claims)
        for claim in material_claims:
            where = on_shelf[claim.job_id]
            if where.missing <= 0:
                continue
            missing = with_orders[claim.job_id].missing
            on_order = where.missing - missing
            parts = [f"{quantity_words(where.missing)} {m.unit} short"]
            if on_order > 0:
                parts.append(f"{quantity_words(on_order)} on order")
            if missing > 0:
                parts.append(f"{quantity_words(missing)} not ordered")
            short[claim.job_id].append((f"{m.code}: " + ", ".join(parts), missing > 0))
            order[claim.job_id] = (claim.due_date, claim.job_number)
    shown = sorted(short, key=order.__getitem__)[:SHOWN]
    jobs = {j.id: j for j in s.execute(select(Job.id, Job.number, Job.title, Customer.name.label("customer"))
                                       .join(Customer, Customer.id == Job.customer_id)
                                       .where(Job.id.in_(shown)))} if shown else {}
    items = tuple(StartItem(JOB, job_id, jobs[job_id].number, _job_title(jobs[job_id].title, jobs[job_id].customer),
                            "; ".join(words for words, _ in short[job_id]),
                            urgent=any(missing for _, missing in short[job_id]))
                  for job_id in shown)
    return StartSection("material", "Waiting for material", "No job is waiting for material.", items, len(short))


def _finished_jobs(s: Session, status: JobStatus) -> tuple[list, int]:
    rows = s.execute(select(Job.id, Job.number, Job.title, Job.completed_at, Customer.name.label("customer"))
                     .join(Customer, Customer.id == Job.customer_id).where(Job.status == status.value)
                     .order_by(Job.completed_at, Job.id).limit(SHOWN)).all()
    count = s.scalar(select(func.count()).select_from(Job).where(Job.status == status.value)) if len(rows) == SHOWN \
        else len(rows)
    return rows, count


def _not_delivered(s: Session, today: dt.date, locale: str) -> StartSection:
    rows, count = _finished_jobs(s, JobStatus.COMPLETE)
    items = []
    for j in rows:
        done = j.completed_at.astimezone().date() if j.completed_at else None
        why = f"complete since {format_date(done, locale)}, {_days_words((today - done).days)}" if done else "complete"
        items.append(StartItem(JOB, j.id, j.number, _job_title(j.title, j.customer), why))
    return StartSection("undelivered", "Complete, not delivered", "Everything finished has been delivered.",
                        tuple(items), count)


def _not_invoiced(s: Session, today: dt.date, locale: str) -> StartSection:
    rows, count = _finished_jobs(s, JobStatus.DELIVERED)
    delivered = dict(s.execute(select(Delivery.job_id, func.max(Delivery.delivered_on))
                               .where(Delivery.job_id.in_([j.id for j in rows])).group_by(Delivery.job_id)).all()
                     ) if rows else {}
    items = []
    for j in rows:
        day = delivered.get(j.id)
        why = f"delivered {format_date(day, locale)}, {_days_words((today - day).days)}" if day else "delivered"
        items.append(StartItem(JOB, j.id, j.number, _job_title(j.title, j.customer), why + "; no final invoice"))
    return StartSection("uninvoiced", "Delivered, not invoiced", "Everything delivered has been invoiced.",
                        tuple(items), count)


# --- money and quotes ---------------------------------------------------------------------------


def _overdue_invoices(db: Database, today: dt.date, locale: str) -> StartSection:
    """Unsettled invoices past their due date, the longest overdue first (``invoice_views``)."""
    rows = invoice_views.list_invoices(db, status="overdue", today=today, limit=None)
    rows = sorted(rows, key=lambda r: (r.due_date, r.id))
    items = tuple(StartItem(INVOICE, r.id, r.number or "draft",
                            r.customer_name + (f" · {r.job_number}" if r.job_number else ""),
                            f"{plural(r.days_overdue(today), 'day')} overdue · "
                            f"{format_money(r.balance, r.currency, locale)} owed", urgent=True)
                  for r in rows[:SHOWN])
    return StartSection("overdue", "Invoices overdue", "No invoice is overdue.", items, len(rows))


def _expiring_quotes(s: Session, today: dt.date, locale: str) -> StartSection:
    """Sent quotes whose validity ends within ``EXPIRING_DAYS`` days, or has ended while they are
    still marked sent."""
    where = (Quote.status == QuoteStatus.SENT.value, Quote.valid_until <= today + dt.timedelta(days=EXPIRING_DAYS))
    rows = s.execute(select(Quote.id, Quote.number, Quote.revision, Quote.title, Quote.valid_until,
                            Customer.name.label("customer"))
                     .join(Brief, Brief.id == Quote.brief_id).join(Customer, Customer.id == Brief.customer_id)
                     .where(*where).order_by(Quote.valid_until, Quote.id).limit(SHOWN)).all()
    count = s.scalar(select(func.count()).select_from(Quote).where(*where)) if len(rows) == SHOWN else len(rows)
    items = []
    for q in rows:
        days = (q.valid_until - today).days
        until = format_date(q.valid_until, locale)
        if days < 0:
            why = f"expired {until}, {_days_words(-days)}, still marked sent"
        else:
            why = f"valid until {until}: " + ("expires today" if days == 0 else f"{plural(days, 'day')} left")
        items.append(StartItem(QUOTE, q.id, quote_label(q.number, q.revision), _job_title(q.title, q.customer), why,
                               urgent=days < 0))
    return StartSection("quotes", "Quotes sent and expiring", "No sent quote expires this week.", tuple(items),
                        count)


def _reorder(s: Session, claims: dict, owed: dict) -> StartSection:
    """The reorder list (``stock_position``): how many, and the first few by code."""
    lines = stock_position.reorder_list_in_session(s, claims=claims, owed=owed)
    items = tuple(StartItem(MATERIAL, r.material_id, r.code, r.name,
                            f"order {quantity_words(r.suggested)} {r.unit}"
                            + (f" from {r.supplier_name}" if r.supplier_name else "")
                            + f" · projected {quantity_words(projected(r.on_hand, r.on_order, r.allocated))}, "
                              f"level {quantity_words(r.reorder_level)}")
                  for r in lines[:SHOWN])
    return StartSection("reorder", "Stock to reorder", "Nothing to reorder.", items, len(lines))


# --- today's load -------------------------------------------------------------------------------


def _stations_today(s: Session, today: dt.date):
    """The shop's workstations in use (not the outside one), each with today's capacity in minutes
    (0 when the shop or the workstation is off today) and its minutes per machine."""
    calendar = schedule.shop_calendar_in_session(s)
    stations, infos = schedule.workstation_inputs_in_session(s)
    inactive = set(s.scalars(select(Workstation.id).where(Workstation.active.is_(False))))
    result = []
    for ws in stations:
        if infos[ws.id].outside:
            continue
        open_today = calendar.is_working_day(today) and today not in ws.days_off
        result.append((ws, infos[ws.id], ws.minutes_per_machine * ws.parallel if open_today else 0,
                       ws.id in inactive))
    return calendar, result


def applied_minutes_on(day: dt.date, day_start: dt.time, minutes_per_machine: int,
                       start: dt.datetime, end: dt.datetime) -> int:
    """Minutes an applied operation (``start``–``end``, shop-local) takes on ``day``: a machine's
    day is filled from the shop's opening for its capacity (``domain/scheduling``), so it is the
    overlap of the operation with that window."""
    opens = dt.datetime.combine(day, day_start)
    closes = opens + dt.timedelta(minutes=minutes_per_machine)
    overlap = (min(end, closes) - max(start, opens)).total_seconds() // 60
    return max(int(overlap), 0)


def _load_item(ws, info, capacity: int, planned: int, booked: Decimal, locale: str, source: str) -> StartItem:
    if capacity == 0:
        why = "off today" + (f" · {_hours(planned, locale)} planned" if planned else "")
    else:
        pct = round(planned * 100 / capacity)
        why = f"{_hours(planned, locale)} planned of {_hours(capacity, locale)} ({pct}%){source}"
    if booked:
        why += f" · {_hours(booked, locale)} booked"
    return StartItem(WORKSTATION, ws.id, ws.code, info.name, why, urgent=planned > capacity)


def _today_load(s: Session, today: dt.date, locale: str) -> tuple[StartSection, bool]:
    """Per workstation: the minutes the applied schedule plans on it today for the open jobs
    against its capacity, and the time booked to it today."""
    calendar, stations = _stations_today(s, today)
    start, end = dt.datetime.combine(today, dt.time()), dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    per_machine = {ws.id: ws.minutes_per_machine for ws, *_ in stations}
    planned: dict[int, int] = defaultdict(int)
    for ws_id, op_start, op_end in s.execute(
            select(Operation.workstation_id, Operation.planned_start, Operation.planned_end)
            .join(Job, Job.id == Operation.job_id)
            .where(Job.status.in_(_open()), Operation.planned_start < end, Operation.planned_end > start)):
        if ws_id in per_machine:
            planned[ws_id] += applied_minutes_on(today, calendar.day_start, per_machine[ws_id], op_start, op_end)
    local_midnight = dt.datetime.combine(today, dt.time()).astimezone()
    next_midnight = local_midnight + dt.timedelta(days=1)
    # job_costing.worked_minutes summed in SQL: a person's time or an unattended machine's, the longer
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    # work done today: by its start, or (a booking of minutes only) by when it was booked
    booked: dict[int, Decimal] = defaultdict(Decimal, s.execute(
        select(TimeLog.workstation_id, type_coerce(func.sum(worked), Minutes())).where(or_(
            and_(TimeLog.started_at >= local_midnight, TimeLog.started_at < next_midnight),
            and_(TimeLog.started_at.is_(None), TimeLog.booked_at >= local_midnight,
                 TimeLog.booked_at < next_midnight))).group_by(TimeLog.workstation_id)).all())
    items = tuple(_load_item(ws, info, capacity, planned[ws.id], booked[ws.id], locale, "")
                  for ws, info, capacity, inactive in stations
                  if not inactive or planned[ws.id] or booked[ws.id])
    any_planned = any(planned.values())
    return StartSection("load", "Today's load", "No workstations yet: add them in Shop ▸ Workstations.", items,
                        len(items), note="from the applied schedule" if any_planned else "no schedule applied"), \
        any_planned


# --- the page -----------------------------------------------------------------------------------


def start_page(db: Database, today: dt.date | None = None, *, locale: str | None = None) -> StartPage:
    """Everything the start page lists, from stored data (no scheduling: see ``live_forecast``).
    ``locale``: the shop's, when the caller holds it already (the window read it as it opened)."""
    today = today or db.today()
    with db.reader() as s:
        locale = locale or session_locale(s)
        late, due, predicted, predicted_ids = _late_and_due(s, today, locale)
        claims, owed = stock_claims.open_job_claims(s), stock_claims.on_order(s)  # for both stock sections
        material = _waiting_for_material(s, claims, owed)
        reorder = _reorder(s, claims, owed)
        undelivered = _not_delivered(s, today, locale)
        uninvoiced = _not_invoiced(s, today, locale)
        quotes = _expiring_quotes(s, today, locale)
        try:
            load, load_planned = _today_load(s, today, locale)
        except ValidationError as exc:  # a calendar edited by hand: the rest of the page still opens
            load, load_planned = StartSection("load", "Today's load", f"Cannot be worked out: {exc.message}", (),
                                              0), False
    overdue = _overdue_invoices(db, today, locale)
    return StartPage(today, (late, due, material, undelivered, uninvoiced, overdue, quotes, reorder, load),
                     load_planned, predicted, predicted_ids)


def open_and_late(db: Database, today: dt.date | None = None) -> tuple[int, int]:
    """(jobs in the shop, late jobs) in one query: the open jobs (planned up to inspection, as the job
    list's "In the shop" lists them) and those of them due before today (``jobs.is_late``): the
    window's status bar."""
    today = today or db.today()
    with db.reader() as s:
        total, late = s.execute(select(func.count(), func.sum(case((Job.due_date < today, 1), else_=0)))
                                .where(Job.status.in_(_open()))).one()
    return total, late or 0


def live_forecast(db: Database, now: dt.datetime | None = None) -> Forecast:
    """Schedule the open work now (``schedule.propose``, nothing saved): the jobs the proposal
    finishes after their due date, and each workstation's planned load today."""
    view = schedule.propose(db, now=now)
    today = view.start
    with db.reader() as s:
        locale = session_locale(s)
        _calendar, stations = _stations_today(s, today)
    from . import lateness  # the what-ifs behind "why late" run only here, off the GUI thread

    late = []
    for job_plan in view.plan.jobs:
        info = view.jobs.get(job_plan.job_id)
        if not job_plan.late or info is None or job_plan.finish is None or job_plan.due is None:
            continue
        days = (job_plan.finish - job_plan.due).days
        late.append(StartItem(JOB, info.id, info.number, _job_title(info.title, info.customer),
                              f"predicted to finish {format_date(job_plan.finish, locale)}, "
                              f"{plural(days, 'day')} after its due date {format_date(job_plan.due, locale)} "
                              "(live proposal)", urgent=True, predicted=True,
                              detail=_why_late(lateness, view, info.id, locale), due=job_plan.due))
    load = tuple(_load_item(ws, info, capacity, view.plan.load_on(ws.id, today), Decimal(0), locale,
                            " · proposed")
                 for ws, info, capacity, inactive in stations if not inactive or view.plan.load_on(ws.id, today))
    return Forecast(tuple(sorted(late, key=lambda item: item.label)), load)


def _why_late(lateness, view, job_id: int, locale: str) -> str:
    # the reason without its what-if remedies: those take about a second a job on a big shop
    reason = lateness.why_late(view, job_id, locale=locale, remedies=False)
    return reason.text if reason is not None else ""


def with_forecast(page: StartPage, forecast: Forecast) -> StartPage:
    """The page with the live proposal's predictions: the jobs it finishes after their due date
    join the late ones (each job once: not those late already or predicted by the applied schedule,
    and out of "due this week"), and its load stands for today's when no schedule was applied."""
    sunday = page.today + dt.timedelta(days=6 - page.today.weekday())
    listed = {item.record_id for item in page.section("late").items}
    due_listed = {item.record_id for item in page.section("due").items}
    added = tuple(item for item in forecast.late
                  if item.record_id not in listed and item.record_id not in page.predicted_ids
                  and not (item.due is not None and item.due < page.today))  # late already: counted
    moved = {item.record_id for item in added}
    from_due = sum(1 for item in added
                   if item.record_id in due_listed or (item.due is not None and page.today <= item.due <= sunday))
    sections = []
    for section in page.sections:
        if section.key == "late" and added:
            section = replace(section, items=(*section.items, *added)[:max(SHOWN, len(section.items))],
                              count=section.count + len(added))
        elif section.key == "due" and moved:
            kept = tuple(item for item in section.items if item.record_id not in moved)
            section = replace(section, items=kept, count=section.count - from_due)
        elif section.key == "load" and not page.load_planned and forecast.load:
            section = replace(section, items=forecast.load, count=len(forecast.load),
                              note="from the live proposal (not applied)")
        sections.append(section)
    return replace(page, sections=tuple(sections), predicted=page.predicted + len(added))


__all__ = ["Forecast", "StartItem", "StartPage", "StartSection", "applied_minutes_on", "live_forecast",
           "open_and_late", "start_page", "with_forecast", "JOB", "INVOICE", "QUOTE", "MATERIAL", "WORKSTATION",
           "SHOWN", "EXPIRING_DAYS"]
