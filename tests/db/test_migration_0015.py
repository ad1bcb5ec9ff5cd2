"""0015 adds the job search's trigram index on SQLite: filled from the jobs already there, kept in step
by its triggers; its downgrade drops exactly that, and the jobs stay."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy.engine import URL

from workshop.db import migrate, search_index
from workshop.db.engine import open_database
from workshop.services import customers, jobs

OBJECTS = {*search_index.index_tables(), *search_index.TRIGGERS}


def _objects(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'jobs_search%'")}
    finally:
        conn.close()


def _matches(path, phrase: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT rowid FROM jobs_search WHERE jobs_search MATCH ? ORDER BY rowid",
                                           (phrase,))]
    finally:
        conn.close()


def test_0015_indexes_the_jobs_there_are_and_downgrades(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)  # made at the newest revision
    customer = customers.create_customer(db, name="Łódź Metal Works").id
    made = [jobs.create_job(db, customer_id=customer, title=title, due_date=db.today() + dt.timedelta(days=30)).id
            for title in ("Oak gate", "Steel railing")]
    db.close()
    url = URL.create("sqlite", database=str(path))

    migrate.downgrade(url, "0014")
    assert _objects(path) == set()
    migrate.upgrade(url, "0015")
    assert _objects(path) == OBJECTS
    assert _matches(path, '"oak g"') == [made[0]] and _matches(path, '"railing"') == [made[1]]

    db = open_database(path)  # the triggers: a new job and a new title are found, the old title is not
    third = jobs.create_job(db, customer_id=customer, title="Oak bench", due_date=db.today() + dt.timedelta(days=31)).id
    jobs.update_job(db, made[1], title="Brass railing")
    db.close()
    assert _matches(path, '"oak"') == [made[0], third] and _matches(path, '"steel"') == []
    assert _matches(path, '"brass r"') == [made[1]]

    migrate.downgrade(url, "0014")
    assert _objects(path) == set()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM jobs").fetchone()[0] == 3
    conn.close()
