"""A job's bill of materials as a tree: ``Bom.nodes`` come depth-first with their parent ids,
so each node's children are the nodes that name it as parent, in the order given."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from .. import theme
from ..plain_text import plain_tooltip
from .roles import NodeRole

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SHORT_COLOUR = QColor(theme.ALARM)
_RIGHT = int(RIGHT)
WORKING = "…"  # a stock figure while it is being worked out


@cache
def _bold() -> QFont:
    font = QFont()  # (made when first asked: a font needs the application)
    font.setBold(True)
    return font


def plain_number(value: Decimal) -> str:
    """``2.500`` -> ``2.5``, ``3.000`` -> ``3``: quantities read as a person writes them."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class BomModel(QAbstractItemModel):
    DESCRIPTION, CODE, QUANTITY, UNIT, UNIT_COST, TOTAL_QTY, COST, IN_STOCK, ON_ORDER, ALLOCATED, MISSING = range(11)
    SHORT = MISSING  # what used to be "Short": stock alone; now stock, orders and other jobs' claims
    HEADERS = ("Item", "Code", "Qty each", "Unit", "Unit cost", "Qty for job", "Cost", "In stock", "On order",
               "Other jobs", "Missing")
    #: The stock columns: one figure per material for the whole job, on each line naming it.
    STOCK_COLUMNS = (IN_STOCK, ON_ORDER, ALLOCATED, MISSING)
    HEADER_TIPS = {
        IN_STOCK: "On the shelf now",
        ON_ORDER: "Still owed by open purchase orders for this job or for stock",
        ALLOCATED: "Allocated elsewhere: what other open jobs still need to issue",
        MISSING: "What to order: what the job still needs to issue, less what is on order for it and what "
                 "stock and stock orders leave once the jobs due before it have their share",
    }

    def __init__(self, money: Callable[[Decimal], str] = str, parent=None) -> None:
        super().__init__(parent)
        self._money = money
        self._needs: dict[int, Any] = {}  # material id -> stock_needs.MaterialNeed
        self._nodes: dict[int, Any] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        # (node id, column, role) → what data() answers, made once: the view asks each cell for ~8
        # roles, again and again while sizing and painting (2,600 asks to show a bill of 150 lines)
        self._cells: dict[tuple[int, int, Any], Any] = {}
        self._working = False  # the stock figures are being worked out (shown as WORKING meanwhile)

    # --- loading ---------------------------------------------------------------------------
    def set_nodes(self, nodes, money: Callable[[Decimal], str] | None = None, needs=None, *,
                  working: bool = False) -> None:
        """``needs``: material id -> MaterialNeed, for the stock columns (none: blank); ``working``:
        they are being worked out (each material line's stock figures show WORKING until
        ``set_needs``)."""
        self.beginResetModel()
        self._cells = {}
        self._working = working
        if money is not None:
            self._money = money
        self._needs = dict(needs or {})
        self._nodes = {n.id: n for n in nodes}
        self._children = {None: []}
        for n in nodes:
            self._children.setdefault(n.id, [])
            self._children.setdefault(n.parent_id, []).append(n.id)
        self.endResetModel()

    def set_needs(self, needs) -> None:
        """The stock figures worked out: the stock columns change in place (no reset: the tree keeps
        what is expanded, selected and scrolled to)."""
        self._working = False
        self._needs = dict(needs or {})
        self._cells = {}
        first, last = min(self.STOCK_COLUMNS), max(self.STOCK_COLUMNS)
        for parent_id, children in self._children.items():
            if children and (parent_id is None or parent_id in self._nodes):
                parent = QModelIndex() if parent_id is None else self.index_of(parent_id)
                self.dataChanged.emit(self.index(0, first, parent), self.index(len(children) - 1, last, parent))

    @property
    def working(self) -> bool:
        return self._working

    def node(self, index: Index):
        return self._nodes.get(index.internalId()) if index.isValid() else None

    def index_of(self, item_id: int) -> QModelIndex:
        node = self._nodes.get(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._children[node.parent_id].index(item_id), 0, item_id)

    def nodes(self) -> list:
        return list(self._nodes.values())

    # --- tree structure --------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(self.HEADERS):
            return QModelIndex()
        parent_id = parent.internalId() if parent.isValid() else None
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children.get(parent_id, [])
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes.get(index.internalId())
        if node is None or node.parent_id is None:
            return QModelIndex()
        return self.index_of(node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(parent.internalId(), []))
        return len(self._children[None])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return len(self.HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    # --- data ------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = (index.internalId(), index.column(), role)
        try:
            return self._cells[key]
        except KeyError:
            pass
        if not index.isValid():
            return None
        value = self._cells[key] = self._data(self._nodes.get(key[0]), key[1], role)
        return value

    def _data(self, node, col: int, role: int) -> Any:
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.QUANTITY and col != self.UNIT:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and node.is_assembly:
            return _bold()
        if self._working and role == Qt.ItemDataRole.ToolTipRole and col in self.STOCK_COLUMNS and (
                self._stocked(node)):
            return "Working out where stock stands…"
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DESCRIPTION:
            # the whole description: the column is narrow beside the stock figures
            return "Sub-assembly: its cost is the sum of the lines inside it" if node.is_assembly else (
                plain_tooltip(node.description))
        need = self.need(node)
        if col in self.STOCK_COLUMNS and need is not None:
            if role == Qt.ItemDataRole.ForegroundRole and col == self.MISSING and need.missing:
                return QBrush(SHORT_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(_need_text(need))
        if role == NodeRole:
            return node
        return None

    def _text(self, n, col: int) -> str:
        if col == self.DESCRIPTION:
            return n.description
        if col == self.CODE:
            return n.material_code
        if col == self.QUANTITY:
            return plain_number(n.quantity)
        if col == self.UNIT:
            return n.unit
        if col == self.UNIT_COST:
            return "" if n.is_assembly else self._money(n.unit_cost)
        if col == self.TOTAL_QTY:
            return plain_number(n.effective_quantity)
        if col in self.STOCK_COLUMNS:
            if self._working:
                return WORKING if self._stocked(n) else ""
            return self._stock_text(self.need(n), col)
        return self._money(n.extended_cost)

    def _stock_text(self, need, col: int) -> str:
        if need is None:
            return ""
        if col == self.MISSING:
            return plain_number(need.missing) if need.missing else ""
        return plain_number({self.IN_STOCK: need.on_hand, self.ON_ORDER: need.on_order,
                             self.ALLOCATED: need.allocated_elsewhere}[col])

    @staticmethod
    def _stocked(node) -> bool:
        """Whether the node's line names a stock material (it has stock figures)."""
        return not node.is_assembly and node.material_id is not None

    def need(self, node):
        """The stock need of the node's material (None for sub-assemblies and free-text lines)."""
        return None if node.is_assembly or node.material_id is None else self._needs.get(node.material_id)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.QUANTITY and section != self.UNIT:
                return int(RIGHT)
            if role == Qt.ItemDataRole.ToolTipRole and section in self.HEADER_TIPS:
                return self.HEADER_TIPS[section]
        return None


def _need_text(need) -> str:
    """The Missing figure worked out in words: needed − issued = to issue, against stock, orders
    and the other open jobs' claims."""
    u = need.unit
    lines = [f"{need.code} for the whole job: {plain_number(need.needed)} {u} (every line that uses it)",
             f"issued so far: {plain_number(need.issued)} {u}, still to issue: {plain_number(need.to_issue)} {u}",
             f"in stock: {plain_number(need.on_hand)} {u}",
             f"on order (this job or stock): {plain_number(need.on_order)} {u}",
             f"other open jobs still need: {plain_number(need.allocated_elsewhere)} {u}"]
    lines.append(f"missing: {plain_number(need.missing)} {u} to order" if need.missing else "nothing missing")
    return "\n".join(lines)
