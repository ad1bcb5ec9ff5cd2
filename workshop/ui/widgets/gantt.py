"""The Gantt chart: one row per machine of each workstation (and the work sent outside), one bar per
day an operation uses, coloured by job, late jobs' bars outlined in red and hatched, today marked,
days the shop is closed shaded. Painted by hand and only where it shows, so 500 jobs of 10
operations scroll as smoothly as 5.

A click on a bar opens its job (``bar_activated``), as does Enter on the selected bar (Left and
Right step through the bars). Dragging a bar sideways asks to pin its job's earliest start to the
day the bar's start is dropped on (``pin_requested``); nothing moves until the proposal is made again.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from ...domain.gantt import GanttBar, GanttChart, job_colour
from ...domain.scheduling import ShopCalendar
from .. import theme
from ..dates import date_text
from ..plain_text import plain_tooltip

#: Pixels per day at each zoom.
DAY_WIDTHS = {"day": 56, "week": 14}
ROW_HEIGHT = 26
LABEL_WIDTH = 96
RULER_HEIGHT = 38
_DRAG_THRESHOLD = 6  # pixels a press must move before it is a drag, not a click
_CLOSED = QColor("#e4e4e4")
_GRID = QColor("#d8d8d8")


class GanttView(QAbstractScrollArea):
    #: a bar was clicked, or Enter pressed on it: open this job
    bar_activated = Signal(int)
    #: (job_id, day): a bar was dropped so that its start falls on ``day``
    pin_requested = Signal(int, object)
    #: the selected bar's job changed (keyboard or click)
    job_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gantt")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(False)
        self.chart: GanttChart | None = None
        self.calendar = ShopCalendar()
        self.zoom = "day"
        self.first_day = dt.date.today()
        self.days = 28
        self.today: dt.date | None = None
        self.today_fraction = 0.0
        self.late_jobs: frozenset[int] = frozenset()
        self.highlighted: frozenset[int] = frozenset()
        self.selected: GanttBar | None = None
        self.tooltip_of: Callable[[GanttBar], str] = lambda bar: ""
        #: Monday … Sunday, abbreviated in the shop's language (``set_locale``)
        self.weekday_names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        self._rows: list[list[GanttBar]] = []
        self._row_days: list[list[int]] = []
        self._ordered: list[GanttBar] = []
        self._press: tuple[QPoint, GanttBar] | None = None
        self._drag_days = 0
        self._dragging = False

    # --- data -----------------------------------------------------------------------------------
    def set_chart(self, chart: GanttChart, calendar: ShopCalendar, today: dt.date, today_fraction: float,
                  late_jobs: frozenset[int]) -> None:
        self.chart, self.calendar, self.today, self.today_fraction = chart, calendar, today, today_fraction
        self.late_jobs = late_jobs
        # From the Monday of the first week to the Sunday after the last bar, at least four weeks.
        self.first_day = chart.first_day - dt.timedelta(days=chart.first_day.weekday())
        last = max(chart.last_day, chart.first_day + dt.timedelta(days=27))
        self.days = (last - self.first_day).days + 7 - (last - self.first_day).days % 7
        self._rows = [[] for _ in chart.rows]
        for bar in chart.bars:
            self._rows[bar.row].append(bar)
        self._row_days = [[(bar.day - self.first_day).days for bar in row] for row in self._rows]
        self._ordered = sorted(chart.bars, key=lambda b: (b.row, b.day, b.start))
        if self.selected is not None:
            self.selected = next((b for b in self._ordered if b.operation_id == self.selected.operation_id
                                  and b.day == self.selected.day), None)
        self._update_scrollbars()
        self.viewport().update()

    def set_locale(self, locale: str) -> None:
        from babel.dates import get_day_names

        names = get_day_names("abbreviated", locale=locale)
        self.weekday_names = tuple(names[index] for index in range(7))

    def set_zoom(self, zoom: str) -> None:
        if zoom not in DAY_WIDTHS or zoom == self.zoom:
            return
        self.zoom = zoom
        self._update_scrollbars()
        self.viewport().update()

    def set_highlighted(self, job_ids) -> None:
        self.highlighted = frozenset(job_ids)
        self.viewport().update()

    # --- geometry (content coordinates: the chart area without the ruler and the labels) --------
    @property
    def day_width(self) -> int:
        return DAY_WIDTHS[self.zoom]

    def content_size(self) -> tuple[int, int]:
        rows = len(self.chart.rows) if self.chart else 0
        return self.days * self.day_width, rows * ROW_HEIGHT

    def bar_rect(self, bar: GanttBar) -> QRectF:
        """Where ``bar`` is drawn, in viewport coordinates (tests click its centre)."""
        x0, y0 = self._origin()
        left = x0 + ((bar.day - self.first_day).days + bar.start) * self.day_width
        width = max((bar.end - bar.start) * self.day_width, 3.0)
        return QRectF(left, y0 + bar.row * ROW_HEIGHT + 4, width, ROW_HEIGHT - 8)

    def day_x(self, day: dt.date) -> float:
        """The left edge of ``day``'s column, in viewport coordinates."""
        return self._origin()[0] + (day - self.first_day).days * self.day_width

    def bars_of(self, job_id: int) -> list[GanttBar]:
        return [bar for bar in self._ordered if bar.job_id == job_id]

    def _origin(self) -> tuple[int, int]:
        return LABEL_WIDTH - self.horizontalScrollBar().value(), RULER_HEIGHT - self.verticalScrollBar().value()

    def _update_scrollbars(self) -> None:
        width, height = self.content_size()
        view = self.viewport().size()
        self.horizontalScrollBar().setRange(0, max(width - (view.width() - LABEL_WIDTH), 0))
        self.horizontalScrollBar().setPageStep(max(view.width() - LABEL_WIDTH, 1))
        self.horizontalScrollBar().setSingleStep(self.day_width)
        self.verticalScrollBar().setRange(0, max(height - (view.height() - RULER_HEIGHT), 0))
        self.verticalScrollBar().setPageStep(max(view.height() - RULER_HEIGHT, 1))
        self.verticalScrollBar().setSingleStep(ROW_HEIGHT)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt API
        self.viewport().update()

    def bar_at(self, pos: QPoint) -> GanttBar | None:
        if self.chart is None or pos.x() < LABEL_WIDTH or pos.y() < RULER_HEIGHT:
            return None
        x0, y0 = self._origin()
        row = int((pos.y() - y0) // ROW_HEIGHT)
        if not 0 <= row < len(self._rows):
            return None
        day = int((pos.x() - x0) // self.day_width)
        days = self._row_days[row]
        for index in range(bisect.bisect_left(days, day - 1), bisect.bisect_right(days, day + 1)):
            bar = self._rows[row][index]
            if self.bar_rect(bar).adjusted(-1, 0, 1, 0).contains(pos):
                return bar
        return None

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor("white"))
        if self.chart is None:
            painter.end()
            return
        visible = self.viewport().rect()
        x0, y0 = self._origin()
        width = self.day_width
        first = max(int((LABEL_WIDTH - x0) // width), 0)
        last = min(int((visible.width() - x0) // width) + 1, self.days - 1)
        rows_top = max(int((RULER_HEIGHT - y0) // ROW_HEIGHT), 0)
        rows_bottom = min(int((visible.height() - y0) // ROW_HEIGHT) + 1, len(self._rows) - 1)
        chart_bottom = min(y0 + len(self._rows) * ROW_HEIGHT, visible.height())
        # Closed days shaded, then the grid of days and rows.
        for index in range(first, last + 1):
            day = self.first_day + dt.timedelta(days=index)
            x = x0 + index * width
            if not self.calendar.is_working_day(day):
                painter.fillRect(QRectF(x, RULER_HEIGHT, width, chart_bottom - RULER_HEIGHT), _CLOSED)
            if self.zoom == "day" or day.weekday() == 0:
                painter.setPen(QPen(_GRID))
                painter.drawLine(int(x), RULER_HEIGHT, int(x), chart_bottom)
        painter.setPen(QPen(_GRID))
        for row in range(rows_top, rows_bottom + 1):
            y = y0 + (row + 1) * ROW_HEIGHT
            painter.drawLine(LABEL_WIDTH, y, visible.width(), y)
        painter.setClipRect(QRect(LABEL_WIDTH, RULER_HEIGHT, visible.width(), visible.height()))
        self._paint_bars(painter, first, last, rows_top, rows_bottom)
        if self.today is not None:
            x = x0 + ((self.today - self.first_day).days + self.today_fraction) * width
            painter.setPen(QPen(QColor(theme.ALARM), 2))
            painter.drawLine(int(x), RULER_HEIGHT, int(x), chart_bottom)
        painter.setClipping(False)
        self._paint_ruler(painter, first, last)
        self._paint_labels(painter, rows_top, rows_bottom)
        painter.end()

    def _paint_bars(self, painter: QPainter, first: int, last: int, rows_top: int, rows_bottom: int) -> None:
        hatch = QBrush(QColor(theme.ALARM), Qt.BrushStyle.BDiagPattern)
        late_pen = QPen(QColor(theme.ALARM), 2)
        normal_pen = QPen(QColor("#555555"), 1)
        strong_pen = QPen(QColor("#000000"), 3)
        dimmed = bool(self.highlighted)
        for row in range(rows_top, rows_bottom + 1):
            days = self._row_days[row]
            for index in range(bisect.bisect_left(days, first - 1), bisect.bisect_right(days, last + 1)):
                bar = self._rows[row][index]
                rect = self.bar_rect(bar)
                colour = QColor(job_colour(bar.job_id))
                if dimmed and bar.job_id not in self.highlighted:
                    colour.setAlpha(70)
                painter.setBrush(colour)
                late = bar.job_id in self.late_jobs
                painter.setPen(late_pen if late else normal_pen)
                if bar.job_id in self.highlighted or (self.selected is not None and bar == self.selected):
                    painter.setPen(strong_pen)
                painter.drawRect(rect)
                if late:
                    painter.fillRect(rect, hatch)
        if self._dragging and self._press is not None:
            job_id = self._press[1].job_id
            painter.setBrush(QColor(0, 0, 0, 60))
            painter.setPen(QPen(QColor("#000000"), 1, Qt.PenStyle.DashLine))
            for bar in self.bars_of(job_id):
                painter.drawRect(self.bar_rect(bar).translated(self._drag_days * self.day_width, 0))

    def _paint_ruler(self, painter: QPainter, first: int, last: int) -> None:
        width = self.day_width
        x0 = self._origin()[0]
        painter.fillRect(QRect(0, 0, self.viewport().width(), RULER_HEIGHT), QColor(theme.PANEL))
        painter.setClipRect(QRect(LABEL_WIDTH, 0, self.viewport().width(), RULER_HEIGHT))
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 6))
        painter.setFont(small)
        painter.setPen(QColor(theme.TEXT))
        for index in range(first - 7, last + 1):
            day = self.first_day + dt.timedelta(days=index)
            x = int(x0 + index * width)
            if day.weekday() == 0:  # each week: its number and Monday's date
                week = day.isocalendar().week
                if self.zoom == "day":
                    painter.drawText(QRect(x + 3, 2, width * 7 - 4, 16), Qt.AlignmentFlag.AlignLeft,
                                     f"Week {week} · {date_text(day)}")
                else:  # a week is narrow: its number above, Monday's date below
                    painter.drawText(QRect(x + 3, 2, width * 7 - 4, 16), Qt.AlignmentFlag.AlignLeft, f"Week {week}")
                    painter.drawText(QRect(x + 3, 19, width * 7 - 4, 17), Qt.AlignmentFlag.AlignLeft, date_text(day))
                painter.drawLine(x, 0, x, RULER_HEIGHT)
            if self.zoom == "day":
                label = f"{self.weekday_names[day.weekday()]} {day.day}"
                painter.drawText(QRect(x, 19, width, 17), Qt.AlignmentFlag.AlignCenter, label)
        painter.setClipping(False)
        painter.setPen(QColor(theme.PANEL_BORDER))
        painter.drawLine(0, RULER_HEIGHT - 1, self.viewport().width(), RULER_HEIGHT - 1)

    def _paint_labels(self, painter: QPainter, rows_top: int, rows_bottom: int) -> None:
        y0 = self._origin()[1]
        painter.fillRect(QRect(0, RULER_HEIGHT, LABEL_WIDTH, self.viewport().height()), QColor(theme.PANEL))
        painter.setClipRect(QRect(0, RULER_HEIGHT, LABEL_WIDTH, self.viewport().height()))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(theme.TEXT))
        for row in range(rows_top, rows_bottom + 1):
            rect = QRect(6, y0 + row * ROW_HEIGHT, LABEL_WIDTH - 8, ROW_HEIGHT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self.chart.rows[row].label)
        painter.setClipping(False)
        painter.setPen(QColor(theme.PANEL_BORDER))
        painter.drawLine(LABEL_WIDTH - 1, 0, LABEL_WIDTH - 1, self.viewport().height())

    # --- mouse and keys -------------------------------------------------------------------------
    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            bar = self.bar_at(event.pos())
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.tooltip_of(bar)), self.viewport())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        bar = self.bar_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and bar is not None:
            self._press = (event.position().toPoint(), bar)
            self._select(bar)
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._press is None:
            return
        start, _bar = self._press
        dx = event.position().toPoint().x() - start.x()
        if not self._dragging and abs(dx) >= _DRAG_THRESHOLD:
            self._dragging = True
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        if self._dragging:
            self._drag_days = round(dx / self.day_width)
            self.viewport().update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._press is None:
            super().mouseReleaseEvent(event)
            return
        _start, bar = self._press
        dragged, days = self._dragging, self._drag_days
        self._press, self._dragging, self._drag_days = None, False, 0
        self.unsetCursor()
        self.viewport().update()
        if not dragged:
            self.bar_activated.emit(bar.job_id)
        elif days:
            first = min(b.day for b in self.bars_of(bar.job_id) if b.operation_id == bar.operation_id)
            self.pin_requested.emit(bar.job_id, first + dt.timedelta(days=days))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.bar_activated.emit(self.selected.job_id)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self._ordered:
            step = 1 if key == Qt.Key.Key_Right else -1
            index = self._ordered.index(self.selected) + step if self.selected in self._ordered else 0
            self._select(self._ordered[max(0, min(index, len(self._ordered) - 1))])
            self.ensure_visible(self.selected)
        else:
            super().keyPressEvent(event)

    def _select(self, bar: GanttBar) -> None:
        changed = self.selected is None or self.selected.job_id != bar.job_id
        self.selected = bar
        self.viewport().update()
        if changed:
            self.job_selected.emit(bar.job_id)

    def ensure_visible(self, bar: GanttBar | None) -> None:
        """Scroll so ``bar`` shows (the first bar of a job chosen in the list)."""
        if bar is None:
            return
        left = ((bar.day - self.first_day).days + bar.start) * self.day_width
        top = bar.row * ROW_HEIGHT
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        span_x = self.viewport().width() - LABEL_WIDTH
        span_y = self.viewport().height() - RULER_HEIGHT
        if not hbar.value() <= left <= hbar.value() + span_x - self.day_width:
            hbar.setValue(int(left - self.day_width))
        if not vbar.value() <= top <= vbar.value() + span_y - ROW_HEIGHT:
            vbar.setValue(int(top - ROW_HEIGHT))
