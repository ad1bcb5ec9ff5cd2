"""The material side end to end, in the main window as the owner does it: a released job short of
walnut; "Order what's missing…" on its bill of materials drafts the order; the order is opened from
the Stock tab and marked sent; the walnut comes in at a dearer price than ordered and is issued to
the job in the same step; the job's cost follows what was really paid. Figures worked by hand."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from support.gui import click, ok, open_window, press, when_dialog_opens
from support.stock_ui import select_row, type_into
from workshop.db.models import MaterialIssue
from workshop.services import bom, job_costing, jobs, materials, purchase_orders, stock_needs, suppliers
from workshop.services.suppliers import MaterialSupplierInput
from workshop.ui.job_pages.costs import JobCostsPage
from workshop.ui.models.bom_model import BomModel
from workshop.ui.widgets import purchase_receipt_lines as rl


def test_a_walnut_shortage_is_ordered_received_at_another_price_and_issued_to_the_job(qtbot, db, shop, tmp_path):
    walnut = materials.create_material(db, code="WAL-27", name="Black walnut 27 mm", unit="m2", unit_cost="84.10",
                                       stock_on_hand="2")
    merchant = suppliers.create_supplier(db, name="Hardwood Direct", lead_time_days="5")
    suppliers.set_material_suppliers(db, walnut.id, [MaterialSupplierInput(merchant.id, "HD-WAL27", "84.10")])
    # the dresser (2 off) takes 2.5 m² each: 5 m² needed, 2 on the shelf, 3 missing
    bom.add_line(db, shop.job.id, material_id=walnut.id, quantity="2.5")
    jobs.change_status(db, shop.job.id, "release")

    window = open_window(qtbot, db, tmp_path, tab="job-cards")
    cards = window.current_tab()
    cards.open_job(shop.job.id)
    qtbot.waitUntil(lambda: cards.detail.job is not None)
    cards.detail.pages.setCurrentWidget(cards.detail.bom)
    editor = cards.detail.bom
    model = editor.model
    row = next(r for r in range(model.rowCount()) if model.index(r, BomModel.CODE).data() == "WAL-27")
    qtbot.waitUntil(lambda: not editor.working)  # the stock figures are worked out off the GUI thread
    assert model.index(row, BomModel.MISSING).data() == "3"

    # 1. order what's missing: one draft to the preferred supplier, for the job
    said: list[str] = []
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    when_dialog_opens(lambda box: (said.append(box.text()), box.button(QMessageBox.StandardButton.Ok).click()),
                      check=lambda box: box.windowTitle() == "Order what's missing" and "Drafted" in box.text())
    click(qtbot, editor.order_button)
    qtbot.waitUntil(lambda: bool(said))
    number = f"PO-{db.today().year}-0001"
    assert said[0] == f"Drafted {number}."
    qtbot.waitUntil(lambda: not editor.working)
    assert model.index(row, BomModel.MISSING).data() == ""  # 3 on order for the job: nothing missing

    # 2. the Stock tab's Purchase orders: open it with Enter, mark it sent
    window.select_tab("stock")
    stock = window.current_tab()
    stock.show_page(2)
    orders = stock.page()
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1)
    select_row(qtbot, orders, number)
    sent: list[bool] = []

    def mark_sent(po_editor):
        click(qtbot, po_editor.sent_button)
        sent.append(True)
        po_editor.close()

    when_dialog_opens(mark_sent, check=lambda d: d.objectName() == "purchaseOrderEditor")
    qtbot.keyClick(orders.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(sent))
    po = purchase_orders.purchase_order_by_number(db, number)
    assert po.status == "sent" and po.job_id == shop.job.id
    # 3 m² at Hardwood Direct's 84.10 = 252.30
    assert (po.lines[0].quantity, po.lines[0].unit_price, po.total) == (Decimal(3), Decimal("84.10"),
                                                                       Decimal("252.30"))

    # 3. goods in: the invoice says 91.40 a m²; issued to the job in the same step
    stock.show_page(3)
    received: list[str] = []

    def receive(dialog):
        lines = dialog.lines
        assert dialog.order.currentData() == po.id and lines.text(0, rl.JOB) == shop.job.number
        assert lines.item(0, rl.ISSUE).checkState() == Qt.CheckState.Checked
        type_into(qtbot, lines, 0, rl.UNIT_COST, "91.40")
        when_dialog_opens(lambda box: (received.append(box.text()), box.accept()),
                          check=lambda d: d.objectName() == "goodsInDone")
        ok(qtbot, dialog)

    answered = when_dialog_opens(receive, check=lambda d: d.objectName() == "goodsInDialog")
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: bool(answered and received))
    assert received[0].endswith(f"3 m2 WAL-27 Black walnut 27 mm at £91.40, issued to {shop.job.number}")

    # 4. the job's cost follows what was paid: 3 × 91.40 = 274.20, not 3 × 84.10 = 252.30
    with db.reader() as s:
        issue = s.scalars(select(MaterialIssue).where(MaterialIssue.job_id == shop.job.id)).one()
        assert (issue.quantity, issue.unit_cost) == (Decimal(3), Decimal("91.40"))
    sheet = job_costing.cost_sheet(db, shop.job.id)
    assert sheet.actual.materials.amount == Decimal("274.20")
    # the shelf keeps its 2 m² at 84.10 (168.20); the order is received and nothing is missing any more
    assert materials.get_material(db, walnut.id).stock_on_hand == Decimal(2)
    assert purchase_orders.get_purchase_order(db, po.id).status == "received"
    need = stock_needs.material_needs(db, shop.job.id)[walnut.id]
    assert (need.issued, need.on_order, need.missing) == (Decimal(3), Decimal(0), Decimal(0))

    # the window shows it: back on the job, its costs page names the material cost
    window.select_tab("job-cards")
    costs = next(p for p in cards.detail.extra_pages if isinstance(p, JobCostsPage))
    cards.detail.pages.setCurrentWidget(costs)
    # nothing else is booked yet, so the actual cost so far is the walnut
    qtbot.waitUntil(lambda: costs.actual.value.text() == "£274.20")
