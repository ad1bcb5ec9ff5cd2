"""The aged-debts strip over the invoices list: what customers owe, current and by how long it
is overdue (1–30, 31–60, 61–90, over 90 days), one line per currency invoiced in.

One painted widget (issue 17): it was a grid of 14 labels, each with a style sheet of its own, whose
making and polishing was most of the Invoices tab's first show after its list. Each cell's tooltip
says how many invoices its amount is; ``cell`` tells what a cell shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ...domain.aged_debts import BUCKETS, AgedDebts
from ...domain.money import format_money
from ...domain.wording import plural
from ...services import aged_debts
from .. import theme
from ..context import AppContext
from ..plain_text import plain_tooltip

MARGIN_X, MARGIN_Y = 8, 4
COLUMN_GAP = 18
ROW_GAP = 4
TITLE = "Owed to the shop"
TOTAL = "total"  # ``cell``'s column of the totals


@dataclass(frozen=True)
class Cell:
    """One text of the strip, where it stands and how it looks."""
    text: str
    colour: str  # theme colour of its text
    bold: bool = False
    right: bool = False  # right-aligned in its column (the amounts and their headings)
    tooltip: str = ""


class AgedDebtsStrip(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agedDebts")
        self.ctx = ctx
        self.summaries: tuple[AgedDebts, ...] = ()
        self._rows: list[list[Cell]] = self._layout_rows()
        self._rects: list[list[QRect]] = []
        self._measure()

    def reload(self) -> None:
        self.summaries = aged_debts.aged_debts(self.ctx.db)
        self._rows = self._layout_rows()
        self._measure()
        self.updateGeometry()
        self.update()

    def money(self, amount, currency: str) -> str:
        return format_money(amount, currency, self.ctx.locale)

    # --- what it shows --------------------------------------------------------------------------
    def _layout_rows(self) -> list[list[Cell]]:
        hint = theme.HINT
        text = self.palette().windowText().color().name()
        rows = [[Cell(TITLE, text, bold=True), *(Cell(b.label, hint, right=True) for b in BUCKETS),
                 Cell("Total", hint, right=True)]]
        for summary in self.summaries:
            row = [Cell(summary.currency, hint)]
            for column, (amount, count) in enumerate(zip(summary.amounts, summary.counts)):
                red = column > 0 and amount > 0
                row.append(Cell(self.money(amount, summary.currency), theme.ALARM if red else text, bold=red,
                                right=True, tooltip=f"{plural(count, 'invoice')}, {BUCKETS[column].label.lower()}"))
            row.append(Cell(self.money(summary.total, summary.currency), text, bold=True, right=True))
            rows.append(row)
        return rows

    def cell(self, currency: str, column: int | str) -> Cell:
        """What the line of ``currency`` shows in bucket ``column`` (0 current … 4 over 90 days), or
        in its total (``TOTAL``)."""
        row = next(r for r, summary in enumerate(self.summaries, start=1) if summary.currency == currency)
        return self._rows[row][len(BUCKETS) + 1 if column == TOTAL else int(column) + 1]

    # --- size and painting ----------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        bold = QFont(self.font())
        bold.setBold(True)
        return self.font(), bold

    def _measure(self) -> None:
        """Each cell's rectangle: columns as wide as their widest text, rows a line high."""
        plain, bold = self._fonts()
        metrics = {False: QFontMetrics(plain), True: QFontMetrics(bold)}
        columns = len(self._rows[0])
        widths = [max(metrics[row[c].bold].horizontalAdvance(row[c].text) for row in self._rows)
                  for c in range(columns)]
        line = max(m.height() for m in metrics.values())
        self._rects = []
        y = MARGIN_Y
        for row in self._rows:
            x, rects = MARGIN_X, []
            for c in range(len(row)):
                rects.append(QRect(x, y, widths[c], line))
                x += widths[c] + COLUMN_GAP
            self._rects.append(rects)
            y += line + ROW_GAP
        self._size = QSize(x - COLUMN_GAP + MARGIN_X, y - ROW_GAP + MARGIN_Y)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._size

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self._size.height())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.PaletteChange):
            self._rows = self._layout_rows()
            self._measure()
            self.updateGeometry()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setPen(QPen(QColor(theme.PANEL_BORDER)))
        painter.setBrush(QColor(theme.PANEL))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        plain, bold = self._fonts()
        for row, rects in zip(self._rows, self._rects):
            for cell, rect in zip(row, rects):
                painter.setFont(bold if cell.bold else plain)
                painter.setPen(QColor(cell.colour))
                align = Qt.AlignmentFlag.AlignRight if cell.right else Qt.AlignmentFlag.AlignLeft
                painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), cell.text)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            tip = self._tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), plain_tooltip(tip), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPoint) -> str:
        for row, rects in zip(self._rows, self._rects):
            for cell, rect in zip(row, rects):
                if cell.tooltip and rect.contains(pos):
                    return cell.tooltip
        return ""
