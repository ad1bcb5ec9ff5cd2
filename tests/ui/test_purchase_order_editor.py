"""A purchase order typed as a person does: the supplier, a material chosen from the stock list and
a free-text line for a job, saved with Ctrl+S, marked sent (then read-only), cancelled with a
reason; a price in the wrong locale form is named at its cell and nothing is saved. Opened from
the Purchase orders page with Enter. Figures worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from support.gui import CTRL, click
from support.stock_ui import open_stock_page, type_into, when_opens
from workshop.db.models import PurchaseOrder
from workshop.services import purchase_orders, suppliers
from workshop.ui.context import AppContext
from workshop.ui.dialogs.purchase_order_editor import PurchaseOrderEditor
from workshop.ui.widgets import purchase_order_lines as pl

from sqlalchemy import func, select


def open_editor(qtbot, db, po_id=None) -> PurchaseOrderEditor:
    editor = PurchaseOrderEditor(AppContext(db), po_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def choose_material(qtbot, editor, search: str) -> None:
    def pick(picker):
        qtbot.keyClicks(picker.search, search)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    answered = when_opens(pick, check=lambda d: d.objectName() == "materialPicker")
    click(qtbot, editor.add_material_button)
    qtbot.waitUntil(lambda: bool(answered))


def orders_in(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(PurchaseOrder))


def test_a_draft_with_two_lines_is_saved_then_marked_sent(qtbot, db, shop):
    timber = suppliers.create_supplier(db, name="Timberline", lead_time_days="5")
    suppliers.set_material_suppliers(db, shop.oak.id, [suppliers.MaterialSupplierInput(timber.id, "TL-OAK25", "82.00")])
    editor = open_editor(qtbot, db)
    qtbot.keyClicks(editor.supplier.lineEdit(), "Timberline")
    assert editor.supplier.supplier_id() == timber.id

    choose_material(qtbot, editor, "OAK")  # priced at Timberline's 82.00, not the average 85.50
    assert editor.lines.text(0, pl.CODE) == "OAK-25" and editor.lines.text(0, pl.UNIT_PRICE) == "82.00"
    type_into(qtbot, editor.lines, 0, pl.QUANTITY, "3")
    click(qtbot, editor.add_text_button)
    type_into(qtbot, editor.lines, 1, pl.DESCRIPTION, "Cutting to size")
    type_into(qtbot, editor.lines, 1, pl.UNIT_PRICE, "15.50")
    type_into(qtbot, editor.lines, 1, pl.JOB, shop.job.number)
    # 3 × 82.00 = 246.00; 1 × 15.50 = 15.50; total 261.50
    assert editor.lines.text(0, pl.AMOUNT) == "£246.00" and editor.lines.text(1, pl.AMOUNT) == "£15.50"
    assert editor.total.text() == "Total £261.50 before tax"

    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.lines, Qt.Key.Key_S, CTRL)  # save the draft
    qtbot.waitUntil(lambda: editor.view is not None)
    year = db.today().year
    assert editor.view.number == f"PO-{year}-0001" and editor.view.status == "draft"
    po = purchase_orders.get_purchase_order(db, editor.view.id)
    assert [(l.material_code, l.description, l.quantity, l.unit_price, l.amount, l.job_id) for l in po.lines] == [
        ("OAK-25", "Oak board 25 mm", Decimal("3"), Decimal("82.00"), Decimal("246.00"), None),
        ("", "Cutting to size", Decimal("1"), Decimal("15.50"), Decimal("15.50"), shop.job.id)]
    assert po.supplier_id == timber.id and po.total == Decimal("261.50")
    assert po.lines[0].supplier_code == "TL-OAK25"

    click(qtbot, editor.sent_button)
    assert purchase_orders.get_purchase_order(db, po.id).status == "sent"
    assert "Sent" in editor.heading.text()
    assert not editor.save_button.isEnabled() and not editor.add_material_button.isEnabled()
    assert editor.lines.editTriggers() == editor.lines.EditTrigger.NoEditTriggers  # kept as sent
    assert editor.cancel_order_button.isEnabled() and editor.receive_button.isEnabled()
    click(qtbot, editor.print_button)  # the order as it goes to the supplier, previewed
    qtbot.waitUntil(lambda: getattr(editor, "_preview", None) is not None)
    assert editor._preview.windowTitle().endswith(f"PO-{year}-0001")
    editor._preview.close()

    answered = when_opens(lambda d: (qtbot.keyClicks(d.text, "Supplier cannot deliver this month"),
                                            d.ok_button.click()), check=lambda d: d.objectName() == "reasonDialog")
    click(qtbot, editor.cancel_order_button)
    qtbot.waitUntil(lambda: bool(answered))
    cancelled = purchase_orders.get_purchase_order(db, po.id)
    assert (cancelled.status, cancelled.cancel_reason, cancelled.number) == (
        "cancelled", "Supplier cannot deliver this month", f"PO-{year}-0001")  # the number is kept
    assert not editor.receive_button.isEnabled() and not editor.cancel_order_button.isEnabled()


def test_a_price_in_the_wrong_locale_form_is_named_at_its_cell_and_nothing_is_saved(qtbot, db, shop):
    suppliers.create_supplier(db, name="Timberline")
    editor = open_editor(qtbot, db)
    qtbot.keyClicks(editor.supplier.lineEdit(), "Timberline")
    choose_material(qtbot, editor, "HNG")
    type_into(qtbot, editor.lines, 0, pl.QUANTITY, "20")
    type_into(qtbot, editor.lines, 0, pl.UNIT_PRICE, "4,20")  # a German shop's form; this shop is en_GB
    assert editor.lines.text(0, pl.AMOUNT) == "—"  # no amount from a figure that cannot be read
    click(qtbot, editor.save_button)

    assert editor.problem.isVisible()
    assert editor.problem.text().startswith("Line 1:") and "4,20" in editor.problem.text()
    assert (editor.lines.currentRow(), editor.lines.currentColumn()) == (0, pl.UNIT_PRICE)
    assert editor.view is None and orders_in(db) == 0  # nothing saved

    type_into(qtbot, editor.lines, 0, pl.UNIT_PRICE, "4.20")  # corrected: 20 × 4.20 = 84.00
    click(qtbot, editor.save_button)
    assert not editor.problem.isVisible() and orders_in(db) == 1 and editor.view.total == Decimal("84.00")


def test_a_draft_opens_from_the_list_with_enter(qtbot, db, shop, tmp_path):
    timber = suppliers.create_supplier(db, name="Timberline")
    po = purchase_orders.create_purchase_order(db, timber.id, lines=[
        purchase_orders.PurchaseOrderLineInput(quantity="2", unit_price="85.00", material_id=shop.oak.id)])
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 3)
    assert page.model.index(0, 0).data() == po.number and page.model.index(0, 3).data() == "Draft"
    assert page.model.index(0, 6).data() == "£170.00"  # 2 × 85.00
    page.table.setFocus()
    assert page.current().id == po.id  # the first row is chosen: Enter opens it
    seen = []

    def look(editor):
        seen.append((editor.windowTitle(), editor.lines.rowCount(), editor.lines.text(0, pl.CODE)))
        editor.reject()

    answered = when_opens(look, check=lambda d: d.objectName() == "purchaseOrderEditor")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(answered))
    assert seen == [(f"Purchase order {po.number}", 1, "OAK-25")]
