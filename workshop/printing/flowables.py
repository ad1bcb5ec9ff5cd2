"""Small drawn flowables for forms filled in by hand: tick boxes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .styles import INK


class TickBox(Flowable):
    """An empty square to tick by hand, ``size`` points wide."""

    def __init__(self, size: float = 4.5 * mm, line_width: float = 1.0) -> None:
        super().__init__()
        self.size = size
        self.line_width = line_width
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(self.line_width)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
