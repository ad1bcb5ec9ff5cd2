"""Running the Alembic migrations from inside the program (no alembic.ini needed)."""

from __future__ import annotations

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from ..domain.errors import WorkshopError
from ..paths import migrations_path
from .connection import APPLICATION_ID, is_sqlite, make_engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return _script().get_current_head()


def known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in _script().walk_revisions())


def _run(url: URL, fn, revision: str) -> None:
    """Run an Alembic command in ONE transaction with foreign keys off (SQLite batch rebuilds
    of a referenced table would otherwise cascade-delete child rows), then check the keys."""
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            fn(config, revision)
            if is_sqlite(url):
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise WorkshopError(
                        "The database upgrade would break links between records, so it was undone.",
                        details=repr(broken[:20]),
                    )
    finally:
        engine.dispose()


def upgrade(url: URL, revision: str = "head") -> None:
    _run(url, command.upgrade, revision)


def downgrade(url: URL, revision: str) -> None:
    _run(url, command.downgrade, revision)
