"""``workshop server-check URL`` logs in with the password kept in this PC's keyring (db/credentials.py,
as File ▸ Open server… keeps it and Open Recent finds it) when the address gives none, before libpq's
password file; one the address gives is used as it is. Without a server: a stub speaking PostgreSQL's
protocol asks for the password, notes it and refuses it (support/pg_stub.py). The keyring is an
in-memory one, the password file the test's own."""

from __future__ import annotations

import pytest

from support.keyrings import memory_keyring
from support.pg_stub import refuse_password, stub_server
from workshop.cli import main
from workshop.db import server_check as sc
from workshop.db.server_check import check_server

SERVICE = "Workshop PostgreSQL server"


@pytest.fixture
def ring(tmp_path, monkeypatch):
    with memory_keyring(tmp_path / "home", monkeypatch) as memory:
        yield memory


@pytest.fixture
def pgpass(tmp_path, monkeypatch):
    """A password file holding another password for the same login (clerk on 127.0.0.1, any port)."""
    path = tmp_path / "pgpass"
    path.write_text("127.0.0.1:*:shop:clerk:from-the-file\n")
    path.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(path))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return path


def test_the_password_kept_in_the_keyring_is_tried_first_and_its_refusal_said_as_such(ring, pgpass, capsys):
    with stub_server(refuse_password) as (port, heard):
        ring.kept[(SERVICE, f"clerk@127.0.0.1:{port}/shop")] = "from:the-keyring"
        assert main(["server-check", f"postgresql://clerk@127.0.0.1:{port}/shop"]) == 1

    assert heard[1] == "from:the-keyring"  # not the password file's
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Checking postgresql+psycopg://clerk@127.0.0.1:{port}/shop"  # no *** for the keyring's
    assert lines[3] == (
        "✗ Login: The server refused the password kept in this PC's keyring for “clerk”: either it has been "
        "changed since or the server has no user of that name (the server does not say which). Check both; "
        "give the password in the address to try another, or open the server once in Workshop (File ▸ Open "
        "server…, Remember ticked) to keep the new one.")
    assert "from:the-keyring" not in "\n".join(lines) and "the-keyring" not in "\n".join(lines)


def test_a_password_in_the_address_is_used_and_the_keyring_not_read(ring, pgpass):
    with stub_server(refuse_password) as (port, heard):
        ring.kept[(SERVICE, f"clerk@127.0.0.1:{port}/shop")] = "from-the-keyring"
        results = check_server(f"postgresql://clerk:typed@127.0.0.1:{port}/shop")

    assert heard[1] == "typed"
    assert results[-1].message.startswith("The server refused the password for “clerk”: either the password is "
                                          "wrong")


def test_with_none_kept_for_this_login_the_password_file_answers(ring, pgpass):
    with stub_server(refuse_password) as (port, heard):
        ring.kept[(SERVICE, f"clerk@127.0.0.1:{port}/other-shop")] = "another database's"
        ring.kept[(SERVICE, f"ann@127.0.0.1:{port}/shop")] = "another user's"
        check_server(f"postgresql://clerk@127.0.0.1:{port}/shop")

    assert heard[1] == "from-the-file"


def test_the_report_of_a_login_with_the_kept_password_gives_the_next_command_without_it():
    """Every command reads the keyring as server-check does, so the next step needs no password typed."""
    results = [sc.CheckResult(name, True, "fine.") for name in sc.CHECKS[:-1]]
    results[0] = sc.CheckResult(sc.ADDRESS, True, "postgresql+psycopg://clerk@server-pc/shop")
    results[3] = sc.CheckResult(sc.LOGIN, True, "Logged in as “clerk” with the password kept in this PC's keyring.")
    lines = sc.report_lines([*results, sc.CheckResult(sc.CONTENTS, True, sc.EMPTY_DATABASE)])

    assert lines[-2:] == [
        "Workshop can use this server. Next, move your shop onto it:",
        "  workshop migrate-to postgresql+psycopg://clerk@server-pc/shop --db YOUR-SHOP.db"]


# --- every command and the window read it too (db.engine.resolve_url) ------------------------------

def test_a_command_given_a_server_without_its_password_logs_in_with_the_kept_one(ring, pgpass, capsys):
    with stub_server(refuse_password) as (port, heard):
        ring.kept[(SERVICE, f"clerk@127.0.0.1:{port}/shop")] = "from:the-keyring"
        assert main(["--db", f"postgresql://clerk@127.0.0.1:{port}/shop", "check"]) != 0

    assert heard[1] == "from:the-keyring"  # not the password file's
    said = capsys.readouterr()
    assert "the-keyring" not in said.out + said.err


def test_moving_a_shop_onto_a_server_without_its_password_logs_in_with_the_kept_one(ring, pgpass, tmp_path,
                                                                                    demo_copy):
    shop = demo_copy(tmp_path / "shop.db", "2026-11-21")
    with stub_server(refuse_password) as (port, heard):
        ring.kept[(SERVICE, f"clerk@127.0.0.1:{port}/shop")] = "from-the-keyring"
        assert main(["migrate-to", f"postgresql://clerk@127.0.0.1:{port}/shop", "--db", str(shop)]) != 0

    assert heard[1] == "from-the-keyring"


def test_the_shop_a_url_names_is_opened_with_the_kept_password_only_when_it_gives_none(ring):
    from workshop.db.engine import resolve_url

    ring.kept[(SERVICE, "clerk@server-pc:5432/shop")] = "kept"
    assert resolve_url("postgresql://clerk@server-pc/shop").password == "kept"
    assert resolve_url("postgresql://clerk:typed@server-pc/shop").password == "typed"
    assert resolve_url("postgresql://ann@server-pc/shop").password is None  # another login: none kept
    assert resolve_url("postgresql://clerk@server-pc/shop").drivername == "postgresql+psycopg"
