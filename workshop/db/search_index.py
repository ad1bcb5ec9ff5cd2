"""The job search's trigram index on SQLite: an FTS5 table over ``jobs.search_text`` (issue 17).

A typed search asks which jobs' folded search text holds the typed text folded (``domain.search``:
``search_text LIKE '%<casefolded text>%'``). Without an index that is a pass over every job. Migration
0015 adds ``jobs_search``, an external-content FTS5 table with the trigram tokenizer (SQLite >= 3.34),
kept in step with ``jobs`` by three triggers (insert, delete, update of search_text); it is made only
where SQLite has the trigram tokenizer, and only on SQLite (PostgreSQL keeps its LIKE).

``phrase(folded)`` turns the folded text into an FTS5 phrase that finds exactly the jobs the LIKE
finds, or None when the index cannot say so, and the search keeps its LIKE:
- the trigram tokenizer makes every run of three characters a token, so the phrase of a text of three
  or more characters (its trigrams, each one character on from the last) matches exactly the texts
  that hold it; a shorter text has no trigram, and the index no answer;
- between double quotes every character is itself (``"``, ``*``, ``-``, ``(``, AND, NEAR ...): a
  double quote is written twice;
- the tokenizer folds case on both sides as SQLite's Unicode tables say. Both sides are already
  casefolded by Python, and SQLite folds none of the characters ``str.casefold`` leaves as they are
  (every code point was tried, tests/db/test_text_match_index.py) but two noncharacters, U+FFFE and
  U+FFFF, which it reads as U+FFFD: a text holding one of the three keeps the LIKE, as does one
  holding NUL.
"""

from __future__ import annotations

import sqlite3
import weakref
from functools import cache

from sqlalchemy import column, literal_column, select, table

#: The FTS5 table, and the tables FTS5 keeps for it (an external-content table keeps no text of its own).
TABLE = "jobs_search"
SHADOW_TABLES = tuple(f"{TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config"))
TRIGGERS = ("jobs_search_after_insert", "jobs_search_after_delete", "jobs_search_after_update")

#: Fewer characters than this have no trigram: the search keeps its LIKE.
MIN_CHARACTERS = 3
#: Characters the index would not tell apart from others (see the module's text).
_NOT_INDEXED = ("\x00", "\ufffd", "\ufffe", "\uffff")

_index = table(TABLE, column("rowid"))


def index_tables() -> frozenset[str]:
    """Every table the index adds to a SQLite file (the FTS5 table and its shadow tables): not the
    models' tables, so schema comparisons and row copies leave them out (triggers fill them)."""
    return frozenset((TABLE, *SHADOW_TABLES))


def phrase(folded: str) -> str | None:
    """The FTS5 phrase that finds the jobs whose search text holds ``folded`` (the typed text,
    casefolded), or None where the index cannot answer exactly (see the module's text)."""
    if len(folded) < MIN_CHARACTERS or any(c in folded for c in _NOT_INDEXED):
        return None
    return '"' + folded.replace('"', '""') + '"'


def matching_ids(phrase_value):
    """``SELECT rowid FROM jobs_search WHERE jobs_search MATCH :phrase``: the ids of the jobs whose
    search text holds the phrase (``phrase_value``: a ``phrase()`` or a bound parameter for one)."""
    return select(_index.c.rowid).where(literal_column(TABLE).op("MATCH")(phrase_value))


@cache
def trigram_tokenizer() -> bool:
    """This process's SQLite has FTS5 with the trigram tokenizer (3.34 and later, when built with FTS5)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        conn.execute("INSERT INTO t VALUES ('abcd')")
        return conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"bcd\"'").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        conn.close()


_usable: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def usable(connection) -> bool:
    """The database of ``connection`` (a SQLAlchemy connection) has the index, and this process can
    read it: SQLite, the trigram tokenizer here, and the table made by migration 0015. Asked once per
    engine, through the driver's own connection (a look at the schema, not part of any search)."""
    engine = connection.engine
    known = _usable.get(engine)
    if known is None:
        known = False
        if connection.dialect.name == "sqlite" and trigram_tokenizer():
            raw = connection.connection.driver_connection
            known = raw.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (TABLE,)).fetchone()[0] == 1
        _usable[engine] = known
    return known


def forget(engine) -> None:
    """Ask again next time (a file whose schema changed under an open engine: tests, a restore)."""
    _usable.pop(engine, None)


def rebuild(connection) -> None:
    """Build the index again from ``jobs`` (a file whose index may not match its jobs, as after a
    salvage that copied the jobs row by row with the index's tables left out). SQLAlchemy connection."""
    if usable(connection):
        connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
