"""The shop dialogs' one pattern: a searchable list on the left, a form on the right, Save and
Revert, validation messages next to the field, and a question before unsaved work is left.

A dialog describes its fields and how to list, create and update records; nothing here knows
about workstations or materials. ``FormFields`` is also used alone (company settings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from ...domain.errors import EditConflict, ValidationError
from ...domain.locale_text import format_number
from .. import theme
from ..context import AppContext, Outcome
from ..models.roles import ItemRole
from ..theme import ERROR_STYLE
from ..widgets.field_errors import FieldErrors
from ..widgets.sizing import fit_to_screen
from .edit_conflict import resolve_edit, save_from_version
from .unsaved import Leave, ask_unsaved, revert_if_confirmed



@dataclass
class Field:
    name: str                       # the service's keyword (and the ValidationError's field)
    label: str
    kind: str = "text"              # text, long, number, choice, bool, multi, custom
    choices: Callable[[], Sequence[tuple[str, Any]]] | None = None  # (label, value) for choice / multi
    placeholder: str = ""
    make: Callable[[], QWidget] | None = None  # for "custom": has value(), set_value(v), changed signal
    width: int = 0


def _text(value: Any, locale: str | None = None) -> str:
    """A value for an edit field; with the shop's ``locale``, figures as it writes them (1.250,00),
    so saving the form unchanged reads back the same figure."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f") if locale is None else format_number(value, locale)
    return str(value)


class FormFields(QObject):
    """Widgets for a list of ``Field``s in a QFormLayout: values in and out, dirty tracking."""

    changed = Signal()

    def __init__(self, fields: Sequence[Field], parent: QWidget, *, locale: str | None = None) -> None:
        """``locale``: the shop's, when the services behind the form read figures in it."""
        super().__init__(parent)
        self.locale = locale
        self.fields = list(fields)
        self.layout = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for f in self.fields:
            widget = self._make(f)
            widget.setObjectName(f"field_{f.name}")
            self.widgets[f.name] = widget
            self.layout.addRow(f.label if f.kind != "bool" else "", widget)
        self.fallback = QLabel()
        self.fallback.setStyleSheet(ERROR_STYLE)
        self.fallback.setWordWrap(True)
        self.layout.addRow(self.fallback)
        self.errors = FieldErrors(self.layout, fallback=self.fallback)
        for f in self.fields:
            self.errors.register(f.name, self.widgets[f.name])
        self.errors.clear()
        self._loaded: dict[str, Any] = self.values()

    def _make(self, f: Field) -> QWidget:
        if f.kind == "long":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(70)
            w.textChanged.connect(self.changed)
        elif f.kind == "choice":
            w = QComboBox()
            for label, value in f.choices():
                w.addItem(label, value)
            w.currentIndexChanged.connect(lambda _i: self.changed.emit())
        elif f.kind == "bool":
            w = QCheckBox(f.label)
            w.toggled.connect(lambda _b: self.changed.emit())
        elif f.kind == "multi":
            w = QListWidget()
            w.setFixedHeight(110)
            w.itemChanged.connect(lambda _i: self.changed.emit())
            self._fill_multi(w, f)
        elif f.kind == "custom":
            w = f.make()
            w.changed.connect(self.changed)
        else:
            w = QLineEdit()
            w.setPlaceholderText(self._placeholder(f))
            if f.kind == "number":
                w.setAlignment(Qt.AlignmentFlag.AlignRight)
            if f.kind == "number" or f.width:
                w.setMaximumWidth(f.width or 160)
            w.textChanged.connect(lambda _t: self.changed.emit())
        return w

    def _placeholder(self, f: Field) -> str:
        """A number field's example in the shop's locale ("0.00" shows as "0,00" in de_DE)."""
        if f.kind == "number" and self.locale is not None:
            try:
                return format_number(Decimal(f.placeholder), self.locale)
            except ArithmeticError:  # words, like "shop default"
                pass
        return f.placeholder

    def _fill_multi(self, w: QListWidget, f: Field) -> None:
        w.clear()
        for label, value in f.choices():
            item = QListWidgetItem(label)
            item.setData(ItemRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            w.addItem(item)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widgets[f.name]
            if f.kind == "long":
                out[f.name] = w.toPlainText()
            elif f.kind == "choice":
                out[f.name] = w.currentData()
            elif f.kind == "bool":
                out[f.name] = w.isChecked()
            elif f.kind == "multi":
                out[f.name] = [w.item(i).data(ItemRole) for i in range(w.count())
                               if w.item(i).checkState() == Qt.CheckState.Checked]
            elif f.kind == "custom":
                out[f.name] = w.value()
            else:
                out[f.name] = w.text()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for f in self.fields:
            w = self.widgets[f.name]
            w.blockSignals(True)
            value = values.get(f.name)
            if f.kind == "long":
                w.setPlainText(_text(value))
            elif f.kind == "choice":
                w.setCurrentIndex(max(0, w.findData(value)))
            elif f.kind == "bool":
                w.setChecked(bool(value))
            elif f.kind == "multi":
                self._fill_multi(w, f)
                chosen = set(value or ())
                for i in range(w.count()):
                    w.item(i).setCheckState(Qt.CheckState.Checked if w.item(i).data(ItemRole) in chosen
                                            else Qt.CheckState.Unchecked)
            elif f.kind == "custom":
                w.set_value(value)
            else:
                w.setText(_text(value, self.locale))
            w.blockSignals(False)
        self.errors.clear()
        self.mark_clean()

    def mark_clean(self) -> None:
        self._loaded = self.values()
        self.changed.emit()

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    def changed_values(self) -> dict[str, Any]:
        now = self.values()
        return {k: v for k, v in now.items() if v != self._loaded.get(k)}


class RecordEditor(QDialog):
    """Subclasses set the class attributes and implement ``list_records``, ``values_of``,
    ``create`` and ``update`` (each a call to one service)."""

    window_title = "Records"
    noun = "record"
    searchable = True
    inactive_label = "Show inactive"
    initial_size = (760, 540)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Any = None
        self.creating = False
        self.setObjectName(f"{self.noun.replace(' ', '_')}Editor")
        self.setWindowTitle(self.window_title)

        self.search = QLineEdit()
        self.search.setObjectName("recordSearch")
        self.search.setPlaceholderText("Search…")
        self.search.setClearButtonEnabled(True)
        self.search.setVisible(self.searchable)
        self.show_inactive = QCheckBox(self.inactive_label)
        self.list = QListWidget()
        self.list.setObjectName("recordList")
        self.new_button = QPushButton(f"New {self.noun}")
        self.new_button.setObjectName("newRecordButton")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.search, self.list, self.show_inactive, self.new_button, *self.extra_buttons()):
            left_layout.addWidget(w, 1 if w is self.list else 0)

        self.form = FormFields(self.fields(), self, locale=ctx.locale)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveRecordButton")
        self.revert_button = QPushButton("Revert")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.form_page = QWidget()
        right_layout = QVBoxLayout(self.form_page)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(self.form.layout)
        right_layout.addStretch(1)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form_page)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 460])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.show_inactive.toggled.connect(lambda _b: self.reload())
        self.list.currentItemChanged.connect(self._item_changed)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(
            lambda: revert_if_confirmed(self, f"The {self.noun}", self.has_unsaved_changes(), self.revert))
        self.form.changed.connect(self._update_buttons)
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.show_record(None)
        fit_to_screen(self, *self.initial_size, minimum=(640, 420))

    # --- what a subclass provides -------------------------------------------------------------
    def extra_buttons(self) -> list[QWidget]:
        """Buttons under "New …" for what else a record can do (Operators: Print badges…)."""
        return []

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def list_records(self, search: str, include_inactive: bool) -> list[Any]:
        raise NotImplementedError

    def label(self, record: Any) -> str:
        return getattr(record, "name", str(record))

    def values_of(self, record: Any) -> dict[str, Any]:
        return {f.name: getattr(record, f.name, None) for f in self.form.fields}

    #: The services that save a new record, ``create(db, **values)``, and changes to one,
    #: ``update(db, record_id, **values)``: ``staticmethod(service)``, so the changes each
    #: declares with ``@writes`` are what the window broadcasts.
    create: Callable[..., Any]
    update: Callable[..., Any]

    def defaults(self) -> dict[str, Any]:
        return {}

    def show_error(self, error: ValidationError) -> None:
        self.form.errors.show(error)

    # --- behaviour ----------------------------------------------------------------------------
    def reload(self, keep_id: int | None = None) -> None:
        keep_id = keep_id if keep_id is not None else (self.current.id if self.current is not None else None)
        self.list.blockSignals(True)
        self.list.clear()
        for record in self.list_records(self.search.text(), self.show_inactive.isChecked()):
            item = QListWidgetItem(self.label(record))
            item.setData(ItemRole, record)
            if getattr(record, "active", True) is False or getattr(record, "archived", False):
                item.setForeground(theme.brush(theme.MUTED))  # inactive or archived
            self.list.addItem(item)
            if keep_id is not None and record.id == keep_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def record_at(self, row: int) -> Any:
        item = self.list.item(row)
        return item.data(ItemRole) if item is not None else None

    def select_label(self, text: str) -> bool:
        items = self.list.findItems(text, Qt.MatchFlag.MatchExactly)
        if items:
            self.list.setCurrentItem(items[0])
        return bool(items) and self.current is not None and self.label(self.current) == text

    def _item_changed(self, item, previous) -> None:
        record = item.data(ItemRole) if item is not None else None
        if record is not None and self.current is not None and record.id == self.current.id and not self.creating:
            return
        if not self.maybe_leave():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.show_record(record)

    def show_record(self, record: Any) -> None:
        self.creating = False
        self.current = record
        self.form.set_values(self.values_of(record) if record is not None else self.defaults())
        self.heading.setText(self.label(record) if record is not None else f"No {self.noun} chosen")
        self.form_page.setEnabled(record is not None)
        self._update_buttons()

    def new_record(self) -> None:
        if not self.maybe_leave():
            return
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.current = None
        self.creating = True
        self.form.set_values(self.defaults())
        self.heading.setText(f"New {self.noun}")
        self.form_page.setEnabled(True)
        self._update_buttons()
        self.form.widgets[self.form.fields[0].name].setFocus()

    def _update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        self.save_button.setEnabled(self.creating or dirty)
        self.revert_button.setEnabled(dirty)

    def has_unsaved_changes(self) -> bool:
        return self.creating or self.form.is_dirty()

    def save(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        self.form.errors.clear()
        if self.creating:
            outcome = self.ctx.call(self, self.create, **self.form.values(), on_invalid=self.show_error)
        else:
            outcome = self._update(self.form.changed_values(), getattr(self.current, "version", None))
        if not outcome.ok:
            return False
        saved = outcome.value
        self.creating = False
        self.show_inactive.blockSignals(True)
        if getattr(saved, "active", True) is False or getattr(saved, "archived", False):
            self.show_inactive.setChecked(True)
        self.show_inactive.blockSignals(False)
        self.current = saved
        self.reload(keep_id=saved.id)
        self.show_record(saved)
        return True

    def _update(self, values: dict[str, Any], version: int | None) -> Outcome:
        """Save ``values`` to the record shown. A record that keeps a version (customers) is saved
        from the version shown: saved by someone since, ``_resolve`` asks what to do."""
        versioned = {} if version is None else {"expected_version": version}
        outcome, conflict = save_from_version(self.ctx, self, self.update, self.current.id, **values, **versioned,
                                              on_invalid=self.show_error)
        return self._resolve(conflict) if conflict is not None else outcome

    def _resolve(self, conflict: EditConflict) -> Outcome:
        """Someone saved the record since it was shown: the fields either changed (the dialog), then
        merge (theirs kept, what was changed here saved), overwrite (this form as it stands) or back
        to the form with everything typed kept. Nothing of theirs in the form's fields: no question."""
        began, theirs = self.values_of(self.current), self.values_of(conflict.current)
        mine = self.form.changed_values()  # typed, compared with the form as it was filled
        fields = {f.name: f for f in self.form.fields}
        to_save = resolve_edit(self, f"{self.noun} {self.label(conflict.current)}", conflict, began=began,
                               theirs=theirs, yours={name: mine.get(name, began[name]) for name in fields},
                               labels={name: f.label.replace("&", "") for name, f in fields.items()},
                               shown=lambda name, value: self.shown_value(fields[name], value))
        if to_save is None:
            return Outcome(False)  # asked again at the next save: nothing decided yet
        self.current = conflict.current  # what was last seen: a second conflict is judged against it
        return self._update(to_save, conflict.current.version)

    def shown_value(self, field: Field, value: Any) -> str:
        """A field's value as a person reads it (the conflict dialog)."""
        if field.kind == "bool":
            return "Yes" if value else "No"
        if field.kind in ("choice", "multi") and field.choices is not None:
            labels = {v: label.replace("&", "") for label, v in field.choices()}
            chosen = value if field.kind == "multi" else [value]
            return ", ".join(labels.get(v, str(v)) for v in chosen or ())
        return _text(value, self.ctx.locale)

    def revert(self) -> None:
        if self.creating:
            self.show_record(self.record_at(self.list.currentRow()))
        else:
            self.show_record(self.current)

    def maybe_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        answer = ask_unsaved(self, f"The {self.noun}")
        if answer is Leave.SAVE:
            return self.save()
        if answer is Leave.DISCARD:
            self.creating = False
            self.form.mark_clean()
            return True
        return False

    def reject(self) -> None:  # Close button, Esc, and the close box (QDialog.closeEvent calls this)
        if self.maybe_leave():
            super().reject()
