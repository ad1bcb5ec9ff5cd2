"""Workstation utilisation: the hours booked at each workstation against the hours it could have
worked, week by week (Monday to Sunday) over a past range.

Booked hours: each booking's time (a person's or an unattended machine's, whichever is longer) on
the day it started (shop-local; a booking without a start: the day it was booked). Capacity: the
workstation's hours a day × its machines side by side × the days in the range it was open (a
working day of the shop, not a holiday, not one of its days off). Outside work has no capacity and
is left out.

The database sums the bookings per workstation and week (a few hundred rows over a year, none per
booking): each week's edges are the shop-local midnights that start it, as UTC moments, and a
booking falls in the week whose edges hold the moment it started, as ``local_day`` would place it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Integer, case, func, literal, select, type_coerce

from ..db.engine import Database
from ..db.models import TimeLog
from ..domain.costing import money_of
from ..services.schedule import shop_calendar_in_session, workstation_inputs_in_session
from .kinds import UTILISATION
from .output import ChartData, Column, ReportOutput, Table, cell_text, week_label
from .periods import checked_range, local_midnight, monday_of, percent, weeks

KEY, TITLE = UTILISATION.key, UTILISATION.title


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


def _booked(s, start: dt.date, mondays: list[dt.date], end: dt.date) -> dict[tuple[int, dt.date], Decimal]:
    """Minutes booked per (workstation, Monday) of the range, summed by the database: week ``i`` holds
    the moments from its first local midnight in the range up to the next week's (the last up to the
    midnight after ``end``)."""
    edges = [local_midnight(day) for day in (start, *mondays[1:], end + dt.timedelta(days=1))]
    moment = func.coalesce(TimeLog.started_at, TimeLog.booked_at)
    week = _week_of(moment, edges, 0, len(edges) - 1)
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    first, last = edges[0], edges[-1]
    logs = (select(TimeLog.workstation_id.label("ws"), week.label("week"), type_coerce(worked, Integer).label("worked"))
            .where(((TimeLog.started_at >= first) & (TimeLog.started_at < last))
                   | (TimeLog.started_at.is_(None) & (TimeLog.booked_at >= first) & (TimeLog.booked_at < last)))
            .subquery())  # grouped outside: PostgreSQL matches a grouped expression by its text, binds included
    rows = s.execute(select(logs.c.ws, logs.c.week, func.sum(logs.c.worked)).group_by(logs.c.ws, logs.c.week))
    return {(ws_id, mondays[i]): Decimal(int(minutes or 0)).scaleb(-2) for ws_id, i, minutes in rows}


def _week_of(moment, edges: list[dt.datetime], lo: int, hi: int):
    """The index of the week among ``lo``..``hi - 1`` whose edges hold ``moment``: a CASE that halves
    the weeks at each step (six comparisons a booking over a year, not one per week)."""
    if hi - lo == 1:
        return literal(lo)
    mid = (lo + hi) // 2
    return case((moment < edges[mid], _week_of(moment, edges, lo, mid)), else_=_week_of(moment, edges, mid, hi))


def utilisation(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> UtilisationReport:
    start, end = checked_range(start, end, db.today())
    mondays = weeks(start, end)
    with db.reader() as s:
        calendar = shop_calendar_in_session(s)
        stations, infos = workstation_inputs_in_session(s)
        booked = _booked(s, start, mondays, end)
    # the shop's working days in the range, each with its Monday (worked out once, not per workstation)
    working = [(day, monday_of(day)) for day in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
               if calendar.is_working_day(day)]
    rows, totals = [], []
    for ws in stations:
        if infos[ws.id].outside:
            continue
        per_day = ws.minutes_per_machine * ws.parallel
        open_days: dict[dt.date, int] = {}
        for day, monday in working:
            if day not in ws.days_off:
                open_days[monday] = open_days.get(monday, 0) + 1
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
