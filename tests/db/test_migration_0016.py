"""0016 gives each job its edit version and who saved it last: the jobs already there start at
version 1, by nobody; the table is altered in place, so the job search's index and triggers (0015)
keep working; the downgrade drops the two columns and keeps the jobs."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy.engine import URL

from workshop.db import migrate, search_index
from workshop.db.engine import open_database
from workshop.services import customers, jobs


def _columns(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(jobs)")]
    finally:
        conn.close()


def _search_objects(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'jobs_search%'")}
    finally:
        conn.close()


def test_0016_versions_the_jobs_there_are_and_downgrades(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)
    customer = customers.create_customer(db, name="Łódź Metal Works").id
    job_id = jobs.create_job(db, customer_id=customer, title="Oak gate", due_date=db.today() + dt.timedelta(days=30)).id
    db.close()
    url = URL.create("sqlite", database=str(path))
    searched = _search_objects(path)

    migrate.downgrade(url, "0015")
    assert "version" not in _columns(path) and "updated_by" not in _columns(path)
    assert _search_objects(path) == searched
    migrate.upgrade(url, "0016")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version, updated_by FROM jobs WHERE id = ?", (job_id,)).fetchone() == (1, "")
    conn.close()

    db = open_database(path)  # saving raises the version; the search still finds the new title
    saved = jobs.update_job(db, job_id, expected_version=1, title="Brass gate")
    db.close()
    assert (saved.version, saved.updated_by) == (2, db.author)
    conn = sqlite3.connect(path)
    assert conn.execute(f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH '\"brass\"'"
                        ).fetchall() == [(job_id,)]
    conn.close()

    migrate.downgrade(url, "0015")
    assert "version" not in _columns(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT title FROM jobs").fetchall() == [("Brass gate",)]
    conn.close()
