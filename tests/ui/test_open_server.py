"""File ▸ Open server…, and Open Recent reopening a server: the password is kept on this PC by
db/credentials.py (here a small in-memory keyring), never in the settings or in Open Recent.

Without a server the window's opening is stood in for: ``open_shop`` hands back a SQLite shop under the
server's URL, so everything the window does with the URL is real. The last test opens a real server
(skipped without WORKSHOP_TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import shutil

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy.engine import make_url

from support.gui import gone
from support.keyrings import memory_keyring
from support.server_form import type_in as _type
from workshop.db import credentials
from workshop.db.engine import Database, open_database, resolve_url
from workshop.ui.app import create_main_window
from workshop.ui.dialogs.open_server import OpenServerDialog
from workshop.ui.startup import OpenedShop

SERVICE = "Workshop PostgreSQL server"
KEY = "ann@db.example:5433/shop"


@pytest.fixture
def ring(tmp_path, monkeypatch):
    """The in-memory keyring, and a HOME of the test's own (no password file of the user's is touched)."""
    with memory_keyring(tmp_path / "home", monkeypatch) as memory:
        yield memory


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, db, settings_path, ring):
    w = create_main_window(db, QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.ctx.db.close()


@pytest.fixture
def opened(monkeypatch, tmp_path, migrated_template):
    """``open_shop`` stood in for: each target it is asked to open is noted (with its password) and a
    SQLite shop is handed back under the server's URL."""
    targets: list[str] = []

    def open_shop(target, **_kwargs):
        targets.append(target)
        path = tmp_path / f"stand-in-{len(targets)}.db"
        shutil.copyfile(migrated_template, path)
        sqlite = open_database(path)
        return OpenedShop(Database(engine=sqlite.engine, url=resolve_url(target)), None)

    monkeypatch.setattr("workshop.ui.startup.open_shop", open_shop)
    return targets


def _dialog(qtbot, window) -> OpenServerDialog:
    window.actions.open_server.trigger()
    return _shown_dialog(qtbot, window)


def _shown_dialog(qtbot, window) -> OpenServerDialog:
    dialog = next(d for d in window.findChildren(OpenServerDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _settings_text(window, settings_path) -> str:
    window.settings.sync()
    return settings_path.read_text(encoding="utf-8")


def _recent_actions(window) -> list:
    menu: QMenu = window.actions.recent_menu
    menu.aboutToShow.emit()
    return [a for a in menu.actions() if a.isEnabled()]


def test_open_server_sits_next_to_open(window):
    file_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.objectName() == "menu_file")
    texts = [a.text() for a in file_menu.actions()]
    assert texts[texts.index("&Open…") + 1] == "Open &server…"


def test_empty_fields_and_a_wrong_port_are_told_by_the_field_and_nothing_opens(qtbot, window, opened):
    dialog = _dialog(qtbot, window)
    assert [dialog.fields[f].text() for f in ("host", "port", "database", "user")] == ["localhost", "5432", "", ""]
    assert dialog.remember.isChecked()
    assert QApplication.focusWidget() is dialog.fields["database"]  # the first field to fill in
    qtbot.keyClick(dialog.fields["database"], Qt.Key.Key_Return)
    assert dialog.errors.message("database") == "Type the name of the shop's database on the server."
    _type(qtbot, dialog, host="", database="shop", user="ann")
    qtbot.keyClick(dialog.fields["user"], Qt.Key.Key_Return)
    assert dialog.errors.message("host") == ("Type the server's name or address (localhost when it runs on "
                                             "this PC).")
    assert dialog.errors.message("database") == ""
    _type(qtbot, dialog, host="db.example", user="  ")
    qtbot.keyClick(dialog.fields["user"], Qt.Key.Key_Return)
    assert dialog.errors.message("user") == "Type the user name Workshop logs in with."
    _type(qtbot, dialog, user="ann")
    for port in ("0", "65536", "54x3", ""):
        _type(qtbot, dialog, port=port)
        qtbot.keyClick(dialog.fields["port"], Qt.Key.Key_Return)
        assert dialog.errors.message("port") == "The port is a whole number from 1 to 65535 (PostgreSQL's own is 5432)."
        assert QApplication.focusWidget() is dialog.fields["port"]
    assert dialog.isVisible() and opened == []
    qtbot.keyClick(dialog.fields["port"], Qt.Key.Key_Escape)  # Esc cancels, with nothing to ask
    gone(qtbot, dialog)
    assert opened == []
    assert "shop" not in window.settings.value("open_server/database", "")


def test_opened_through_the_dialog_the_password_goes_to_the_keyring_only(qtbot, window, opened, ring,
                                                                         settings_path):
    dialog = _dialog(qtbot, window)
    assert "in this PC's keyring (keyrings MemoryKeyring)" in dialog.remember.toolTip()
    _type(qtbot, dialog, host="db.example", port="5433", database="shop", user="ann", password="s3cret:pw")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter opens
    gone(qtbot, dialog)
    assert [make_url(t).password for t in opened] == ["s3cret:pw"]
    assert window.ctx.db.url.host == "db.example" and window.ctx.db.url.password == "s3cret:pw"
    assert ring.kept == {(SERVICE, KEY): "s3cret:pw"}
    assert window.statusBar().currentMessage() == (f"The password for {KEY} is kept in this PC's keyring "
                                                   "(keyrings MemoryKeyring).")
    assert window.recent_databases()[0] == "postgresql+psycopg://ann@db.example:5433/shop"
    assert [a.text() for a in _recent_actions(window)][0] == "postgresql+psycopg://ann@db.example:5433/shop"
    text = _settings_text(window, settings_path)
    assert "s3cret" not in text and "***" not in text
    assert "host=db.example" in text and "port=5433" in text and "user=ann" in text  # offered next time
    again = _dialog(qtbot, window)
    assert [again.fields[f].text() for f in ("host", "port", "database", "user")] == [
        "db.example", "5433", "shop", "ann"]
    assert again.password.text() == ""
    again.reject()


def test_open_recent_reopens_a_server_with_the_password_from_the_keyring(qtbot, window, opened, ring, monkeypatch,
                                                                          tmp_path):
    ring.kept[(SERVICE, KEY)] = "from-the-keyring"
    window.settings.setValue("recent_databases", ["postgresql+psycopg://ann@db.example:5433/shop"])
    checked = []
    monkeypatch.setattr(credentials, "check_login",
                        lambda url: (checked.append(url.password), credentials.LoginCheck.OK)[1])
    _recent_actions(window)[0].trigger()
    assert checked == ["from-the-keyring"]
    assert [make_url(t).password for t in opened] == ["from-the-keyring"]
    assert window.ctx.db.url.database == "shop"
    assert window.recent_databases()[0] == "postgresql+psycopg://ann@db.example:5433/shop"


@pytest.mark.parametrize("check, kept, words", [
    (credentials.LoginCheck.NO_PASSWORD, None, "The server asks for ann's password to open shop on db.example."),
    (credentials.LoginCheck.REFUSED, "old", "The server refused the password kept on this PC for ann on db.example")])
def test_open_recent_asks_for_the_password_when_none_is_kept_or_it_is_refused(qtbot, window, opened, ring,
                                                                             monkeypatch, check, kept, words):
    if kept:
        ring.kept[(SERVICE, KEY)] = kept
    window.settings.setValue("recent_databases", ["postgresql+psycopg://ann@db.example:5433/shop"])
    monkeypatch.setattr(credentials, "check_login", lambda url: check)
    before = window.ctx.db
    _recent_actions(window)[0].trigger()
    dialog = _shown_dialog(qtbot, window)
    assert opened == [] and window.ctx.db is before
    assert dialog.intro.text().startswith(words)
    assert [dialog.fields[f].text() for f in ("host", "port", "database", "user")] == [
        "db.example", "5433", "shop", "ann"]
    assert QApplication.focusWidget() is dialog.password and dialog.password.text() == ""
    _type(qtbot, dialog, password="new-one")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert [make_url(t).password for t in opened] == ["new-one"] and ring.kept == {(SERVICE, KEY): "new-one"}


def test_not_remembered_the_password_is_kept_nowhere_and_an_old_one_is_forgotten(qtbot, window, opened, ring,
                                                                                  settings_path, tmp_path):
    ring.kept[(SERVICE, KEY)] = "old"
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, host="db.example", port="5433", database="shop", user="ann", password="only-now")
    dialog.remember.click()
    assert not dialog.remember.isChecked()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert [make_url(t).password for t in opened] == ["only-now"]
    assert ring.kept == {}
    assert not (tmp_path / "home" / ".pgpass").exists()
    assert "only-now" not in _settings_text(window, settings_path)


def test_without_a_keyring_the_password_file_keeps_it_and_one_that_cannot_be_written_is_said(
        qtbot, window, opened, tmp_path, monkeypatch):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a headless Linux (the fixture puts the one before back)
    dialog = _dialog(qtbot, window)
    pgpass = tmp_path / "home" / ".pgpass"
    assert dialog.store_note.text() == f"Kept in {pgpass} (only your user may read it)."
    _type(qtbot, dialog, host="db.example", port="5433", database="shop", user="ann", password="pw:1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert pgpass.read_text(encoding="utf-8") == "db.example:5433:shop:ann:pw\\:1\n"
    assert window.statusBar().currentMessage() == (f"The password for {KEY} is kept in {pgpass} (only your user "
                                                   "may read it).")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PGPASSFILE", str(blocked / "pgpass.conf"))
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, password="pw:2")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    assert window.ctx.db.url.password == "pw:2"  # the shop is open all the same
    assert window.statusBar().currentMessage().startswith("The password could not be kept on this PC (")
    assert window.statusBar().currentMessage().endswith("): Workshop will ask for it next time.")


def test_a_failed_open_keeps_the_dialog_and_what_was_typed(qtbot, window, ring, monkeypatch):
    monkeypatch.setattr("workshop.ui.startup.open_shop", lambda target, **_kw: None)  # told, then given up
    dialog = _dialog(qtbot, window)
    _type(qtbot, dialog, host="db.example", port="5433", database="shop", user="ann", password="typo")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.password.text() == "typo" and dialog.fields["host"].text() == "db.example"
    assert ring.kept == {}  # a password that did not open anything is not kept
    dialog.reject()


def test_a_server_given_on_the_command_line_is_remembered_without_its_password(qtbot, tmp_path, migrated_template,
                                                                               ring):
    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    sqlite = open_database(path)
    db = Database(engine=sqlite.engine, url=resolve_url("postgresql://ann:cli-pw@db.example:5433/shop"))
    settings_path = tmp_path / "cli.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("recent_databases", ["postgresql+psycopg://ann:***@db.example:5433/shop"])  # kept so before
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    assert w.recent_databases() == ["postgresql+psycopg://ann@db.example:5433/shop"]
    text = _settings_text(w, settings_path)
    assert "cli-pw" not in text and "***" not in text
    assert ring.kept == {} and not (tmp_path / "home" / ".pgpass").exists()
    sqlite.close()


SERVER_URL = os.environ.get("WORKSHOP_TEST_DATABASE_URL")


@pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server: set WORKSHOP_TEST_DATABASE_URL")
def test_a_real_server_opened_by_the_dialog_and_again_from_open_recent(qtbot, tmp_path, migrated_template, ring,
                                                                        server_template):
    server = server_template.fresh_copy()
    start = tmp_path / "start.db"
    shutil.copyfile(migrated_template, start)
    settings_path = tmp_path / "real.ini"
    w = create_main_window(open_database(start), QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    dialog = _dialog(qtbot, w)
    _type(qtbot, dialog, host=server.host, port=str(server.port or 5432), database=server.database,
          user=server.username, password="kept-in-the-keyring")  # a trust server lets any password in
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    gone(qtbot, dialog)
    assert w.ctx.db.url.database == server.database and w.ctx.db.file_path is None
    login = credentials.login_of(server)
    assert ring.kept == {(SERVICE, login.key): "kept-in-the-keyring"}
    assert w.open_database_target(str(start))  # another shop in between
    recent = [a for a in _recent_actions(w) if a.text().startswith("postgresql")]
    assert [a.text() for a in recent] == [credentials.recent_name(server)]
    recent[0].trigger()
    assert w.ctx.db.url.database == server.database
    assert w.ctx.db.url.password == "kept-in-the-keyring"  # from the keyring: Open Recent holds none
    assert "kept-in-the-keyring" not in _settings_text(w, settings_path)
    w.close()
    w.ctx.db.close()
