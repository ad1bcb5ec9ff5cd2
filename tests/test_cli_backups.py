"""workshop backup / backups / restore, run as the owner would: what they print, what they ask, their
exit codes, and that a restore refuses while a window holds the shop."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.db import backup as b
from workshop.db.engine import open_database
from workshop.services import customers


@pytest.fixture
def shop_file(tmp_path, migrated_template) -> Path:
    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    return path


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM customers ORDER BY id")]
    finally:
        conn.close()


def _add_customer(path: Path, name: str) -> None:
    db = open_database(path)
    try:
        customers.create_customer(db, name=name)
    finally:
        db.close()


def test_backup_prints_where_how_big_and_when(shop_file, capsys):
    assert main(["backup", "--db", str(shop_file)]) == 0
    (made,) = b.list_backups(shop_file)
    out = capsys.readouterr().out
    size_kb = round(made.size / 1000)
    assert out == (f"Backed up to {made.path} ({size_kb} KB, "
                   f"{made.taken_at.astimezone():%Y-%m-%d %H:%M}).\n")


def test_backup_to_a_chosen_file_and_never_over_one(shop_file, tmp_path, capsys):
    target = tmp_path / "usb.db"
    assert main(["backup", "--db", str(shop_file), "-o", str(target)]) == 0
    assert target.exists() and capsys.readouterr().out.startswith(f"Backed up to {target} (")
    assert main(["backup", "--db", str(shop_file), "-o", str(target)]) == 1
    assert "already exists; a backup never overwrites a file" in capsys.readouterr().err


def test_backups_lists_date_kind_and_size_newest_first(shop_file, capsys):
    assert main(["backups", "--db", str(shop_file)]) == 0
    assert capsys.readouterr().out == (f"No backups yet in {shop_file.parent / 'backups'}. "
                                       "Make one with: workshop backup\n")
    older = b.make_backup(shop_file, kind="daily", now=dt.datetime(2026, 11, 30, 8, 0).astimezone(dt.UTC))
    newer = b.make_backup(shop_file, now=dt.datetime(2026, 12, 1, 9, 30).astimezone(dt.UTC))
    assert main(["backups", "--db", str(shop_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    kb = f"{round(newer.size / 1000)} KB"
    assert lines == [
        f"Backups of shop.db in {shop_file.parent / 'backups'}, newest first:",
        f"  2026-12-01 09:30  manual          {kb:>9}  {newer.path.name}",
        f"  2026-11-30 08:00  daily           {kb:>9}  {older.path.name}",
    ]


def test_restore_says_what_is_lost_asks_and_keeps_the_replaced_file(shop_file, capsys, monkeypatch):
    _add_customer(shop_file, "Ruth")
    main(["backup", "--db", str(shop_file)])
    (backup,) = b.list_backups(shop_file)
    _add_customer(shop_file, "Tom")  # saved after the backup; no jobs, invoices or bookings
    capsys.readouterr()

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["restore", "--db", str(shop_file), str(backup.path)]) == 1
    out = capsys.readouterr().out
    assert f"Backup taken {backup.taken_at.astimezone():%Y-%m-%d %H:%M} (manual, " in out
    assert "Restoring it loses what was saved after it: nothing: no jobs, invoices or bookings were saved after it." \
        in out
    assert out.endswith("Nothing was changed.\n")
    assert _names(shop_file) == ["Ruth", "Tom"]

    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "yes")
    assert main(["restore", "--db", str(shop_file), str(backup.path)]) == 0
    assert asked == ["Type yes to restore it: "]
    out = capsys.readouterr().out
    before = next(i for i in b.list_backups(shop_file) if i.kind == "before-restore")
    assert f"The file it replaced is kept as {before.path}." in out
    assert _names(shop_file) == ["Ruth"] and _names(before.path) == ["Ruth", "Tom"]


def test_restore_without_a_terminal_needs_yes(shop_file, capsys, monkeypatch):
    backup = b.make_backup(shop_file)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["restore", "--db", str(shop_file), str(backup.path)]) == 1
    assert "Nothing was changed: add --yes to restore without being asked." in capsys.readouterr().err
    assert main(["restore", "--db", str(shop_file), str(backup.path), "--yes"]) == 0


@pytest.mark.parametrize("content, code", [(b"", 11), (b"shopping list\n" * 300, 7)])
def test_restore_of_a_hostile_file_exits_with_its_code_and_changes_nothing(shop_file, tmp_path, capsys,
                                                                          content, code):
    hostile = tmp_path / "hostile.db"
    hostile.write_bytes(content)
    before = shop_file.read_bytes()
    assert main(["restore", "--db", str(shop_file), str(hostile), "--yes"]) == code
    assert capsys.readouterr().err.startswith("workshop: hostile.db ")
    assert shop_file.read_bytes() == before and b.list_backups(shop_file) == []


def test_restore_refuses_while_another_workshop_holds_the_shop(shop_file, capsys):
    backup = b.make_backup(shop_file)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from workshop.db.lock import acquire_writer_lock; "
         f"lock = acquire_writer_lock(Path({str(shop_file)!r})); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        before = shop_file.read_bytes()
        assert main(["restore", "--db", str(shop_file), str(backup.path), "--yes"]) == 3
        assert shop_file.read_bytes() == before
        assert [i.kind for i in b.list_backups(shop_file)] == ["manual"]
    finally:
        holder.communicate("")
    assert main(["restore", "--db", str(shop_file), str(backup.path), "--yes"]) == 0


def test_backup_of_a_server_database_says_when_pg_dump_is_missing(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(b.shutil, "which", lambda name: None)
    assert main(["backup", "--db", "postgresql+psycopg://shop@localhost/shop", "-o", str(tmp_path / "s.dump")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workshop: pg_dump is not installed on this computer, so the server database was not "
                          "backed up.")
    assert not (tmp_path / "s.dump").exists()

