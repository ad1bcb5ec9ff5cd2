"""The briefs list reads its first page and its count in one look (issue 17: the page's briefs and
customers as whole records, then the count, then the shop's settings twice, on Briefs' first show):
the rows as plain columns with the customer's name joined, counted only when the page is full (a page
not full is the whole list), the shop's currency read once a reload. Counted, not timed."""

from __future__ import annotations

import pytest

from support.statements import statements_of
from workshop.services import briefs
from workshop.ui.models.briefs_model import BUDGET, CUSTOMER, STATUS_FILTERS, TITLE, BriefsModel

OPEN = STATUS_FILTERS[0][1]


@pytest.fixture
def begin(db) -> int:
    return 1 if db.engine.dialect.name == "sqlite" else 0  # SQLite is sent a BEGIN for each unit of work


def make(db, shop, count: int, status: str = "new") -> None:
    for i in range(count):
        brief = briefs.create_brief(db, customer_id=shop.customer.id, title=f"Brief {i}", budget="10")
        if status != "new":
            briefs.set_brief_status(db, brief.id, status, "no reply")


def test_a_page_not_full_is_the_whole_list_and_is_not_counted(qtbot, db, shop, begin):
    make(db, shop, 3)
    make(db, shop, 2, "lost")  # left out by the open filter
    model = BriefsModel(db)
    # the shop's currency (1), the page with the customers' names (1): no count, no second read
    assert statements_of(db, lambda: model.set_filter("", OPEN)) == 2 + 2 * begin
    assert statements_of(db, lambda: model.total()) == 0
    assert model.total() == model.rowCount() == 3
    assert [model.index(r, TITLE).data() for r in range(3)] == ["Brief 2", "Brief 1", "Brief 0"]  # newest first
    assert {model.index(r, CUSTOMER).data() for r in range(3)} == {"Harrow & Finch Interiors"}
    assert model.index(0, BUDGET).data() == "£10.00"
    assert not model.canFetchMore()


def test_a_full_page_is_counted_in_the_same_look(qtbot, db, shop, begin, monkeypatch):
    monkeypatch.setattr(BriefsModel, "PAGE_SIZE", 4)
    make(db, shop, 6)
    model = BriefsModel(db)
    # the currency (1), the page (1), the count (1), the page and the count in one unit of work
    assert statements_of(db, lambda: model.set_filter("", OPEN)) == 3 + 2 * begin
    assert model.rowCount() == 4 and model.total() == 6
    assert statements_of(db, lambda: model.total()) == 0
    model.fetchMore()
    assert model.rowCount() == 6 and model.total() == 6
    assert [model.index(r, TITLE).data() for r in range(6)] == [f"Brief {i}" for i in range(5, -1, -1)]
    assert statements_of(db, lambda: model.set_filter("Brief 3", ())) == 2 + 2 * begin  # one found: not counted
    assert model.total() == model.rowCount() == 1
