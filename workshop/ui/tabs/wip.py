"""Work in progress: every job between released and inspection with what it has cost so far,
how far along it is and what has been billed; the totals underneath. Worked out off the GUI
thread, so a shop with many open jobs never waits on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.statuses import WIP_JOB_STATUSES
from ...domain.wording import plural
from ...services import jobs, wip
from .. import theme
from ..context import AppContext
from ..dates import date_text, date_time_text
from ..models.costing_models import OVER, RIGHT, RowsModel, hours_text, pct_text
from ..models.jobs_model import status_label
from ..models.paged import Column
from ..models.roles import RowRole
from ..tasks import report_failure, run_task
from ..widgets.cost_common import ExplainPanel, money_formatter, table_view
from .base import WorkshopTab


TITLE = 2  # the column that stretches


def wip_columns(money, today=None) -> list[Column]:
    return [
        Column("Job", lambda r: r.number),
        Column("Customer", lambda r: r.customer_name),
        Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Status", lambda r: status_label(r.status)),
        Column("Due", lambda r: date_text(r.due_date),
            tooltip=lambda r: "late" if today is not None and r.due_date < today else "",
            colour=lambda r: OVER if today is not None and r.due_date < today else None),
        Column("Budget", lambda r: money(r.budget) if r.budget is not None else "—", RIGHT),
        Column("Hours", lambda r: f"{r.booked_hours:.2f} / {r.planned_hours:.2f}", RIGHT,
            tooltip=lambda r: f"{hours_text(r.booked_hours)} booked of {hours_text(r.planned_hours)} planned"),
        Column("Complete", lambda r: pct_text(r.percent_complete), RIGHT,
            tooltip=lambda r: f"hours booked {r.booked_hours} ÷ hours planned {r.planned_hours}"),
        Column("Accrued cost", lambda r: money(r.accrued_cost.amount), RIGHT,
               tooltip=lambda r: r.accrued_cost.explanation),
        Column("Billed", lambda r: money(r.billed_to_date), RIGHT, tooltip=lambda r: "invoiced so far"),
        Column("WIP value", lambda r: money(r.wip_value), RIGHT,
            tooltip=lambda r: f"accrued {r.accrued_cost.amount} − billed {r.billed_to_date}"),
    ]


def _report(_state, db):
    return wip.work_in_progress(db)


class WipTab(WorkshopTab):
    tab_id = "wip"
    title = "WIP"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.report: wip.WipReport | None = None
        self.task = None
        self.money = money_formatter(ctx.db)
        self.heading = QLabel("Work in progress", objectName="wipHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.as_of = QLabel(objectName="wipAsOf")
        self.as_of.setStyleSheet(theme.HINT_STYLE)
        self.refresh_button = QPushButton("Refresh", objectName="wipRefresh")
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.refresh_button)
        self.model = RowsModel(wip_columns(self.money), parent=self)
        self.view = table_view(self.model, "wipTable", stretch=TITLE)
        # Widths measured on the first rows when a report arrives (_size_columns), not by the header over
        # every row: sizing 1,800 open jobs' columns to their contents froze the window for 1.5 s.
        for column in range(self.model.columnCount()):
            if column != TITLE:
                self.view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._open_job)
        self.view.setToolTip("")
        self.totals = QLabel(objectName="wipTotals")
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 4px;")
        self.explain = ExplainPanel()
        self.explain.watch(self.view)
        hint = QLabel("Jobs released up to inspection. Double-click a job to open it in Job Cards.")
        hint.setStyleSheet(theme.HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.explain)
        layout.addWidget(hint)
        self._loaded = False

    #: Up to this many open jobs the report is worked out at once; more go to the background.
    INLINE_JOBS = 60
    #: Column widths are measured on the first rows (about a screenful) and on the rows holding the largest
    #: figures, never on every open job (formatting money is the slow part of showing a cell).
    SAMPLE_ROWS = 20

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API: load when first shown, not at start-up
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.reload()

    def reload(self) -> None:
        """Work the report out; in the background when there are many open jobs."""
        if self.task is not None and self.task.running:
            return
        statuses = tuple(sorted(s.value for s in WIP_JOB_STATUSES))
        if jobs.count_jobs(self.ctx.db, jobs.JobFilter(statuses=statuses)) <= self.INLINE_JOBS:
            self.show_report(wip.work_in_progress(self.ctx.db))
            return
        self.as_of.setText("  working it out…")
        self.refresh_button.setEnabled(False)
        self.task = run_task(_report, self.ctx.db, on_done=self.show_report, on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.as_of.setText("")
        report_failure(exc)

    def show_report(self, report: wip.WipReport) -> None:
        self.report = report
        self.refresh_button.setEnabled(True)
        self.money = money_formatter(self.ctx.db)
        self.model.set_columns(wip_columns(self.money, self.ctx.db.today()))
        self.model.set_rows(report.rows)
        self._size_columns()
        self.as_of.setText(f"  as of {date_time_text(report.as_of)}")
        m = self.money
        self.totals.setText(
            f"{plural(len(report.rows), 'open job')}   ·   hours {report.booked_hours:.2f} of "
            f"{report.planned_hours:.2f}   ·   accrued cost {m(report.accrued_cost)}   ·   billed "
            f"{m(report.billed_to_date)}   ·   WIP value {m(report.wip_value)}")
        self.status_changed.emit()

    def _size_columns(self) -> None:
        """Each column (but the title, which takes the rest) as wide as its header or its widest cell among
        the sample rows: the first ones and those with the largest figures."""
        rows = self.report.rows if self.report is not None else ()
        sample = set(range(min(len(rows), self.SAMPLE_ROWS)))
        for figure in (lambda r: r.budget or 0, lambda r: r.accrued_cost.amount, lambda r: r.billed_to_date,
                       lambda r: r.wip_value, lambda r: r.planned_hours + r.booked_hours):
            if rows:
                sample |= {max(range(len(rows)), key=lambda i: abs(figure(rows[i])))}
        cells, heads = self.view.fontMetrics(), self.view.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            if column == TITLE:
                continue
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widths = [heads.horizontalAdvance(header)] + [
                cells.horizontalAdvance(str(self.model.index(row, column).data() or "")) for row in sample]
            self.view.setColumnWidth(column, max(widths) + 24)

    def _open_job(self, index) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.ctx.select_job(row.job_id)
            self.ctx.open_job_requested.emit(row.job_id)

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & (Change.JOBS | Change.ROUTING | Change.BOM | Change.SETTINGS | Change.BOOKINGS
                      | Change.CHANGE_ORDERS):
            if self.isVisible():
                self.reload()
            else:
                self._loaded = False  # worked out again when next shown

    def status_text(self) -> str:
        if self.report is None:
            return ""
        return f"{plural(len(self.report.rows), 'job')} in progress · WIP {self.money(self.report.wip_value)}"
