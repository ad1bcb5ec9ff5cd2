"""The schedule for the wall, from the proposal the shop's open work makes now."""

from __future__ import annotations

import datetime as dt

from ..db.engine import Database
from ..domain.gantt import gantt_chart
from ..printing.schedule import ScheduleJobLine, SchedulePrintData, render_schedule
from ..services import schedule, settings
from ..services.lateness import bottleneck
from .common import letterhead_and_page


def schedule_data(db: Database, now: dt.datetime | None = None) -> SchedulePrintData:
    """``now``: shop-local (default: the shop's clock)."""
    now = now or db.now().astimezone().replace(tzinfo=None)
    view = schedule.propose(db, now=now)
    outside = [ws_id for ws_id, info in view.workstations.items() if info.outside]
    chart = gantt_chart(view.plan, view.calendar, view.shop_stations, view.start, outside)
    jobs = tuple(ScheduleJobLine(plan.job_id, info.number, info.customer, info.title, info.priority, plan.due,
                                 plan.finish, plan.late)
                 for plan in view.plan.jobs if (info := view.jobs.get(plan.job_id)) is not None)
    monday = chart.first_day - dt.timedelta(days=chart.first_day.weekday())
    days = (chart.last_day - monday).days + 7
    working = tuple(day for day in (monday + dt.timedelta(days=i) for i in range(days))
                    if view.calendar.is_working_day(day))
    locale = settings.get_settings(db).locale
    found = bottleneck(view, locale=locale)
    return SchedulePrintData(chart, jobs, working, view.start, now,
                             view.start_minute / max(view.calendar.day_minutes, 1),
                             found.text if found is not None else "", locale)


def schedule_pdf(db: Database, now: dt.datetime | None = None) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_schedule(schedule_data(db, now), letterhead, page)
