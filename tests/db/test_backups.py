"""Backups that check themselves (workshop/db/backup.py): made through the online backup API with
every committed row, checked, renamed into place; named so the list reads back; a full disk leaves
no partial file; the rotation keeps 7 daily, 4 weekly and 12 monthly; restore refuses hostile files
and never applies the old file's WAL to the restored one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from workshop.db import backup as b
from workshop.db import backup_schedule as schedule
from workshop.db import server_dump
from workshop.db.engine import open_database, resolve_url
from workshop.domain import errors

UTC = dt.UTC


def _customers(path) -> list[str]:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM customers ORDER BY id")]
    finally:
        conn.close()


def _add_customer(conn, name: str) -> None:
    with conn:
        conn.execute("INSERT INTO customers (name, contact_person, email, phone, address, tax_number, notes,"
                     " archived, created_at, country) VALUES (?, '', '', '', '', '', '', 0, '2026-01-01', '')",
                     (name,))


@pytest.fixture
def shop_file(tmp_path, migrated_template):
    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    return path


def _local(y, mo, d, h=9, mi=30, s=0) -> dt.datetime:
    """A local wall-clock time as an aware UTC moment (backup names carry local time)."""
    return dt.datetime(y, mo, d, h, mi, s).astimezone(UTC)


def test_a_backup_holds_every_committed_row_even_those_still_in_the_wal(shop_file):
    writer = sqlite3.connect(shop_file)
    writer.execute("PRAGMA journal_mode=WAL")
    _add_customer(writer, "Ruth")
    _add_customer(writer, "Tom")
    try:
        assert shop_file.with_name("shop.db-wal").stat().st_size > 0  # the rows are in the WAL only
        info = b.make_backup(shop_file, now=_local(2026, 12, 1, 9, 30, 12))
    finally:
        writer.close()
    assert info.path == shop_file.parent / "backups" / "shop-2026-12-01-093012-manual.db"
    assert info.kind == "manual" and info.size == info.path.stat().st_size > 0
    assert info.taken_at == _local(2026, 12, 1, 9, 30, 12)
    assert _customers(info.path) == ["Ruth", "Tom"]
    # one self-contained file: no journal beside it, and nothing half-written left in the folder
    assert sorted(p.name for p in info.path.parent.iterdir()) == ["shop-2026-12-01-093012-manual.db"]
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backups_are_listed_newest_first_and_never_overwrite_each_other(shop_file):
    first = b.make_backup(shop_file, kind="daily", now=_local(2026, 11, 30, 8))
    second = b.make_backup(shop_file, now=_local(2026, 12, 1, 9, 30))
    again = b.make_backup(shop_file, now=_local(2026, 12, 1, 9, 30))  # the same second
    (b.backups_folder(shop_file) / "notes.txt").write_text("not a backup")
    (b.backups_folder(shop_file) / "other-2026-12-01-093000-manual.db").write_bytes(b"another shop's")
    assert again.path.name == "shop-2026-12-01-093000-manual-2.db"
    listed = b.list_backups(shop_file)
    assert [i.path.name for i in listed] == [again.path.name, second.path.name, first.path.name]
    assert [i.kind for i in listed] == ["manual", "manual", "daily"]
    assert listed[2].taken_at == _local(2026, 11, 30, 8)


def test_a_backup_to_a_chosen_file_refuses_to_overwrite(shop_file, tmp_path):
    target = tmp_path / "usb" / "copy.db"
    target.parent.mkdir()
    assert b.make_backup(shop_file, target).path == target
    with pytest.raises(errors.WorkshopError, match="never overwrites"):
        b.make_backup(shop_file, target)


def test_a_full_destination_leaves_no_partial_file(shop_file, monkeypatch):
    """SQLite's own size limit on the copy stands in for a full disk (the tmpfs test below is the real one)."""
    opened = b._open_destination

    def tiny(path):
        conn = opened(path)
        conn.execute("PRAGMA max_page_count=3")
        return conn

    monkeypatch.setattr(b, "_open_destination", tiny)
    with pytest.raises(errors.DiskFull) as caught:
        b.make_backup(shop_file)
    assert "not enough room" in caught.value.message and "nothing half-written" in caught.value.message
    assert "full" in caught.value.details
    assert list(b.backups_folder(shop_file).iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_gives_disk_full_and_no_partial_file(shop_file, small_disk):
    assert shop_file.stat().st_size > 64 * 1024  # the migrated shop does not fit in 64 KiB
    with pytest.raises(errors.DiskFull):
        b.make_backup(shop_file, small_disk / "copy.db")
    assert list(small_disk.iterdir()) == []


def test_before_a_migration_the_backup_goes_to_the_backups_folder_and_no_room_stops_the_upgrade(
        shop_file, monkeypatch, small_disk):
    path = b.backup_before_migration(resolve_url(shop_file), "0006")
    assert path.parent == shop_file.parent / "backups"
    assert path.name.startswith("shop-") and path.name.endswith("-before-upgrade-from-0006.db")
    assert b.list_backups(shop_file)[0].kind == "before-upgrade"
    monkeypatch.setattr(b, "backups_folder", lambda _db: small_disk)
    with pytest.raises(errors.DiskFull):
        b.backup_before_migration(resolve_url(shop_file), "0006")
    assert list(small_disk.iterdir()) == []  # no 0-byte "backup"


# --- the rotation, by hand -----------------------------------------------------------------------

def test_rotation_keeps_seven_days_four_weeks_and_twelve_months():
    # One backup a day at 09:00 from 1 Jan to 1 Dec 2026 (a Tuesday), and two on 30 Nov.
    days = [dt.datetime(2026, 1, 1, 9) + dt.timedelta(days=n) for n in range(335)]
    extra = dt.datetime(2026, 11, 30, 17)
    keep = b.rotation_keep(days + [extra])
    kept = sorted(keep)
    # Daily: 1 Dec, 30 Nov (its 17:00 one, the newest that day), 29, 28, 27, 26, 25 Nov.
    daily = {dt.datetime(2026, 12, 1, 9), extra} | {dt.datetime(2026, 11, d, 9) for d in (25, 26, 27, 28, 29)}
    # Weekly (ISO weeks, Monday first): week of 30 Nov → its newest is 1 Dec (kept already);
    # 23-29 Nov → Sun 29 Nov; 16-22 → Sun 22 Nov; 9-15 → Sun 15 Nov.
    weekly = {dt.datetime(2026, 11, 22, 9), dt.datetime(2026, 11, 15, 9)}
    # Monthly: Dec → 1 Dec, Nov → 30 Nov 17:00 (kept already), then the last day of Oct … Jan.
    monthly = {dt.datetime(2026, m, d, 9) for m, d in ((10, 31), (9, 30), (8, 31), (7, 31), (6, 30), (5, 31),
                                                         (4, 30), (3, 31), (2, 28), (1, 31))}
    assert kept == sorted(daily | weekly | monthly)
    assert len(kept) == 7 + 2 + 10


def test_rotation_with_gaps_counts_days_that_have_a_backup():
    taken = [dt.datetime(2026, 12, 1, 9), dt.datetime(2026, 11, 2, 9), dt.datetime(2025, 6, 1, 9)]
    assert b.rotation_keep(taken) == set(taken)
    assert b.rotation_keep(taken, daily=1, weekly=1, monthly=1) == {dt.datetime(2026, 12, 1, 9)}
    assert b.rotation_keep([]) == set()


def test_pruning_keeps_manual_ones_and_the_newest_five_before_upgrade(shop_file):
    folder = b.backups_folder(shop_file)
    folder.mkdir()

    def fake(when: dt.datetime, kind: str) -> Path:
        path = folder / f"shop-{when:%Y-%m-%d-%H%M%S}-{kind}.db"
        path.write_bytes(b"x")
        return path

    dailies = [fake(dt.datetime(2026, 11, 1, 9) + dt.timedelta(days=n), "daily") for n in range(30)]
    manual = fake(dt.datetime(2020, 1, 1, 9), "manual")
    upgrades = [fake(dt.datetime(2026, 1, n, 9), "before-upgrade") for n in range(1, 8)]
    removed = set(b.prune_backups(shop_file))
    left = {p for p in folder.iterdir()}
    assert manual in left
    assert set(upgrades[2:]) <= left and not set(upgrades[:2]) & left
    # Daily: 30 Nov (a Monday) … 24 Nov. Weekly: 30 Nov (its week has begun), Sun 29, Sun 22, Sun 15 Nov.
    # Monthly: November → 30 Nov. The 7 before-upgrade ones are from January: the newest 5 stay.
    kept_days = {30, 29, 28, 27, 26, 25, 24, 22, 15}
    assert {p for p in dailies if p in left} == {dailies[d - 1] for d in kept_days}
    assert removed == (set(dailies) - left) | set(upgrades[:2])


# --- the automatic backup ------------------------------------------------------------------------

def _touch(path: Path, when: dt.datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_the_daily_backup_is_made_once_a_day_and_only_after_a_change(shop_file):
    _touch(shop_file, _local(2026, 11, 30, 17))
    monday = schedule.daily_backup(shop_file, now=_local(2026, 12, 1, 8))
    assert monday is not None and monday.kind == "daily"
    assert schedule.daily_backup(shop_file, now=_local(2026, 12, 1, 14)) is None  # once a day
    assert schedule.daily_backup(shop_file, now=_local(2026, 12, 2, 8)) is None  # nothing changed since
    _touch(shop_file, _local(2026, 12, 2, 10))
    tuesday = schedule.daily_backup(shop_file, now=_local(2026, 12, 3, 8))
    assert tuesday is not None
    assert [i.taken_at for i in b.list_backups(shop_file)] == [_local(2026, 12, 3, 8), _local(2026, 12, 1, 8)]


def test_an_empty_wal_made_by_opening_is_not_a_change(shop_file):
    _touch(shop_file, _local(2026, 11, 30, 17))
    b.make_backup(shop_file, now=_local(2026, 12, 1, 8))
    wal = shop_file.with_name("shop.db-wal")
    wal.write_bytes(b"")
    assert not schedule.daily_backup_due(shop_file, now=_local(2026, 12, 2, 8))
    wal.write_bytes(b"frames")
    _touch(wal, _local(2026, 12, 1, 9))
    assert schedule.daily_backup_due(shop_file, now=_local(2026, 12, 2, 8))


# --- checking and restoring ----------------------------------------------------------------------

def _hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "text":
        path.write_text("shopping list: glue, screws\n" * 200)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.close()
    elif kind == "newer":
        open_database(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.close()
    elif kind == "damaged":
        open_database(path).close()
        _add_customers_raw(path, 300)
        data = bytearray(path.read_bytes())
        page = 4096
        pages = len(data) // page
        for n in range(pages // 2, pages):  # scribble over the second half, keep the header
            data[n * page + 8:n * page + 200] = b"\xff" * 192
        path.write_bytes(bytes(data))
    return path


def _add_customers_raw(path: Path, count: int) -> None:
    conn = sqlite3.connect(path)
    for n in range(count):
        _add_customer(conn, f"Customer {n} " + "x" * 200)
    conn.close()


@pytest.mark.parametrize("kind, error, words", [
    ("text", errors.DatabaseRefused, "not a Workshop database"),
    ("empty", errors.EmptyDatabaseFile, "empty (0 bytes)"),
    ("foreign", errors.DatabaseRefused, "not a Workshop database"),
    ("newer", errors.NewerSchema, "newer version of Workshop"),
    ("damaged", errors.DamagedDatabase, "damaged"),
])
def test_a_hostile_file_is_refused_and_the_shop_is_untouched(shop_file, tmp_path, kind, error, words):
    writer = sqlite3.connect(shop_file)
    _add_customer(writer, "Ruth")
    writer.close()
    before = shop_file.read_bytes()
    hostile = _hostile(tmp_path, kind)
    hostile_bytes = hostile.read_bytes()
    with pytest.raises(error) as caught:
        b.restore_backup(shop_file, hostile)
    assert words in caught.value.message
    assert shop_file.read_bytes() == before
    assert hostile.read_bytes() == hostile_bytes
    assert b.list_backups(shop_file) == []  # refused before anything was done


def test_restore_backs_up_the_current_file_first_and_ignores_its_wal(shop_file):
    writer = sqlite3.connect(shop_file)
    _add_customer(writer, "Ruth")
    writer.close()
    yesterday = b.make_backup(shop_file, now=_local(2026, 11, 30, 18))
    # Today's work, part of it still in the WAL of a program that has the file open.
    writer = sqlite3.connect(shop_file)
    writer.execute("PRAGMA journal_mode=WAL")
    _add_customer(writer, "Tom")
    before = b.restore_backup(shop_file, yesterday.path, now=_local(2026, 12, 1, 10))
    writer.close()  # (the window closes its connections before a restore; this one only held the WAL)
    assert before.kind == "before-restore" and _customers(before.path) == ["Ruth", "Tom"]
    assert _customers(shop_file) == ["Ruth"]
    db = open_database(shop_file)  # the restored shop opens, whole
    db.close()
    assert _customers(shop_file) == ["Ruth"]
    assert [i.kind for i in b.list_backups(shop_file)] == ["before-restore", "manual"]


def test_the_old_wal_is_never_applied_to_the_restored_file(shop_file):
    backup = b.make_backup(shop_file, now=_local(2026, 11, 30, 18))
    writer = sqlite3.connect(shop_file, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    _add_customer(writer, "Tom")
    # A copy of the old WAL, as a crash would leave it beside the file.
    wal = shop_file.with_name("shop.db-wal").read_bytes()
    assert wal
    writer.close()
    b.restore_backup(shop_file, backup.path, now=_local(2026, 12, 1, 10))
    assert not shop_file.with_name("shop.db-wal").exists()
    assert _customers(shop_file) == []
    with sqlite3.connect(shop_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_damaged_current_file_is_kept_byte_for_byte_before_a_restore(shop_file, tmp_path):
    good = b.make_backup(shop_file, now=_local(2026, 11, 30, 18))
    damaged = _hostile(tmp_path, "damaged")
    shutil.copyfile(damaged, shop_file)
    before = b.restore_backup(shop_file, good.path, now=_local(2026, 12, 1, 10))
    assert before.path.name == "shop-" + _local(2026, 12, 1, 10).astimezone().strftime("%Y-%m-%d-%H%M%S") \
        + "-before-restore-damaged.db"
    assert before.path.read_bytes() == damaged.read_bytes()
    assert b.check_backup_file(shop_file).size == shop_file.stat().st_size


def test_newest_good_backup_skips_a_damaged_one(shop_file, tmp_path):
    good = b.make_backup(shop_file, kind="daily", now=_local(2026, 11, 29, 8))
    bad = b.backups_folder(shop_file) / "shop-2026-11-30-080000-daily.db"
    shutil.copyfile(_hostile(tmp_path, "damaged"), bad)
    assert b.list_backups(shop_file)[0].path == bad
    assert b.newest_good_backup(shop_file) == good
    assert b.newest_good_backup(tmp_path / "nothing" / "shop.db") is None


def test_an_older_schema_is_a_good_backup(tmp_path):
    from workshop.db import migrate

    path = tmp_path / "old.db"
    migrate.upgrade(resolve_url(path), "0001")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id={0x574B5348}")
    conn.close()
    info = b.check_backup_file(path)
    assert info.kind == "file" and info.size == path.stat().st_size


def test_pg_dump_missing_is_said_plainly(monkeypatch, tmp_path):
    from sqlalchemy.engine import make_url

    monkeypatch.setattr(b.shutil, "which", lambda name: None)
    with pytest.raises(errors.WorkshopError) as caught:
        server_dump.dump_server(make_url("postgresql+psycopg://shop:secret@db.example/shop"), tmp_path / "x.dump")
    assert caught.value.message.startswith("pg_dump is not installed on this computer")
    assert "apt install postgresql-client" in caught.value.message
    assert not (tmp_path / "x.dump").exists()


def test_opening_an_older_shop_on_a_full_disk_stops_before_the_upgrade(tmp_path, small_disk, monkeypatch):
    """The backup before a migration cannot be made: the upgrade does not start, the file stays as it was,
    and no 0-byte or partial backup is left."""
    from workshop.db import migrate, revisions

    path = tmp_path / "old.db"
    migrate.upgrade(resolve_url(path), "0001")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id={0x574B5348}")
    conn.close()
    before = path.read_bytes()
    monkeypatch.setattr(b, "backups_folder", lambda _db: small_disk)
    with pytest.raises(errors.DiskFull) as caught:
        open_database(path)
    assert "not enough room on the disk for a backup" in caught.value.message
    assert path.read_bytes() == before
    assert list(small_disk.iterdir()) == []
    monkeypatch.undo()
    open_database(path).close()  # with room again, it is backed up and upgraded
    assert _revision(path) == revisions.head_revision()
    assert [i.kind for i in b.list_backups(path)] == ["before-upgrade"]


def _revision(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_a_server_database_is_backed_up_with_pg_dump(request, tmp_path, capsys):
    """``workshop backup`` on a server URL: a real pg_dump in its custom format (CI has a server and pg_dump)."""
    from conftest import SERVER_URL
    from workshop.cli import main

    if not SERVER_URL or shutil.which("pg_dump") is None:
        pytest.skip("needs a PostgreSQL server (WORKSHOP_TEST_DATABASE_URL) and pg_dump; CI has both")
    url = request.getfixturevalue("server_template").fresh_copy()
    target = tmp_path / "shop.dump"
    assert main(["backup", "--db", url.render_as_string(hide_password=False), "-o", str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"Backed up to {target} (")
    assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True)
    assert "TABLE public jobs" in listing.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["shop.dump"]  # no partial file left


def test_a_file_another_program_is_reading_is_backed_up_with_every_committed_row(tmp_path):
    path = tmp_path / "shop.db"
    open_database(path).close()
    writer, reader = sqlite3.connect(path), sqlite3.connect(path, isolation_level=None)
    try:
        _add_customer(writer, "Ruth")
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM customers").fetchone()  # holds its snapshot open
        _add_customer(writer, "Tom")  # in the WAL, past the reader's snapshot: cannot be folded in yet

        backup = b.backup_before_migration(resolve_url(path), "0006")
        assert backup.parent == tmp_path / "backups"
        assert backup.name.startswith("shop-") and backup.name.endswith("-before-upgrade-from-0006.db")
        assert _customers(backup) == ["Ruth", "Tom"]
        assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # no partial file left
    finally:
        reader.close()
        writer.close()
