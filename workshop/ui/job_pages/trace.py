"""The job's History page: everything that happened to it, in time order (status changes,
operations worked, inspections and corrections, tests, non-conformances, delivery, feedback,
aftercare), and the traceability PDF."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.wording import plural
from ...services import traceability
from ...services.jobs import JobDetail
from .. import theme
from ..models.costing_models import TextsMadeOnce
from ..models.quality_models import HistoryEventsModel
from ..widgets.cost_common import fit_columns
from .base import JobPage
from .quality import table


class _EventsModel(TextsMadeOnce, HistoryEventsModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._make_texts_once()


class JobTracePage(JobPage):
    title = "History"
    reload_on = Change.JOBS | Change.QUALITY | Change.ROUTING | Change.BOOKINGS

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobTracePage")
        self._print_task = None
        self.model = _EventsModel(self)
        self.table = table("traceTable", self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # sized to the events' texts, made once (a big job has a hundred events, each date through Babel)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(HistoryEventsModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.model.modelReset.connect(lambda: fit_columns(self.table))
        self.count = QLabel(objectName="traceCount")
        self.count.setStyleSheet(theme.HINT_STYLE)
        self.print_button = QPushButton("Print history…", objectName="printTrace")
        self.print_button.setToolTip("Preview and print the job's traceability record")
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_history)

    def load(self, job: JobDetail | None) -> None:
        events = traceability.job_history(self.ctx.db, job.id) if job is not None else []
        self.model.set_rows(events)
        self.count.setText(plural(len(events), "event") if job is not None else "")
        self.print_button.setEnabled(job is not None)
        if events:
            self.table.scrollToBottom()

    def print_history(self) -> None:
        if self.job is None:
            return
        from ...documents.traceability import traceability_pdf
        from ..printing import preview_pdf

        number = self.job.number
        self._print_task = preview_pdf(self, self.ctx, traceability_pdf, self.job.id,
                                       title=f"Job history {number}", file_name=f"history-{number}.pdf",
                                       label="Preparing the job's history…")
