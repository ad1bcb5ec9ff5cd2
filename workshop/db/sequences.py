"""Gap-free counters (B-2026-0001, INV-2026-0001 …), safe when two programs take a number at once.

The counter row for a prefix and year is created with INSERT … ON CONFLICT DO NOTHING before it is
locked: two first numbers of a year taken together would otherwise both find no row and both insert
it, and the second would fail on the unique constraint. On PostgreSQL the second insert waits for
the first transaction and then finds the row; on SQLite the write lock already serialises them.
"""

from __future__ import annotations

from importlib import import_module

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import NumberSequence


def take_next(session: Session, prefix: str, year: int) -> int:
    """The next value of the ``prefix``/``year`` counter, moved in the caller's transaction (a save
    that fails gives it back)."""
    # the dialect's own INSERT has on_conflict_do_nothing (SQLite and PostgreSQL both); loaded when
    # first needed, so start-up does not pay for the PostgreSQL dialect
    insert = import_module(f"sqlalchemy.dialects.{session.get_bind().dialect.name}").insert
    session.execute(insert(NumberSequence).values(prefix=prefix, year=year, last_value=0)
                    .on_conflict_do_nothing(index_elements=["prefix", "year"]))
    seq = session.execute(
        select(NumberSequence).where(NumberSequence.prefix == prefix, NumberSequence.year == year)
        .with_for_update().execution_options(populate_existing=True)
    ).scalar_one()
    seq.last_value += 1
    session.flush()
    return seq.last_value
