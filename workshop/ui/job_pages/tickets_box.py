"""The aftercare tickets of a job, on its Delivery & aftercare page: open, edit, move a ticket
along its statuses, and invoice a chargeable one (a manual invoice at the ticket's cost, opened
in the invoice editor)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout

from ...domain import quality as q
from ...domain import statuses as st
from ...domain.errors import ValidationError
from ...services import aftercare
from ...services.jobs import JobDetail
from .. import theme
from ..models.quality_models import TicketsModel, ticket_status_label
from ..plain_text import plain_label
from .quality import table


class TicketsBox(QGroupBox):
    def __init__(self, ctx, money, parent=None) -> None:
        super().__init__("Aftercare tickets", parent, objectName="ticketsBox")
        self.ctx = ctx
        self.job: JobDetail | None = None
        self.warranty: aftercare.WarrantyView | None = None
        self.dialog = None
        self.tickets_model = TicketsModel(self, money=money)
        self.tickets = table("ticketsTable", self.tickets_model)
        self.tickets.horizontalHeader().setStretchLastSection(False)
        self.tickets.horizontalHeader().setSectionResizeMode(TicketsModel.PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.tickets.setMinimumHeight(90)
        self.open_ticket_button = QPushButton("Open ticket…", objectName="openTicket")
        self.edit_ticket_button = QPushButton("Edit…", objectName="editTicket")
        self.invoice_ticket_button = QPushButton("Invoice…", objectName="invoiceTicket")
        self.ticket_status = QComboBox(objectName="ticketStatus")
        self.ticket_status_button = QPushButton("Set status", objectName="setTicketStatus")
        self.ticket_error = plain_label(objectName="error_ticket", wordWrap=True)
        self.ticket_error.setStyleSheet(theme.ERROR_STYLE)
        row = QHBoxLayout()
        for button in (self.open_ticket_button, self.edit_ticket_button, self.invoice_ticket_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(QLabel("Move to"))
        row.addWidget(self.ticket_status)
        row.addWidget(self.ticket_status_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tickets, 1)
        layout.addWidget(self.ticket_error)
        layout.addLayout(row)

        self.open_ticket_button.clicked.connect(self.open_ticket)
        self.edit_ticket_button.clicked.connect(self.edit_ticket)
        self.invoice_ticket_button.clicked.connect(self.invoice_ticket)
        self.ticket_status_button.clicked.connect(self.set_ticket_status)
        self.tickets.selectionModel().selectionChanged.connect(lambda *_: self._ticket_selected())
        self.tickets.doubleClicked.connect(lambda _i: self.edit_ticket())

    def load(self, job: JobDetail | None, warranty: aftercare.WarrantyView | None = None,
             tickets: tuple[aftercare.TicketView, ...] | None = None) -> None:
        """Show ``job``'s tickets: ``tickets`` when they were read with the page, else read here."""
        self.job, self.warranty = job, warranty
        self.ticket_error.hide()
        if job is None:
            self.tickets_model.set_rows([])
            return
        keep = self.current_ticket()
        self.tickets_model.set_rows(list(tickets) if tickets is not None else
                                    aftercare.list_tickets(self.ctx.db, job_id=job.id))
        if keep is not None:
            row = self.tickets_model.find_row(lambda t: t.id == keep.id)
            if row >= 0:
                self.tickets.selectRow(row)
        tickets_open = st.can_open_ticket(job.status)
        self.open_ticket_button.setEnabled(tickets_open)
        self.open_ticket_button.setToolTip("" if tickets_open else st.TICKETS_WAIT)
        self._ticket_selected()

    def current_ticket(self) -> aftercare.TicketView | None:
        rows = self.tickets.selectionModel().selectedRows()
        return self.tickets_model.row_at(rows[0].row()) if rows else None

    def _ticket_selected(self) -> None:
        t = self.current_ticket()
        self.ticket_status.clear()
        for status in (t.allowed_statuses if t else ()):
            self.ticket_status.addItem(ticket_status_label(status), status)
        self.edit_ticket_button.setEnabled(t is not None and t.status != q.TicketStatus.CLOSED)
        self.invoice_ticket_button.setEnabled(t is not None and not t.under_warranty)
        self.invoice_ticket_button.setToolTip("Under warranty: the customer is not charged." if t and t.under_warranty
                                              else "A manual invoice for the ticket, at its cost.")
        self.ticket_status.setEnabled(self.ticket_status.count() > 0)
        self.ticket_status_button.setEnabled(self.ticket_status.count() > 0)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._ticket_saved(dialog.result_value))
        dialog.open()

    def _ticket_saved(self, ticket) -> None:
        self.load(self.job, self.warranty)
        row = self.tickets_model.find_row(lambda t: t.id == ticket.id)
        if row >= 0:
            self.tickets.selectRow(row)

    def open_ticket(self) -> None:
        from ..dialogs.ticket_editor import TicketDialog

        if self.job is not None:
            self._open(TicketDialog(self.ctx, self.job.id, warranty=self.warranty, parent=self))

    def edit_ticket(self) -> None:
        from ..dialogs.ticket_editor import TicketDialog

        t = self.current_ticket()
        if t is not None and t.status != q.TicketStatus.CLOSED and self.job is not None:
            self._open(TicketDialog(self.ctx, self.job.id, ticket=t, warranty=self.warranty, parent=self))

    def invoice_ticket(self) -> None:
        """Draft the chargeable ticket's invoice and open it (a refusal says why: under warranty,
        or already on an invoice, named)."""
        from ...services.ticket_invoices import draft_for_ticket
        from ..dialogs.job_invoice import open_in_editor

        t = self.current_ticket()
        drafted = self.ctx.call(self, draft_for_ticket, t.id) if t is not None else None
        if drafted is not None and drafted.ok:
            open_in_editor(self, self.ctx, drafted.value.id)

    def set_ticket_status(self) -> None:
        t = self.current_ticket()
        status = self.ticket_status.currentData()
        if t is None or status is None:
            return
        self.ticket_error.hide()

        def show(error: ValidationError) -> None:
            self.ticket_error.setText(error.message)
            self.ticket_error.show()

        saved = self.ctx.call(self, aftercare.set_ticket_status, t.id, status, on_invalid=show)
        if saved.ok:
            self._ticket_saved(saved.value)
