"""A job's header fields (title, quantity, due date, priority, specification, notes) with
Save/Revert, validation messages next to the fields, and a plain "what changed" for the prompt."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QCompleter, QFormLayout, QHBoxLayout, QInputDialog, QLineEdit,
                               QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ...domain.errors import EditConflict
from ...domain.statuses import Priority
from ...services import job_orders, jobs, materials
from ..dates import date_text
from ..dialogs.edit_conflict import resolve_edit, save_from_version
from ..plain_text import plain_label
from ..widgets.date_edit import date_field
from ..dialogs.unsaved import revert_if_confirmed
from ..widgets.field_errors import FieldErrors, general_error_label


class FilledWhenUsed(QComboBox):
    """A combo box whose whole list is read only when someone uses it (opens it, gives it the focus,
    presses a key or turns the wheel on it): until then it holds what it shows. Opening a job then
    never reads four hundred materials for a list nobody looked at."""

    def __init__(self, fill, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._fill = fill
        self.filled = True

    def fill_later(self) -> None:
        self.filled = False

    def fill_now(self) -> None:
        if not self.filled:
            self.filled = True
            self._fill()

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        self.fill_now()
        super().showPopup()

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.fill_now()
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        self.fill_now()
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802
        self.fill_now()
        super().wheelEvent(event)


#: The form's fields as the conflict dialog names them (the form's own labels).
FIELD_LABELS = {"title": "Title", "quantity": "Quantity", "due_date": "Due date", "priority": "Priority",
                "specification": "Specification", "notes": "Notes", "stock_material_id": "Makes for stock",
                "stock_quantity": "How many for stock", "kind": "Kind", "job_order_id": "Order"}


class JobHeaderForm(QWidget):
    #: emitted after a successful save, with the new JobDetail
    saved = Signal(object)
    #: the form became dirty or clean
    dirty_changed = Signal(bool)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.JobDetail | None = None
        self._loading = False
        self._dirty = False

        self.title = QLineEdit(objectName="jobTitle")
        self.customer = plain_label(objectName="jobCustomer")
        self.quantity = QSpinBox(objectName="jobQuantity", minimum=1, maximum=1_000_000)
        self.due_date = date_field(ctx, object_name="jobDueDate")
        self.priority = QComboBox(objectName="jobPriority")
        for p in Priority:
            self.priority.addItem(p.label, p.value)
        self.specification = QPlainTextEdit(objectName="jobSpecification", tabChangesFocus=True)
        self.notes = QPlainTextEdit(objectName="jobNotes", tabChangesFocus=True)
        self.specification.setMinimumHeight(90)
        self.notes.setMaximumHeight(70)
        # Items the job makes for stock (spares, a small batch): which material, how many of its quantity.
        self.stock_material = FilledWhenUsed(self._fill_for_stock, objectName="jobStockMaterial")
        self.stock_material.setToolTip("Items this job makes for stock go into stock at the job's unit cost "
                                       "when it is completed")
        self.stock_quantity = QSpinBox(objectName="jobStockQuantity", minimum=1, maximum=1_000_000)
        self.stock_quantity.setPrefix("× ")
        self.stock_quantity.setMaximumWidth(120)
        for_stock = QHBoxLayout()
        for_stock.addWidget(self.stock_material, 1)
        for_stock.addWidget(self.stock_quantity)
        # What sort of work (reports group by it), completed from the kinds already used; and the
        # customer order the job is part of (a kitchen's carcasses, doors and installation).
        self.kind = QLineEdit(objectName="jobKind", maxLength=40, placeholderText="e.g. Kitchen, Gates, Table")
        self.kind.setMaximumWidth(260)
        self._kinds = QStringListModel(self)
        self._kinds_read = False  # read when the field is first used (a scan of every job's kind)
        self.kind.setCompleter(QCompleter(self._kinds, self.kind))
        self.kind.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.kind.installEventFilter(self)
        self.order = QComboBox(objectName="jobOrder")
        self.order.setToolTip("The customer's order this job is part of; “New order…” starts one")
        self.order.activated.connect(self._order_chosen)

        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Customer", self.customer)
        self.quantity.setMaximumWidth(120)
        self.priority.setMaximumWidth(140)
        form.addRow("Quantity", self.quantity)
        form.addRow("Due date", self.due_date)
        form.addRow("Priority", self.priority)
        form.addRow("&Kind", self.kind)
        form.addRow("Or&der", self.order)
        form.addRow("Makes for stock", for_stock)
        form.addRow("Specification", self.specification)
        form.addRow("Notes", self.notes)
        self.general_error = general_error_label()
        self.errors = FieldErrors(form, fallback=self.general_error)
        self.errors.register("title", self.title)
        for name in ("quantity", "due_date", "priority", "specification", "notes", "stock_quantity"):
            self.errors.register(name, getattr(self, name))
        self.errors.register("stock_material_id", self.stock_material)
        self.errors.register("kind", self.kind)
        self.errors.register("job_order_id", self.order)

        self.save_button = QPushButton("Save", objectName="jobSave", enabled=False)
        self.revert_button = QPushButton("Revert", objectName="jobRevert", enabled=False)
        self.save_button.setToolTip("Save the changes to this job (Ctrl+S)")
        self.revert_button.setToolTip("Undo every change since the last save (Esc)")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.ask_and_revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.title.textChanged.connect(self._edited)
        self.quantity.valueChanged.connect(self._edited)
        self.due_date.changed.connect(self._edited)
        self.priority.currentIndexChanged.connect(self._edited)
        self.specification.textChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.stock_material.currentIndexChanged.connect(self._edited)
        self.stock_quantity.valueChanged.connect(self._edited)
        self.kind.textChanged.connect(self._edited)
        self._order_before: int | None = None  # the order chosen before "New order…"
        self.order.currentIndexChanged.connect(self._remember_order)  # first: _edited reads it
        self.order.currentIndexChanged.connect(self._edited)
        self.set_job(None)

    # --- loading ---------------------------------------------------------------------------
    def set_job(self, job: jobs.JobDetail | None) -> None:
        self._loading = True
        try:
            self.job = job
            self.errors.clear()
            self.title.setText(job.title if job else "")
            self.customer.setText(job.customer_name if job else "")
            self.quantity.setValue(job.quantity if job else 1)
            self.due_date.set_date(job.due_date if job else None)
            self.priority.setCurrentIndex(max(0, self.priority.findData(job.priority if job else "normal")))
            self.specification.setPlainText(job.specification if job else "")
            self.notes.setPlainText(job.notes if job else "")
            self._load_for_stock(job)
            self.kind.setText(job.kind if job else "")
            self._load_orders(job)
            self.setEnabled(job is not None)
        finally:
            self._loading = False
        self._set_dirty(False)

    def _load_for_stock(self, job: jobs.JobDetail | None) -> None:
        """Nothing, or the material it makes; the materials it may make when the list is used
        (``_fill_for_stock``)."""
        self.stock_material.clear()
        self.stock_material.addItem("Nothing: all for the customer", None)
        if job is not None and job.stock_material_id:
            m = materials.get_material(self.ctx.db, job.stock_material_id)
            self.stock_material.addItem(self._material_text(m), m.id)
            self.stock_material.setCurrentIndex(1)
        if job is not None:
            self.stock_material.fill_later()
        self.stock_quantity.setValue(job.stock_quantity if job and job.stock_quantity else 1)
        self._stock_chosen()

    def _fill_for_stock(self) -> None:
        """The materials the job may make: active ones, and the one it makes even if retired since;
        what is chosen stays chosen (and the form as clean or as edited as it was)."""
        if self.job is None:
            return
        chosen = self.stock_material.currentData()
        loading, self._loading = self._loading, True
        self.stock_material.blockSignals(True)
        try:
            while self.stock_material.count() > 1:
                self.stock_material.removeItem(1)
            for m in materials.list_materials(self.ctx.db, include_inactive=True):
                if m.active or m.id == self.job.stock_material_id or m.id == chosen:
                    self.stock_material.addItem(self._material_text(m), m.id)
            self.stock_material.setCurrentIndex(max(0, self.stock_material.findData(chosen)))
        finally:
            self.stock_material.blockSignals(False)
            self._loading = loading

    @staticmethod
    def _material_text(m) -> str:
        return f"{m.code} — {m.name} ({m.unit})"

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        """The kinds already used, read when the Kind field is first used for this job."""
        if watched is self.kind and not self._kinds_read and event.type() in (QEvent.Type.FocusIn,
                                                                               QEvent.Type.KeyPress):
            self._kinds_read = True
            self._kinds.setStringList(job_orders.job_kinds(self.ctx.db))
        return super().eventFilter(watched, event)

    #: the Order list's last item, which starts a new order for the job's customer
    NEW_ORDER = "new"

    def _load_orders(self, job: jobs.JobDetail | None, choose=...) -> None:
        """No order, the customer's orders, and "New order…"; the kinds already used to complete."""
        self.order.blockSignals(True)
        self.order.clear()
        self.order.addItem("No order", None)
        if job is not None:
            for o in job_orders.list_orders(self.ctx.db, customer_id=job.customer_id):
                self.order.addItem(f"{o.number} · {o.title}", o.id)
            self.order.addItem("New order…", self.NEW_ORDER)
            self._kinds_read = False  # (read again when the field is used: a job saved since may add one)
        wanted = choose if choose is not ... else (job.job_order_id if job else None)
        self.order.setCurrentIndex(max(0, self.order.findData(wanted)))
        self.order.blockSignals(False)
        self._order_before = self.order.currentData()

    def _remember_order(self, _index: int) -> None:
        if self.order.currentData() != self.NEW_ORDER:
            self._order_before = self.order.currentData()

    def _order_chosen(self, index: int) -> None:
        """"New order…": asks its title, makes it for the job's customer and chooses it (saved with
        the job); cancelled, the order chosen before stays."""
        if self.order.itemData(index) != self.NEW_ORDER or self.job is None:
            return
        before = self._order_before
        title, ok = QInputDialog.getText(self, "New job order", f"Title of a new order for {self.job.customer_name}:",
                                         text=self.title.text())
        made = self.ctx.call(self, job_orders.create_order, customer_id=self.job.customer_id,
                             title=title) if ok else None
        self._load_orders(self.job, choose=made.value.id if made is not None and made.ok else before)
        self._edited()

    def _stock_chosen(self) -> None:
        self.stock_quantity.setEnabled(self.stock_material.currentData() is not None)

    # --- editing ---------------------------------------------------------------------------
    def values(self) -> dict:
        for_stock = self.stock_material.currentData()
        return dict(title=self.title.text(), quantity=self.quantity.value(),
                    due_date=self.due_date.value(), priority=self.priority.currentData(),
                    specification=self.specification.toPlainText(), notes=self.notes.toPlainText(),
                    stock_material_id=for_stock, stock_quantity=self.stock_quantity.value() if for_stock else 0,
                    kind=self.kind.text().strip(), job_order_id=self._order_before)

    def changes(self) -> dict:
        if self.job is None:
            return {}
        return {k: v for k, v in self.values().items() if getattr(self.job, k) != v}

    def is_dirty(self) -> bool:
        return self._dirty

    def _edited(self, *_args) -> None:
        self._stock_chosen()
        if not self._loading:
            self._set_dirty(bool(self.changes()))

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def save(self) -> bool:
        """Save what changed; on bad input the message appears next to the field and nothing is saved.
        Saved by someone else since it was shown (a server shared by several PCs): ``_resolve``."""
        changes = self.changes()
        if self.job is None or not changes:
            self._set_dirty(False)
            return True
        return self._save(changes, self.job.version)

    def _save(self, changes: dict, version: int) -> bool:
        self.errors.clear()
        saved, conflict = save_from_version(self.ctx, self, jobs.update_job, self.job.id, expected_version=version,
                                            on_invalid=self.errors.show, **changes)
        if conflict is not None:
            return self._resolve(conflict)
        if not saved.ok:
            return False
        self.set_job(saved.value)
        self.saved.emit(saved.value)
        return True

    def _resolve(self, conflict: EditConflict) -> bool:
        """Someone saved the job since this form was filled: what they changed in the form's fields
        and what was typed here, then merge, overwrite, or back to the form as it is (nothing lost).
        What they changed outside the form (its status) needs no question: the save goes on."""
        yours = self.values()
        began = {name: getattr(self.job, name) for name in yours}
        theirs = {name: getattr(conflict.current, name) for name in yours}
        to_save = resolve_edit(self, f"job {self.job.number}", conflict, began=began, theirs=theirs, yours=yours,
                               labels=FIELD_LABELS, shown=partial(self._shown, conflict.current))
        if to_save is None:
            return False
        if not to_save:  # theirs already holds everything typed here
            self.set_job(conflict.current)
            self.saved.emit(conflict.current)
            return True
        self.job = conflict.current  # what was last seen: a second conflict is judged against it
        return self._save(to_save, conflict.current.version)

    def _shown(self, current: jobs.JobDetail, name: str, value) -> str:
        """A field's value as a person reads it, in the conflict dialog."""
        if name == "due_date":
            return date_text(value)
        if name == "priority":
            return Priority(value).label if value else ""
        if name == "stock_material_id":
            if value is None:
                return "Nothing"
            index = self.stock_material.findData(value)
            return self.stock_material.itemText(index) if index >= 0 else (
                current.stock_material_code if value == current.stock_material_id else f"material {value}")
        if name == "job_order_id":
            if value is None:
                return "No order"
            index = self.order.findData(value)
            return self.order.itemText(index) if index >= 0 else (
                current.job_order_number if value == current.job_order_id else f"order {value}")
        return str(value)

    def revert(self) -> None:
        self.set_job(self.job)

    def ask_and_revert(self) -> bool:
        """The Revert button: unsaved typing is thrown away only after "Discard your changes?"."""
        what = f"Job {self.job.number}" if self.job else "The job"
        return revert_if_confirmed(self, what, self.is_dirty(), self.revert)
