"""Record a result for one check from the job's Quality page (the same panel as the Inspection tab)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ...services.inspection_state import CheckView
from ..context import AppContext
from ..widgets.inspection_record import InspectionRecordPanel
from ..widgets.sizing import fit_to_screen
from .unsaved import guard_typing


class RecordResultDialog(QDialog):
    def __init__(self, ctx: AppContext, check: CheckView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordResultDialog")
        self.setWindowTitle(f"Inspect — {check.characteristic}")
        self.panel = InspectionRecordPanel(ctx)
        self.panel.set_check(check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 640, minimum=(520, 480))
        guard_typing(self, "The result")
