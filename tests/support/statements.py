"""How many SQL statements a call sends: a list that reads the same few queries however long it
is, never one per row (a count, not a stopwatch)."""

from __future__ import annotations

from sqlalchemy import event


def statements_of(db, fn) -> int:
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)
