"""Stands in for a tab whose module is not installed yet, so the window still opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import AppContext
from .base import WorkshopTab


class PlaceholderTab(WorkshopTab):
    def __init__(self, ctx: AppContext, tab_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tab_id = tab_id
        self.title = title
        self.setObjectName(f"tab_{tab_id}")
        label = QLabel(f"{title} is not available in this version yet.")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: palette(mid); font-size: 14pt;")
        QVBoxLayout(self).addWidget(label)


def title_for(tab_id: str) -> str:
    return tab_id.replace("-", " ").title()
