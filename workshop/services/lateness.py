"""Why a job is late, in plain words, and the shop's bottleneck (issue 16, items 5 and 6).

Works on a proposal (``services.schedule.ScheduleView``); reads nothing else. The arithmetic lives in
``workshop.domain.lateness``.

Each function takes the shop's ``locale`` for the figures and dates in its words (default en_GB).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain import lateness
from ..domain.locale_text import DEFAULT_LOCALE
from ..domain.wording import plural
from .schedule import ScheduleView


@dataclass(frozen=True)
class Bottleneck:
    """The workstation whose queue most delays jobs."""

    workstation_id: int
    code: str
    name: str
    wait_minutes: int  # working minutes operations there waited behind others, summed
    jobs_delayed: int  # jobs with an operation that waited there
    text: str  # e.g. "The spray booth (SPRAY) holds up 6 jobs: 31 h of waiting in its queue."


@dataclass(frozen=True)
class Remedy:
    kind: str  # "overtime" | "move" | "promise"
    text: str  # "3 h of overtime on the spray booth in week 51"


@dataclass(frozen=True)
class LateReason:
    job_id: int
    number: str
    due: dt.date
    finish: dt.date
    working_days_late: int
    operation_id: int  # the operation that holds it
    operation_name: str
    workstation_id: int
    workstation_code: str
    week_start: dt.date  # the Monday of the week that workstation is over capacity
    over_minutes: int  # minutes over capacity that week (0 if it is not over: then it waits for others)
    text: str  # the plain-words explanation, one or two sentences
    remedies: tuple[Remedy, ...]
    wait_minutes: int = 0  # working minutes the operation waited at its workstation


def _case(view: ScheduleView) -> lateness.WhatIf:
    return lateness.WhatIf(view.calendar, view.stations, view.inputs, view.start, view.start_minute)


def _station_words(view: ScheduleView, workstation_id: int) -> str:
    info = view.workstations[workstation_id]
    return f"{info.name} ({info.code})"


def bottleneck(view: ScheduleView, *, locale: str = DEFAULT_LOCALE) -> Bottleneck | None:
    """None when nothing waits anywhere."""
    found = lateness.find_bottleneck(view.plan, view.calendar, view.shop_stations)
    if found is None:
        return None
    info = view.workstations[found.workstation_id]
    text = (f"{info.name} ({info.code}) holds up {plural(found.jobs_delayed, 'job')}: "
            f"{lateness.hours_words(found.wait_minutes, locale)} of waiting in its queue.")
    return Bottleneck(info.id, info.code, info.name, found.wait_minutes, found.jobs_delayed, text)


def why_late(view: ScheduleView, job_id: int, *, locale: str = DEFAULT_LOCALE, remedies: bool = True,
             _memo: dict | None = None) -> LateReason | None:
    """None when the job is not late in the proposal (or nothing of it is left to do). The remedies
    are what-if runs of the scheduler, in memory: nothing is saved. On a big, overloaded shop (500
    jobs) they take about a second a job: run this off the GUI thread; ``remedies=False`` gives the
    reason with only the later promise, at once."""
    if job_id not in view.jobs:
        return None
    memo = {} if _memo is None else _memo
    case = memo.setdefault("case", _case(view))  # one per proposal: it keeps what its what-ifs reuse
    late = lateness.explain(case, view.plan, job_id, view.shop_stations, what_ifs=remedies, memo=memo)
    return None if late is None else _reason(view, late, locale)


def _reason(view: ScheduleView, late: lateness.Lateness, locale: str) -> LateReason:
    op = view.operations[late.operation_id]
    operation = f"operation {op.op_number:03} {op.name}"
    station = _station_words(view, late.workstation_id)
    remedies = []
    if late.overtime is not None:
        remedies.append(Remedy("overtime", lateness.overtime_words(late.overtime, station, view.start, locale)))
    if late.move is not None:
        remedies.append(Remedy("move", lateness.move_words(late.move, late.number, locale)))
    remedies.append(Remedy("promise", lateness.promise_words(late, locale, today=view.start)))
    text = lateness.reason_words(late, operation=operation, station=station, today=view.start, locale=locale)
    return LateReason(late.job_id, late.number, late.due, late.finish, late.working_days_late, op.id, op.name,
                      late.workstation_id, view.workstations[late.workstation_id].code, late.week_start,
                      late.over_minutes, text, tuple(remedies), wait_minutes=late.wait_minutes)


def late_reasons(view: ScheduleView, *, locale: str = DEFAULT_LOCALE, remedies: bool = True) -> list[LateReason]:
    """Every late job of the proposal, the latest first (then by number). ``remedies=False`` for a
    quick list (each reason then offers only the later promise; ``why_late`` gives the rest)."""
    memo: dict = {}
    reasons = [reason for reason in (why_late(view, job.job_id, locale=locale, remedies=remedies, _memo=memo)
                                     for job in view.plan.jobs if job.late and job.job_id in view.jobs)
               if reason is not None]
    return sorted(reasons, key=lambda reason: (-reason.working_days_late, reason.number))
