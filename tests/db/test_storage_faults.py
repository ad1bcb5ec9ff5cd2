"""Storage faults named, not guessed: each real fault of the database comes out of a unit of work as
the program's own error, with a message for the owner and the database's words as details, and
nothing of the action saved. A fault that is not the storage's (a broken foreign key) stays a bug:
test_open_database.test_foreign_keys_are_enforced."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import URL

from workshop.db.connection import make_engine
from workshop.db.engine import Database, open_database
from workshop.domain import errors


@pytest.fixture
def shop_file(tmp_path):
    path = tmp_path / "shop.db"
    open_database(path).close()
    return path


def _on_each_connection(db: Database, *pragmas: str) -> None:
    """Fresh connections for ``db`` that run ``pragmas`` first (the pool's old ones are dropped)."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _set(dbapi_conn, _record):
        for pragma in pragmas:
            dbapi_conn.execute(pragma)


def _customers(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    finally:
        conn.close()


def _add_customers(db: Database, count: int = 1, notes: str = "") -> None:
    with db.session() as s:
        for i in range(count):
            s.execute(text("INSERT INTO customers (name, contact_person, email, phone, address, country, "
                           "tax_number, notes, archived, created_at) VALUES (:name, '', '', '', '', 'GB', '', "
                           ":notes, 0, '2026-12-01')"), {"name": f"Łódź {i}", "notes": notes})


def test_a_full_disk_is_named_and_nothing_is_saved(shop_file):
    db = open_database(shop_file)
    with db.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()
    _on_each_connection(db, f"PRAGMA max_page_count={pages + 2}")  # room for two more pages only
    with pytest.raises(errors.DiskFull) as caught:
        _add_customers(db, count=40, notes="x" * 4000)  # about 40 pages
    assert caught.value.message.startswith("The disk that holds the shop's database is full")
    assert "SQLITE_FULL" in caught.value.details and str(shop_file) in caught.value.details
    db.close()
    assert _customers(shop_file) == 0  # all or nothing


def test_a_writer_elsewhere_makes_the_database_busy(shop_file):
    db = open_database(shop_file)
    _on_each_connection(db, "PRAGMA busy_timeout=0")  # do not wait the usual 10 s in a test
    other = sqlite3.connect(shop_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(errors.DatabaseBusy) as caught:
            _add_customers(db)
        assert "another program or another Workshop is saving" in caught.value.message
        assert "SQLITE_BUSY" in caught.value.details
    finally:
        other.execute("ROLLBACK")
        other.close()
    _add_customers(db)  # once the other lets go, saving works again
    db.close()
    assert _customers(shop_file) == 1


def test_a_read_only_database_says_so(shop_file):
    url = URL.create("sqlite", database=f"file:{shop_file}?mode=ro", query={"uri": "true"})
    db = Database(make_engine(url), url)
    with db.reader() as s:  # reading works
        assert s.execute(text("SELECT count(*) FROM customers")).scalar() == 0
    with pytest.raises(errors.ReadOnlyStorage) as caught:
        _add_customers(db)
    assert "can be read but not changed here" in caught.value.message
    assert "SQLITE_READONLY" in caught.value.details
    db.close()


def test_a_damaged_file_is_named_damaged(shop_file):
    size = shop_file.stat().st_size
    page = 4096
    with shop_file.open("r+b") as f:  # scribble over every page but the first (the header)
        f.seek(page)
        f.write(b"\xde\xad\xbe\xef" * ((size - page) // 4))
    db = Database(make_engine(URL.create("sqlite", database=str(shop_file))),
                  URL.create("sqlite", database=str(shop_file)))
    with pytest.raises(errors.DamagedDatabase) as caught:
        with db.reader() as s:
            s.execute(text("SELECT count(*) FROM customers")).scalar()
    assert "restore the newest backup" in caught.value.message
    assert "SQLITE_CORRUPT" in caught.value.details or "SQLITE_NOTADB" in caught.value.details
    db.close()


def test_a_lost_race_for_a_unique_value_is_named_and_saves_nothing(db):
    """Runs on SQLite and on PostgreSQL: the same error from either database's own code."""
    insert = text("INSERT INTO number_sequences (prefix, year, last_value) VALUES ('RACE', 2026, :n)")
    with db.session() as s:
        s.execute(insert, {"n": 1})
    with pytest.raises(errors.DuplicateSave) as caught:
        with db.session() as s:
            s.execute(text("UPDATE number_sequences SET last_value = 5 WHERE prefix = 'RACE'"))
            s.execute(insert, {"n": 2})
    assert caught.value.message.startswith("Someone else saved the same number or code at the same moment")
    with db.reader() as s:  # the whole action was undone, the earlier save kept
        assert s.execute(text("SELECT last_value FROM number_sequences WHERE prefix = 'RACE'")).all() == [(1,)]



def test_a_server_that_cannot_be_reached_mid_session_is_named_not_a_crash():
    """A server gone while the shop is open (the network down, the server restarted): psycopg says
    so with no SQLSTATE; it is the program's "cannot be reached", not a bug for the crash dialog."""
    url = URL.create("postgresql+psycopg", username="clerk", host="127.0.0.1", port=1, database="shop",
                     query={"connect_timeout": "2"})
    db = Database(make_engine(url), url)
    try:
        with pytest.raises(errors.CannotOpenDatabase) as caught:
            with db.reader() as s:
                s.execute(text("SELECT 1"))
    finally:
        db.close()
    assert "the server is not reachable" in caught.value.message
    assert "127.0.0.1" in caught.value.details and "OperationalError" in caught.value.details
