"""The job's Delivery & aftercare page: record the delivery (refused by the quality gate, with
its message, while a check has no pass or a report is open), print the delivery note, the
customer's feedback, the warranty and its end date, and aftercare tickets."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ...domain import statuses as st
from ...domain.changes import Change
from ...domain.errors import ValidationError
from ...domain.labels import DELIVERY_METHOD_LABELS
from ...domain.statuses import JobStatus
from ...services import aftercare, delivery
from ...services.jobs import JobDetail
from .. import theme
from ..dates import date_text
from ..models.jobs_model import status_label
from ..models.quality_models import DeliveriesModel
from ..widgets.cost_common import money_formatter
from ..widgets.date_edit import date_field
from ..widgets.field_errors import FieldErrors
from ..widgets.job_status import ask_status_move
from ..widgets.site_address import SiteAddressBox
from .base import JobPage
from .quality import table
from .tickets_box import TicketsBox


def _error_label(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True)
    label.setStyleSheet(theme.ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DeliveryAftercarePage(JobPage):
    title = "Delivery && aftercare"  # "&&": a plain ampersand in a tab title
    reload_on = Change.JOBS | Change.QUALITY | Change.SETTINGS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("deliveryPage")
        self.dialog = None
        self._print_task = None
        self.current: JobDetail | None = None
        self.money = money_formatter(ctx.db)

        # --- delivery --------------------------------------------------------------------
        self.state = QLabel(objectName="deliveryState", wordWrap=True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.date = date_field(ctx, object_name="deliveryDate")
        self.method = QComboBox(objectName="deliveryMethod")
        for value, label in DELIVERY_METHOD_LABELS.items():
            self.method.addItem(label, value)
        self.received_by = QLineEdit(objectName="deliveryReceivedBy", placeholderText="Name of the person who signed")
        self.notes = QPlainTextEdit(objectName="deliveryNotes", tabChangesFocus=True)
        self.notes.setFixedHeight(48)
        self.deliver_button = QPushButton("Record delivery", objectName="recordDelivery")
        self.note_button = QPushButton("Delivery note…", objectName="deliveryNote")
        form = QFormLayout()
        form.addRow("Date", self.date)
        form.addRow("Method", self.method)
        form.addRow("Received by", self.received_by)
        form.addRow("Notes", self.notes)
        self.delivery_error = _error_label("error_delivery")
        form.addRow(self.delivery_error)
        self.delivery_errors = FieldErrors(form, fallback=self.delivery_error)
        for field, widget in (("delivered_on", self.date), ("method", self.method),
                              ("received_by", self.received_by), ("notes", self.notes)):
            self.delivery_errors.register(field, widget)
        self.delivery_errors.clear()
        self.deliveries_model = DeliveriesModel(self)
        self.deliveries = table("deliveriesTable", self.deliveries_model)
        self.deliveries.setFixedHeight(70)
        row = QHBoxLayout()
        row.addWidget(self.note_button)
        row.addStretch(1)
        row.addWidget(self.deliver_button)
        box = QGroupBox("Delivery", objectName="deliveryBox")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.state)
        box_layout.addLayout(form)
        box_layout.addLayout(row)
        box_layout.addWidget(self.deliveries)

        # --- feedback and warranty ---------------------------------------------------------
        self.rating = QComboBox(objectName="feedbackRating")
        self.rating.addItem("Choose…", None)
        for n, words in ((5, "excellent"), (4, "good"), (3, "fair"), (2, "poor"), (1, "very poor")):
            self.rating.addItem(f"{'★' * n}{'☆' * (5 - n)}  {n} — {words}", n)
        self.comments = QPlainTextEdit(objectName="feedbackComments", tabChangesFocus=True)
        self.comments.setFixedHeight(44)
        self.feedback_button = QPushButton("Save feedback", objectName="saveFeedback")
        self.feedback_list = QLabel(objectName="feedbackList", wordWrap=True)
        self.feedback_list.setTextFormat(Qt.TextFormat.PlainText)
        feedback_form = QFormLayout()
        feedback_form.addRow("Rating", self.rating)
        feedback_form.addRow("Comments", self.comments)
        self.feedback_error = _error_label("error_feedback")
        feedback_form.addRow(self.feedback_error)
        self.feedback_errors = FieldErrors(feedback_form, fallback=self.feedback_error)
        self.feedback_errors.register("rating", self.rating)
        self.feedback_errors.register("comments", self.comments)
        self.feedback_errors.clear()
        feedback_box = QGroupBox("Customer feedback", objectName="feedbackBox")
        fb = QVBoxLayout(feedback_box)
        fb.addWidget(self.feedback_list)
        fb.addLayout(feedback_form)
        r = QHBoxLayout()
        r.addStretch(1)
        r.addWidget(self.feedback_button)
        fb.addLayout(r)

        self.warranty_months = QLineEdit(objectName="warrantyMonths")
        self.warranty_months.setMaximumWidth(70)
        self.warranty_months.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.warranty_button = QPushButton("Save", objectName="saveWarranty")
        self.warranty_default = QPushButton("Shop default", objectName="warrantyDefault")
        self.warranty_end = QLabel(objectName="warrantyEnd", wordWrap=True)
        self.warranty_error = _error_label("error_months")
        w_row = QHBoxLayout()
        w_row.addWidget(QLabel("Months"))
        w_row.addWidget(self.warranty_months)
        w_row.addWidget(self.warranty_button)
        w_row.addWidget(self.warranty_default)
        w_row.addStretch(1)
        warranty_box = QGroupBox("Warranty", objectName="warrantyBox")
        wb = QVBoxLayout(warranty_box)
        wb.addLayout(w_row)
        wb.addWidget(self.warranty_error)
        wb.addWidget(self.warranty_end)
        wb.addStretch(1)

        self.tickets_box = TicketsBox(ctx, self.money)

        middle = QHBoxLayout()
        middle.addWidget(feedback_box, 3)
        middle.addWidget(warranty_box, 2)
        content = QWidget()
        c = QVBoxLayout(content)
        self.site = SiteAddressBox(ctx)  # where the goods go: printed on the delivery note
        top = QHBoxLayout()
        top.addWidget(box, 3)
        top.addWidget(self.site, 2)
        c.addLayout(top)
        c.addLayout(middle)
        c.addWidget(self.tickets_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.deliver_button.clicked.connect(self.record_delivery)
        self.note_button.clicked.connect(self.print_note)
        self.feedback_button.clicked.connect(self.save_feedback)
        self.warranty_button.clicked.connect(self.save_warranty)
        self.warranty_default.clicked.connect(lambda: self.save_warranty(default=True))

    # --- loading -----------------------------------------------------------------------------
    def holds(self, initiator: QWidget | None) -> bool:
        """The page refreshes the section that saved (feedback, warranty, tickets, the site address)
        itself, so the delivery being typed beside it is kept; a delivery reloads the whole page."""
        while initiator is not None:
            if initiator is self:
                return True
            initiator = initiator.parentWidget()  # a ticket dialog belongs to the page too
        return False

    def load(self, job: JobDetail | None) -> None:
        self.setEnabled(job is not None)
        # the job's status as it is now (the page may hold an older copy) with all the page shows, in one read
        found = self.ctx.call(self, delivery.delivery_page, job.id).value if job is not None else None
        self.current = job = dataclasses.replace(job, status=found.status) if found is not None else None
        self.site.set_job(job.id if job is not None else None)
        for errors in (self.delivery_errors, self.feedback_errors):
            errors.clear()
        self.warranty_error.hide()
        if job is None:
            self.state.clear()
            self.deliveries_model.set_rows([])
            self.tickets_box.load(None)
            return
        self.date.set_date(self.ctx.db.today())  # a later date is refused by the service, by name
        self.received_by.clear()
        self.notes.clear()
        self.deliveries_model.set_rows(list(found.deliveries))
        self._show_state(job, found.unfinished)
        self._load_feedback(job, found.feedback)
        self._load_warranty(job, found.warranty)
        self.tickets_box.load(job, self.warranty, tickets=found.tickets)

    def _load_feedback(self, job: JobDetail, feedback=None) -> None:
        if feedback is None:
            feedback = delivery.list_feedback(self.ctx.db, job_id=job.id)
        self.feedback_list.setText("\n".join(f"{date_text(f.received_on)}: {'★' * f.rating}{'☆' * (5 - f.rating)} "
                                             f"{f.rating}/5" + (f" — {f.comments}" if f.comments else "")
                                             for f in feedback) or "No feedback yet.")
        self.rating.setCurrentIndex(0)
        self.comments.clear()
        feedback_open = st.can_record_feedback(job.status)
        for w in (self.rating, self.comments, self.feedback_button):
            w.setEnabled(feedback_open)
        self.rating.setToolTip("" if feedback_open else st.FEEDBACK_WAITS)

    def _load_warranty(self, job: JobDetail, warranty: aftercare.WarrantyView | None = None) -> None:
        self.warranty = warranty if warranty is not None else aftercare.get_warranty(self.ctx.db, job.id)
        self.warranty_months.setText(str(self.warranty.months))
        self.warranty_end.setText(self._warranty_text(self.warranty, self.ctx.db.today()))
        self.warranty_default.setEnabled(not self.warranty.is_shop_default)

    def _show_state(self, job: JobDetail, unfinished) -> None:
        """``unfinished``: the job's unfinished work as read with the page (None when not deliverable)."""
        status = JobStatus(job.status)
        deliverable = st.can_record_delivery(status)
        problems = list(unfinished.gate_problems) if unfinished else []
        self.deliver_button.setText("Complete and record delivery" if st.completes_on_delivery(status)
                                    else "Record delivery")
        self.note_button.setEnabled(self.deliveries_model.rowCount() > 0)
        if st.is_delivered(status):
            text, style = (f"{status_label(job.status)}. A further delivery (a second drop, a fitting visit) can "
                           "still be recorded.", f"color: {theme.PASSED};")
        elif not deliverable:
            text, style = st.not_yet(job.number, status, st.DELIVERY_WAITS), theme.HINT_STYLE
        elif problems:
            shown = "\n".join(f"•  {p[0].upper()}{p[1:]}" for p in problems[:2])
            more = f"\n…and {len(problems) - 2} more (see the Quality page)." if len(problems) > 2 else ""
            text, style = (f"Cannot be delivered yet:\n{shown}{more}", theme.ERROR_STYLE)
        else:
            text, style = ("Ready to deliver: every required check has passed and no report is open.",
                           f"color: {theme.PASSED}; font-weight: bold;")
            if not unfinished.checks:  # nothing passed because nothing was checked: say so
                text, style = "No checks on this job, so nothing was inspected; it can be delivered.", theme.HINT_STYLE
        self.state.setText(text)
        self.state.setStyleSheet(style)
        for w in (self.date, self.method, self.received_by, self.notes, self.deliver_button):
            w.setEnabled(deliverable)

    @staticmethod
    def _warranty_text(w: aftercare.WarrantyView, today: dt.date) -> str:
        source = "the shop's default" if w.is_shop_default else "this job's own period"
        if w.end_date is None:
            return f"{w.months} months ({source}), starting on delivery."
        covered = "covered now" if w.covers(today) else "expired"
        return (f"Ends {date_text(w.end_date)} — {w.months} months ({source}) from delivery on "
                f"{date_text(w.start_date)}; {covered}.")

    # --- delivery ----------------------------------------------------------------------------
    def record_delivery(self) -> None:
        job = self.current
        if job is None:
            return
        self.delivery_errors.clear()
        values = dict(delivered_on=self.date.value(), method=self.method.currentData(),
                      received_by=self.received_by.text(), notes=self.notes.toPlainText())
        if st.completes_on_delivery(job.status):
            if not values["received_by"].strip():  # say so before asking about completing it
                self.delivery_errors.show(ValidationError("received_by", "Received by is required."))
                return
            reason = ask_status_move(self, self.ctx, job.id, "complete")  # names unfinished operations
            if reason is None:
                return
            values["completion_reason"] = reason
        # one call: the job is completed (from inspection) and delivered together, or not at all
        saved = self.ctx.call(self, delivery.record_delivery, job.id, **values, on_invalid=self.delivery_errors.show)
        if saved.ok:
            self.set_job(self.job)

    def print_note(self) -> None:
        if self.current is None:
            return
        from ...documents.delivery_note import delivery_note_pdf
        from ..printing import preview_pdf

        rows = self.deliveries.selectionModel().selectedRows()
        chosen = self.deliveries_model.row_at(rows[0].row()) if rows else None
        number = self.current.number
        self._print_task = preview_pdf(self, self.ctx, delivery_note_pdf, self.current.id,
                                       chosen.id if chosen else None, title=f"Delivery note {number}",
                                       file_name=f"delivery-note-{number}.pdf", label="Preparing the delivery note…")

    # --- feedback and warranty ---------------------------------------------------------------
    def save_feedback(self) -> None:
        if self.current is None:
            return
        self.feedback_errors.clear()
        saved = self.ctx.call(self, delivery.record_feedback, self.current.id, rating=self.rating.currentData() or "",
                              comments=self.comments.toPlainText(), on_invalid=self.feedback_errors.show)
        if saved.ok:
            self._load_feedback(self.current)

    def save_warranty(self, default: bool = False) -> None:
        if self.current is None:
            return
        self.warranty_error.hide()

        def show(error: ValidationError) -> None:
            self.warranty_error.setText(error.message)
            self.warranty_error.show()
            self.warranty_months.setFocus()

        months = None if default else self.warranty_months.text()
        saved = self.ctx.call(self, aftercare.set_warranty, self.current.id, months=months, on_invalid=show)
        if saved.ok:
            self._load_warranty(self.current)
