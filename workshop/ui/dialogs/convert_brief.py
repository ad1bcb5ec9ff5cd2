"""Convert to job: asks quantity, due date and priority, then makes the job."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox,
                               QVBoxLayout, QWidget)

from ...domain.statuses import Priority
from ...services import jobs
from ...services.briefs import BriefDetail
from ..context import AppContext
from ..widgets.date_edit import date_field
from ..widgets.field_errors import FieldErrors
from ..widgets.sizing import fit_to_screen
from .unsaved import guard_typing


class ConvertBriefDialog(QDialog):
    def __init__(self, ctx: AppContext, brief: BriefDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.brief = brief
        self.job = None
        self.setObjectName("convertBriefDialog")
        self.setWindowTitle("Convert brief to job")
        intro = QLabel(f"Make a job from <b>{brief.number}</b>. The customer, requirements and attached "
                       "files go with it; the brief is marked won.")
        intro.setWordWrap(True)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("convertQuantity")
        self.quantity.setRange(1, 100_000)
        self.due_date = date_field(ctx, object_name="convertDueDate")
        self.due_date.set_date(brief.required_by or ctx.db.today() + dt.timedelta(days=28))
        self.priority = QComboBox()
        self.priority.setObjectName("convertPriority")
        for p in Priority:
            self.priority.addItem(p.label, p.value)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL.value))
        self.form = QFormLayout()
        self.form.addRow("&Quantity", self.quantity)
        self.form.addRow("&Due date", self.due_date)
        self.form.addRow("&Priority", self.priority)
        self.errors = FieldErrors(self.form)
        for field, widget in (("quantity", self.quantity), ("due_date", self.due_date), ("priority", self.priority)):
            self.errors.register(field, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Make the job")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        fit_to_screen(self, 420, minimum=(420, 0))
        guard_typing(self)

    def accept(self) -> None:
        made = self.ctx.call(self, jobs.convert_brief_to_job, self.brief.id, quantity=self.quantity.value(),
                             due_date=self.due_date.value(), priority=self.priority.currentData(),
                             on_invalid=self.errors.show)
        if made.ok:
            self.job = made.value
            super().accept()
