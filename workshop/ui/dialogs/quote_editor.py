"""Write a quote: its cost lines (entered, from the planned job's estimate, or from what a
similar past job actually took), contingency, a markup or a target margin, a design fee — with
cost, margin and price side by side as you type, each explained on hover. Used for a new quote,
to edit a draft, and to make a new revision.

A draft is saved from the version the editor was opened on (issue 18): saved since on another PC,
the conflict dialog shows what either changed (lines, figures, dates, hours, terms), then merge,
overwrite, or back to the editor with everything typed; a change outside the editor's fields saves
without a question.

The dialog keeps the form, the similar past jobs, the live figures, the promised date and saving; the
cost lines table is widgets/quote_lines.py's (beside quote_hours.py and quote_terms.py), and how its
fields compare with a quote saved meanwhile and read in the conflict dialog is quote_fields.py's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)
from PySide6.QtCore import Qt

from ...domain.errors import EditConflict, ValidationError
from ...domain.locale_text import format_number, parse_number
from ...domain.pricing import QuoteCostLine, price_quote
from ...services import promise, quote_lines, quotes, settings, similar_jobs
from .. import theme
from ..context import Outcome
from ..models.costing_models import RIGHT, RowsModel
from ..models.paged import Column
from ..models.roles import RowRole
from ..widgets.cost_common import Figure, heading, money_symbol, show_margin, table_view
from ..widgets.date_edit import date_field
from ..widgets.field_errors import FieldErrors, general_error_label
from ..tasks import report_failure, run_task
from ..widgets.quote_hours import QuoteHoursBox
from ..widgets.quote_lines import QuoteLinesBox
from ..widgets.quote_terms import QuoteTermsBox
from ..widgets.sizing import fit_to_screen
from .edit_conflict import resolve_edit, save_from_version
from .quote_fields import FIELD_LABELS, comparable, form_of, shown
from .unsaved import guard_typing


def similar_columns(money) -> list[Column]:
    return [
        Column("Job", lambda r: r.number, tooltip=lambda r: f"in common — {r.shared}" if r.shared else ""),
        Column("Title", lambda r: r.title, tooltip=lambda r: f"{r.title} for {r.customer_name}, quantity {r.quantity}"),
        Column("Match", lambda r: f"{int(r.score * 100)}%", RIGHT, tooltip=lambda r: r.shared),
        Column("Quoted", lambda r: money(r.quoted_price) if r.quoted_price is not None else "—", RIGHT),
        Column("Hours plan / actual", lambda r: f"{r.planned_hours:.1f} / {r.actual_hours:.1f}", RIGHT,
            tooltip=lambda r: "actual hours by workstation: " + ", ".join(f"{c} {h}" for c, h in
                                                                         r.actual_hours_by_workstation)),
        Column("Cost est. / actual", lambda r: f"{money(r.estimated_cost)} / {money(r.actual_cost)}", RIGHT),
    ]


class QuoteEditorDialog(QDialog):
    """``quote``: a QuoteDetail to edit (a draft) or to revise (``revise=True``); None for new."""

    def __init__(self, ctx, brief, money=str, *, quote=None, revise: bool = False, job_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locale = ctx.locale  # figures are shown and read back in the shop's locale
        self.brief = brief
        self.money = money
        self.quote = quote
        self.revise = revise
        self.job_id = job_id  # the job planned for the brief, if any: its estimate can fill the lines
        self.saved = None
        self.setObjectName("quoteEditorDialog")
        if quote is None:
            self.setWindowTitle(f"New quote — {brief.number} {brief.title}")
        else:
            self.setWindowTitle(f"{'Revise' if revise else 'Edit'} {quote.label}")

        # --- lines ---------------------------------------------------------------------------
        self.lines_box = QuoteLinesBox(money_symbol(ctx.db), from_job=job_id is not None)
        self.lines_table = self.lines_box.table
        self.add_line_button = self.lines_box.add_button
        self.remove_line_button = self.lines_box.remove_button
        self.from_estimate_button = self.lines_box.from_estimate_button
        self.from_estimate_button.clicked.connect(self.use_estimate)

        # --- similar past jobs ---------------------------------------------------------------
        self.similar = RowsModel(similar_columns(money), parent=self)
        self.similar_view = table_view(self.similar, "similarJobsTable", stretch=1)
        self.use_actual_button = QPushButton("Use their actual hours and costs", objectName="useSimilarActual")
        self.use_actual_button.setToolTip("Replace the lines with what the selected past job actually took")
        self.use_actual_button.clicked.connect(self.use_similar)
        self.similar_view.doubleClicked.connect(lambda _i: self.use_similar())
        similar_box = QWidget()
        similar_layout = QVBoxLayout(similar_box)
        similar_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(heading("Similar past jobs"))
        row.addStretch(1)
        row.addWidget(self.use_actual_button)
        similar_layout.addLayout(row)
        similar_layout.addWidget(self.similar_view)

        # --- pricing -------------------------------------------------------------------------
        self.contingency = QLineEdit("10", objectName="quoteContingency")
        self.contingency.setToolTip("For the risk of change: a % of the cost")
        self.markup_radio = QRadioButton("Markup %", objectName="quoteUseMarkup")
        self.margin_radio = QRadioButton("Target margin %", objectName="quoteUseMargin")
        group = QButtonGroup(self)
        group.addButton(self.markup_radio)
        group.addButton(self.margin_radio)
        self.markup = QLineEdit("25", objectName="quoteMarkup")
        self.markup.setToolTip("Added on cost + contingency")
        self.target_margin = QLineEdit("", objectName="quoteTargetMargin")
        self.target_margin.setToolTip("The margin to keep even if the contingency is all spent, as a % of the price; "
                                      "the markup is worked out from it")
        self.markup_radio.setChecked(True)
        self.markup_radio.toggled.connect(self._method_changed)
        method = QGridLayout()
        method.setContentsMargins(0, 0, 0, 0)
        method.addWidget(self.markup_radio, 0, 0)
        method.addWidget(self.markup, 0, 1)
        method.addWidget(self.margin_radio, 1, 0)
        method.addWidget(self.target_margin, 1, 1)
        method.setColumnStretch(2, 1)
        for radio in (self.markup_radio, self.margin_radio):  # clickable where it is drawn
            radio.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.method_box = QWidget()
        self.method_box.setLayout(method)
        self.design_fee = QLineEdit(format_number(0, self.locale, places=2), objectName="quoteDesignFee")
        for edit in (self.contingency, self.markup, self.target_margin, self.design_fee):
            edit.setMaximumWidth(140)
        self.valid_until = date_field(ctx, optional=True, object_name="quoteValidUntil")
        self.valid_until.setToolTip("No date: the shop's usual validity is set when the quote is sent")
        self._build_promise(ctx)
        self.form = QFormLayout()
        self.form.addRow("Cost lines", self.lines_box)
        self.form.addRow("&Contingency %", self.contingency)
        self.form.addRow("Price by", self.method_box)
        self.form.addRow(f"&Design fee ({money_symbol(ctx.db)})", self.design_fee)
        self.form.addRow("&Valid until", self.valid_until)
        self.form.addRow(self.promised_label, self.promise_box)
        self.general_error = general_error_label()
        self.errors = FieldErrors(self.form, fallback=self.general_error)
        for field, widget in (("lines", self.lines_box), ("contingency_pct", self.contingency),
                              ("markup_pct", self.method_box), ("design_fee", self.design_fee),
                              ("valid_until", self.valid_until), ("promised_date", self.promise_box)):
            self.errors.register(field, widget)

        # --- cost, margin and price side by side ----------------------------------------------
        self.f_cost = Figure("Cost", "quoteCost")
        self.f_contingency = Figure("Contingency", "quoteContingencyAmount")
        self.f_markup = Figure("Markup", "quoteMarkupAmount")
        self.f_fee = Figure("Design fee", "quoteFeeAmount")
        self.f_price = Figure("Price (before tax)", "quotePrice")
        self.f_margin = Figure("Margin", "quoteMargin")
        figures = QHBoxLayout()
        for f in (self.f_cost, self.f_contingency, self.f_markup, self.f_fee, self.f_price, self.f_margin):
            figures.addWidget(f)
        figures.addStretch(1)
        self.figures_box = QWidget(objectName="quoteFigures")
        self.figures_box.setLayout(figures)
        self.figures_box.setStyleSheet(
            f"#quoteFigures {{ background: {theme.PANEL}; border: 1px solid {theme.PANEL_BORDER}; }}")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save revision" if revise else "Save draft")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(self.form)
        form_layout.addWidget(self.general_error)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(form_box)
        # The customer's wording shares the lower half with the similar jobs, a tab each.
        self.terms_box = QuoteTermsBox(getattr(brief, "constraints", ""))
        self.lower_tabs = QTabWidget(objectName="quoteLowerTabs")
        self.lower_tabs.addTab(similar_box, "Similar past jobs")
        self.lower_tabs.addTab(self.terms_box, "Terms for the customer")
        self.lower_tabs.addTab(self.hours_box, "Hours to make it")
        splitter.addWidget(self.lower_tabs)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([440, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.figures_box)
        layout.addWidget(buttons)

        for edit in (self.contingency, self.markup, self.target_margin, self.design_fee):
            edit.textChanged.connect(self.update_figures)
        self.lines_box.changed.connect(self.update_figures)
        self._fill()
        self._method_changed()
        self._load_similar()
        fit_to_screen(self, 900, 720)
        guard_typing(self, "The quote")
        self.setMinimumSize(720, 560)

    # --- filling ---------------------------------------------------------------------------
    def _fill(self) -> None:
        q = self.quote
        self._fill_terms()
        if q is None:
            if self.job_id is not None:
                self.hours_box.set_rows(self.ctx.call(self, promise.hours_from_job, self.job_id).value or [])
                self.use_estimate()
            else:
                self.add_line("labour", "", "")
            return
        self.set_lines([(ln.category, ln.description, format_number(ln.amount, self.locale, places=2))
                        for ln in q.lines])
        self.contingency.setText(format_number(q.contingency_pct.normalize(), self.locale))
        if q.target_margin_pct is not None:
            self.margin_radio.setChecked(True)
            self.target_margin.setText(format_number(q.target_margin_pct.normalize(), self.locale))
            self.markup.clear()
        else:
            self.markup.setText(format_number((q.markup_pct or Decimal(0)).normalize(), self.locale))
        self.design_fee.setText(format_number(q.design_fee, self.locale, places=2))
        if not self.revise:
            self.valid_until.set_date(q.valid_until)
        self.hours_box.set_rows([(h.workstation_id, h.hours) for h in q.hours])
        self.promised.set_date(q.promised_date)

    def _build_promise(self, ctx) -> None:
        """Promised delivery: a date the owner may type, or one proposed from the hours to make it."""
        stations = ctx.call(self, promise.shop_workstations).value or []
        self.hours_box = QuoteHoursBox(stations, self.locale)
        self.promised = date_field(ctx, optional=True, object_name="quotePromisedDate")
        self.promised.setToolTip("The delivery date the quote states; the job is due then once it is accepted")
        self.propose_button = QPushButton("&Propose a date", objectName="quoteProposeDate")
        self.propose_button.setToolTip("Schedule the hours to make it (the tab below) behind the work the shop "
                                       "has on, and take the day it would be done (a what-if: nothing moves)")
        self.propose_button.clicked.connect(self.propose_date)
        self.promise_note = QLabel(objectName="quotePromiseNote", wordWrap=True)
        self.promise_note.setTextFormat(Qt.TextFormat.PlainText)
        self.promise_note.setStyleSheet(theme.HINT_STYLE)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.promised)
        row.addWidget(self.propose_button)
        row.addWidget(self.promise_note, 1)
        self.promise_box = QWidget()
        self.promise_box.setLayout(row)
        self.promised_label = QLabel("Promised de&livery")
        self.promised_label.setBuddy(self.promised)
        self.promise_task = None

    def propose_date(self) -> None:
        """The what-if runs off the GUI thread: on a big shop it schedules all the open work."""
        self.hours_box.clear_error()
        self.propose_button.setEnabled(False)
        self.promise_note.setText("Scheduling…")
        self.promise_task = run_task(lambda _state, db, rows: promise.promise_for_hours(db, rows), self.ctx.db,
                                     self.hours_box.rows(), on_done=self._proposed, on_error=self._not_proposed,
                                     parent=self)

    def _proposed(self, found) -> None:
        self.propose_button.setEnabled(True)
        self.promised.set_date(found.day)
        self.promise_note.setText(found.text)

    def _not_proposed(self, error: BaseException) -> None:
        self.propose_button.setEnabled(True)
        self.promise_note.clear()
        if isinstance(error, ValidationError):
            self.show_error(error)
        else:
            report_failure(error)

    def _fill_terms(self) -> None:
        """A new quote starts from the shop's terms (Company settings); an existing one has its own."""
        if self.quote is None:
            shop = settings.get_settings(self.ctx.db)
            self.terms_box.set_values(payment_terms=shop.quote_payment_terms, exclusions=shop.quote_exclusions,
                                      terms=shop.quote_terms, print_constraints=False)
        else:
            q = self.quote
            self.terms_box.set_values(payment_terms=q.payment_terms, exclusions=q.exclusions, terms=q.terms,
                                      print_constraints=q.print_constraints)

    def add_line(self, category: str = "other", description: str = "", amount: str = "") -> None:
        self.lines_box.add_line(category, description, amount)

    def set_lines(self, lines) -> None:
        self.lines_box.set_lines(lines)

    def lines(self) -> list[dict]:
        return self.lines_box.lines()

    def _from_inputs(self, lines) -> None:
        self.set_lines([(ln.category, ln.description, format_number(Decimal(ln.amount), self.locale, places=2))
                        for ln in lines])

    def use_estimate(self) -> None:
        if self.job_id is None:
            return
        lines = self.ctx.call(self, quote_lines.lines_from_job, self.job_id).value
        if lines:
            self._from_inputs(lines)

    def _load_similar(self) -> None:
        rows = self.ctx.call(self, similar_jobs.find_similar_jobs, brief_id=self.brief.id, limit=6).value or []
        self.similar.set_rows(rows)
        if rows:
            self.similar_view.selectRow(0)
        self.use_actual_button.setEnabled(bool(rows))

    def use_similar(self) -> None:
        index = self.similar_view.currentIndex()
        job = index.data(RowRole) if index.isValid() else None
        if job is None:
            return
        lines = self.ctx.call(self, quote_lines.lines_from_job, job.job_id, actual=True).value
        if lines:
            self._from_inputs(lines)

    def _method_changed(self) -> None:
        by_markup = self.markup_radio.isChecked()
        self.markup.setEnabled(by_markup)
        self.target_margin.setEnabled(not by_markup)
        self.update_figures()

    # --- the figures -----------------------------------------------------------------------
    def terms(self) -> dict:
        by_markup = self.markup_radio.isChecked()
        return {"contingency_pct": self.contingency.text(),
                "markup_pct": self.markup.text() if by_markup else None,
                "target_margin_pct": None if by_markup else self.target_margin.text(),
                "design_fee": self.design_fee.text()}

    def _figure(self, text: str | None) -> Decimal | None:
        """A typed figure for the live price, read as the service will read it (the shop's locale)."""
        return None if text is None else parse_number(text or "0", self.locale)

    def update_figures(self) -> None:
        figures = (self.f_cost, self.f_contingency, self.f_markup, self.f_fee, self.f_price, self.f_margin)
        try:
            t = self.terms()
            lines = [QuoteCostLine(f"{ln['category']} {ln['description']}".strip(), self._figure(ln["amount"]))
                     for ln in self.lines()]
            p = price_quote(lines, self._figure(t["contingency_pct"]), self._figure(t["markup_pct"]),
                            self._figure(t["target_margin_pct"]), self._figure(t["design_fee"]))
        except (ValidationError, ArithmeticError, ValueError, TypeError):
            for f in figures:
                f.set("—", "Finish the figures above to see the price")
            return
        m = self.money
        self.f_cost.set(m(p.cost.amount), p.cost.explanation)
        self.f_contingency.set(m(p.contingency.amount), p.contingency.explanation)
        self.f_markup.set(f"{m(p.markup.amount)} ({p.markup_pct:.2f}%)", p.markup.explanation)
        self.f_fee.set(m(p.design_fee.amount), p.design_fee.explanation)
        self.f_price.set(m(p.price.amount), p.price.explanation, theme.PRICE)
        show_margin(self.f_margin, p, m)

    # --- saving ----------------------------------------------------------------------------
    #: fields the services name that are shown beside another field's row
    SAME_ROW = {"target_margin_pct": "markup_pct", "amount": "lines", "quantity": "lines"}

    def show_error(self, error: ValidationError) -> None:
        field = self.SAME_ROW.get(error.field, error.field)
        if field in QuoteHoursBox.FIELDS:
            self.lower_tabs.setCurrentWidget(self.hours_box)
            self.hours_box.show_error(error)
            return
        if field in QuoteTermsBox.FIELDS:
            self.lower_tabs.setCurrentWidget(self.terms_box)
            self.terms_box.errors.show(error)
            return
        self.errors.show(error if field == error.field else ValidationError(field, error.message))

    def save(self) -> None:
        self.errors.clear()
        self.terms_box.errors.clear()
        self.hours_box.clear_error()
        values = self._values()
        if self.quote is None:
            saved = self.ctx.call(self, quotes.create_quote, self.brief.id,
                                  on_invalid=self.show_error, **values)
        elif self.revise:
            saved = self.ctx.call(self, quotes.revise_quote, self.quote.id,
                                  on_invalid=self.show_error, **values)
        else:
            saved = self._update(values, self.quote.version)
        if saved.ok:
            self.saved = saved.value
            self.accept()

    def _values(self) -> dict:
        """Everything the editor holds, as the services take it."""
        return dict(lines=self.lines(), **self.terms(), valid_until=self.valid_until.value(),
                    promised_date=self.promised.value(), hours=self.hours_box.rows(), **self.terms_box.values())

    # --- saved on another PC meanwhile (issue 18) ------------------------------------------------
    def _update(self, values: dict, version: int) -> Outcome:
        """Save the draft from the version shown; saved by someone since, ``_resolve``."""
        saved, conflict = save_from_version(self.ctx, self, quotes.update_quote, self.quote.id,
                                            expected_version=version, on_invalid=self.show_error, **values)
        return self._resolve(conflict) if conflict is not None else saved

    def _resolve(self, conflict: EditConflict) -> Outcome:
        """What either changed, then merge, overwrite or back to the editor with what was typed (asked
        again at the next save); nothing of theirs in the editor's fields: saved without a question."""
        current = conflict.current
        typed = self._values()
        to_save = resolve_edit(self, f"quote {current.label}", conflict, began=form_of(self.quote),
                               theirs=form_of(current), yours=comparable(typed, self.locale), labels=FIELD_LABELS,
                               shown=lambda name, value: shown(name, value, self.locale, self.hours_box.stations))
        if to_save is None:
            return Outcome(False)
        self.quote = current
        chosen: dict[str, Any] = {}
        for name in to_save:
            if name == "price_by":  # a markup or a target margin, the other cleared
                chosen.update(markup_pct=typed["markup_pct"], target_margin_pct=typed["target_margin_pct"])
            else:
                chosen[name] = typed[name]
        return self._update(chosen, current.version)
