"""Status actions for a job (a button per action, enabled only when the job's status allows
it) and the job's status history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHeaderView, QMessageBox, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ...domain.job_statement import can_invoice, invoice_waits
from ...domain.statuses import ENDING_ACTIONS, JOB_ACTIONS
from ...services import jobs
from ..dialogs import reason as reason_dialog
from ..models.jobs_model import HistoryModel

BUTTONS_PER_ROW = 6


def confirm_move(parent: QWidget | None, question) -> bool:
    """Yes/no before a move that ends work, naming what is unfinished (plain text: it names checks)."""
    box = QMessageBox(QMessageBox.Icon.Question, question.title, question.text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("statusQuestion")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText(question.confirm_label)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_status_move(parent: QWidget | None, ctx, job_id: int, action: str) -> str | None:
    """Ask what a status move needs first: a reason, or a yes naming what is unfinished. Returns
    the reason ("" when none is needed), or None when the person thinks again. A move the quality
    gate will refuse is not asked about: the refusal says why."""
    question = ctx.call(parent, jobs.status_question, job_id, action).value
    if question is None:
        return None
    if question.blocked:
        return ""
    if question.needs_reason:
        return reason_dialog.ask_reason(parent, question.title, question.text)
    if question.confirm and not confirm_move(parent, question):
        return None
    return ""


class JobActionsBar(QWidget):
    """One button per job action; the tab decides nothing, the domain's allowed actions do."""

    #: emitted with the new JobDetail after a status change
    changed = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.JobDetail | None = None
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        # the program's own moves (a final invoice marks the job invoiced) get no button
        for i, action in enumerate(a for a in JOB_ACTIONS.values() if a.by_hand):
            asks = action.needs_reason or action.name in ENDING_ACTIONS  # "…": a question comes first
            button = QPushButton(action.label + ("…" if asks else ""))
            button.setObjectName(f"action_{action.name}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, name=action.name: self.run(name))
            grid.addWidget(button, i // BUTTONS_PER_ROW, i % BUTTONS_PER_ROW)
            self.buttons[action.name] = button
        # a deposit, progress or final invoice: the final one marks the job invoiced
        self.invoice_button = QPushButton("Invoice…", objectName="invoiceJob", enabled=False)
        self.invoice_button.clicked.connect(self.invoice)
        i = len(self.buttons)
        grid.addWidget(self.invoice_button, i // BUTTONS_PER_ROW, i % BUTTONS_PER_ROW)

    def set_job(self, job: jobs.JobDetail | None) -> None:
        self.job = job
        allowed = set(job.allowed_actions) if job else set()
        for name, button in self.buttons.items():
            button.setEnabled(name in allowed)
            button.setToolTip("" if name in allowed or job is None else
                              f"Not possible while the job is {job.status.replace('_', ' ')}")
        billable = job is not None and can_invoice(job.status)
        self.invoice_button.setEnabled(billable)
        self.invoice_button.setToolTip("" if billable or job is None else invoice_waits(job.number, job.status))

    def invoice(self) -> None:
        from ..dialogs.job_invoice import invoice_job

        if self.job is not None:
            invoice_job(self, self.ctx, self.job)

    def run(self, name: str) -> None:
        if self.job is None:
            return
        reason = ask_status_move(self, self.ctx, self.job.id, name)
        if reason is None:
            return
        moved = self.ctx.call(self, jobs.change_status, self.job.id, name, reason)
        if moved.ok:
            self.set_job(moved.value)
            self.changed.emit(moved.value)


class JobHistoryView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.table = QTableView(objectName="jobHistory")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def set_job(self, job: jobs.JobDetail | None) -> None:
        self.model.set_history(job.history if job else ())
