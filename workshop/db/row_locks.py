"""Holding the rows a unit of work decides on, so that two programs on one server wait their turn
instead of each deciding on what the other is about to change.

On PostgreSQL (READ COMMITTED) two saves can read the same row, both decide, and the second's write
then lands on the first's (a lost update) or, on a versioned row (a job), finds its version gone
(``StaleDataError``, told as ChangedMeanwhile). ``hold`` takes the rows with ``SELECT … FOR NO KEY
UPDATE`` (it does not stop others inserting rows that point at them) and reads them afresh, so
what the unit of work then reads and writes is the newest, and nobody else changes them until it
commits. Callers take their rows in one fixed order (clocking: the operator, then the job) so that
two units of work never each hold what the other waits for.

On SQLite a writer already holds the whole file from its first statement (``BEGIN IMMEDIATE``):
nothing is read or locked here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

T = TypeVar("T")


def serialised_by_file(session: Session) -> bool:
    """Whether one writer at a time is the database's own rule (SQLite), so ``hold`` is not needed."""
    return session.get_bind().dialect.name == "sqlite"


def hold(session: Session, model: type[T], ids: Iterable[int]) -> list[T]:
    """The ``model`` rows with these ids, held until the session's transaction ends and read afresh
    (an object already in the session is refreshed), in id order; [] on SQLite (nothing to do)."""
    if serialised_by_file(session):
        return []
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    return list(session.scalars(
        select(model).where(model.id.in_(wanted)).order_by(model.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)))
