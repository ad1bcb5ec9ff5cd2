"""A typed search in the job list through the trigram index (issue 17, db/search_index.py): on SQLite a
text of 3 characters or more is found by the index, and finds exactly the jobs the LIKE finds; the
index follows the jobs as they are made, renamed and deleted. On PostgreSQL (CI) the same calls keep
their LIKE, and the same answers hold."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from workshop.db import search_index
from workshop.db.models import Job
from workshop.services import customers, job_list, jobs

TITLES = ["Oak table", "Łódź gate", "Lodz railing", "Stair \"Grand\" (oak)", "Shelf - 2 * 3", "Desk AND chair",
          "NEAR the door", "100% wool rug", "under_score", "Straße sign", "O'Brien's bench", "Ash desk"]
#: What each term finds, worked out by hand from the titles, the job numbers (the shop's Oak dresser is
#: J-<year>-0001, then the titles in turn) and the customers' names (the shop's "Harrow & Finch
#: Interiors"; "Ash & Oak Ltd" for the two ash jobs below).
EXPECTED = {
    "oak": {"Oak table", "Stair \"Grand\" (oak)", "Oak dresser", "Ash desk", "Shelf - 2 * 3"},
    "ŁÓDŹ": {"Łódź gate"},
    "łódź g": {"Łódź gate"},
    "lodz": {"Lodz railing"},
    "\"grand\"": {"Stair \"Grand\" (oak)"},
    "(oak)": {"Stair \"Grand\" (oak)"},
    "\"gra": {"Stair \"Grand\" (oak)"},
    "- 2 *": {"Shelf - 2 * 3"},
    "2 * 3": {"Shelf - 2 * 3"},
    "and": {"Desk AND chair", "Stair \"Grand\" (oak)"},
    "k and": {"Desk AND chair"},
    "desk and": {"Desk AND chair"},
    "near": {"NEAR the door"},
    "near the": {"NEAR the door"},
    "0% w": {"100% wool rug"},
    "r_s": {"under_score"},
    "strasse": {"Straße sign"},  # folded as the search text is: casefold
    "o'brien": {"O'Brien's bench"},
    "-0004": {"Lodz railing"},
    "desk": {"Desk AND chair", "Ash desk"},
    "sk a": {"Desk AND chair"},
    "Ash & Oak": {"Ash desk", "Shelf - 2 * 3"},  # no title: the customer's name
    "zzz": set(),
    "a*": set(),
    "sk": {"Desk AND chair", "Ash desk"},  # 2 characters: the LIKE
    "ł": {"Łódź gate"},
}


@pytest.fixture
def titled(db, shop, today):
    ash = customers.create_customer(db, name="Ash & Oak Ltd").id
    made = {}
    for i, title in enumerate(TITLES):
        customer = ash if title in ("Ash desk", "Shelf - 2 * 3") else shop.customer.id
        made[title] = jobs.create_job(db, customer_id=customer, title=title, due_date=today + dt.timedelta(days=i)).id
    return made


def _found(db, term: str) -> set[str]:
    return {r.title for r in jobs.list_jobs(db, jobs.JobFilter(search=term))}


def _sent(db, fn) -> list[str]:
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return sent


def _sqlite(db) -> bool:
    return db.engine.dialect.name == "sqlite"


def _without_index(monkeypatch):
    monkeypatch.setattr(search_index, "usable", lambda _connection: False)


def test_the_index_is_there_and_used_for_three_characters_or_more(db, titled):
    if not _sqlite(db):
        assert not search_index.usable(db.engine.connect())
        return
    with db.engine.connect() as conn:
        assert search_index.usable(conn)
    indexed = " ".join(_sent(db, lambda: jobs.list_page(db, jobs.JobFilter(search="oak"), limit=5)))
    assert "jobs_search MATCH" in indexed and "search_text LIKE" not in indexed
    short = " ".join(_sent(db, lambda: jobs.list_page(db, jobs.JobFilter(search="oa"), limit=5)))
    assert "MATCH" not in short and "jobs.search_text LIKE" in short


@pytest.mark.parametrize("term", sorted(EXPECTED))
def test_a_search_finds_the_jobs_worked_out_by_hand(db, titled, term):
    assert _found(db, term) == EXPECTED[term]


@pytest.mark.parametrize("term", sorted(EXPECTED))
def test_the_index_finds_what_the_like_finds_in_the_same_order_and_counts(db, titled, term, monkeypatch):
    filters = [jobs.JobFilter(search=term), jobs.JobFilter(search=term, order="due_soonest"),
               jobs.JobFilter(search=term, excluded_statuses=("closed", "cancelled")),
               jobs.JobFilter(search=term, statuses=("planned",))]
    for limit in (2, 100):
        indexed = [(jobs.list_page(db, f, limit=limit, count_statuses=("planned", "complete")),
                    [r.id for r in jobs.list_jobs(db, f)], jobs.count_jobs(db, f)) for f in filters]
        with monkeypatch.context() as m:
            _without_index(m)
            liked = [(jobs.list_page(db, f, limit=limit, count_statuses=("planned", "complete")),
                      [r.id for r in jobs.list_jobs(db, f)], jobs.count_jobs(db, f)) for f in filters]
        assert indexed == liked


def test_a_page_led_by_the_matching_ids_or_down_the_list_is_the_same_page(db, titled, monkeypatch):
    f = jobs.JobFilter(search="desk")
    walked = jobs.list_page(db, f, limit=1)
    monkeypatch.setattr(job_list, "DRIVEN_UP_TO", 0)
    assert jobs.list_page(db, f, limit=1) == walked
    assert [r.title for r in walked.rows] == ["Ash desk"] and walked.total == 2  # due latest first


def test_keyset_pages_of_an_indexed_search(db, titled):
    f = jobs.JobFilter(search="oak")
    first = jobs.list_jobs(db, f, limit=1)
    rest = jobs.list_jobs(db, f, limit=5, after=first[-1])
    # due latest first: in 21, 11, 4, 3 and 0 days
    assert [r.title for r in first + rest] == ["Oak dresser", "Ash desk", "Shelf - 2 * 3", "Stair \"Grand\" (oak)",
                                               "Oak table"]


def _integrity(db) -> None:
    if _sqlite(db):  # FTS5's own check: the index holds exactly what the jobs' search texts say
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO jobs_search(jobs_search) VALUES ('integrity-check')")


def test_the_index_follows_jobs_made_renamed_and_deleted(db, titled, today):
    made = jobs.create_job(db, customer_id=customers.create_customer(db, name="Kowalski").id, title="Walnut crib",
                           due_date=today)
    assert _found(db, "walnut") == {"Walnut crib"}
    jobs.update_job(db, made.id, title="Cherry cot")
    assert _found(db, "walnut") == set() and _found(db, "cherry") == {"Cherry cot"}
    jobs.update_job(db, made.id, specification="Finished in walnut oil")  # the search text holds it too
    assert _found(db, "walnut oil") == {"Cherry cot"}
    _integrity(db)
    with db.session() as s:
        job = s.get(Job, titled["Łódź gate"])
        job.title = "Kraków gate"
    assert _found(db, "łódź") == set() and _found(db, "KRAKÓW") == {"Kraków gate"}
    with db.session() as s:
        for title in ("Cherry cot", "Ash desk"):
            s.delete(s.scalars(select(Job).where(Job.title == title)).one())
    assert _found(db, "cherry") == set() and _found(db, "desk") == {"Desk AND chair"}
    _integrity(db)


def test_a_customer_renamed_is_found_by_the_new_name(db, titled, shop):
    customers.update_customer(db, shop.customer.id, name="Zebrawood Joinery")
    assert "Oak table" in _found(db, "zebrawood") and _found(db, "zebrawood") == _found(db, "ZEBRA")
