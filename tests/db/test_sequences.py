"""Gap-free counters (db/sequences.py): the year's first number makes its counter row, every later
one is a SELECT … FOR UPDATE of it and its UPDATE; a number taken in a save that fails is given
back. On SQLite and, with WORKSHOP_TEST_DATABASE_URL, on PostgreSQL (two processes at once:
tests/services/test_two_writers.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from workshop.db.models import NumberSequence
from workshop.db.sequences import take_next


def _taken(db, prefix: str, year: int) -> tuple[int, list[str]]:
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.session() as s:
            value = take_next(s, prefix, year)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return value, [word for word in sent if word in ("SELECT", "INSERT", "UPDATE")]


def test_the_first_number_makes_the_counter_and_later_ones_only_take_it(db):
    assert _taken(db, "X", 2026) == (1, ["SELECT", "INSERT", "SELECT", "UPDATE"])
    # the insert was tried before every number: INSERT, SELECT, UPDATE
    assert _taken(db, "X", 2026) == (2, ["SELECT", "UPDATE"])
    assert _taken(db, "X", 2027) == (1, ["SELECT", "INSERT", "SELECT", "UPDATE"])  # a year of its own
    assert _taken(db, "X", 2026) == (3, ["SELECT", "UPDATE"])


def test_a_save_that_fails_gives_its_number_back(db):
    assert _taken(db, "X", 2026)[0] == 1
    with pytest.raises(RuntimeError):
        with db.session() as s:
            assert take_next(s, "X", 2026) == 2
            raise RuntimeError("the save failed")
    assert _taken(db, "X", 2026)[0] == 2
    with db.reader() as s:
        assert s.scalars(select(NumberSequence.last_value).where(NumberSequence.prefix == "X")).all() == [2]
