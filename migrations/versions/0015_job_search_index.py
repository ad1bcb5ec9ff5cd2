"""The job search's trigram index (issue 17): on SQLite with FTS5's trigram tokenizer (3.34 and later),
``jobs_search``, an FTS5 table over ``jobs.search_text`` with the jobs' own rows as its content
(external content: the text is not stored twice), filled from the jobs there are and kept in step by
three triggers on ``jobs``. ``workshop/db/search_index.py`` says how a search uses it.

Nothing changes meaning. On PostgreSQL, or where SQLite lacks the trigram tokenizer, nothing is made
and a search keeps its LIKE. The tables are not models: schema comparisons leave them out
(``search_index.index_tables()``).

A later migration that rebuilds ``jobs`` in batch mode (copy, drop, rename) drops these triggers with
the old table: it must make them again (and rebuild the index) as this one does.

Revision ID: 0015
Revises: 0014
"""
import sqlite3
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0015'
down_revision: Union[str, Sequence[str], None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_TABLE = "jobs_search"
_TRIGGERS = {
    "jobs_search_after_insert":
        "AFTER INSERT ON jobs BEGIN "
        "INSERT INTO jobs_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "jobs_search_after_delete":
        "AFTER DELETE ON jobs BEGIN "
        "INSERT INTO jobs_search(jobs_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "jobs_search_after_update":  # the id never changes; only a new search text is indexed again
        "AFTER UPDATE OF search_text ON jobs BEGIN "
        "INSERT INTO jobs_search(jobs_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO jobs_search(rowid, search_text) VALUES (new.id, new.search_text); END",
}


def _trigram_tokenizer() -> bool:
    """This SQLite has FTS5 and its trigram tokenizer (asked of a throwaway database in memory)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite" or not _trigram_tokenizer():
        return
    op.execute(f"CREATE VIRTUAL TABLE {_TABLE} USING fts5(search_text, content='jobs', content_rowid='id', "
               "tokenize='trigram')")
    op.execute(f"INSERT INTO {_TABLE}({_TABLE}) VALUES ('rebuild')")
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in reversed(_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {_TABLE}")
