"""The job's Costs page: estimate against actual by category and by operation, variance,
margin against the budget, % complete — every figure explained on hover or click — and the
printed cost sheet.

The cost sheet is worked out off the GUI thread (``tasks.run_task``): on a big job it is four
costs of some two thousand exact lines, tens of milliseconds on a quiet machine and several times
that on a busy one. The page paints at once saying "Working out the costs…", and fills in when the
sheet arrives; a sheet asked for an earlier job, or before a later change, is dropped."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.labels import COST_CATEGORY_LABELS
from ...services import job_costing
from ...services.cost_progress import variance_rule
from ...services.jobs import JobDetail
from .. import theme
from ..models.costing_models import RIGHT, RowsModel, hours_text, pct_text, variance_colour
from ..models.paged import Column
from ..models.operations_model import status_label as operation_status_label
from ..tasks import Task, report_failure, run_task
from ..widgets.cost_common import (ExplainPanel, Figure, fitted_table_view, heading, money_formatter, money_in,
                                   shop_money)
from .base import JobPage


WORKING = "Working out the costs of {number}…"
START_AT_LATEST_MS = 100  # a page not painted by then (a window minimised) starts its sheet anyway


def _work_out(_state, db, job_id: int) -> tuple[job_costing.CostSheet, tuple[str, str]]:
    """On a pool thread: the job's cost sheet (plain frozen data), and the shop's currency and
    locale its amounts are written in (read here, not on the GUI thread as the page is chosen)."""
    return job_costing.cost_sheet(db, job_id), shop_money(db)


def category_columns(money) -> list[Column]:
    return [
        Column("Category", lambda r: r.label),
        Column("Estimate", lambda r: money(r.estimate.amount), RIGHT, tooltip=lambda r: r.estimate.explanation),
        *work_done_columns(money),
        Column("Rate", lambda r: split_text(money, r.rate_variance), RIGHT, tooltip=lambda r: r.split_explanation,
            colour=lambda r: variance_colour(r.rate_variance or 0)),
        Column("Usage", lambda r: split_text(money, r.usage_variance), RIGHT, tooltip=lambda r: r.split_explanation,
            colour=lambda r: variance_colour(r.usage_variance or 0)),
    ]


def split_text(money, amount) -> str:
    return "—" if amount is None else money(amount)


def work_done_columns(money) -> list[Column]:
    """Estimate for the work done, actual, and the variance between them (issue 9: a job 8% done
    is compared with 8% of its estimate, not all of it)."""
    return [
        Column("Work done", lambda r: money(r.work_done.amount) if r.work_done else "—", RIGHT,
            tooltip=lambda r: r.work_done.explanation if r.work_done else ""),
        Column("Actual", lambda r: money(r.actual.amount), RIGHT, tooltip=lambda r: r.actual.explanation),
        Column("Variance", lambda r: money(r.variance), RIGHT, tooltip=variance_how,
            colour=lambda r: variance_colour(r.variance)),
        Column("Variance %", lambda r: pct_text(r.variance_pct, signed=True), RIGHT,
            tooltip=variance_how, colour=lambda r: variance_colour(r.variance)),
    ]


def variance_how(row) -> str:
    """The variance and, where it was split, its rate and usage parts."""
    return "; ".join(x for x in (row.variance_explanation, row.split_explanation) if x)


def operation_columns(money) -> list[Column]:
    return [
        Column("Operation", lambda r: r.key),
        Column("Station", lambda r: r.workstation_code),
        Column("Status", lambda r: operation_status_label(r.status)),
        Column("Planned", lambda r: hours_text(r.planned_hours), RIGHT,
            tooltip=lambda r: "setup + run × quantity, from the routing"),
        Column("Booked", lambda r: hours_text(r.booked_hours), RIGHT,
            tooltip=lambda r: "time booked on this operation (a person's, or a machine's running alone)"),
        Column("Estimate", lambda r: money(r.estimate.amount), RIGHT, tooltip=lambda r: r.estimate.explanation),
        *work_done_columns(money),
        # Of the estimate: the materials used at this operation (BOM lines that name it).
        Column("Materials (est.)", lambda r: money(r.materials_estimate.amount), RIGHT,
            tooltip=lambda r: r.materials_estimate.explanation),
    ]


class JobCostsPage(JobPage):
    title = "Costs"
    reload_on = Change.JOBS | Change.ROUTING | Change.BOM | Change.SETTINGS | Change.BOOKINGS | Change.CHANGE_ORDERS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobCostsPage")
        self.sheet: job_costing.CostSheet | None = None
        self.task: Task | None = None  # the sheet being worked out, if any
        self._asked = 0  # which request the page waits for: an older one's sheet is dropped
        self._working = False
        self._unstarted: tuple[int, int] | None = None  # (request, job) waiting for the page's paint
        self.money = money_formatter(ctx.db)

        self.price = Figure("Budget (price)", "costPrice")
        self.estimate = Figure("Estimated cost", "costEstimate")
        self.actual = Figure("Actual cost so far", "costActual")
        self.est_margin = Figure("Estimated margin", "costEstimatedMargin")
        self.margin = Figure("Margin so far", "costMargin")
        self.progress = QProgressBar(objectName="costProgress")
        self.progress.setRange(0, 100)
        self.progress.setFormat("%p% complete")
        self.progress.setMaximumWidth(220)
        self.hours = QLabel(objectName="costHours")
        self.hours.setStyleSheet(theme.HINT_STYLE)
        done = QVBoxLayout()
        done.setSpacing(2)
        done.addWidget(self.hours)
        done.addWidget(self.progress)
        # Two rows of figures, so the page fits the job pane at 1280×720 without scrolling sideways:
        # what it sells for and costs, then the margins and how far along it is.
        figures = QGridLayout()
        for i, f in enumerate((self.price, self.estimate, self.actual, self.est_margin, self.margin)):
            figures.addWidget(f, i // 3, i % 3)
        figures.addLayout(done, 1, 2)
        figures.setColumnStretch(3, 1)

        self.categories = RowsModel(category_columns(self.money), parent=self,
                                    bold=lambda r: r.category == "total")
        self.category_view = fitted_table_view(self.categories, "costCategoryTable", stretch=0)
        self.operations = RowsModel(operation_columns(self.money), parent=self)
        self.operation_view = fitted_table_view(self.operations, "costOperationTable", stretch=0)
        self.explain = ExplainPanel()
        self.explain.watch(self.category_view)
        self.explain.watch(self.operation_view)

        self.note = QLabel(objectName="costNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet(theme.HINT_STYLE)
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh", objectName="costRefresh")
        self.refresh_button.setToolTip("Work the figures out again from the bookings")
        self.refresh_button.clicked.connect(lambda: self.set_job(self.job))
        self.print_button = QPushButton("Print cost sheet…", objectName="printCostSheet")
        self.print_button.clicked.connect(self.print_sheet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.print_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading("By category"))
        top_layout.addWidget(self.category_view)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading("By operation"))
        bottom_layout.addWidget(self.operation_view)
        rows = len(COST_CATEGORY_LABELS) + 1  # and the total: always all shown
        self.category_view.setFixedHeight(self.category_view.horizontalHeader().sizeHint().height()
                                          + rows * self.category_view.verticalHeader().defaultSectionSize()
                                          + 2 * self.category_view.frameWidth() + 2)
        self.category_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(top)
        layout.addWidget(bottom, 1)
        layout.addWidget(self.explain)
        layout.addLayout(buttons)
        for f in (self.price, self.estimate, self.actual, self.est_margin, self.margin):
            f.mousePressEvent = lambda _e, f=f: self.explain.say(f.caption.text(), f.text(), f.how or "—")

    # --- filling it -------------------------------------------------------------------------
    @property
    def working(self) -> bool:
        """Whether the page waits for a sheet (tests wait for it, as a person does)."""
        return self._working

    def _use_money(self, money) -> None:
        if money is not self.money:  # the shop's currency changed: its columns anew
            self.money = money
            self.categories.set_columns(category_columns(self.money))
            self.operations.set_columns(operation_columns(self.money))

    def load(self, job: JobDetail | None) -> None:
        self._asked += 1
        if self.task is not None:
            self.task.cancel()  # (it finishes anyway: its sheet is dropped)
            self.task = None
        self.print_button.setEnabled(job is not None)  # the printed sheet is worked out on its own
        self.refresh_button.setEnabled(False)
        self._working, self._unstarted = False, None
        if job is None:
            self.show_sheet(None)
            return
        if self.sheet is not None and self.sheet.job_id != job.id:
            self.show_sheet(None)  # another job's figures never stand beside this one's number
        self.note.setText(WORKING.format(number=job.number))
        self._working = True
        # started once the page has painted "Working out…" (a worker holding the GIL slows every
        # call the GUI thread makes into Python while it paints), or after a moment if it is not
        self._unstarted = (self._asked, job.id)
        QTimer.singleShot(START_AT_LATEST_MS, self, self._start)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self._unstarted is not None:
            QTimer.singleShot(0, self, self._start)  # once the whole page is painted

    def _start(self) -> None:
        if self._unstarted is None:
            return
        (asked, job_id), self._unstarted = self._unstarted, None
        if asked == self._asked:
            self.task = run_task(_work_out, self.ctx.db, job_id, parent=self,
                                 on_done=lambda answer: self._arrived(asked, answer),
                                 on_error=lambda error: self._failed(asked, error))

    def _arrived(self, asked: int, answer: tuple[job_costing.CostSheet, tuple[str, str]]) -> None:
        if asked == self._asked:
            sheet, (currency, locale) = answer
            self.task, self._working = None, False
            self._use_money(money_in(currency, locale))
            self.show_sheet(sheet)

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.task, self._working = None, False
            self.show_sheet(None)
            self.refresh_button.setEnabled(self.job is not None)
            report_failure(error)

    def show_sheet(self, sheet: job_costing.CostSheet | None) -> None:
        """Fill the page from ``sheet`` (None: empty), painted once when it is all filled in: a
        progress bar's new value otherwise repaints the page there and then, tables and all."""
        self.setUpdatesEnabled(False)
        try:
            self._fill(sheet)
        finally:
            self.setUpdatesEnabled(True)

    def _fill(self, sheet: job_costing.CostSheet | None) -> None:
        self.sheet = sheet
        self.refresh_button.setEnabled(sheet is not None)
        self.explain.reset()
        if sheet is None:
            self.categories.set_rows([])
            self.operations.set_rows([])
            for f in (self.price, self.estimate, self.actual, self.est_margin, self.margin):
                f.set("—")
            self.progress.setValue(0)
            self.hours.setText("")
            self.note.setText("Choose a job to see what it should cost and what it has cost so far.")
            return
        money = self.money
        self.categories.set_rows([*sheet.categories, sheet.total])
        self.operations.set_rows(sheet.operations)
        if sheet.price is None:
            self.price.set("not set", "No budget yet: it is set when a quote is accepted, or on the Job page.")
        else:
            self.price.set(money(sheet.price), "the job's budget: the quoted price plus approved change orders")
        self.estimate.set(money(sheet.estimate.total.amount), sheet.estimate.total.explanation)
        self.actual.set(money(sheet.actual.total.amount), sheet.actual.total.explanation)
        self._margin(self.est_margin, sheet.estimated_margin, sheet.estimated_margin_pct)
        self.margin.caption.setText(sheet.margin_label)  # "Final margin" only once the job is complete
        self._margin(self.margin, sheet.margin, sheet.margin_pct)
        shown = sheet.percent_complete_display
        self.progress.setValue(int(shown) if shown is not None else 0)
        self.progress.setFormat(f"{pct_text(sheet.percent_complete)} complete" if shown is not None
                                else "nothing planned")
        self.progress.setToolTip(f"hours booked {sheet.booked_hours} ÷ hours planned {sheet.planned_hours}")
        self.hours.setText(f"{sheet.booked_hours:.2f} of {sheet.planned_hours:.2f} h booked")
        self.note.setText(f"Unit cost: estimate {money(sheet.estimate.unit_cost.amount)}, actual "
                          f"{money(sheet.actual.unit_cost.amount)} for {sheet.quantity}.  {variance_rule(sheet)}; "
                          "rate: a rate or price changed, usage: more or fewer hours or material. Red is over, "
                          f"green under. {sheet.rounding_rule}")

    def _margin(self, figure: Figure, value, pct: Decimal | None) -> None:
        if value is None:
            figure.set("—", "No budget to compare with.")
            return
        colour = theme.ALARM if value.amount < 0 else None
        figure.set(f"{self.money(value.amount)}  ({pct_text(pct)})", f"{value.explanation}; "
                   f"{pct_text(pct)} of the price", colour)

    # --- printing ---------------------------------------------------------------------------
    def print_sheet(self) -> None:
        if self.job is None:
            return
        from ...documents.cost_sheet import cost_sheet_pdf
        from ..printing import preview_pdf

        number = self.job.number
        self._print_task = preview_pdf(self, self.ctx, cost_sheet_pdf, self.job.id, title=f"Cost sheet {number}",
                                       file_name=f"cost-sheet-{number}.pdf", label="Preparing the cost sheet…")
