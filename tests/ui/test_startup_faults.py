"""Start-up meets each storage fault with its own dialog offering what fits it (never "New database…"
over an existing file), and does what the owner chose: restore the newest backup (a damaged file
renamed aside first), start a new shop in an empty file only when asked, open read-only, try again
once space is freed, or quit leaving the file exactly as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from support.gui import when_dialog_opens
from support.mounts import fill, read_only_file, small_disk
from workshop.db import lock as lock_module
from workshop.db.engine import open_database
from workshop.ui.app import open_first_database


def _shop(path, customer: str = "Harrow & Finch"):
    open_database(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO customers (name, contact_person, email, phone, address, country, tax_number, "
                     "notes, archived, created_at) VALUES (?, '', '', '', '', 'GB', '', '', 0, '2026-12-01')",
                     (customer,))
    conn.close()
    return path


def _customers(db) -> list[str]:
    with db.reader() as s:
        return [row[0] for row in s.execute(text("SELECT name FROM customers ORDER BY id"))]


def _answer(name: str, choice: str, seen: list) -> list:
    """Answer the next dialog called ``name`` by clicking the button ``choice``; ``seen`` gets
    (its button names, its text, its informative text)."""
    def act(box):
        seen.append((sorted(b.objectName() for b in box.buttons() if b.objectName().startswith("choice_")), box.text(), box.informativeText()))
        box.findChild(type(box.buttons()[0]), choice).click()
    return when_dialog_opens(act, check=lambda d: isinstance(d, QMessageBox) and d.objectName() == name)


def _ok(name: str) -> list:
    return when_dialog_opens(lambda box: box.accept(),
                             check=lambda d: isinstance(d, QMessageBox) and d.objectName() == name)


def _state(path):
    return path.read_bytes(), path.stat().st_mtime_ns


def _close(opened):
    opened.db.close()
    if opened.lock is not None:
        opened.lock.release()


def test_an_empty_file_offers_the_newest_backup_and_restores_it(qtbot, tmp_path):
    from workshop.db.backup import make_backup

    path = _shop(tmp_path / "shop.db")
    backup = make_backup(path)
    path.write_bytes(b"")  # a copy that did not finish
    seen = []
    _answer("openFaultDialog", "choice_restore", seen)
    done = _ok("restoredDialog")
    opened = open_first_database(str(path))
    buttons, message, advice = seen[0]
    assert buttons == ["choice_open_other", "choice_quit", "choice_restore", "choice_start_new"]
    assert message.startswith("shop.db is empty (0 bytes)")
    taken = backup.taken_at.astimezone()
    when = f"{taken.day} {taken:%b %Y %H:%M}"  # the window's one form of a moment: "1 Dec 2026 03:14"
    assert f"The newest good backup is from {when}: changes made after {when} are not in it." in advice
    assert done and not opened.db.read_only
    assert _customers(opened.db) == ["Harrow & Finch"]
    assert opened.lock is not None and lock_module.lock_holder(path).pid == os.getpid()
    _close(opened)


def test_an_empty_file_becomes_a_new_shop_only_when_asked(qtbot, tmp_path):
    path = tmp_path / "shop.db"
    path.write_bytes(b"")
    seen = []
    _answer("openFaultDialog", "choice_start_new", seen)
    confirmed = _answer("startNewDialog", "confirmYes", [])
    opened = open_first_database(str(path))
    assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_start_new"]  # no backup to offer
    assert "There is no backup of this shop to restore" in seen[0][2]
    assert confirmed and _customers(opened.db) == []
    _close(opened)


def test_a_damaged_file_is_renamed_aside_and_the_backup_restored(qtbot, tmp_path):
    from workshop.db.backup import make_backup

    path = _shop(tmp_path / "shop.db")
    make_backup(path)
    data = bytearray(path.read_bytes())
    data[100:140] = b"\xee" * 40  # the first page's b-tree header scribbled over
    path.write_bytes(bytes(data))
    damaged = bytes(data)
    seen = []
    _answer("openFaultDialog", "choice_restore", seen)
    restored = []
    when_dialog_opens(lambda box: (restored.append(box.text()), box.accept()),
                      check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "restoredDialog")
    opened = open_first_database(str(path))
    assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_restore"]
    assert seen[0][1].startswith("shop.db is damaged")
    assert "renamed aside" in seen[0][2]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("shop.damaged-") and p.suffix == ".db"]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # nothing of it lost
    assert f"The damaged file was kept as {aside[0].name}." in restored[0]
    assert _customers(opened.db) == ["Harrow & Finch"]
    _close(opened)


def test_a_damaged_page_found_once_the_window_shows_offers_the_backup(qtbot, tmp_path):
    """Opening reads the file's header and schema, not every page (a second on ten years of a shop):
    the window reads them off the GUI thread once it has painted, and broken pages get the choices a
    damaged file gets at opening; restoring puts the backup in place and the window shows it."""
    from PySide6.QtCore import QSettings

    from workshop.db.backup import make_backup
    from workshop.ui.app import create_main_window
    from workshop.ui.startup import check_pages_once_painted

    path = _shop(tmp_path / "shop.db")
    conn = sqlite3.connect(path)
    with conn:  # enough customers for their table to span many pages
        conn.executemany("INSERT INTO customers (name, contact_person, email, phone, address, country, tax_number, "
                         "notes, archived, created_at) VALUES (?, '', '', '', '', 'GB', '', '', 0, '2026-12-01')",
                         [(f"Customer {n:03d}",) for n in range(200)])
    root, page_size = conn.execute("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
                                   "WHERE name = 'customers'").fetchone()
    conn.close()
    make_backup(path)
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size + 8  # the table's root page, after its 8-byte b-tree header
    data[start:start + 64] = b"\xff" * 64  # its cell pointers scribbled over
    path.write_bytes(bytes(data))
    damaged = bytes(data)
    opened = open_first_database(str(path))  # no dialog yet: no page of the table was read
    seen = []
    _answer("openFaultDialog", "choice_restore", seen)
    restored = _ok("restoredDialog")
    window = create_main_window(opened.db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window.writer_lock = opened.lock
    qtbot.addWidget(window)
    check_pages_once_painted(window, opened.db)  # as run_shop_window does
    window.show()
    qtbot.waitUntil(lambda: bool(restored) and window.ctx is not None and window.ctx.db is not opened.db,
                    timeout=10_000)
    assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_restore"]
    assert seen[0][1].startswith("shop.db is damaged")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("shop.damaged-") and p.suffix == ".db"]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # nothing of it lost
    assert len(_customers(window.ctx.db)) == 201 and window.current_tab().tab_id == "start"
    assert lock_module.lock_holder(path).pid == os.getpid()  # the window holds the restored shop's lock


def test_a_damaged_file_without_backup_is_left_as_it_was_on_quit(qtbot, tmp_path):
    path = _shop(tmp_path / "shop.db")
    data = bytearray(path.read_bytes())
    data[100:140] = b"\xee" * 40
    path.write_bytes(bytes(data))
    before = _state(path)
    seen = []
    _answer("openFaultDialog", "choice_quit", seen)
    assert open_first_database(str(path)) is None
    assert seen[0][0] == ["choice_open_other", "choice_quit"]
    assert "workshop check --salvage" in seen[0][2]
    assert _state(path) == before
    assert not lock_module.lock_path(path).exists()  # the lock taken for it was let go


def test_a_text_file_offers_another_file_never_a_new_database(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 50)
    other = _shop(tmp_path / "other.db", customer="Oak & Iron")
    before = _state(path)
    monkeypatch.setattr("workshop.ui.startup.QFileDialog.getOpenFileName", lambda *a, **k: (str(other), ""))
    seen = []
    _answer("openFaultDialog", "choice_open_other", seen)
    opened = open_first_database(str(path))
    assert seen[0][0] == ["choice_open_other", "choice_quit"]
    assert "not a database file at all" in seen[0][1]
    assert _customers(opened.db) == ["Oak & Iron"]
    assert _state(path) == before
    _close(opened)


def test_a_newer_schema_offers_another_file_or_quit(qtbot, tmp_path):
    path = _shop(tmp_path / "shop.db")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.close()
    before = _state(path)
    seen = []
    _answer("openFaultDialog", "choice_quit", seen)
    assert open_first_database(str(path)) is None
    assert seen[0][0] == ["choice_open_other", "choice_quit"]
    assert "newer version of Workshop" in seen[0][1]
    assert _state(path) == before


def test_a_shop_open_on_another_pc_opens_read_only(qtbot, tmp_path):
    path = _shop(tmp_path / "shop.db")
    lock_module.lock_path(path).write_text(json.dumps(
        {"host": "BENCH-PC", "pid": 4242, "user": "tom", "started_at": "2026-12-01T08:15:00+00:00", "token": "x"}))
    seen = []
    _answer("openFaultDialog", "choice_read_only", seen)
    opened = open_first_database(str(path))
    assert seen[0][0] == ["choice_open_anyway", "choice_quit", "choice_read_only"]
    assert "This shop is open in Workshop on BENCH-PC (tom, since " in seen[0][1]
    assert opened.db.read_only and opened.lock is None
    assert opened.db.read_only_reason.startswith("Workshop is open for changes by tom on BENCH-PC since")
    assert _customers(opened.db) == ["Harrow & Finch"]
    assert json.loads(lock_module.lock_path(path).read_text())["host"] == "BENCH-PC"  # their lock untouched
    _close(opened)


def test_open_anyway_takes_the_shop_over_only_after_the_warning(qtbot, tmp_path):
    path = _shop(tmp_path / "shop.db")
    lock_module.lock_path(path).write_text(json.dumps(
        {"host": "BENCH-PC", "pid": 4242, "user": "tom", "started_at": "2026-12-01T08:15:00+00:00", "token": "x"}))
    _answer("openFaultDialog", "choice_open_anyway", [])
    warned = []
    when_dialog_opens(lambda box: (warned.append(box.informativeText()),
                                   box.findChild(type(box.buttons()[0]), "confirmYes").click()),
                      check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "openAnywayDialog")
    opened = open_first_database(str(path))
    assert "Only do this if Workshop is surely not running there any more" in warned[0]
    assert not opened.db.read_only
    assert lock_module.lock_holder(path).host == lock_module.this_host()
    _close(opened)


def test_a_read_only_file_offers_read_only_mode(qtbot, tmp_path):
    path = _shop(tmp_path / "shop.db")
    with read_only_file(path):
        seen = []
        _answer("openFaultDialog", "choice_read_only", seen)
        opened = open_first_database(str(path))
        assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_read_only"]
        assert seen[0][1].startswith("shop.db can only be read here: the file shop.db is read-only.")
        assert opened.db.read_only and opened.db.read_only_reason == "the file shop.db is read-only"
        assert opened.lock is None and not lock_module.lock_path(path).exists()
        assert _customers(opened.db) == ["Harrow & Finch"]
        _close(opened)


def test_a_read_only_folder_offers_read_only_mode(qtbot, tmp_path):
    from support.mounts import remount_read_only

    folder = tmp_path / "share"
    with small_disk(folder, "8m"):
        path = _shop(folder / "shop.db")
        remount_read_only(folder)
        seen = []
        _answer("openFaultDialog", "choice_read_only", seen)
        opened = open_first_database(str(path))
        assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_read_only"]
        assert seen[0][1] == "shop.db is on a disk that can only be read, so it cannot be changed here."
        assert opened.db.read_only and opened.db.read_only_reason == f"its folder {folder} is read-only"
        assert _customers(opened.db) == ["Harrow & Finch"]
        _close(opened)


def test_a_full_disk_offers_try_again_and_opens_once_space_is_freed(qtbot, tmp_path):
    folder = tmp_path / "disk"
    with small_disk(folder, "4m"):
        path = _shop(folder / "shop.db")
        filler = fill(folder)
        seen = []

        def free_space_then_try_again(box):
            seen.append((sorted(b.objectName() for b in box.buttons() if b.objectName().startswith("choice_")),
                         box.text(), box.informativeText()))
            filler.unlink()  # the owner frees some space, then clicks "Try again"
            box.findChild(type(box.buttons()[0]), "choice_retry").click()
        when_dialog_opens(free_space_then_try_again,
                          check=lambda d: isinstance(d, QMessageBox) and d.objectName() == "openFaultDialog")
        opened = open_first_database(str(path))
        assert seen[0][0] == ["choice_quit", "choice_retry"]
        assert seen[0][1].startswith("The disk that holds shop.db is full")
        assert "Free some space" in seen[0][2]
        assert _customers(opened.db) == ["Harrow & Finch"]
        _close(opened)


HOLD_EXCLUSIVE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE shop_settings SET company_name = 'held'")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_a_file_busy_in_another_program_offers_try_again(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("workshop.db.probing.PROBE_TIMEOUT_S", 0.2)
    path = _shop(tmp_path / "shop.db")
    other = subprocess.Popen([sys.executable, "-c", HOLD_EXCLUSIVE, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline() == "holding\n"
        seen = []
        _answer("openFaultDialog", "choice_quit", seen)
        assert open_first_database(str(path)) is None
        assert seen[0][0] == ["choice_quit", "choice_retry"]
        assert "being changed by another program right now" in seen[0][1]
    finally:
        other.communicate("\n", timeout=30)


def test_a_missing_folder_offers_try_again_or_another_file(qtbot, tmp_path):
    seen = []
    _answer("openFaultDialog", "choice_quit", seen)
    assert open_first_database(str(tmp_path / "usb" / "shop.db")) is None
    assert seen[0][0] == ["choice_open_other", "choice_quit", "choice_retry"]
    assert seen[0][1].startswith(f"The folder {tmp_path / 'usb'} does not exist")


def test_a_bug_while_starting_gets_the_crash_dialog_not_a_traceback(qtbot, tmp_path, monkeypatch):
    import workshop.ui.app as app

    def broken(_target):
        raise RuntimeError("something unexpected")

    crashes = []
    monkeypatch.setattr(app, "open_first_database", broken)
    monkeypatch.setattr("workshop.ui.errors.show_crash", lambda parent, exc: crashes.append(exc))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; put it back after
    assert app.run_gui(str(tmp_path / "shop.db")) == 1
    assert [str(exc) for exc in crashes] == ["something unexpected"]
    assert sys.excepthook is not sys.__excepthook__  # the hook was in place before anything opened


SECOND_START = """
import sys
from workshop.ui import app
sys.exit(app.run_gui(sys.argv[1]))
"""


def test_a_second_start_for_the_same_shop_brings_the_window_forward(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from workshop.ui.app import _instance_name, create_main_window
    from workshop.ui.single_instance import InstanceServer

    path = _shop(tmp_path / "shop.db")
    db = open_database(path)
    window = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    server = InstanceServer(window)
    raised = []
    server.raise_requested.connect(lambda: raised.append(True))
    window.instance_server = server
    assert server.listen(_instance_name(db))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    second = subprocess.Popen([sys.executable, "-c", SECOND_START, str(path)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    finally:
        if second.poll() is None:
            second.kill()  # it opened a window of its own instead: fail, but leave nothing running
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert raised == [True]
    assert not lock_module.lock_path(path).exists()  # the second start took no lock
    server.close()
    db.close()


@pytest.mark.parametrize("name", ["openFaultDialog"])
def test_the_fault_dialog_fits_1280x720(qtbot, tmp_path, name):
    from workshop.db.backup import make_backup

    path = _shop(tmp_path / "shop.db")
    make_backup(path)
    path.write_bytes(b"")
    sizes = []

    def act(box):
        box.grab().save(str(tmp_path / "fault.png"))
        sizes.append((box.width(), box.height()))
        box.findChild(type(box.buttons()[0]), "choice_quit").click()
    when_dialog_opens(act, check=lambda d: isinstance(d, QMessageBox) and d.objectName() == name)
    assert open_first_database(str(path)) is None
    width, height = sizes[0]
    assert width <= 1280 and height <= 720
    if os.environ.get("WORKSHOP_KEEP_SCREENSHOTS"):
        import shutil
        shutil.copy(tmp_path / "fault.png", os.environ["WORKSHOP_KEEP_SCREENSHOTS"])
