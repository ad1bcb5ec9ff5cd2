"""``workshop check``: is the database whole, are its links intact, is its schema ours?"""

from __future__ import annotations

from sqlalchemy import text

from ..domain.errors import WorkshopError
from . import migrate
from .connection import is_sqlite, make_engine
from .engine import probe, resolve_url


def check_database(target) -> list[str]:
    """A list of problems; empty when healthy. Never changes the database."""
    url = resolve_url(target)
    if is_sqlite(url) and url.database:
        from pathlib import Path

        if not Path(url.database).exists():
            return [f"There is no database at {url.database}."]
    try:
        found = probe(url)
    except WorkshopError as exc:
        return [exc.message]
    if not found.exists:
        return ["The database is empty: it holds no Workshop tables."]
    problems: list[str] = []
    head = migrate.head_revision()
    if found.revision not in migrate.known_revisions():
        problems.append(f"Schema version {found.revision} is newer than this program (which knows up to {head}).")
        return problems
    if found.revision != head:
        problems.append(f"Schema version {found.revision} is older than {head}; opening it in Workshop upgrades it.")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if is_sqlite(url):
                for (result,) in conn.execute(text("PRAGMA integrity_check")):
                    if result != "ok":
                        problems.append(f"Integrity: {result}")
                for row in conn.execute(text("PRAGMA foreign_key_check")):
                    problems.append(f"Broken link: a row in {row[0]} (rowid {row[1]}) points to a missing "
                                    f"row in {row[2]}.")
            settings = conn.execute(text("SELECT count(*) FROM shop_settings WHERE id = 1")).scalar()
            if settings != 1:
                problems.append("The company settings row is missing.")
    finally:
        engine.dispose()
    return problems
