"""Job Cards: the list of jobs beside the chosen job's details, status, bill of materials and plan."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QWidget

from ...domain.changes import Change
from ...domain.money import format_money
from ...services import jobs, settings
from ..context import AppContext
from ..widgets.cost_common import quick_money
from ..widgets.job_detail import JobDetailView
from ..widgets.job_list import JobListPanel
from ..widgets.job_new_dialog import NewJobDialog
from .base import WorkshopTab


def ask_save_changes(parent: QWidget, number: str) -> str:
    """'save', 'discard' or 'cancel' for a job with unsaved edits; tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                      f"Job {number} has changes that are not saved yet.",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText("Save them before leaving this job?")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")


class JobCardsTab(WorkshopTab):
    tab_id = "job-cards"
    title = "Job Cards"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._money = self._money_formatter()
        self.new_dialog: NewJobDialog | None = None
        self.list = JobListPanel(ctx)
        self.detail = JobDetailView(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="jobCardsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.list.job_chosen.connect(self._job_chosen)
        self.list.reloaded.connect(self.status_changed)
        ctx.open_job_requested.connect(self.open_job)
        self.list.reload()
        self.splitter.setSizes([620, 660])

    # --- money in the shop's currency ------------------------------------------------------
    def _money_formatter(self):
        shop = self.ctx.call(self, settings.get_settings).value
        currency, locale = (shop.currency, shop.locale) if shop else ("GBP", "en_GB")
        return quick_money(currency, locale) or (lambda amount: format_money(amount, currency, locale))

    # --- printing ---------------------------------------------------------------------------
    def print_current(self) -> None:
        """Ctrl+P: preview the job cards of the selected jobs (one or many) for the bench."""
        from ..printing import print_job_cards

        rows = self.list.selected_jobs()
        if rows:
            self._print_task = print_job_cards(self, self.ctx, [r.id for r in rows], [r.number for r in rows])

    # --- choosing a job --------------------------------------------------------------------
    def current_job_id(self) -> int | None:
        return self.detail.job.id if self.detail.job else None

    def _job_chosen(self, job_id: int | None) -> None:
        previous = self.current_job_id()
        if job_id == previous:
            return
        if not self.leave_current_job():
            self.list.restore_selection(previous)
            return
        self.show_job(job_id)

    def leave_current_job(self) -> bool:
        """True when it is fine to show another job: nothing unsaved, saved, or discarded."""
        if not self.detail.header.is_dirty():
            return True
        answer = ask_save_changes(self, self.detail.job.number if self.detail.job else "")
        if answer == "save":
            return self.detail.header.save()
        if answer == "discard":
            self.detail.header.revert()
            return True
        return False

    def show_job(self, job_id: int | None) -> None:
        job = self.ctx.call(self, jobs.get_job, job_id).value if job_id is not None else None
        self.detail.show_job(job, self._money)
        if job is not None:
            self.ctx.select_job(job.id)

    def open_job(self, job_id: int) -> None:
        """Show ``job_id`` (a new job, or one asked for by another tab, e.g. after converting a brief)
        selected in the list and on its Job page, whichever page the last job was on; the list is read
        again when the job is not among its rows, and cleared of its search and filters when it is
        not listed under them.

        A job already among the list's rows (one chosen on the Start page, the walk's biggest job) is
        only selected: the list is as current as a reload would make it, since every change announced
        through the window reloads it (``on_changed``), and a reload would read its first page again
        and reset the table under the person (~11 ms and a repaint of every row, issue 17)."""
        if not self.leave_current_job():
            return
        listed = self.list.model.find_row(lambda r: r.id == job_id) >= 0
        if not (listed and self.list.select_job(job_id, notify=False)):
            self.list.reload()
            if not self.list.select_job(job_id, notify=False):
                job = self.ctx.call(self, jobs.get_job, job_id).value
                if job is None:
                    return
                self.list.show_everything()
                self.list.search.blockSignals(True)
                self.list.search.setText(job.number)
                self.list.search.blockSignals(False)
                self.list.reload()
                self.list.select_job(job_id, notify=False)
        self.show_job(job_id)
        self.detail.pages.setCurrentWidget(self.detail.header)

    # --- WorkshopTab -----------------------------------------------------------------------
    def new_record(self) -> None:
        if not self.leave_current_job():
            return
        self.new_dialog = NewJobDialog(self.ctx, self)
        dialog = self.new_dialog
        dialog.accepted.connect(lambda: self.open_job(dialog.job.id))
        dialog.open()

    def focus_search(self) -> None:
        self.list.search.setFocus()
        self.list.search.selectAll()

    def save(self) -> bool:
        return self.detail.header.save()

    def revert(self) -> None:
        self.detail.header.revert()

    def has_unsaved_changes(self) -> bool:
        return self.detail.header.is_dirty()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & Change.SETTINGS:
            self._money = self._money_formatter()
            self.detail.money = self._money
        if changes & (Change.JOBS | Change.ROUTING | Change.BOM | Change.SETTINGS | Change.CUSTOMERS | Change.BRIEFS):
            self.list.reload(keep_job_id=self.current_job_id())
            self.detail.refresh(initiator)

    def status_text(self) -> str:
        # how many the list shows, as filtered; the window adds the shop-wide "Late: n" beside it
        return f"{self.list.count_label.text()} listed"

    def save_state(self) -> dict[str, object]:
        return {"splitter": bytes(self.splitter.saveState().data())}

    def restore_state(self, state: dict[str, object]) -> None:
        data = state.get("splitter")
        if isinstance(data, QByteArray):  # QSettings may hand back either
            self.splitter.restoreState(data)
        elif isinstance(data, (bytes, bytearray)):
            self.splitter.restoreState(QByteArray(bytes(data)))
