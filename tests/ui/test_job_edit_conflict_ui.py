"""Two people edit the same job in two windows (issue 18): Anna at the office, Tom on the floor PC,
each with the job open in Job Cards. Tom saves first; when Anna saves, she is told Tom changed it and
when, sees each field either changed, and chooses: merge (Tom's due date kept, her title saved), save
hers over his, or go back with everything she typed still in the form. A save over a change Tom made
outside the form (a status move) asks nothing. Two ``Database`` objects over one shop stand for the two
PCs, as two windows on one server are."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from workshop.services import jobs
from workshop.ui.dialogs.edit_conflict import EditConflictDialog
from support.gui import click, open_job_cards, when_dialog_opens

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"


@pytest.fixture
def two_pcs(qtbot, db, shop):
    """(Anna's job form, Tom's job form): each in a Job Cards of its own, on the shop's job."""
    tabs = [open_job_cards(qtbot, dataclasses.replace(db, author=who), shop.job.id) for who in (ANNA, TOM)]
    yield tuple(tab.detail.header for tab in tabs)
    del tabs  # kept until the test ends: qtbot holds its widgets weakly


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def table_rows(dialog) -> list[tuple[str, ...]]:
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def test_the_second_save_is_told_who_changed_what_and_merges(qtbot, db, shop, two_pcs, today):
    anna, tom = two_pcs
    later = today + dt.timedelta(days=42)
    tom.due_date.set_date(later)
    click(qtbot, tom.save_button)
    assert jobs.get_job(db, shop.job.id).due_date == later

    retype(qtbot, anna.title, "Oak dresser, waxed")
    retype(qtbot, anna.notes, "Wax, not oil")
    seen = []

    def merge(dialog) -> None:
        seen.append((dialog.message.text(), table_rows(dialog), dialog.hint.text()))
        click(qtbot, dialog.merge_button)

    answered = when_dialog_opens(merge, lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    [(message, rows, hint)] = seen
    assert message.startswith(f"{TOM} saved job {shop.job.number} at ")
    assert message.endswith("while you were editing it. Nothing of yours has been saved yet, and nothing you "
                            "typed is lost.")
    from workshop.ui.dates import date_text
    assert rows == [("Title", "Oak dresser", "Oak dresser", "Oak dresser, waxed"),
                    ("Due date", date_text(shop.job.due_date), date_text(later), date_text(shop.job.due_date)),
                    ("Notes", "", "", "Wax, not oil")]
    assert "Merge keeps what they changed and saves what you changed." in hint

    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.notes, stored.due_date) == ("Oak dresser, waxed", "Wax, not oil", later)
    assert (stored.version, stored.updated_by) == (3, ANNA)
    assert anna.title.text() == "Oak dresser, waxed" and anna.due_date.value() == later  # the form shows it
    assert not anna.is_dirty()


def test_save_mine_over_theirs_and_a_clash(qtbot, db, shop, two_pcs, today):
    anna, tom = two_pcs
    later = today + dt.timedelta(days=42)
    tom.due_date.set_date(later)
    retype(qtbot, tom.title, "Oak dresser for the hall")
    click(qtbot, tom.save_button)

    retype(qtbot, anna.title, "Oak dresser, waxed")
    seen = []

    def overwrite(dialog) -> None:
        seen.append((table_rows(dialog), dialog.hint.text()))
        click(qtbot, dialog.overwrite_button)

    answered = when_dialog_opens(overwrite, lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    [(rows, hint)] = seen
    assert rows[0] == ("Title (both changed)", "Oak dresser", "Oak dresser for the hall", "Oak dresser, waxed")
    assert "where you both changed a field (Title), yours is saved" in hint
    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.due_date) == ("Oak dresser, waxed", shop.job.due_date)  # all hers


def test_going_back_loses_nothing_typed_and_saves_nothing(qtbot, db, shop, two_pcs):
    anna, tom = two_pcs
    retype(qtbot, tom.notes, "Customer away until January")
    click(qtbot, tom.save_button)

    retype(qtbot, anna.notes, "Wax, not oil")
    answered = when_dialog_opens(lambda d: click(qtbot, d.findChild(QPushButton, "conflictBack")),
                                 lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    assert anna.notes.toPlainText() == "Wax, not oil" and anna.is_dirty()
    assert jobs.get_job(db, shop.job.id).notes == "Customer away until January"

    answered = when_dialog_opens(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape),
                                 lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)  # asked again: Esc goes back too
    qtbot.waitUntil(lambda: bool(answered))
    assert anna.notes.toPlainText() == "Wax, not oil"
    assert jobs.get_job(db, shop.job.id).notes == "Customer away until January"


def test_a_change_outside_the_form_asks_nothing(qtbot, db, shop, two_pcs):
    """Tom released the job (its status, not one of the form's fields): Anna's save simply goes on."""
    anna, _tom = two_pcs
    jobs.change_status(dataclasses.replace(db, author=TOM), shop.job.id, "release")
    retype(qtbot, anna.title, "Oak dresser, waxed")
    click(qtbot, anna.save_button)
    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.status, stored.updated_by) == ("Oak dresser, waxed", "released", ANNA)
    assert not anna.is_dirty()
