"""The job's Bookings page: the time, material and other costs booked to it, each with a
simple form to add one. (Fast shop-floor capture uses the same services.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.statuses import JobStatus, can_add_cost, can_book_work, is_read_only
from ...services import booking_corrections, booking_views
from ...services.jobs import JobDetail
from .. import theme
from ..dates import date_text, date_time_text
from ..models.costing_models import RIGHT, RowsModel, plain_number
from ..models.paged import Column
from ..widgets.cost_common import fitted_table_view, heading, money_formatter
from .base import JobPage


def _minutes(log) -> str:
    worked = max(log.labour_minutes, log.machine_minutes)
    if log.reverses_id is not None:  # a correction: the minutes it takes back
        worked = min(log.labour_minutes, log.machine_minutes)
    sign = "−" if worked < 0 else ""
    hours, minutes = divmod(abs(int(worked.to_integral_value())), 60)
    return sign + (f"{hours} h {minutes:02d} min" if hours else f"{minutes} min")


#: The kinds of time booked, in the shop's words (the booking dialog offers the same three).
TIME_KIND_LABELS = {"labour": "Labour", "machine": "Machine alone", "both": "Person at a machine"}


def _kind(log) -> str:
    if log.labour_minutes and log.machine_minutes:
        return TIME_KIND_LABELS["both"]
    return TIME_KIND_LABELS["machine" if log.machine_minutes else "labour"]


def correction_text(r) -> str:
    """What a correction row says: the reversing entry gives its reason, the reversed one says so."""
    if r.reverses_id is not None:
        return f"Reverses: {r.reason}"
    return "Reversed" if r.reversed_by_id is not None else ""


def corrected(r) -> bool:
    return r.reverses_id is not None or r.reversed_by_id is not None


def time_columns(money) -> list[Column]:
    return [
        Column("When", lambda r: date_time_text(r.started_at or r.booked_at)),
        Column("Operation", lambda r: f"{r.op_number:03d} {r.operation_name}"),
        # the figures first, so they are in sight beside the job list at 1280 px
        Column("Time", _minutes, RIGHT,
            tooltip=lambda r: (f"{date_time_text(r.started_at)} – {date_time_text(r.ended_at)}" if r.started_at
                               else "minutes given")),
        Column("Cost", lambda r: money(r.cost), RIGHT, tooltip=lambda r: r.cost_explanation),
        Column("Operator", lambda r: r.operator_name or "—"),
        Column("Kind", _kind),
        Column("Station", lambda r: r.workstation_code),
        Column("Note", lambda r: r.note),
        Column("Correction", correction_text),
    ]


def material_columns(money) -> list[Column]:
    return [
        Column("When", lambda r: date_time_text(r.issued_at)),
        Column("Code", lambda r: r.material_code or "—"),
        Column("Description", lambda r: r.description),
        Column("Quantity", lambda r: f"{plain_number(r.quantity)} {r.unit}", RIGHT,
            tooltip=lambda r: "returned to stock" if r.is_return else "issued to the job"),
        Column("Unit cost", lambda r: money(r.unit_cost), RIGHT,
            tooltip=lambda r: "the cost it was " + ("issued at" if not r.is_return else "last issued at")),
        Column("Amount", lambda r: money(r.amount), RIGHT,
            tooltip=lambda r: f"{plain_number(r.quantity)} × {r.unit_cost} = {r.amount}"),
        Column("Correction", correction_text),
    ]


def other_columns(money) -> list[Column]:
    return [
        Column("Date", lambda r: date_text(r.incurred_on)),
        Column("Category", lambda r: r.category.capitalize()),
        Column("Description", lambda r: r.description),
        Column("Amount", lambda r: money(r.amount), RIGHT),
        Column("Correction", correction_text),
    ]


class _Section(QWidget):
    def __init__(self, title: str, model: RowsModel, name: str, stretch: int, buttons: list[QPushButton]) -> None:
        super().__init__()
        self.model = model
        self.title = heading(title)
        self.view = fitted_table_view(model, name, stretch=stretch)
        # A wrong booking is never edited: it is reversed by a new entry with a reason.
        self.correct_button = QPushButton("Correct…", objectName=f"{name}Correct", enabled=False)
        self.correct_button.setToolTip("Reverse the chosen booking with a new entry, giving a reason; "
                                       "both stay in the history")
        buttons = [*buttons, self.correct_button]
        self.total = QLabel(objectName=f"{name}Total")
        self.total.setStyleSheet("font-weight: bold;")
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.total)
        for b in buttons:
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view)

    def chosen(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None


class JobBookingsPage(JobPage):
    title = "Bookings"
    reload_on = Change.JOBS | Change.SETTINGS | Change.BOOKINGS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobBookingsPage")
        self.money = money_formatter(ctx.db)
        self.dialog = None  # the open booking form, if any (tests drive it)
        self.status: str | None = None  # the job's status when its bookings were last read
        self.times = RowsModel(time_columns(self.money), parent=self, muted=corrected)
        self.materials = RowsModel(material_columns(self.money), parent=self,
                                   muted=lambda r: r.is_return or corrected(r))
        self.others = RowsModel(other_columns(self.money), parent=self, muted=corrected)

        self.book_time_button = QPushButton("Book time…", objectName="bookTimeButton")
        self.key_back_button = QPushButton("Key back traveler…", objectName="keyBackButton")
        self.key_back_button.setToolTip("Type in the times written on the job's paper card, one row per operation")
        self.issue_button = QPushButton("Issue material…", objectName="issueMaterialButton")
        self.return_button = QPushButton("Return…", objectName="returnMaterialButton")
        self.other_button = QPushButton("Add cost…", objectName="addOtherCostButton")
        self.book_time_button.clicked.connect(self.book_time)
        self.key_back_button.clicked.connect(self.key_back)
        self.issue_button.clicked.connect(lambda: self.move_material(returning=False))
        self.return_button.clicked.connect(lambda: self.move_material(returning=True))
        self.other_button.clicked.connect(self.add_other_cost)

        self.time_section = _Section("Time", self.times, "timeLogTable", 1,
                                     [self.book_time_button, self.key_back_button])
        self.material_section = _Section("Material", self.materials, "materialIssueTable", 2,
                                         [self.issue_button, self.return_button])
        self.other_section = _Section("Other direct costs", self.others, "otherCostTable", 2, [self.other_button])
        for section, reverse in ((self.time_section, booking_corrections.reverse_time_log),
                                 (self.material_section, booking_corrections.reverse_material_issue),
                                 (self.other_section, booking_corrections.reverse_other_cost)):
            section.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_correct_buttons())
            section.correct_button.clicked.connect(lambda _c=False, sec=section, fn=reverse: self.correct(sec, fn))
        self.hint = QLabel(objectName="bookingsHint")
        self.hint.setStyleSheet(theme.HINT_STYLE)
        self.hint.setWordWrap(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="bookingsSplitter")
        for section in (self.time_section, self.material_section, self.other_section):
            self.splitter.addWidget(section)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([240, 160, 110])
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)

    def load(self, job: JobDetail | None) -> None:
        money = money_formatter(self.ctx.db)
        if money is not self.money:  # the shop's currency changed: its columns anew
            self.money = money
            for model, columns in ((self.times, time_columns), (self.materials, material_columns),
                                   (self.others, other_columns)):
                model.set_columns(columns(self.money))
        # the job's status as it is now (the page may hold an older copy) with its bookings, in one read
        found = self.ctx.call(self, booking_views.job_bookings, job.id).value if job is not None else None
        self.status = found.status if found is not None else None
        if found is None:
            for model in (self.times, self.materials, self.others):
                model.set_rows([])
            self.hint.setText("Choose a job to see and add what was spent on it.")
            self._enable(False, False)
            return
        times, issues, others = found.times, found.issues, found.others
        self.times.set_rows(times)
        self.materials.set_rows(issues)
        self.others.set_rows(others)
        self.time_section.total.setText(f"{self.money(sum((t.cost for t in times), 0))}   ")
        self.material_section.total.setText(f"{self.money(sum((i.amount for i in issues), 0))}   ")
        self.other_section.total.setText(f"{self.money(sum((o.amount for o in others), 0))}   ")
        bookable, costable = can_book_work(found.status), can_add_cost(found.status)
        self._enable(bookable, costable)
        if not bookable:
            self.hint.setText(f"Job {found.number} is {JobStatus(found.status).label.lower()}: " + (
                "time and material can be booked once it is released." if found.status == JobStatus.PLANNED else
                "time and material are no longer booked; other costs can still be added." if costable else
                "nothing more is booked to it."))
        else:
            self.hint.setText("Hover over a cost to see how it was worked out. Each booking keeps the rates of "
                              "its day, so a later rate change never rewrites it.")

    def _enable(self, bookable: bool, costable: bool) -> None:
        for b in (self.book_time_button, self.key_back_button, self.issue_button, self.return_button):
            b.setEnabled(bookable)
        self.other_button.setEnabled(costable)
        self._update_correct_buttons()

    # --- corrections ------------------------------------------------------------------------
    def _update_correct_buttons(self) -> None:
        editable = self.job is not None and self.status is not None and not is_read_only(self.status)
        for section in (self.time_section, self.material_section, self.other_section):
            row = section.chosen()
            section.correct_button.setEnabled(editable and row is not None and not corrected(row))

    def correct(self, section: _Section, reverse) -> None:
        """Reverse the chosen booking with a new entry, after asking why."""
        from ..dialogs import reason as reason_dialog

        row = section.chosen()
        if row is None or self.job is None:
            return
        reason = reason_dialog.ask_reason(self, "Correct a booking",
                                          "Why is this booking wrong? A new entry will reverse it exactly; "
                                          "both stay in the job's history.")
        if reason is not None:
            self.ctx.call(self, reverse, row.id, reason)

    # --- the forms --------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def book_time(self) -> None:
        from ..dialogs.booking import TimeBookingDialog

        if self.job is not None:
            self._open(TimeBookingDialog(self.ctx, self.job, parent=self))

    def key_back(self) -> None:
        from ..dialogs.key_back import KeyBackDialog

        if self.job is not None:
            self._open(KeyBackDialog(self.ctx, self.job.id, parent=self))

    def move_material(self, *, returning: bool) -> None:
        from ..dialogs.booking import MaterialBookingDialog

        if self.job is not None:
            self._open(MaterialBookingDialog(self.ctx, self.job, self.money, returning=returning, parent=self))

    def add_other_cost(self) -> None:
        from ..dialogs.booking import OtherCostDialog

        if self.job is not None:
            self._open(OtherCostDialog(self.ctx, self.job, parent=self))
