"""Two people edit the same brief (issue 18), each in the Briefs tab on a PC of their own: Tom moves
the date it is required by and saves; Anna, who rewrote the requirements meanwhile, is told Tom
changed it, sees both fields, and merges (his date, her requirements) or goes back with her typing
kept; a change of Tom's outside the form (he marked it quoted) asks her nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QPushButton

from workshop.domain.errors import EditConflict
from workshop.services import briefs
from workshop.ui.context import AppContext
from workshop.ui.dates import date_text
from workshop.ui.dialogs.edit_conflict import EditConflictDialog
from workshop.ui.tabs.briefs import BriefsTab
from support.edit_conflicts import conflict_rows
from support.gui import click, when_dialog_opens

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"


@pytest.fixture
def brief(db, shop, today):
    return briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk",
                               requirements="1600 x 800, two drawers", required_by=today + dt.timedelta(days=30))


@pytest.fixture
def tabs(qtbot, db, brief):
    """(Anna's Briefs tab, Tom's), each on the brief."""
    made = []
    for who in (ANNA, TOM):
        tab = BriefsTab(AppContext(dataclasses.replace(db, author=who)))
        qtbot.addWidget(tab)
        tab.resize(1280, 720)
        tab.show()
        tab.list.select_brief(brief.id)
        tab.show_brief(brief.id)
        made.append(tab)
    return made


def test_the_service_refuses_a_save_from_an_older_version(db, brief):
    anna, tom = (dataclasses.replace(db, author=who) for who in (ANNA, TOM))
    briefs.update_brief(tom, brief.id, expected_version=brief.version, title="Walnut desk, oiled")
    with pytest.raises(EditConflict) as refused:
        briefs.update_brief(anna, brief.id, expected_version=brief.version, constraints="Stairs are narrow")
    assert refused.value.changed_by == TOM and refused.value.current.title == "Walnut desk, oiled"
    assert briefs.get_brief(db, brief.id).constraints == ""


def test_merge_keeps_his_date_and_saves_her_requirements(qtbot, db, brief, tabs, today):
    anna, tom = tabs
    later = today + dt.timedelta(days=45)
    tom.form.required_by.set_date(later)
    assert tom.save()
    anna.form.requirements.setPlainText("1600 x 800, three drawers, oiled")
    seen = []

    def merge(dialog) -> None:
        seen.append(conflict_rows(dialog))
        click(qtbot, dialog.merge_button)

    answered = when_dialog_opens(merge, lambda d: isinstance(d, EditConflictDialog))
    assert anna.save()
    qtbot.waitUntil(lambda: bool(answered))
    assert seen == [[("Requirements", "1600 x 800, two drawers", "1600 x 800, two drawers",
                      "1600 x 800, three drawers, oiled"),
                     ("Required by", date_text(brief.required_by), date_text(later), date_text(brief.required_by))]]
    stored = briefs.get_brief(db, brief.id)
    assert (stored.requirements, stored.required_by, stored.updated_by) == (
        "1600 x 800, three drawers, oiled", later, ANNA)
    assert anna.form.required_by.value() == later and not anna.form.is_dirty()  # the form shows both


def test_going_back_keeps_her_typing_and_a_status_move_asks_nothing(qtbot, db, brief, tabs):
    anna, tom = tabs
    tom.form.title.setText("Walnut desk for the study")
    assert tom.save()
    anna.form.title.setText("Walnut writing desk")
    answered = when_dialog_opens(lambda d: click(qtbot, d.findChild(QPushButton, "conflictBack")),
                                 lambda d: isinstance(d, EditConflictDialog))
    assert not anna.save()
    qtbot.waitUntil(lambda: bool(answered))
    assert anna.form.title.text() == "Walnut writing desk" and anna.form.is_dirty()
    assert briefs.get_brief(db, brief.id).title == "Walnut desk for the study"

    other = briefs.create_brief(db, customer_id=brief.customer_id, title="Oak bench")
    anna.list.select_brief(other.id)
    anna.show_brief(other.id)
    briefs.set_brief_status(dataclasses.replace(db, author=TOM), other.id, "quoted")
    anna.form.constraints.setPlainText("Delivered before Friday")
    assert anna.save()  # no dialog: what Tom changed is not in the form
    stored = briefs.get_brief(db, other.id)
    assert (stored.constraints, stored.status, stored.updated_by) == ("Delivered before Friday", "quoted", ANNA)
