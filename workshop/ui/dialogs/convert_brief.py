"""Convert to job: asks quantity, due date and priority, then makes the job."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from ...domain.statuses import Priority
from ...services import jobs
from ...services.briefs import BriefDetail
from ..context import AppContext
from ..widgets.date_edit import date_field
from .form_dialog import SimpleDialog


class ConvertBriefDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, brief: BriefDetail, parent: QWidget | None = None) -> None:
        intro = QLabel(f"Make a job from <b>{brief.number}</b>. The customer, requirements and attached "
                       "files go with it; the brief is marked won.", wordWrap=True)  # a number: no markup in it
        super().__init__("Convert brief to job", object_name="convertBriefDialog", parent=parent, intro=intro,
                         ok_text="Make the job")
        self.ctx = ctx
        self.brief = brief
        self.job = None
        self.quantity = self.add_row("&Quantity", QSpinBox(objectName="convertQuantity", minimum=1, maximum=100_000),
                                     "quantity")
        self.due_date = self.add_row("&Due date", date_field(ctx, object_name="convertDueDate"), "due_date")
        self.due_date.set_date(brief.required_by or ctx.db.today() + dt.timedelta(days=28))
        self.priority = self.add_row("&Priority", QComboBox(objectName="convertPriority"), "priority")
        for p in Priority:
            self.priority.addItem(p.label, p.value)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL.value))
        self.finish(420, minimum=(420, 0))

    def save(self) -> None:
        made = self.ctx.call(self, jobs.convert_brief_to_job, self.brief.id, quantity=self.quantity.value(),
                             due_date=self.due_date.value(), priority=self.priority.currentData(),
                             on_invalid=self.errors.show)
        if made.ok:
            self.job = made.value
            self.accept()
