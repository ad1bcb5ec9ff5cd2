"""The aged-debts strip over the invoices list: what customers owe, current and by how long it
is overdue (1–30, 31–60, 61–90, over 90 days), one line per currency invoiced in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...domain.aged_debts import BUCKETS, AgedDebts
from ...domain.money import format_money
from ...domain.wording import plural
from ...services import aged_debts
from .. import theme
from ..context import AppContext


class AgedDebtsStrip(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agedDebts")
        self.ctx = ctx
        self.summaries: tuple[AgedDebts, ...] = ()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 4, 8, 4)
        self.grid.setHorizontalSpacing(18)
        self.setStyleSheet(f"#agedDebts {{ background: {theme.PANEL}; border: 1px solid {theme.PANEL_BORDER}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def reload(self) -> None:
        self.summaries = aged_debts.aged_debts(self.ctx.db)
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        title = QLabel("Owed to the shop")
        title.setStyleSheet("font-weight: bold;")
        self.grid.addWidget(title, 0, 0)
        for column, bucket in enumerate(BUCKETS, start=1):
            self.grid.addWidget(self._label(bucket.label, theme.HINT_STYLE), 0, column, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(self._label("Total", theme.HINT_STYLE), 0, len(BUCKETS) + 1, Qt.AlignmentFlag.AlignRight)
        for row, summary in enumerate(self.summaries, start=1):
            self.grid.addWidget(self._label(summary.currency, theme.HINT_STYLE), row, 0)
            for column, (amount, count) in enumerate(zip(summary.amounts, summary.counts), start=1):
                red = column > 1 and amount > 0
                label = self._label(self.money(amount, summary.currency),
                                    f"color: {theme.ALARM}; font-weight: bold;" if red else "")
                label.setObjectName(f"agedDebts{summary.currency}_{column - 1}")
                label.setToolTip(f"{plural(count, 'invoice')}, {BUCKETS[column - 1].label.lower()}")
                self.grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignRight)
            total = self._label(self.money(summary.total, summary.currency), "font-weight: bold;")
            total.setObjectName(f"agedDebts{summary.currency}_total")
            self.grid.addWidget(total, row, len(BUCKETS) + 1, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(len(BUCKETS) + 2, 1)
        self.grid.addWidget(QWidget(), 0, len(BUCKETS) + 2)

    def money(self, amount, currency: str) -> str:
        return format_money(amount, currency, self.ctx.locale)

    @staticmethod
    def _label(text: str, style: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if style:
            label.setStyleSheet(style)
        return label
