"""What the window knows of servers (services/servers.py): where a shop is, named for people and for Open
Recent; a server from Open Recent with the password kept on this PC; the password typed or kept, kept
and forgotten; and a shop copied with progress, Cancel, a refused password and a storage fault said in
the program's words. The keyring is a small in-memory one, the password file in a HOME of the test's own.

On SQLite the shop copied is a file, on PostgreSQL (WORKSHOP_TEST_DATABASE_URL) the server's: the copy to
a new file runs either way. The last test moves a file onto the server (skipped without one)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy.exc import OperationalError

from support.keyrings import memory_keyring
from support.model_rows import model_rows
from workshop.db import credentials, transfer
from workshop.db.engine import Database, open_database, resolve_url
from workshop.domain.errors import DiskFull, ValidationError
from workshop.services import customers, servers
from workshop.services.servers import LoginCheck, ServerLogin, ShopPlace

SERVICE = "Workshop PostgreSQL server"
ANN = ServerLogin(host="db.example", port=5433, database="shop", user="ann")
SERVER_URL = os.environ.get("WORKSHOP_TEST_DATABASE_URL")


@pytest.fixture
def ring(tmp_path, monkeypatch):
    with memory_keyring(tmp_path / "home", monkeypatch) as memory:
        yield memory


@pytest.fixture
def checked(monkeypatch) -> list:
    """The server's login check stood in for: each URL it is asked about is noted; it answers
    ``checked.answer`` (OK unless a test says otherwise)."""
    class Noted(list):
        answer = LoginCheck.OK

    noted = Noted()
    monkeypatch.setattr(credentials, "check_login", lambda url: (noted.append(url), noted.answer)[1])
    return noted


class State:
    """The window's task as the copy sees it: progress noted, Cancel pressed after ``cancel_after`` reports."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def is_cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after

    def progress(self, done: int, total: int) -> None:
        self.reports.append((done, total))


# --- where a shop is -------------------------------------------------------------------------------

def test_a_shop_file_is_named_by_its_path(file_db):
    path = file_db.file_path
    assert servers.place_of(file_db) == ShopPlace(recent_name=str(path), shown=str(path), file=path, on_server=False,
                                                  title=path.name)


def test_a_server_is_named_without_its_password_for_open_recent_and_hidden_for_people(file_db):
    on_server = Database(engine=file_db.engine, url=resolve_url("postgresql://ann:s3cret@db.example:5433/shop"))
    place = servers.place_of(on_server)
    assert place.recent_name == "postgresql+psycopg://ann@db.example:5433/shop"
    assert place.shown == "postgresql+psycopg://ann:***@db.example:5433/shop"
    assert place.file is None
    assert place.title == "shop on db.example"  # the window's title: no login, no password, no driver
    assert place.on_server is False  # told by the engine's dialect: this stand-in is a file underneath


@pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server: set WORKSHOP_TEST_DATABASE_URL")
def test_a_shop_on_a_server_is_on_the_server(db):
    place = servers.place_of(db)
    assert place.on_server is True and place.file is None and "@" in place.recent_name


# --- logging in, and the password kept ------------------------------------------------------------

def test_open_recent_of_a_file_is_no_server(ring, checked, tmp_path):
    assert servers.recent_server(str(tmp_path / "shop.db")) is None
    assert servers.recent_server("sqlite:///shop.db") is None
    assert checked == []


def test_open_recent_of_a_server_logs_in_with_the_password_kept_in_the_keyring(ring, checked):
    ring.kept[(SERVICE, "ann@db.example:5433/shop")] = "from:the-keyring"
    server = servers.recent_server("postgresql://ann@db.example:5433/shop?sslmode=require")
    assert server.login == ANN and server.check is LoginCheck.OK
    assert [url.password for url in checked] == ["from:the-keyring"]
    assert checked[0].query == {"sslmode": "require"}  # the URL as Open Recent keeps it, with the password in
    assert server.target == "postgresql://ann:from%3Athe-keyring@db.example:5433/shop?sslmode=require"
    assert "from" not in repr(server)


def test_open_recent_of_a_server_with_no_password_kept_says_what_the_server_answered(ring, checked):
    checked.answer = LoginCheck.NO_PASSWORD
    server = servers.recent_server("postgresql+psycopg://ann@db.example:5433/shop")
    assert server.check is LoginCheck.NO_PASSWORD and [url.password for url in checked] == [None]
    assert server.target == "postgresql+psycopg://ann@db.example:5433/shop"


def test_the_password_typed_else_the_one_kept_else_none(ring):
    assert servers.password_to_use(ANN, "typed") == "typed"
    assert servers.password_to_use(ANN, "") is None  # libpq reads its password file
    ring.kept[(SERVICE, ANN.key)] = "kept"
    assert servers.password_to_use(ANN, "") == "kept"
    assert servers.password_to_use(ANN, "typed") == "typed"


def test_a_server_is_opened_by_its_url_with_the_password_in_it():
    assert servers.server_target(ANN, "pw:1") == "postgresql+psycopg://ann:pw%3A1@db.example:5433/shop"
    assert servers.server_target(ANN, None) == "postgresql+psycopg://ann@db.example:5433/shop"
    assert servers.server_target(ANN, "") == "postgresql+psycopg://ann@db.example:5433/shop"


def test_a_password_remembered_says_where_and_is_forgotten_again(ring, tmp_path):
    assert servers.password_place() == "in this PC's keyring (keyrings MemoryKeyring)"
    assert servers.remember_password(ANN, "s3cret") == "in this PC's keyring (keyrings MemoryKeyring)"
    assert ring.kept == {(SERVICE, "ann@db.example:5433/shop"): "s3cret"}
    servers.forget_password(ANN)
    assert ring.kept == {} and not (tmp_path / "home" / ".pgpass").exists()


# --- copying a shop -------------------------------------------------------------------------------

def test_a_shop_copied_to_a_new_file_reports_progress_a_table_at_a_time(db, shop, tmp_path):
    target = tmp_path / "copy.db"
    state, outcome = State(), []
    moved = servers.copy_shop(state, db, str(target), None, outcome)
    assert outcome == [moved]
    copied = model_rows(target)
    assert moved.report.rows == sum(len(rows) for name, rows in copied.items() if name != "alembic_version")
    assert moved.report.target == str(target) and moved.report.created
    assert moved.report.source == servers.place_of(db).shown
    names = [t.name for t in transfer.model_tables()]
    assert servers.table_names() == tuple(name.replace("_", " ") for name in names)
    # one batch a table (fewer than 2,000 rows): each table with rows reported once, as wholly done
    whole = len(names) * servers.STEP
    assert state.reports == [((at + 1) * servers.STEP, whole) for at, name in enumerate(names) if copied[name]]
    assert names[:2] == ["attachment_blobs", "customers"] and not copied["attachment_blobs"]
    assert state.reports[0] == (2_000, whole)  # the customer, second of the tables: the bar at 2 of them
    assert len(copied["customers"]) == 1 and len(copied["workstations"]) == 2 and len(copied["jobs"]) == 1


def test_cancel_stops_the_copy_and_leaves_no_file(db, shop, tmp_path):
    target = tmp_path / "copy.db"
    state, outcome = State(cancel_after=2), []
    assert servers.copy_shop(state, db, str(target), None, outcome) is None
    assert len(state.reports) == 2 and outcome == []  # stopped at the third table with rows
    assert not target.exists() and not list(tmp_path.glob("copy.db*"))


class _DiskFull(Exception):
    """What SQLite raises when the disk fills (SQLITE_FULL)."""

    sqlite_errorcode = 13
    sqlite_errorname = "SQLITE_FULL"


def test_a_storage_fault_mid_copy_is_said_in_the_programs_words(db, shop, tmp_path, monkeypatch):
    target = tmp_path / "copy.db"

    def full(*_args, **_kwargs):
        raise OperationalError("INSERT INTO workstation …", {}, _DiskFull("database or disk is full"))

    monkeypatch.setattr(transfer, "_insert_rows", full)
    with pytest.raises(DiskFull) as raised:
        servers.copy_shop(State(), db, str(target), None, [])
    assert str(raised.value).startswith("The disk that holds the shop's database is full, so nothing was saved.")
    assert f"Database: {target}" in raised.value.details and "SQLITE_FULL" in raised.value.details
    assert not target.exists()  # the file the copy made is removed again


@pytest.mark.parametrize("answer, words", [
    (LoginCheck.REFUSED, "The server refused this password for ann. Type it again (capital letters count)."),
    (LoginCheck.NO_PASSWORD, "The server asks for ann's password: type it here.")])
def test_a_password_refused_or_missing_is_told_before_anything_is_copied(db, checked, monkeypatch, answer, words):
    checked.answer = answer
    monkeypatch.setattr(transfer, "migrate_to", lambda *a, **k: pytest.fail("copied with a password refused"))
    with pytest.raises(ValidationError) as raised:
        servers.copy_shop(State(), db, ANN, "typo", [])
    assert raised.value.field == "password" and raised.value.message == words
    assert [(url.username, url.password, url.host, url.port, url.database) for url in checked] == [
        ("ann", "typo", "db.example", 5433, "shop")]


@pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server: set WORKSHOP_TEST_DATABASE_URL")
def test_a_shop_file_moved_onto_the_server_by_its_login(file_db, server_template):
    customers.create_customer(file_db, name="Harrow & Finch Interiors")
    server = server_template.fresh_copy()
    login = credentials.login_of(server)
    moved = servers.copy_shop(State(), file_db, login, server.password, [])
    rows = model_rows(file_db.file_path)
    assert moved.report.rows == sum(len(r) for name, r in rows.items() if name != "alembic_version")
    assert moved.report.target == (f"postgresql+psycopg://{login.user}{':***' if server.password else ''}"
                                   f"@{login.host}:{login.port}/{login.database}")
    on_server = open_database(servers.server_target(login, server.password))
    try:
        assert [c.name for c in customers.list_customers(on_server)] == ["Harrow & Finch Interiors"]
    finally:
        on_server.close()
