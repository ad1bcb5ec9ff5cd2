"""Declarative base with a naming convention, and exact decimal column types.

The naming convention is there from the first migration so that later batch
migrations on SQLite can drop or alter constraints by name.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator, event
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, object_session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScaledDecimal(TypeDecorator):
    """A Decimal stored as an integer count of 10**-scale units.

    SQLAlchemy's Numeric goes through float on SQLite, so money (scale 2: minor
    units), quantities (scale 3) and minutes (scale 2) are stored as integers.
    The service layer has already validated the number of places; a value
    with more places than the column holds is a bug, so it raises.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2) -> None:
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value: Decimal | int | None, dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value).scaleb(self.scale)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type in column definitions
    return ScaledDecimal(2)


def Quantity() -> ScaledDecimal:  # noqa: N802
    return ScaledDecimal(3)


def Minutes() -> ScaledDecimal:  # noqa: N802
    return ScaledDecimal(2)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite drops tzinfo)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


#: ``Session.info`` key: who makes the session's changes ("anna on OFFICE-PC"), as the ``Database``
#: says; written on the rows that keep who changed them last (issue 18: "it changed, and by whom").
AUTHOR = "author"
#: ``Session.info`` key: the Database's clock (``Database.now``), for when an edited record was saved.
CLOCK = "clock"


def author_of(record) -> str:
    """Who is changing ``record``: its session's author ("" outside a Database's session)."""
    session = object_session(record)
    return session.info.get(AUTHOR, "") if session is not None else ""


def saved_now(record) -> dt.datetime | None:
    """The time by its session's clock (None outside a Database's session)."""
    session = object_session(record)
    clock = session.info.get(CLOCK) if session is not None else None
    return clock() if clock is not None else None


class Edited:
    """A record people edit in forms, perhaps two at once from two PCs (issue 18): the number of its
    last change, checked and raised by every ORM update (``… WHERE id = ? AND version = ?``: of two
    saves of one version only the first lands, the second's flush finds no row: StaleDataError), who
    made it ("anna on OFFICE-PC", the Database's author) and when (``saved_at``; None for a record last
    saved before it was kept). A mixin for the models."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    saved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.version}


@event.listens_for(Edited, "before_insert", propagate=True)
def _who_made(_mapper, _connection, record: Edited) -> None:
    record.updated_by = author_of(record)
    record.saved_at = saved_now(record)


@event.listens_for(Edited, "before_update", propagate=True)
def _who_saved(_mapper, _connection, record: Edited) -> None:
    # Set on every flush of the record, even one whose own columns did not change: a draft whose
    # lines alone changed (rows of their own) is saved again by it, so its version moves and another
    # PC editing it is told. A record merely touched in the session (the same author, no column
    # changed) is not written: its time is set only when the row is.
    record.updated_by = author_of(record)
    session = object_session(record)
    if session is not None and session.is_modified(record, include_collections=False):
        record.saved_at = saved_now(record)


__all__ = ["Base", "ScaledDecimal", "Money", "Quantity", "Minutes", "UTCDateTime", "Integer"]
