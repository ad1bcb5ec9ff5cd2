"""Non-conformance reports of a job (or every open one): what failed, the disposition, the
verification and closing, each step offered only when the report can take it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ...domain import quality as q
from ...services import nonconformance as ncrs
from .. import theme
from ..context import AppContext
from ..dates import date_time_text
from ..models.quality_models import NcrModel, disposition_label, ncr_status_label


def ncr_details(n: ncrs.NcrView, money=str) -> str:
    lines = [f"{n.number} · {ncr_status_label(n.status)}", n.description]
    lines.append(f"Raised {date_time_text(n.raised_at)}" + (f" by {n.raised_by}" if n.raised_by else ""))
    if n.cause:
        lines.append(f"Cause: {n.cause}")
    if n.disposition:
        what = disposition_label(n.disposition)
        if n.rework_op_number is not None:
            what += f": operation {n.rework_op_number:03d} added to the routing"
        if n.scrap_issue_id is not None:
            what += f": {n.scrap_description} lost" + (f" ({money(n.scrap_cost)})" if n.scrap_cost is not None else "")
        if n.concession_reference:
            what += f": concession {n.concession_reference}"
        lines.append(f"Disposition: {what}" + (f". {n.disposition_note}" if n.disposition_note else ""))
    if n.verified_at:
        lines.append(f"Verified {date_time_text(n.verified_at)} by {n.verified_by}"
                     + (f": {n.verification_note}" if n.verification_note else ""))
    if n.closed_at:
        lines.append(f"Closed {date_time_text(n.closed_at)}")
    nxt = {"disposition": "Next: decide the cause and disposition.",
           "verify": "Next: when the check has passed again, verify it.",
           "close": "Next: close the report."}
    if n.allowed_actions:
        lines.append(nxt[n.allowed_actions[0]])
    return "\n".join(lines)


class NcrPanel(QWidget):
    #: something changed here (the job pages and the tab reload)
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, inspector_source=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job_id: int | None = None
        self.dialog = None
        self._inspector_source = inspector_source  # () -> a name to suggest as the verifier
        self.model = NcrModel(self)
        self.table = QTableView(objectName="ncrTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NcrModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(80)
        self.details = QLabel(objectName="ncrDetails", wordWrap=True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setStyleSheet(theme.PANEL_STYLE)
        self.details.setMinimumHeight(70)
        self.raise_button = QPushButton("Raise report…", objectName="raiseNcr")
        self.disposition_button = QPushButton("Disposition…", objectName="ncrDisposition")
        self.verify_button = QPushButton("Verify…", objectName="ncrVerify")
        self.close_button = QPushButton("Close report", objectName="ncrClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.raise_button)
        buttons.addStretch(1)
        for b in (self.disposition_button, self.verify_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.details, 2)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.raise_button.clicked.connect(self.raise_by_hand)
        self.disposition_button.clicked.connect(self.decide)
        self.verify_button.clicked.connect(self.verify)
        self.close_button.clicked.connect(self.close_report)
        self.set_job(None)

    def set_job(self, job_id: int | None, reports: Sequence[ncrs.NcrView] | None = None) -> None:
        """Show the job's reports: ``reports``, already read (newest first), or read now."""
        self.job_id = job_id
        self.reload(reports=reports)

    def reload(self, select_id: int | None = None, reports: Sequence[ncrs.NcrView] | None = None) -> None:
        """Read the job's reports again (or show ``reports``, already read), keeping the one chosen
        (``select_id``: choose that one), else the first open one."""
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        if reports is not None:
            rows = list(reports)
        else:
            rows = ncrs.list_ncrs(self.ctx.db, job_id=self.job_id) if self.job_id is not None else []
        self.model.set_rows(rows)
        row = self.model.find_row(lambda n: n.id == keep) if keep is not None else -1
        if row < 0 and rows:
            row = next((i for i, n in enumerate(rows) if n.status != q.NcrStatus.CLOSED), 0)
        if row >= 0:
            self.table.selectRow(row)
        self.raise_button.setEnabled(self.job_id is not None)
        self._show_current()

    def open_count(self) -> int:
        return sum(1 for n in self.model.rows() if n.status != q.NcrStatus.CLOSED)

    def current(self) -> ncrs.NcrView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _show_current(self) -> None:
        n = self.current()
        if n is None:
            self.details.setText("No non-conformance reports for this job." if self.job_id is not None else "")
        else:
            self.details.setText(ncr_details(n))
        allowed = n.allowed_actions if n is not None else ()
        self.disposition_button.setEnabled("disposition" in allowed)
        self.verify_button.setEnabled("verify" in allowed)
        self.close_button.setEnabled("close" in allowed)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._done)
        dialog.open()

    def _done(self) -> None:
        result = self.dialog.result_value if self.dialog is not None else None
        self.reload(select_id=getattr(result, "id", None))
        self.changed.emit()

    def raise_by_hand(self) -> None:
        from ..dialogs.ncr_disposition import RaiseNcrDialog

        if self.job_id is not None:
            self._open(RaiseNcrDialog(self.ctx, self.job_id, self))

    def decide(self) -> None:
        from ..dialogs.ncr_disposition import DispositionDialog

        n = self.current()
        if n is not None:
            self._open(DispositionDialog(self.ctx, n, self))

    def verify(self) -> None:
        from ..dialogs.ncr_disposition import VerifyDialog

        n = self.current()
        if n is not None:
            suggestion = self._inspector_source() if self._inspector_source else ""
            self._open(VerifyDialog(self.ctx, n, self, verifier=suggestion))

    def close_report(self) -> None:
        n = self.current()
        if n is None:
            return
        closed = self.ctx.call(self, ncrs.close_ncr, n.id)
        if closed.ok:
            self.reload(select_id=closed.value.id)
            self.changed.emit()
