"""The coming load and the schedule: from the proposal (``services.schedule.propose``, which only
reads), each workstation's planned hours against its capacity week by week for the coming 12
weeks, the bottleneck (``services.lateness``), and each scheduled job's predicted finish.

Not a range report: it looks forward from now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database
from ..domain.scheduling import weekly_load
from ..services import lateness
from ..services.schedule import ScheduleView, propose
from .kinds import LOAD, SCHEDULE
from .output import ChartData, Column, ReportOutput, Table, cell_text, week_label
from .periods import percent

KEY, TITLE = LOAD.key, LOAD.title
SCHEDULE_KEY, SCHEDULE_TITLE = SCHEDULE.key, SCHEDULE.title
WEEKS = 12


@dataclass(frozen=True)
class StationWeek:
    code: str
    week: dt.date  # Monday
    load_hours: Decimal
    capacity_hours: Decimal
    percent: Decimal | None

    @property
    def over_hours(self) -> Decimal:
        return max(self.load_hours - self.capacity_hours, Decimal("0.00"))


@dataclass(frozen=True)
class LoadReport:
    first_week: dt.date
    stations: tuple[tuple[str, str], ...]  # (code, name), in the schedule's order
    weeks: tuple[StationWeek, ...]  # by workstation, then week
    bottleneck: str  # in plain words; "" when nothing waits (or not worked out)


@dataclass(frozen=True)
class ScheduledJob:
    number: str
    title: str
    due: dt.date | None
    finish: dt.date | None
    late: bool
    why: str  # the plain-words reason when late


@dataclass(frozen=True)
class ScheduleReport:
    start: dt.date
    jobs: tuple[ScheduledJob, ...]


def _hours(minutes: int) -> Decimal:
    """Whole minutes as hours to 0.01, half up (``money_of`` of minutes ÷ 60), in integer arithmetic."""
    hundredths, rest = divmod(abs(minutes) * 100, 60)
    hundredths += 2 * rest >= 60
    return Decimal(hundredths if minutes >= 0 else -hundredths).scaleb(-2)


def load_of(view: ScheduleView, *, locale: str = "en_GB") -> LoadReport:
    stations = view.shop_stations
    rows = tuple(StationWeek(view.workstations[w.workstation_id].code, w.week_start, _hours(w.used_minutes),
                             _hours(w.capacity_minutes), percent(w.used_minutes, w.capacity_minutes))
                 for w in weekly_load(view.plan, view.calendar, stations, view.start, WEEKS))
    found = lateness.bottleneck(view, locale=locale)
    monday = view.start - dt.timedelta(days=view.start.weekday())
    return LoadReport(monday, tuple((ws.code, view.workstations[ws.id].name) for ws in stations), rows,
                      found.text if found else "")


def load(db: Database, *, locale: str = "en_GB", now: dt.datetime | None = None) -> LoadReport:
    return load_of(propose(db, now=now), locale=locale)


def schedule_of(view: ScheduleView, *, locale: str = "en_GB") -> ScheduleReport:
    # each reason without its what-if remedies (a second a job on a big shop); the Schedule tab gives them
    reasons = {r.job_id: r.text for r in lateness.late_reasons(view, locale=locale, remedies=False)}
    jobs = sorted(view.plan.jobs, key=lambda j: (j.finish or dt.date.max, j.number))
    return ScheduleReport(view.start, tuple(
        ScheduledJob(j.number, view.jobs[j.job_id].title if j.job_id in view.jobs else "", j.due, j.finish, j.late,
                     reasons.get(j.job_id, "")) for j in jobs))


def schedule(db: Database, *, locale: str = "en_GB", now: dt.datetime | None = None) -> ScheduleReport:
    return schedule_of(propose(db, now=now), locale=locale)


_WEEK_COLS = (Column("Workstation"), Column("Week", "week"), Column("Load h", "hours"), Column("Capacity h", "hours"),
              Column("Load %", "percent"), Column("Over h", "hours"))


def output(report: LoadReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    totals = []
    for code, name in report.stations:
        mine = [w for w in report.weeks if w.code == code]
        used = sum((w.load_hours for w in mine), Decimal(0))
        capacity = sum((w.capacity_hours for w in mine), Decimal(0))
        over = [w for w in mine if w.over_hours]
        totals.append((code, name, used, capacity, percent(used, capacity), len(over)))
    over_weeks = sum(t[5] for t in totals)
    summary = [report.bottleneck or "Nothing waits for a workstation in the proposal.",
               f"{over_weeks} workstation-weeks over capacity in the coming {WEEKS} weeks." if over_weeks
               else f"Every workstation fits its capacity in the coming {WEEKS} weeks."]
    week_names = tuple(week_label(w)[5:] for w in sorted({w.week for w in report.weeks}))
    charts = [ChartData("bar", f"Load of the coming {WEEKS} weeks, by workstation", tuple(t[0] for t in totals),
                        (("Load", tuple(t[2] for t in totals)),), value_label="hours",
                        limit=tuple(t[3] for t in totals))]
    for code, name in report.stations:
        mine = [w for w in report.weeks if w.code == code]
        charts.append(ChartData("bar", f"{code} {name}: load against capacity", week_names,
                                (("Load", tuple(w.load_hours for w in mine)),), value_label="hours per week",
                                limit=tuple(w.capacity_hours for w in mine), compact=True))
    station_cols = (Column("Workstation"), Column("Name"), Column("Load h", "hours"), Column("Capacity h", "hours"),
                    Column("Load %", "percent"), Column("Weeks over", "count"))
    tables = (Table(f"The coming {WEEKS} weeks, by workstation", station_cols, tuple(totals)),
              Table("By week", _WEEK_COLS, tuple((w.code, w.week, w.load_hours, w.capacity_hours, w.percent,
                                                 w.over_hours) for w in report.weeks), name="weeks"))
    return ReportOutput(KEY, TITLE, None, None, tuple(summary), tables, tuple(charts), currency, locale,
                        notes=(f"From the proposed schedule of released and in-progress work, from the week of "
                               f"{cell_text(report.first_week, 'date', locale=locale)}: nothing is applied.",))


def schedule_output(report: ScheduleReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    late = [j for j in report.jobs if j.late]
    summary = (f"{len(report.jobs)} jobs scheduled, {len(late)} predicted late." if report.jobs
               else "No released or in-progress work to schedule.",)
    cols = (Column("Job"), Column("Title"), Column("Due", "date"), Column("Predicted finish", "date"),
            Column("Late"), Column("Why"))
    rows = tuple((j.number, j.title, j.due, j.finish, "late" if j.late else "", j.why) for j in report.jobs)
    return ReportOutput(SCHEDULE_KEY, SCHEDULE_TITLE, None, None, summary, (Table("Jobs", cols, rows),), (),
                        currency, locale,
                        notes=(f"The proposal made on {cell_text(report.start, 'date', locale=locale)}: nothing is "
                               "applied until the owner applies it in the Schedule tab.",))


__all__ = ["KEY", "TITLE", "SCHEDULE_KEY", "SCHEDULE_TITLE", "WEEKS", "StationWeek", "LoadReport", "ScheduledJob",
           "ScheduleReport", "load", "load_of", "schedule", "schedule_of", "output", "schedule_output"]
