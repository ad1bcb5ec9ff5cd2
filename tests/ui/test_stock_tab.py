"""The Stock tab driven as a person does: pages chosen with Alt+number, a supplier made through its
dialog (Ctrl+N), where each material stands and its movements, a correction by hand, the reorder
list, search as you type. Figures worked by hand in the comments; models checked with
qtmodeltester."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from support.gui import click, fill_dialog, ok, press
from support.stock_ui import cell, listed, open_stock_page, select_row, type_into, when_opens
from workshop.db.models import StockMovement
from workshop.services import goods_in, materials, purchase_orders, stock_ledger, stock_position, stocktake, suppliers
from workshop.services.purchase_orders import PurchaseOrderLineInput
from workshop.ui.context import AppContext
from workshop.ui.models import stock_models as sm
from workshop.ui.models.stock_count_model import CountSheetModel


def test_a_supplier_made_through_its_dialog_is_saved_and_listed(qtbot, db, shop, tmp_path):
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 2)
    assert page.objectName() == "stockSuppliers" and page.model.rowCount() == 0

    def fill(dialog):
        fill_dialog(qtbot, dialog, name="Timberline & Sons", contact="Ann Lee", email="orders@timberline.example",
                    phone="01632 960555", lead_time_days="5")
        ok(qtbot, dialog)

    answered = when_opens(fill, check=lambda d: d.objectName() == "supplierDialog")
    press(qtbot, window, Qt.Key.Key_N)  # Ctrl+N: a new record of the page shown
    qtbot.waitUntil(lambda: bool(answered))

    saved = suppliers.list_suppliers(db)
    assert [(s.name, s.contact, s.email, s.lead_time_days, s.active) for s in saved] == [
        ("Timberline & Sons", "Ann Lee", "orders@timberline.example", 5, True)]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.current().name == "Timberline & Sons"  # chosen in the list, ready to open with Enter
    assert cell(page, "Timberline & Sons", 4) == "5 d"


def test_a_wrong_lead_time_is_named_in_the_dialog_and_nothing_is_saved(qtbot, db, shop, tmp_path):
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 2)
    seen = []

    def fill(dialog):
        fill_dialog(qtbot, dialog, name="Steelcraft", lead_time_days="two weeks")
        ok(qtbot, dialog)
        seen.append(dialog.error_text("lead_time_days"))
        dialog.reject()

    answered = when_opens(fill, check=lambda d: d.objectName() == "supplierDialog")
    click(qtbot, page.new_button)
    qtbot.waitUntil(lambda: bool(answered))
    assert "two weeks" in seen[0] and "whole number of days" in seen[0]
    assert suppliers.list_suppliers(db, include_inactive=True) == []


def test_materials_page_shows_where_each_material_stands_and_its_movements(qtbot, db, shop, tmp_path):
    _window, tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    assert "weighted average" in page.costing.text() and "the price paid" in page.costing.text()
    # OAK-25: 40 m2 at 85.50 -> 40 × 85.50 = 3,420.00
    assert cell(page, "OAK-25", sm.POS_ON_HAND) == "40"
    assert cell(page, "OAK-25", sm.POS_AVERAGE) == "£85.50"
    assert cell(page, "OAK-25", sm.POS_VALUE) == "£3,420.00"

    qtbot.keyClicks(page.search, "hinge")  # search as you type
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == "HNG-35"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)

    select_row(qtbot, page, "OAK-25")
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)
    opening = [page.movements_model.index(0, c).data() for c in range(1, 5)]
    assert opening == ["Opening stock", "+40", "£3,420.00", "40"]
    assert "OAK-25" in page.movements_title.text()


def test_a_correction_by_hand_is_booked_at_the_average_with_its_reason(qtbot, db, shop, tmp_path):
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    select_row(qtbot, page, "OAK-25")

    def adjust(dialog):
        qtbot.keyClicks(dialog.quantity, "-2.5")
        qtbot.keyClicks(dialog.reason, "Split board, thrown away")
        ok(qtbot, dialog)

    answered = when_opens(adjust, check=lambda d: d.objectName() == "adjustStockDialog")
    click(qtbot, page.adjust_button)
    qtbot.waitUntil(lambda: bool(answered))

    # 40 − 2.5 = 37.5 m2; the adjustment leaves at the average: −2.5 × 85.50 = −213.75;
    # value 3,420.00 − 213.75 = 3,206.25, the average unchanged at 85.50
    qtbot.waitUntil(lambda: cell(page, "OAK-25", sm.POS_ON_HAND) == "37.5")
    assert cell(page, "OAK-25", sm.POS_VALUE) == "£3,206.25"
    assert cell(page, "OAK-25", sm.POS_AVERAGE) == "£85.50"
    with db.reader() as s:
        movements = s.scalars(select(StockMovement).where(StockMovement.material_id == shop.oak.id)
                              .order_by(StockMovement.id)).all()
        assert [(m.kind, m.quantity, m.value, m.reason) for m in movements][-1] == (
            "adjustment", Decimal("-2.5"), Decimal("-213.75"), "Split board, thrown away")
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 2)
    top = [page.movements_model.index(0, c).data() for c in range(1, 7)]
    assert top == ["Adjustment", "-2.5", "-£213.75", "37.5", "", "Split board, thrown away"]


def test_the_reorder_page_lists_a_low_material_with_what_to_order(qtbot, db, shop, tmp_path):
    timber = suppliers.create_supplier(db, name="Timberline", lead_time_days="5")
    walnut = materials.create_material(db, code="WAL-30", name="Walnut board 30 mm", unit="m2", unit_cost="120.00",
                                       stock_on_hand="1", reorder_level="5")
    suppliers.set_material_suppliers(db, walnut.id, [suppliers.MaterialSupplierInput(timber.id, "TW-WAL30", "118.00")])
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 5)
    # WAL-30: 1 on hand, nothing on order or allocated: projected 1 < 5; suggested 5 − 1 = 4 m2
    # (the others are well above their levels: oak 40 ≥ 10, hinges 200 ≥ 50, oil 6 ≥ 2)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["WAL-30"]
    assert cell(page, "WAL-30", 7) == "4"
    assert cell(page, "WAL-30", 8) == "Timberline"
    assert cell(page, "WAL-30", 9) == "£118.00"
    assert "1 material to reorder" in page.count_label.text()

    # Order these…: one draft to the preferred supplier, for 4 m2 at its price
    answered = when_opens(lambda box: box.button(box.StandardButton.Yes).click(),
                                 check=lambda d: d.windowTitle() == "Order these" and hasattr(d, "button")
                                 and d.button(d.StandardButton.Yes) is not None)
    done = when_opens(lambda box: box.accept(), check=lambda d: d.windowTitle() == "Order these"
                             and answered and d not in answered)
    click(qtbot, page.order_button)
    qtbot.waitUntil(lambda: bool(answered and done))
    orders = purchase_orders.list_purchase_orders(db)
    assert len(orders) == 1 and orders[0].supplier_name == "Timberline" and orders[0].status == "draft"
    line = purchase_orders.get_purchase_order(db, orders[0].id).lines[0]
    assert (line.material_code, line.quantity, line.unit_price, line.amount) == (
        "WAL-30", Decimal("4"), Decimal("118.00"), Decimal("472.00"))  # 4 × 118.00
    # now on order: projected 1 + 4 = 5, no longer below 5
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_the_stock_models_answer_qt_as_a_model_should(qtbot, qtmodeltester, db, shop):
    ctx = AppContext(db)
    money = str
    positions = sm.StockPositionsModel(lambda o, n: stock_position.stock_positions(db, limit=n, offset=o),
                                       "en_GB", money)
    positions.reload()
    qtmodeltester.check(positions)
    timber = suppliers.create_supplier(db, name="Timberline")
    po = purchase_orders.create_purchase_order(db, timber.id, expected_on=dt.date(2026, 12, 1), lines=[
        PurchaseOrderLineInput(quantity="2", unit_price="85.00", material_id=shop.oak.id)])
    orders = sm.PurchaseOrdersModel(lambda o, n: purchase_orders.list_purchase_orders(db, limit=n, offset=o), money)
    orders.reload()
    qtmodeltester.check(orders)
    assert orders.index(0, sm.PO_NUMBER).data() == po.number
    sheet = CountSheetModel(ctx.locale)
    sheet.set_rows(stocktake.count_sheet(db))
    qtmodeltester.check(sheet)
    assert sheet.setData(sheet.index(0, 4), "12")
    qtmodeltester.check(sheet)
    for model in (sm.MovementsModel(lambda o, n: stock_ledger.list_movements(db, shop.oak.id, limit=n, offset=o),
                                    "en_GB", money),
                  sm.SuppliersModel(lambda o, n: suppliers.list_suppliers(db, limit=n, offset=o), "en_GB"),
                  sm.ReceiptsModel(lambda o, n: goods_in.list_receipts(db, limit=n, offset=o), "en_GB", money)):
        model.reload()
        qtmodeltester.check(model)
    reorder = sm.ReorderModel("en_GB", money)
    reorder.set_rows(stock_position.reorder_list(db))
    qtmodeltester.check(reorder)


def test_the_tab_remembers_its_page_and_column_widths(qtbot, db, shop, tmp_path):
    window, tab, page = open_stock_page(qtbot, db, tmp_path, 3)
    page.table.setColumnWidth(0, 171)
    window.close()  # the window keeps each tab's layout as it closes
    window, tab, _page = open_stock_page(qtbot, db, tmp_path, 1)
    window.close()
    from support.gui import open_window

    again = open_window(qtbot, db, tmp_path, tab="stock").current_tab()
    assert again.page().objectName() == "stockMaterials"  # the page last shown
    assert again.pages[2].table.columnWidth(0) == 171


def test_the_reorder_list_is_saved_as_csv_and_printed(qtbot, db, shop, tmp_path, monkeypatch):
    materials.create_material(db, code="WAL-30", name="Walnut board 30 mm", unit="m2", unit_cost="120.00",
                              stock_on_hand="1", reorder_level="5")
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 5)
    target = tmp_path / "reorder.csv"
    monkeypatch.setattr("workshop.ui.widgets.stock_counts.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "CSV (*.csv)"))
    click(qtbot, page.csv_button)
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("Code,Material,Unit,On hand")
    # WAL-30: 1 on hand, level 5, suggested 5 − 1 = 4; no supplier: priced at its average 120.00, 4 × 120.00
    assert rows[1].split(",")[:8] == ["WAL-30", "Walnut board 30 mm", "m2", "1", "0", "0", "5", "4"]
    assert rows[1].endswith("120.00,480.00")
    assert "saved to" in page.count_label.text()

    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: getattr(page, "_preview", None) is not None)
    page._preview.close()


def test_a_materials_suppliers_are_edited_preferred_first(qtbot, db, shop, tmp_path):
    timber = suppliers.create_supplier(db, name="Timberline")
    oakwood = suppliers.create_supplier(db, name="Oakwood Merchants")
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    select_row(qtbot, page, "OAK-25")

    def edit(dialog):
        for name, code, price in (("Timberline", "TL-OAK25", "82.00"), ("Oakwood Merchants", "OW-25", "84.5")):
            click(qtbot, dialog.findChild(type(page.adjust_button), "addMaterialSupplier"))
            row = dialog.table.rowCount() - 1
            combo = dialog.table.cellWidget(row, 0)
            combo.setCurrentIndex(combo.findText(name))
            type_into(qtbot, dialog.table, row, 1, code)
            type_into(qtbot, dialog.table, row, 2, price)
        dialog.table.setCurrentCell(1, 0)
        click(qtbot, dialog.findChild(type(page.adjust_button), "moveSupplierUp"))  # Oakwood preferred
        ok(qtbot, dialog)

    answered = when_opens(edit, check=lambda d: d.objectName() == "materialSuppliersDialog")
    click(qtbot, page.suppliers_button)
    qtbot.waitUntil(lambda: bool(answered))
    assert [(s.supplier_id, s.position, s.supplier_code, s.price) for s in suppliers.material_suppliers(db, shop.oak.id)] \
        == [(oakwood.id, 0, "OW-25", Decimal("84.50")), (timber.id, 1, "TL-OAK25", Decimal("82.00"))]


def test_ctrl_n_on_the_materials_page_makes_a_new_material(qtbot, db, shop, tmp_path):
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)

    def fill(dialog):
        assert dialog.creating  # a new material, its form empty
        for name, text in (("code", "WAL-30"), ("name", "Walnut board 30 mm"), ("unit", "m2"),
                           ("unit_cost", "120.00")):
            dialog.form.widgets[name].clear()
            qtbot.keyClicks(dialog.form.widgets[name], text)
        click(qtbot, dialog.save_button)
        dialog.reject()

    answered = when_opens(fill, check=lambda d: d.objectName() == "materialEditor")
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: bool(answered))
    assert materials.material_by_code(db, "WAL-30").name == "Walnut board 30 mm"
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)  # listed at once: the dialog announced the change


def test_the_tab_first_shown_reads_its_materials_page_only(qtbot, db, shop, tmp_path, monkeypatch):
    """Issue 17: the hidden pages' tables fetched their first page as the tab was built (and again when
    shown), and the chosen material's movements and lots were read twice. Now the tab's first show
    reads the materials, and the first one's movements and lots once; a page is read when chosen."""
    from PySide6.QtWidgets import QApplication

    from support.gui import open_window
    from support.stock_ui import go_to_page
    from workshop.services import finished_goods, settings

    calls: list[str] = []
    threads: dict[str, set[bool]] = {}  # name -> {read on the GUI thread?}
    for module, name in ((suppliers, "list_suppliers"), (purchase_orders, "list_purchase_orders"),
                         (goods_in, "list_receipts"), (stock_ledger, "list_movements"),
                         (finished_goods, "finished_lots"), (settings, "get_settings"),
                         (stock_position, "stock_positions")):
        def counted(*args, _real=getattr(module, name), _name=name, **kwargs):
            if _name != "stock_positions":
                calls.append(_name)
            threads.setdefault(_name, set()).add(threading.get_ident() == gui_thread)
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)
    gui_thread = threading.get_ident()

    window = open_window(qtbot, db, tmp_path)
    calls.clear()  # the window's own start
    window.select_tab("stock")
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.pages[0].table.isVisible())
    for _ in range(3):  # the views' delayed layouts, where a hidden table asked for its first page
        QApplication.processEvents()
    listed(qtbot, tab.pages[0])
    assert tab.pages[0].current().code == "HNG-35"  # the first material, chosen
    # the settings: once for the six pages' money, once for the materials page's costing line
    assert sorted(calls) == ["finished_lots", "get_settings", "get_settings", "list_movements"]
    # the materials' first page, the costing line and the first material's movements: off the GUI thread
    assert threads["stock_positions"] == threads["list_movements"] == {False}
    assert threads["get_settings"] == {True, False}  # the pages' money: as the tab is built
    assert [tab.pages[i].model.rowCount() for i in (1, 2, 3)] == [0, 0, 0]

    calls.clear()
    go_to_page(qtbot, window, tab, 4)  # Goods in: read once, when chosen
    for _ in range(3):
        QApplication.processEvents()
    assert calls == ["list_receipts"]


def test_the_materials_and_movements_are_read_off_the_gui_thread_and_only_the_newest_read_shown(
        qtbot, db, shop, tmp_path, monkeypatch):
    """Issue 17: the Materials page read its first page (where each material stands: ~40 ms CPU for
    what is allocated, on ten years of jobs) and the chosen material's movements on the GUI thread.
    Now off it: the rows shown stay and the count says "Loading…" until the new ones come; a read
    overtaken by a newer one (more typing, another material chosen) is never shown."""
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    assert page.model.rowCount() == 3 and page.count_label.text() == "3 materials"
    gate, held_movements = threading.Event(), threading.Event()
    real_positions, real_movements = stock_position.stock_positions, stock_ledger.list_movements

    def positions(database, search="", **kwargs):
        if search == "o":
            gate.wait(10)
        return real_positions(database, search, **kwargs)

    def movements(database, material_id, **kwargs):
        if material_id == shop.oak.id and not held_movements.is_set():
            held_movements.wait(10)
        return real_movements(database, material_id, **kwargs)

    monkeypatch.setattr(stock_position, "stock_positions", positions)
    monkeypatch.setattr(stock_ledger, "list_movements", movements)

    held_movements.set()  # not yet
    page.search.setText("o")  # all three hold an "o": the read is held
    page.reload()
    held = page._list_task
    assert page.busy and page.count_label.text() == "Loading…"
    assert page.model.rowCount() == 3  # what was shown stays meanwhile
    page.search.setText("oak")
    page.reload()  # overtakes the held read
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    listed(qtbot, page)
    gate.set()
    qtbot.waitUntil(lambda: not held.running)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["OAK-25"]
    assert page.count_label.text() == "1 material"

    page.search.clear()
    page.reload()
    listed(qtbot, page)
    assert page.model.rowCount() == 3
    select_row(qtbot, page, "HNG-35")
    listed(qtbot, page)
    held_movements.clear()
    select_row(qtbot, page, "OAK-25")  # its movements held
    assert page.busy and page.movements_model.rowCount() == 0  # not the hinges' under the oak
    assert page.movements_title.text() == "Movements of OAK-25 Oak board 25 mm (loading…)"
    oak_read = page._movements_task
    select_row(qtbot, page, "OIL-HW")
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)
    held_movements.set()
    qtbot.waitUntil(lambda: not oak_read.running)
    assert page.movements_title.text() == "Movements of OIL-HW Hardwax oil"
    assert [page.movements_model.index(r, 2).data() for r in range(page.movements_model.rowCount())] == ["+6"]
