"""Routing: a job's operations in order (add, edit, remove, reorder by buttons, keys or
drag-and-drop; templates applied and saved) and a picture of its path through the shop."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.statuses import FINISHED_OPERATION_STATUSES, can_book_work, can_change_routing
from ...domain.wording import plural
from ...services import floor_board, jobs, outside_work, routing, templates
from ..context import AppContext
from ..dialogs.operation import OperationDialog
from ..models.jobs_model import status_label
from ..models.operations_model import OperationsModel, format_minutes, progress_text
from ..plain_text import ask_yes_no, plain_label, tell
from ..widgets.routing_job_picker import JobPicker
from ..widgets.shop_path import ShopPathView
from .base import WorkshopTab


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; tests replace this."""
    return ask_yes_no(parent, title, text)


def ask_template_name(parent: QWidget, suggestion: str) -> str | None:
    """The name for a new routing template, or None if cancelled; tests replace this."""
    name, ok = QInputDialog.getText(parent, "Save as template", "Name for the new routing template:",
                                    text=suggestion)
    return name if ok else None


class RoutingTab(WorkshopTab):
    tab_id = "routing"
    title = "Routing"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.job_id: int | None = None
        self.job: jobs.JobDetail | None = None
        self.dialog: OperationDialog | None = None
        self.booking = None  # the booking form opened from here, if any (tests drive it)

        self.picker = JobPicker(ctx)
        self.template_combo = QComboBox(objectName="routingTemplate")
        self.template_combo.setMinimumContentsLength(18)
        self.apply_button = QPushButton("Apply template", objectName="routingApplyTemplate")
        self.apply_button.setToolTip("Add the template's operations after the ones already here")
        self.save_template_button = QPushButton("Save as template…", objectName="routingSaveTemplate")
        self.summary = plain_label(objectName="routingSummary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        self.model = OperationsModel(self)
        self.table = QTableView(objectName="routingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OperationsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((OperationsModel.SEQ, 34), (OperationsModel.OP, 44), (OperationsModel.WORKSTATION, 170),
                           (OperationsModel.OPERATOR, 120), (OperationsModel.SETUP, 84), (OperationsModel.RUN, 112),
                           (OperationsModel.TOTAL, 100), (OperationsModel.INSPECT, 76), (OperationsModel.STATUS, 74)):
            header.resizeSection(col, width)

        self.add_button = QPushButton("Add…", objectName="routingAdd")
        self.edit_button = QPushButton("Edit…", objectName="routingEdit")
        self.remove_button = QPushButton("Remove", objectName="routingRemove")
        self.up_button = QPushButton("▲ Up", objectName="routingUp")
        self.down_button = QPushButton("▼ Down", objectName="routingDown")
        self.book_button = QPushButton("Book time…", objectName="routingBookTime")
        self.book_button.setToolTip("Book time worked on the chosen operation (its operator filled in)")
        self.order_outside_button = QPushButton("Order outside work…", objectName="routingOrderOutside")
        self.order_outside_button.setToolTip("Draft the purchase order for the chosen operation done outside: to its "
                                             "supplier, for this job; its amount becomes the operation's estimate")
        self.up_button.setToolTip("Move the operation earlier (Ctrl+Up); you can also drag it")
        self.down_button.setToolTip("Move the operation later (Ctrl+Down); you can also drag it")
        self.path = ShopPathView()

        top = QHBoxLayout()
        top.addWidget(QLabel("Job"))
        top.addWidget(self.picker, 1)
        top.addSpacing(16)
        top.addWidget(QLabel("Template"))
        top.addWidget(self.template_combo)
        top.addWidget(self.apply_button)
        top.addWidget(self.save_template_button)
        side = QVBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(b)
        side.addSpacing(12)
        side.addWidget(self.book_button)
        side.addWidget(self.order_outside_button)
        side.addStretch(1)
        ops_row = QHBoxLayout()
        ops_row.setContentsMargins(0, 0, 0, 0)
        ops_row.addWidget(self.table, 1)
        ops_row.addLayout(side)
        ops_widget = QWidget()
        ops_widget.setLayout(ops_row)
        path_box = QWidget()
        path_layout = QVBoxLayout(path_box)
        path_layout.setContentsMargins(0, 0, 0, 0)
        path_layout.addWidget(QLabel("Path through the shop (the highlighted box is where the job is now)"))
        path_layout.addWidget(self.path)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="routingSplitter")
        self.splitter.addWidget(ops_widget)
        self.splitter.addWidget(path_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([430, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

        self.picker.job_picked.connect(self.show_job)
        ctx.job_selected.connect(self._job_selected_elsewhere)
        self.apply_button.clicked.connect(self.apply_template)
        self.template_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.save_template_button.clicked.connect(self.save_as_template)
        self.add_button.clicked.connect(self.add_operation)
        self.edit_button.clicked.connect(self.edit_operation)
        self.remove_button.clicked.connect(self.remove_operation)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.book_button.clicked.connect(self.book_time)
        self.order_outside_button.clicked.connect(self.order_outside_work)
        # keys and double-clicks do what the buttons do, and only when they may (not on a closed job)
        self.table.doubleClicked.connect(lambda _i: self.edit_button.isEnabled() and self.edit_operation())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.model.move_requested.connect(self.move_to)
        for keys, slot in (("Ctrl+Up", lambda: self.up_button.isEnabled() and self.move_current(-1)),
                           ("Ctrl+Down", lambda: self.down_button.isEnabled() and self.move_current(+1)),
                           (QKeySequence.StandardKey.Delete,
                            lambda: self.remove_button.isEnabled() and self.remove_operation())):
            QShortcut(QKeySequence(keys), self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._fill_templates()
        if ctx.current_job_id is not None:
            self.show_job(ctx.current_job_id)
        else:
            self.reload()

    # --- which job -------------------------------------------------------------------------
    def _job_selected_elsewhere(self, job_id: int) -> None:
        if job_id != self.job_id:
            self.job_id = job_id
            self.picker.show_job(job_id)
            self.when_on_screen(self.reload)

    def show_job(self, job_id: int | None) -> None:
        self.job_id = job_id
        if job_id is not None:
            self.picker.show_job(job_id)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            current = self.current_operation()
            select_id = current.id if current else None
        ops = []
        self.job = None
        if self.job_id is not None:
            self.job = self.ctx.call(self, jobs.get_job, self.job_id).value
            if self.job is None:
                self.job_id = None
            else:
                ops = self.ctx.call(self, routing.list_operations, self.job_id).value or []
        self.model.set_operations(ops)
        self.path.set_operations(ops, self._on_the_floor(), self.ctx.locale)
        if select_id is not None and (row := self.model.row_of(select_id)) >= 0:
            self.table.selectRow(row)
        self._show_summary(ops)
        self._update_buttons()
        self.status_changed.emit()

    def _on_the_floor(self) -> list:
        """The job's open clock-ons: who is on which operation now (the path shows them)."""
        if self.job is None:
            return []
        return [c for c in self.ctx.call(self, floor_board.floor_board).value or [] if c.job_id == self.job.id]

    def _show_summary(self, ops) -> None:
        if self.job is None:
            self.summary.setText("Choose a job to see its routing.")
            return
        total = sum((o.planned_minutes for o in ops), 0)
        done = sum(1 for o in ops if o.status in FINISHED_OPERATION_STATUSES)
        self.summary.setText(
            f"{self.job.number} · {self.job.title} · {status_label(self.job.status)} · quantity {self.job.quantity}"
            f" · {plural(len(ops), 'operation')} ({done} done) · planned {format_minutes(total)}")
        progress = self.ctx.call(self, floor_board.job_progress, self.job.id).value
        if progress is not None and ops:
            self.summary.setText(f"{self.summary.text()} · {progress_text(progress)}")

    def _fill_templates(self) -> None:
        chosen = self.template_combo.currentData()
        self.template_combo.clear()
        # Nothing pre-picked: applying a template is a choice, never whatever came first.
        self.template_combo.addItem("Choose a template…", None)
        for t in templates.list_templates(self.ctx.db):
            self.template_combo.addItem(f"{t.name} ({plural(len(t.steps), 'operation')})", t.id)
        if chosen is not None and (i := self.template_combo.findData(chosen)) >= 0:
            self.template_combo.setCurrentIndex(i)

    def current_operation(self):
        return self.model.operation(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        has_job = self.job is not None
        # A delivered, invoiced, closed or cancelled job's routing is settled: nothing to add, apply, move or edit.
        editable = has_job and can_change_routing(self.job.status)
        has_op = editable and self.current_operation() is not None
        self.add_button.setEnabled(editable)
        self.apply_button.setEnabled(editable and self.template_combo.currentData() is not None)
        self.table.setDragEnabled(editable)
        self.save_template_button.setEnabled(has_job and self.model.rowCount() > 0)
        for b in (self.edit_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(has_op)
        self.book_button.setEnabled(has_job and can_book_work(self.job.status) and self.current_operation() is not None)
        self.order_outside_button.setEnabled(has_op and self.current_operation().outside)

    # --- editing ---------------------------------------------------------------------------
    def add_operation(self) -> None:
        if self.job_id is not None:
            self._open(OperationDialog(self.ctx, self.job_id, parent=self))

    def edit_operation(self) -> None:
        op = self.current_operation()
        if op is not None and self.job_id is not None:
            self._open(OperationDialog(self.ctx, self.job_id, op, parent=self))

    def _open(self, dialog: OperationDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reload(select_id=dialog.saved_id))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def book_time(self) -> None:
        """The booking form on the chosen operation, its operator filled in, the cursor in Minutes."""
        from ..dialogs.booking import TimeBookingDialog

        op = self.current_operation()
        if op is None or self.job is None:
            return
        self.booking = TimeBookingDialog(self.ctx, self.job, operation_id=op.id, parent=self)
        self.booking.open()

    def order_outside_work(self) -> None:
        """Ask the price per unit, draft the order, say its number."""
        op = self.current_operation()
        if op is None or not op.outside:
            return
        price, ok = QInputDialog.getText(
            self, "Order outside work", f"{op.op_number:03d} {op.name} at {op.supplier_name}: price per unit "
                                        f"({self.job.quantity} off)?")
        if not ok:
            return
        order = self.ctx.call(self, outside_work.order_outside_work, op.id, price).value
        if order is not None:
            tell(self, "Order outside work", f"Drafted {order.number} to {op.supplier_name}: check and send it from "
                                             "the Stock tab's Purchase orders.")

    def remove_operation(self) -> None:
        op = self.current_operation()
        if op is None or not confirm(self, "Remove operation", f"Remove operation {op.op_number:03d} {op.name}?"):
            return
        self.ctx.call(self, routing.remove_operation, op.id)
        self.reload()

    def move_current(self, offset: int) -> None:
        op = self.current_operation()
        if op is not None:
            self.move_to(op.id, op.sequence + offset)

    def move_to(self, operation_id: int, position: int) -> None:
        position = max(1, min(self.model.rowCount(), position))
        self.ctx.call(self, routing.move_operation, operation_id, position)
        self.reload(select_id=operation_id)

    def apply_template(self) -> None:
        template_id = self.template_combo.currentData()
        if self.job_id is None or template_id is None:
            return
        new = self.ctx.call(self, routing.apply_template, self.job_id, template_id).value
        self.reload(select_id=new[0] if new else None)

    def save_as_template(self) -> None:
        if self.job is None:
            return
        name = ask_template_name(self, self.job.title)
        if name is None:
            return
        saved = self.ctx.call(self, routing.save_as_template, self.job.id, name)
        if saved.ok:
            self._fill_templates()
            self.template_combo.setCurrentIndex(self.template_combo.findData(saved.value))

    # --- WorkshopTab -----------------------------------------------------------------------
    def new_record(self) -> None:
        self.add_operation()

    def focus_search(self) -> None:
        self.picker.setFocus()
        self.picker.lineEdit().selectAll()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & (Change.JOBS | Change.BRIEFS):
            self.picker.reload()
        if changes & (Change.SHOP | Change.TEMPLATES):
            self._fill_templates()
        if changes & (Change.ROUTING | Change.JOBS | Change.BOM | Change.SHOP | Change.SETTINGS | Change.BOOKINGS):
            self.when_on_screen(self.reload)  # bookings too: the progress and who is on what follow the floor

    def status_text(self) -> str:
        if self.job is None:
            return "No job chosen"
        return f"{self.job.number}: {plural(self.model.rowCount(), 'operation')}"

    def save_state(self) -> dict[str, object]:
        return {"splitter": bytes(self.splitter.saveState().data())}

    def restore_state(self, state: dict[str, object]) -> None:
        data = state.get("splitter")
        if isinstance(data, QByteArray):  # QSettings may hand back either
            self.splitter.restoreState(data)
        elif isinstance(data, (bytes, bytearray)):
            self.splitter.restoreState(QByteArray(bytes(data)))
