"""Quote terms through the window: typed in Company settings, carried by a new quote, changed
for that quote alone, and the tick box that lets the brief's constraints print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop.db.models import Quote
from workshop.services import briefs, quotes, settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog
from workshop.ui.dialogs.unsaved import Leave
from support.gui import click, open_brief_quotes, type_text

CONSTRAINTS = "Customer slow to pay; access via <narrow> gate & steps"


@pytest.fixture(autouse=True)
def never_ask(monkeypatch):
    """A test that stops with typing unsaved must not leave a Save/Discard question open."""
    monkeypatch.setattr("workshop.ui.dialogs.company_settings.ask_unsaved", lambda parent, what: Leave.DISCARD)


@pytest.fixture
def brief(db, shop):
    return briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table",
                               requirements="A walnut dining table for eight", constraints=CONSTRAINTS)


@pytest.fixture
def tab(qtbot, db, brief):
    return open_brief_quotes(qtbot, db, brief.id)


def set_terms_in_company_settings(qtbot, db) -> None:
    d = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(d)
    d.show()
    d.pages.setCurrentIndex(d.pages.count() - 1)
    assert d.pages.tabText(d.pages.currentIndex()) == "Quote terms"
    form = d.forms["quotes"].widgets
    type_text(qtbot, form["quote_payment_terms"], "50% deposit, balance on delivery")
    form["quote_validity_days"].selectAll()
    qtbot.keyClicks(form["quote_validity_days"], "45")
    type_text(qtbot, form["quote_exclusions"], "Decorating & making good")
    click(qtbot, d.buttons.button(d.buttons.StandardButton.Save))
    assert not d.isVisible()


def test_settings_terms_go_to_a_new_quote_which_keeps_its_own(qtbot, db, tab, brief):
    set_terms_in_company_settings(qtbot, db)
    shop = settings.get_settings(db)
    assert (shop.quote_payment_terms, shop.quote_validity_days, shop.quote_exclusions) == (
        "50% deposit, balance on delivery", 45, "Decorating & making good")

    panel = tab.quotes
    click(qtbot, panel.new_button)
    dialog = panel.dialog
    dialog.set_lines([])
    dialog.add_line("labour", "Making", "800.00")
    terms = dialog.terms_box
    bar = dialog.lower_tabs.tabBar()
    assert bar.tabText(1) == "Terms for the customer"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.lower_tabs.currentWidget() is terms
    assert terms.payment_terms.toPlainText() == "50% deposit, balance on delivery"
    assert terms.exclusions.toPlainText() == "Decorating & making good"
    assert terms.constraints.text() == CONSTRAINTS and terms.constraints.textFormat() == Qt.TextFormat.PlainText
    assert not terms.print_constraints.isChecked()  # internal notes stay internal by default
    terms.exclusions.moveCursor(terms.exclusions.textCursor().MoveOperation.End)
    type_text(qtbot, terms.exclusions, "; skirting")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    (row,) = quotes.list_quotes(db, brief_id=brief.id)
    with db.reader() as s:
        q = s.get(Quote, row.id)
        assert (q.payment_terms, q.exclusions, q.print_constraints) == (
            "50% deposit, balance on delivery", "Decorating & making good; skirting", False)

    # Edit the draft: tick the box; the shop's defaults are not touched.
    panel.view.selectRow(0)
    click(qtbot, panel.edit_button)
    dialog = panel.dialog
    dialog.lower_tabs.setCurrentWidget(dialog.terms_box)
    assert dialog.terms_box.exclusions.toPlainText() == "Decorating & making good; skirting"
    dialog.terms_box.print_constraints.click()
    click(qtbot, dialog.ok_button)
    with db.reader() as s:
        assert s.get(Quote, row.id).print_constraints is True
    panel.view.selectRow(0)
    assert "prints the brief's constraints" in panel.info.text()  # said where the quote is chosen
    assert settings.get_settings(db).quote_exclusions == "Decorating & making good"

    # Sent: valid for the shop's 45 days.
    panel.view.selectRow(0)
    click(qtbot, panel.send_button)
    sent = quotes.get_quote(db, row.id)
    assert (sent.valid_until - db.today()).days == 45


def test_a_bad_validity_is_named_and_nothing_saved(qtbot, db):
    d = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(d)
    d.show()
    d.forms["company"].widgets["company_name"].setText("Łódź Joinery")
    form = d.forms["quotes"].widgets
    form["quote_validity_days"].setText("a month")
    assert not d.save()
    assert "whole number" in d.forms["quotes"].errors.message("quote_validity_days")
    assert d.pages.tabText(d.pages.currentIndex()) == "Quote terms"
    assert settings.get_settings(db).company_name != "Łódź Joinery"
