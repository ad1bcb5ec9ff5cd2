"""Someone else saved the record while this person was editing it (issue 18): the dialog says who
and when, shows each field either of them changed (as it was, as they saved it, as typed here; a
field both changed is marked), and asks: merge (keep theirs, save mine), save mine over theirs, or go
back to the form with everything typed still there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.edit_merge import FieldChange, field_changes, merged, overwritten
from ...domain.errors import EditConflict
from ..dates import date_time_text
from ..widgets.sizing import fit_to_screen


class Resolve(Enum):
    MERGE = "merge"
    OVERWRITE = "overwrite"


@dataclass(frozen=True)
class ShownChange:
    """One row of the dialog: a field either person changed, as a person reads it."""

    label: str
    began: str
    theirs: str
    yours: str
    by_them: bool
    by_you: bool

    @property
    def clash(self) -> bool:
        return self.by_them and self.by_you and self.theirs != self.yours


def shown_changes(changes: tuple[FieldChange, ...], labels: dict[str, str],
                  shown: Callable[[str, Any], str]) -> list[ShownChange]:
    """The dialog's rows for changes worked out on comparable values (``edit_merge.field_changes``)."""
    return [ShownChange(labels[c.name], shown(c.name, c.began), shown(c.name, c.theirs), shown(c.name, c.yours),
                        c.by_them, c.by_you) for c in changes]


def _cell(text: str, *, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(text)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


class EditConflictDialog(QDialog):
    COLUMNS = ("Field", "When you began", "Saved since", "Yours")

    def __init__(self, parent: QWidget | None, what: str, conflict: EditConflict,
                 changes: list[ShownChange]) -> None:
        super().__init__(parent)
        self.setObjectName("editConflictDialog")
        self.setWindowTitle("Changed while you were editing")
        self.choice: Resolve | None = None
        who = conflict.changed_by or "Someone else"
        when = date_time_text(conflict.changed_at) if conflict.changed_at else ""
        self.message = QLabel(f"{who} saved {what}{' at ' + when if when else ''}, while you were editing it. "
                              "Nothing of yours has been saved yet, and nothing you typed is lost.",
                              objectName="conflictMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        clashes = [c.label for c in changes if c.clash]
        hint = ("Merge keeps what they changed and saves what you changed"
                + (f"; where you both changed a field ({', '.join(clashes)}), yours is saved." if clashes else ".")
                + " Save mine over theirs makes it exactly your form.")
        self.hint = QLabel(hint, objectName="conflictHint", wordWrap=True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableWidget(len(changes), len(self.COLUMNS), objectName="conflictTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        for row, change in enumerate(changes):
            label = change.label + (" (both changed)" if change.clash else "")
            self.table.setItem(row, 0, _cell(label, bold=change.clash))
            self.table.setItem(row, 1, _cell(change.began))
            self.table.setItem(row, 2, _cell(change.theirs, bold=change.by_them))
            self.table.setItem(row, 3, _cell(change.yours, bold=change.by_you))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox(objectName="conflictButtons")
        self.merge_button = QPushButton("&Merge and save", objectName="conflictMerge")
        self.merge_button.setToolTip("Keep what they saved, and save what you changed")
        self.overwrite_button = QPushButton("&Save mine over theirs", objectName="conflictOverwrite")
        self.overwrite_button.setToolTip("Save your form as it is, putting back what they changed")
        self.back_button = QPushButton("&Go back to my changes", objectName="conflictBack")
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(lambda: self._choose(Resolve.MERGE))
        self.overwrite_button.clicked.connect(lambda: self._choose(Resolve.OVERWRITE))
        self.back_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 360)

    def _choose(self, choice: Resolve) -> None:
        self.choice = choice
        self.accept()


def ask_edit_conflict(parent: QWidget | None, what: str, conflict: EditConflict,
                      changes: list[ShownChange]) -> Resolve | None:
    """Merge, overwrite, or None: back to the form (Esc, the close box)."""
    dialog = EditConflictDialog(parent, what, conflict, changes)
    dialog.exec()
    return dialog.choice


def resolve_edit(parent: QWidget | None, what: str, conflict: EditConflict, *, began: dict[str, Any],
                 theirs: dict[str, Any], yours: dict[str, Any], labels: dict[str, str],
                 shown: Callable[[str, Any], str]) -> dict[str, Any] | None:
    """Someone saved the record since the form was filled (``began``: as it was shown, ``theirs``: as
    it is now, ``yours``: as typed; the form's fields, comparable values): what to save now. The
    dialog asks only when they changed one of the form's fields (a status move outside it needs no
    question: what was typed is saved over theirs). None: back to the form, nothing decided."""
    changes = field_changes(began, theirs, yours)
    if not any(c.by_them for c in changes):
        return merged(changes)
    choice = ask_edit_conflict(parent, what, conflict, shown_changes(changes, labels, shown))
    if choice is None:
        return None
    return merged(changes) if choice is Resolve.MERGE else overwritten(changes)


def save_from_version(ctx, parent: QWidget, save: Callable[..., Any], *args: Any,
                      on_invalid: Callable[[Any], None], **kwargs: Any) -> tuple[Any, EditConflict | None]:
    """``ctx.call(parent, save, *args, **kwargs)`` for a save made from the version a form showed:
    ``(outcome, None)``, or ``(outcome, conflict)`` when someone saved the record since (handed back
    for the form to resolve, not shown); any other failure shown as ``ctx.call`` shows it."""
    from ..errors import show_error

    conflicts: list[EditConflict] = []

    def refused(exc) -> None:
        if isinstance(exc, EditConflict):
            conflicts.append(exc)
        else:
            show_error(parent, exc)

    outcome = ctx.call(parent, save, *args, on_invalid=on_invalid, on_error=refused, **kwargs)
    return outcome, (conflicts[0] if conflicts else None)
