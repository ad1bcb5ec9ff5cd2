"""Opening a shop on a server that will not have it: a refused login is told apart from a server that
cannot be reached (psycopg gives neither an SQLSTATE), and neither shows the password. A stand-in
server asks for the password and refuses it (CI's real one trusts every login on loopback)."""

from __future__ import annotations

import socket

import pytest

from support.keyrings import memory_keyring
from support.pg_stub import refuse_password, stub_server
from workshop.db.engine import open_database
from workshop.domain.errors import CannotOpenDatabase


def test_a_refused_password_is_the_login_not_the_network():
    with stub_server(refuse_password) as (port, heard):
        with pytest.raises(CannotOpenDatabase) as caught:
            open_database(f"postgresql://clerk:Wr0ng-pw@127.0.0.1:{port}/shop?connect_timeout=5")
    assert "Wr0ng-pw" in heard  # it was sent, and refused
    message = caught.value.message
    assert message == ("The server did not let “clerk” in: the password is wrong or missing, or the server has "
                       "no user of that name. Check them (File ▸ Open server… asks for the password), then try again.")
    assert "Wr0ng-pw" not in message + caught.value.details


def test_a_refused_password_from_the_keyring_is_said_to_come_from_there(tmp_path, monkeypatch):
    """``--db`` without a password (the window's start, every command) logs in with the one kept in the
    keyring: when the server's password has been changed since, saying "wrong or missing" would send
    the owner looking for a password they never typed. (Open Recent checks the login first and asks.)"""
    with memory_keyring(tmp_path / "home", monkeypatch) as ring, stub_server(refuse_password) as (port, heard):
        ring.kept[("Workshop PostgreSQL server", f"clerk@127.0.0.1:{port}/shop")] = "Old-pw:1"
        with pytest.raises(CannotOpenDatabase) as caught:
            open_database(f"postgresql://clerk@127.0.0.1:{port}/shop?connect_timeout=5")
    assert "Old-pw:1" in heard  # the keyring's was sent, and refused
    assert caught.value.message == (
        "The server did not let “clerk” in with the password kept in this PC's keyring: it may have been changed "
        "on the server since, or the server has no user of that name. Open the server again (File ▸ Open "
        "server…) and type the password, with Remember ticked to keep the new one.")
    assert "Old-pw" not in caught.value.message + caught.value.details


def test_a_typed_password_refused_is_not_blamed_on_the_keyring(tmp_path, monkeypatch):
    with memory_keyring(tmp_path / "home", monkeypatch) as ring, stub_server(refuse_password) as (port, heard):
        ring.kept[("Workshop PostgreSQL server", f"clerk@127.0.0.1:{port}/shop")] = "Old-pw:1"
        with pytest.raises(CannotOpenDatabase) as caught:
            open_database(f"postgresql://clerk:Typed-2@127.0.0.1:{port}/shop?connect_timeout=5")
    assert "Typed-2" in heard and "Old-pw:1" not in heard
    assert caught.value.message.startswith("The server did not let “clerk” in: the password is wrong or missing")


def test_a_server_nobody_answers_for_cannot_be_reached():
    with socket.socket() as s:  # a port free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(CannotOpenDatabase) as caught:
        open_database(f"postgresql://clerk:Secret-1@127.0.0.1:{port}/shop?connect_timeout=5")
    assert caught.value.message == ("The database server cannot be reached. Check the network and the server, "
                                    "then try again.")
    assert "Secret-1" not in caught.value.message + caught.value.details
