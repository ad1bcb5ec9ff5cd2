"""The stock ledger: every change of stock is a movement; stock, value and average cost are their
sums. Figures worked by hand in the comments."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import Material, StockMovement
from workshop.domain.errors import ValidationError
from workshop.domain.stock import MovementKind
from workshop.services import booking_corrections as corrections
from workshop.services import bookings, job_costing, jobs, materials, settings
from workshop.services.stock_ledger import adjust_stock, list_movements, move_stock, stock_value_at


@pytest.fixture
def released(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    return shop.job


def _goods_in(db, material_id: int, quantity: str, unit_cost: str, at: dt.datetime | None = None) -> None:
    """Goods in as the goods-in service books them (written alongside): a costed movement in."""
    with db.session() as s:
        now = db.now()
        move_stock(s, s.get(Material, material_id), MovementKind.GOODS_IN, D(quantity), unit_cost=D(unit_cost),
                   at=at or now, booked_at=now)


def _stock(db, material_id: int) -> tuple[D, D, D]:
    with db.reader() as s:
        m = s.get(Material, material_id)
        return m.stock_on_hand, m.stock_value, m.unit_cost


def _movements(db, material_id: int) -> list[tuple[str, D, D, str]]:
    """Oldest first: kind, quantity, value, reason."""
    with db.reader() as s:
        return [tuple(row) for row in s.execute(
            select(StockMovement.kind, StockMovement.quantity, StockMovement.value, StockMovement.reason)
            .where(StockMovement.material_id == material_id).order_by(StockMovement.id))]


def test_stock_and_average_cost_through_goods_in_issues_and_returns(db, shop, released):
    walnut = materials.create_material(db, code="WAL-30", name="Walnut board 30 mm", unit="m2", unit_cost="5.00",
                                       stock_on_hand="10")
    assert _stock(db, walnut.id) == (D(10), D("50.00"), D("5.00"))  # opening 10 × 5.00 = 50.00
    _goods_in(db, walnut.id, "4", "6.40")
    assert _stock(db, walnut.id) == (D(14), D("75.60"), D("5.40"))  # + 4 × 6.40 = 25.60: 75.60 / 14 = 5.40
    issue = bookings.issue_material(db, released.id, material_id=walnut.id, quantity="6")
    assert (issue.unit_cost, issue.amount) == (D("5.40"), D("32.40"))  # at the average: 6 × 5.40
    assert _stock(db, walnut.id) == (D(8), D("43.20"), D("5.40"))  # 75.60 − 32.40; the average stays
    bookings.return_material(db, released.id, material_id=walnut.id, quantity="2")
    assert _stock(db, walnut.id) == (D(10), D("54.00"), D("5.40"))  # back at its issue cost: + 2 × 5.40 = 10.80
    _goods_in(db, walnut.id, "5", "6.00")
    assert _stock(db, walnut.id) == (D(15), D("84.00"), D("5.60"))  # + 30.00: 84.00 / 15 = 5.60
    bookings.issue_material(db, released.id, material_id=walnut.id, quantity="3")
    assert _stock(db, walnut.id) == (D(12), D("67.20"), D("5.60"))  # − 3 × 5.60 = 16.80
    _goods_in(db, walnut.id, "7", "6.13")
    # + 7 × 6.13 = 42.91: 110.11 / 19 = 5.7952… → 5.80
    assert _stock(db, walnut.id) == (D(19), D("110.11"), D("5.80"))
    bookings.issue_material(db, released.id, material_id=walnut.id, quantity="10")
    # − 10 × 5.80 = 58.00 → 52.11 (the 9 left at the rounded average would be 52.20: 9p of rounding stay)
    assert _stock(db, walnut.id) == (D(9), D("52.11"), D("5.80"))

    # the job is charged exactly what left the shelf: 32.40 − 10.80 + 16.80 + 58.00 = 96.40
    assert job_costing.actual_job_cost(db, released.id).materials.amount == D("96.40")
    with db.reader() as s:
        to_job = s.scalar(select(func.sum(StockMovement.value)).where(StockMovement.job_id == released.id,
                                                                      StockMovement.material_id == walnut.id))
    assert to_job == D("-96.40")
    assert [kind for kind, *_ in _movements(db, walnut.id)] == [
        "opening", "goods_in", "issue", "return", "goods_in", "issue", "goods_in", "issue"]

    listed = list_movements(db, walnut.id)  # newest first, each with the stock after it
    assert [(m.kind, m.quantity, m.value, m.balance) for m in listed] == [
        ("issue", D(-10), D("-58.00"), D(9)), ("goods_in", D(7), D("42.91"), D(19)),
        ("issue", D(-3), D("-16.80"), D(12)), ("goods_in", D(5), D("30.00"), D(15)),
        ("return", D(2), D("10.80"), D(10)), ("issue", D(-6), D("-32.40"), D(8)),
        ("goods_in", D(4), D("25.60"), D(14)), ("opening", D(10), D("50.00"), D(10))]
    assert (listed[0].kind_label, listed[0].job_number) == ("Issued to job", released.number)
    page = list_movements(db, walnut.id, limit=3, offset=2)  # a later page keeps the running balance
    assert [(m.quantity, m.balance) for m in page] == [(D(-3), D(12)), (D(5), D(15)), (D(2), D(10))]


def test_reversing_an_issue_or_a_return_books_the_opposite_movement(db, shop, released):
    issue = bookings.issue_material(db, released.id, material_id=shop.oak.id, quantity="2")  # 2 × 85.50 = 171.00
    back = bookings.return_material(db, released.id, material_id=shop.oak.id, quantity="1")  # + 85.50
    assert _stock(db, shop.oak.id)[:2] == (D(39), D("3334.50"))  # 40 × 85.50 = 3420.00 − 171.00 + 85.50
    corrections.reverse_material_issue(db, back.id, "Board was split")
    corrections.reverse_material_issue(db, issue.id, "Wrong job")
    # undoing the return: 39 − 1, 3334.50 − 85.50; undoing the issue: + 2, + 171.00; average unchanged
    assert _stock(db, shop.oak.id) == (D(40), D("3420.00"), D("85.50"))
    assert _movements(db, shop.oak.id)[-2:] == [("return", D(-1), D("-85.50"), "Correction: Board was split"),
                                                ("issue", D(2), D("171.00"), "Correction: Wrong job")]
    assert job_costing.actual_job_cost(db, released.id).materials.amount == D("0.00")  # 171 − 85.50 + 85.50 − 171


def test_free_text_material_books_no_movement(db, shop, released):
    with db.reader() as s:
        before = s.scalar(select(func.count()).select_from(StockMovement))
    bookings.issue_material(db, released.id, description="Brass escutcheon", quantity="4", unit_cost="3.00")
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(StockMovement)) == before


def test_materials_list_creates_and_changes_stock_by_movements(db, shop):
    # the sample shop's oak: created with 40 m2 at 85.50, an opening of 40 × 85.50 = 3420.00
    assert _movements(db, shop.oak.id) == [("opening", D(40), D("3420.00"), "")]
    materials.update_material(db, shop.oak.id, stock_on_hand="38")
    assert _movements(db, shop.oak.id)[-1] == ("adjustment", D(-2), D("-171.00"), "Changed in the materials list")
    assert _stock(db, shop.oak.id) == (D(38), D("3249.00"), D("85.50"))  # − 2 × 85.50
    materials.update_material(db, shop.oak.id, unit_cost="90.00")
    # value only: 38 × 90.00 − 38 × 85.50 = 3420.00 − 3249.00
    assert _movements(db, shop.oak.id)[-1] == ("revaluation", D(0), D("171.00"),
                                               "Unit cost changed from 85.50 to 90.00 in the materials list")
    assert _stock(db, shop.oak.id) == (D(38), D("3420.00"), D("90.00"))
    materials.update_material(db, shop.oak.id, unit_cost="100.00", stock_on_hand="40")
    # revalued first: 38 × 100 − 38 × 90 = 380.00; then + 2 at the new 100.00 = 200.00
    assert [m[:3] for m in _movements(db, shop.oak.id)[-2:]] == [("revaluation", D(0), D("380.00")),
                                                                ("adjustment", D(2), D("200.00"))]
    assert _stock(db, shop.oak.id) == (D(40), D("4000.00"), D("100.00"))  # 3420 + 380 + 200
    materials.update_material(db, shop.oak.id, name="Oak board, 25 mm", stock_on_hand="40")
    assert len(_movements(db, shop.oak.id)) == 5  # the same stock: nothing more booked

    empty = materials.create_material(db, code="SCR-4", name="Screw 4 × 40", unit_cost="0.05")
    assert _movements(db, empty.id) == [] and _stock(db, empty.id) == (D(0), D("0.00"), D("0.05"))
    materials.update_material(db, empty.id, unit_cost="0.06")  # no stock: nothing to revalue
    assert _movements(db, empty.id) == [] and _stock(db, empty.id)[2] == D("0.06")


def test_the_reorder_quantity_is_kept_with_the_material(db, shop):
    assert materials.get_material(db, shop.oak.id).reorder_quantity == D(0)
    view = materials.update_material(db, shop.oak.id, reorder_quantity="12.5")
    assert (view.reorder_quantity, view.stock_value) == (D("12.5"), D("3420.00"))  # 40 × 85.50
    with pytest.raises(ValidationError) as info:
        materials.update_material(db, shop.oak.id, reorder_quantity="-1")
    assert info.value.field == "reorder_quantity"


def test_adjusting_stock_by_hand(db, shop):
    moved = adjust_stock(db, shop.hinge.id, "-3", "Two damaged in the drawer, one lost")
    # 3 hinges out at the average 4.20: − 12.60; 200 → 197
    assert (moved.kind, moved.quantity, moved.value, moved.balance) == ("adjustment", D(-3), D("-12.60"), D(197))
    assert moved.reason == "Two damaged in the drawer, one lost" and moved.material_code == "HNG-35"
    assert _stock(db, shop.hinge.id) == (D(197), D("827.40"), D("4.20"))  # 200 × 4.20 = 840.00 − 12.60
    adjust_stock(db, shop.hinge.id, D("5"), "Found a box behind the saw")
    assert _stock(db, shop.hinge.id)[:2] == (D(202), D("848.40"))  # + 5 × 4.20 = 21.00


@pytest.mark.parametrize("change, reason, field, words", [
    ("0", "Miscounted", "quantity_change", "more than zero"),
    ("", "Miscounted", "quantity_change", "required"),
    ("1,5", "Miscounted", "quantity_change", "write 1.5"),  # en_GB: a comma is not a decimal point
    ("-201", "Miscounted", "quantity_change", "Only 200 ea of HNG-35 in stock; 201 cannot be taken off"),
    ("-1", "   ", "reason", "Say why"),
])
def test_bad_adjustments_are_refused_and_book_nothing(db, shop, change, reason, field, words):
    with pytest.raises(ValidationError) as info:
        adjust_stock(db, shop.hinge.id, change, reason)
    assert info.value.field == field and words in info.value.message
    assert _stock(db, shop.hinge.id)[0] == D(200) and len(_movements(db, shop.hinge.id)) == 1


def test_an_adjustment_reads_the_shops_locale(db, shop):
    settings.update_settings(db, locale="de_DE")
    adjust_stock(db, shop.oil.id, "-1,5", "Verschüttet")
    assert _stock(db, shop.oil.id)[:2] == (D("4.5"), D("144.00"))  # 6 × 32.00 = 192.00 − 1.5 × 32.00 = 48.00


@pytest.fixture
def berlin(monkeypatch):
    """The shop's PC in Berlin: a day runs from midnight to midnight there (UTC+1 in December)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stock_value_at_the_end_of_a_local_day(db, berlin):
    glass = materials.create_material(db, code="GLS-6", name="Float glass 6 mm", unit="m2", unit_cost="0")
    steel = materials.create_material(db, code="STL-2", name="Steel sheet 2 mm", unit="m2", unit_cost="0")
    utc = dt.timezone.utc
    _goods_in(db, steel.id, "3", "20.00", at=dt.datetime(2026, 11, 30, 9, 0, tzinfo=utc))       # 60.00
    # 23:30 in Berlin on 1 December is 22:30 UTC: it counts on 1 December
    _goods_in(db, glass.id, "2", "45.00", at=dt.datetime(2026, 12, 1, 22, 30, tzinfo=utc))      # 90.00
    # 00:30 in Berlin on 2 December is still 1 December in UTC (23:30): it counts on 2 December
    _goods_in(db, glass.id, "1", "48.00", at=dt.datetime(2026, 12, 1, 23, 30, tzinfo=utc))      # 48.00

    nov = stock_value_at(db, dt.date(2026, 11, 30))
    assert nov.total == D("60.00") and [(x.code, x.quantity, x.value) for x in nov.lines] == [
        ("STL-2", D(3), D("60.00"))]
    first = stock_value_at(db, dt.date(2026, 12, 1))
    # glass 2 × 45.00 = 90.00 and steel 60.00: 150.00
    assert first.total == D("150.00") and first.on == dt.date(2026, 12, 1)
    assert [(x.code, x.name, x.unit, x.quantity, x.value) for x in first.lines] == [
        ("GLS-6", "Float glass 6 mm", "m2", D(2), D("90.00")), ("STL-2", "Steel sheet 2 mm", "m2", D(3), D("60.00"))]
    second = stock_value_at(db, dt.date(2026, 12, 2))
    assert second.total == D("198.00")  # + 48.00
    assert [(x.code, x.quantity, x.value) for x in second.lines][0] == ("GLS-6", D(3), D("138.00"))
    assert stock_value_at(db, dt.date(2026, 11, 29)).lines == ()  # nothing yet


def test_a_page_of_movements_reads_its_balance_in_one_aggregate(db, shop):
    """Issue 17: the balance after a page's first row was two sums (every movement, less the newer
    ones skipped); now one sum of that row and every older one. The same three reads (the material,
    the sum, the page) for the first page and a later one, however many movements there are."""
    from support.statements import statements_of

    for n in range(1, 6):  # oak: opening 40, then +1 … +5 = 55
        adjust_stock(db, shop.oak.id, str(n), "Found")
    begin = 1 if db.engine.dialect.name == "sqlite" else 0
    first = []
    assert statements_of(db, lambda: first.extend(list_movements(db, shop.oak.id, limit=2))) - begin == 3
    assert [(m.quantity, m.balance) for m in first] == [(D(5), D(55)), (D(4), D(50))]
    later = []
    assert statements_of(db, lambda: later.extend(list_movements(db, shop.oak.id, limit=2, offset=4))) - begin == 3
    assert [(m.quantity, m.balance) for m in later] == [(D(1), D(41)), (D(40), D(40))]  # 40 + 1; the opening
    assert list_movements(db, shop.oak.id, limit=2, offset=6) == []
