"""An operation done outside the shop, planned in the operation dialog as a person does: tick
"Done outside", choose the supplier, give the days away; the routing shows where it goes."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QLabel

from support.gui import click
from workshop.services import routing, suppliers
from workshop.ui.context import AppContext
from workshop.ui.models.operations_model import OperationsModel
from workshop.ui.tabs.routing import RoutingTab

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def tab(qtbot, db, shop):
    suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")
    ctx = AppContext(db)
    widget = RoutingTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    ctx.select_job(shop.job.id)
    return widget


def test_done_outside_asks_for_supplier_and_days_instead_of_minutes(qtbot, tab, db, shop, tmp_path):
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    rows = dialog.rows
    dialog.grab().save(str(tmp_path / "operation-inside.png"))
    assert not rows.isRowVisible(dialog.supplier) and rows.isRowVisible(dialog.setup_minutes)
    qtbot.keyClicks(dialog.name, "Powder coat frame")
    dialog.setup_minutes.setText("15")  # typed before deciding it goes out: not sent
    click(qtbot, dialog.outside)
    assert rows.isRowVisible(dialog.supplier) and rows.isRowVisible(dialog.days_away)
    assert not rows.isRowVisible(dialog.setup_minutes) and not rows.isRowVisible(dialog.workstation)
    qtbot.keyClicks(dialog.days_away, "-1")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    click(qtbot, ok)
    assert dialog.findChild(QLabel, "error_days_away").text() == (
        "Days away must be a whole number of days, 0 or more, not “-1”.")
    assert routing.list_operations(db, shop.job.id) == []
    dialog.days_away.setText("4")
    dialog.grab().save(str(tmp_path / "operation.png"))
    click(qtbot, ok)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    [op] = routing.list_operations(db, shop.job.id)
    assert (op.supplier_name, op.days_away, op.setup_minutes, op.workstation_code) == (
        "Acme Powder Coating", 4, D(0), "OUT")
    assert tab.model.index(0, OperationsModel.WORKSTATION).data() == "Outside: Acme Powder Coating (4 days away)"
    # away, not timed: no operator or minutes; planned as its days away, on the path through the shop too
    assert [tab.model.index(0, c).data() for c in (OperationsModel.OPERATOR, OperationsModel.SETUP,
                                                   OperationsModel.TOTAL)] == ["—", "—", "4 days away"]

    # opened again it shows as outside; brought back in, it takes a workstation and minutes
    tab.table.selectRow(0)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert dialog.outside.isChecked() and dialog.days_away.text() == "4"
    assert dialog.supplier.currentText() == "Acme Powder Coating"
    click(qtbot, dialog.outside)
    dialog.workstation.setCurrentIndex(dialog.workstation.findData(shop.bench.id))
    dialog.setup_minutes.setText("20")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [op] = routing.list_operations(db, shop.job.id)
    assert (op.outside, op.workstation_code, op.setup_minutes) == (False, "BENCH", D(20))


def test_the_outside_workstation_is_not_offered_for_work_in_the_shop(qtbot, tab, db, shop):
    coater = suppliers.list_suppliers(db)[0]
    routing.add_operation(db, shop.job.id, name="Galvanise", supplier_id=coater.id)  # makes the OUT workstation
    click(qtbot, tab.add_button)
    offered = [tab.dialog.workstation.itemText(i) for i in range(tab.dialog.workstation.count())]
    assert offered and not any("Outside work" in text for text in offered)


def test_order_outside_work_from_the_routing(qtbot, tab, db, shop):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from support.gui import when_dialog_opens
    from workshop.services import job_costing, purchase_orders

    coater = suppliers.list_suppliers(db)[0]
    routing.add_operation(db, shop.job.id, name="Sand", workstation_id=shop.bench.id, setup_minutes="5")
    routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id)
    tab.reload()
    tab.table.selectRow(0)
    assert not tab.order_outside_button.isEnabled()  # sanded in the shop
    tab.table.selectRow(1)
    asked, said = [], []

    def price(dialog):
        asked.append(dialog.labelText())
        dialog.setTextValue("42.50")
        dialog.accept()

    def read(box):
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_dialog_opens(price, check=lambda d: isinstance(d, QInputDialog))
    when_dialog_opens(read, check=lambda d: isinstance(d, QMessageBox))
    click(qtbot, tab.order_outside_button)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert asked == ["020 Powder coat frame at Acme Powder Coating: price per unit (2 off)?"]
    [row] = purchase_orders.list_purchase_orders(db)
    assert said == [f"Drafted {row.number} to Acme Powder Coating: check and send it from the Stock tab's "
                    "Purchase orders."]
    # 2 off × 42.50 = 85.00, in the job's estimate as the outside work's cost
    assert (row.total, job_costing.estimate_job_cost(db, shop.job.id).other.amount) == (D("85.00"), D("85.00"))
