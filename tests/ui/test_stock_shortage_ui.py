"""Issuing more material than is in stock, driven as the owner does: the form asks, with the
figures, and never leaves the owner stuck with a filled form. The bill of materials shows what
stock cannot cover."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from workshop.services import bom, booking_views, jobs, materials
from workshop.ui.context import AppContext
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.models.bom_model import BomModel
from workshop.ui.tabs.job_cards import JobCardsTab
from support.gui import click, when_dialog_opens


def _answer(text: str):
    """Click the message box's button called ``text``; remember what the box said."""
    said = []

    def act(box):
        said.append(box.text())
        next(b for b in box.buttons() if b.text() == text).click()

    return said, when_dialog_opens(act)


@pytest.fixture
def cards(qtbot, db, shop):
    bom.add_line(db, shop.job.id, material_id=shop.oil.id, quantity="5")  # job quantity 2: 10 l of oil
    bom.add_line(db, shop.job.id, material_id=shop.hinge.id, quantity="2")  # 4 hinges
    jobs.change_status(db, shop.job.id, "release")
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    return tab


def _issue_form(qtbot, tab, quantity: str):
    page = next(p for p in tab.detail.extra_pages if isinstance(p, JobBookingsPage))
    tab.detail.pages.setCurrentWidget(page)
    click(qtbot, page.issue_button)
    dialog = page.dialog
    click(qtbot, dialog.pick_button)
    picker = dialog.picker
    qtbot.keyClicks(picker.search, "OIL-HW")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    picker.table.selectRow(0)
    click(qtbot, picker.buttons.button(picker.buttons.StandardButton.Ok))
    assert "6 l in stock" in dialog.material_label.text()
    qtbot.keyClicks(dialog.quantity, quantity)
    return page, dialog


def test_issuing_beyond_stock_asks_with_the_figures_then_issues(qtbot, db, shop, cards):
    page, dialog = _issue_form(qtbot, cards, "7")

    said, answered = _answer("Change the quantity")
    click(qtbot, dialog.ok_button)
    assert answered and dialog.isVisible() and dialog.quantity.text() == "7"  # the form stays filled
    # 6 l in stock, 7 asked: the stock would show 6 − 7 = −1, 1 l short
    assert said[0].startswith("Only 6 l of OIL-HW in stock; issuing 7 l leaves it at −1 l, 1 l short.")
    assert "Only 6 l of OIL-HW in stock" in dialog.errors.message("quantity")
    assert booking_views.list_material_issues(db, shop.job.id) == []

    said, answered = _answer("Issue anyway")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [issue] = booking_views.list_material_issues(db, shop.job.id)
    assert (issue.quantity, issue.amount) == (D("7"), D("224.00"))  # 7 l × £32.00
    assert materials.get_material(db, shop.oil.id).stock_on_hand == D("-1")
    assert page.materials.rowCount() == 1


def test_the_bill_of_materials_shows_what_stock_cannot_cover(qtbot, db, shop, cards):
    editor = cards.detail.bom
    cards.detail.pages.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: not editor.working)  # the stock figures are worked out off the GUI thread
    model = editor.model
    # "Short" became "Missing" (issue 15): it also counts orders and other jobs' claims; here there are none
    assert model.headerData(BomModel.SHORT, Qt.Orientation.Horizontal) == "Missing"
    rows = {model.index(r, BomModel.CODE).data(): r for r in range(model.rowCount())}
    oil = model.index(rows["OIL-HW"], BomModel.SHORT)
    assert oil.data() == "4"  # 5 × 2 = 10 l needed, none issued, 6 in stock: 10 − 6 = 4 short
    assert oil.data(Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert oil.data(Qt.ItemDataRole.ToolTipRole) == ("OIL-HW for the whole job: 10 l (every line that uses it)\n"
                                                      "issued so far: 0 l, still to issue: 10 l\n"
                                                      "in stock: 6 l\non order (this job or stock): 0 l\n"
                                                      "other open jobs still need: 0 l\nmissing: 4 l to order")
    assert model.index(rows["HNG-35"], BomModel.SHORT).data() == ""  # 4 of 200 in stock
    assert editor.total_label.text().endswith("— missing: OIL-HW")

    # Issuing what is on the shelf leaves the same 4 l to buy in: 10 − 6 issued = 4 to issue, 0 in stock
    _page, dialog = _issue_form(qtbot, cards, "6")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    cards.detail.pages.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: "issued so far: 6 l" in (editor.model.index(rows["OIL-HW"], BomModel.SHORT)
                                                     .data(Qt.ItemDataRole.ToolTipRole) or ""))
    assert editor.model.index(rows["OIL-HW"], BomModel.SHORT).data() == "4"
