"""The schedule for the wall: landscape, one Gantt per four weeks (a row per machine, a bar per day an
operation uses, in its job's colour, late jobs outlined in red and hatched, closed days shaded, today
marked), then the jobs with their colour, due date and predicted finish.

Plain data in, PDF bytes out::

    pdf = render_schedule(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from ..domain.gantt import GanttChart, job_colour
from ..domain.locale_text import format_date
from ..domain.wording import plural
from .columns import fit_columns
from .document import Letterhead, PageSetup, build_document
from .fonts import BOLD, REGULAR, printable
from .styles import INK, LIGHT_FILL, MUTED, RULE, get_styles
from .text import esc, format_datetime, para

__all__ = ["ScheduleJobLine", "SchedulePrintData", "render_schedule"]

ALARM = colors.HexColor("#b00020")  # late: the window's red
CLOSED = colors.HexColor("#e4e4e4")
WEEKS_PER_CHART = 4
MAX_WEEKS = 12  # the wall shows the coming quarter; later work is in the list below
LABEL_WIDTH = 24 * mm
RULER_HEIGHT = 9 * mm
ROW_HEIGHT = 6 * mm  # many rows; a shop of up to TALL_ROWS rows gets taller ones, to read from a step away
TALL_ROW_HEIGHT, TALL_ROWS = 9 * mm, 12
HEADERS = ("", "Job", "Customer · title", "Priority", "Due", "Finish", "")


@dataclass(frozen=True)
class ScheduleJobLine:
    job_id: int
    number: str
    customer: str
    title: str
    priority: str
    due: dt.date | None
    finish: dt.date | None
    late: bool


@dataclass(frozen=True)
class SchedulePrintData:
    chart: GanttChart
    jobs: Sequence[ScheduleJobLine]  # in the order they were scheduled
    working_days: Sequence[dt.date]  # the days the shop works in the charts' range
    today: dt.date
    made_at: dt.datetime  # when the proposal was made (shop-local)
    today_fraction: float = 0.0  # how far through today's working day the proposal was made
    bottleneck: str = ""
    locale: str = "en_GB"


class _Landscape(PageSetup):
    """The shop's paper turned sideways."""

    @property
    def page_size(self) -> tuple[float, float]:
        width, height = super().page_size
        return height, width


def render_schedule(data: SchedulePrintData, letterhead: Letterhead, page: PageSetup) -> bytes:
    page = _Landscape(page.size, page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm,
                      page.margin_right_mm)
    when = format_datetime(data.made_at, locale=data.locale)
    late = sum(1 for job in data.jobs if job.late)
    return build_document(_story(data, page.content_width), letterhead, page, title="Schedule", number=when,
                          subtitle=f"{plural(len(data.jobs), 'job')}, {late} late", footer_note=f"Proposal made {when}")


def _story(d: SchedulePrintData, width: float) -> list[Flowable]:
    s = get_styles()
    late = sum(1 for job in d.jobs if job.late)
    intro = (f"{plural(len(d.jobs), 'job')} scheduled, {late} late. A bar is a day's work of an operation, in its job's "
             "colour; a late job's bars are outlined in red and hatched. Grey days the shop is closed; the red "
             "line is when the proposal was made.")
    out: list[Flowable] = [Paragraph(esc(intro), s.small)]
    if d.bottleneck:
        out.append(para(d.bottleneck, s.body, bold=True))
    out.append(Spacer(1, 3 * mm))
    if not d.jobs:
        return out + [Paragraph("No released or in-progress job has work left to schedule.", s.body)]
    numbers = {job.job_id: job.number for job in d.jobs}
    working = frozenset(d.working_days)
    monday = d.chart.first_day - dt.timedelta(days=d.chart.first_day.weekday())
    weeks = min(((d.chart.last_day - monday).days // 7) + 1, MAX_WEEKS)
    for first_week in range(0, weeks, WEEKS_PER_CHART):
        start = monday + dt.timedelta(weeks=first_week)
        chart = _gantt(d, numbers, working, start, min(WEEKS_PER_CHART, weeks - first_week) * 7, width)
        out += [CondPageBreak(chart.height + 8 * mm), chart, Spacer(1, 5 * mm)]
    return out + [_legend(d, width)]


def _gantt(d: SchedulePrintData, numbers: dict[int, str], working: frozenset[dt.date], start: dt.date,
           days: int, width: float) -> Drawing:
    rows = d.chart.rows
    row_height = TALL_ROW_HEIGHT if len(rows) <= TALL_ROWS else ROW_HEIGHT
    height = RULER_HEIGHT + len(rows) * row_height
    drawing = Drawing(width, height)
    day_width = (width - LABEL_WIDTH) / days
    top = height - RULER_HEIGHT

    def x_of(day: dt.date, fraction: float = 0.0) -> float:
        return LABEL_WIDTH + ((day - start).days + fraction) * day_width

    for index in range(days):  # closed days, the ruler, the day grid
        day = start + dt.timedelta(days=index)
        x = x_of(day)
        if day not in working:
            drawing.add(Rect(x, 0, day_width, top, fillColor=CLOSED, strokeColor=None))
        drawing.add(Line(x, 0, x, top + (RULER_HEIGHT if day.weekday() == 0 else 3 * mm),
                         strokeColor=RULE if day.weekday() == 0 else LIGHT_FILL, strokeWidth=0.6 if day.weekday() == 0 else 0.3))
        if day.weekday() == 0:
            drawing.add(String(x + 1.5, height - 3.5 * mm,
                               printable(f"Week {day.isocalendar().week} · {format_date(day, d.locale)}"),
                               fontName=BOLD, fontSize=7, fillColor=INK))
        drawing.add(String(x + day_width / 2, top + 1.2 * mm, str(day.day), fontName=REGULAR,
                           fontSize=6 if day_width > 12 else 4.5, fillColor=MUTED, textAnchor="middle"))
    for row_index, row in enumerate(rows):
        y = top - (row_index + 1) * row_height
        drawing.add(Line(0, y, width, y, strokeColor=LIGHT_FILL, strokeWidth=0.4))
        drawing.add(String(2, y + row_height / 2 - 2.5, printable(row.label), fontName=BOLD, fontSize=8,
                           fillColor=INK))
    end = start + dt.timedelta(days=days)
    labelled: set[int] = set()
    late_jobs = frozenset(job.job_id for job in d.jobs if job.late)
    for bar in d.chart.bars:
        if not start <= bar.day < end:
            continue
        y = top - (bar.row + 1) * row_height + 0.8 * mm
        x, bar_width = x_of(bar.day, bar.start), max((bar.end - bar.start) * day_width, 0.8)
        late = bar.job_id in late_jobs
        drawing.add(Rect(x, y, bar_width, row_height - 1.6 * mm, fillColor=colors.HexColor(job_colour(bar.job_id)),
                         strokeColor=ALARM if late else colors.HexColor("#555555"), strokeWidth=1.1 if late else 0.3))
        if late:
            for line in _hatch(x, y, bar_width, row_height - 1.6 * mm, 1.6 * mm):
                drawing.add(Line(*line, strokeColor=ALARM, strokeWidth=0.4))
        number = numbers.get(bar.job_id, "")
        if bar.operation_id not in labelled and stringWidth(number, REGULAR, 5.5) + 2 < bar_width:
            labelled.add(bar.operation_id)
            drawing.add(String(x + 1, y + 1.3 * mm, printable(number), fontName=REGULAR, fontSize=5.5, fillColor=INK))
    if start <= d.today < end:
        x = x_of(d.today, d.today_fraction)
        drawing.add(Line(x, 0, x, top, strokeColor=ALARM, strokeWidth=1.2))
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=RULE, strokeWidth=0.6))
    drawing.add(Line(LABEL_WIDTH, 0, LABEL_WIDTH, height, strokeColor=RULE, strokeWidth=0.6))
    drawing.add(Line(0, top, width, top, strokeColor=RULE, strokeWidth=0.6))
    return drawing


def _hatch(x: float, y: float, w: float, h: float, step: float) -> list[tuple[float, float, float, float]]:
    """45° lines across the rectangle (x, y, w, h), ``step`` apart, cut to its edges."""
    lines = []
    c = -h
    while c < w:
        # the line x' = c + t, y' = t for t in [0, h], clipped to 0 <= x' <= w
        t0, t1 = max(0.0, -c), min(h, w - c)
        if t1 > t0:
            lines.append((x + c + t0, y + t0, x + c + t1, y + t1))
        c += step
    return lines


def _legend(d: SchedulePrintData, width: float) -> Table:
    s = get_styles()

    def day(value: dt.date | None) -> str:
        return format_date(value, d.locale) if value else "—"

    texts = [[""] * len(d.jobs), [j.number for j in d.jobs], None, [j.priority.capitalize() for j in d.jobs],
             [day(j.due) for j in d.jobs], [day(j.finish) for j in d.jobs], ["LATE" if j.late else "" for j in d.jobs]]
    widths, size = fit_columns(width, texts, headers=HEADERS, size=8.5)
    widths[0] = max(widths[0], 5 * mm)
    cell = s.cell.clone("sched-cell", fontSize=size, leading=size * 1.25)
    rows: list[list] = [[Paragraph(esc(h), s.cell_header) for h in HEADERS]]
    style = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
    style += [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LINEBELOW", (0, 0), (-1, -1), 0.3, LIGHT_FILL)]
    for index, job in enumerate(d.jobs, start=1):
        rows.append(["", para(job.number, cell, bold=True), para(f"{job.customer} · {job.title}", cell),
                     para(job.priority.capitalize(), cell), para(day(job.due), cell), para(day(job.finish), cell),
                     Paragraph('<font color="#b00020"><b>LATE</b></font>' if job.late else "", cell)])
        style.append(("BACKGROUND", (0, index), (0, index), colors.HexColor(job_colour(job.job_id))))
        if job.late:
            style.append(("BOX", (0, index), (0, index), 1.1, ALARM))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return table
