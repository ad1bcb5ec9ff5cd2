"""A job's finished-goods tests, with "Record test…"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from ...services import finished_tests
from ..context import AppContext
from ..models.quality_models import FinishedTestsModel


class FinishedTestsPanel(QWidget):
    recorded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, tester_source=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job_id: int | None = None
        self.dialog = None
        self._tester_source = tester_source
        self.model = FinishedTestsModel(self)
        self.table = QTableView(objectName="testsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(FinishedTestsModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Record test…", objectName="recordTest")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.record)
        self.set_job(None)

    def set_job(self, job_id: int | None, tests: Sequence[finished_tests.FinishedTestView] | None = None) -> None:
        """Show the job's tests: ``tests``, already read, or read now."""
        self.job_id = job_id
        self.reload(tests)

    def reload(self, tests: Sequence[finished_tests.FinishedTestView] | None = None) -> None:
        if tests is None:
            tests = finished_tests.list_finished_tests(self.ctx.db, self.job_id) if self.job_id else []
        self.model.set_rows(list(tests))
        self.add_button.setEnabled(self.job_id is not None)

    def record(self) -> None:
        from ..dialogs.inspection_test import FinishedTestDialog

        if self.job_id is None:
            return
        self.dialog = FinishedTestDialog(self.ctx, self.job_id, self,
                                         tester=self._tester_source() if self._tester_source else "")
        self.dialog.accepted.connect(lambda: (self.reload(), self.recorded.emit(self.dialog.result_value)))
        self.dialog.open()
