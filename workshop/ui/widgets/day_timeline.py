"""One operator's day as a strip: hours across, a bar per booked time segment, overlaps in red
over the bars, gaps in amber between them, estimates (a forgotten clock-off closed afterwards)
hatched. Every strip of a day review shares one span of hours, so they line up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme

BAR = QColor("#4a78b5")
ESTIMATE = QColor("#c77c00")
OVERLAP = QColor(theme.ALARM)
GAP = QColor("#f2c14e")
HOUR_LINE = QColor("#c8c8c8")


def hour_span(starts_and_ends: list[tuple[dt.datetime, dt.datetime]],
              day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Whole hours covering every span (at least 7:00 to 17:00 of ``day``, the usual shop day)."""
    first = dt.datetime.combine(day, dt.time(7)).astimezone()
    last = dt.datetime.combine(day, dt.time(17)).astimezone()
    for start, end in starts_and_ends:
        first, last = min(first, start.astimezone()), max(last, end.astimezone())
    first = first.replace(minute=0, second=0, microsecond=0)
    if last.minute or last.second or last.microsecond:
        last = last.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return first, last


class DayTimeline(QWidget):
    """``set_day(segments, overlaps, gaps, span)``: segments have started_at, ended_at and
    estimated; overlaps and gaps have started_at and ended_at."""

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "dayTimeline") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.segments: tuple = ()
        self.overlaps: tuple = ()
        self.gaps: tuple = ()
        self.span: tuple[dt.datetime, dt.datetime] | None = None

    def set_day(self, segments, overlaps, gaps, span: tuple[dt.datetime, dt.datetime]) -> None:
        self.segments, self.overlaps, self.gaps, self.span = tuple(segments), tuple(overlaps), tuple(gaps), span
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(600, 44)

    def _x(self, moment: dt.datetime, left: float, width: float) -> float:
        start, end = self.span
        whole = (end - start).total_seconds() or 1
        return left + width * (moment - start).total_seconds() / whole

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        if self.span is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, width = 4.0, self.width() - 8.0
        bar_top, bar_height = 16.0, self.height() - 20.0
        painter.fillRect(QRectF(left, bar_top, width, bar_height), QColor(theme.CANVAS))
        self._hours(painter, left, width, bar_top, bar_height)
        for gap in self.gaps:
            self._band(painter, gap, left, width, bar_top + bar_height * 0.35, bar_height * 0.3, GAP,
                       Qt.BrushStyle.SolidPattern)
        for segment in self.segments:
            colour = ESTIMATE if segment.estimated else BAR
            style = Qt.BrushStyle.BDiagPattern if segment.estimated else Qt.BrushStyle.SolidPattern
            rect = self._band(painter, segment, left, width, bar_top + 2, bar_height - 4, colour, style)
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        for overlap in self.overlaps:
            red = QColor(OVERLAP)
            red.setAlpha(150)
            self._band(painter, overlap, left, width, bar_top, bar_height, red, Qt.BrushStyle.SolidPattern)
        painter.end()

    def _hours(self, painter: QPainter, left: float, width: float, top: float, height: float) -> None:
        start, end = self.span
        hour = start
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        while hour <= end:
            x = self._x(hour, left, width)
            painter.setPen(QPen(HOUR_LINE, 1))
            painter.drawLine(int(x), int(top), int(x), int(top + height))
            painter.setPen(QPen(QColor(theme.HINT)))
            if hour < end:
                painter.drawText(QRectF(x + 2, 0, 40, top), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                                 f"{hour.astimezone().hour}")
            hour += dt.timedelta(hours=1)

    def _band(self, painter: QPainter, span, left: float, width: float, top: float, height: float,
              colour: QColor, style: Qt.BrushStyle) -> QRectF:
        x0, x1 = self._x(span.started_at, left, width), self._x(span.ended_at, left, width)
        rect = QRectF(x0, top, max(2.0, x1 - x0), height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour, style))
        painter.drawRect(rect)
        return rect
