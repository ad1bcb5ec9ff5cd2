"""Two people edit the same customer (issue 18), each in Shop ▸ Customers… on a PC of their own: Tom
saves a new phone number; Anna, who typed a new e-mail address meanwhile, is told Tom changed it,
sees both fields, and merges (his phone, her e-mail), or saves hers over his, or goes back with her
typing kept. The generic record editor does it for any record that keeps a version; the service
refuses a save from an older version and raises the version for an addresses-only change too."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from workshop.domain.errors import EditConflict
from workshop.services import customers
from workshop.ui.context import AppContext
from workshop.ui.dialogs.customers import CustomersDialog
from workshop.ui.dialogs.edit_conflict import EditConflictDialog
from support.edit_conflicts import conflict_rows
from support.gui import click, type_text, when_dialog_opens

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"
TOMS_CLOCK = dt.datetime(2026, 12, 2, 8, 41, tzinfo=dt.UTC)  # 09:41 in Warsaw (CET, UTC+1)


@pytest.fixture
def customer(db):
    return customers.create_customer(db, name="Harrow & Finch Interiors", phone="01632 960123",
                                     email="ruth@harrowfinch.example")


@pytest.fixture
def dialogs(qtbot, db, customer):
    """(Anna's Customers dialog, Tom's), each on the customer."""
    made = []
    for who in (ANNA, TOM):
        pc = dataclasses.replace(db, author=who, clock=(lambda: TOMS_CLOCK) if who == TOM else db.clock)
        d = CustomersDialog(AppContext(pc))
        qtbot.addWidget(d)
        d.show()
        assert d.select_label(customer.name)
        made.append(d)
    return made


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    type_text(qtbot, field, text)


def test_the_service_refuses_an_older_version_and_counts_address_changes(db, customer):
    anna, tom = (dataclasses.replace(db, author=who) for who in (ANNA, TOM))
    moved = customers.update_customer(tom, customer.id, delivery_addresses=[
        {"label": "Site", "address": "1 Mill Lane\nLeeds", "country": "GB"}])
    assert (moved.version, moved.updated_by) == (2, TOM)  # the addresses alone raise it
    with pytest.raises(EditConflict) as refused:
        customers.update_customer(anna, customer.id, expected_version=1, phone="0113 496 0000")
    assert refused.value.message == (f"Customer {customer.name} was changed by {TOM} while you were editing it. "
                                     "Nothing of yours has been saved yet.")
    assert customers.get_customer(db, customer.id).phone == "01632 960123"


def test_merge_keeps_his_phone_and_saves_her_email(qtbot, db, customer, dialogs, zone):
    zone("Europe/Warsaw")  # this PC's time zone: the time he saved is shown in it
    anna, tom = dialogs
    retype(qtbot, tom.form.widgets["phone"], "0113 496 0000")
    click(qtbot, tom.save_button)
    retype(qtbot, anna.form.widgets["email"], "accounts@harrowfinch.example")
    seen = []

    def merge(dialog) -> None:
        seen.append((dialog.message.text(), conflict_rows(dialog)))
        click(qtbot, dialog.merge_button)

    answered = when_dialog_opens(merge, lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    [(message, table)] = seen
    assert message.startswith(f"{TOM} saved customer {customer.name} at 2 Dec 2026 09:41, while you were editing it.")
    assert table == [("Phone", "01632 960123", "0113 496 0000", "01632 960123"),
                     ("Email", "ruth@harrowfinch.example", "ruth@harrowfinch.example",
                      "accounts@harrowfinch.example")]
    stored = customers.get_customer(db, customer.id)
    assert (stored.phone, stored.email, stored.updated_by, stored.version) == (
        "0113 496 0000", "accounts@harrowfinch.example", ANNA, 3)
    assert not anna.has_unsaved_changes()


def test_overwrite_puts_her_form_back_and_going_back_keeps_her_typing(qtbot, db, customer, dialogs):
    anna, tom = dialogs
    retype(qtbot, tom.form.widgets["phone"], "0113 496 0000")
    click(qtbot, tom.save_button)
    retype(qtbot, anna.form.widgets["email"], "accounts@harrowfinch.example")

    answered = when_dialog_opens(lambda d: click(qtbot, d.back_button), lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    assert anna.form.widgets["email"].text() == "accounts@harrowfinch.example" and anna.has_unsaved_changes()
    assert customers.get_customer(db, customer.id).email == "ruth@harrowfinch.example"

    answered = when_dialog_opens(lambda d: click(qtbot, d.overwrite_button),
                                 lambda d: isinstance(d, EditConflictDialog))
    click(qtbot, anna.save_button)
    qtbot.waitUntil(lambda: bool(answered))
    stored = customers.get_customer(db, customer.id)
    assert (stored.phone, stored.email) == ("01632 960123", "accounts@harrowfinch.example")  # all hers
