"""Goods in driven as a person does: part of a sent order received at a different price, then seen
on the Materials page (on hand, on order, average, value); more than ordered asks "Receive
anyway?" (No keeps nothing, Yes receives); a job's line issued to it in the same step at the price
paid; a material received without an order. Figures worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from support.gui import click, ok, press
from support.stock_ui import cell, go_to_page, open_stock_page, type_into, when_opens
from workshop.db.models import GoodsReceipt, MaterialIssue
from workshop.services import jobs, materials, purchase_orders, suppliers
from workshop.services.purchase_orders import PurchaseOrderLineInput
from workshop.ui.models import stock_models as sm
from workshop.ui.widgets import purchase_receipt_lines as rl


def sent_order(db, shop, quantity: str, price: str, job_id=None):
    timber = suppliers.create_supplier(db, name="Timberline")
    po = purchase_orders.create_purchase_order(db, timber.id, lines=[
        PurchaseOrderLineInput(quantity=quantity, unit_price=price, material_id=shop.oak.id, job_id=job_id)])
    return purchase_orders.mark_sent(db, po.id)


def receipts(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(GoodsReceipt))


def answer_summary(seen: list):
    """Close the "Goods in" message, keeping its text."""
    def act(box):
        seen.append(box.text())
        box.accept()
    return when_opens(act, check=lambda d: d.objectName() == "goodsInDone")


def test_part_of_an_order_received_at_a_different_price_shows_on_the_materials_page(qtbot, db, shop, tmp_path):
    po = sent_order(db, shop, "10", "82.00")
    window, tab, page = open_stock_page(qtbot, db, tmp_path, 4)
    said: list[str] = []

    def receive(dialog):
        assert dialog.against_order.isChecked() and dialog.order.currentData() == po.id
        lines = dialog.lines
        # the line still owed, prefilled: all 10 at the price ordered
        assert (lines.text(0, rl.OUTSTANDING), lines.text(0, rl.RECEIVE), lines.text(0, rl.UNIT_COST)) == (
            "10", "10", "82.00")
        type_into(qtbot, lines, 0, rl.RECEIVE, "6")
        type_into(qtbot, lines, 0, rl.UNIT_COST, "90.00")  # the invoice says 90.00
        qtbot.keyClicks(dialog.delivery_note, "DN-7781")
        answer_summary(said)
        ok(qtbot, dialog)

    answered = when_opens(receive, check=lambda d: d.objectName() == "goodsInDialog")
    press(qtbot, window, Qt.Key.Key_N)  # Ctrl+N on Goods in: Receive…
    qtbot.waitUntil(lambda: bool(answered and said))
    assert said[0] == f"Received against {po.number}:\n6 m2 OAK-25 Oak board 25 mm at £90.00"

    order = purchase_orders.get_purchase_order(db, po.id)
    assert order.status == "part_received" and order.lines[0].outstanding == Decimal("4")  # 10 − 6
    # 40 m2 worth 3,420.00 + 6 × 90.00 = 540.00 -> 46 m2 worth 3,960.00; average 3,960.00 / 46 = 86.0869… -> 86.09
    oak = materials.get_material(db, shop.oak.id)
    assert (oak.stock_on_hand, oak.unit_cost) == (Decimal("46"), Decimal("86.09"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 1).data() == po.number and "DN-7781" == page.model.index(0, 5).data()
    assert page.model.index(0, 3).data() == "OAK-25 6 m2" and page.model.index(0, 4).data() == "£540.00"

    materials_page = go_to_page(qtbot, window, tab, 1)
    assert materials_page.objectName() == "stockMaterials"
    assert cell(materials_page, "OAK-25", sm.POS_ON_HAND) == "46"
    assert cell(materials_page, "OAK-25", sm.POS_ON_ORDER) == "4"
    assert cell(materials_page, "OAK-25", sm.POS_AVERAGE) == "£86.09"
    assert cell(materials_page, "OAK-25", sm.POS_VALUE) == "£3,960.00"


def test_more_than_ordered_asks_and_no_keeps_nothing_yes_receives(qtbot, db, shop, tmp_path):
    po = sent_order(db, shop, "10", "82.00")
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 3)
    asked: list[str] = []
    said: list[str] = []

    def receive(dialog, answer):
        type_into(qtbot, dialog.lines, 0, rl.RECEIVE, "12")  # a whole sheet more than the 10 ordered

        def reply(box):
            asked.append(box.text())
            box.button(answer).click()

        when_opens(reply, check=lambda d: isinstance(d, QMessageBox) and d.windowTitle() == "More than ordered")
        if answer == QMessageBox.StandardButton.Yes:
            answer_summary(said)
        ok(qtbot, dialog)
        if answer == QMessageBox.StandardButton.No:
            assert dialog.isVisible() and dialog.general_error.isVisible()  # still open, the warning shown
            dialog.reject()

    for answer in (QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes):
        answered = when_opens(lambda d, a=answer: receive(d, a),
                                     check=lambda d: d.objectName() == "goodsInDialog")
        click(qtbot, page.receive_button)
        qtbot.waitUntil(lambda: bool(answered))
        if answer == QMessageBox.StandardButton.No:
            assert receipts(db) == 0 and materials.get_material(db, shop.oak.id).stock_on_hand == Decimal("40")
    assert len(asked) == 2 and asked[0].endswith("Receive anyway?")
    assert receipts(db) == 1 and purchase_orders.get_purchase_order(db, po.id).status == "received"
    assert materials.get_material(db, shop.oak.id).stock_on_hand == Decimal("52")  # 40 + 12


def test_a_line_for_a_job_is_issued_to_it_in_the_same_step_at_the_price_paid(qtbot, db, shop, tmp_path):
    jobs.change_status(db, shop.job.id, "release")  # material goes to a job in the shop, not a planned one
    po = sent_order(db, shop, "2", "82.00", job_id=shop.job.id)
    window, _tab, _page = open_stock_page(qtbot, db, tmp_path, 4)
    said: list[str] = []

    def receive(dialog):
        lines = dialog.lines
        assert lines.text(0, rl.JOB) == shop.job.number
        assert lines.item(0, rl.ISSUE).checkState() == Qt.CheckState.Checked  # on: the line is for a job
        type_into(qtbot, lines, 0, rl.UNIT_COST, "95.00")
        answer_summary(said)
        ok(qtbot, dialog)

    answered = when_opens(receive, check=lambda d: d.objectName() == "goodsInDialog")
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: bool(answered and said))
    assert said[0].endswith(f"2 m2 OAK-25 Oak board 25 mm at £95.00, issued to {shop.job.number}")
    with db.reader() as s:
        issue = s.scalars(select(MaterialIssue).where(MaterialIssue.job_id == shop.job.id)).one()
        # the job pays what was paid: 2 × 95.00 = 190.00, not the average
        assert (issue.quantity, issue.unit_cost) == (Decimal("2"), Decimal("95.00"))
    # in and straight out again: the shelf holds its 40
    assert materials.get_material(db, shop.oak.id).stock_on_hand == Decimal("40")
    assert purchase_orders.get_purchase_order(db, po.id).status == "received"


def test_a_material_received_without_an_order(qtbot, db, shop, tmp_path):
    window, _tab, _page = open_stock_page(qtbot, db, tmp_path, 4)
    said: list[str] = []

    def receive(dialog):
        assert dialog.without_order.isChecked() and not dialog.against_order.isEnabled()  # no open orders

        def pick(picker):
            qtbot.keyClicks(picker.search, "HNG")
            qtbot.keyClick(picker.search, Qt.Key.Key_Return)

        picked = when_opens(pick, check=lambda d: d.objectName() == "materialPicker")
        click(qtbot, dialog.add_material_button)
        qtbot.waitUntil(lambda: bool(picked))
        type_into(qtbot, dialog.lines, 0, rl.RECEIVE, "50")
        type_into(qtbot, dialog.lines, 0, rl.UNIT_COST, "3.90")
        answer_summary(said)
        ok(qtbot, dialog)

    answered = when_opens(receive, check=lambda d: d.objectName() == "goodsInDialog")
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: bool(answered and said))
    # 200 at 4.20 = 840.00, + 50 × 3.90 = 195.00 -> 250 worth 1,035.00; average 1,035.00 / 250 = 4.14
    hinge = materials.get_material(db, shop.hinge.id)
    assert (hinge.stock_on_hand, hinge.unit_cost) == (Decimal("250"), Decimal("4.14"))
    assert said[0] == "Received:\n50 ea HNG-35 Hinge 35 mm soft-close at £3.90"
