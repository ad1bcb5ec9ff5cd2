"""A server's password kept on this PC (db/credentials.py): in the keyring when one works, else in the
PostgreSQL password file (mode 0600, ':' and '\\' escaped, one line per login); never in the name Open
Recent keeps. The keyring here is a small in-memory one, the password file in a temporary HOME."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy.engine import make_url

from support.keyrings import MemoryKeyring
from workshop.db import credentials as c

LOGIN = c.ServerLogin(host="db.example", port=5432, database="shop:main", user="ann")


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses to keep anything (a locked store)."""

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("the collection is locked")


class PlainTextKeyring(MemoryKeyring):
    """Like keyrings.alt's plain-text file: keyring ranks it below 1, and so Workshop will not use it."""

    priority = 0.5


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A HOME of the test's own, with no PGPASSFILE named: the password file is HOME/.pgpass."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PGPASSFILE", raising=False)
    return tmp_path


@pytest.fixture
def use_keyring(home):
    before = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)


def test_a_password_is_kept_in_the_keyring_under_user_at_host_port_database(use_keyring, home):
    ring = use_keyring(MemoryKeyring())
    kept, where = c.remember_password(LOGIN, "s3cret:pw")
    assert kept is c.Kept.KEYRING and where == "in this PC's keyring (keyrings MemoryKeyring)"  # keyring's name for it
    assert ring.kept == {("Workshop PostgreSQL server", "ann@db.example:5432/shop:main"): "s3cret:pw"}
    assert c.find_password(LOGIN) == "s3cret:pw"
    assert c.find_password(c.ServerLogin("db.example", 5433, "shop:main", "ann")) is None  # another port
    assert not (home / ".pgpass").exists()
    c.forget_password(LOGIN)
    assert ring.kept == {} and c.find_password(LOGIN) is None


@pytest.mark.parametrize("backend", [fail.Keyring(), PlainTextKeyring(), LockedKeyring()],
                         ids=["no keyring", "plain-text keyring", "locked keyring"])
def test_without_a_working_keyring_the_password_goes_to_the_pgpass_file(use_keyring, home, backend):
    use_keyring(backend)
    kept, where = c.remember_password(LOGIN, "pa:ss\\w0rd")
    pgpass = home / ".pgpass"
    assert kept is c.Kept.PGPASS and where == f"in {pgpass} (only your user may read it)"
    # libpq's format: host:port:database:user:password, with ':' and '\' escaped by a backslash
    assert pgpass.read_text(encoding="utf-8") == "db.example:5432:shop\\:main:ann:pa\\:ss\\\\w0rd\n"
    if os.name != "nt":
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert c.find_password(LOGIN) is None  # libpq reads the file itself
    assert getattr(backend, "kept", {}) == {}


def test_the_pgpass_file_never_holds_a_login_twice_and_keeps_other_lines(use_keyring, home):
    use_keyring(fail.Keyring())
    pgpass = home / ".pgpass"
    pgpass.write_text("# my own servers\n*:*:*:postgres:admin\n", encoding="utf-8")
    pgpass.chmod(0o644)  # libpq ignores a file others may read: it is made private again
    c.remember_password(LOGIN, "first")
    c.remember_password(c.ServerLogin("db.example", 5432, "shop", "ann"), "other")
    c.remember_password(LOGIN, "second")
    assert pgpass.read_text(encoding="utf-8").splitlines() == [
        "# my own servers", "*:*:*:postgres:admin", "db.example:5432:shop:ann:other",
        "db.example:5432:shop\\:main:ann:second"]
    if os.name != "nt":
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    c.forget_password(LOGIN)
    assert pgpass.read_text(encoding="utf-8").splitlines() == [
        "# my own servers", "*:*:*:postgres:admin", "db.example:5432:shop:ann:other"]
    assert [p.name for p in home.iterdir()] == [".pgpass"]  # no temporary file left beside it
    assert not c.remove_from_pgpass(LOGIN)  # nothing more to take out: the file is not written again


def test_pgpassfile_names_the_file_when_set(use_keyring, home, monkeypatch):
    use_keyring(fail.Keyring())
    named = home / "conf" / "pw.conf"
    monkeypatch.setenv("PGPASSFILE", str(named))
    c.remember_password(LOGIN, "x")
    assert named.read_text(encoding="utf-8") == "db.example:5432:shop\\:main:ann:x\n"
    assert not (home / ".pgpass").exists()


def test_pgpass_fields_read_back_what_was_escaped():
    line = c.pgpass_line(LOGIN, "a\\b:c")
    assert line == "db.example:5432:shop\\:main:ann:a\\\\b\\:c"
    assert c.pgpass_fields(line) == ["db.example", "5432", "shop:main", "ann", "a\\b:c"]
    assert c.pgpass_fields("# a comment") == [] and c.pgpass_fields("  \n") == []


def test_open_recent_names_a_server_without_its_password():
    url = make_url("postgresql+psycopg://ann:s3cret@db.example:5433/shop?sslmode=require")
    assert c.recent_name(url) == "postgresql+psycopg://ann@db.example:5433/shop?sslmode=require"
    # a name kept before passwords were left out ("***" where the password was) comes back clean
    assert c.recent_name_of("postgresql+psycopg://ann:***@db.example/shop") == "postgresql+psycopg://ann@db.example/shop"
    assert c.recent_name_of("/home/ann/shop.db") == "/home/ann/shop.db"
    assert c.with_password(make_url("postgresql+psycopg://ann@db.example/shop"), "p@ss:w") == \
        "postgresql+psycopg://ann:p%40ss%3Aw@db.example/shop"
    assert make_url(c.with_password(url, None)).password is None


def test_the_login_a_url_names():
    assert c.login_of("postgresql://ann:pw@db.example/shop") == c.ServerLogin("db.example", 5432, "shop", "ann")
    assert c.login_of("postgresql+psycopg://ann@10.0.0.5:6000/shop").key == "ann@10.0.0.5:6000/shop"
    assert c.login_of("/home/ann/shop.db") is None
    assert c.login_of("sqlite:///shop.db") is None
    assert c.login_of("postgresql://") is None  # no database named


def test_a_server_that_refuses_the_connection_is_no_password_question():
    pytest.importorskip("psycopg")
    closed = make_url("postgresql+psycopg://ann@127.0.0.1:1/shop")  # nothing listens on port 1
    assert c.check_login(closed, timeout_s=2) is c.LoginCheck.OTHER


def test_the_test_server_lets_its_user_in():
    url = os.environ.get("WORKSHOP_TEST_DATABASE_URL")
    if not url:
        pytest.skip("needs a PostgreSQL server: set WORKSHOP_TEST_DATABASE_URL")
    assert c.check_login(make_url(url)) is c.LoginCheck.OK
    assert c.check_login(make_url(url).set(database="workshop_no_such_database")) is c.LoginCheck.OTHER
