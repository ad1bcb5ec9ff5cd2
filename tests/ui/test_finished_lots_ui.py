"""Stock ▸ Materials, "Made by jobs": a material that jobs made for stock shows its lots beside its
movements (job, how many, unit cost, made on, how the finished-goods tests went); Enter on a lot
opens its job in Job Cards. A material no job made shows no such section. Figures worked by hand in
the comments."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from support.statements import statements_of
from support.stock_ui import open_stock_page, select_row
from workshop.services import bookings, finished_tests, jobs, materials, routing
from workshop.services import nonconformance as ncrs
from workshop.services.finished_goods import finished_lots
from workshop.ui.dates import date_text
from workshop.ui.widgets import finished_lots as fl

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def bracket(db):
    """Spare wall brackets, kept in stock: 3 on the shelf at 80.00."""
    return materials.create_material(db, code="BRK-SP", name="Wall bracket, spare", unit="ea", unit_cost="80.00",
                                     stock_on_hand="3")


def make_for_stock(db, shop, today, bracket, *, title: str, quantity: int, for_stock: int,
                   results: tuple[str, ...]) -> jobs.JobDetail:
    """A job of ``quantity`` brackets, ``for_stock`` of them for stock, worked and completed. Its cost:
    3 m2 of oak at 85.50 = 256.50; 60 min of Tom (26.00/h) at the bench, overhead 6.50 per labour hour:
    26.00 + 6.50 = 32.50; powder coating bought in 100.00. Total 256.50 + 32.50 + 100.00 = 389.00.
    A failed test's report is closed on the customer's concession (the test stays failed)."""
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=quantity,
                          due_date=today + dt.timedelta(days=7))
    jobs.update_job(db, job.id, stock_material_id=bracket.id, stock_quantity=str(for_stock))
    op = routing.add_operation(db, job.id, name="Make brackets", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="15")
    for action in ("release", "start"):
        jobs.change_status(db, job.id, action)
    bookings.issue_material(db, job.id, material_id=shop.oak.id, quantity="3")
    bookings.log_time(db, op, shop.tom.id, minutes="60", mark_done=True)
    bookings.add_other_cost(db, job.id, category="subcontract", description="Powder coating", amount="100.00")
    for number, result in enumerate(results, start=1):
        test = finished_tests.record_finished_test(db, job.id, name=f"Load test {number}", test_type="pass_fail",
                                                   result=result, tester="Tom Reed")
        if result == "fail":
            ncr_id = ncrs.find_ncr_id(db, test.ncr_number)
            ncrs.disposition(db, ncr_id, disposition="use_as_is", cause="Weld bead uneven",
                             concession_reference="Customer email 12")
            ncrs.verify(db, ncr_id, verified_by="Anna Kowalska")
            ncrs.close_ncr(db, ncr_id)
    jobs.change_status(db, job.id, "to_inspection")
    jobs.change_status(db, job.id, "complete")
    return job


def lot_cells(panel, row: int = 0) -> list[str]:
    return [panel.model.index(row, column).data() for column in range(panel.model.columnCount())]


def test_a_lot_made_by_a_job_shows_its_job_cost_and_tests_and_enter_opens_the_job(qtbot, qtmodeltester, db, shop,
                                                                                  today, bracket, tmp_path):
    job = make_for_stock(db, shop, today, bracket, title="Brackets, two for stock", quantity=4, for_stock=2,
                         results=("pass", "fail"))
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    select_row(qtbot, page, "BRK-SP")
    lots = page.lots
    qtbot.waitUntil(lambda: lots.isVisible())
    assert lots.title.text() == "Made by jobs (1)"
    # unit cost: 389.00 / 4 made = 97.25 each; 2 of the 4 went into stock
    # tests: "Load test 1" passed, "Load test 2" failed (used as it is on a concession) -> 1 of 2
    assert lot_cells(lots) == [job.number, "2", "£97.25", date_text(today), "1 of 2 passed",
                               "Brackets, two for stock"]
    assert lots.model.index(0, fl.LOT_TESTS).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    qtmodeltester.check(lots.model)

    # Enter on the lot: the window goes to Job Cards, on that job
    rect = lots.table.visualRect(lots.model.index(0, fl.LOT_JOB))
    qtbot.mouseClick(lots.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(lots.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "job-cards")
    cards = window.current_tab()
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.id == job.id)
    assert cards.detail.job.number == job.number


def test_lots_are_listed_newest_first_and_a_double_click_opens_a_lots_job(qtbot, db, shop, today, bracket, tmp_path):
    first = make_for_stock(db, shop, today, bracket, title="Brackets, two for stock", quantity=4, for_stock=2,
                           results=("pass", "fail"))
    second = make_for_stock(db, shop, today, bracket, title="One bracket & <b>plate</b>", quantity=1, for_stock=1,
                            results=())
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    select_row(qtbot, page, "BRK-SP")
    qtbot.waitUntil(lambda: page.lots.isVisible())
    # the second: one made of one, its whole 389.00 is the unit cost; no test recorded on it
    assert lot_cells(page.lots, 0) == [second.number, "1", "£389.00", date_text(today), "no tests recorded",
                                       "One bracket & <b>plate</b>"]  # the title as typed, never markup
    assert lot_cells(page.lots, 1)[:2] == [first.number, "2"]

    rect = page.lots.table.visualRect(page.lots.model.index(1, fl.LOT_TITLE))
    qtbot.mouseClick(page.lots.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's
    qtbot.mouseDClick(page.lots.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press, then this
    qtbot.waitUntil(lambda: window.current_tab().tab_id == "job-cards")
    cards = window.current_tab()
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.id == first.id)


def test_a_material_no_job_made_shows_no_lots_section(qtbot, db, shop, today, bracket, tmp_path):
    make_for_stock(db, shop, today, bracket, title="Brackets", quantity=2, for_stock=1, results=("pass",))
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    select_row(qtbot, page, "BRK-SP")
    qtbot.waitUntil(lambda: page.lots.isVisible())
    select_row(qtbot, page, "HNG-35")  # bought in, never made here
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)  # its opening stock, as before
    assert not page.lots.isVisible() and page.lots.model.rowCount() == 0
    assert page.movements.isVisible()


def test_the_lots_are_read_in_the_same_few_queries_however_many_there_are(db, shop, today, bracket):
    def queries_for_lots() -> int:
        return statements_of(db, lambda: finished_lots(db, bracket.id))

    make_for_stock(db, shop, today, bracket, title="Brackets", quantity=2, for_stock=1, results=("pass",))
    with_one = queries_for_lots()
    for title in ("More brackets", "Yet more brackets"):
        make_for_stock(db, shop, today, bracket, title=title, quantity=2, for_stock=2, results=("pass", "pass"))
    assert len(finished_lots(db, bracket.id)) == 3
    assert queries_for_lots() == with_one <= 4  # the material, the lots (and any BEGIN/ROLLBACK the driver sends)


def test_lots_are_read_off_the_gui_thread_with_the_movements_and_a_stale_read_is_dropped(
        qtbot, db, shop, today, bracket, tmp_path, monkeypatch):
    """The lots were read on the GUI thread each time a material was chosen; now with its movements, on
    a pool thread. While held nothing is shown beside the movements (never another material's lots);
    a read overtaken by another choice is dropped."""
    import threading

    from workshop.services import finished_goods

    make_for_stock(db, shop, today, bracket, title="Brackets", quantity=2, for_stock=1, results=("pass",))
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 1)
    gate, threads = threading.Event(), []
    real = finished_goods.finished_lots

    def held(database, material_id):
        threads.append(threading.current_thread())
        if material_id == bracket.id:
            gate.wait(10)
        return real(database, material_id)

    select_row(qtbot, page, "HNG-35")  # the brackets (first) may be chosen already
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)
    monkeypatch.setattr(finished_goods, "finished_lots", held)
    select_row(qtbot, page, "BRK-SP")
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert page.busy and not page.lots.isVisible() and page.lots.model.rowCount() == 0
    gate.set()
    qtbot.waitUntil(lambda: page.lots.isVisible())
    assert page.lots.title.text() == "Made by jobs (1)" and page.lots.model.rowCount() == 1

    gate.clear()
    select_row(qtbot, page, "HNG-35")
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)
    assert not page.lots.isVisible()
    select_row(qtbot, page, "BRK-SP")  # held again
    bracket_read = page._movements_task
    select_row(qtbot, page, "OIL-HW")  # overtakes it
    qtbot.waitUntil(lambda: page.movements_model.rowCount() == 1)
    gate.set()
    qtbot.waitUntil(lambda: not bracket_read.running)
    qtbot.wait(50)  # its answer, were it shown, would arrive with the event loop
    assert not page.lots.isVisible() and page.lots.model.rowCount() == 0
    assert all(thread is not threading.main_thread() for thread in threads)
