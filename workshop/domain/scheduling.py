"""A forward finite-capacity scheduler: plain data in, a plan out (issue 16, item 3).

Nothing here reads the database or moves anything: a service gathers the jobs, calls
``schedule`` and shows the plan as a proposal.

The model, chosen to be simple enough to check by hand:

- Time is whole minutes. Remaining work (a Decimal) is rounded *up* to the minute, so the plan never
  promises work that has not been given time; capacity hours are rounded *down* to the minute.
- A moment is ``(day, minute)``: minutes into that working day, counted from the shop's start time
  (``ShopCalendar.day_start``). ``Moment.at(calendar)`` turns it into a clock time.
- A workstation with ``parallel`` machines is ``parallel`` separate lanes of ``capacity_hours`` a
  day each (not one pool): an operation runs on one lane, the lane where it finishes first.
- Each lane fills each day from its start forward, without back-filling: an operation that may
  start only at 14:00 (its previous step ends then) leaves the morning of that day unused on its
  lane for later operations. Lost minutes, never overlapping ones.
- An operation may be split across days: it uses what its lane has left that day and continues on
  the lane's next working day (a working weekday of the shop, not a holiday, not a day off).
- Order: every started (running/paused) operation first, from ``start``, with only its remaining
  minutes, so started work is never pushed behind others; then the jobs one after the other,
  pinned first, then by priority (urgent, high, normal, low), due date, job number. Each job's
  operations keep their sequence: one starts when the one before it ends.
- Done (and skipped) operations take no capacity and are not in the plan.
- Outside work (``outside_days`` set) takes no workstation time: it leaves on the working day its
  previous step is ready (the next one if that step ends during the day), is away that many shop
  working days, and the next step can start the morning after it comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import NamedTuple

from .errors import ValidationError
from .statuses import OperationStatus, Priority

_NOT_SCHEDULED = frozenset({OperationStatus.DONE, OperationStatus.SKIPPED})
_STARTED = frozenset({OperationStatus.RUNNING, OperationStatus.PAUSED})


@dataclass(frozen=True)
class ShopCalendar:
    """When the shop works: weekdays (0 = Monday … 6 = Sunday), daily hours, holidays."""

    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    day_start: dt.time = dt.time(8, 0)
    day_end: dt.time = dt.time(16, 30)
    holidays: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        if not self.working_weekdays or not set(self.working_weekdays) <= set(range(7)):
            raise ValidationError("working_weekdays", "Choose at least one working day (Monday to Sunday).")
        if self.day_end <= self.day_start:
            raise ValidationError("day_end", "The working day must end after it starts.")

    @property
    def day_minutes(self) -> int:
        """The working day's length (08:00-16:30: 510): where an outside step's last day away ends."""
        start = self.day_start.hour * 60 + self.day_start.minute
        return self.day_end.hour * 60 + self.day_end.minute - start

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.working_weekdays and day not in self.holidays


@dataclass(frozen=True)
class WorkstationInput:
    id: int
    code: str
    capacity_hours: Decimal  # per machine per working day
    parallel: int = 1  # machines of this kind that run side by side
    days_off: frozenset[dt.date] = frozenset()
    # Minutes each machine may work beyond its capacity on these days: overtime tried in a what-if
    # (why a job is late). Not shown in the load.
    overtime: tuple[tuple[dt.date, int], ...] = ()

    def __post_init__(self) -> None:
        hours = Decimal(self.capacity_hours)
        if not Decimal(0) < hours <= Decimal(24):
            raise ValidationError("capacity_hours", f"{self.code}: capacity must be more than 0 and at most 24 "
                                                    f"hours a day, not {self.capacity_hours}.")
        if hours * 60 < 1:
            raise ValidationError("capacity_hours", f"{self.code}: capacity must be at least one minute a day.")
        if isinstance(self.parallel, bool) or not isinstance(self.parallel, int) or self.parallel < 1:
            raise ValidationError("parallel", f"{self.code}: at least one machine must run, not {self.parallel}.")

    @property
    def minutes_per_machine(self) -> int:
        return int((Decimal(self.capacity_hours) * 60).to_integral_value(ROUND_FLOOR))


@dataclass(frozen=True)
class OperationInput:
    id: int
    sequence: int
    workstation_id: int
    remaining_minutes: Decimal  # planned minus booked, never below 0 (the caller's sum)
    status: OperationStatus = OperationStatus.PENDING
    outside_days: int | None = None  # done outside the shop, away this many working days; None: in the shop
    started_on: dt.date | None = None  # used for outside work: its days away count from the day it left
    finished_on: dt.date | None = None  # used when all of a job is done: its finish


@dataclass(frozen=True)
class JobInput:
    id: int
    number: str
    due: dt.date | None
    priority: Priority
    operations: tuple[OperationInput, ...]
    pinned_start: dt.date | None = None  # earliest day its work may start (dragged in the Gantt)


class Moment(NamedTuple):
    """A day and the minutes into its working day (from ``ShopCalendar.day_start``)."""

    day: dt.date
    minute: int

    def at(self, calendar: ShopCalendar) -> dt.datetime:
        return dt.datetime.combine(self.day, calendar.day_start) + dt.timedelta(minutes=self.minute)


@dataclass(frozen=True)
class DayPiece:
    day: dt.date
    minutes: int  # 0 for a day away at an outside supplier


@dataclass(frozen=True)
class ScheduledOperation:
    job_id: int
    operation_id: int
    workstation_id: int
    start: Moment
    end: Moment
    days: tuple[DayPiece, ...]  # the days it uses, in order, for the Gantt and the load chart
    machine: int  # which of the workstation's parallel machines (0, 1, …); 0 for outside work
    outside: bool = False
    started: bool = False  # running or paused: placed first, never moved
    ready: Moment | None = None  # when it could have started (its previous step done): start - ready is its wait


@dataclass(frozen=True)
class JobPlan:
    job_id: int
    number: str
    due: dt.date | None
    finish: dt.date | None  # last day of its last open operation; all done: its last finished_on (or None)
    late: bool  # finish after due


@dataclass(frozen=True)
class DayLoad:
    workstation_id: int
    day: dt.date
    used_minutes: int
    capacity_minutes: int  # capacity hours × parallel machines, in minutes


@dataclass(frozen=True)
class Plan:
    operations: tuple[ScheduledOperation, ...]
    jobs: tuple[JobPlan, ...]  # in the order they were loaded
    load: tuple[DayLoad, ...]  # per workstation per day that has any work, by workstation then day
    _by_operation: dict = field(default_factory=dict, repr=False, compare=False)
    _by_job: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_operation.update({op.operation_id: op for op in self.operations})
        self._by_job.update({job.job_id: job for job in self.jobs})

    def operation(self, operation_id: int) -> ScheduledOperation:
        return self._by_operation[operation_id]

    def job(self, job_id: int) -> JobPlan:
        return self._by_job[job_id]

    def load_on(self, workstation_id: int, day: dt.date) -> int:
        return next((d.used_minutes for d in self.load if d.workstation_id == workstation_id and d.day == day), 0)


def job_order_key(job: JobInput) -> tuple:
    """Pinned jobs first, then the most urgent, the earliest due (no due date last), the lowest number."""
    due = job.due.toordinal() if job.due is not None else dt.date.max.toordinal()
    return (job.pinned_start is None, -Priority(job.priority).rank, due, job.number)


class _Lane:
    """One machine. Per day (as ordinals): how far into the day it is booked (``cursor``) and the
    minutes worked (``worked``: less than the cursor when a step had to wait), and a skip map over
    full or closed days."""

    __slots__ = ("capacity", "is_open", "cursor", "worked", "skip", "overtime")

    def __init__(self, capacity: int, is_open, overtime: dict[int, int] | None = None) -> None:
        self.capacity = capacity
        self.is_open = is_open
        self.overtime = overtime or {}  # day -> extra minutes (a what-if)
        self.cursor: dict[int, int] = {}
        self.worked: dict[int, int] = {}
        self.skip: dict[int, int] = {}  # day -> a later day worth trying (a union-find "next free day")

    def first_free(self, day: int) -> int:
        """The first day from ``day`` on that is open and not full, compressing the path walked."""
        walked = []
        while True:
            nxt = self.skip.get(day)
            if nxt is None:
                if self.is_open(day) and self.cursor.get(day, 0) < self.capacity_on(day):
                    break
                nxt = self.skip[day] = day + 1
            walked.append(day)
            day = nxt
        for seen in walked:
            self.skip[seen] = day
        return day

    def fit(self, ready_day: int, ready_minute: int, minutes: int) -> list[tuple[int, int, int]]:
        """Where ``minutes`` of work would go, ready at (day, minute): [(day, start minute, minutes)]."""
        pieces = []
        day, floor = ready_day, ready_minute
        while True:
            free_day = self.first_free(day)
            if free_day != day:
                day, floor = free_day, 0
            start = max(self.cursor.get(day, 0), floor)
            take = min(self.capacity_on(day) - start, minutes)
            if take > 0:
                pieces.append((day, start, take))
                minutes -= take
                if minutes == 0:
                    return pieces
            day, floor = day + 1, 0

    def capacity_on(self, day: int) -> int:
        return self.capacity + self.overtime.get(day, 0) if self.overtime else self.capacity

    def take(self, pieces: list[tuple[int, int, int]]) -> None:
        for day, start, minutes in pieces:
            self.cursor[day] = start + minutes
            self.worked[day] = self.worked.get(day, 0) + minutes


def schedule(calendar: ShopCalendar, workstations: list[WorkstationInput] | tuple[WorkstationInput, ...],
             jobs: list[JobInput] | tuple[JobInput, ...], start: dt.date, start_minute: int = 0) -> Plan:
    """Load the open work of ``jobs`` forward from ``start`` (``start_minute`` into that working day)."""
    stations = {ws.id: ws for ws in workstations}
    if len(stations) != len(workstations):
        raise ValidationError("workstations", "Each workstation may be given only once.")
    start_ordinal = start.toordinal()
    shop_open = _shop_day_test(calendar)
    lanes = {ws.id: [_Lane(ws.minutes_per_machine, _station_day_test(shop_open, ws.days_off),
                           {day.toordinal(): minutes for day, minutes in ws.overtime})
                     for _ in range(ws.parallel)] for ws in workstations}
    for job in jobs:
        _check_job(job, stations, start)

    placed: dict[int, ScheduledOperation] = {}
    ordered = sorted(jobs, key=job_order_key)
    # Started work first, each on its own workstation from the start moment: never pushed back.
    for job in ordered:
        for op in job.operations:
            if op.status in _STARTED:
                # Outside work already sent counts its days away from the day it left.
                sent = op.outside_days is not None and op.started_on is not None
                ready = (op.started_on.toordinal(), 0) if sent else (start_ordinal, start_minute)
                placed[op.id] = _place(job, op, ready, lanes, shop_open, calendar.day_minutes, started=True)

    job_plans = []
    for job in ordered:
        ready = (start_ordinal, start_minute)
        if job.pinned_start is not None and job.pinned_start > start:
            ready = (job.pinned_start.toordinal(), 0)
        finish: int | None = None
        for op in sorted(job.operations, key=lambda op: op.sequence):
            if op.status in _NOT_SCHEDULED:
                continue
            scheduled = placed.get(op.id) or _place(job, op, ready, lanes, shop_open,
                                                       calendar.day_minutes, started=False)
            placed[op.id] = scheduled
            end_day = scheduled.days[-1].day.toordinal() if scheduled.days else scheduled.end.day.toordinal()
            # Outside work comes back overnight: the next step can start the morning after.
            # max: a step after a started one waits for it and for any open step before it.
            ready = max(ready, (end_day + 1, 0) if scheduled.outside and scheduled.days else (
                scheduled.end.day.toordinal(), scheduled.end.minute))
            finish = end_day if finish is None else max(finish, end_day)
        if finish is None:  # all done: it finished when its last step did, if the caller knows
            finish = max((op.finished_on.toordinal() for op in job.operations if op.finished_on), default=None)
        finish_day = dt.date.fromordinal(finish) if finish is not None else None
        late = finish_day is not None and job.due is not None and finish_day > job.due
        job_plans.append(JobPlan(job.id, job.number, job.due, finish_day, late))

    operations = tuple(sorted(placed.values(), key=lambda op: (op.start, op.workstation_id, op.operation_id)))
    return Plan(operations, tuple(job_plans), _load(workstations, lanes))


def _check_job(job: JobInput, stations: dict[int, WorkstationInput], start: dt.date) -> None:
    if job.pinned_start is not None and job.pinned_start < start:
        raise ValidationError("pinned_start", f"{job.number}: the pinned start {job.pinned_start.isoformat()} is "
                                              f"before today ({start.isoformat()}); pin it today or later.")
    for op in job.operations:
        if op.workstation_id not in stations:
            raise ValidationError("workstation_id", f"{job.number}: operation {op.sequence} names an unknown "
                                                    f"workstation ({op.workstation_id}).")
        if Decimal(op.remaining_minutes) < 0:
            raise ValidationError("remaining_minutes", f"{job.number}: operation {op.sequence} has negative "
                                                       "remaining minutes.")
        if op.outside_days is not None and op.outside_days < 0:
            raise ValidationError("outside_days", f"{job.number}: operation {op.sequence} cannot be away "
                                                  "a negative number of days.")


def _shop_day_test(calendar: ShopCalendar):
    weekdays = frozenset(calendar.working_weekdays)
    holidays = frozenset(day.toordinal() for day in calendar.holidays)
    # date(1, 1, 1) (ordinal 1) was a Monday, so the weekday of an ordinal is (ordinal - 1) % 7.
    return lambda day: (day - 1) % 7 in weekdays and day not in holidays


def _station_day_test(shop_open, days_off: frozenset[dt.date]):
    closed = frozenset(day.toordinal() for day in days_off)
    return lambda day: shop_open(day) and day not in closed


def _place(job: JobInput, op: OperationInput, ready: tuple[int, int], lanes: dict[int, list[_Lane]], shop_open,
           day_minutes: int, *, started: bool) -> ScheduledOperation:
    ready_day, ready_minute = ready
    if op.outside_days is not None:
        return _place_outside(job, op, ready_day, ready_minute, shop_open, day_minutes, started)
    minutes = int(Decimal(op.remaining_minutes).to_integral_value(ROUND_CEILING))
    if minutes == 0:  # all booked but not marked done: it takes no time
        moment = Moment(dt.date.fromordinal(ready_day), ready_minute)
        return ScheduledOperation(job.id, op.id, op.workstation_id, moment, moment, (), 0, started=started,
                                  ready=moment)
    station_lanes = lanes[op.workstation_id]
    best_index, best = 0, None
    for index, lane in enumerate(station_lanes):
        pieces = lane.fit(ready_day, ready_minute, minutes)
        last = pieces[-1]
        if best is None or (last[0], last[1] + last[2]) < (best[-1][0], best[-1][1] + best[-1][2]):
            best_index, best = index, pieces
    station_lanes[best_index].take(best)
    first, last = best[0], best[-1]
    return ScheduledOperation(
        job.id, op.id, op.workstation_id,
        Moment(dt.date.fromordinal(first[0]), first[1]), Moment(dt.date.fromordinal(last[0]), last[1] + last[2]),
        tuple(DayPiece(dt.date.fromordinal(day), used) for day, _, used in best), best_index, started=started,
        ready=Moment(dt.date.fromordinal(ready_day), ready_minute))


def _place_outside(job: JobInput, op: OperationInput, ready_day: int, ready_minute: int, shop_open,
                   day_minutes: int, started: bool) -> ScheduledOperation:
    """Away ``outside_days`` shop working days: it leaves on the ready day if ready at the start of it,
    else the next working day. It ends at the close of its last day away (back overnight)."""
    day = ready_day if ready_minute == 0 else ready_day + 1
    away = []
    while len(away) < op.outside_days:
        if shop_open(day):
            away.append(day)
        day += 1
    if not away:  # no days away: it passes straight through
        moment = Moment(dt.date.fromordinal(ready_day), ready_minute)
        return ScheduledOperation(job.id, op.id, op.workstation_id, moment, moment, (), 0, outside=True,
                                  started=started, ready=moment)
    return ScheduledOperation(
        job.id, op.id, op.workstation_id, Moment(dt.date.fromordinal(away[0]), 0),
        Moment(dt.date.fromordinal(away[-1]), day_minutes), tuple(DayPiece(dt.date.fromordinal(d), 0) for d in away),
        0, outside=True, started=started, ready=Moment(dt.date.fromordinal(ready_day), ready_minute))


def _load(workstations, lanes: dict[int, list[_Lane]]) -> tuple[DayLoad, ...]:
    rows = []
    for ws in workstations:
        used: dict[int, int] = {}
        for lane in lanes[ws.id]:
            for day, minutes in lane.worked.items():
                used[day] = used.get(day, 0) + minutes
        capacity = ws.minutes_per_machine * ws.parallel
        rows.extend(DayLoad(ws.id, dt.date.fromordinal(day), minutes, capacity) for day, minutes in sorted(used.items()))
    return tuple(rows)


@dataclass(frozen=True)
class WeekLoad:
    workstation_id: int
    week_start: dt.date  # a Monday
    used_minutes: int
    capacity_minutes: int  # capacity × machines × the days it is open that week

    @property
    def over_minutes(self) -> int:
        """Minutes of work beyond the week's capacity (0 when it fits)."""
        return max(self.used_minutes - self.capacity_minutes, 0)


def weekly_load(plan: Plan, calendar: ShopCalendar, workstations, first_day: dt.date,
                weeks: int = 12) -> tuple[WeekLoad, ...]:
    """Each workstation's planned minutes against its capacity per week (Monday to Sunday), from the
    week holding ``first_day`` for ``weeks`` weeks; by workstation (as given), then week."""
    monday = first_day - dt.timedelta(days=first_day.weekday())
    ends = monday + dt.timedelta(weeks=weeks)
    used: dict[tuple[int, dt.date], int] = {}
    for day_load in plan.load:
        if monday <= day_load.day < ends:
            key = (day_load.workstation_id, day_load.day - dt.timedelta(days=day_load.day.weekday()))
            used[key] = used.get(key, 0) + day_load.used_minutes
    rows = []
    for ws in workstations:
        per_day = ws.minutes_per_machine * ws.parallel
        for week in range(weeks):
            start = monday + dt.timedelta(weeks=week)
            open_days = sum(1 for offset in range(7) if _station_open(calendar, ws, start + dt.timedelta(days=offset)))
            rows.append(WeekLoad(ws.id, start, used.get((ws.id, start), 0), per_day * open_days))
    return tuple(rows)


def _station_open(calendar: ShopCalendar, ws: WorkstationInput, day: dt.date) -> bool:
    return calendar.is_working_day(day) and day not in ws.days_off
