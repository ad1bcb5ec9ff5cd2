"""Opening a database: new, current, older (backed up, migrated), newer or foreign (refused, untouched)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from workshop.db import migrate
from workshop.db.connection import APPLICATION_ID
from workshop.db.engine import open_database, resolve_url
from workshop.domain.errors import DatabaseRefused


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_marked_and_configured_for_safety(tmp_path):
    db = open_database(tmp_path / "new.db")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.head_revision()
    db.close()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError, match="(?i)foreign key"):  # job 999 does not exist
        with db.session() as s:
            s.execute(text("INSERT INTO job_status_history (job_id, at, to_status, reason) "
                           "VALUES (999, '2026-01-01', 'planned', '')"))
    with db.reader() as s:  # nothing was written
        assert s.execute(text("SELECT count(*) FROM job_status_history")).scalar() == 0


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path)
    assert "newer version of Workshop" in refused.value.message
    assert _digest(path) == before


def test_sqlite_file_of_another_program_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "accounts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO ledger (amount) VALUES (42)")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(path)
    assert "not a Workshop database" in refused.value.message
    assert "ledger" in refused.value.details
    assert _digest(path) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: glue, screws\n" * 100)
    before = _digest(path)
    with pytest.raises(DatabaseRefused):
        open_database(path)
    assert _digest(path) == before


def test_older_database_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "old.db"
    url = resolve_url(path)
    migrate.upgrade(url)
    migrate.downgrade(url, "base")  # a database left at an older schema
    db = open_database(path)
    with db.reader() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.head_revision()
    db.close()
    backups = list((tmp_path / "backups").glob("old-*-before-upgrade-from-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_failing_migration_leaves_nothing_half_done(tmp_path, monkeypatch):
    from alembic import command

    path = tmp_path / "fail.db"

    def upgrade_then_fail(config, revision):
        command.upgrade(config, revision)
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(RuntimeError):
        migrate.upgrade(resolve_url(path))
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == set()  # the whole migration was rolled back: no _alembic_tmp_ tables either


def test_database_location_from_argument_environment_or_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url(tmp_path / "arg.db").database == str(tmp_path / "arg.db")
    assert resolve_url("postgresql://shop@server/workshop").get_backend_name() == "postgresql"
    monkeypatch.delenv("WORKSHOP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None).database.endswith("workshop.db")
