"""Opening tells each storage fault apart, with real faults: a missing folder, a 0-byte file, a text
file, another program's database, a newer schema, a damaged page, a file held by another process, a
read-only file, a read-only folder and a full disk. Each raises its own error (and exit code), and a
refused file is left exactly as it was (bytes and mtime)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from support.mounts import fill, read_only_file, remount_read_only, small_disk
from workshop.db import probing
from workshop.db.engine import open_database
from workshop.db.probing import os_fault
from workshop.domain import errors


def _state(path):
    """What a refusal must not change: the bytes and the modification time. (Reading a WAL database with
    SQLite, as the checks for a newer schema or damage do, may leave an empty -wal and a -shm beside it, as
    any reader does.)"""
    return path.read_bytes(), path.stat().st_mtime_ns


def _shop(path, customers: int = 0):
    open_database(path).close()
    if customers:
        conn = sqlite3.connect(path)
        with conn:
            for i in range(customers):
                conn.execute("INSERT INTO customers (name, contact_person, email, phone, address, country, "
                             "tax_number, notes, archived, created_at) VALUES (?, '', '', '', '', 'GB', '', ?, 0, "
                             "'2026-12-01')", (f"Customer {i}", "n" * 300))
        conn.close()
    return path


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(errors.CannotOpenDatabase) as caught:
        open_database(tmp_path / "gone" / "shop.db")
    assert f"The folder {tmp_path / 'gone'} does not exist" in caught.value.message
    assert caught.value.exit_code == 9
    assert not (tmp_path / "gone").exists()


def test_a_missing_file_is_created_only_when_allowed(tmp_path):
    with pytest.raises(errors.WorkshopError, match="There is no Workshop database"):
        open_database(tmp_path / "shop.db", create=False)
    assert not (tmp_path / "shop.db").exists()
    open_database(tmp_path / "shop.db").close()
    assert (tmp_path / "shop.db").stat().st_size > 0


def test_an_empty_file_is_never_taken_for_a_new_shop(tmp_path):
    path = tmp_path / "shop.db"
    path.write_bytes(b"")
    before = _state(path)
    with pytest.raises(errors.EmptyDatabaseFile) as caught:
        open_database(path)  # create=True, as at start-up: still refused
    assert caught.value.message.startswith("shop.db is empty (0 bytes): it holds no shop")
    assert caught.value.exit_code == 11
    assert _state(path) == before
    db = open_database(path, start_in_empty=True)  # only when the owner said "start a new shop in it"
    with db.reader() as s:
        assert s.execute(text("SELECT count(*) FROM shop_settings")).scalar() == 1
    db.close()


def test_a_text_file_is_not_a_database_at_all(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: glue, screws\n" * 100)
    before = _state(path)
    with pytest.raises(errors.ForeignDatabase) as caught:
        open_database(path)
    assert "not a database file at all" in caught.value.message
    assert "b'shopping list: g'" in caught.value.details
    assert caught.value.exit_code == 7
    assert _state(path) == before


def test_another_programs_database_is_foreign(tmp_path):
    path = tmp_path / "accounts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = _state(path)
    with pytest.raises(errors.ForeignDatabase, match="not a Workshop database") as caught:
        open_database(path)
    assert "tables: ledger" in caught.value.details
    assert _state(path) == before


def test_a_newer_schema_is_refused_untouched(tmp_path):
    path = _shop(tmp_path / "shop.db")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    before = _state(path)
    with pytest.raises(errors.NewerSchema) as caught:
        open_database(path)
    assert "newer version of Workshop" in caught.value.message
    assert "database schema ffff" in caught.value.details
    assert caught.value.exit_code == 8
    assert _state(path) == before


def test_a_damaged_page_is_found_by_quick_check(tmp_path):
    path = _shop(tmp_path / "shop.db", customers=200)  # the customers table spans many pages
    conn = sqlite3.connect(path)
    root, page_size = conn.execute("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                                   "WHERE name = 'customers'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size + 8  # the table's root page, after its 8-byte b-tree header
    data[start:start + 64] = b"\xff" * 64  # its cell pointers scribbled over
    path.write_bytes(bytes(data))
    before = _state(path)
    with pytest.raises(errors.DamagedDatabase) as caught:
        open_database(path)
    assert caught.value.message.startswith("shop.db is damaged: SQLite's check found broken pages")
    assert f"On tree page {root}" in caught.value.details
    assert caught.value.exit_code == 6
    assert _state(path) == before


def test_a_damaged_first_page_is_damaged_not_foreign(tmp_path):
    path = _shop(tmp_path / "shop.db")
    data = bytearray(path.read_bytes())
    data[100:140] = b"\xee" * 40  # the schema table's page header, right after the file header
    path.write_bytes(bytes(data))
    before = _state(path)
    with pytest.raises(errors.DamagedDatabase) as caught:
        open_database(path)
    assert "SQLITE_CORRUPT" in caught.value.details or "SQLITE_NOTADB" in caught.value.details
    assert _state(path) == before


HOLD_EXCLUSIVE = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE shop_settings SET company_name = 'held'")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
""")


def test_a_file_held_by_another_process_is_busy(tmp_path, monkeypatch):
    path = _shop(tmp_path / "shop.db")
    monkeypatch.setattr(probing, "PROBE_TIMEOUT_S", 0.2)  # not the usual 10 s in a test
    other = subprocess.Popen([sys.executable, "-c", HOLD_EXCLUSIVE, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "holding\n"
        with pytest.raises(errors.DatabaseBusy) as caught:
            open_database(path)
        assert "being changed by another program right now" in caught.value.message
        assert "SQLITE_BUSY" in caught.value.details
        assert caught.value.exit_code == 3
    finally:
        other.communicate("\n", timeout=30)
    open_database(path).close()  # once it lets go, the shop opens


def test_a_read_only_file_opens_read_only_only(tmp_path):
    path = _shop(tmp_path / "shop.db", customers=3)
    with read_only_file(path):
        before = _state(path)
        with pytest.raises(errors.ReadOnlyStorage) as caught:
            open_database(path)
        assert caught.value.message.startswith("shop.db can only be read here: the file shop.db is read-only.")
        assert "open it read-only" in caught.value.message
        assert caught.value.exit_code == 4
        db = open_database(path, read_only=True)
        assert db.read_only
        with db.reader() as s:
            assert s.execute(text("SELECT count(*) FROM customers")).scalar() == 3
        with pytest.raises(errors.ReadOnlyStorage) as refused:
            with db.session() as s:
                s.execute(text("DELETE FROM customers"))
        assert refused.value.message == ("This shop is open read-only because the file shop.db is read-only. "
                                         "Nothing was saved.")
        db.close()
        assert path.read_bytes() == before[0]


def test_a_read_only_folder_opens_read_only_without_its_shm(tmp_path):
    folder = tmp_path / "share"
    with small_disk(folder, "8m"):
        path = _shop(folder / "shop.db", customers=2)
        assert sorted(p.name for p in folder.iterdir()) == ["shop.db"]  # closed cleanly: no -wal, no -shm
        remount_read_only(folder)
        with pytest.raises(errors.ReadOnlyStorage) as caught:
            open_database(path)
        assert f"its folder {folder} is read-only" in caught.value.message
        db = open_database(path, read_only=True)  # a WAL file with no -shm: immutable=1
        with db.reader() as s:
            assert s.execute(text("SELECT count(*) FROM customers")).scalar() == 2
        with db.session() as s:  # services that only read go on working
            assert s.execute(text("SELECT count(*) FROM customers")).scalar() == 2
        with pytest.raises(errors.ReadOnlyStorage, match=f"because its folder {folder} is read-only"):
            with db.session() as s:
                s.execute(text("UPDATE customers SET name = 'x'"))
        db.close()


def test_a_full_disk_is_named_when_opening_needs_room(tmp_path):
    folder = tmp_path / "disk"
    with small_disk(folder, "4m"):
        path = _shop(folder / "shop.db")
        fill(folder)
        before = path.read_bytes()
        with pytest.raises(errors.DiskFull) as caught:
            open_database(path)  # the -shm beside it cannot grow
        assert caught.value.message.startswith("The disk that holds shop.db is full")
        assert caught.value.exit_code == 5
        assert path.read_bytes() == before
        (folder / "filler.bin").unlink()
        open_database(path).close()  # room again: it opens


def test_a_full_disk_stops_an_upgrade_and_leaves_the_file_as_it_was(tmp_path):
    from workshop.db import migrate
    from workshop.db.engine import resolve_url

    folder = tmp_path / "disk"
    with small_disk(folder, "4m"):
        path = folder / "shop.db"
        migrate.upgrade(resolve_url(path), "0001")  # an old shop: opening it means backup + upgrade
        fill(folder, leave=96 * 1024)  # room to read it (its -shm), not to copy it
        before = path.read_bytes()
        with pytest.raises(errors.DiskFull) as caught:
            open_database(path)
        assert "not enough room on the disk for a backup" in caught.value.message  # the backup comes first
        assert path.read_bytes() == before
        leftovers = [p.name for p in folder.rglob("*") if p.is_file() and p.stat().st_size == 0
                     and not p.name.startswith("shop.db")]
        assert leftovers == []  # no 0-byte "backup" left behind


@pytest.mark.parametrize(("code", "kind", "words"), [
    (errno.ENOSPC, errors.DiskFull, "is full"),
    (errno.EROFS, errors.ReadOnlyStorage, "can only be read"),
    (errno.EACCES, errors.CannotOpenDatabase, "not allowed to open"),
    (errno.EIO, errors.StorageIOError, "The disk or network failed"),
])
def test_operating_system_errors_are_named(tmp_path, code, kind, words):
    fault = os_fault(OSError(code, os.strerror(code)), tmp_path / "shop.db", "Reading")
    assert isinstance(fault, kind) and words in fault.message
    assert f"(errno {code})" in fault.details
