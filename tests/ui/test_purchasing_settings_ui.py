"""Company settings: the purchase order prefix (Numbers and paper) and what a job's purchase costs
the job (Costing), chosen with the keyboard as a person does, saved, and shown the next time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from support.gui import click
from workshop.services import settings
from workshop.ui.context import AppContext
from workshop.ui.dialogs.company_settings import CompanySettingsDialog


def open_settings(qtbot, db) -> CompanySettingsDialog:
    dialog = CompanySettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _page(dialog, title: str) -> None:
    dialog.pages.setCurrentIndex(next(i for i in range(dialog.pages.count()) if dialog.pages.tabText(i) == title))


def test_job_purchase_costing_and_the_po_prefix_are_chosen_saved_and_shown(qtbot, db):
    dialog = open_settings(qtbot, db)
    _page(dialog, "Costing")
    combo = dialog.forms["costing"].widgets["job_purchase_costing"]
    assert combo.currentText() == "the price paid"
    page = dialog.pages.currentWidget()
    assert any(label.text().startswith("Stock is valued at weighted average cost.")
               for label in page.findChildren(QLabel))
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "the stock's average"

    _page(dialog, "Numbers and paper")
    prefix = dialog.forms["numbers"].widgets["purchase_order_prefix"]
    assert prefix.text() == "PO"
    prefix.selectAll()
    qtbot.keyClicks(prefix, "bo")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible()
    saved = settings.get_settings(db)
    assert (saved.purchase_order_prefix, saved.job_purchase_costing) == ("BO", "average")

    again = open_settings(qtbot, db)
    assert again.forms["costing"].widgets["job_purchase_costing"].currentText() == "the stock's average"
    assert again.forms["numbers"].widgets["purchase_order_prefix"].text() == "BO"


def test_a_bad_prefix_is_shown_on_its_page_and_nothing_is_saved(qtbot, db):
    dialog = open_settings(qtbot, db)
    _page(dialog, "Company")
    prefix = dialog.forms["numbers"].widgets["purchase_order_prefix"]
    prefix.setText("P/O")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.isVisible() and dialog.pages.tabText(dialog.pages.currentIndex()) == "Numbers and paper"
    assert settings.get_settings(db).purchase_order_prefix == "PO"
    prefix.setText("PO")  # nothing left unsaved: closing the dialog would ask
