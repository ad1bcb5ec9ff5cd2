"""Invoice… from a job: a deposit (a % or an amount of the accepted quote, the % the quote's terms
ask for, else 30%), a progress invoice (a % of the contract with its changes, an amount, and the
milestone reached) or the final invoice (the contract and approved change orders, less each earlier
invoice by number). OK drafts it through services.job_invoices and opens it in the invoice editor."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QRadioButton,
                               QStackedWidget, QWidget)

from ...domain.errors import ValidationError
from ...domain.invoicing import InvoiceKind, invoice_totals, line_net
from ...domain.job_statement import INVOICE_WAITS, can_bill_final, can_bill_stage
from ...domain.statuses import not_yet
from ...domain.locale_text import format_number
from ...services import job_invoices
from ...services.jobs import JobDetail
from .. import theme
from ..context import AppContext
from ..models.costing_models import RIGHT, RowsModel
from ..models.paged import Column
from ..plain_text import plain_label
from ..widgets.cost_common import money_formatter, table_view
from .form_dialog import SimpleDialog

#: The deposit offered when the quote's terms ask for none.
DEFAULT_DEPOSIT = Decimal(30)
KIND_LABELS = {InvoiceKind.DEPOSIT: "&Deposit", InvoiceKind.PROGRESS: "&Progress", InvoiceKind.FINAL: "&Final"}


def open_in_editor(parent: QWidget | None, ctx: AppContext, invoice_id: int) -> None:
    """An invoice in the invoice editor: a draft just made, to check and issue; an issued one, to pay
    or credit."""
    from .invoice_editor import open_invoice

    open_invoice(parent, ctx, invoice_id)


def invoice_job(parent: QWidget | None, ctx: AppContext, job: JobDetail) -> None:
    """The job bar's Invoice…: what the job has been billed (refused, saying why, without an
    accepted quote), the choice of invoice, then the drafted invoice in its editor."""
    billing = ctx.call(parent, job_invoices.job_billing, job.id)
    if not billing.ok:
        return
    dialog = JobInvoiceDialog(ctx, job, billing.value, parent)
    accepted = dialog.exec()
    dialog.deleteLater()  # asked each time: not kept as a hidden child of the job bar
    if accepted and dialog.drafted is not None:
        open_in_editor(parent, ctx, dialog.drafted.id)


class _Share(QWidget):
    """A percentage or an amount (one of the two), typed as the shop writes figures."""

    def __init__(self, name: str, percent_words: str, percent: str = "") -> None:
        super().__init__()
        self.by_percent = QRadioButton(percent_words, objectName=f"{name}ByPercent", checked=True)
        self.by_amount = QRadioButton("Amount (net)", objectName=f"{name}ByAmount")
        self.percent = QLineEdit(objectName=f"{name}Percent", maximumWidth=80)
        self.amount = QLineEdit(objectName=f"{name}Amount", maximumWidth=120)
        for edit in (self.percent, self.amount):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.percent.textEdited.connect(lambda _t: self.by_percent.setChecked(True))
        self.amount.textEdited.connect(lambda _t: self.by_amount.setChecked(True))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.percent)
        row.addWidget(QLabel("%"))
        row.addStretch(1)
        form.addRow(self.by_percent, row)
        form.addRow(self.by_amount, self.amount)
        self.form = form
        self.percent.setText(percent)

    def typed(self) -> dict:
        """``percent=…`` or ``amount=…`` as typed: the service reads it in the shop's locale."""
        return {"percent": self.percent.text()} if self.by_percent.isChecked() else {"amount": self.amount.text()}


class JobInvoiceDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, job: JobDetail, billing: job_invoices.JobBilling,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Invoice {job.number}", object_name="jobInvoiceDialog", parent=parent,
                         intro=f"{job.number} · {job.title} · {job.customer_name}", ok_text="Draft invoice",
                         general_error=True)
        self.ctx, self.job, self.billing = ctx, job, billing
        self.money = money_formatter(ctx.db)
        self.drafted = None
        self.summary = plain_label(self._summary_text(), objectName="billingSummary", wordWrap=True)
        self.summary.setStyleSheet(theme.PANEL_STYLE)
        self.body.addWidget(self.summary)

        self.kinds = QButtonGroup(self)
        kinds_row = QHBoxLayout()
        self.kind_buttons: dict[InvoiceKind, QRadioButton] = {}
        for kind, label in KIND_LABELS.items():
            button = QRadioButton(label, objectName=f"kind_{kind.value}")
            self.kinds.addButton(button)
            kinds_row.addWidget(button)
            self.kind_buttons[kind] = button
        kinds_row.addStretch(1)
        self.body.addLayout(kinds_row)

        suggested = billing.deposit_percent or DEFAULT_DEPOSIT
        self.deposit = _Share("deposit", f"Percentage of quote {billing.quote}", self._figure(suggested))
        self.deposit_hint = plain_label(self._deposit_hint(), objectName="depositHint", wordWrap=True)
        self.deposit_hint.setStyleSheet(theme.HINT_STYLE)
        self.deposit.form.addRow(self.deposit_hint)
        self.progress = _Share("progress", "Percentage of the contract with its changes")
        self.milestone = QLineEdit(objectName="progressMilestone", placeholderText="e.g. Carcasses fitted")
        self.progress.form.addRow("Milestone", self.milestone)
        self.final_model = RowsModel(self._final_columns(), parent=self)
        self.final_table = table_view(self.final_model, "finalLines", stretch=0)
        self.final_page = QWidget()
        final_layout = QFormLayout(self.final_page)
        final_layout.setContentsMargins(0, 0, 0, 0)
        final_layout.addRow(self.final_table)
        self.pages = QStackedWidget(objectName="invoiceKindPages")
        for page in (self.deposit, self.progress, self.final_page):
            self.pages.addWidget(page)
        self.body.addWidget(self.pages, 1)
        self.preview = plain_label(objectName="invoicePreview", wordWrap=True)
        self.body.addWidget(self.preview)

        self._offer_kinds()
        self.kinds.buttonToggled.connect(lambda _b, on: on and self._kind_chosen())
        for edit in (self.deposit.percent, self.deposit.amount, self.progress.percent, self.progress.amount):
            edit.textChanged.connect(lambda _t: self._show_preview())
        for share in (self.deposit, self.progress):
            share.by_percent.toggled.connect(lambda _on: self._show_preview())
        self._kind_chosen()
        self.finish(720, minimum=(560, 0), guard=None)

    # --- what the job has been billed ----------------------------------------------------------
    def _figure(self, amount: Decimal) -> str:
        return format_number(amount.normalize(), self.billing.locale)

    def _summary_text(self) -> str:
        b, money = self.billing, self.money
        lines = [f"Contract (quote {b.quote}): {money(b.contract)} net"]
        changes = sum((line_net(line) for line in b.change_lines), Decimal(0))
        if b.change_lines:
            lines.append(f"Approved change orders: {money(changes)}  ·  contract with changes: "
                         f"{money(b.contract_with_changes)}")
        if b.invoices:
            lines.append("Invoiced before: " + ", ".join(
                f"{i.number} ({i.kind.label.lower()}) {money(i.net)}" for i in b.invoices))
        lines.append(f"Left to invoice: {money(b.contract_with_changes - b.invoiced_net)} net  ·  "
                     f"paid to date: {money(b.paid_to_date)}")
        return "\n".join(lines)

    def _deposit_hint(self) -> str:
        if self.billing.deposit_percent is not None:
            return f"The quote's terms ask for a {self._figure(self.billing.deposit_percent)}% deposit."
        return f"The quote states no deposit: {self._figure(DEFAULT_DEPOSIT)}% is suggested."

    def _final_columns(self) -> list[Column]:
        return [Column("Line", lambda ln: ln.description),
                Column("Qty", lambda ln: format_number(ln.quantity.normalize(), self.billing.locale), RIGHT),
                Column("Net", lambda ln: self.money(line_net(ln)), RIGHT)]

    def _has_final(self) -> bool:
        return any(i.kind is InvoiceKind.FINAL for i in self.billing.invoices)

    def _offer_kinds(self) -> None:
        """Each kind enabled while the job's status lets it be billed; the one that fits checked."""
        status = self.job.status
        stage = can_bill_stage(status)
        final = can_bill_final(status) and not self._has_final()
        for kind in (InvoiceKind.DEPOSIT, InvoiceKind.PROGRESS):
            self.kind_buttons[kind].setEnabled(stage)
            self.kind_buttons[kind].setToolTip("" if stage else not_yet(self.job.number, status, INVOICE_WAITS))
        self.kind_buttons[InvoiceKind.FINAL].setEnabled(final)
        self.kind_buttons[InvoiceKind.FINAL].setToolTip(
            "" if final else f"{self.job.number} has its final invoice already: correct it with a credit note."
            if self._has_final() else not_yet(self.job.number, status, INVOICE_WAITS))
        preferred = (InvoiceKind.FINAL, InvoiceKind.DEPOSIT if not self.billing.invoices else InvoiceKind.PROGRESS)
        chosen = next((kind for kind in preferred if self.kind_buttons[kind].isEnabled()), InvoiceKind.FINAL)
        self.kind_buttons[chosen].setChecked(True)
        self.ok_button.setEnabled(self.kind_buttons[chosen].isEnabled())

    def kind(self) -> InvoiceKind:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def _kind_chosen(self) -> None:
        kind = self.kind()
        self.pages.setCurrentIndex(list(KIND_LABELS).index(kind))
        self.errors.clear()
        if kind is InvoiceKind.FINAL:
            self._show_final()
        self._show_preview()

    # --- what this invoice will bill --------------------------------------------------------------
    def _show_final(self) -> None:
        try:
            lines = self.billing.final_invoice_lines()
        except ValidationError as error:
            self.final_model.set_rows([])
            self.errors.show(error)
            return
        self.final_model.set_rows(lines)

    def _show_preview(self) -> None:
        """The net figure the service will bill, worked out as it will (or why it cannot be)."""
        if not self.ok_button.isEnabled():  # nothing more to invoice: say why
            self.preview.setText(self.kind_buttons[InvoiceKind.FINAL].toolTip())
            return
        try:
            text = self._preview_text()
        except ValidationError as error:
            text = error.message
        self.preview.setText(text)

    def _preview_text(self) -> str:
        b, kind, money = self.billing, self.kind(), self.money
        if kind is InvoiceKind.FINAL:
            totals = invoice_totals(self.final_model.rows())
            return (f"The final invoice bills {money(totals.net)} net + {money(totals.tax)} tax = "
                    f"{money(totals.gross)}.")
        share = self.deposit if kind is InvoiceKind.DEPOSIT else self.progress
        typed = share.typed()
        if not next(iter(typed.values())).strip():
            return "Type a percentage or an amount."
        figure, percent = b.share(kind, **typed)
        base = b.contract if kind is InvoiceKind.DEPOSIT else b.contract_with_changes
        of = f"{self._figure(percent)}% of {money(base)} = " if percent is not None else ""
        return f"This {kind.value} invoice bills {of}{money(figure)} net, before tax."

    def save(self) -> None:
        kind = self.kind()
        if kind is InvoiceKind.DEPOSIT:
            call = (job_invoices.draft_deposit, self.deposit.typed())
        elif kind is InvoiceKind.PROGRESS:
            call = (job_invoices.draft_progress, {**self.progress.typed(), "milestone": self.milestone.text()})
        else:
            call = (job_invoices.draft_final, {})
        fn, values = call
        drafted = self.ctx.call(self, fn, self.job.id, **values, on_invalid=self.errors.show)
        if drafted.ok:
            self.drafted = drafted.value
            self.accept()
