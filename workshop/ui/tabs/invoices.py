"""Invoices: every invoice and credit note, by status, with what customers owe by age above.
Search as you type; open one (Enter, double-click) in its editor; issue, take a payment, credit,
print, save as a Factur-X e-invoice, export to the accounts from here."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.wording import plural
from ...services import invoices
from ...services.invoice_views import InvoiceRow
from .. import theme
from ..context import AppContext
from ..dialogs import invoice_actions as act
from ..dialogs.form_dialog import SimpleDialog
from ..dialogs.invoice_editor import open_invoice
from ..models import invoices_model as im
from ..models.roles import RowRole
from ..widgets.aged_debts import AgedDebtsStrip
from ..widgets.cost_common import table_view
from ..widgets.customer_picker import CustomerPicker
from ..widgets.table_rows import select_whole_row
from .base import WorkshopTab

SEARCH_DELAY_MS = 200


class NewInvoiceDialog(SimpleDialog):
    """A manual invoice: whom it is for. Its lines are typed in the editor that opens next."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("New invoice", object_name="newInvoiceDialog", parent=parent, ok_text="Make the draft",
                         intro="A manual invoice with lines of your own: a repair, a chargeable visit. A job's "
                               "deposit, progress and final invoices are made from the job (Invoice…).",
                         general_error=True)
        self.ctx = ctx
        self.invoice = None
        self.customer = self.add_row("&Customer", CustomerPicker(ctx), "customer_id")
        self.finish(520, minimum=(460, 0), guard=None)

    def save(self) -> None:
        self.errors.clear()
        outcome = self.ctx.call(self, invoices.create_draft, kind="manual", customer_id=self.customer.customer_id(),
                                on_invalid=self.errors.show)
        if outcome.ok:
            self.invoice = outcome.value
            self.accept()


class InvoicesTab(WorkshopTab):
    tab_id = "invoices"
    title = "Invoices"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        heading = QLabel("Invoices")
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.aged = AgedDebtsStrip(ctx)
        top = QHBoxLayout()
        top.addWidget(heading, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(18)
        top.addWidget(self.aged, 1)

        self.search = QLineEdit(objectName="invoiceSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText("Search number, customer, job…  (Ctrl+F)")
        self.status_filter = QComboBox(objectName="invoiceStatusFilter")
        for label, status in im.STATUS_FILTERS:
            self.status_filter.addItem(label, status)
        self.count_label = QLabel(objectName="invoiceCount")
        self.count_label.setStyleSheet(theme.HINT_STYLE)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.count_label)

        self.model = im.InvoicesModel(ctx.db, ctx.locale, self)
        self.table = table_view(self.model, "invoiceTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # to export a few
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # fixed widths: a long list never waits
        for column, width in ((im.NUMBER, 120), (im.KIND, 90), (im.CUSTOMER, 220), (im.JOB, 110), (im.ISSUED, 100),
                              (im.DUE, 100), (im.GROSS, 110), (im.BALANCE, 110), (im.STATUS, 130)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(im.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.installEventFilter(self)  # Enter opens the invoice

        def button(text: str, name: str, slot, tip: str = ""):
            return act.action_button(text, name, slot, tip=tip)

        self.new_button = button("&New invoice…", "newInvoice", self.new_record, "A manual invoice (Ctrl+N)")
        self.open_button = button("&Open", "openInvoice", self.open_current, "Open the invoice (Enter)")
        self.issue_button = button("&Issue…", "issueInvoice", self.issue, "Give the draft its number")
        self.pay_button = button("Record &payment…", "recordPayment", self.record_payment)
        self.credit_button = button("&Credit note…", "creditNote", self.credit)
        self.print_button = button("Print / pre&view…", "printInvoice", self.print_current, "(Ctrl+P)")
        self.facturx_button = button("Save &Factur-X PDF…", "saveFacturx", self.save_facturx,
                                     "The invoice as an EN 16931 e-invoice: a PDF carrying its XML")
        self.export_button = button("E&xport…", "exportInvoices", self.export,
                                    "Invoices of a period, or those selected, for Xero, QuickBooks or as CSV")
        actions = act.button_row((self.new_button, self.open_button, self.issue_button, self.pay_button,
                                  self.credit_button), (self.print_button, self.facturx_button, self.export_button))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.reload)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.reload()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_current()
            return True
        return super().eventFilter(obj, event)

    # --- the list -----------------------------------------------------------------------------
    def reload(self, keep_id: int | None = None) -> None:
        self._debounce.stop()
        keep = keep_id if keep_id is not None else getattr(self.current(), "id", None)
        self.model.locale = self.ctx.locale
        self.model.set_filter(self.search.text(), self.status_filter.currentData())
        self.count_label.setText(plural(self.model.total(), "invoice"))
        self.aged.reload()
        if keep is not None:
            self.select_invoice(keep)
        self._update_actions()
        self.status_changed.emit()

    def select_invoice(self, invoice_id: int) -> bool:
        row = self.model.fetch_row(lambda r: r.id == invoice_id)
        if row >= 0:
            select_whole_row(self.table, row)
        return row >= 0

    def open_record(self, kind: str, record_id: int) -> None:
        """Another tab asked for an invoice (the Start page): list it, whatever the search or
        filter was, select it and open it."""
        if kind != "invoice":
            return
        if not self.select_invoice(record_id):
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.status_filter.blockSignals(True)
            self.status_filter.setCurrentIndex(0)  # all
            self.status_filter.blockSignals(False)
            self.reload(record_id)
        self.table.setFocus()
        QTimer.singleShot(0, lambda: self._open(record_id))  # after the click that asked has returned

    def current(self) -> InvoiceRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.data(RowRole)

    def selected_ids(self) -> tuple[int, ...]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return tuple(self.model.row_at(row).id for row in rows)

    def _update_actions(self) -> None:
        row = self.current()
        self.open_button.setEnabled(row is not None)
        self.issue_button.setEnabled(act.is_draft(row))
        self.pay_button.setEnabled(act.can_pay(row))
        self.credit_button.setEnabled(act.can_credit(row))
        self.print_button.setEnabled(row is not None)
        self.facturx_button.setEnabled(row is not None and not act.is_draft(row))

    # --- actions ------------------------------------------------------------------------------
    def new_record(self) -> None:
        dialog = NewInvoiceDialog(self.ctx, self)
        if act.run_modal(dialog) and dialog.invoice is not None:
            self.reload(dialog.invoice.id)
            self._open(dialog.invoice.id)

    def _open(self, invoice_id: int) -> None:
        open_invoice(self, self.ctx, invoice_id)
        self.reload(invoice_id)

    def open_current(self) -> None:
        if (row := self.current()) is not None:
            self._open(row.id)

    def issue(self) -> None:
        if (row := self.current()) is not None and act.is_draft(row):
            act.issue_invoice(self, self.ctx, row)

    def record_payment(self) -> None:
        if (row := self.current()) is not None and act.can_pay(row):
            act.record_payment(self, self.ctx, row.id)

    def credit(self) -> None:
        if (row := self.current()) is not None and act.can_credit(row):
            note = act.make_credit_note(self, self.ctx, row.id)
            if note is not None:
                self.reload(note.id)
                self._open(note.id)

    def print_current(self) -> None:
        if (row := self.current()) is not None:
            act.preview_invoice(self, self.ctx, row)

    def save_facturx(self) -> None:
        if (row := self.current()) is not None and not act.is_draft(row):
            act.save_facturx(self, self.ctx, row)

    def export(self) -> None:
        from ..dialogs.invoice_export import InvoiceExportDialog

        issued = tuple(i for i in self.selected_ids() if not act.is_draft(self.model.row_at(self.model.row_of(i))))
        act.run_modal(InvoiceExportDialog(self.ctx, self, selected_ids=issued if len(issued) > 1 else ()))

    # --- the WorkshopTab contract -------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def status_text(self) -> str:
        return self.count_label.text() + " listed"

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & (Change.INVOICES | Change.JOBS | Change.CUSTOMERS | Change.SETTINGS):
            self.reload()

    def save_state(self) -> dict[str, object]:
        return {"status_filter": self.status_filter.currentIndex()}

    def restore_state(self, state: dict[str, object]) -> None:
        try:
            index = int(state.get("status_filter", 0))
        except (TypeError, ValueError):
            index = 0
        if 0 < index < self.status_filter.count():
            self.status_filter.setCurrentIndex(index)
