"""Choose the job whose routing is shown: a list of open jobs, or type any job number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ...domain.errors import WorkshopError
from ...services import jobs
from ..tasks import run_task

#: how many open jobs the list offers; any other job can still be typed by number
MAX_LISTED = 500


def open_job_items(_state, db) -> tuple[tuple[str, int], ...]:
    """Off the GUI thread: the open jobs the list offers, soonest due first, as (text, job id)."""
    rows = jobs.list_jobs(db, jobs.JobFilter(open_only=True), limit=MAX_LISTED)
    return tuple((f"{r.number} — {r.title} ({r.customer_name})", r.id)
                 for r in sorted(rows, key=lambda r: (r.due_date, r.number)))


class JobPicker(QComboBox):
    job_picked = Signal(int)
    filled = Signal()  # the open jobs are listed (after each reload)

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
        self._asked = 0  # reloads asked for: only the last one's list is shown
        self.activated.connect(self._activated)
        self.lineEdit().returnPressed.connect(self._typed)
        self.reload()

    def reload(self) -> None:
        """Refill with open jobs, soonest due first, read off the GUI thread (500 of them on a busy
        shop); keeps the shown job. Until they come, a job shown or typed by number works as ever."""
        self._asked += 1
        asked = self._asked

        def fill(items: tuple[tuple[str, int], ...]) -> None:
            if asked == self._asked:  # else a newer reload is under way
                self._fill(items)

        run_task(open_job_items, self.ctx.db, on_done=fill, parent=self)

    def _fill(self, items: tuple[tuple[str, int], ...]) -> None:
        current = self.job_id()
        typed = self.lineEdit().text() if current is None else ""
        self._quiet = True
        try:
            self.clear()
            for label, job_id in items:
                self.addItem(label, job_id)
            if current is not None:
                self.show_job(current)
            else:
                self.setCurrentIndex(-1)
                self.lineEdit().setText(typed)  # what the person began to type meanwhile
        finally:
            self._quiet = False
        self.filled.emit()

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
