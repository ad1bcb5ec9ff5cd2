"""The customer picker reads its customers' names off the GUI thread once it is shown (issue 17: 5,000
customers added to a combo one by one held Briefs' first show ~150-280 ms) and lists them in one step.
For a person it works as before: type part of a name to find it, the chosen customer shown, a new
customer added inline; a name typed before the names came is found when asked for. Reads are held on
an event where a test needs them under way; nothing is timed."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QStringListModel, Qt

from workshop.services import customers
from workshop.ui import tasks
from workshop.ui.context import AppContext
from workshop.ui.widgets import customer_picker
from workshop.ui.widgets.customer_picker import CustomerPicker
from support.gui import click, type_text, when_dialog_opens
from support.held_reads import held


@pytest.fixture
def reads(monkeypatch):
    """The read held when a test asks (support/held_reads.py)."""
    fake = held(monkeypatch, customer_picker, "customer_rows")
    yield fake
    fake.release.set()  # never leave a pool thread waiting


@pytest.fixture
def people(db, shop):
    """Three more customers besides the shop's Harrow & Finch Interiors, one archived."""
    made = {name: customers.create_customer(db, name=name) for name in ("Łódź Metal", "oak & Co", "Zed Archived")}
    customers.archive_customer(db, made["Zed Archived"].id)
    return {"Harrow & Finch Interiors": shop.customer, **made}


def make_picker(qtbot, db, *, show: bool = True) -> CustomerPicker:
    picker = CustomerPicker(AppContext(db))
    qtbot.addWidget(picker)
    picker.resize(500, 30)
    if show:
        picker.show()
    return picker


def in_order(db) -> list[str]:
    """The names as the service orders them (by the database's lower(): SQLite folds ASCII only)."""
    return [name for _id, name in customers.customer_choices(db)]


def listed(picker) -> list[str]:
    return [picker.combo.itemText(i) for i in range(picker.combo.count())]


def test_names_read_off_the_gui_thread_once_shown_and_listed_in_one_model(qtbot, db, people, reads):
    picker = make_picker(qtbot, db, show=False)
    assert reads.on_gui_thread == [] and listed(picker) == []  # nothing read until it is shown
    with qtbot.waitSignal(picker.filled):
        picker.show()
    assert reads.on_gui_thread == [False]
    assert listed(picker) == in_order(db)
    assert sorted(listed(picker)) == ["Harrow & Finch Interiors", "oak & Co", "Łódź Metal"]  # archived left out
    assert isinstance(picker.combo.model(), QStringListModel)  # one list of names, not an item per customer
    assert picker.customer_id() is None and picker.combo.currentText() == ""


def test_the_customer_shown_before_the_names_come_stays_shown(qtbot, db, people, reads):
    reads.hold()
    picker = make_picker(qtbot, db, show=False)
    picker.set_customer(people["oak & Co"].id, "oak & Co")  # a brief's customer, as the form loads it
    picker.show()
    assert listed(picker) == ["oak & Co"]  # listed alone meanwhile
    assert picker.customer_id() == people["oak & Co"].id
    qtbot.waitUntil(reads.entered.is_set)
    changed = []
    picker.changed.connect(lambda: changed.append(True))
    with qtbot.waitSignal(picker.filled):
        reads.release.set()
    assert listed(picker) == in_order(db) and len(listed(picker)) == 3
    assert picker.combo.currentText() == "oak & Co" and picker.customer_id() == people["oak & Co"].id
    assert changed == []  # the same customer: nothing for the form to mark as changed


def test_an_archived_customer_is_shown_but_not_offered(qtbot, db, people):
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(picker.is_filled)
    archived = people["Zed Archived"]
    picker.set_customer(archived.id, archived.name)
    assert picker.combo.currentText() == "Zed Archived" and picker.customer_id() == archived.id
    picker.set_customer(None)
    assert picker.combo.currentText() == "" and picker.customer_id() is None


def test_typing_finds_a_customer_by_part_of_the_name(qtbot, db, people):
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(picker.is_filled)
    picker.combo.setFocus()
    type_text(qtbot, picker.combo.lineEdit(), "Łód")
    popup = picker.combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered == ["Łódź Metal"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.combo.currentText() == "Łódź Metal"
    assert picker.customer_id() == people["Łódź Metal"].id
    picker.combo.lineEdit().clear()
    type_text(qtbot, picker.combo.lineEdit(), "harrow & finch interiors")  # the whole name, any case
    assert picker.customer_id() == people["Harrow & Finch Interiors"].id
    picker.combo.lineEdit().setText("Nobody Ltd")
    assert picker.customer_id() is None


def test_a_name_typed_before_the_names_come_is_found_and_kept(qtbot, db, people, reads):
    reads.hold()
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(reads.entered.is_set)
    fills = []
    picker.filled.connect(lambda: fills.append(True))
    type_text(qtbot, picker.combo.lineEdit(), "Łódź Metal")
    assert picker.customer_id() == people["Łódź Metal"].id  # looked up at once when asked
    assert len(listed(picker)) == 3 and fills == [True]
    reads.release.set()
    qtbot.waitUntil(lambda: not tasks._RELAY.tasks)  # the late names are dropped: the same read is listed
    assert fills == [True]
    assert picker.combo.currentText() == "Łódź Metal" and picker.customer_id() == people["Łódź Metal"].id


def test_half_a_name_typed_while_the_names_come_stays_as_typed(qtbot, db, people, reads):
    reads.hold()
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(reads.entered.is_set)
    picker.combo.lineEdit().setText("Har")  # no lookup asked for yet
    with qtbot.waitSignal(picker.filled):
        reads.release.set()
    assert picker.combo.currentText() == "Har" and picker.combo.lineEdit().cursorPosition() == 3
    assert picker.customer_id() is None


def test_a_customer_added_elsewhere_is_listed_after_a_reload(qtbot, db, people):
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(picker.is_filled)
    picker.set_customer(people["oak & Co"].id, "oak & Co")
    customers.create_customer(db, name="Bramble Joinery")
    with qtbot.waitSignal(picker.filled):
        picker.reload()
    assert listed(picker) == in_order(db) and "Bramble Joinery" in listed(picker) and len(listed(picker)) == 4
    assert picker.combo.currentText() == "oak & Co" and picker.customer_id() == people["oak & Co"].id


def test_new_customer_takes_the_typed_name_and_is_chosen(qtbot, db, people):
    picker = make_picker(qtbot, db)
    qtbot.waitUntil(picker.is_filled)
    type_text(qtbot, picker.combo.lineEdit(), "Bramble")

    def fill(dialog):
        assert dialog.fields["name"].text() == "Bramble"
        dialog.fields["name"].setText("Bramble Joinery")
        click(qtbot, dialog.ok_button)

    answered = when_dialog_opens(fill)
    click(qtbot, picker.new_button)
    assert answered
    made = customers.list_customers(db, "Bramble")
    assert picker.combo.currentText() == "Bramble Joinery" and picker.customer_id() == made[0].id
    qtbot.waitUntil(picker.is_filled)  # the names read again, the new one among them
    assert "Bramble Joinery" in listed(picker) and picker.customer_id() == made[0].id
