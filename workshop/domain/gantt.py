"""A plan laid out as a Gantt chart: rows (one per machine of each workstation, and the work sent
outside) and bars (one per day an operation uses), as plain data. The Schedule tab paints it and
the wall PDF draws it, so both show the same thing.

A bar's ``start`` and ``end`` are fractions of its day (0 = the day's start, 1 = its end): where the
piece of work sits inside the day, scaled to the longer of the shop's day and the machine's
capacity (a bench booked 16 h in an 8.5 h day fills its day, not twice it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .scheduling import Plan, ScheduledOperation, ShopCalendar, WorkstationInput

#: The row key of the work sent outside (workstation id None).
OUTSIDE = None


@dataclass(frozen=True)
class GanttRow:
    workstation_id: int | None  # None: outside work
    lane: int  # which machine (or which line of the outside row)
    label: str  # "SAW", "SAW 2", "Outside"


@dataclass(frozen=True)
class GanttBar:
    row: int  # index into the chart's rows
    job_id: int
    operation_id: int
    day: dt.date
    start: float  # fraction of the day
    end: float
    outside: bool


@dataclass(frozen=True)
class GanttChart:
    rows: tuple[GanttRow, ...]
    bars: tuple[GanttBar, ...]  # by row, then day
    first_day: dt.date
    last_day: dt.date  # the last day any bar uses (first_day when there are none)


def gantt_chart(plan: Plan, calendar: ShopCalendar, stations: Iterable[WorkstationInput],
                first_day: dt.date, outside_ids: Iterable[int] = ()) -> GanttChart:
    """Lay ``plan`` out on ``stations`` (the shop's, in order) and an "Outside" row for the operations
    at ``outside_ids`` workstations; ``first_day`` is where the chart starts (the plan's start)."""
    stations = list(stations)
    outside_ids = frozenset(outside_ids)
    rows: list[GanttRow] = []
    row_of: dict[tuple[int, int], int] = {}
    for ws in stations:
        for lane in range(ws.parallel):
            row_of[(ws.id, lane)] = len(rows)
            rows.append(GanttRow(ws.id, lane, ws.code if ws.parallel == 1 else f"{ws.code} {lane + 1}"))
    scale = {ws.id: max(calendar.day_minutes, ws.minutes_per_machine, 1) for ws in stations}
    capacity = {ws.id: ws.minutes_per_machine for ws in stations}
    bars: list[GanttBar] = []
    outside_ops = [op for op in plan.operations if op.outside and op.workstation_id in outside_ids and op.days]
    for op in plan.operations:
        key = (op.workstation_id, op.machine)
        if op.outside or key not in row_of:
            continue
        bars.extend(_pieces(op, row_of[key], scale[op.workstation_id], capacity[op.workstation_id]))
    if outside_ops:
        base = len(rows)
        lanes_end: list[dt.date] = []  # per outside line, the last day it is taken
        for op in sorted(outside_ops, key=lambda o: (o.days[0].day, o.operation_id)):
            lane = next((i for i, end in enumerate(lanes_end) if end < op.days[0].day), len(lanes_end))
            if lane == len(lanes_end):
                lanes_end.append(op.days[-1].day)
                rows.append(GanttRow(OUTSIDE, lane, "Outside" if lane == 0 else ""))
            lanes_end[lane] = op.days[-1].day
            row = base + lane
            bars.extend(GanttBar(row, op.job_id, op.operation_id, piece.day, 0.0, 1.0, True) for piece in op.days)
    bars.sort(key=lambda b: (b.row, b.day, b.start))
    last = max((bar.day for bar in bars), default=first_day)
    return GanttChart(tuple(rows), tuple(bars), first_day, max(last, first_day))


def _pieces(op: ScheduledOperation, row: int, scale: int, capacity: int) -> list[GanttBar]:
    """Each day's piece: the first starts at the operation's start, the last ends at its end, the
    ones between run to the machine's capacity (the scheduler fills a day before moving on)."""
    bars = []
    last = len(op.days) - 1
    for index, piece in enumerate(op.days):
        if index == 0:
            begin = op.start.minute
        elif index == last:
            begin = op.end.minute - piece.minutes
        else:
            begin = capacity - piece.minutes
        bars.append(GanttBar(row, op.job_id, op.operation_id, piece.day, begin / scale,
                             min((begin + piece.minutes) / scale, 1.0), False))
    return bars


def job_first_days(plan: Plan) -> Mapping[int, dt.date]:
    """The first day each job's open work is planned on."""
    first: dict[int, dt.date] = {}
    for op in plan.operations:
        if op.days:
            day = op.days[0].day
            if op.job_id not in first or day < first[op.job_id]:
                first[op.job_id] = day
    return first


def job_colour(job_id: int) -> str:
    """A stable colour per job ("#rrggbb"): the golden-angle walk round the hue circle keeps
    neighbouring job ids apart; mid lightness so black text and a red outline both read on it."""
    hue = (job_id * 137.508) % 360
    return _hsl_hex(hue / 360, 0.55, 0.72)


def _hsl_hex(h: float, s: float, lightness: float) -> str:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
