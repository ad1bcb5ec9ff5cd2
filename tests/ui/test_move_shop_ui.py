"""File ▸ Move this shop to a server… and File ▸ Copy this shop to a file… (ui/dialogs/move_shop.py):
``workshop migrate-to`` from the window, driven as a person does: the menu, the dialog's fields, the
progress dialog's Cancel, the summary and its offer to open the copy.

Without a server: the menu, a file copied to a new file (the flow Copy this shop to a file… runs for a
server, here from a shop file), an existing file refused, Cancel mid-copy (nothing left) and too late
(the copy kept and said), the server dialog's field checks, a server that cannot be reached and a
password refused. With WORKSHOP_TEST_DATABASE_URL (skipped without): the demo shop moved to the server
and opened there, a second move into it refused, copied back to a file row for row, and a cancelled
move leaving the server's database empty."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QPushButton
from sqlalchemy import create_engine
from sqlalchemy.engine import URL
from support.keyrings import memory_keyring
from support.gui import click, gone, open_window, when_dialog_opens
from support.model_rows import model_rows
from support.server_database import empty_databases
from support.server_form import type_in

from workshop.db import credentials, transfer
from workshop.db.engine import open_database
from workshop.ui.dialogs import move_shop
from workshop.ui.dialogs.move_shop import MoveToServerDialog

TODAY = "2026-11-21"
SERVER_URL = os.environ.get("WORKSHOP_TEST_DATABASE_URL")
needs_server = pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server: set WORKSHOP_TEST_DATABASE_URL")


@pytest.fixture(autouse=True)
def ring(tmp_path, monkeypatch):
    """An in-memory keyring and a HOME of the test's own: no password of the user's is read or kept."""
    with memory_keyring(tmp_path / "home", monkeypatch) as memory:
        yield memory


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    """``workshop demo --today TODAY``, never written: each test opens a copy."""
    return demo_copy(tmp_path_factory.mktemp("move-ui") / "demo.db", TODAY)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop(demo, tmp_path):
    path = tmp_path / "shop.db"
    shutil.copyfile(demo, path)
    return path


@pytest.fixture
def window(qtbot, shop, tmp_path):
    w = open_window(qtbot, open_database(shop), tmp_path)
    yield w
    if w.ctx is not None:
        w.ctx.db.close()


def file_menu_shows(window) -> list[str]:
    menu = window.menuBar().findChild(QMenu, "menu_file")
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions() if a.text() and a.isVisible()]


def answer(object_name: str, button: str | None = None, texts: list | None = None) -> list:
    """Answer the next message box called ``object_name``: note its text (and the informative text
    under it), then click the button called ``button`` (else its only one)."""
    def act(box: QMessageBox) -> None:
        if texts is not None:
            texts.append((box.text(), box.informativeText(), box.detailedText()))
        if button is None:
            box.buttons()[0].click()
        else:
            box.findChild(QPushButton, button).click()

    return when_dialog_opens(act, check=lambda d: d.objectName() == object_name)


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(move_shop.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def held(monkeypatch, where: str):
    """Hold the copy's worker at its first call of ``transfer.<where>`` until the test lets it go."""
    real, reached, go = getattr(transfer, where), threading.Event(), threading.Event()

    def hold(*args, **kwargs):
        reached.set()
        assert go.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(transfer, where, hold)
    return reached, go


def press_cancel(qtbot, task) -> None:
    """Cancel on the progress dialog, once it shows (after 400 ms)."""
    qtbot.waitUntil(task.dialog.isVisible, timeout=5_000)
    button = task.dialog.findChild(QPushButton)
    assert button.text() == "Cancel"
    click(qtbot, button)


# --- without a server ----------------------------------------------------------------------------

def test_a_shop_file_is_offered_the_move_to_a_server_after_open_recent(window):
    shown = file_menu_shows(window)
    assert shown[shown.index("Open &Recent") + 1] == "&Move this shop to a server…"
    assert "Cop&y this shop to a file…" not in shown  # that is for a shop on a server


def test_a_shop_copied_to_a_new_file_is_checked_said_and_opened(qtbot, window, shop, tmp_path, monkeypatch):
    before, rows = digest(shop), model_rows(shop)
    target = tmp_path / "copies" / "copy.db"
    target.parent.mkdir()
    choose_file(monkeypatch, target)
    texts: list = []
    answered = answer("moveDoneDialog", "openCopyButton", texts)
    window.actions.copy_to_file.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)

    copied = sum(len(r) for name, r in rows.items() if name != "alembic_version")
    tables = len(transfer.model_tables())
    totals = sum(len(transfer.summed_columns(t)) for t in transfer.model_tables())
    (text, more, _details), = texts
    assert text.startswith(f"The shop is copied to {target}. Copied {copied:,} rows in {tables} tables in ")
    assert text.endswith(f" s. Before it was saved, every table's row count and {totals} money and quantity totals "
                         "were checked: they are the same as in the shop.")
    assert more == f"The shop you have open ({shop}) was not changed. Open the copy here now?"
    qtbot.waitUntil(lambda: window.ctx.db.file_path == target)  # opened through open_database_target
    assert window.windowTitle() == "copy.db" and window.db_label.text() == str(target)
    window.ctx.db.close()  # the copy's WAL written into the file before it is read here
    assert model_rows(target) == rows
    assert digest(shop) == before


def test_not_now_keeps_the_shop_open_and_the_copy_made(qtbot, window, shop, tmp_path, monkeypatch):
    target = tmp_path / "copy.db"
    choose_file(monkeypatch, target)
    answered = answer("moveDoneDialog", "notNowButton")
    window.actions.copy_to_file.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)
    assert window.ctx.db.file_path == shop
    assert model_rows(target) == model_rows(shop)


def test_an_existing_file_is_refused_untouched(qtbot, window, tmp_path, monkeypatch, migrated_template):
    target = shutil.copyfile(migrated_template, tmp_path / "there.db")  # even an empty shop
    before = digest(target)
    choose_file(monkeypatch, target)
    texts: list = []
    answered = answer("errorDialog", texts=texts)
    assert window.actions.copy_to_file.trigger() is None
    qtbot.waitUntil(lambda: bool(answered))
    assert texts[0][0] == ("there.db already exists, and the shop is only ever copied into a new file: nothing was "
                           "changed. Choose a new name.")
    assert digest(target) == before


def test_cancel_mid_copy_leaves_no_file(qtbot, window, shop, tmp_path, monkeypatch):
    target = tmp_path / "stopped.db"
    choose_file(monkeypatch, target)
    reached, go = held(monkeypatch, "_insert_rows")  # the first batch of the first table with rows
    texts: list = []
    answered = answer("moveStoppedDialog", texts=texts)
    task = move_shop.copy_to_file(window)
    assert reached.wait(30) and target.exists()  # the copy has begun: the file is made, a batch is going in
    press_cancel(qtbot, task)
    assert task.dialog.labelText() == "Stopping…"
    go.set()
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)
    assert texts[0][0] == "Stopped: nothing was copied. No file stopped.db was made."
    assert not task.running and task.result is None
    assert not any(tmp_path.glob("stopped.db*"))  # nor its -wal and -shm
    assert window.ctx.db.file_path == shop


def test_cancel_pressed_once_every_row_is_across_still_ends_in_the_copy(qtbot, window, shop, tmp_path, monkeypatch):
    target = tmp_path / "late.db"
    choose_file(monkeypatch, target)
    reached, go = held(monkeypatch, "_verify")  # after the last batch: nothing left to stop
    texts: list = []
    answered = answer("moveDoneDialog", "notNowButton", texts)
    task = move_shop.copy_to_file(window)
    assert reached.wait(30)
    press_cancel(qtbot, task)
    go.set()
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)
    assert texts[0][0].startswith(f"The shop is copied to {target}.")
    assert model_rows(target) == model_rows(shop)


def move_dialog(qtbot, window) -> MoveToServerDialog:
    window.actions.move_to_server.trigger()
    dialog = window.findChild(MoveToServerDialog, "moveToServerDialog")
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_server_is_named_in_the_open_server_fields_checked_alike(qtbot, window, monkeypatch):
    window.settings.setValue("open_server/host", "db.example")  # the server last opened
    window.settings.setValue("open_server/database", "shop")
    window.settings.setValue("open_server/user", "ann")
    started = []
    monkeypatch.setattr(move_shop, "_start", lambda *a, **k: started.append(a))
    dialog = move_dialog(qtbot, window)
    assert dialog.windowTitle() == "Move this shop to a server" and dialog.ok_button.text() == "Move"
    assert [dialog.fields[f].text() for f in ("host", "port", "database", "user")] == [
        "db.example", "5432", "", "ann"]  # not the database already holding a shop
    assert QApplication.focusWidget() is dialog.fields["database"]
    qtbot.keyClick(dialog.fields["database"], Qt.Key.Key_Return)
    assert dialog.errors.message("database") == "Type the name of the shop's database on the server."
    type_in(qtbot, dialog, database="shop2", port="70000")
    qtbot.keyClick(dialog.fields["port"], Qt.Key.Key_Return)
    assert dialog.errors.message("port") == "The port is a whole number from 1 to 65535 (PostgreSQL's own is 5432)."
    assert started == [] and dialog.isVisible()
    qtbot.keyClick(dialog.fields["port"], Qt.Key.Key_Escape)
    gone(qtbot, dialog)
    assert started == []


def test_a_server_that_cannot_be_reached_is_said_and_what_was_typed_stays(qtbot, window, shop):
    dialog = move_dialog(qtbot, window)
    type_in(qtbot, dialog, host="127.0.0.1", port="1", database="shop", user="ann", password="pw")
    texts: list = []
    answered = answer("errorDialog", texts=texts)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)
    text, _more, details = texts[0]
    assert text == "The database server cannot be reached. Check the network and the server, then try again."
    assert "postgresql+psycopg://ann:***@127.0.0.1:1/shop" in details and "pw@" not in details
    assert dialog.isVisible() and dialog.password.text() == "pw" and dialog.fields["port"].text() == "1"
    assert window.ctx.db.file_path == shop
    dialog.reject()


@pytest.mark.parametrize("check, words", [
    (credentials.LoginCheck.REFUSED,
     "The server refused this password for ann. Type it again (capital letters count)."),
    (credentials.LoginCheck.NO_PASSWORD, "The server asks for ann's password: type it here.")])
def test_a_password_refused_or_missing_is_told_under_the_password(qtbot, window, monkeypatch, ring, check, words):
    asked = []
    monkeypatch.setattr(credentials, "check_login", lambda url: (asked.append(url.password), check)[1])
    dialog = move_dialog(qtbot, window)
    type_in(qtbot, dialog, host="db.example", database="shop", user="ann", password="typo")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors.message("password") == words, timeout=10_000)
    assert asked == ["typo"] and ring.kept == {}
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.password
    dialog.reject()


# --- with a server -------------------------------------------------------------------------------

@pytest.fixture
def server_database():
    """``make()``: a new, empty database on the test server (dropped after the test)."""
    with empty_databases(SERVER_URL, "uimove") as make:
        yield make


def type_server(qtbot, dialog, server: URL, password: str) -> None:
    type_in(qtbot, dialog, host=server.host, port=str(server.port or 5432), database=server.database,
            user=server.username, password=password)  # a trust server lets any password in


@needs_server
def test_a_shop_moved_to_the_server_opened_there_refused_twice_and_copied_back(qtbot, window, shop, tmp_path,
                                                                                monkeypatch, ring, server_database):
    server = server_database()
    rows = model_rows(shop)
    dialog = move_dialog(qtbot, window)
    type_server(qtbot, dialog, server, "kept-in-the-keyring")
    texts: list = []
    answered = answer("moveDoneDialog", "openCopyButton", texts)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(answered), timeout=60_000)

    (text, more, _details), = texts
    assert text.startswith(f"The shop is now on the server: the database {server.database} on {server.host}. "
                           f"Copied {sum(len(r) for n, r in rows.items() if n != 'alembic_version'):,} rows in ")
    assert more.startswith(f"This file ({shop}) was not changed, and nothing saved in it from now on reaches the "
                           "server")
    qtbot.waitUntil(lambda: window.ctx.db.url.database == server.database)
    assert window.ctx.db.file_path is None and window.ctx.db.url.password == "kept-in-the-keyring"
    assert ring.kept == {(credentials.KEYRING_SERVICE, credentials.login_of(server).key): "kept-in-the-keyring"}
    assert window.settings.value("open_server/database") == server.database
    shown = file_menu_shows(window)
    assert "Cop&y this shop to a file…" in shown and "&Move this shop to a server…" not in shown

    # the server's database holds the shop now: a second move into it is refused, nothing changed
    (tmp_path / "other").mkdir()
    other = open_window(qtbot, open_database(shop), tmp_path / "other")
    again = move_dialog(qtbot, other)
    type_server(qtbot, again, server, "")
    texts.clear()
    refused = answer("errorDialog", texts=texts)
    qtbot.keyClick(again.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(refused), timeout=30_000)
    assert "already holds a shop" in texts[0][0] and "nothing was changed" in texts[0][0]
    assert again.isVisible()
    again.reject()
    other.ctx.db.close()

    # and back to a file, from the window on the server
    target = tmp_path / "back.db"
    choose_file(monkeypatch, target)
    texts.clear()
    answered = answer("moveDoneDialog", "openCopyButton", texts)
    window.actions.copy_to_file.trigger()
    qtbot.waitUntil(lambda: bool(answered), timeout=60_000)
    shown_server = server.set(password="kept-in-the-keyring").render_as_string(hide_password=True)
    assert "***@" in shown_server and texts[0][1].startswith(f"The shop you have open ({shown_server}) was not "
                                                              "changed.")
    qtbot.waitUntil(lambda: window.ctx.db.file_path == target)
    window.ctx.db.close()
    assert model_rows(target) == rows


@needs_server
def test_a_cancelled_move_leaves_the_server_database_empty(qtbot, window, shop, monkeypatch, server_database):
    server = server_database()
    dialog = move_dialog(qtbot, window)
    type_server(qtbot, dialog, server, "")
    reached, go = held(monkeypatch, "_insert_rows")
    texts: list = []
    answered = answer("moveStoppedDialog", texts=texts)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert reached.wait(30)
    press_cancel(qtbot, dialog.task)
    go.set()
    qtbot.waitUntil(lambda: bool(answered), timeout=30_000)
    assert texts[0][0] == (f"Stopped: nothing was copied. The database {server.database} on the server is as empty "
                           "as before.")
    gone(qtbot, dialog)
    engine = create_engine(server)
    with engine.connect() as conn:
        held_rows = transfer._rows_in(conn)
    engine.dispose()
    assert {name: n for name, n in held_rows.items() if n} == transfer.MIGRATION_ROWS
    assert transfer.migrate_to(server, shop).rows > 0  # still empty: it takes the shop now
