"""The bill of materials shows, per material, what is in stock, on order, wanted by other jobs and
missing; "Order what's missing…" drafts the orders, driven as the owner does. Figures by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from support.gui import click, when_dialog_opens
from workshop.services import bom, jobs, purchase_orders, suppliers
from workshop.services.suppliers import MaterialSupplierInput as Offer
from workshop.ui.context import AppContext
from workshop.ui.models.bom_model import BomModel
from workshop.ui.tabs.job_cards import JobCardsTab


@pytest.fixture
def cards(qtbot, db, shop, today):
    bom.add_line(db, shop.job.id, material_id=shop.oil.id, quantity="5")      # 2 off: 10 l, 6 in stock
    bom.add_line(db, shop.job.id, material_id=shop.hinge.id, quantity="150")  # 300 hinges, 200 in stock
    other = jobs.create_job(db, customer_id=shop.customer.id, title="Side table", quantity=1, due_date=today)
    bom.add_line(db, other.id, material_id=shop.oil.id, quantity="1")         # due first: claims 1 l ahead
    osmo = suppliers.create_supplier(db, name="Osmo & <Sons>", lead_time_days="2")
    suppliers.set_material_suppliers(db, shop.oil.id, [Offer(osmo.id, "OS-3032", "29.50")])
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    tab.detail.pages.setCurrentWidget(tab.detail.bom)
    return tab


def _editor(tab):
    return tab.detail.bom


def _row(editor, code: str) -> dict[str, str]:
    model = editor.model
    row = next(r for r in range(model.rowCount()) if model.index(r, BomModel.CODE).data() == code)
    return {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in BomModel.STOCK_COLUMNS}


def test_order_whats_missing_from_the_bill_of_materials(qtbot, db, shop, cards, tmp_path):
    editor = _editor(cards)
    qtbot.waitUntil(lambda: not editor.working)  # the stock figures are worked out off the GUI thread
    # oil: to issue 10; the side table (due today) claims 1 first: free 6 − 1 = 5, missing 10 − 5 = 5
    assert _row(editor, "OIL-HW") == {"In stock": "6", "On order": "0", "Other jobs": "1", "Missing": "5"}
    # hinges: 300 − 200 = 100 missing
    assert _row(editor, "HNG-35") == {"In stock": "200", "On order": "0", "Other jobs": "0", "Missing": "100"}
    assert editor.total_label.text().endswith("— missing: HNG-35, OIL-HW")
    # Missing always shows; the other stock figures take the costs' place when asked for (1280 pixels)
    tree = editor.tree
    assert not tree.isColumnHidden(BomModel.MISSING) and tree.isColumnHidden(BomModel.IN_STOCK)
    click(qtbot, editor.stock_view)
    assert not any(tree.isColumnHidden(c) for c in BomModel.STOCK_COLUMNS)
    assert tree.isColumnHidden(BomModel.COST) and tree.isColumnHidden(BomModel.UNIT_COST)
    editor.grab().save(str(tmp_path / "bom.png"))

    asked, said = [], []

    def yes(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def read(box):
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_dialog_opens(yes)
    when_dialog_opens(read, check=lambda box: box.windowTitle() == "Order what's missing" and "Drafted" in box.text())
    click(qtbot, editor.order_button)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "  HNG-35: 100 ea\n  OIL-HW: 5 l" in asked[0]
    assert said[0] == ("Drafted PO-2026-0001.\n\nNot ordered:\n  HNG-35: no preferred supplier (100 ea missing)")

    [row] = purchase_orders.list_purchase_orders(db)
    po = purchase_orders.get_purchase_order(db, row.id)
    [line] = po.lines
    # 5 l at Osmo's 29.50 = 147.50, for this job
    assert (po.supplier_name, po.job_id, line.quantity, line.amount) == ("Osmo & <Sons>", shop.job.id, D(5),
                                                                        D("147.50"))
    # the editor shows the order once worked out: 5 on order for the job, nothing missing; hinges still missing
    qtbot.waitUntil(lambda: not editor.working)
    assert _row(editor, "OIL-HW") == {"In stock": "6", "On order": "5", "Other jobs": "1", "Missing": ""}
    assert _row(editor, "HNG-35")["Missing"] == "100"
    assert editor.order_button.isEnabled()  # hinges can still be ordered once they have a supplier


def test_nothing_missing_leaves_the_button_off(qtbot, db, shop):
    bom.add_line(db, shop.job.id, material_id=shop.oak.id, quantity="2")  # 4 of 40 m2
    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.open_job(shop.job.id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    assert not tab.detail.bom.order_button.isEnabled()


def test_the_stock_figures_show_working_until_worked_out_off_the_gui_thread(qtbot, db, shop, cards):
    editor = _editor(cards)
    # shown at once: the bill and its cost; each material line's stock figures "…" meanwhile
    editor.reload()
    assert editor.working
    model = editor.model
    assert _row(editor, "OIL-HW") == {"In stock": "…", "On order": "…", "Other jobs": "…", "Missing": "…"}
    oil = next(r for r in range(model.rowCount()) if model.index(r, BomModel.CODE).data() == "OIL-HW")
    assert model.index(oil, BomModel.MISSING).data(Qt.ItemDataRole.ToolTipRole) == "Working out where stock stands…"
    assert "missing" not in editor.total_label.text()
    assert not editor.order_button.isEnabled()  # nothing known missing yet
    expanded_before = editor.tree.isExpanded(model.index(0, 0))
    # then filled in place (no reset: what is selected stays), the button on for what is missing
    editor.tree.setCurrentIndex(model.index(oil, 0))
    qtbot.waitUntil(lambda: not editor.working)
    assert _row(editor, "OIL-HW") == {"In stock": "6", "On order": "0", "Other jobs": "1", "Missing": "5"}
    assert editor.current_node().material_code == "OIL-HW"
    assert editor.tree.isExpanded(model.index(0, 0)) == expanded_before
    assert editor.total_label.text().endswith("— missing: HNG-35, OIL-HW")
    assert editor.order_button.isEnabled()


def test_an_answer_for_a_job_no_longer_shown_is_dropped(qtbot, db, shop, cards, today):
    editor = _editor(cards)
    qtbot.waitUntil(lambda: not editor.working)
    # another job (no material lines: no stock figures to work out) chosen while this one's are worked out
    bare = jobs.create_job(db, customer_id=shop.customer.id, title="Stool", quantity=1, due_date=today)
    editor.reload()
    assert editor.working
    editor.set_job(bare.id)
    assert not editor.working and editor.needs == {}
    qtbot.wait(300)  # the first job's answer, if it comes, changes nothing
    assert editor.needs == {} and editor.model.rowCount() == 0
    assert not editor.order_button.isEnabled()


def test_order_whats_missing_before_the_figures_arrive_works_them_out_first(qtbot, db, shop, cards):
    editor = _editor(cards)
    editor.reload()
    assert editor.working
    editor.stock_now()  # what "Order what's missing" does before it asks
    assert not editor.working
    assert _row(editor, "HNG-35") == {"In stock": "200", "On order": "0", "Other jobs": "0", "Missing": "100"}
