"""The quotes of the brief shown in Briefs: number and revision, status, price, validity; the
chosen one's cost, margin and price side by side (each explained on hover); and what can be
done with it — edit, revise, send, accept (which makes the job), reject, print."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.statuses import CLOSED_QUOTE_STATUSES, QuoteStatus, is_open_brief
from ...services import quotes
from .. import theme
from ..dates import date_text
from ..models.costing_models import RIGHT, UNDER, RowsModel
from ..models.paged import Column
from ..models.roles import RowRole
from ..dialogs.form_dialog import SimpleDialog
from .cost_common import Figure, money_formatter, show_margin, table_view
from .date_edit import date_field

_STATUS_COLOURS = {QuoteStatus.ACCEPTED: UNDER}


def quote_columns(money) -> list[Column]:
    return [
        Column("Quote", lambda r: r.label),
        Column("Status", lambda r: r.status.label + (f" → {r.job_number}" if r.job_number else ""),
            colour=lambda r: _STATUS_COLOURS.get(r.status)),
        Column("Price", lambda r: money(r.price), RIGHT, tooltip=lambda r: "before tax"),
        Column("Valid until", lambda r: date_text(r.valid_until, "—")),
        Column("Written", lambda r: date_text(r.created_at)),
    ]


class AcceptQuoteDialog(SimpleDialog):
    """Accepting makes the job (or links the one planned): asks its due date."""

    def __init__(self, ctx, quote, required_by: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(f"Accept {quote.label}", object_name="acceptQuoteDialog", parent=parent,
                         intro=f"The customer accepted {quote.label} for {quote.title}. The job is made (or the "
                               "one already planned is linked) with the quoted price as its budget, and the brief "
                               "is won.", ok_text="Accept and open the job", general_error=True)
        self.ctx = ctx
        self.quote = quote
        self.saved = None
        self.due_date = self.add_row("Job &due date", date_field(ctx, object_name="acceptDueDate"), "due_date")
        # The date the quote promised, else the brief's, else four weeks
        self.due_date.set_date(quote.promised_date or required_by
                               or ctx.db.today() + dt.timedelta(days=28))
        self.finish(440, guard="The acceptance")
        self.setMinimumSize(self.minimumSizeHint().width(), self.minimumSizeHint().height() + 24)

    def save(self) -> None:
        self.errors.clear()
        saved = self.ctx.call(self, quotes.accept_quote, self.quote.id, due_date=self.due_date.value(),
                              on_invalid=self.errors.show)
        if saved.ok:
            self.saved = saved.value
            self.accept()


class QuotesPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotesPanel")
        self.ctx = ctx
        self.brief = None
        self.detail: quotes.QuoteDetail | None = None
        self.dialog = None
        self.money = money_formatter(ctx.db)
        self.model = RowsModel(quote_columns(self.money), parent=self,
                               muted=lambda r: r.status in CLOSED_QUOTE_STATUSES)
        self.view = table_view(self.model, "quoteTable", stretch=0)
        self._reloading = False
        self._stale = False  # a brief was given while hidden: its quotes are read when shown
        self.view.selectionModel().currentRowChanged.connect(
            lambda *_: None if self._reloading else self._show_current())

        self.new_button = QPushButton("New quote…", objectName="newQuoteButton")
        self.edit_button = QPushButton("Edit…", objectName="editQuoteButton")
        self.revise_button = QPushButton("Revise…", objectName="reviseQuoteButton")
        self.send_button = QPushButton("Sent", objectName="sendQuoteButton")
        self.send_button.setToolTip("Mark it sent to the customer (its validity starts)")
        self.accept_button = QPushButton("Accepted…", objectName="acceptQuoteButton")
        self.reject_button = QPushButton("Rejected…", objectName="rejectQuoteButton")
        self.expire_button = QPushButton("Expired", objectName="expireQuoteButton")
        self.print_button = QPushButton("Print…", objectName="printQuoteButton")
        self.new_button.clicked.connect(self.new_quote)
        self.edit_button.clicked.connect(lambda: self.edit_quote(revise=False))
        self.revise_button.clicked.connect(lambda: self.edit_quote(revise=True))
        self.send_button.clicked.connect(self.send)
        self.accept_button.clicked.connect(self.accept_quote)
        self.reject_button.clicked.connect(self.reject_quote)
        self.expire_button.clicked.connect(self.expire)
        self.print_button.clicked.connect(self.print_quote)
        self.accept_button.setStyleSheet("font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.new_button, self.edit_button, self.revise_button, self.send_button, self.accept_button,
                  self.reject_button, self.expire_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)

        self.f_cost = Figure("Cost", "quotePanelCost")
        self.f_contingency = Figure("Contingency", "quotePanelContingency")
        self.f_markup = Figure("Markup", "quotePanelMarkup")
        self.f_fee = Figure("Design fee", "quotePanelFee")
        self.f_price = Figure("Price", "quotePanelPrice")
        self.f_margin = Figure("Margin", "quotePanelMargin")
        figures = QHBoxLayout()
        figures.setContentsMargins(0, 0, 0, 0)
        for f in (self.f_cost, self.f_contingency, self.f_markup, self.f_fee, self.f_price, self.f_margin):
            figures.addWidget(f)
        figures.addStretch(1)
        self.info = QLabel(objectName="quoteInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.info.setStyleSheet(theme.HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addLayout(figures)
        layout.addWidget(self.info)
        ctx.changed.connect(self._changed)
        self.set_brief(None)

    # --- showing ---------------------------------------------------------------------------
    def set_brief(self, brief) -> None:
        """Show ``brief``'s quotes; while the panel is hidden (the Files page is in front) they are read
        when it is next shown, not for every brief passed on the way."""
        self.brief = brief
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, keep_id: int | None = None) -> None:
        self._stale = False
        self.money = money_formatter(self.ctx.db)
        self.model.set_columns(quote_columns(self.money))
        keep = keep_id if keep_id is not None else (self.detail.id if self.detail else None)
        rows = self.ctx.call(self, quotes.list_quotes, brief_id=self.brief.id).value if self.brief else None
        self.model.set_rows(rows or [])
        row = self.model.find_row(lambda r: r.id == keep) if keep is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0  # the newest
        self.detail = None
        if row >= 0:
            self._reloading = True  # the quote is read once, below, not also as the row becomes current
            try:
                self.view.selectRow(row)
            finally:
                self._reloading = False
        self._show_current()

    def _changed(self, changes: Change, _initiator: QWidget | None) -> None:
        if changes & (Change.QUOTES | Change.SETTINGS) and self.brief is not None:  # a new currency
            self.set_brief(self.brief)

    def current_row(self):
        index = self.view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _show_current(self) -> None:
        row = self.current_row()
        self.detail = self.ctx.call(self, quotes.get_quote, row.id).value if row is not None else None
        d = self.detail
        actions = d.allowed_actions if d else ()
        open_brief = self.brief is not None and is_open_brief(self.brief.status)
        self.new_button.setEnabled(open_brief)
        self.edit_button.setEnabled("edit" in actions)
        self.revise_button.setEnabled("revise" in actions and open_brief)
        self.send_button.setEnabled("send" in actions)
        self.accept_button.setEnabled("accept" in actions)
        self.reject_button.setEnabled("reject" in actions)
        self.expire_button.setVisible("expire" in actions)
        self.print_button.setEnabled(d is not None)
        figures = (self.f_cost, self.f_contingency, self.f_markup, self.f_fee, self.f_price, self.f_margin)
        if d is None:
            for f in figures:
                f.set("—")
            self.info.setText("No quotes for this brief yet: press New quote… to price it." if self.brief
                              else "Choose a brief to see its quotes.")
            return
        p, m = d.pricing, self.money
        self.f_cost.set(m(p.cost.amount), p.cost.explanation)
        self.f_contingency.set(f"{m(p.contingency.amount)} ({d.contingency_pct.normalize():f}%)",
                               p.contingency.explanation)
        self.f_markup.set(f"{m(p.markup.amount)} ({p.markup_pct:.2f}%)", p.markup.explanation)
        self.f_fee.set(m(p.design_fee.amount), p.design_fee.explanation)
        self.f_price.set(m(p.price.amount), p.price.explanation, theme.PRICE)
        show_margin(self.f_margin, p, m)
        parts = [f"{d.label}: {d.status}", f"with tax {m(d.total)} ({d.tax_rate.normalize():f}% tax {m(d.tax)})"]
        if d.target_margin_pct is not None:
            parts.append(f"priced to keep a {d.target_margin_pct.normalize():f}% margin if the contingency is spent")
        if d.decision_reason:
            parts.append(f"reason: {d.decision_reason}")
        if d.job_number:
            parts.append(f"job {d.job_number}")
        if len(d.revisions) > 1:
            parts.append(f"{len(d.revisions)} revisions")
        if d.print_constraints:
            parts.append("prints the brief's constraints")
        text = "   ·   ".join(parts)
        if d.closed_reason:  # why Edit, Sent and Accepted are off
            text += "\n" + d.closed_reason
        self.info.setText(text)

    # --- actions ---------------------------------------------------------------------------
    def _planned_job_id(self) -> int | None:
        """The job planned for the brief (its estimate can fill a quote's lines), if any."""
        from ...services.jobs import find_job_id

        numbers = self.brief.job_numbers if self.brief is not None else ()
        return self.ctx.call(self, find_job_id, numbers[-1]).value if numbers else None

    def new_quote(self) -> None:
        if self.brief is None:
            return
        from ..dialogs.quote_editor import QuoteEditorDialog  # its services load when a quote is first edited

        self.dialog = QuoteEditorDialog(self.ctx, self.brief, self.money, job_id=self._planned_job_id(), parent=self)
        self.dialog.accepted.connect(lambda: self.reload(keep_id=self.dialog.saved.id))
        self.dialog.open()

    def edit_quote(self, *, revise: bool) -> None:
        if self.detail is None:
            return
        from ..dialogs.quote_editor import QuoteEditorDialog

        self.dialog = QuoteEditorDialog(self.ctx, self.brief, self.money, quote=self.detail, revise=revise,
                                        job_id=self._planned_job_id(), parent=self)
        self.dialog.accepted.connect(lambda: self.reload(keep_id=self.dialog.saved.id))
        self.dialog.open()

    def send(self) -> None:
        if self.detail is not None:
            self.ctx.call(self, quotes.send_quote, self.detail.id)

    def accept_quote(self) -> None:
        if self.detail is None:
            return
        self.dialog = AcceptQuoteDialog(self.ctx, self.detail, getattr(self.brief, "required_by", None), self)
        self.dialog.accepted.connect(self._accepted)
        self.dialog.open()

    def _accepted(self) -> None:
        job_id = self.dialog.saved.job_id if self.dialog and self.dialog.saved else None
        if job_id is not None:
            self.ctx.select_job(job_id)
            self.ctx.open_job_requested.emit(job_id)

    def reject_quote(self) -> None:
        from ..dialogs.reason import ask_reason

        if self.detail is None:
            return
        reason = ask_reason(self, "Quote rejected", f"Why did the customer turn down {self.detail.label}?")
        if reason is not None:
            self.ctx.call(self, quotes.reject_quote, self.detail.id, reason)

    def expire(self) -> None:
        if self.detail is not None:
            self.ctx.call(self, quotes.expire_quote, self.detail.id)

    def print_quote(self) -> None:
        if self.detail is None:
            return
        from ...documents.quote import quote_pdf
        from ..printing import preview_pdf

        label = self.detail.label
        self._print_task = preview_pdf(self, self.ctx, quote_pdf, self.detail.id, title=f"Quote {label}",
                                       file_name=f"quote-{label.replace(' ', '-')}.pdf",
                                       label="Preparing the quote…")
