"""The Schedule tab's lists: the scheduled jobs beside the Gantt, and each workstation's load per week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...domain.scheduling import WeekLoad
from ...domain.statuses import Priority
from ...services.schedule import ScheduleView
from ..dates import date_text
from .costing_models import OVER, RIGHT, RowsModel
from .paged import Column


@dataclass(frozen=True)
class ScheduledJobRow:
    job_id: int
    number: str
    customer: str
    title: str
    priority: str
    due: dt.date | None
    finish: dt.date | None
    late: bool
    pinned_start: dt.date | None

    def matches(self, words: list[str]) -> bool:
        text = f"{self.number} {self.customer} {self.title}".casefold()
        return all(word in text for word in words)


def scheduled_job_rows(view: ScheduleView) -> list[ScheduledJobRow]:
    """The jobs of the proposal in the order they were loaded (pinned, priority, due, number)."""
    rows = []
    for plan in view.plan.jobs:
        info = view.jobs.get(plan.job_id)
        if info is None:  # a what-if job (a quote being priced) is not a job yet
            continue
        rows.append(ScheduledJobRow(plan.job_id, info.number, info.customer, info.title, info.priority, plan.due,
                                    plan.finish, plan.late, info.pinned_start))
    return rows


def _pin_text(row: ScheduledJobRow) -> str:
    return f"from {date_text(row.pinned_start)}" if row.pinned_start else ""


class ScheduledJobsModel(RowsModel):
    """The scheduled jobs; ``set_filter`` narrows them by typed words and by a set of job ids."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Job", lambda r: r.number, tooltip=lambda r: f"{r.number} {r.title}"),
            Column("Customer", lambda r: r.customer),
            Column("Due", lambda r: date_text(r.due, "—")),
            Column("Finish", lambda r: date_text(r.finish, "—"), tooltip=lambda r: "predicted finish"),
            Column("Late?", lambda r: "Late" if r.late else "", colour=lambda r: OVER if r.late else None),
            Column("Priority", lambda r: Priority(r.priority).label),
            Column("Pinned", _pin_text, tooltip=lambda r: "may not start before this day" if r.pinned_start else ""),
        ], parent=parent)
        self._all: list[ScheduledJobRow] = []
        self._words: list[str] = []
        self._only: frozenset[int] | None = None

    def set_all(self, rows: list[ScheduledJobRow]) -> None:
        self._all = rows
        self._apply()

    def set_filter(self, text: str | None = None, only: frozenset[int] | None | bool = False) -> None:
        """``text``: words every row must hold (None keeps them); ``only``: job ids (None: all; False keeps it)."""
        if text is not None:
            self._words = text.casefold().split()
        if only is not False:
            self._only = only
        self._apply()

    def _apply(self) -> None:
        self.set_rows([row for row in self._all if (self._only is None or row.job_id in self._only)
                       and row.matches(self._words)])


def load_columns(weeks: list[dt.date]) -> list[Column]:
    """A workstation per row, a week per column: "used / capacity h" and the percentage."""
    columns = [Column("Workstation", lambda r: r[0])]
    for index, monday in enumerate(weeks):
        columns.append(Column(
            f"Wk {monday.isocalendar().week}\n{date_text(monday)}", lambda r, i=index: _load_text(r[1][i]), RIGHT,
            tooltip=lambda r, i=index: _load_tip(r[0], r[1][i]),
            colour=lambda r, i=index: OVER if r[1][i].over_minutes else None))
    return columns


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def _load_text(week: WeekLoad) -> str:
    if not week.capacity_minutes:
        return f"{_hours(week.used_minutes)} / closed" if week.used_minutes else "closed"
    percent = round(100 * week.used_minutes / week.capacity_minutes)
    return f"{_hours(week.used_minutes)} / {_hours(week.capacity_minutes)} h  {percent}%"


def _load_tip(code: str, week: WeekLoad) -> str:
    tip = (f"{code}, week of {date_text(week.week_start)}: {_hours(week.used_minutes)} h planned of "
           f"{_hours(week.capacity_minutes)} h it can work")
    if week.over_minutes:
        tip += f"; {_hours(week.over_minutes)} h over"
    return tip
