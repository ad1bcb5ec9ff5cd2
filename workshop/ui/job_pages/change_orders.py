"""The job's Change orders page: what the customer asked to change, its price and time, and
their decision; approved changes move the budget and the due date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.statuses import ChangeOrderStatus, is_open_job
from ...domain.wording import plural
from ...services import jobs, change_orders
from ...services.jobs import JobDetail
from .. import theme
from ..dates import date_text
from ..models.costing_models import RIGHT, UNDER, RowsModel, plain_number
from ..models.paged import Column
from ..models.roles import RowRole
from ..widgets.cost_common import heading, money_formatter, table_view
from .base import JobPage

def _days(n: int) -> str:
    return "—" if n == 0 else f"{n:+d} day" + ("" if abs(n) == 1 else "s")


def co_columns(money) -> list[Column]:
    return [
        Column("Change", lambda r: f"CO{r.number}"),
        Column("Description", lambda r: r.description.splitlines()[0] if r.description else "",
            tooltip=lambda r: r.description),
        Column("Asked by", lambda r: r.requested_by or "—",
            tooltip=lambda r: f"asked on {date_text(r.requested_on, '—')}"),
        Column("Price", lambda r: money(r.price_change), RIGHT),
        Column("Days", lambda r: _days(r.days_delta), RIGHT),
        Column("Status", lambda r: r.status.label + (f" {date_text(r.decided_on, '—')}" if r.decided_on else ""),
            tooltip=lambda r: r.decision_note or "",
            colour=lambda r: UNDER if r.status is ChangeOrderStatus.APPROVED else None),
        Column("Cost impact", lambda r: money(r.cost_impact.amount), RIGHT,
               tooltip=lambda r: r.cost_impact.explanation),
        Column("Budget after", lambda r: money(r.new_budget.amount), RIGHT, tooltip=lambda r: r.new_budget.explanation),
        Column("Due after", lambda r: date_text(r.new_due_date, '—'), tooltip=lambda r: r.due_date_explanation),
    ]


class ChangeOrdersPage(JobPage):
    title = "Change orders"
    reload_on = Change.JOBS | Change.SETTINGS | Change.CHANGE_ORDERS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("changeOrdersPage")
        self.money = money_formatter(ctx.db)
        self.dialog = None
        self.model = RowsModel(co_columns(self.money), parent=self,
                               muted=lambda r: r.status is ChangeOrderStatus.REJECTED)
        self.view = table_view(self.model, "changeOrderTable", stretch=1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.summary = QLabel(objectName="changeSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.detail = QLabel(objectName="changeDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(theme.PANEL_STYLE)
        self.new_button = QPushButton("New change order…", objectName="newChangeOrder")
        self.approve_button = QPushButton("Approved…", objectName="approveChangeOrder")
        self.approve_button.setToolTip("The customer approved the selected change")
        self.reject_button = QPushButton("Rejected…", objectName="rejectChangeOrder")
        self.reject_button.setToolTip("The customer turned the selected change down")
        self.new_button.clicked.connect(self.new_change)
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.reject_button.clicked.connect(lambda: self.decide(approve=False))
        buttons = QHBoxLayout()
        buttons.addWidget(heading("Changes the customer asked for"))
        buttons.addStretch(1)
        for b in (self.new_button, self.approve_button, self.reject_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)

    def load(self, job: JobDetail | None) -> None:
        if job is not None:  # the page may hold an older copy (budget, status)
            job = self.job = self.ctx.call(self, jobs.get_job, job.id).value
        self.money = money_formatter(self.ctx.db)
        self.model.set_columns(co_columns(self.money))
        rows = self.ctx.call(self, change_orders.list_change_orders, job.id).value if job is not None else None
        self.model.set_rows(rows or [])
        if job is None:
            self.summary.setText("Choose a job to see its change orders.")
        else:
            approved = [r for r in rows or [] if r.status is ChangeOrderStatus.APPROVED]
            budget = self.money(job.budget) if job.budget is not None else "not set"
            extra = (f"  ·  {plural(len(approved), 'approved change')}: "
                     f"{self.money(sum((r.price_change for r in approved), 0))}" if approved else "")
            self.summary.setText(f"Budget {budget}  ·  due {date_text(job.due_date, '—')}{extra}")
        self.new_button.setEnabled(job is not None and is_open_job(job.status))
        if self.model.rowCount():
            self.view.selectRow(self.model.rowCount() - 1)
        self._selected()

    def current(self):
        index = self.view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _selected(self) -> None:
        co = self.current()
        proposed = co is not None and co.status is ChangeOrderStatus.PROPOSED
        self.approve_button.setEnabled(proposed)
        self.reject_button.setEnabled(proposed)
        if co is None:
            self.detail.setText("A change order records what the customer asked to change, with its price and "
                                "time. When they approve it, the budget and due date move and the work joins the "
                                "routing and bill of materials.")
            return
        parts = [f"{co.label}: {co.description}"]
        if co.hours:
            parts.append("Hours: " + ", ".join(f"{h.workstation_code} {plain_number(h.minutes)} min"
                                               for h in co.hours))
        if co.materials:
            parts.append("Materials: " + ", ".join(f"{plain_number(m.quantity)} {m.unit} {m.description}"
                                                   for m in co.materials))
        parts.append(f"Cost at today's rates: {self.money(co.cost_impact.amount)} ({co.cost_impact.explanation})")
        parts.append(f"Budget {'now' if co.status is ChangeOrderStatus.APPROVED else 'would be'} "
                     f"{self.money(co.new_budget.amount)}; due {date_text(co.new_due_date, '—')} "
                     f"({co.due_date_explanation})")
        self.detail.setText("\n".join(parts))

    def new_change(self) -> None:
        from ..dialogs.change_order import ChangeOrderDialog

        if self.job is not None:
            self.dialog = ChangeOrderDialog(self.ctx, self.job, self.money, self)
            self.dialog.open()

    def decide(self, *, approve: bool) -> None:
        from ..dialogs.change_order import DecideChangeDialog

        co = self.current()
        if co is not None and co.status is ChangeOrderStatus.PROPOSED:
            self.dialog = DecideChangeDialog(self.ctx, co, approve=approve, money=self.money, parent=self)
            self.dialog.open()
