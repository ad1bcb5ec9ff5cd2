"""Schedule: the proposal the shop's open work makes (released and in-progress jobs, their remaining
work loaded forward on each workstation's capacity), as a Gantt with the scheduled jobs beside it
(Alt+1) and each workstation's load week by week (Alt+2). Nothing moves on its own: the owner
changes a priority, drags a job's bar to pin its start, then applies the schedule (Ctrl+Shift+A),
which saves the planned dates. Worked out off the GUI thread whenever something it rests on changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from ...domain.changes import Change
from ...domain.gantt import GanttBar, GanttChart, gantt_chart
from ...domain.scheduling import WeekLoad, weekly_load
from ...domain.wording import plural
from ...services import schedule
from .. import theme
from ..context import AppContext
from ..dates import date_text, date_time_text
from ..models.schedule_jobs import scheduled_job_rows
from ..plain_text import ask_yes_no, plain_label
from ..tasks import run_task
from ..widgets.gantt import GanttView
from ..widgets.gantt_jobs import ScheduledJobsPanel
from ..widgets.gantt_load import WEEKS, LoadPage
from .base import WorkshopTab

#: What the proposal rests on: a change to any of these makes it again.
WATCHES = Change.PLANNING | Change.JOBS | Change.ROUTING | Change.BOOKINGS | Change.SHOP


@dataclass(frozen=True)
class Proposal:
    """What the background work hands the screen."""

    view: schedule.ScheduleView
    now: dt.datetime
    chart: GanttChart
    weeks: tuple[WeekLoad, ...]
    bottleneck: str  # "" when nothing waits
    bottleneck_id: int | None


def make_proposal(_state, db, now: dt.datetime, locale: str) -> Proposal:
    """Off the GUI thread: the proposal, its Gantt layout, its weekly load and the bottleneck."""
    view = schedule.propose(db, now=now)
    outside = [ws_id for ws_id, info in view.workstations.items() if info.outside]
    chart = gantt_chart(view.plan, view.calendar, view.shop_stations, view.start, outside)
    weeks = weekly_load(view.plan, view.calendar, view.shop_stations, view.start, WEEKS)
    found = bottleneck_of(view, locale)
    return Proposal(view, now, chart, weeks, found.text if found else "", found.workstation_id if found else None)


def bottleneck_of(view: schedule.ScheduleView, locale: str):
    from ...services import lateness

    return lateness.bottleneck(view, locale=locale)


def why_late_text(_state, view: schedule.ScheduleView, job_id: int, locale: str) -> str:
    """Off the GUI thread: why the job is late and what would bring it back, in words ("" if on time)."""
    from ...services import lateness

    reason = lateness.why_late(view, job_id, locale=locale)
    if reason is None:
        return ""
    remedies = "".join(f"\n• {remedy.text}" for remedy in reason.remedies)
    return reason.text + (f"\nWhat would bring it back:{remedies}" if remedies else "")


class ScheduleTab(WorkshopTab):
    tab_id = "schedule"
    title = "Schedule"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.proposal: Proposal | None = None
        self.task = None
        self._again = False  # a change came while the proposal was being made: make it again after
        self._loaded = False
        self._only: frozenset[int] | None = None
        self._station: int | None = None  # a workstation asked for (open_record): the Load page shows it
        self.summary = plain_label(objectName="scheduleSummary")
        self.summary.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.bottleneck = plain_label(objectName="scheduleBottleneck", wordWrap=True)
        self.message = plain_label(objectName="scheduleMessage", wordWrap=True)
        self.day_button = QPushButton("&Day", objectName="zoomDay", checkable=True, toolTip="Zoom in (Ctrl+=)")
        self.week_button = QPushButton("&Week", objectName="zoomWeek", checkable=True, toolTip="Zoom out (Ctrl+-)")
        zoom = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            zoom.addButton(button)
        self.day_button.setChecked(True)
        self.day_button.clicked.connect(lambda: self.set_zoom("day"))
        self.week_button.clicked.connect(lambda: self.set_zoom("week"))
        self.refresh_button = QPushButton("&Refresh", objectName="scheduleRefresh", toolTip="Make the proposal again")
        self.refresh_button.clicked.connect(self.reload)
        self.apply_button = QPushButton("&Apply schedule…", objectName="scheduleApply",
                                        toolTip="Save these planned dates (Ctrl+Shift+A)")
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for button in (self.day_button, self.week_button, self.refresh_button, self.apply_button):
            top.addWidget(button)

        self.gantt = GanttView()
        self.gantt.set_locale(ctx.locale)
        self.gantt.tooltip_of = self._bar_tooltip
        self.gantt.bar_activated.connect(self.open_job)
        self.gantt.job_selected.connect(self._bar_job_selected)
        self.gantt.pin_requested.connect(self.pin)
        self.jobs = ScheduledJobsPanel()
        self.jobs.job_chosen.connect(self._job_chosen)
        self.jobs.job_opened.connect(self.open_job)
        self.jobs.priority_chosen.connect(self.set_priority)
        self.jobs.unpin_requested.connect(lambda job_id: self.pin(job_id, None))
        self.jobs.filter_cleared.connect(lambda: self._set_only(None))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="scheduleSplitter")
        self.splitter.addWidget(self.jobs)
        self.splitter.addWidget(self.gantt)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([580, 700])
        self.load_page = LoadPage()
        self.pages = QTabWidget(objectName="schedulePages")
        self.pages.setDocumentMode(True)
        hint = plain_label("Click a bar (or Enter) to open its job; drag it sideways to pin the job's start to that "
                           "day. Red outline and hatching: the job is late. Nothing is saved until Apply schedule.",
                           wordWrap=True)
        hint.setStyleSheet(theme.HINT_STYLE)
        gantt_page = QWidget()
        gantt_layout = QVBoxLayout(gantt_page)
        gantt_layout.setContentsMargins(0, 0, 0, 0)
        gantt_layout.addWidget(self.splitter, 1)
        gantt_layout.addWidget(hint)
        for number, (page, title) in enumerate(((gantt_page, "Gantt"), (self.load_page, "Load")), start=1):
            index = self.pages.addTab(page, title)
            self.pages.setTabToolTip(index, f"{title} (Alt+{number})")
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda i=index: self.pages.setCurrentIndex(i),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for keys, slot in (("Ctrl+=", lambda: self.set_zoom("day")), ("Ctrl++", lambda: self.set_zoom("day")),
                           ("Ctrl+-", lambda: self.set_zoom("week")), ("Ctrl+Shift+A", self.apply)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.bottleneck)
        layout.addWidget(self.message)
        self.message.hide()  # until there is something to say
        layout.addWidget(self.pages, 1)

    # --- making the proposal --------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API: worked out when first shown
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.reload()

    def now(self) -> dt.datetime:
        """The shop's clock, as shop-local time (what the schedule counts from)."""
        return self.ctx.db.now().astimezone().replace(tzinfo=None)

    def reload(self) -> None:
        if self.task is not None and self.task.running:
            self._again = True
            return
        self._again = False
        self.refresh_button.setEnabled(False)
        if self.proposal is None:
            self.summary.setText("Working out the schedule…")
        self.task = run_task(make_proposal, self.ctx.db, self.now(), self.ctx.locale, on_done=self.show_proposal,
                             on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        from ..tasks import report_failure

        self.refresh_button.setEnabled(True)
        self.summary.setText("The schedule could not be worked out.")
        report_failure(exc)

    def show_proposal(self, proposal: Proposal) -> None:
        self.proposal = proposal
        self.refresh_button.setEnabled(True)
        view = proposal.view
        rows = scheduled_job_rows(view)
        late = frozenset(row.job_id for row in rows if row.late)
        self.summary.setText(f"Proposal from {date_time_text(proposal.now)}: {plural(len(rows), 'job')}, "
                             f"{len(late)} late")
        self.bottleneck.setText(proposal.bottleneck)
        self.bottleneck.setVisible(bool(proposal.bottleneck))
        today_fraction = view.start_minute / max(view.calendar.day_minutes, 1)
        self.gantt.set_chart(proposal.chart, view.calendar, view.start, today_fraction, late)
        self.jobs.set_rows(rows)
        self.apply_button.setEnabled(bool(view.plan.operations) and not self.ctx.db.read_only)
        self.load_page.set_load(proposal.weeks, view.shop_stations, proposal.bottleneck, self.ctx.locale,
                                self._station or proposal.bottleneck_id)
        self._job_chosen(self.jobs.current().job_id if self.jobs.current() else None)
        self.status_changed.emit()
        if self._again:
            self.reload()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & WATCHES:
            if self.isVisible():
                self.reload()
            else:
                self._loaded = False  # made again when next shown

    # --- what the owner does --------------------------------------------------------------------
    def set_zoom(self, zoom: str) -> None:
        self.gantt.set_zoom(zoom)
        (self.day_button if zoom == "day" else self.week_button).setChecked(True)

    def open_job(self, job_id: int) -> None:
        self.ctx.select_job(job_id)
        self.ctx.open_job_requested.emit(job_id)

    def pin(self, job_id: int, day: dt.date | None) -> None:
        """Pin the job's earliest start to ``day`` (None: unpin); a day before today is refused, saying why."""
        number = self._number(job_id)
        outcome = self.ctx.call(self, schedule.pin_job, job_id, day, today=self.ctx.db.today(),
                                on_invalid=lambda exc: self._say(exc.message, alarm=True))
        if outcome.ok:
            self._say(f"{number} may start from {date_text(day)}: the proposal is made again." if day else
                      f"{number} is unpinned: it starts as soon as it can.")

    def set_priority(self, job_id: int, priority: str) -> None:
        outcome = self.ctx.call(self, schedule.set_priority, job_id, priority,
                                on_invalid=lambda exc: self._say(exc.message, alarm=True))
        if outcome.ok:
            self._say(f"{self._number(job_id)} is now {priority} priority: the proposal is made again.")

    def apply(self) -> None:
        if self.proposal is None or not self.apply_button.isEnabled():
            return
        view = self.proposal.view
        count = len(view.plan.operations)
        if not ask_yes_no(self, "Apply the schedule",
                          f"Save these planned dates on {plural(count, 'operation')}? Nothing else changes."):
            return
        outcome = self.ctx.call(self, schedule.apply_schedule, view)
        if outcome.ok:
            self._say(f"Planned dates saved on {plural(outcome.value, 'operation')} of "
                      f"{plural(len(view.plan.jobs), 'job')}.")

    def open_record(self, kind: str, record_id: int) -> None:
        """A workstation (from the Start page's load of the day): its weeks on the Load page."""
        if kind != "workstation":
            return
        self.pages.setCurrentIndex(1)
        self._station = record_id
        if self.proposal is not None:
            self.load_page.choose_station(record_id)

    def show_jobs(self, job_ids, label: str) -> None:
        """Show only these jobs in the list and pick out their bars (a job order's jobs)."""
        self._set_only(frozenset(job_ids), label)
        self.pages.setCurrentIndex(0)

    def _set_only(self, job_ids: frozenset[int] | None, label: str = "") -> None:
        self._only = job_ids
        self.jobs.set_only(job_ids, label)
        self.gantt.set_highlighted(job_ids or ())

    def _say(self, text: str, *, alarm: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(theme.ERROR_STYLE if alarm else theme.HINT_STYLE)
        self.message.setVisible(bool(text))

    # --- the chosen job -------------------------------------------------------------------------
    def _bar_job_selected(self, job_id: int) -> None:
        if not self.jobs.choose(job_id):
            self._job_chosen(job_id)

    def _job_chosen(self, job_id: int | None) -> None:
        if self._only is None:
            self.gantt.set_highlighted(() if job_id is None else (job_id,))
        if job_id is not None:
            bars = self.gantt.bars_of(job_id)
            if bars and not any(bar == self.gantt.selected for bar in bars):
                self.gantt.ensure_visible(bars[0])
        self._explain(job_id)

    def _explain(self, job_id: int | None) -> None:
        """Why the chosen job is late, worked out in the background (its what-if runs take a moment on
        a busy shop); an answer for a job no longer chosen is dropped."""
        self.jobs.show_reason("")
        if job_id is None or self.proposal is None or not self.proposal.view.plan.job(job_id).late:
            return
        proposal = self.proposal

        def show(text: str) -> None:
            current = self.jobs.current()
            if self.proposal is proposal and current is not None and current.job_id == job_id:
                self.jobs.show_reason(text)

        run_task(why_late_text, proposal.view, job_id, self.ctx.locale, on_done=show, parent=self)

    def _number(self, job_id: int) -> str:
        info = self.proposal.view.jobs.get(job_id) if self.proposal else None
        return info.number if info else f"Job {job_id}"

    def _bar_tooltip(self, bar: GanttBar) -> str:
        view = self.proposal.view
        job, op = view.jobs.get(bar.job_id), view.operations.get(bar.operation_id)
        scheduled = view.plan.operation(bar.operation_id)
        plan = view.plan.job(bar.job_id)
        lines = [f"{job.number}  {job.title}" if job else "",
                 f"{op.op_number:03d} {op.name} at {op.workstation_code}" if op else "",
                 f"{date_time_text(scheduled.start.at(view.calendar))} – {date_time_text(scheduled.end.at(view.calendar))}",
                 f"Due {date_text(plan.due, 'not set')} · finish {date_text(plan.finish)}"
                 + (" · LATE" if plan.late else "")]
        return "\n".join(line for line in lines if line)

    # --- the WorkshopTab contract ---------------------------------------------------------------
    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.jobs.search.setFocus()
        self.jobs.search.selectAll()

    def print_current(self) -> None:
        from ...documents.schedule import schedule_pdf
        from ..printing import preview_pdf

        preview_pdf(self, self.ctx, schedule_pdf, self.now(), title="Schedule", file_name="schedule.pdf",
                    label="Preparing the schedule…")

    def status_text(self) -> str:
        if self.proposal is None:
            return ""
        plan = self.proposal.view.plan
        return (f"{plural(len(plan.jobs), 'job')} scheduled · {plural(len(plan.operations), 'operation')} · "
                f"{sum(1 for job in plan.jobs if job.late)} late")

    def save_state(self) -> dict[str, object]:
        return {"splitter": bytes(self.splitter.saveState().data()), "zoom": self.gantt.zoom,
                "page": self.pages.currentIndex()}

    def restore_state(self, state: dict[str, object]) -> None:
        data = state.get("splitter")
        if isinstance(data, (bytes, bytearray, QByteArray)):
            self.splitter.restoreState(QByteArray(bytes(data)) if not isinstance(data, QByteArray) else data)
        if state.get("zoom") in ("day", "week"):
            self.set_zoom(str(state["zoom"]))
        try:
            page = int(state.get("page", 0))
        except (TypeError, ValueError):
            page = 0
        if 0 < page < self.pages.count():
            self.pages.setCurrentIndex(page)
