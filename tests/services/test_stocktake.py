"""A stocktake books each difference between the count and the stock, at the average cost, under
one stocktake with its reason; a count that changes nothing books nothing. Figures by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import Material, StockMovement, Stocktake
from workshop.domain.errors import ValidationError
from workshop.services import materials, settings
from workshop.services.stocktake import book_stocktake, count_sheet


def _counts(db) -> tuple[int, int]:
    """Stocktakes and stock movements held."""
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(Stocktake)),
                s.scalar(select(func.count()).select_from(StockMovement)))


def _stock(db, material_id: int) -> tuple[D, D]:
    with db.reader() as s:
        m = s.get(Material, material_id)
        return m.stock_on_hand, m.stock_value


def test_the_count_sheet_lists_active_materials_by_code(db, shop):
    materials.update_material(db, shop.oil.id, active=False)
    sheet = count_sheet(db)
    assert [(x.code, x.unit, x.on_hand) for x in sheet] == [("HNG-35", "ea", D(200)), ("OAK-25", "m2", D(40))]
    assert [x.code for x in count_sheet(db, "oak")] == ["OAK-25"]


def test_a_stocktake_that_changes_nothing_books_nothing(db, shop):
    before = _counts(db)
    result = book_stocktake(db, {shop.oak.id: "40", shop.hinge.id: D(200), shop.oil.id: ""}, reason="")
    # oak and hinges as the stock says, oil not counted (left empty): nothing to book, no stocktake
    assert (result.stocktake_id, result.movements, result.unchanged) == (None, (), 2)
    assert _counts(db) == before


def test_a_stocktake_books_each_difference_at_the_average_cost(db, shop):
    before_takes, before_moves = _counts(db)
    result = book_stocktake(db, {shop.oak.id: "37.5", shop.hinge.id: "204", shop.oil.id: "6"},
                            reason="Year-end count")
    # oak 37.5 counted of 40: − 2.5 × 85.50 = − 213.75; hinges 204 of 200: + 4 × 4.20 = + 16.80; oil matches
    assert result.unchanged == 1 and result.stocktake_id is not None
    assert [(m.material_code, m.kind, m.quantity, m.value, m.balance, m.reason) for m in result.movements] == [
        ("HNG-35", "stocktake", D(4), D("16.80"), D(204), "Year-end count"),
        ("OAK-25", "stocktake", D("-2.5"), D("-213.75"), D("37.5"), "Year-end count")]
    assert _stock(db, shop.oak.id) == (D("37.5"), D("3206.25"))  # 40 × 85.50 = 3420.00 − 213.75
    assert _stock(db, shop.hinge.id) == (D(204), D("856.80"))  # 200 × 4.20 = 840.00 + 16.80
    assert _counts(db) == (before_takes + 1, before_moves + 2)
    with db.reader() as s:
        take = s.get(Stocktake, result.stocktake_id)
        assert take.reason == "Year-end count"
        assert set(s.scalars(select(StockMovement.stocktake_id).where(StockMovement.kind == "stocktake"))) == {take.id}


@pytest.mark.parametrize("hinges, words", [
    ("-3", "The count of HNG-35 cannot be negative."),
    ("lots", "The count of HNG-35 must be a number, not “lots”."),
    ("1,5", "The count of HNG-35: “1,5” is not a number in this shop's format; write 1.5."),
    ("1.2345", "The count of HNG-35 allows at most 3 decimal places."),
])
def test_a_bad_count_names_the_material_and_books_nothing(db, shop, hinges, words):
    before = _counts(db)
    with pytest.raises(ValidationError) as info:
        book_stocktake(db, {shop.oak.id: "37", shop.hinge.id: hinges}, reason="Shelf check")
    assert info.value.field == f"count:{shop.hinge.id}" and info.value.message == words
    assert _counts(db) == before and _stock(db, shop.oak.id)[0] == D(40)  # the good oak count is not booked either


def test_counts_are_read_in_the_shops_locale(db, shop):
    settings.update_settings(db, locale="de_DE")
    with pytest.raises(ValidationError) as info:
        book_stocktake(db, {shop.oil.id: "5.5"}, reason="Regal")
    assert "write 5,5" in info.value.message
    book_stocktake(db, {shop.oil.id: "5,5"}, reason="Regal")
    assert _stock(db, shop.oil.id) == (D("5.5"), D("176.00"))  # 6 × 32.00 − 0.5 × 32.00 = 192.00 − 16.00


def test_a_difference_needs_a_reason(db, shop):
    before = _counts(db)
    with pytest.raises(ValidationError) as info:
        book_stocktake(db, {shop.oil.id: "5"}, reason="  ")
    assert info.value.field == "reason"
    assert _counts(db) == before
