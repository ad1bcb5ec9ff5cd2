"""A job's bill of materials as a tree with sub-assemblies: add, edit, remove, move up/down
and move into a sub-assembly; the total material cost underneath.

The bill shows at once; where stock stands for it (``stock_needs.material_needs``: the other open
jobs' claims, ~35 ms on ten years of a shop) is worked out off the GUI thread once the tree has
painted, its figures showing "…" meanwhile (``working``), then filled in place."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QPushButton,
                               QTreeView, QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.wording import plural
from ...services import bom, stock_needs
from ..dialogs.bom_line import BomItemDialog
from ..dialogs.bom_move import MoveIntoDialog
from ..models.bom_model import BomModel, plain_number
from ..plain_text import ask_yes_no, plain_label, tell
from ..tasks import Task, report_failure, run_task

START_AT_LATEST_MS = 100  # a tree not painted by then (a window minimised) has its stock worked out anyway


def _needs_of(_state, db, job_id: int) -> dict:
    """On a pool thread: material id -> stock_needs.MaterialNeed of the job (plain frozen data)."""
    return stock_needs.material_needs(db, job_id)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; tests replace this."""
    return ask_yes_no(parent, title, text)


class BomEditor(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job_id: int | None = None
        self.needs: dict = {}  # material id -> stock_needs.MaterialNeed of the job shown
        self.task: Task | None = None  # working out the stock figures
        self._asked = 0  # stock figures asked for so far: an answer to an older question is dropped
        self._unstarted: tuple[int, int] | None = None  # (asked, job id) waiting for the tree's paint
        self._summary = ""  # the total line without what is missing
        self.money = str
        self.dialog = None  # the open add/edit/move dialog, if any
        self.model = BomModel(parent=self)
        self.tree = QTreeView(objectName="bomTree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(BomModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        # narrow enough that every column shows beside the job list at 1280 pixels
        for col, width in ((BomModel.CODE, 62), (BomModel.QUANTITY, 60), (BomModel.UNIT, 36),
                           (BomModel.UNIT_COST, 70), (BomModel.TOTAL_QTY, 72), (BomModel.COST, 76),
                           (BomModel.IN_STOCK, 56), (BomModel.ON_ORDER, 60), (BomModel.ALLOCATED, 66),
                           (BomModel.MISSING, 54)):
            header.resizeSection(col, width)
        # Beside the job list at 1280 pixels the costs and the stock figures do not fit together: Missing
        # always shows; "Stock and orders" shows in stock, on order and other jobs in place of the costs.
        self.stock_view = QCheckBox("Stock and orders", objectName="bomStockView")
        self.stock_view.setToolTip("Show what is in stock, on order and wanted by other open jobs instead of "
                                   "the costs")
        self.stock_view.toggled.connect(self._show_stock)
        self._show_stock(False)

        self.add_line_button = QPushButton("Add line…", objectName="bomAddLine")
        self.add_sub_button = QPushButton("Add sub-assembly…", objectName="bomAddSub")
        self.edit_button = QPushButton("Edit…", objectName="bomEdit")
        self.remove_button = QPushButton("Remove", objectName="bomRemove")
        # arrows only (the tooltips say what they do): the row fits beside the job list at 1280 pixels
        self.up_button = QPushButton("▲", objectName="bomUp", maximumWidth=40)
        self.down_button = QPushButton("▼", objectName="bomDown", maximumWidth=40)
        self.into_button = QPushButton("Move into…", objectName="bomInto")
        self.up_button.setToolTip("Move up among its neighbours (Ctrl+Up)")
        self.down_button.setToolTip("Move down among its neighbours (Ctrl+Down)")
        self.into_button.setToolTip("Move into a sub-assembly, or back to the top level")
        self.order_button = QPushButton("Order what's missing…", objectName="bomOrderMissing")
        self.order_button.setToolTip("Draft purchase orders for what the Missing column shows, one per "
                                     "preferred supplier, for this job")
        self.total_label = plain_label(objectName="bomTotal", wordWrap=True)  # material codes as typed
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)

        self.add_line_button.clicked.connect(lambda: self.open_add(assembly=False))
        self.add_sub_button.clicked.connect(lambda: self.open_add(assembly=True))
        self.edit_button.clicked.connect(self.open_edit)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        self.into_button.clicked.connect(self.open_move_into)
        self.order_button.clicked.connect(self.order_missing)
        self.tree.doubleClicked.connect(lambda _i: self.open_edit())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        for keys, slot in ((QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move(+1)),
                           (QKeySequence(QKeySequence.StandardKey.Delete), self.remove)):
            QShortcut(keys, self.tree, slot, context=Qt.ShortcutContext.WidgetShortcut)

        buttons = QHBoxLayout()
        for b in (self.add_line_button, self.add_sub_button, self.edit_button, self.remove_button, self.up_button,
                  self.down_button, self.into_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        under = QHBoxLayout()  # the order button under the tree: the row above is full at 1280 pixels
        under.addWidget(self.stock_view)
        under.addWidget(self.order_button)
        under.addWidget(self.total_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        layout.addLayout(under)
        self._stale = False
        self._update_buttons()
        self.tree.viewport().installEventFilter(self)
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, changes: Change, _initiator: QWidget | None) -> None:
        # Issues, returns, stock and orders change the stock columns (BOM edits reload through Job Cards).
        if changes & (Change.BOOKINGS | Change.SHOP | Change.PURCHASING) and self.job_id is not None:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def _show_stock(self, stock: bool) -> None:
        for col in (BomModel.IN_STOCK, BomModel.ON_ORDER, BomModel.ALLOCATED):
            self.tree.setColumnHidden(col, not stock)
        for col in (BomModel.UNIT_COST, BomModel.COST):
            self.tree.setColumnHidden(col, stock)

    # --- loading ---------------------------------------------------------------------------
    def set_job(self, job_id: int | None, money=None) -> None:
        """Show ``job_id``'s bill of materials: read now when the page is shown, else when it is
        (moving through the job list on another page reads no bill)."""
        if money is not None:
            self.money = money
        self.job_id = job_id
        self._stale = True
        if self.isVisible() or job_id is None:
            self.reload()
        else:
            self._drop_stock_question()
            self.needs = {}
            self.model.set_nodes((), self.money)
            self.total_label.clear()
            self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.ensure_loaded()

    def refresh(self) -> None:
        """Read again after a change: now if shown, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def ensure_loaded(self) -> None:
        """The bill read if it was not yet (the page shown, or a button used before it was)."""
        if self._stale:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self._stale = False
        if select_id is None:
            node = self.current_node()
            select_id = node.id if node else None
        self._drop_stock_question()
        self.needs = {}
        if self.job_id is None:
            self.model.set_nodes((), self.money)
            self.total_label.clear()
        else:
            result = self.ctx.call(self, bom.get_bom, self.job_id).value
            nodes = result.nodes if result else ()
            stocked = any(not n.is_assembly and n.material_id is not None for n in nodes)
            self.model.set_nodes(nodes, self.money, working=stocked)
            lines = sum(1 for n in nodes if not n.is_assembly)
            subs = len(nodes) - lines
            cost = self.money(result.material_cost) if result else "—"
            self._summary = (f"{plural(lines, 'line')}, {plural(subs, 'sub-assembly', 'sub-assemblies')} — "
                             f"material cost {cost}")
            self.total_label.setText(self._summary)
            if stocked:  # (a bill naming no material has no stock figures to work out)
                self._asked += 1
                self._unstarted = (self._asked, self.job_id)
                QTimer.singleShot(START_AT_LATEST_MS, self, self._start)
        self.tree.expandAll()
        if select_id is not None:
            index = self.model.index_of(select_id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
        self._update_buttons()

    # --- the stock figures, off the GUI thread ----------------------------------------------
    @property
    def working(self) -> bool:
        """Whether the stock figures are being worked out (tests wait for them, as a person does)."""
        return self._unstarted is not None or self.task is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (self._unstarted is not None and event.type() == QEvent.Type.Paint
                and watched is self.tree.viewport()):
            QTimer.singleShot(0, self, self._start)  # once the tree is painted: a worker holding the
        return False                                  # GIL would slow every call the paint makes into Python

    def _start(self) -> None:
        if self._unstarted is None:
            return
        (asked, job_id), self._unstarted = self._unstarted, None
        self.task = run_task(_needs_of, self.ctx.db, job_id, parent=self,
                             on_done=lambda needs: self._arrived(asked, needs),
                             on_error=lambda error: self._failed(asked, error))

    def _drop_stock_question(self) -> None:
        """Forget the stock figures asked for (another job, or the bill read again)."""
        self._asked += 1
        self._unstarted = None
        if self.task is not None:
            self.task.cancel()  # (it finishes anyway: its answer is dropped)
            self.task = None

    def _arrived(self, asked: int, needs: dict) -> None:
        if asked == self._asked:
            self.task = None
            self._show_needs(needs or {})

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked == self._asked:
            self.task = None
            self._show_needs({})
            report_failure(error)

    def _show_needs(self, needs: dict) -> None:
        self.needs = needs
        self.model.set_needs(needs)
        missing = sorted(n.code for n in needs.values() if n.missing)
        self.total_label.setText(self._summary + (f" — missing: {', '.join(missing)}" if missing else ""))
        self._update_buttons()

    def stock_now(self) -> None:
        """The stock figures worked out here and now if they are still being worked out (an action
        that needs them cannot wait for the worker)."""
        if self.working and self.job_id is not None:
            self._drop_stock_question()
            self._show_needs(self.ctx.call(self, stock_needs.material_needs, self.job_id).value or {})

    def current_node(self):
        return self.model.node(self.tree.currentIndex())

    def _update_buttons(self) -> None:
        has_job = self.job_id is not None
        has_item = has_job and self.current_node() is not None
        self.add_line_button.setEnabled(has_job)
        self.add_sub_button.setEnabled(has_job)
        self.order_button.setEnabled(has_job and any(n.missing for n in self.needs.values()))
        for b in (self.edit_button, self.remove_button, self.up_button, self.down_button, self.into_button):
            b.setEnabled(has_item)

    def _assemblies(self, exclude_under: int | None = None) -> list[tuple[int | None, str]]:
        """Top level and every sub-assembly (indented by level), leaving out ``exclude_under``
        and what is inside it (a sub-assembly cannot go inside itself)."""
        self.ensure_loaded()
        result: list[tuple[int | None, str]] = [(None, "Top level")]
        skip_level: int | None = None
        for n in self.model.nodes():
            if skip_level is not None:
                if n.level > skip_level:
                    continue
                skip_level = None
            if n.id == exclude_under:
                skip_level = n.level
                continue
            if n.is_assembly:
                result.append((n.id, "    " * (n.level + 1) + n.description))
        return result

    # --- actions ---------------------------------------------------------------------------
    def open_add(self, *, assembly: bool) -> None:
        if self.job_id is None:
            return
        node = self.current_node()
        parent_id = None
        if node is not None:
            parent_id = node.id if node.is_assembly else node.parent_id
        self._open(BomItemDialog(self.ctx, self.job_id, assembly=assembly, parents=self._assemblies(),
                                 parent_id=parent_id, money=self.money, parent=self))

    def open_edit(self) -> None:
        node = self.current_node()
        if node is None or self.job_id is None:
            return
        self._open(BomItemDialog(self.ctx, self.job_id, assembly=node.is_assembly, parents=self._assemblies(),
                                 parent_id=node.parent_id, node=node, money=self.money, parent=self))

    def _open(self, dialog: BomItemDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(select_id=dialog.saved_id))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def remove(self) -> None:
        node = self.current_node()
        if node is None:
            return
        inside = sum(1 for n in self.model.nodes() if n.parent_id == node.id)
        text = f"Remove “{node.description}”"
        text += f" and the {plural(inside, 'item')} inside it?" if inside else "?"
        if not confirm(self, "Remove from the bill of materials", text):
            return
        self.ctx.call(self, bom.remove_item, node.id)
        self.reload(select_id=-1)

    def move(self, offset: int) -> None:
        node = self.current_node()
        if node is None:
            return
        self.ctx.call(self, bom.move_item, node.id, offset)
        self.reload(select_id=node.id)

    def open_move_into(self) -> None:
        node = self.current_node()
        if node is None:
            return
        dialog = MoveIntoDialog(node.description, self._assemblies(exclude_under=node.id), node.parent_id, self)
        self.dialog = dialog

        def done() -> None:
            self.ctx.call(self, bom.reparent_item, node.id, dialog.target())
            self.reload(select_id=node.id)

        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def order_missing(self) -> None:
        """Ask, draft the orders, then say which were drafted and what could not be ordered."""
        self.ensure_loaded()
        self.stock_now()
        missing = sorted((n for n in self.needs.values() if n.missing), key=lambda n: n.code)
        if self.job_id is None or not missing:
            return
        listed = "\n".join(f"  {n.code}: {plain_number(n.missing)} {n.unit}" for n in missing)
        if not confirm(self, "Order what's missing",
                       f"Draft purchase orders for what this job is missing?\n\n{listed}\n\n"
                       "Each material goes to its preferred supplier at that supplier's price; the drafts "
                       "wait on the Stock tab's Purchase orders to be checked and sent."):
            return
        result = self.ctx.call(self, stock_needs.order_missing, self.job_id).value
        if result is None:
            return
        said = [f"Drafted {', '.join(result.numbers)}." if result.numbers else "No order was drafted."]
        if result.not_ordered:
            said.append("Not ordered:\n" + "\n".join(f"  {line}" for line in result.not_ordered))
        tell(self, "Order what's missing", "\n\n".join(said))
        self.reload()
