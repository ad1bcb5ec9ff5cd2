"""A job order's roll-up: its jobs in a table (a double-click opens one in Job Cards) and what they
add up to: progress, cost, schedule and invoicing, in plain sentences."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...domain.locale_text import format_number
from ...domain.statuses import JobStatus
from ...domain.wording import plural
from ...services.job_orders import JobOrderRollup, OrderJob
from .. import theme
from ..dates import date_text
from ..plain_text import plain_label
from .cost_common import money_formatter

COLUMNS = ("Job", "Title", "Kind", "Status", "Due", "Planned finish", "Done", "Estimate", "Actual")
_RIGHT = {"Done", "Estimate", "Actual"}


class JobOrderRollupView(QWidget):
    #: a job was chosen with a double-click or Enter: its id
    job_opened = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rollup: JobOrderRollup | None = None
        self.table = QTableWidget(0, len(COLUMNS), objectName="orderJobs")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        for column, width in enumerate((96, 0, 80, 84, 84, 96, 64, 84, 84)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.itemActivated.connect(lambda item: self.job_opened.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.progress = plain_label(objectName="orderProgress", wordWrap=True)
        self.cost = plain_label(objectName="orderCost", wordWrap=True)
        self.schedule = plain_label(objectName="orderSchedule", wordWrap=True)
        self.invoicing = plain_label(objectName="orderInvoicing", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        for label in (self.progress, self.cost, self.schedule, self.invoicing):
            layout.addWidget(label)

    def selected_job_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def show_rollup(self, rollup: JobOrderRollup | None) -> None:
        self.rollup = rollup
        money = money_formatter(self.ctx.db)
        self.table.setRowCount(0)
        jobs = rollup.jobs if rollup is not None else ()
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            for column, text in enumerate(self._cells(job, money)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, job.id)
                if COLUMNS[column] in _RIGHT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if (column == 4 and job.late) or (column == 5 and job.predicted_late):
                    item.setForeground(theme.brush(theme.ALARM))
                    item.setToolTip("Past its due date" if column == 4 else "The schedule finishes it after its due date")
                self.table.setItem(row, column, item)
        if rollup is None:
            for label in (self.progress, self.cost, self.schedule, self.invoicing):
                label.clear()
            return
        self._sentences(rollup, money)

    def _percent(self, value: Decimal | None) -> str:
        return "–" if value is None else f"{format_number(value, self.ctx.locale)} %"

    def _hours(self, value: Decimal) -> str:
        return f"{format_number(value, self.ctx.locale, places=2)} h"

    def _cells(self, job: OrderJob, money) -> tuple[str, ...]:
        return (job.number, job.title, job.kind, JobStatus(job.status).label, date_text(job.due_date),
                date_text(job.planned_finish, "not scheduled"), self._percent(job.progress), money(job.estimate),
                money(job.actual))

    def _sentences(self, up: JobOrderRollup, money) -> None:
        if not up.jobs:
            self.progress.setText("No jobs yet: Add job… puts the customer's jobs in this order.")
            for label in (self.cost, self.schedule, self.invoicing):
                label.clear()
            return
        self.progress.setText(f"Progress: {self._percent(up.progress)} done ({self._hours(up.done_hours)} of "
                              f"{self._hours(up.planned_hours)} planned)")
        price = f" · price {money(up.price)}" if up.price is not None else ""
        self.cost.setText(f"Cost: estimate {money(up.estimate)} · actual so far {money(up.actual)}{price}")
        start = date_text(up.earliest_start, "")
        finish = date_text(up.latest_finish, "")
        when = (f"starts {start} · finishes {finish}" if start and finish else
                f"finishes {finish}" if finish else "not in an applied schedule yet")
        late = [j.number for j in up.jobs if j.late or j.predicted_late]
        self.schedule.setText(f"Schedule: {when} · last due {date_text(up.latest_due)}"
                              + (f" · LATE: {', '.join(late)}" if late else ""))
        self.schedule.setStyleSheet(theme.ERROR_STYLE if late else "")
        bills = up.invoicing
        drafts = f" · {plural(bills.drafts, 'draft')} not issued" if bills.drafts else ""
        self.invoicing.setText(
            f"Invoicing: {plural(bills.invoices, 'invoice')} · invoiced "
            f"{money(bills.invoiced)} · paid {money(bills.paid)} · outstanding {money(bills.outstanding)}{drafts}")
