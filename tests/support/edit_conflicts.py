"""Reading and answering the conflict dialog (ui/dialogs/edit_conflict.py) as a person does: its rows
as shown, and a button pressed once it opens, what it said kept."""

from __future__ import annotations

from support.gui import click, when_dialog_opens

from workshop.ui.dialogs.edit_conflict import EditConflictDialog


def conflict_rows(dialog) -> list[tuple[str, ...]]:
    """The dialog's table as shown: (field, when you began, saved since, yours) per row."""
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def answer_conflict(qtbot, button_name: str, seen: list) -> list:
    """When the dialog opens: its message and rows appended to ``seen``, then ``button_name`` (an
    attribute of the dialog: merge_button, overwrite_button, back_button) clicked."""
    def act(dialog) -> None:
        seen.append((dialog.message.text(), conflict_rows(dialog)))
        click(qtbot, getattr(dialog, button_name))

    return when_dialog_opens(act, lambda d: isinstance(d, EditConflictDialog))
