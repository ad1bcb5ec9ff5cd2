"""Choose the job whose routing is shown: a list of open jobs, or type any job number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...domain.errors import WorkshopError
from ...services import jobs

#: how many open jobs the list offers; any other job can still be typed by number
MAX_LISTED = 500


class JobPicker(QComboBox):
    job_picked = Signal(int)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("routingJob")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(40)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lineEdit().setPlaceholderText("Choose a job, or type its number and press Enter")
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._quiet = False
        self.activated.connect(self._activated)
        self.lineEdit().returnPressed.connect(self._typed)
        self.reload()

    def reload(self) -> None:
        """Refill with open jobs, soonest due first; keeps the shown job."""
        current = self.job_id()
        self._quiet = True
        try:
            self.clear()
            rows = jobs.list_jobs(self.ctx.db, jobs.JobFilter(open_only=True), limit=MAX_LISTED)
            for r in sorted(rows, key=lambda r: (r.due_date, r.number)):
                self.addItem(f"{r.number} — {r.title} ({r.customer_name})", r.id)
            if current is not None:
                self.show_job(current)
            else:
                self.setCurrentIndex(-1)
        finally:
            self._quiet = False

    def job_id(self) -> int | None:
        index = self.currentIndex()
        data = self.itemData(index) if index >= 0 else None
        return data if isinstance(data, int) else None

    def show_job(self, job_id: int) -> None:
        """Show ``job_id`` without announcing it (it came from outside)."""
        index = self.findData(job_id)
        if index < 0:
            try:
                job = jobs.get_job(self.ctx.db, job_id)
            except WorkshopError:
                return
            self.addItem(f"{job.number} — {job.title} ({job.customer_name})", job.id)
            index = self.count() - 1
        quiet, self._quiet = self._quiet, True
        try:
            self.setCurrentIndex(index)
        finally:
            self._quiet = quiet

    def _activated(self, index: int) -> None:
        if not self._quiet and index >= 0:
            self.job_picked.emit(self.itemData(index))

    def _typed(self) -> None:
        text = self.currentText().strip()
        if not text:
            return
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
            return self._activated(index)
        job_id = self.ctx.call(self, jobs.find_job_id, text.split()[0]).value
        if job_id is not None:
            self.show_job(job_id)
            self.job_picked.emit(job_id)
