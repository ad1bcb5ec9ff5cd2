"""Workstation utilisation: the hours booked at each workstation against the hours it could have
worked, week by week (Monday to Sunday) over a past range.

Booked hours: each booking's time (a person's or an unattended machine's, whichever is longer) on
the day it started (shop-local; a booking without a start: the day it was booked). Capacity: the
workstation's hours a day × its machines side by side × the days in the range it was open (a
working day of the shop, not a holiday, not one of its days off). Outside work has no capacity and
is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import TimeLog
from ..domain.costing import money_of
from ..services.schedule import shop_calendar_in_session, workstation_inputs_in_session
from .output import ChartData, Column, ReportOutput, Table, cell_text, week_label
from .periods import checked_range, local_day, monday_of, percent, weeks

KEY, TITLE = "utilisation", "Workstation utilisation"


@dataclass(frozen=True)
class WeekUse:
    workstation: str  # code
    week: dt.date  # its Monday
    booked_hours: Decimal
    capacity_hours: Decimal
    percent: Decimal | None


@dataclass(frozen=True)
class StationUse:
    code: str
    name: str
    booked_hours: Decimal
    capacity_hours: Decimal
    percent: Decimal | None


@dataclass(frozen=True)
class UtilisationReport:
    start: dt.date
    end: dt.date
    stations: tuple[StationUse, ...]
    weeks: tuple[WeekUse, ...]  # by workstation, then week
    shop_weeks: tuple[WeekUse, ...]  # every workstation together ("All"), per week


def _hours(minutes) -> Decimal:
    return Decimal(money_of(Fraction(minutes) / 60))


def utilisation(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> UtilisationReport:
    start, end = checked_range(start, end, db.today())
    # a day's margin either side: a booking's local day may differ from its UTC one
    lo = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), dt.UTC)
    with db.reader() as s:
        calendar = shop_calendar_in_session(s)
        stations, infos = workstation_inputs_in_session(s)
        logs = s.execute(select(TimeLog.workstation_id, TimeLog.started_at, TimeLog.booked_at,
                                TimeLog.labour_minutes, TimeLog.machine_minutes)
                         .where(((TimeLog.started_at >= lo) & (TimeLog.started_at < hi))
                                | (TimeLog.started_at.is_(None) & (TimeLog.booked_at >= lo) & (TimeLog.booked_at < hi)))
                         ).all()
    booked: dict[tuple[int, dt.date], Decimal] = {}
    for ws_id, started, booked_at, labour, machine in logs:
        day = local_day(started or booked_at)
        if start <= day <= end:
            key = (ws_id, monday_of(day))
            booked[key] = booked.get(key, Decimal(0)) + max(labour, machine)
    mondays = weeks(start, end)
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    rows, totals = [], []
    for ws in stations:
        if infos[ws.id].outside:
            continue
        per_day = ws.minutes_per_machine * ws.parallel
        open_days: dict[dt.date, int] = {}
        for day in days:
            if calendar.is_working_day(day) and day not in ws.days_off:
                open_days[monday_of(day)] = open_days.get(monday_of(day), 0) + 1
        station_rows = [WeekUse(ws.code, m, _hours(booked.get((ws.id, m), 0)), _hours(per_day * open_days.get(m, 0)),
                                percent(booked.get((ws.id, m), 0), per_day * open_days.get(m, 0))) for m in mondays]
        used = sum((booked.get((ws.id, m), Decimal(0)) for m in mondays), Decimal(0))
        capacity = per_day * sum(open_days.values())
        rows += station_rows
        totals.append(StationUse(ws.code, infos[ws.id].name, _hours(used), _hours(capacity), percent(used, capacity)))
    shop = []
    for m in mondays:
        here = [r for r in rows if r.week == m]
        b, c = sum((r.booked_hours for r in here), Decimal(0)), sum((r.capacity_hours for r in here), Decimal(0))
        shop.append(WeekUse("All", m, b, c, percent(b, c)))
    return UtilisationReport(start, end, tuple(totals), tuple(rows), tuple(shop))


def output(report: UtilisationReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    booked = sum((s.booked_hours for s in report.stations), Decimal(0))
    capacity = sum((s.capacity_hours for s in report.stations), Decimal(0))
    busiest = max((s for s in report.stations if s.percent is not None), key=lambda s: s.percent, default=None)
    summary = [f"{cell_text(booked, 'hours', locale=locale)} h booked of {cell_text(capacity, 'hours', locale=locale)}"
               f" h the workstations could work: {cell_text(percent(booked, capacity), 'percent', locale=locale)}."]
    if busiest is not None and busiest.booked_hours:
        summary.append(f"The busiest: {busiest.code} {busiest.name}, "
                       f"{cell_text(busiest.percent, 'percent', locale=locale)} of its hours.")
    station_cols = (Column("Workstation"), Column("Name"), Column("Booked h", "hours"), Column("Capacity h", "hours"),
                    Column("Utilisation %", "percent"))
    week_cols = (Column("Workstation"), Column("Week", "week"), Column("Booked h", "hours"),
                 Column("Capacity h", "hours"), Column("Utilisation %", "percent"))
    charts = (ChartData("bar", "Booked hours against capacity, by workstation",
                        tuple(s.code for s in report.stations),
                        (("Booked", tuple(s.booked_hours for s in report.stations)),),
                        value_label="hours", limit=tuple(s.capacity_hours for s in report.stations)),
              ChartData("line", "Utilisation of all workstations, week by week",
                        tuple(week_label(w.week)[5:] for w in report.shop_weeks),
                        (("All workstations", tuple(w.percent for w in report.shop_weeks)),),
                        value_label="% of capacity", percent=True))
    tables = (Table("By workstation", station_cols, tuple((s.code, s.name, s.booked_hours, s.capacity_hours, s.percent)
                                                          for s in report.stations)),
              Table("By week", week_cols, tuple((w.workstation, w.week, w.booked_hours, w.capacity_hours, w.percent)
                                                for w in (*report.weeks, *report.shop_weeks)), name="weeks"))
    return ReportOutput(KEY, TITLE, report.start, report.end, tuple(summary), tables, charts, currency, locale,
                        notes=("Booked: a person's or an unattended machine's time, whichever is longer, on the day "
                               "it started. Capacity: hours a day × machines × the days it was open.",))


__all__ = ["KEY", "TITLE", "WeekUse", "StationUse", "UtilisationReport", "utilisation", "output"]
