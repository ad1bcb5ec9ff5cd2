"""Gap-free counters (B-2026-0001, INV-2026-0001 …), safe when two programs take a number at once.

The counter row for a prefix and year is taken with SELECT … FOR UPDATE, in the caller's
transaction: a second program taking the same counter waits until the first commits (or rolls
back, giving the number back) and then reads the value it left. The caller holds it to its commit,
so a unit of work takes its number late, after the rows it decides on (issuing's order: the draft,
then the counter), and two units of work never each hold what the other waits for.

The year's first number finds no row: it is created with INSERT … ON CONFLICT DO NOTHING and then
taken. Two first numbers of a year taken together would otherwise both find no row and both insert
it, and the second would fail on the unique constraint; on PostgreSQL the second insert waits for
the first transaction and then finds the row; on SQLite the write lock already serialises them.
Every later number is the one SELECT (the insert, tried each time, cost a statement per number and,
on PostgreSQL, an id from the table's sequence).
"""

from __future__ import annotations

from importlib import import_module

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import NumberSequence


def take_next(session: Session, prefix: str, year: int) -> int:
    """The next value of the ``prefix``/``year`` counter, moved in the caller's transaction (a save
    that fails gives it back)."""
    seq = _held(session, prefix, year).scalar_one_or_none()
    if seq is None:
        # the dialect's own INSERT has on_conflict_do_nothing (SQLite and PostgreSQL both); loaded when
        # first needed, so start-up does not pay for the PostgreSQL dialect
        insert = import_module(f"sqlalchemy.dialects.{session.get_bind().dialect.name}").insert
        session.execute(insert(NumberSequence).values(prefix=prefix, year=year, last_value=0)
                        .on_conflict_do_nothing(index_elements=["prefix", "year"]))
        seq = _held(session, prefix, year).scalar_one()
    seq.last_value += 1
    session.flush()
    return seq.last_value


def _held(session: Session, prefix: str, year: int):
    return session.execute(
        select(NumberSequence).where(NumberSequence.prefix == prefix, NumberSequence.year == year)
        .with_for_update().execution_options(populate_existing=True))
