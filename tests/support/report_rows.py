"""For the report tests: the demo range, and rows put straight into a fresh shop for the small
cases worked by hand."""

from __future__ import annotations

import datetime as dt

DEMO_TODAY = "2026-11-21"
#: The range the demo tests report on: the last 12 months up to the demo's today.
START, END = dt.date(2025, 12, 1), dt.date(2026, 11, 21)


def utc(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def put(db, *rows) -> list:
    """Rows straight into the database, in one transaction; their ids."""
    with db.session() as s:
        for row in rows:
            s.add(row)
            s.flush()
        return [row.id for row in rows]
