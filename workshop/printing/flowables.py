"""Small drawn flowables for forms filled in by hand: tick boxes and rows of write-in boxes.

Drawn straight onto the canvas: a page of forms made of nested Tables of Paragraphs costs
several times as much to lay out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .fonts import BOLD, REGULAR, printable
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


@dataclass(frozen=True)
class Box:
    """One box of a :class:`WriteInBoxes` row.

    ``width`` is a fraction of the row's width. ``choices`` draws a tick box for each option
    ("PASS", "FAIL"). ``fill`` makes a solid title box with ``label`` in white bold.
    """

    label: str
    width: float
    choices: Sequence[str] = ()
    fill: colors.Color | None = None


class WriteInBoxes(Flowable):
    """A row of boxes with a small label in the top-left corner, for writing in by hand."""

    def __init__(
        self,
        boxes: Sequence[Box],
        height: float = 12 * mm,
        *,
        label_size: float = 7.5,
        line_width: float = 1.0,
        outline: bool = True,
    ) -> None:
        super().__init__()
        self.boxes = list(boxes)
        self.box_height = height
        self.label_size = label_size
        self.line_width = line_width
        self.outline = outline

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.box_height
        return self.width, self.height

    def draw(self):
        canvas, h = self.canv, self.box_height
        total = sum(b.width for b in self.boxes) or 1
        x = 0.0
        canvas.setLineWidth(self.line_width)
        canvas.setStrokeColor(INK)
        for i, box in enumerate(self.boxes):
            w = self.width * box.width / total
            if box.fill is not None:
                canvas.setFillColor(box.fill)
                canvas.rect(x, 0, w, h, stroke=0, fill=1)
                canvas.setFillColor(colors.white)
                lines = printable(box.label).split("\n")
                size = 9
                y = h / 2 + (len(lines) - 1) * (size + 1) / 2 - size / 3
                canvas.setFont(BOLD, size)
                for line in lines:
                    canvas.drawString(x + 4, y, line)
                    y -= size + 1
            else:
                canvas.setFillColor(INK)
                canvas.setFont(REGULAR, self.label_size)
                canvas.drawString(x + 4, h - self.label_size - 2, printable(box.label))
                if box.choices:
                    cx, size = x + 4, 5 * mm
                    for choice in box.choices:
                        canvas.rect(cx, 2.5, size, size, stroke=1, fill=0)
                        canvas.setFont(BOLD, 10)
                        canvas.drawString(cx + size + 3, 2.5 + size / 2 - 3.5, printable(choice))
                        cx += size + 6 + canvas.stringWidth(printable(choice), BOLD, 10) + 8
            if i:
                canvas.line(x, 0, x, h)
            x += w
        if self.outline:
            canvas.rect(0, 0, self.width, h, stroke=1, fill=0)
        else:
            canvas.line(0, h, self.width, h)


@dataclass(frozen=True)
class Field:
    """One cell of a :class:`FieldRow`: a small label over a large value (plain text)."""

    label: str
    value: str
    width: float  # relative weight
    fill: colors.Color | None = None


class FieldRow(Flowable):
    """A row of label-over-value cells ("DUE DATE / Fri 17 Apr 2026"), drawn directly.

    A value too wide for its cell is set smaller, down to ``min_size``, then cut with an
    ellipsis — visibly, never silently.
    """

    def __init__(
        self,
        fields: Sequence[Field],
        *,
        value_size: float = 12,
        min_size: float = 8,
        label_size: float = 7,
        outline: float = 0,
        divider: float = 0.5,
    ) -> None:
        super().__init__()
        self.fields = list(fields)
        self.value_size = value_size
        self.min_size = min_size
        self.label_size = label_size
        self.outline = outline
        self.divider = divider
        self.row_height = label_size + 4 + value_size * 1.25 + 4

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.row_height
        return self.width, self.height

    def draw(self):
        from .document import fit_text
        from .styles import MUTED, RULE

        canvas, h = self.canv, self.row_height
        total = sum(f.width for f in self.fields) or 1
        x = 0.0
        for i, f in enumerate(self.fields):
            w = self.width * f.width / total
            if f.fill is not None:
                canvas.setFillColor(f.fill)
                canvas.rect(x, 0, w, h, stroke=0, fill=1)
            if i and self.divider:
                canvas.setStrokeColor(RULE)
                canvas.setLineWidth(self.divider)
                canvas.line(x, 0, x, h)
            canvas.setFillColor(MUTED)
            canvas.setFont(REGULAR, self.label_size)
            canvas.drawString(x + 5, h - self.label_size - 2.5, fit_text(printable(f.label), REGULAR, self.label_size, w - 8))
            value = printable(f.value).replace("\n", " ")
            size = self.value_size
            while size > self.min_size and canvas.stringWidth(value, BOLD, size) > w - 9:
                size -= 0.5
            canvas.setFillColor(INK)
            canvas.setFont(BOLD, size)
            canvas.drawString(x + 5, 5, fit_text(value, BOLD, size, w - 9))
            x += w
        if self.outline:
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(self.outline)
            canvas.rect(0, 0, self.width, h, stroke=1, fill=0)
