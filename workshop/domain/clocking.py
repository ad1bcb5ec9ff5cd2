"""Rules of clocking at the bench, on plain times: merging time spans, finding where they overlap
and the gaps between them, ignoring a scanner's double read, and telling a forgotten clock-off.

Spans are ``(start, end)`` pairs of aware datetimes (or anything ordered), start before end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

Interval = tuple[dt.datetime, dt.datetime]

#: An open segment older than this is taken as a clock-off someone forgot.
FORGOTTEN_AFTER = dt.timedelta(hours=12)
#: A second read of the same code within this many seconds is the scanner repeating itself.
REPEAT_SECONDS = 3


def merge_intervals(spans: Iterable[Interval]) -> list[Interval]:
    """The spans' union, by start: spans that overlap or touch become one.
    [(8:00, 10:00), (9:00, 11:00), (13:00, 14:00)] -> [(8:00, 11:00), (13:00, 14:00)]."""
    merged: list[Interval] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def overlaps(spans: Iterable[Interval]) -> list[Interval]:
    """Where two or more of the spans cover the same time, merged, by start.
    [(8:00, 10:00), (9:00, 11:00)] -> [(9:00, 10:00)]."""
    ordered = sorted(spans)
    found: list[Interval] = []
    reach = None  # the furthest end seen so far
    for start, end in ordered:
        if reach is not None and start < reach:
            found.append((start, min(end, reach)))
        reach = end if reach is None else max(reach, end)
    return merge_intervals(found)


def gaps(spans: Iterable[Interval]) -> list[Interval]:
    """The time between the first start and the last end that no span covers, by start.
    [(8:00, 10:00), (10:30, 12:00)] -> [(10:00, 10:30)]."""
    merged = merge_intervals(spans)
    return [(merged[i][1], merged[i + 1][0]) for i in range(len(merged) - 1)]


def span_minutes(start: dt.datetime, end: dt.datetime) -> Decimal:
    """Minutes between two moments, to the hundredth (as a booking stores them)."""
    return (Decimal((end - start).total_seconds()) / 60).quantize(Decimal("0.01"))


def elapsed_minutes(spans: Iterable[Interval]) -> Decimal:
    """Clock time covered by the spans, overlaps counted once: two people on 9:00-10:00 is 60."""
    return sum((span_minutes(a, b) for a, b in merge_intervals(spans)), Decimal(0))


def is_forgotten(segment_started_at: dt.datetime | None, now: dt.datetime) -> bool:
    """An open segment left running from an earlier local day, or for more than 12 hours: its
    operator forgot to clock off. A paused clock-on (no open segment) is never forgotten."""
    if segment_started_at is None:
        return False
    return (segment_started_at.astimezone().date() < now.astimezone().date()
            or now - segment_started_at > FORGOTTEN_AFTER)


def local_day_bounds(day: dt.date) -> Interval:
    """The local day ``day`` as a span of aware datetimes (midnight to midnight, this PC's zone)."""
    start = dt.datetime.combine(day, dt.time()).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone()
    return start, end


class RepeatGuard:
    """Ignores a scanner reading the same code twice: the same text (spaces and case aside) again
    within ``seconds`` of its last read. A different code in between starts afresh."""

    def __init__(self, seconds: float = REPEAT_SECONDS) -> None:
        self.window = dt.timedelta(seconds=seconds)
        self._last: tuple[str, dt.datetime] | None = None

    @staticmethod
    def normalised(text: str) -> str:
        return "".join(text.split()).upper()

    def is_repeat(self, text: str, at: dt.datetime) -> bool:
        """True when ``text`` repeats the last read within the window (it is then ignored and does
        not extend the window); otherwise it becomes the last read."""
        key = self.normalised(text)
        if self._last is not None:
            last_key, last_at = self._last
            if key == last_key and dt.timedelta(0) <= at - last_at < self.window:
                return True
        self._last = (key, at)
        return False

    def forget(self) -> None:
        """After an undo the same code may be scanned again at once."""
        self._last = None


def duration_text(minutes: Decimal) -> str:
    """Minutes as the floor reads them, to the whole minute: 150 -> "2 h 30 min", 45 -> "45 min",
    120 -> "2 h"."""
    whole = int(Decimal(minutes).to_integral_value())
    sign, whole = ("−", -whole) if whole < 0 else ("", whole)
    hours, rest = divmod(whole, 60)
    if not hours:
        return f"{sign}{rest} min"
    return f"{sign}{hours} h {rest} min" if rest else f"{sign}{hours} h"


def where_text(job_number: str, op_number: int, name: str = "") -> str:
    """How the floor names an operation: ``J-2026-0042 / 030 Cut panels`` (the terminal, the board,
    the day's review and the services' messages all say it so)."""
    return f"{job_number} / {op_number:03d}" + (f" {name}" if name else "")
