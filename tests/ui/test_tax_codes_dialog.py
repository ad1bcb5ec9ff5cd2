"""The Tax codes dialog driven as a person does: it starts from the rates in use, rows are added,
typed and removed, Save stores the mapping, and a bad row keeps the dialog open saying why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QComboBox

from support.gui import click, ok, type_text
from support.invoicing import FOUR_LINES, manual_draft, with_billing_address
from workshop.domain.changes import Change
from workshop.domain.invoicing import TaxCategory
from workshop.services import invoices, settings, tax_codes
from workshop.ui.context import AppContext
from workshop.ui.dialogs.tax_codes import TaxCodesDialog


@pytest.fixture
def ctx(db):
    return AppContext(db)


def open_dialog(qtbot, ctx) -> TaxCodesDialog:
    dialog = TaxCodesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog) -> list[tuple[str, ...]]:
    """The table as a person reads it: the category's label, then each cell's text."""
    return [(dialog.cell(row, "category").currentText(),
             *(dialog.cell(row, name).text() for name in ("rate", "xero_tax_type", "xero_account_code",
                                                          "quickbooks_tax_code")))
            for row in range(dialog.table.rowCount())]


def type_into(qtbot, dialog, row: int, **texts: str) -> None:
    for name, text in texts.items():
        edit = dialog.cell(row, name)
        edit.clear()
        type_text(qtbot, edit, text)


def test_a_new_shop_starts_from_its_default_rate_and_saves_what_is_typed(qtbot, ctx, db):
    dialog = open_dialog(qtbot, ctx)
    assert shown(dialog) == [("Standard", "20", "", "", "")]
    type_into(qtbot, dialog, 0, xero_tax_type="20% (VAT on Income)", xero_account_code="200",
              quickbooks_tax_code="J&C <b>20</b> Łódź")
    click(qtbot, dialog.add_button)
    category: QComboBox = dialog.cell(1, "category")
    category.setCurrentIndex(category.findText("Reverse charge"))
    type_into(qtbot, dialog, 1, rate="0", xero_tax_type="Reverse Charge Expenses (20%)")
    with qtbot.waitSignal(ctx.changed) as signal:
        ok(qtbot, dialog)
    assert signal.args[0] == Change.SETTINGS and not dialog.isVisible()
    assert [(c.category, c.rate, c.xero_tax_type, c.xero_account_code, c.quickbooks_tax_code)
            for c in tax_codes.list_tax_codes(db)] == [
        (TaxCategory.STANDARD, D("20.00"), "20% (VAT on Income)", "200", "J&C <b>20</b> Łódź"),
        (TaxCategory.REVERSE_CHARGE, D("0.00"), "Reverse Charge Expenses (20%)", "", "")]


def test_rates_in_use_are_offered_beside_the_mapping(qtbot, ctx, db, shop):
    with_billing_address(db, shop)
    invoices.issue(db, manual_draft(db, shop, FOUR_LINES).id, issue_date=dt.date(2026, 3, 10))  # 20 % and 5 %
    tax_codes.save_tax_codes(db, [dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)")])
    dialog = open_dialog(qtbot, ctx)
    assert shown(dialog) == [("Standard", "20", "20% (VAT on Income)", "", ""), ("Reduced", "5", "", "", "")]
    dialog.table.setCurrentCell(1, 2)
    click(qtbot, dialog.remove_button)
    ok(qtbot, dialog)
    assert [c.rate for c in tax_codes.list_tax_codes(db)] == [D("20.00")]


def test_a_bad_row_keeps_the_dialog_open_and_says_why(qtbot, ctx, db):
    settings.update_settings(db, locale="de_DE")
    ctx.changed.emit(Change.SETTINGS, None)  # the window does this after Company settings
    dialog = open_dialog(qtbot, ctx)
    click(qtbot, dialog.add_button)
    type_into(qtbot, dialog, 1, rate="20")  # the same standard 20 % again
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.general_error.text() == "Row 2: The tax rate 20% (standard) is given twice (rows 1 and 2)."
    assert dialog.table.currentRow() == 1 and dialog.focusWidget() is dialog.cell(1, "rate")
    type_into(qtbot, dialog, 1, rate="5,5")  # as a German shop writes 5.5
    dialog.cell(1, "category").setCurrentIndex(dialog.cell(1, "category").findText("Reduced"))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert [(c.category, c.rate) for c in tax_codes.list_tax_codes(db)] == [
        (TaxCategory.STANDARD, D("20.00")), (TaxCategory.REDUCED, D("5.50"))]
