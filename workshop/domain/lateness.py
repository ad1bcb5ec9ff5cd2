"""Why a job is late and which workstation holds the shop up: arithmetic on a plan (issue 16, items 5-6).

Plain data in (a ``Plan`` and the scheduler's inputs), figures and words out; nothing here reads the
database. The rules, chosen to be checked by hand:

- **Wait.** An operation waits from its ``ready`` moment (its previous step done) to its ``start``.
  The wait is counted in the *working minutes of its workstation*: on each day the station is open,
  the minutes of one machine's capacity (from the shop's start time) that lie between the two
  moments. Nights, weekends, holidays and the station's days off are not waiting. Outside work and
  started work never wait in a queue.
- **Bottleneck.** The shop workstation with the largest total wait; ties go to the one that delays
  more jobs, then to the lower code. None when nothing waits anywhere.
- **What holds a late job.** Of its operations, the one that waits longest; when none waits, the
  one that runs longest (outside work: its days away × the working day).
- **Over capacity.** The scheduler never loads a station past its capacity, so "over" is measured
  as a planner's infinite load: each operation at the station is laid out from its ready moment at
  one machine's daily capacity, as if the station were free. A week is over by what that load asks
  of it beyond the week's capacity (``WeekLoad.capacity_minutes``). The week named is the one most
  over, up to the job's finish (the earliest of equals); when no week is over, the week its
  operation starts in, and the job simply waits for the work ahead of it.
- **Remedies**, each checked by re-running the scheduler on the same inputs (a what-if, not saved):
  - *overtime*: the fewest extra minutes per machine per day, on the station's open days of that
    week from the schedule's start to the due date, with which the job finishes by its due date;
    tried in the week named, then in the due date's week (overtime after the due date is no help).
    Said as the total (per day × days × machines). None when even a 24-hour day is not enough or no
    such day is left.
  - *move*: a job whose operation held the station while this one waited (not started, not pinned),
    nearest first, given a priority below this one's (this one raised to normal if it is low) so it
    goes after: the first with which this job finishes on time, preferring one that itself stays on
    time. The words say when the moved job would then be late. Not tried when the job would be late
    even first in every queue (urgent, from the schedule's start): the words say so instead.
  - *promise*: the shop's working days from the due date (not counted) to the finish (counted).
- Words give hours to the next half hour, rounded up (0.2 h -> 0.5 h), and ISO week numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from functools import cached_property
from decimal import Decimal

from .locale_text import DEFAULT_LOCALE, format_date, format_number
from .scheduling import (JobInput, Plan, ScheduledOperation, ShopCalendar, WorkstationInput, job_order_key, schedule,
                         weekly_load)
from .statuses import OperationStatus, Priority
from .wording import plural

_STARTED = (OperationStatus.RUNNING, OperationStatus.PAUSED)
_MOVE_TRIES = 5  # jobs ahead tried for a move: each is one more run of the scheduler
_DAY = 24 * 60


@dataclass(frozen=True)
class WhatIf:
    """What a plan was made from, to make it again with one thing changed."""

    calendar: ShopCalendar
    stations: tuple[WorkstationInput, ...]  # all of them, as scheduled (the outside one too)
    jobs: tuple[JobInput, ...]
    start: dt.date
    start_minute: int = 0

    @cached_property
    def _keys(self) -> dict[int, tuple]:
        return {job.id: job_order_key(job) for job in self.jobs}

    @cached_property
    def _started_only(self) -> dict[int, JobInput | None]:
        """Each job with only its started work (None: it has none), for the jobs a what-if leaves out."""
        out = {}
        for job in self.jobs:
            started = tuple(op for op in job.operations if op.status in _STARTED)
            out[job.id] = replace(job, operations=started) if started else None
        return out

    def run(self, *, jobs: dict[int, JobInput] | None = None, station: WorkstationInput | None = None,
            needed: tuple[int, ...] = ()) -> Plan:
        """The plan with some jobs' inputs or one station replaced. ``needed``: only these jobs' plans
        are read, so the jobs loaded after them keep just their started work (placed first, it can
        move them); the rest cannot change them and is left out, which makes a what-if quicker."""
        inputs = [jobs.get(job.id, job) for job in self.jobs] if jobs else list(self.jobs)
        if needed:
            keys = self._keys if not jobs else {**self._keys, **{i: job_order_key(j) for i, j in jobs.items()}}
            last = max(keys[job_id] for job_id in needed)
            inputs = [job if keys[job.id] <= last else self._started_only[job.id] for job in inputs]
            inputs = [job for job in inputs if job is not None]
        stations = [station if station is not None and ws.id == station.id else ws for ws in self.stations]
        return schedule(self.calendar, stations, inputs, self.start, self.start_minute)


@dataclass(frozen=True)
class StationWait:
    workstation_id: int
    wait_minutes: int
    jobs_delayed: int


@dataclass(frozen=True)
class Overtime:
    workstation_id: int
    week_start: dt.date
    minutes: int  # in all: per machine per day × days × machines


@dataclass(frozen=True)
class Move:
    job_id: int  # the job to move after the late one
    number: str
    finish: dt.date | None  # that job's finish once moved
    working_days_late: int  # that job's lateness once moved (0: still on time)


@dataclass(frozen=True)
class Lateness:
    job_id: int
    number: str
    due: dt.date
    finish: dt.date
    working_days_late: int
    operation_id: int  # the operation that holds it
    workstation_id: int
    wait_minutes: int  # that operation's wait
    run_minutes: int  # that operation's own time
    week_start: dt.date
    over_minutes: int
    overtime: Overtime | None
    move: Move | None
    first_finish: dt.date | None = None  # its finish were it first in every queue (urgent, from the start)


# --- waits and the bottleneck -------------------------------------------------------------------


class StationDays:
    """One station's open days (shop working days, not its days off), counted in constant time: a
    running count of open days per day ordinal, grown as far as asked."""

    def __init__(self, calendar: ShopCalendar, station: WorkstationInput, first: dt.date) -> None:
        self.calendar, self.station = calendar, station
        self.capacity = station.minutes_per_machine
        self.base = first.toordinal()
        self.before = [0]  # open days from ``first`` up to (not including) base + index

    def is_open(self, day: dt.date) -> bool:
        return self.calendar.is_working_day(day) and day not in self.station.days_off

    def _count_before(self, ordinal: int) -> int:
        while len(self.before) <= ordinal - self.base:
            day = dt.date.fromordinal(self.base + len(self.before) - 1)
            self.before.append(self.before[-1] + self.is_open(day))
        return self.before[ordinal - self.base]

    def minutes_between(self, since, until) -> int:
        """Working minutes of one machine from moment ``since`` to moment ``until`` (``since`` on or
        after ``first``)."""
        cap = self.capacity
        if since.day == until.day:
            return max(min(until.minute, cap) - min(since.minute, cap), 0) if self.is_open(since.day) else 0
        first = cap - min(since.minute, cap) if self.is_open(since.day) else 0
        last = min(until.minute, cap) if self.is_open(until.day) else 0
        whole = self._count_before(until.day.toordinal()) - self._count_before(since.day.toordinal() + 1)
        return first + whole * cap + last


def operation_waits(plan: Plan, calendar: ShopCalendar, stations) -> dict[int, int]:
    """Each operation's wait at the given (shop) stations, by operation id; 0 for started work."""
    by_id = {ws.id: ws for ws in stations}
    waiting = [op for op in plan.operations if op.workstation_id in by_id and not op.outside and not op.started
               and op.ready is not None and op.start > op.ready]
    waits = dict.fromkeys((op.operation_id for op in plan.operations), 0)
    if waiting:
        first = min(op.ready.day for op in waiting)
        days = {ws_id: StationDays(calendar, ws, first) for ws_id, ws in by_id.items()}
        for op in waiting:
            waits[op.operation_id] = days[op.workstation_id].minutes_between(op.ready, op.start)
    return waits


def station_waits(plan: Plan, calendar: ShopCalendar, stations) -> list[StationWait]:
    """Per shop station that anything waited at: the wait summed and the jobs that waited, most first."""
    waits = operation_waits(plan, calendar, stations)
    minutes: dict[int, int] = {}
    jobs: dict[int, set[int]] = {}
    for op in plan.operations:
        if waits.get(op.operation_id, 0) > 0:
            minutes[op.workstation_id] = minutes.get(op.workstation_id, 0) + waits[op.operation_id]
            jobs.setdefault(op.workstation_id, set()).add(op.job_id)
    codes = {ws.id: ws.code for ws in stations}
    rows = [StationWait(ws_id, total, len(jobs[ws_id])) for ws_id, total in minutes.items()]
    return sorted(rows, key=lambda row: (-row.wait_minutes, -row.jobs_delayed, codes[row.workstation_id]))


def find_bottleneck(plan: Plan, calendar: ShopCalendar, stations) -> StationWait | None:
    rows = station_waits(plan, calendar, stations)
    return rows[0] if rows else None


# --- why a job is late --------------------------------------------------------------------------


def working_days_between(calendar: ShopCalendar, after: dt.date, until: dt.date) -> int:
    """The shop's working days after ``after`` up to and including ``until``."""
    return sum(1 for n in range(1, (until - after).days + 1)
               if calendar.is_working_day(after + dt.timedelta(days=n)))


def infinite_load(plan: Plan, calendar: ShopCalendar, station: WorkstationInput) -> dict[dt.date, int]:
    """What the station's operations would ask of it per week (by Monday) if each started when ready."""
    capacity = station.minutes_per_machine
    asked: dict[dt.date, int] = {}
    for op in plan.operations:
        if op.workstation_id != station.id or op.outside or not op.days:
            continue
        left = sum(piece.minutes for piece in op.days)
        day, floor = (op.ready or op.start)
        while left > 0:
            if calendar.is_working_day(day) and day not in station.days_off:
                take = min(max(capacity - floor, 0), left)
                monday = day - dt.timedelta(days=day.weekday())
                asked[monday] = asked.get(monday, 0) + take
                left -= take
            day, floor = day + dt.timedelta(days=1), 0
    return asked


def _run_minutes(op: ScheduledOperation, calendar: ShopCalendar) -> int:
    return len(op.days) * calendar.day_minutes if op.outside else sum(piece.minutes for piece in op.days)


def _holding_operation(ops: list[ScheduledOperation], waits: dict[int, int], calendar: ShopCalendar):
    """Longest wait first, then longest run, then the earliest start."""
    return max(ops, key=lambda op: (waits.get(op.operation_id, 0), _run_minutes(op, calendar),
                                    -op.start.day.toordinal(), -op.start.minute))


def _station_weeks(plan: Plan, case: WhatIf, station: WorkstationInput) -> tuple[dict[dt.date, int], list]:
    """What the station is asked per week as if free, and its weeks (to the plan's last day)."""
    last = max((op.end.day for op in plan.operations), default=case.start)
    weeks = weekly_load(plan, case.calendar, [station], case.start, (last - case.start).days // 7 + 2)
    return infinite_load(plan, case.calendar, station), list(weeks)


def _worst_week(station_weeks: tuple[dict[dt.date, int], list], holding: ScheduledOperation,
                finish: dt.date) -> tuple[dt.date, int]:
    asked, weeks = station_weeks
    over = [(max(asked.get(week.week_start, 0) - week.capacity_minutes, 0), week.week_start)
            for week in weeks if week.week_start <= finish]
    most = max((minutes for minutes, _ in over), default=0)
    if most > 0:
        return next(monday for minutes, monday in over if minutes == most), most
    return holding.start.day - dt.timedelta(days=holding.start.day.weekday()), 0


def _on_time(plan: Plan, job_id: int, due: dt.date) -> bool:
    finish = plan.job(job_id).finish
    return finish is not None and finish <= due


def _overtime(case: WhatIf, station: WorkstationInput, week_start: dt.date, job_id: int,
              due: dt.date) -> Overtime | None:
    days = [day for day in (week_start + dt.timedelta(days=n) for n in range(7))
            if case.start <= day <= due and case.calendar.is_working_day(day) and day not in station.days_off]
    if not days:
        return None

    def fits(per_day: int) -> bool:
        tried = replace(station, overtime=tuple((day, per_day) for day in days))
        return _on_time(case.run(station=tried, needed=(job_id,)), job_id, due)

    low, high = 0, _DAY - station.minutes_per_machine  # low fails, high is tried next
    if high <= 0 or not fits(high):
        return None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return Overtime(station.id, week_start, high * len(days) * station.parallel)


def _move_after(candidate: JobInput, job: JobInput) -> dict[int, JobInput]:
    """Inputs in which ``candidate`` comes after ``job``: a priority below it."""
    rank = Priority(job.priority).rank
    if rank > 1:
        below = next(p for p in Priority if p.rank == rank - 1)
        return {candidate.id: replace(candidate, priority=below)}
    return {candidate.id: replace(candidate, priority=Priority.LOW), job.id: replace(job, priority=Priority.NORMAL)}


def _move(case: WhatIf, plan: Plan, holding: ScheduledOperation, job: JobInput) -> Move | None:
    inputs = {j.id: j for j in case.jobs}
    ahead = [op for op in plan.operations
             if op.workstation_id == holding.workstation_id and op.job_id != job.id and not op.started
             and op.start < holding.start and op.end > holding.ready]
    tried, found = set(), []
    for op in sorted(ahead, key=lambda op: op.start, reverse=True):
        other = inputs.get(op.job_id)
        if other is None or other.id in tried or other.pinned_start is not None or len(tried) >= _MOVE_TRIES:
            continue
        tried.add(other.id)
        what_if = case.run(jobs=_move_after(other, job), needed=(job.id, other.id))
        if not _on_time(what_if, job.id, job.due):
            continue
        finish = what_if.job(other.id).finish
        late = 0 if other.due is None or finish is None or finish <= other.due else \
            working_days_between(case.calendar, other.due, finish)
        found.append(Move(other.id, other.number, finish, late))
        if late == 0:
            break
    return min(found, key=lambda move: move.working_days_late > 0) if found else None


def explain(case: WhatIf, plan: Plan, job_id: int, shop_stations, *, what_ifs: bool = True,
            memo: dict | None = None) -> Lateness | None:
    """Why ``job_id`` finishes after its due date in ``plan`` (made from ``case``); None when it does
    not, or when none of its work is left to schedule. ``what_ifs=False`` leaves out the remedies that
    need the scheduler run again and again (overtime, move): quick enough for a list of every late
    job of a big shop, with the same words. ``memo``: a dict kept across calls on the same plan (waits and loads)."""
    job_plan = plan.job(job_id)
    if not job_plan.late or job_plan.due is None or job_plan.finish is None:
        return None
    memo = {} if memo is None else memo
    if "waits" not in memo:
        memo["waits"] = operation_waits(plan, case.calendar, shop_stations)
        memo["ops"] = {}
        for op in plan.operations:
            memo["ops"].setdefault(op.job_id, []).append(op)
    waits, ops = memo["waits"], memo["ops"].get(job_id)
    if not ops:
        return None
    holding = _holding_operation(ops, waits, case.calendar)
    stations = {ws.id: ws for ws in case.stations}
    station = stations[holding.workstation_id]
    job = next(j for j in case.jobs if j.id == job_id)
    in_shop = any(ws.id == station.id for ws in shop_stations) and not holding.outside
    first_finish = case.run(jobs={job.id: replace(job, priority=Priority.URGENT,
                                                  pinned_start=job.pinned_start or case.start)},
                            needed=(job_id,)).job(job_id).finish  # quick: the others keep only started work
    alone_late = first_finish is not None and first_finish > job_plan.due
    week_start, over, overtime, move = holding.start.day - dt.timedelta(days=holding.start.day.weekday()), 0, \
        None, None
    if in_shop:
        if ("weeks", station.id) not in memo:
            memo[("weeks", station.id)] = _station_weeks(plan, case, station)
        week_start, over = _worst_week(memo[("weeks", station.id)], holding, job_plan.finish)
    if in_shop and what_ifs:
        due_week = job_plan.due - dt.timedelta(days=job_plan.due.weekday())
        overtime = next((found for week in dict.fromkeys((week_start, due_week))
                         if (found := _overtime(case, station, week, job_id, job_plan.due)) is not None), None)
        move = None if alone_late else _move(case, plan, holding, job)  # going first is not enough: no move is
    return Lateness(job_id, job_plan.number, job_plan.due, job_plan.finish,
                    working_days_between(case.calendar, job_plan.due, job_plan.finish), holding.operation_id,
                    station.id, waits.get(holding.operation_id, 0), _run_minutes(holding, case.calendar),
                    week_start, over, overtime, move, first_finish)


# --- words --------------------------------------------------------------------------------------


def hours_words(minutes: int, locale: str = DEFAULT_LOCALE) -> str:
    """Minutes as hours to the next half hour, rounded up: 20 -> "0.5 h", 600 -> "10 h"."""
    halves = math.ceil(minutes / 30)
    return f"{format_number(Decimal(halves) / 2, locale)} h"


def week_words(monday: dt.date, today: dt.date) -> str:
    """ "week 51"; "week 1 of 2027" when the ISO year is not this one's."""
    year, week, _ = monday.isocalendar()
    return f"week {week}" if year == today.isocalendar()[0] else f"week {week} of {year}"


def reason_words(late: Lateness, *, operation: str, station: str, today: dt.date,
                 locale: str = DEFAULT_LOCALE) -> str:
    """Two sentences: when it finishes against its due date, and what holds it (``operation``:
    "operation 020 Spray"; ``station``: "Spray booth (SPRAY)")."""
    first = (f"{late.number} would finish on {format_date(late.finish, locale)}, "
             f"{plural(late.working_days_late, 'working day')} after its due date ({format_date(late.due, locale)}).")
    operation = operation[:1].upper() + operation[1:]
    if late.wait_minutes > 0:
        held = f"{operation} holds it: it waits {hours_words(late.wait_minutes, locale)} at {station}"
    else:
        held = f"{operation} holds it: {hours_words(late.run_minutes, locale)} of work at {station}"
    if late.over_minutes > 0:
        held += (f", which is {hours_words(late.over_minutes, locale)} over capacity in "
                 f"{week_words(late.week_start, today)}.")
    elif late.wait_minutes > 0:
        held += f", behind the work ahead of it in {week_words(late.week_start, today)}."
    else:
        held += "."
    if late.due < today:
        held += " Its due date has passed: agree a new one with the customer."
    elif late.first_finish is not None and late.first_finish > late.due:
        held += (f" Even first in every queue it would finish on {format_date(late.first_finish, locale)}: "
                 "its own work needs more time than is left.")
    return f"{first} {held}"


def overtime_words(overtime: Overtime, station: str, today: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    return (f"{hours_words(overtime.minutes, locale)} of overtime on {station} in "
            f"{week_words(overtime.week_start, today)}")


def move_words(move: Move, this_number: str, locale: str = DEFAULT_LOCALE) -> str:
    text = f"move {move.number} after {this_number}"
    if move.working_days_late and move.finish is not None:
        text += (f" (it would then finish on {format_date(move.finish, locale)}, "
                 f"{plural(move.working_days_late, 'working day')} late)")
    return text


def promise_words(late: Lateness, locale: str = DEFAULT_LOCALE, *, today: dt.date | None = None) -> str:
    if today is not None and late.due < today:
        return f"promise {format_date(late.finish, locale)} (the due date has passed)"
    return (f"promise {plural(late.working_days_late, 'working day')} later "
            f"({format_date(late.finish, locale)})")
