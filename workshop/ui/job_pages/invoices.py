"""The job's Invoices page: its deposit, progress and final invoices, their credit notes and the
invoices of its aftercare tickets, with what each still owes; opening one shows it in the invoice
editor. New ones come from Invoice… on the job bar."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.invoice_status import InvoiceStatus
from ...domain.invoicing import InvoiceKind
from ...domain.wording import plural
from ...services import invoice_views
from ...services.invoice_views import InvoiceRow
from ...services.jobs import JobDetail
from .. import theme
from ..dates import date_text
from ..models.costing_models import RIGHT, RowsModel
from ..models.invoices_model import status_text
from ..models.paged import Column
from ..models.roles import RowRole
from ..plain_text import plain_label
from ..widgets.cost_common import heading, money_formatter, table_view
from .base import JobPage

OVERDUE = QColor(theme.ALARM)


class JobInvoicesPage(JobPage):
    title = "Invoices"
    reload_on = Change.INVOICES | Change.JOBS | Change.SETTINGS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobInvoicesPage")
        self.money = money_formatter(ctx.db)
        self.model = RowsModel(self._columns(), parent=self,
                               muted=lambda r: r.status is InvoiceStatus.DRAFT)
        self.view = table_view(self.model, "jobInvoiceTable", stretch=1)
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.summary = plain_label(objectName="jobInvoiceSummary", wordWrap=True)
        self.open_button = QPushButton("Open invoice", objectName="openJobInvoice")
        self.open_button.clicked.connect(self.open_current)
        row = QHBoxLayout()
        row.addWidget(heading("Invoices and credit notes"))
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def _columns(self) -> list[Column]:
        today = self.ctx.db.today()

        def money(amount: Decimal | None) -> str:
            return "—" if amount is None else self.money(amount)

        return [
            Column("Number", lambda r: r.number or "Draft"),
            Column("Kind", lambda r: r.kind.label),
            Column("Issued", lambda r: date_text(r.issue_date, "—")),
            Column("Gross", lambda r: money(r.gross), RIGHT,
                   tooltip=lambda r: "A draft's figure is worked out when it is issued." if r.gross is None else ""),
            Column("Balance", lambda r: money(r.balance) if _owes(r) else "—", RIGHT),
            Column("Status", lambda r: status_text(r, today),
                   colour=lambda r: OVERDUE if r.days_overdue(today) else None),
        ]

    def load(self, job: JobDetail | None) -> None:
        self.money = money_formatter(self.ctx.db)
        self.model.set_columns(self._columns())
        rows = invoice_views.list_invoices(self.ctx.db, job_id=job.id, limit=None) if job is not None else ()
        self.model.set_rows(list(reversed(rows)))  # oldest first: the order the job was billed in
        self.summary.setText(self._summary(job, rows))
        if rows:
            self.view.selectRow(len(rows) - 1)  # the newest, ready to open
        self._selected()

    def _summary(self, job: JobDetail | None, rows) -> str:
        if job is None:
            return "Choose a job to see its invoices."
        if not rows:
            return "No invoices yet: Invoice… above drafts a deposit, progress or final invoice."
        issued = [r for r in rows if r.status is not InvoiceStatus.DRAFT]
        billed = sum((-r.gross if r.kind is InvoiceKind.CREDIT_NOTE else r.gross for r in issued), Decimal(0))
        owed = sum((r.balance for r in issued if _owes(r)), Decimal(0))
        drafts = len(rows) - len(issued)
        words = f"{plural(len(issued), 'issued invoice')}: {self.money(billed)} billed, {self.money(owed)} owed"
        return words + (f"  ·  {plural(drafts, 'draft')} not issued yet" if drafts else "")

    def current(self) -> InvoiceRow | None:
        index = self.view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _selected(self) -> None:
        self.open_button.setEnabled(self.current() is not None)

    def open_current(self) -> None:
        from ..dialogs.job_invoice import open_in_editor

        row = self.current()
        if row is not None:
            open_in_editor(self, self.ctx, row.id)


def _owes(row: InvoiceRow) -> bool:
    return row.status is not InvoiceStatus.DRAFT and row.kind is not InvoiceKind.CREDIT_NOTE
