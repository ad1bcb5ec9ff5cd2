"""Issuing more material than is in stock, and what a job's bill of materials still needs from
stock. Figures worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from workshop.db.models import MaterialIssue
from workshop.services import bom, bookings, jobs, materials
from workshop.services.stock_needs import material_needs


@pytest.fixture
def released(db, shop):
    jobs.change_status(db, shop.job.id, "release")
    return shop.job


def _issues(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(MaterialIssue))


def test_more_than_in_stock_states_the_stock_and_the_shortfall_and_saves_nothing(db, shop, released):
    with pytest.raises(bookings.StockShortage) as info:  # hardwax oil: 6 l in stock
        bookings.issue_material(db, released.id, material_id=shop.oil.id, quantity="6.5")
    shortage = info.value
    assert shortage.field == "quantity"
    # 6 on hand, 6.5 asked: 0.5 short, and the stock would show 6 − 6.5 = −0.5
    assert (shortage.on_hand, shortage.shortfall, shortage.after) == (D("6"), D("0.5"), D("-0.5"))
    assert shortage.message.startswith("Only 6 l of OIL-HW in stock; issuing 6.5 l leaves it at −0.5 l, 0.5 l short.")
    assert materials.get_material(db, shop.oil.id).stock_on_hand == D("6") and _issues(db) == 0


def test_issued_anyway_the_stock_shows_below_zero(db, shop, released):
    issue = bookings.issue_material(db, released.id, material_id=shop.oil.id, quantity="6.5", beyond_stock=True)
    assert issue.quantity == D("6.5") and issue.amount == D("208.00")  # 6.5 l × £32.00 = £208.00
    assert materials.get_material(db, shop.oil.id).stock_on_hand == D("-0.5")  # 6 − 6.5
    # with nothing on the shelf, the message says what the stock shows
    with pytest.raises(bookings.StockShortage) as info:
        bookings.issue_material(db, released.id, material_id=shop.oil.id, quantity="1")
    # −0.5 on hand, 1 asked: nothing on the shelf, so all 1 l is short; the stock would show −1.5
    assert (info.value.shortfall, info.value.after) == (D("1"), D("-1.5"))
    assert info.value.message.startswith("No OIL-HW in stock (it shows −0.5 l); issuing 1 l leaves it at −1.5 l, "
                                         "1 l short.")
    bookings.return_material(db, released.id, material_id=shop.oil.id, quantity="2")
    assert materials.get_material(db, shop.oil.id).stock_on_hand == D("1.5")  # −0.5 + 2


def test_the_bill_of_materials_needs_against_stock(db, shop):
    job = shop.job  # quantity 2
    carcass = bom.add_subassembly(db, job.id, description="Carcass", quantity="2")
    bom.add_line(db, job.id, parent_id=carcass, material_id=shop.oil.id, quantity="1.5")
    bom.add_line(db, job.id, material_id=shop.oil.id, quantity="1")
    bom.add_line(db, job.id, material_id=shop.hinge.id, quantity="2")
    bom.add_line(db, job.id, description="Brass escutcheon", quantity="4", unit_cost="3.00")  # not stocked
    jobs.change_status(db, job.id, "release")

    needs = material_needs(db, job.id)
    assert set(needs) == {shop.oil.id, shop.hinge.id}
    oil = needs[shop.oil.id]
    # oil: 1.5 × 2 carcasses × 2 jobs = 6, plus 1 × 2 = 2: 8 l needed; 6 in stock, none issued
    assert (oil.needed, oil.issued, oil.to_issue, oil.on_hand, oil.shortage) == (D(8), D(0), D(8), D(6), D(2))
    hinge = needs[shop.hinge.id]  # 2 × 2 = 4 hinges of 200 in stock: none short
    assert (hinge.needed, hinge.to_issue, hinge.shortage) == (D(4), D(4), D(0))

    bookings.issue_material(db, job.id, material_id=shop.oil.id, quantity="3")
    bookings.return_material(db, job.id, material_id=shop.oil.id, quantity="1")
    oil = material_needs(db, job.id)[shop.oil.id]
    # issued 3 − 1 = 2, to issue 8 − 2 = 6, in stock 6 − 3 + 1 = 4: short 6 − 4 = 2
    assert (oil.issued, oil.to_issue, oil.on_hand, oil.shortage) == (D(2), D(6), D(4), D(2))

    bookings.issue_material(db, job.id, material_id=shop.oil.id, quantity="5", beyond_stock=True)
    oil = material_needs(db, job.id)[shop.oil.id]
    # issued 7, to issue 1, stock 4 − 5 = −1: to issue the last litre, 1 − (−1) = 2 must come in
    assert (oil.issued, oil.to_issue, oil.on_hand, oil.shortage) == (D(7), D(1), D(-1), D(2))
    bookings.issue_material(db, job.id, material_id=shop.oil.id, quantity="1", beyond_stock=True)
    oil = material_needs(db, job.id)[shop.oil.id]
    assert (oil.to_issue, oil.on_hand, oil.shortage) == (D(0), D(-2), D(0))  # nothing left to issue: not short
