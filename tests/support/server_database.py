"""The PostgreSQL side of the ``db`` fixture: one database migrated per test session, and for each
test a fresh copy of it (``CREATE DATABASE … TEMPLATE``), instead of migrating an emptied schema
for every test (1-3 s each). The URL's user must be allowed to create databases (CI's is). Under
pytest-xdist each worker has its own pair, named after it (``workshop_ci_gw0_template``…), and a child
pytest after ``WORKSHOP_TEST_SESSION`` (``workshop_ci_gw0_screen_4711_template``), and each run its own
(the process id: 4711)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from workshop.db.engine import open_database


class ServerTemplate:
    def __init__(self, url: str) -> None:
        base = make_url(url)
        # Each pytest-xdist worker (gw0, gw1…) has its own template and copy: two never share a name. So
        # has a child pytest a test starts (support/small_screen.py names it): two workers' children
        # running at once shared the bare name, and one dropped the template the other was copying.
        # And each run has its own (the process id): two people's runs against one server at once
        # dropped each other's copies.
        worker = os.environ.get("PYTEST_XDIST_WORKER") or os.environ.get("WORKSHOP_TEST_SESSION", "")
        own = f"{base.database}_{worker}_{os.getpid()}" if worker else f"{base.database}_{os.getpid()}"
        self.template = base.set(database=f"{own}_template")
        self.copy = base.set(database=f"{own}_test")
        # CREATE and DROP DATABASE cannot run inside a transaction.
        self._admin = create_engine(base, isolation_level="AUTOCOMMIT")
        self._create(self.template)
        open_database(self.template).close()  # no connection may stay open on a template

    def _create(self, url: URL, template: URL | None = None) -> None:
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
            like = f' TEMPLATE "{template.database}"' if template else ""
            conn.exec_driver_sql(f'CREATE DATABASE "{url.database}"{like}')

    def fresh_copy(self) -> URL:
        """A database at the newest revision with nothing in it but what the migrations write."""
        self._create(self.copy, self.template)
        return self.copy

    def close(self) -> None:
        with self._admin.connect() as conn:
            for url in (self.copy, self.template):
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
        self._admin.dispose()


@contextmanager
def empty_databases(url: str, tag: str) -> Iterator[Callable[..., URL]]:
    """``make(create=True)``: a new database on the server at ``url`` each call, empty (or not made at
    all: ``create=False``, for a database that does not exist), named ``{database}_{worker}_{tag}{n}``;
    every one dropped afterwards. ``worker`` ends with the process id: another run's are not this one's."""
    base = make_url(url)
    worker = f"{os.environ.get('PYTEST_XDIST_WORKER', '')}{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    made: list[URL] = []

    def drop(database: URL) -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database.database}" WITH (FORCE)')

    def make(create: bool = True) -> URL:
        database = base.set(database=f"{base.database}_{worker}_{tag}{len(made)}")
        drop(database)
        if create:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{database.database}"')
        made.append(database)
        return database

    try:
        yield make
    finally:
        for database in made:
            drop(database)
        admin.dispose()
