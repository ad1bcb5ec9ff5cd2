"""One invoice or credit note in its own window. A draft is typed here: its lines (live totals
per tax rate, as the invoice will print them), notes and payment terms; then saved, issued or
deleted. An issued one opens read-only, with its payments and what can still be done to it:
record a payment, credit it, print it, save it as a Factur-X e-invoice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...domain.errors import EditConflict, ValidationError
from ...domain.invoicing import InvoiceTotals, check_lines, invoice_totals
from ...domain.locale_text import format_number
from ...domain.money import format_money
from ...domain.wording import plural
from ...services import invoice_views, invoices, settings
from ...services.invoice_views import InvoiceView
from .. import theme
from ..context import AppContext, Outcome
from ..dates import date_text
from ..models.costing_models import RIGHT, RowsModel
from ..models.paged import Column
from ..plain_text import ask_yes_no, plain_label
from ..widgets.cost_common import heading, table_view
from ..widgets.field_errors import general_error_label
from ..widgets.invoice_lines import CATEGORY_LABELS, InvoiceLinesTable
from ..widgets.sizing import fit_to_screen
from . import invoice_actions as act
from .edit_conflict import resolve_edit, save_from_version
from .payment import METHOD_LABELS
from .unsaved import Leave, ask_unsaved


def open_invoice(parent: QWidget | None, ctx: AppContext, invoice_id: int) -> None:
    """The invoice in its editor, modal: a draft editable, an issued one read-only."""
    act.run_modal(InvoiceEditor(ctx, invoice_id, parent))


def totals_text(totals: InvoiceTotals, money, locale: str) -> tuple[str, str]:
    """(one line per tax rate, the totals line) as the editor shows them."""
    groups = [f"{CATEGORY_LABELS[s.category]} {format_number(s.rate.normalize(), locale)}%: {money(s.taxable)} net, {money(s.tax)} tax"
              + (f" ({s.exemption_reason})" if s.exemption_reason else "") for s in totals.subtotals]
    return "\n".join(groups), (f"Net {money(totals.net)}   ·   Tax {money(totals.tax)}   ·   "
                               f"Gross {money(totals.gross)}")


def payment_columns(money) -> list[Column]:
    return [Column("Date", lambda p: date_text(p.paid_on)), Column("Amount", lambda p: money(p.amount), RIGHT),
            Column("Method", lambda p: METHOD_LABELS.get(p.method, p.method)), Column("Reference", lambda p: p.reference)]


class InvoiceEditor(QDialog):
    def __init__(self, ctx: AppContext, invoice_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceEditor")
        self.ctx = ctx
        self.view: InvoiceView = invoice_views.get_invoice(ctx.db, invoice_id)
        self._saved_values: tuple = ()
        self._ask_before_closing = True
        shop = settings.get_settings(ctx.db)
        self.heading = plain_label(objectName="invoiceHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.info = plain_label(objectName="invoiceInfo", wordWrap=True)
        self.info.setStyleSheet(theme.HINT_STYLE)

        self.lines = InvoiceLinesTable(ctx.locale, self.view.currency, shop.default_tax_rate)
        self.lines.edited.connect(self.update_totals)
        self.add_button = QPushButton("&Add line", objectName="addLine")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton("&Remove line", objectName="removeLine")
        self.remove_button.clicked.connect(self.lines.remove_current)
        self.up_button = QPushButton("Move &up", objectName="moveLineUp")
        self.up_button.clicked.connect(lambda: self.lines.move_current(-1))
        self.down_button = QPushButton("Move &down", objectName="moveLineDown")
        self.down_button.clicked.connect(lambda: self.lines.move_current(1))
        line_buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            line_buttons.addWidget(b)
        line_buttons.addStretch(1)

        self.subtotals = plain_label(objectName="invoiceSubtotals")
        self.totals = plain_label(objectName="invoiceTotals")
        self.totals.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.balance = plain_label(objectName="invoiceBalance")
        self.balance.setStyleSheet("font-weight: bold; font-size: 11pt;")
        figures = QVBoxLayout()
        for label in (self.subtotals, self.totals, self.balance):
            figures.addWidget(label, 0, Qt.AlignmentFlag.AlignRight)
        self.problem = general_error_label()
        self.problem.setObjectName("invoiceProblem")

        self.notes = QPlainTextEdit(objectName="invoiceNotes")
        self.notes.setMaximumHeight(60)
        self.notes.setTabChangesFocus(True)
        self.payment_terms = QLineEdit(objectName="invoicePaymentTerms")
        self.payment_terms.setPlaceholderText(f"Payment within {plural(shop.payment_terms_days, 'day')} of the "
                                              "invoice date (Company settings)")
        form = QFormLayout()
        form.addRow("&Notes", self.notes)
        form.addRow("Payment &terms", self.payment_terms)

        self.money = lambda amount: format_money(amount, self.view.currency, ctx.locale)
        self.payments_heading = heading("Payments")
        self.payments = RowsModel(payment_columns(self.money), parent=self)
        self.payments_view = table_view(self.payments, "invoicePayments", stretch=3)
        self.payments_view.setMaximumHeight(120)

        def button(text: str, name: str, slot, shortcut=None):
            return act.action_button(text, name, slot, shortcut=shortcut)

        self.save_button = button("&Save", "saveInvoice", self.save, QKeySequence.StandardKey.Save)
        self.issue_button = button("&Issue…", "issueInvoice", self.issue)
        self.issue_button.setStyleSheet("font-weight: bold;")
        self.delete_button = button("Delete draft…", "deleteDraft", self.delete)
        self.pay_button = button("Record &payment…", "recordPayment", self.record_payment)
        self.credit_button = button("&Credit note…", "creditNote", self.credit)
        self.print_button = button("Print / pre&view…", "printInvoice", self.preview, QKeySequence.StandardKey.Print)
        self.facturx_button = button("Save &Factur-X PDF…", "saveFacturx", self.save_facturx)
        self.close_button = button("Close", "closeInvoice", self.reject)
        actions = act.button_row((self.save_button, self.issue_button, self.delete_button, self.pay_button,
                                  self.credit_button), (self.print_button, self.facturx_button, self.close_button))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        layout.addLayout(figures)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.payments_heading)
        layout.addWidget(self.payments_view)
        layout.addLayout(actions)
        self.show_invoice(self.view)
        fit_to_screen(self, 1120, 680, minimum=(760, 480))

    # --- showing ------------------------------------------------------------------------------
    def show_invoice(self, view: InvoiceView) -> None:
        self.view = view
        draft = act.is_draft(view)
        what = "credit note" if view.is_credit_note else "invoice"
        kind = "" if view.kind.value in ("manual", "credit_note") else f"{view.kind.label} "
        self.setWindowTitle(f"{'Draft ' + what if draft else view.number} — {view.buyer_name}")
        title = f"{kind}{what}"
        self.heading.setText(f"Draft {title.lower()}" if draft else f"{title[0].upper()}{title[1:]} {view.number}")
        parts = [view.buyer_name]
        if view.job_number:
            parts.append(f"Job {view.job_number}")
        if view.credits_number:
            parts.append(f"Corrects {view.credits_number}")
        if not draft:
            parts.append(f"Issued {date_text(view.issue_date)}")
            if view.due_date:
                parts.append(f"Due {date_text(view.due_date)}")
            days = view.days_overdue(self.ctx.db.today())
            parts.append(f"Overdue {plural(days, 'day')}" if days else view.status.label)
        self.info.setText("   ·   ".join(parts))
        self.lines.blockSignals(True)
        self.lines.set_lines(view.lines)
        self.lines.set_read_only(not draft)
        self.lines.blockSignals(False)
        self.notes.setPlainText(view.notes)
        self.payment_terms.setText(view.payment_terms)
        for w in (self.notes, self.payment_terms):
            w.setReadOnly(not draft)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.save_button,
                  self.issue_button, self.delete_button):
            b.setVisible(draft)
        self.pay_button.setVisible(not draft and not view.is_credit_note)
        self.pay_button.setEnabled(act.can_pay(view))
        self.credit_button.setVisible(not draft and not view.is_credit_note)
        self.facturx_button.setVisible(not draft)
        self.payments_heading.setVisible(bool(view.payments))
        self.payments_view.setVisible(bool(view.payments))
        self.payments.set_rows(view.payments)
        self.problem.hide()
        self.update_totals()
        self._saved_values = self._values()
        self._saved_form = _comparable(self._typed())  # as shown: what a conflict is judged from

    def update_totals(self) -> None:
        if not act.is_draft(self.view):  # the figures as frozen at issue
            totals = self.view.totals
        else:
            try:
                lines = self.lines.typed_lines()
                if lines:
                    check_lines(lines, credit_note=self.view.is_credit_note)
                totals = invoice_totals(lines)
                self.problem.hide()
            except (ValidationError, ArithmeticError) as exc:
                self.subtotals.setText("")
                self.totals.setText("Net —   ·   Tax —   ·   Gross —")
                self.problem.setText(getattr(exc, "message", str(exc)))
                self.problem.show()
                self.balance.setText("")
                return
        groups, figures = totals_text(totals, self.money, self.ctx.locale)
        self.subtotals.setText(groups)
        self.totals.setText(figures)
        v = self.view
        if act.is_draft(v) or v.is_credit_note:
            self.balance.setText("")
        else:
            paid = f"Paid {self.money(v.totals.paid)}   ·   " if v.totals.paid else ""
            credited = f"Credited {self.money(v.credited)}   ·   " if v.credited else ""
            self.balance.setText(f"{paid}{credited}Balance {self.money(v.balance)}")
            self.balance.setStyleSheet("font-weight: bold; font-size: 11pt;"
                                       + (f" color: {theme.ALARM};" if v.is_overdue(self.ctx.db.today()) else ""))

    # --- drafts -------------------------------------------------------------------------------
    def _values(self) -> tuple:
        return (tuple(tuple(sorted(line.items())) for line in self.lines.values()), self.notes.toPlainText(),
                self.payment_terms.text())

    def is_dirty(self) -> bool:
        return act.is_draft(self.view) and self._values() != self._saved_values

    def add_line(self) -> None:
        row = self.lines.add_line(at=self.lines.currentRow() + 1 if self.lines.currentRow() >= 0 else None)
        self.lines.setCurrentCell(row, 0)
        self.lines.setFocus()

    def show_error(self, error: ValidationError) -> None:
        self.problem.setText(error.message)
        self.problem.show()
        self.lines.show_field(error.field)

    def save(self) -> bool:
        if not act.is_draft(self.view):
            return True
        outcome = self._save(self._typed(), self.view.version)
        if outcome.ok:
            self.show_invoice(outcome.value)
        return outcome.ok

    def _typed(self) -> dict:
        return {"lines": self.lines.values(), "notes": self.notes.toPlainText(),
                "payment_terms": self.payment_terms.text()}

    def _save(self, values: dict, version: int) -> Outcome:
        """Save the draft from the version shown; saved on another PC since, ``_resolve``."""
        outcome, conflict = save_from_version(self.ctx, self, invoices.update_draft, self.view.id,
                                              expected_version=version, on_invalid=self.show_error, **values)
        return self._resolve(conflict) if conflict is not None else outcome

    def _resolve(self, conflict: EditConflict) -> Outcome:
        """Someone saved the draft since it was shown: the lines, notes and terms either changed, then
        merge, overwrite or back to the editor with everything typed (asked again at the next save)."""
        typed = self._typed()
        theirs = _comparable(self._form_of(conflict.current))
        names = resolve_edit(self, "the draft", conflict, began=self._saved_form, theirs=theirs,
                             yours=_comparable(typed), labels=DRAFT_LABELS, shown=_shown)
        if names is None:
            return Outcome(False)
        self.view = conflict.current
        self._saved_form = theirs
        return self._save({name: typed[name] for name in names}, conflict.current.version)

    def _form_of(self, view: InvoiceView) -> dict:
        """The draft as the editor shows it, field for field as ``_typed`` reads what is typed."""
        scratch = InvoiceLinesTable(self.ctx.locale, view.currency, self.lines.default_rate)
        scratch.set_lines(view.lines)
        return {"lines": scratch.values(), "notes": view.notes, "payment_terms": view.payment_terms}

    def issue(self) -> None:
        if self.is_dirty() and not self.save():
            return
        issued = act.issue_invoice(self, self.ctx, self.view)
        if issued is not None:
            self.show_invoice(issued)

    def delete(self) -> None:
        if ask_yes_no(self, "Delete the draft", f"Delete {act.label(self.view)}? A draft has no number yet, so "
                                                "the numbering keeps no gap."):
            if self.ctx.call(self, invoices.delete_draft, self.view.id).ok:
                self._ask_before_closing = False
                self.accept()

    # --- issued -------------------------------------------------------------------------------
    def _reload(self) -> None:
        self.show_invoice(invoice_views.get_invoice(self.ctx.db, self.view.id))

    def record_payment(self) -> None:
        if act.record_payment(self, self.ctx, self.view.id) is not None:
            self._reload()

    def credit(self) -> None:
        note = act.make_credit_note(self, self.ctx, self.view.id)
        if note is not None:
            open_invoice(self, self.ctx, note.id)
        self._reload()

    def preview(self) -> None:
        act.preview_invoice(self, self.ctx, self.view)

    def save_facturx(self) -> None:
        act.save_facturx(self, self.ctx, self.view)

    # --- closing ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API: only a person's close asks
        self._ask_before_closing = event.spontaneous()
        super().closeEvent(event)
        self._ask_before_closing = True

    def reject(self) -> None:
        """Close, Esc or the close box: unsaved typing in a draft is saved, thrown away or kept."""
        if self._ask_before_closing and self.is_dirty():
            answer = ask_unsaved(self, "The draft")
            if answer is Leave.CANCEL or (answer is Leave.SAVE and not self.save()):
                return
        super().reject()


#: The draft's parts as the conflict dialog names them.
DRAFT_LABELS = {"lines": "Lines", "notes": "Notes", "payment_terms": "Payment terms"}


def _comparable(form: dict) -> dict:
    """A draft's parts in a form that compares: each line's typed fields, sorted."""
    return {**form, "lines": tuple(tuple(sorted(line.items())) for line in form["lines"])}


def _shown(name: str, value) -> str:
    """A part as a person reads it in the conflict dialog: the lines by their descriptions and amounts."""
    if name != "lines":
        return str(value)
    lines = [dict(line) for line in value]
    return "; ".join(f"{line['description']} {line['quantity']} × {line['unit_price']}" for line in lines) or "No lines"
