"""A picture of a job's path through the shop: one box per operation, at its workstation, in
order, with arrows between them; done work greyed, and where the job really is highlighted: the
operations someone is clocked on to now (with who and since when), paused work shown as paused,
else the first operation not yet done."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView, QWidget)

from ...domain.locale_text import DEFAULT_LOCALE, format_clock
from ...domain.statuses import FINISHED_OPERATION_STATUSES
from .. import theme
from ..models.operations_model import current_operation_id, planned_text, where_text
from ..plain_text import plain_tooltip

BOX_W, BOX_H = 176, 96
GAP_X, GAP_Y = 34, 30
MARGIN = 12

CURRENT_FILL, CURRENT_PEN = QColor(theme.CURRENT_FILL), QColor(theme.CURRENT_PEN)
DONE_FILL, DONE_PEN = QColor(theme.DONE_FILL), QColor(theme.DONE_PEN)
TODO_FILL, TODO_PEN = QColor(theme.TODO_FILL), QColor(theme.TODO_PEN)
PAUSED_FILL, PAUSED_PEN = QColor(theme.NOTE_BACKGROUND), QColor(theme.NOTE)


def grid_positions(count: int, per_row: int) -> list[tuple[int, int]]:
    """(row, column) of each box, left to right then on to the next row."""
    per_row = max(1, per_row)
    return [divmod(i, per_row) for i in range(count)]


class ShopPathView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopPath")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(theme.brush(theme.CANVAS))
        self.operations: list = []
        #: operation id -> its box, in order (for tests and tooltips)
        self.boxes: dict[int, QGraphicsRectItem] = {}
        self.current_id: int | None = None
        #: operation id -> the open clock-ons on it (services.clocking.ClockOnView)
        self.on_it: dict[int, list] = {}
        self._working = False
        self.locale = DEFAULT_LOCALE
        self._per_row = 0

    def set_operations(self, operations, clock_ons=(), locale: str = DEFAULT_LOCALE) -> None:
        """``clock_ons``: the job's open clock-ons (who is on what now, running or paused);
        ``locale``: the shop's, for the times they began."""
        self.operations = list(operations)
        self.locale = locale
        self.on_it = {}
        for c in clock_ons:
            self.on_it.setdefault(c.operation_id, []).append(c)
        self.current_id = current_operation_id(self.operations)
        # Work going on (or paused) somewhere: that is where the job is, not the first op not done.
        self._working = any(self.on_it.get(o.id) or o.status in ("running", "paused") for o in self.operations)
        self._layout(force=True)

    def state_of(self, op) -> str:
        """running (someone is on it now), paused, done, current (the next to work on) or todo."""
        people = self.on_it.get(op.id, [])
        if any(not c.paused for c in people) or (op.status == "running" and not people):
            return "running"
        if people or op.status == "paused":
            return "paused"
        if op.status in FINISHED_OPERATION_STATUSES:
            return "done"
        return "current" if op.id == self.current_id and not self._working else "todo"

    def people_text(self, op) -> str:
        """Who is on the operation now and since when; who paused it."""
        people = self.on_it.get(op.id, [])
        running = [f"{c.operator_name.split()[0]} since {format_clock(c.segment_started_at.astimezone(), self.locale)}"
                   for c in people if not c.paused]
        paused = [c.operator_name.split()[0] for c in people if c.paused]
        return ", ".join(running + [f"{name} paused" for name in paused])

    def per_row(self) -> int:
        return max(1, (self.viewport().width() - 2 * MARGIN + GAP_X) // (BOX_W + GAP_X))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout()

    def _layout(self, force: bool = False) -> None:
        per_row = self.per_row()
        if not force and per_row == self._per_row:
            return
        self._per_row = per_row
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        if not self.operations:
            text = scene.addSimpleText("No operations yet: add some, or apply a routing template.")
            text.setBrush(theme.brush(theme.HINT))
            text.setPos(MARGIN, MARGIN)
            scene.setSceneRect(scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
            return
        rects = []
        for op, (row, col) in zip(self.operations, grid_positions(len(self.operations), per_row), strict=True):
            rect = QRectF(MARGIN + col * (BOX_W + GAP_X), MARGIN + row * (BOX_H + GAP_Y), BOX_W, BOX_H)
            rects.append(rect)
            self.boxes[op.id] = self._box(scene, op, rect)
        for a, b in zip(rects, rects[1:]):
            self._arrow(scene, a, b)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def _box(self, scene: QGraphicsScene, op, rect: QRectF) -> QGraphicsRectItem:
        state = self.state_of(op)
        current = state in ("current", "running")
        fill, pen_colour = {"running": (CURRENT_FILL, CURRENT_PEN), "current": (CURRENT_FILL, CURRENT_PEN),
                            "paused": (PAUSED_FILL, PAUSED_PEN), "done": (DONE_FILL, DONE_PEN)}.get(
                                state, (TODO_FILL, TODO_PEN))
        box = QGraphicsRectItem(rect)
        box.setBrush(QBrush(fill))
        box.setPen(QPen(pen_colour, 3 if current or state == "paused" else 1.2))
        box.setData(0, op.id)
        box.setData(1, state)
        people = self.people_text(op)
        box.setToolTip(plain_tooltip(
            f"{op.op_number:03d} {op.name}\n{where_text(op)}\n"
            f"Planned {planned_text(op)}"
            + (f"\nOperator: {op.operator_name}" if op.operator_name else "")
            + ("\nInspection point" if op.inspection_required else "")
            + (f"\nOn it now: {people}" if people else "")))
        scene.addItem(box)
        bold = QFont()
        bold.setBold(True)
        lines = [(f"{op.workstation_code}" + ("  ✔ inspect" if op.inspection_required else ""), bold,
                  pen_colour if current else QColor(theme.TEXT)),
                 (op.name, QFont(), QColor(theme.TEXT)),
                 (planned_text(op) + ("  · done" if op.status == "done" else
                                                              "  · skipped" if op.status == "skipped" else
                                                              "  · paused" if state == "paused" else
                                                              "  · now" if current else ""),
                  QFont(), QColor(theme.HINT))]
        if people:  # who is on it, and since when: the floor's answer to "where is this job?"
            lines.append((people, bold, pen_colour))
        y = rect.top() + 6
        for text, font, colour in lines:
            item = QGraphicsSimpleTextItem(self._elide(text, font), box)
            item.setFont(font)
            item.setBrush(QBrush(colour))
            item.setPos(rect.left() + 8, y)
            y += 22
        return box

    def _elide(self, text: str, font: QFont) -> str:
        from PySide6.QtGui import QFontMetrics

        return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, BOX_W - 16)

    def _arrow(self, scene: QGraphicsScene, a: QRectF, b: QRectF) -> None:
        path = QPainterPath()
        if abs(a.top() - b.top()) < 1:  # same row: straight across
            start, end = QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())
            path.moveTo(start)
            path.lineTo(end)
        else:  # next row: down from the end of this row, back to the start of the next
            start = QPointF(a.center().x(), a.bottom())
            mid_y = a.bottom() + GAP_Y / 2
            end = QPointF(b.center().x(), b.top())
            path.moveTo(start)
            path.lineTo(start.x(), mid_y)
            path.lineTo(end.x(), mid_y)
            path.lineTo(end)
        pen = QPen(TODO_PEN, 1.5)
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        scene.addItem(line)
        # arrow head pointing along the last segment
        before = path.elementAt(path.elementCount() - 2)
        direction = QPointF(end.x() - before.x, end.y() - before.y)
        length = max(1.0, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
        ux, uy = direction.x() / length, direction.y() / length
        head = QPolygonF([end, QPointF(end.x() - 9 * ux + 5 * uy, end.y() - 9 * uy - 5 * ux),
                          QPointF(end.x() - 9 * ux - 5 * uy, end.y() - 9 * uy + 5 * ux)])
        scene.addPolygon(head, pen, QBrush(TODO_PEN))
