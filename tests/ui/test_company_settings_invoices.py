"""Company settings ▸ Invoices: payment terms, the shop's country, IBAN and BIC, typed as a person
types them; a bad IBAN is shown next to its field and nothing is saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from support.gui import click
from workshop.services import settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog
from workshop.ui.dialogs.unsaved import Leave


@pytest.fixture(autouse=True)
def leave_unsaved(monkeypatch):
    """Closing with typed, unsaved values (at the end of a test) leaves them without asking."""
    monkeypatch.setattr("workshop.ui.dialogs.company_settings.ask_unsaved", lambda parent, what: Leave.DISCARD)


@pytest.fixture
def dialog(qtbot, db):
    d = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def invoices_page(d):
    index = next(i for i in range(d.pages.count()) if d.pages.tabText(i) == "Invoices")
    d.pages.setCurrentIndex(index)
    return d.forms["invoices"]


def retype(qtbot, widget, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def save(qtbot, d) -> None:
    click(qtbot, d.buttons.button(QDialogButtonBox.StandardButton.Save))


def test_a_mistyped_iban_is_shown_next_to_it_and_nothing_is_saved(qtbot, db, dialog):
    form = invoices_page(dialog)
    retype(qtbot, form.widgets["payment_terms_days"], "14")
    retype(qtbot, form.widgets["iban"], "GB34 BUKB 2020 1555 5555 55")  # 34: the check digits are 33
    save(qtbot, dialog)
    assert dialog.isVisible()  # not closed
    assert form.errors.message("iban") == "The IBAN's check digits do not match: look for a mistyped character."
    assert dialog.pages.tabText(dialog.pages.currentIndex()) == "Invoices"
    got = settings.get_settings(db)
    assert (got.iban, got.payment_terms_days) == ("", 30)  # nothing saved half-way


def test_a_good_iban_with_spaces_and_a_bic_are_stored_compact(qtbot, db, dialog):
    form = invoices_page(dialog)
    retype(qtbot, form.widgets["payment_terms_days"], "14")
    retype(qtbot, form.widgets["iban"], "gb33 bukb 2020 1555 5555 55")
    retype(qtbot, form.widgets["bic"], "bukbgb22")
    form.widgets["country"].set_value("IE")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    got = settings.get_settings(db)
    assert (got.iban, got.bic, got.payment_terms_days, got.country) == ("GB33BUKB20201555555555", "BUKBGB22", 14, "IE")


def test_the_iban_reads_in_fours_and_a_bic_of_another_country_is_refused(qtbot, db):
    settings.update_settings(db, iban="GB33BUKB20201555555555")
    d = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(d)
    d.show()
    form = invoices_page(d)
    assert form.widgets["iban"].text() == "GB33 BUKB 2020 1555 5555 55"
    assert form.widgets["country"].currentText() == "United Kingdom"
    retype(qtbot, form.widgets["bic"], "DEUTDEFF")
    save(qtbot, d)
    assert "is of a bank in Germany, but the IBAN is of an account in United Kingdom" in form.errors.message("bic")
    assert settings.get_settings(db).bic == ""
    assert form.changed_values() == {"bic": "DEUTDEFF"}  # the unchanged IBAN is not sent again


def test_the_tax_codes_for_the_exports_are_reached_from_the_invoices_page(qtbot, db, dialog):
    """The export's refusal of an unmapped rate says "add them in Company settings": they are there."""
    from support.gui import when_dialog_opens
    from workshop.ui.dialogs.tax_codes import TaxCodesDialog

    invoices_page(dialog)
    button = dialog.findChild(QPushButton, "taxCodesButton")
    assert button.isVisible() and "Xero" in button.text()
    opened = when_dialog_opens(lambda d: d.reject(), check=lambda d: isinstance(d, TaxCodesDialog))
    click(qtbot, button)
    qtbot.waitUntil(lambda: len(opened) == 1)
