"""Customers' addresses through the window: Shop ▸ Customers… and the quick "New customer…"
from a brief, typed as a person does; then what the database holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop.services import customers
from workshop.ui.context import AppContext
from workshop.ui.dialogs.customers import CustomersDialog
from workshop.ui.dialogs.unsaved import Leave
from support.gui import click, ok, press, type_text, when_dialog_opens, open_window

BILLING = "ul. Piotrkowska 104\n90-926 Łódź"


@pytest.fixture
def ctx(db, monkeypatch):
    monkeypatch.setattr("workshop.ui.dialogs.record_editor.ask_unsaved", lambda parent, what: Leave.DISCARD)
    return AppContext(db)


@pytest.fixture
def dialog(qtbot, ctx):
    d = CustomersDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def type_lines(qtbot, edit, text: str) -> None:
    """Type a several-line address: Return between the lines, as on a keyboard."""
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        type_text(qtbot, edit, line)


def choose_country(qtbot, combo, name: str) -> None:
    """Type the country's name over what the box shows, as a person does."""
    combo.lineEdit().selectAll()
    type_text(qtbot, combo.lineEdit(), name)
    assert combo.currentText() == name


def stored(db, name):
    c = next(c for c in customers.list_customers(db, include_archived=True) if c.name == name)
    return c.address, c.country, c.tax_number, [(a.label, a.address, a.country) for a in c.delivery_addresses]


def test_a_customer_gets_a_billing_address_country_and_delivery_addresses(qtbot, dialog, db):
    form = dialog.form.widgets
    click(qtbot, dialog.new_button)
    assert form["country"].currentText() == "United Kingdom"  # the shop's country, to start with
    type_text(qtbot, form["name"], "J&C <b>Ltd</b>")
    type_lines(qtbot, form["address"], BILLING)
    choose_country(qtbot, form["country"], "Poland")
    type_text(qtbot, form["tax_number"], "PL 725-18-01-126")
    addresses = form["delivery_addresses"]
    assert not addresses.fields.isEnabled()  # nothing to edit until an address is added
    click(qtbot, addresses.add_button)
    type_text(qtbot, addresses.label, "Holiday flat")
    type_lines(qtbot, addresses.address, "Flat 2, 1 Quay Street\nWhitby YO21 3PU")
    choose_country(qtbot, addresses.country, "United Kingdom")
    click(qtbot, addresses.add_button)
    type_lines(qtbot, addresses.address, "ul. Wólczańska 5")
    assert [addresses.list.item(i).text() for i in range(2)] == ["Holiday flat", "ul. Wólczańska 5"]
    assert addresses.country.currentText() == "United Kingdom"  # as the address before it
    choose_country(qtbot, addresses.country, "Poland")
    click(qtbot, dialog.save_button)
    assert stored(db, "J&C <b>Ltd</b>") == (BILLING, "PL", "PL 725-18-01-126", [
        ("Holiday flat", "Flat 2, 1 Quay Street\nWhitby YO21 3PU", "GB"), ("", "ul. Wólczańska 5", "PL")])
    assert not dialog.has_unsaved_changes()

    # Remove the flat; the other address is kept as it was.
    addresses.list.setCurrentRow(0)
    click(qtbot, addresses.remove_button)
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    assert stored(db, "J&C <b>Ltd</b>")[3] == [("", "ul. Wólczańska 5", "PL")]


def test_an_empty_delivery_address_is_named_and_nothing_is_saved(qtbot, dialog, db):
    form = dialog.form.widgets
    click(qtbot, dialog.new_button)
    type_text(qtbot, form["name"], "Harrow")
    click(qtbot, form["delivery_addresses"].add_button)
    type_text(qtbot, form["delivery_addresses"].label, "Barn")
    click(qtbot, dialog.save_button)
    assert "Delivery address 1 (Barn) has no address" in dialog.form.errors.message("delivery_addresses")
    assert customers.list_customers(db) == []


@pytest.fixture
def window(monkeypatch, qtbot, shop, db, tmp_path):
    monkeypatch.setattr("workshop.ui.main_window.ask_unsaved", lambda parent, what: Leave.DISCARD)
    return open_window(qtbot, db, tmp_path, size=None, tab="briefs")


def test_quick_add_from_a_brief_takes_the_address_country_and_a_delivery_address(qtbot, window, db):
    tab = window.tab("briefs")
    press(qtbot, window, Qt.Key.Key_N)
    picker = tab.form.customer
    type_text(qtbot, picker.combo.lineEdit(), "Łódź Metal")

    def fill(d):
        assert d.fields["name"].text() == "Łódź Metal"  # what was typed in the picker
        assert d.country.currentText() == "United Kingdom"
        type_text(qtbot, d.fields["contact_person"], "Zofia Żółć")
        type_lines(qtbot, d.address, BILLING)
        choose_country(qtbot, d.country, "Poland")
        type_text(qtbot, d.tax_number, "PL725")
        type_lines(qtbot, d.delivery, "ul. Wólczańska 5\n90-001 Łódź")
        ok(qtbot, d)  # "Add customer"

    answered = when_dialog_opens(fill)
    click(qtbot, picker.new_button)
    assert answered
    assert stored(db, "Łódź Metal") == (BILLING, "PL", "PL725", [("", "ul. Wólczańska 5\n90-001 Łódź", "PL")])
    assert picker.combo.currentText() == "Łódź Metal"


def test_quick_add_needs_only_a_name(qtbot, window, db):
    tab = window.tab("briefs")
    press(qtbot, window, Qt.Key.Key_N)
    picker = tab.form.customer

    def fill(d):
        type_text(qtbot, d.fields["name"], "Walk-in customer")
        ok(qtbot, d)

    when_dialog_opens(fill)
    click(qtbot, picker.new_button)
    assert stored(db, "Walk-in customer") == ("", "GB", "", [])


def test_a_country_typed_wrong_is_named_next_to_the_field(qtbot, dialog, db):
    form = dialog.form.widgets
    click(qtbot, dialog.new_button)
    type_text(qtbot, form["name"], "Harrow")
    form["country"].lineEdit().selectAll()
    type_text(qtbot, form["country"].lineEdit(), "Narnia")
    click(qtbot, dialog.save_button)
    assert "“Narnia” is not a country code" in dialog.form.errors.message("country")
    assert customers.list_customers(db) == []
    form["country"].lineEdit().selectAll()
    type_text(qtbot, form["country"].lineEdit(), "ie")  # the code does too
    click(qtbot, dialog.save_button)
    assert stored(db, "Harrow")[1] == "IE"
