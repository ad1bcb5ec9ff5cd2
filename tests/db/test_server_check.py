"""``workshop server-check`` against a real PostgreSQL server (WORKSHOP_TEST_DATABASE_URL; skipped
without one): every check passes on a fresh database, a shop up to date, older or newer is told
apart, a missing database and an unknown user are said, a user without the right to create tables
is refused with the statement that gives it, a clock set wrong on this PC is caught, and an address
without a password logs in with the one kept in this PC's keyring.
tests/test_cli_server_check.py has the answers that need no server."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from conftest import SERVER_URL
from workshop.cli import main
from workshop.db import revisions
from workshop.db import server_check as sc
from workshop.db.server_check import CheckResult, check_server

pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs WORKSHOP_TEST_DATABASE_URL (a PostgreSQL server)")

#: a password for the users made here, so the tests hold on a server that asks for one (CI's trusts loopback)
PASSWORD = "check-pw"


@pytest.fixture(scope="module")
def server():
    """An AUTOCOMMIT engine on the test server, and the names this module's databases and users take
    (one set per pytest-xdist worker)."""
    base = make_url(SERVER_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    prefix = f"{base.database}_check{('_' + worker) if worker else ''}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    made: dict[str, list[str]] = {"databases": [], "roles": []}

    class Server:
        url = base

        def database(self, suffix: str, owner: str | None = None) -> str:
            name = f"{prefix}_{suffix}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if owner else ""))
            made["databases"].append(name)
            return name

        def role(self, suffix: str) -> str:
            name = f"{prefix}_{suffix}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
                conn.exec_driver_sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{PASSWORD}'")
            made["roles"].append(name)
            return name

        def run(self, database: str, *statements: str) -> None:
            engine = create_engine(base.set(database=database), isolation_level="AUTOCOMMIT", poolclass=NullPool)
            with engine.connect() as conn:
                for sql in statements:
                    conn.exec_driver_sql(sql)
            engine.dispose()

        def address(self, database: str, user: str | None = None) -> str:
            url = base.set(database=database)
            if user is not None:
                url = url.set(username=user, password=PASSWORD)
            return url.render_as_string(hide_password=False)

    yield Server()
    with admin.connect() as conn:
        for name in made["databases"]:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for name in made["roles"]:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
    admin.dispose()


@pytest.fixture(scope="module")
def fresh(server) -> str:
    """An empty database, left empty by every test that uses it (the server's databases take a second
    or two each to make and drop)."""
    return server.database("fresh")


def by_name(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.name: r for r in results}


def test_a_fresh_database_passes_every_check(server, fresh, capsys):
    name = fresh

    results = check_server(server.address(name))

    assert [r.name for r in results] == list(sc.CHECKS)
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    assert by_name(results)[sc.CONTENTS].message == sc.EMPTY_DATABASE
    assert by_name(results)[sc.DATABASE].message == f"The database “{name}” is there."
    # the table made to try is gone again: the database is as empty as before
    assert by_name(check_server(server.address(name)))[sc.CONTENTS].message == sc.EMPTY_DATABASE
    assert main(["server-check", server.address(name)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("✓ ") for line in lines) == len(sc.CHECKS) - 1  # all but the address, shown first
    assert lines[-1] == f"  workshop migrate-to {make_url(server.address(name)).render_as_string()} --db YOUR-SHOP.db"


def test_a_shop_up_to_date_older_and_newer_are_told_apart(server, server_template):
    current = server_template.fresh_copy().database
    older_revision = sorted(revisions.known_revisions() - {revisions.head_revision()})[0]
    name = server.database("contents")
    address = server.address(name)

    def contents() -> CheckResult:
        return by_name(check_server(address))[sc.CONTENTS]

    up_to_date = by_name(check_server(server.address(current)))[sc.CONTENTS]
    server.run(name, "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)",
               f"INSERT INTO alembic_version VALUES ('{older_revision}')")
    old = contents()
    server.run(name, "UPDATE alembic_version SET version_num = 'ffffffffffff_from_the_future'")
    new = contents()
    server.run(name, "DROP TABLE alembic_version", "CREATE TABLE wp_posts (id integer)")
    foreign = contents()

    assert up_to_date.ok and up_to_date.message.startswith("It holds a Workshop shop, up to date with this program")
    assert old.ok and old.message.endswith("it will be upgraded when this program opens it.")
    assert not new.ok and "saved by a newer version of Workshop" in new.message
    assert not foreign.ok and "another program's tables (wp_posts)" in foreign.message


def test_a_missing_database_says_how_to_make_it(server):
    user = server.role("owner")
    missing = f"{make_url(SERVER_URL).database}_check_not_made"

    results = check_server(server.address(missing, user))

    assert [(r.name, r.ok) for r in results] == [(sc.ADDRESS, True), (sc.DRIVER, True), (sc.CONNECTION, True),
                                                 (sc.LOGIN, True), (sc.DATABASE, False)]
    assert results[-1].message == (
        f"There is no database “{missing}” on the server. Make it on the server, owned by the user Workshop logs "
        f"in as: createdb -O {user} {missing} (as the postgres user), or in psql or pgAdmin: "
        f'CREATE DATABASE "{missing}" OWNER "{user}";')


def test_a_user_the_server_does_not_have_cannot_log_in(server, fresh):
    name = fresh
    stranger = f"{make_url(SERVER_URL).database}_check_nobody"

    results = check_server(server.address(name, stranger))

    assert [(r.name, r.ok) for r in results] == [(sc.ADDRESS, True), (sc.DRIVER, True), (sc.CONNECTION, True),
                                                 (sc.LOGIN, False)]
    # a server that trusts this PC says there is no such user; one that asks for a password will not say
    assert (f"The server has no user “{stranger}”. Make one on the server: createuser --pwprompt {stranger}"
            in results[-1].message) or "either the password is wrong or the server has no user" in results[-1].message


def test_a_user_who_may_not_create_tables_is_told_what_gives_the_right(server):
    clerk = server.role("clerk")
    name = server.database("locked")  # owned by the test server's user, not the clerk
    # PostgreSQL 15 and later give nobody but the owner CREATE on public; 13 and 14 gave it to everyone
    server.run(name, "REVOKE CREATE ON SCHEMA public FROM PUBLIC")

    results = check_server(server.address(name, clerk))

    assert [r.name for r in results] == list(sc.CHECKS)
    failed = [r for r in results if not r.ok]
    assert [r.name for r in failed] == [sc.CREATE_TABLES]
    assert failed[0].message == (
        f"“{clerk}” may not create tables in “{name}”. On the server, in psql or pgAdmin, make that user the "
        f'database\'s owner: ALTER DATABASE "{name}" OWNER TO "{clerk}"; (or, connected to “{name}”: '
        f'GRANT CREATE ON SCHEMA public TO "{clerk}";)')
    # and the statement given does give it
    server.run(server.url.database, f'ALTER DATABASE "{name}" OWNER TO "{clerk}"')
    assert by_name(check_server(server.address(name, clerk)))[sc.CREATE_TABLES].ok


def test_a_clock_set_wrong_on_this_pc_is_caught(server, fresh):
    name = fresh

    def pc_ninety_seconds_fast() -> dt.datetime:
        return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=90)

    clock = by_name(check_server(server.address(name), now=pc_ninety_seconds_fast))[sc.CLOCK]

    assert not clock.ok
    # 90 s less however long the question took each way (well under a second here)
    assert clock.message.startswith(("The server's clock is 1 min 30 s behind this PC's",
                                     "The server's clock is 1 min 29 s behind this PC's"))


def test_the_password_kept_in_this_pcs_keyring_logs_in_when_the_address_gives_none(server, tmp_path, monkeypatch):
    from support.keyrings import memory_keyring
    from workshop.db import credentials

    keeper = server.role("keeper")
    name = server.database("kept", owner=keeper)
    address = make_url(server.address(name, keeper))
    with memory_keyring(tmp_path / "home", monkeypatch) as ring:
        ring.kept[(credentials.KEYRING_SERVICE, credentials.login_of(address).key)] = PASSWORD
        results = check_server(credentials.recent_name(address))  # the address without its password

    assert all(r.ok for r in results) and [r.name for r in results] == list(sc.CHECKS)
    assert by_name(results)[sc.LOGIN].message == f"Logged in as “{keeper}” with the password kept in this PC's keyring."
    assert by_name(results)[sc.ADDRESS].message == credentials.recent_name(address)  # shown without it, not even ***
