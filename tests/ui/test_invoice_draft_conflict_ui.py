"""A draft invoice edited on two PCs (issue 18): Tom adds a payment term and saves; Anna, who changed
the quantity on a line meanwhile, is told Tom changed the draft, sees the lines and terms either
changed, and merges (his terms, her line); a draft Tom issued meanwhile is refused with its own words."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from support.gui import click, type_cell, type_text, when_dialog_opens
from support.invoicing import manual_draft, with_billing_address
from workshop.domain.errors import EditConflict
from workshop.services import invoice_views, invoices
from workshop.ui.context import AppContext
from workshop.ui.dialogs.edit_conflict import EditConflictDialog
from workshop.ui.dialogs.invoice_editor import InvoiceEditor
from workshop.ui.widgets import invoice_lines as il

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"
LINES = [dict(description="Oak bench", quantity="1", unit_price="400.00"),
         dict(description="Delivery", quantity="1", unit_price="35.00")]


@pytest.fixture
def draft(db, shop):
    with_billing_address(db, shop)
    return manual_draft(db, shop, lines=LINES)


@pytest.fixture
def editors(qtbot, db, draft):
    made = []
    for who in (ANNA, TOM):
        editor = InvoiceEditor(AppContext(dataclasses.replace(db, author=who)), draft.id)
        qtbot.addWidget(editor)
        editor.show()
        made.append(editor)
    return made


def test_the_service_refuses_a_draft_saved_since(db, draft):
    anna, tom = (dataclasses.replace(db, author=who) for who in (ANNA, TOM))
    invoices.update_draft(tom, draft.id, expected_version=draft.version, notes="Call before delivery")
    with pytest.raises(EditConflict) as refused:
        invoices.update_draft(anna, draft.id, expected_version=draft.version, payment_terms="7 days")
    assert refused.value.changed_by == TOM and refused.value.current.notes == "Call before delivery"
    assert invoice_views.get_invoice(db, draft.id).payment_terms == draft.payment_terms


def test_merge_keeps_his_terms_and_saves_her_line(qtbot, db, draft, editors):
    anna, tom = editors
    type_text(qtbot, tom.payment_terms, " Pay within 14 days.")
    assert tom.save()
    type_cell(qtbot, anna.lines, 0, il.QUANTITY, "2")
    seen = []

    def merge(dialog) -> None:
        seen.append([tuple(dialog.table.item(r, c).text() for c in (0, 2, 3)) for r in range(dialog.table.rowCount())])
        click(qtbot, dialog.merge_button)

    answered = when_dialog_opens(merge, lambda d: isinstance(d, EditConflictDialog))
    assert anna.save()
    qtbot.waitUntil(lambda: bool(answered))
    [[lines_row, terms_row]] = seen
    assert lines_row[0] == "Lines" and lines_row[2].startswith("Oak bench 2 × ")
    assert terms_row[0] == "Payment terms" and terms_row[1].endswith("Pay within 14 days.")
    stored = invoice_views.get_invoice(db, draft.id)
    assert stored.lines[0].quantity == Decimal("2") and stored.payment_terms.endswith("Pay within 14 days.")
    assert stored.updated_by == ANNA
    assert stored.totals.net == Decimal("835.00")  # 2 × 400.00 + 35.00, worked out by hand


def test_a_draft_issued_meanwhile_is_refused_in_its_own_words(qtbot, db, draft, editors):
    anna, _tom = editors
    number = invoices.issue(dataclasses.replace(db, author=TOM), draft.id).number
    type_text(qtbot, anna.notes, "Gift wrapped")
    assert not anna.save()
    assert anna.problem.text() == (f"{number} is issued and cannot be changed: an issued invoice never changes. "
                                   "Correct it with a credit note.")
    assert invoice_views.get_invoice(db, draft.id).notes == ""
