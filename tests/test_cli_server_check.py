"""``workshop server-check URL`` without a PostgreSQL server: addresses refused before anything is tried,
a port nobody listens on, a name not on the network, and the server's refusals of a login as a real
server words them on the wire (a stub speaking PostgreSQL's protocol v3: a password asked for and
refused, none given, no pg_hba.conf line), one that never answers and one that is not PostgreSQL.
tests/db/test_server_check.py checks against a real server."""

from __future__ import annotations

import datetime as dt
import socket
import sys
import threading

import pytest

from support.pg_stub import error_response, refuse_password, stub_server
from workshop.cli import main
from workshop.db import server_check as sc
from workshop.db.server_check import CheckResult, check_server, report_lines

NAMES_TO_CONNECTION = [sc.ADDRESS, sc.DRIVER, sc.CONNECTION]


def names(results: list[CheckResult]) -> list[str]:
    return [r.name for r in results]


# --- addresses refused before anything is tried ----------------------------------------------------

@pytest.mark.parametrize("address, said", [
    ("sqlite:////home/me/shop.db", "That is a shop file (SQLite), not a server"),
    ("/home/me/shop.db", "That is not a server address"),
    ("postgresql://clerk:s3cret-pw@server-pc:fivefourthreetwo/shop", "The server address cannot be read"),
    ("mysql://clerk@server-pc/shop", "Workshop works with PostgreSQL servers only, not “mysql”"),
    ("postgresql+psycopg2://clerk@server-pc/shop", "through psycopg, not “psycopg2”"),
    ("postgresql://clerk@server-pc", "The address names no database"),
])
def test_an_address_that_is_not_a_postgresql_database_is_refused_first(address, said, capsys):
    results = check_server(address)

    assert names(results) == [sc.ADDRESS]
    assert not results[0].ok and said in results[0].message
    assert main(["server-check", address]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["Checking the server address given", f"✗ Address: {results[0].message}"]
    assert "s3cret-pw" not in out  # the text that could not be read is never echoed: it may hold the password


def test_a_missing_driver_is_said_with_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails, as where it is not installed

    results = check_server("postgresql://clerk@127.0.0.1:5432/shop")

    assert names(results) == [sc.ADDRESS, sc.DRIVER]
    assert results[0] == CheckResult(sc.ADDRESS, True, "postgresql+psycopg://clerk@127.0.0.1:5432/shop")
    assert not results[1].ok and "pip install 'psycopg[binary]'" in results[1].message


# --- connecting ----------------------------------------------------------------------------------

def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_port_nobody_listens_on_cannot_connect(capsys):
    port = free_port()

    assert main(["server-check", f"postgresql+psycopg://clerk:s3cret-pw@127.0.0.1:{port}/shop"]) == 1

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Checking postgresql+psycopg://clerk:***@127.0.0.1:{port}/shop"
    assert lines[1].startswith("✓ Driver: psycopg ")
    assert lines[2] == (f"✗ Connection: Cannot connect: the PC at 127.0.0.1 answers, but nothing listens on port "
                        f"{port}. PostgreSQL is not running there, listens on another port, or listens only to its own "
                        "PC. On the server: start the PostgreSQL service, and in postgresql.conf set "
                        "listen_addresses = '*' (then restart it).")
    assert lines[3] == ("Not checked until that is put right: login, database, create tables, server version, "
                        "clock, contents.")
    assert "s3cret-pw" not in "\n".join(lines)


def test_a_name_not_on_the_network_is_said_so():
    # .invalid is never a real name (RFC 6761)
    results = check_server("postgresql://clerk@workshop-server.invalid/shop")

    assert names(results) == NAMES_TO_CONNECTION
    assert not results[-1].ok
    # not found, or (a PC with no name server at all) not looked up: either way the name is said
    assert "“workshop-server.invalid”" in results[-1].message
    assert "can be found on the network" in results[-1].message or "no name server answered" in results[-1].message


# --- a stub that refuses as a server does ----------------------------------------------------------

def test_a_wrong_password_or_user_is_the_login_failing(capsys):
    with stub_server(refuse_password) as (port, heard):
        assert main(["server-check", f"postgresql://clerk:Wrong%40pw@127.0.0.1:{port}/shop"]) == 1

    assert heard[:2] == [{"user": "clerk", "database": "shop", "application_name": "workshop server-check",
                          "options": "-c statement_timeout=10000 -c lock_timeout=5000"}, "Wrong@pw"]
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:4] == [
        f"✓ Connection: The server at 127.0.0.1 port {port} answers.",
        "✗ Login: The server refused the password for “clerk”: either the password is wrong or the server has no "
        "user of that name (the server does not say which). Check both; on the server, ALTER ROLE \"clerk\" "
        "PASSWORD '…'; sets a new one (psql or pgAdmin)."]
    assert lines[4] == "Not checked until that is put right: database, create tables, server version, clock, contents."
    assert "Wrong" not in "\n".join(lines)


def test_no_password_given_points_to_the_password_file(monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)

    with stub_server(refuse_password) as (port, heard):
        results = check_server(f"postgresql://clerk@127.0.0.1:{port}/shop")

    assert len(heard) == 1  # the startup only: libpq had no password to send
    assert names(results) == [*NAMES_TO_CONNECTION, sc.LOGIN]
    assert results[2].ok and not results[3].ok
    assert results[3].message.startswith("The server asks for “clerk”'s password and none was given.")
    assert f"one line 127.0.0.1:{port}:shop:clerk:PASSWORD" in results[3].message


def test_a_password_from_the_password_file_is_used(monkeypatch, tmp_path):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("127.0.0.1:*:shop:clerk:from-the-file\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))

    with stub_server(refuse_password) as (port, heard):
        check_server(f"postgresql://clerk@127.0.0.1:{port}/shop")

    assert heard[1] == "from-the-file"


def test_no_pg_hba_line_gives_the_line_to_add():
    def no_entry(sock, startup, heard):
        sock.sendall(error_response("28000", 'no pg_hba.conf entry for host "192.168.1.20", user "clerk", '
                                             'database "shop", no encryption'))

    with stub_server(no_entry) as (port, _heard):
        results = check_server(f"postgresql://clerk@127.0.0.1:{port}/shop")

    assert names(results) == [*NAMES_TO_CONNECTION, sc.LOGIN]
    assert not results[3].ok
    assert "add the line “host shop clerk 192.168.1.20/32 scram-sha-256” to pg_hba.conf" in results[3].message


def test_a_missing_database_is_said_after_the_login():
    def no_database(sock, startup, heard):
        sock.sendall(error_response("3D000", f'database "{startup["database"]}" does not exist'))

    with stub_server(no_database) as (port, _heard):
        results = check_server(f"postgresql://clerk@127.0.0.1:{port}/shop")

    assert [(r.name, r.ok) for r in results[2:]] == [(sc.CONNECTION, True), (sc.LOGIN, True), (sc.DATABASE, False)]
    assert "createdb -O clerk shop" in results[-1].message
    assert 'CREATE DATABASE "shop" OWNER "clerk";' in results[-1].message


def test_a_server_that_never_answers_times_out():
    listener = socket.create_server(("127.0.0.1", 0))  # the connection is made, but nothing ever answers
    try:
        port = listener.getsockname()[1]
        results = check_server(f"postgresql://clerk@127.0.0.1:{port}/shop", timeout_s=2)
    finally:
        listener.close()

    assert names(results) == NAMES_TO_CONNECTION
    assert not results[-1].ok
    assert results[-1].message.startswith(f"The server at 127.0.0.1 port {port} did not answer within 2 s.")


def test_something_that_is_not_postgresql_is_said_so():
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)

    def answer_http() -> None:
        try:
            sock, _ = listener.accept()
        except OSError:
            return
        with sock:
            sock.recv(8)
            sock.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    thread = threading.Thread(target=answer_http, daemon=True)
    thread.start()
    try:
        results = check_server(f"postgresql://clerk@127.0.0.1:{listener.getsockname()[1]}/shop")
    finally:
        thread.join(5)
        listener.close()

    assert names(results) == NAMES_TO_CONNECTION
    assert not results[-1].ok and "but it is not a PostgreSQL server" in results[-1].message


# --- the answers worked out by hand -------------------------------------------------------------

@pytest.mark.parametrize("seconds, said", [
    (0.4, "0 s"), (4.6, "5 s"), (60, "1 min"), (133.4, "2 min 13 s"), (3600, "1 h"), (7260, "2 h 1 min"),
    (86400 + 3 * 3600 + 59, "1 day 3 h"), (2 * 86400, "2 days"),
])
def test_how_long(seconds, said):
    assert sc.how_long(seconds) == said


def test_the_clocks_within_five_seconds_agree_and_further_apart_say_by_how_much():
    here = dt.datetime(2026, 12, 1, 22, 0, 0, tzinfo=dt.UTC)

    assert sc.clock_result(here + dt.timedelta(seconds=4.9), here).ok
    assert sc.clock_result(here - dt.timedelta(seconds=5.4), here, slack=0.5).ok
    ahead = sc.clock_result(here + dt.timedelta(seconds=133.4), here)
    behind = sc.clock_result(here - dt.timedelta(seconds=5.2), here)

    assert not ahead.ok and ahead.message.startswith(
        "The server's clock is 2 min 13 s ahead of this PC's (server 22:02:13, this PC 22:00:00 UTC)")
    assert not behind.ok and behind.message.startswith("The server's clock is 5 s behind this PC's")


def test_postgresql_13_is_the_oldest_taken():
    assert sc.version_result(130000, "13.0") == CheckResult(sc.VERSION, True, "PostgreSQL 13.0.")
    old = sc.version_result(120015, "12.15")
    assert not old.ok and old.message.startswith("PostgreSQL 12.15 is too old: Workshop needs PostgreSQL 13 or newer.")


def test_what_the_database_holds():
    known = frozenset({"0001_first", "0002_second"})

    assert sc.contents_result(set(), None, "0002_second", known) == CheckResult(sc.CONTENTS, True, sc.EMPTY_DATABASE)
    assert "up to date" in sc.contents_result({"alembic_version", "jobs"}, "0002_second", "0002_second", known).message
    older = sc.contents_result({"alembic_version", "jobs"}, "0001_first", "0002_second", known)
    assert older.ok and "it will be upgraded when this program opens it" in older.message
    newer = sc.contents_result({"alembic_version", "jobs"}, "0003_later", "0002_second", known)
    assert not newer.ok and "newer version of Workshop" in newer.message
    other = sc.contents_result({"wp_posts", "wp_users"}, None, "0002_second", known)
    assert not other.ok and "another program's tables (wp_posts, wp_users)" in other.message


def all_passed(contents: str) -> list[CheckResult]:
    results = [CheckResult(name, True, "fine.") for name in sc.CHECKS[:-1]]
    results[0] = CheckResult(sc.ADDRESS, True, "postgresql+psycopg://clerk:***@server-pc/shop")
    return [*results, CheckResult(sc.CONTENTS, True, contents)]


def test_the_report_says_what_comes_next():
    empty = report_lines(all_passed(sc.EMPTY_DATABASE))
    shop = report_lines(all_passed("It holds a Workshop shop, up to date."))

    assert empty[0] == "Checking postgresql+psycopg://clerk:***@server-pc/shop"
    assert empty[1] == "✓ Driver: fine."
    assert empty[-2:] == ["Workshop can use this server. Next, move your shop onto it (*** being the password):",
                          "  workshop migrate-to postgresql+psycopg://clerk:***@server-pc/shop --db YOUR-SHOP.db"]
    assert shop[-1] == "  workshop --db postgresql+psycopg://clerk:***@server-pc/shop"
    assert sc.all_passed(all_passed(sc.EMPTY_DATABASE))


def test_a_terminal_without_the_marks_gets_ok_and_no():
    results = [CheckResult(sc.ADDRESS, True, "postgresql+psycopg://clerk@server-pc/shop"),
               CheckResult(sc.DRIVER, True, "psycopg is installed."),
               CheckResult(sc.CONNECTION, False, "Cannot connect.")]

    lines = report_lines(results, "cp1252")

    assert lines[1:3] == ["OK Driver: psycopg is installed.", "NO Connection: Cannot connect."]
    assert lines[-1].startswith("Workshop cannot use this server yet: put right what is marked NO")
    assert not sc.all_passed(results)
