"""The invoices list: number (a draft has none yet), kind, customer, job, dates, gross, balance
and status, paged lazily; an overdue invoice is red and says how many days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt

from ...db.engine import Database
from ...domain.invoice_status import InvoiceStatus
from ...domain.invoicing import InvoiceKind
from ...domain.money import format_money
from ...domain.wording import plural
from ...services import invoice_views
from ...services.invoice_views import InvoiceRow
from .. import theme
from ..dates import date_text
from .paged import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: The status filter: (label, what ``invoice_views.list_invoices`` takes as ``status``).
STATUS_FILTERS: list[tuple[str, str | None]] = [
    ("All", None),
    ("Drafts", InvoiceStatus.DRAFT.value),
    ("Unpaid", "unpaid"),
    ("Overdue", "overdue"),
    ("Paid", InvoiceStatus.PAID.value),
    ("Credit notes", "credit_notes"),
]


def status_text(row: InvoiceRow, today: dt.date) -> str:
    """"Issued", "Part paid", "Overdue 12 days"."""
    days = row.days_overdue(today)
    return f"Overdue {plural(days, 'day')}" if days else row.status.label


def invoice_columns(locale: str, today: dt.date) -> list[Column]:
    texts: dict[tuple[Decimal, str], str] = {}  # each amount written once a load: the view asks at every paint

    def money(amount, row: InvoiceRow) -> str:
        if amount is None:
            return ""
        if (text := texts.get((amount, row.currency))) is None:
            text = texts[amount, row.currency] = format_money(amount, row.currency, locale)
        return text

    settled = (InvoiceStatus.DRAFT, InvoiceStatus.PAID)
    return [
        Column("Number", lambda r: r.number or "Draft"),
        Column("Kind", lambda r: r.kind.label),
        Column("Customer", lambda r: r.customer_name),
        Column("Job", lambda r: r.job_number),
        Column("Issued", lambda r: date_text(r.issue_date)),
        Column("Due", lambda r: date_text(r.due_date)),
        Column("Gross", lambda r: money(r.gross, r), RIGHT,
               tooltip=lambda r: "worked out when the draft is opened" if r.gross is None else ""),
        Column("Balance", lambda r: "" if r.status in settled or r.kind is InvoiceKind.CREDIT_NOTE
               else money(r.balance, r), RIGHT, tooltip=lambda r: "what the customer still owes"),
        Column("Status", lambda r: status_text(r, today)),
    ]


NUMBER, KIND, CUSTOMER, JOB, ISSUED, DUE, GROSS, BALANCE, STATUS = range(9)


class InvoicesModel(PagedTableModel):
    def __init__(self, db: Database, locale: str, parent=None) -> None:
        self._db = db
        self.locale = locale
        self.search = ""
        self.status: str | None = None
        self.today: dt.date = db.today()
        super().__init__(invoice_columns(locale, self.today), self._page, parent)

    def reload(self, fetch_page: Callable | None = None) -> None:
        self.today = self._db.today()  # overdue is worked out from today, which moves
        self._columns = invoice_columns(self.locale, self.today)
        super().reload(fetch_page)

    def _page(self, offset: int, limit: int):
        return invoice_views.list_invoices(self._db, status=self.status, search=self.search, today=self.today,
                                           limit=limit, offset=offset)

    def set_filter(self, search: str, status: str | None) -> None:
        self.search, self.status = search, status
        self.reload()

    def total(self) -> int:
        return invoice_views.count_invoices(self._db, status=self.status, search=self.search, today=self.today)

    def row_of(self, invoice_id: int) -> int:
        return self.find_row(lambda r: r.id == invoice_id)

    def extra_data(self, row: InvoiceRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.days_overdue(self.today):
                return theme.brush(theme.ALARM)
            if row.status is InvoiceStatus.DRAFT:
                return theme.brush(theme.MUTED)
            if column == STATUS and row.status is InvoiceStatus.PAID:
                return theme.brush(theme.GOOD)
        return None


__all__ = ["InvoicesModel", "STATUS_FILTERS", "invoice_columns", "status_text"]
