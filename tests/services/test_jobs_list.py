"""The job list's one look (``list_page``), keyset paging and the search by customer name, on shops
small enough to check by hand; the same few statements however many jobs match."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from workshop.db.models import Customer
from workshop.db.text_match import folded_like
from workshop.domain.search import like_pattern
from workshop.services import customers, job_list, jobs
from support.statements import statements_of


@pytest.fixture
def listed(db, shop, today):
    """The shop's job and eleven more for three customers: due dates spread over a month, some
    released, one complete, one delivered and one cancelled; two due the same day (the list then goes by id)."""
    walnut = customers.create_customer(db, name="Walnut & Co").id
    lodz = customers.create_customer(db, name="Łódź Metal Works").id
    made = [shop.job.id]
    for i, (customer, title, days) in enumerate([
            (walnut, "Oak table", 3), (walnut, "Oak bench", 3), (walnut, "Hall stand", 9), (lodz, "Gate", 12),
            (lodz, "Railing in oak", 15), (shop.customer.id, "Desk", 20), (shop.customer.id, "Oak desk", 22),
            (lodz, "Stair", 25), (walnut, "Bookcase", 27), (shop.customer.id, "Shelf", 29),
            (shop.customer.id, "Wardrobe", 30)]):
        made.append(jobs.create_job(db, customer_id=customer, title=title, due_date=today + dt.timedelta(days=days)).id)
    for job_id in made[1:5]:
        jobs.change_status(db, job_id, "release")
    for action in ("start", "to_inspection", "complete"):
        jobs.change_status(db, made[1], action)
    for action in ("start", "to_inspection", "complete", "deliver"):
        jobs.change_status(db, made[2], action)
    jobs.change_status(db, made[-1], "cancel", reason="The customer moved house")  # left out of the list as it opens ("not closed")
    return made


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


@pytest.mark.parametrize("f", [
    jobs.JobFilter(), jobs.JobFilter(search="oak"), jobs.JobFilter(search="walnut"), jobs.JobFilter(search="ŁÓDŹ"),
    jobs.JobFilter(excluded_statuses=("closed", "cancelled"), search="oak"),
    jobs.JobFilter(excluded_statuses=("closed", "cancelled")),  # the list as it opens: counted by the statuses kept jobs.JobFilter(statuses=("released",)),
    jobs.JobFilter(open_only=True, order="due_soonest"), jobs.JobFilter(due_within_days=10),
    jobs.JobFilter(search="zzz"),
])
@pytest.mark.parametrize("limit", [3, 100])
def test_the_first_page_its_count_and_the_counts_by_status_are_the_lists_own(db, listed, f, limit):
    page = jobs.list_page(db, f, limit=limit, count_statuses=("complete", "delivered"))
    everything = jobs.list_jobs(db, f)
    assert _ids(page.rows) == _ids(everything[:limit])
    assert page.total == len(everything) == jobs.count_jobs(db, f)
    # the counts by status: the same search, due dates and late box, the status choice aside
    assert page.by_status == {status: jobs.count_jobs(db, replace(f, statuses=(status,), excluded_statuses=(),
                                                                  open_only=False))
                              for status in ("complete", "delivered")}


def test_counts_by_hand(db, listed):
    page = jobs.list_page(db, jobs.JobFilter(search="oak"), limit=2, count_statuses=("complete", "delivered"))
    # Oak table (complete), Oak bench (delivered), Railing in oak, Oak desk, and the shop's Oak dresser
    assert page.total == 5 and len(page.rows) == 2
    assert page.by_status == {"complete": 1, "delivered": 1}
    assert [r.title for r in page.rows] == ["Oak desk", "Oak dresser"]  # newest due first: in 22 and 21 days
    walnut = jobs.list_page(db, jobs.JobFilter(search="WALNUT &"), limit=100)  # the customer's name
    assert sorted(r.title for r in walnut.rows) == ["Bookcase", "Hall stand", "Oak bench", "Oak table"]
    assert walnut.total == 4 and walnut.by_status == {}


def test_pages_after_the_last_row_shown_are_the_pages_at_their_offset(db, listed):
    for f in (jobs.JobFilter(), jobs.JobFilter(order="due_soonest"), jobs.JobFilter(search="o")):
        everything = jobs.list_jobs(db, f)
        pages, after = [], None
        while True:
            page = jobs.list_jobs(db, f, limit=5, after=after)
            if not page:
                break
            pages += page
            after = page[-1]
        assert _ids(pages) == _ids(everything)
        assert _ids(jobs.list_jobs(db, f, limit=5, offset=5)) == _ids(everything[5:10])
    same_day = [r for r in jobs.list_jobs(db) if r.due_date == jobs.list_jobs(db)[-2].due_date]
    assert len(same_day) == 2 and same_day[0].id > same_day[1].id  # newest due first, then newest job


def test_a_search_reads_the_same_few_statements_however_many_jobs_match(db, listed):
    few = statements_of(db, lambda: jobs.list_page(db, jobs.JobFilter(search="gate"), limit=2,
                                                   count_statuses=("complete",)))
    many = statements_of(db, lambda: jobs.list_page(db, jobs.JobFilter(search="o"), limit=2,
                                                    count_statuses=("complete",)))
    # (BEGIN on SQLite,) the customers named, the page, the counts (ROLLBACK goes through the driver)
    assert few == many == (4 if db.engine.dialect.name == "sqlite" else 3)


NAMES = ["İZMİR", "\u212aITCHENS", "Łódź Metal Works", "GARCÍA & Sons", "Straße 5", "Plain Oak Ltd",
         "100% Wool", "under_score"]


@pytest.mark.parametrize("typed", ["i", "İ", "izm", "k", "kitchens", "łódź", "ŁÓDŹ", "garcía", "GARCÍA", "strasse",
                                   "straße", "oak", "OAK", "%", "_", "0% w", "e_s"])
def test_customer_names_match_as_lowered(db, typed):
    """On SQLite the name is first tried with SQLite's LIKE and lowered only when it must be
    (db/text_match.py): the same customers as lowering every name (there with Python's str.lower)."""
    ids = {customers.create_customer(db, name=name).id: name for name in NAMES}
    pattern = like_pattern(typed, str.lower)
    with db.reader() as s:
        found = set(s.scalars(select(Customer.id).where(folded_like(Customer.name, pattern))))
        lowered = set(s.scalars(select(Customer.id).where(func.lower(Customer.name).like(pattern, escape="\\"))))
    assert found == lowered
    if db.engine.dialect.name == "sqlite":  # a server lowers by its own rules (PostgreSQL: İ to i)
        assert {ids[i] for i in found} == {name for name in NAMES if typed.strip().lower() in name.lower()}


def test_many_customers_named_are_found_again_by_a_subquery(db, listed, monkeypatch):
    """Past LISTED_CUSTOMERS the customers a search names are not handed over as values: the same jobs."""
    f = jobs.JobFilter(search="& co")
    listed_ids = _ids(jobs.list_jobs(db, f))
    monkeypatch.setattr(job_list, "LISTED_CUSTOMERS", 0)
    assert _ids(jobs.list_jobs(db, f)) == listed_ids and len(listed_ids) == 4
    assert jobs.list_page(db, f, limit=2).total == jobs.count_jobs(db, f) == 4
