"""A chart on screen: a ReportLab ``Drawing`` (from ``workshop/printing/charts.py``) rendered to SVG
and painted, scaled to the widget with its proportions kept, so the screen shows exactly what
the PDF prints.

Qt's SVG module (and ReportLab's SVG renderer) are imported the first time a chart is set, never
at start-up: a window that never shows a chart never pays for them.

    view = ChartView()
    view.set_drawing(bar_chart(...))      # or view.set_svg(svg_bytes) when made off the GUI thread
    view.set_message("No deliveries in this range.")   # instead of a chart
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["ChartView", "drawing_to_svg"]


# Qt's SVG renderer (SVG Tiny) paints ReportLab's page-sized <clipPath> rectangle as a black fill,
# and knows the fonts by their family name, not by ReportLab's face names.
_CLIP_PATH = re.compile(r"<clipPath\b.*?</clipPath>", re.DOTALL)
_CLIP_STYLE = re.compile(r"\s*clip-path:\s*url\(#[^)]*\);?")
_FACES = {"DejaVuSans-Bold;": "DejaVu Sans; font-weight: bold;", "DejaVuSans-Oblique;": "DejaVu Sans; font-style: italic;",
          "DejaVuSans;": "DejaVu Sans;"}
_FACE = re.compile(r"(?<=font-family: )(DejaVuSans-Bold;|DejaVuSans-Oblique;|DejaVuSans;)")


def drawing_to_svg(drawing) -> bytes:
    """The drawing as SVG bytes Qt paints as the PDF prints it; safe off the GUI thread (no Qt)."""
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(drawing)
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    text = _CLIP_STYLE.sub("", _CLIP_PATH.sub("", text))
    text = text.replace("fill: None", "fill: none").replace("stroke: None", "stroke: none")  # CSS is lower case
    return _FACE.sub(lambda m: _FACES[m.group(1)], text).encode("utf-8")


class ChartView(QWidget):
    """Shows one chart, or a line of text where there is none."""

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "chartView") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self._svg: bytes = b""
        self._renderer = None  # QSvgRenderer, made when the first chart arrives
        self._message = ""

    # ---- what to show -----------------------------------------------------------------------

    def set_drawing(self, drawing) -> None:
        """Show a ReportLab ``Drawing`` (``None`` clears the view)."""
        self.set_svg(b"" if drawing is None else drawing_to_svg(drawing))

    def set_svg(self, svg: bytes) -> None:
        """Show a chart already rendered to SVG (by ``drawing_to_svg``, perhaps in a worker)."""
        self._svg, self._message = bytes(svg), ""
        if svg:
            from PySide6.QtSvg import QSvgRenderer  # first chart: only now

            if self._renderer is None:
                self._renderer = QSvgRenderer(self)
            self._renderer.load(self._svg)
            self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.update()

    def set_message(self, text: str) -> None:
        """Show ``text`` (plain, never markup) instead of a chart: "No data in this range."."""
        self._svg, self._message = b"", text
        self.update()

    # ---- what tests and callers read --------------------------------------------------------

    def svg(self) -> bytes:
        """The SVG shown now (empty when none)."""
        return self._svg

    def message(self) -> str:
        return self._message

    def has_chart(self) -> bool:
        return bool(self._svg) and self._renderer is not None and self._renderer.isValid()

    # ---- Qt ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(800, 400)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.has_chart():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._renderer.render(painter, self._fitted())
        elif self._message:
            painter.setPen(QColor("#555555"))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        painter.end()

    def _fitted(self) -> QRectF:
        """The largest rectangle of the chart's proportions that fits the widget, centred."""
        size = self._renderer.defaultSize()
        if size.isEmpty():
            return QRectF(self.rect())
        scale = min(self.width() / size.width(), self.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
