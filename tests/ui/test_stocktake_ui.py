"""The stocktake page as a person counts: counts typed into the sheet, the differences shown, one
question naming how many, one movement per difference; counts that all match book nothing; a
count that is no number is named. Figures worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from support.gui import click, press
from support.stock_ui import open_stock_page, type_into, when_opens
from workshop.db.models import StockMovement, Stocktake
from workshop.services import materials
from workshop.ui.models.stock_count_model import COUNTED, DIFFERENCE


def row_of(page, code: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == code)


def counted_movements(db) -> list:
    with db.reader() as s:
        return [(m.material_id, m.quantity, m.value, m.reason) for m in
                s.scalars(select(StockMovement).where(StockMovement.kind == "stocktake"))]


def stocktakes(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Stocktake))


def test_a_stocktake_with_one_difference_books_one_movement(qtbot, db, shop, tmp_path):
    _window, _tab, page = open_stock_page(qtbot, db, tmp_path, 6)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["HNG-35", "OAK-25", "OIL-HW"]
    type_into(qtbot, page.table, row_of(page, "OAK-25"), COUNTED, "40")     # as expected
    type_into(qtbot, page.table, row_of(page, "HNG-35"), COUNTED, "196")    # 4 hinges short
    assert page.model.index(row_of(page, "OAK-25"), DIFFERENCE).data() == "none"
    assert page.model.index(row_of(page, "HNG-35"), DIFFERENCE).data() == "-4"  # 196 − 200
    assert page.summary.text() == "2 counts typed, 1 difference"
    qtbot.keyClicks(page.reason, "Year-end count")
    asked: list[str] = []

    def yes(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    said: list[str] = []
    when_opens(yes, check=lambda d: d.windowTitle() == "Book the stocktake")
    when_opens(lambda box: (said.append(box.text()), box.accept()),
                      check=lambda d: d.objectName() == "stocktakeDone")
    click(qtbot, page.book_button)
    qtbot.waitUntil(lambda: bool(said))

    assert asked == ["Book 1 difference as stocktake movements, with the reason “Year-end count”?"]
    assert said == ["Booked 1 difference; 1 count matched."]
    # −4 hinges at their average 4.20: −16.80
    assert counted_movements(db) == [(shop.hinge.id, Decimal("-4"), Decimal("-16.80"), "Year-end count")]
    assert materials.get_material(db, shop.hinge.id).stock_on_hand == Decimal("196")
    qtbot.waitUntil(lambda: page.model.index(row_of(page, "HNG-35"), 3).data() == "196")  # the new expected
    assert page.model.counts() == {} and not page.book_button.isEnabled()  # the sheet is clear for next time


def test_a_stocktake_that_changes_nothing_books_nothing(qtbot, db, shop, tmp_path):
    _window, tab, page = open_stock_page(qtbot, db, tmp_path, 6)
    type_into(qtbot, page.table, row_of(page, "OIL-HW"), COUNTED, "6")
    type_into(qtbot, page.table, row_of(page, "OAK-25"), COUNTED, "40.0")
    assert tab.has_unsaved_changes()  # counts typed: leaving asks first
    said: list[str] = []
    when_opens(lambda box: (said.append(box.text()), box.accept()),
                      check=lambda d: d.objectName() == "stocktakeDone")
    click(qtbot, page.book_button)  # no difference: no question, nothing to confirm
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["Every count matches, nothing booked."]
    assert counted_movements(db) == [] and stocktakes(db) == 0


def test_a_count_that_is_no_number_is_named_and_nothing_is_booked(qtbot, db, shop, tmp_path):
    window, _tab, page = open_stock_page(qtbot, db, tmp_path, 6)
    type_into(qtbot, page.table, row_of(page, "OIL-HW"), COUNTED, "5,5")  # a German comma in an en_GB shop
    assert page.model.index(row_of(page, "OIL-HW"), DIFFERENCE).data() == "not a number"
    qtbot.keyClicks(page.reason, "Spot check")
    shown: list[str] = []
    when_opens(lambda box: (shown.append(box.text()), box.accept()),
                      check=lambda d: isinstance(d, QMessageBox) and "5,5" in d.text())
    click(qtbot, page.book_button)
    qtbot.waitUntil(lambda: bool(shown))
    assert "OIL-HW" in shown[0]
    assert counted_movements(db) == [] and page.model.counts() == {shop.oil.id: "5,5"}  # kept to correct

    # Esc throws the counts away, after asking
    discarded = when_opens(lambda box: box.button(QMessageBox.StandardButton.Discard).click(),
                                  check=lambda d: d.windowTitle() == "Discard your changes?")
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: bool(discarded))
    assert page.model.counts() == {} and page.summary.text() == "0 counts typed, 0 differences"
