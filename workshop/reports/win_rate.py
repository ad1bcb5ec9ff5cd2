"""Quote win rate: of the quotes sent in the range, how many were accepted, by count and by value,
month by month.

A quote counts once whatever its revisions, in the month it was first sent. Its value is the price
(before tax) of its last sent revision, or of the revision accepted. Won: a revision was accepted;
lost: its last revision was rejected or expired; otherwise still open.

The database finds the quotes first sent in the range (one grouped read) and hands back their
revisions as plain rows; the first sending's moment is made a shop-local day by ``LocalDays``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import bindparam, func, select

from ..db.engine import Database
from ..db.local_days import LocalDays, as_stored
from ..db.models import Quote
from ..domain.statuses import QuoteStatus
from .kinds import WIN_RATE
from .output import ChartData, Column, ReportOutput, Table, cell_text, month_label
from .periods import checked_range, month_of, months, percent

KEY, TITLE = WIN_RATE.key, WIN_RATE.title


@dataclass(frozen=True)
class SentQuote:
    number: str
    title: str
    sent_on: dt.date
    value: Decimal
    outcome: str  # "won" | "lost" | "open"


@dataclass(frozen=True)
class MonthWins:
    month: dt.date
    sent: int
    won: int
    lost: int
    sent_value: Decimal
    won_value: Decimal
    by_count: Decimal | None  # percent won
    by_value: Decimal | None


@dataclass(frozen=True)
class WinRateReport:
    start: dt.date
    end: dt.date
    quotes: tuple[SentQuote, ...]
    months: tuple[MonthWins, ...]
    total: MonthWins  # over the range (its month: the range's start)


_ACCEPTED = QuoteStatus.ACCEPTED.value
_LOST = frozenset({QuoteStatus.REJECTED.value, QuoteStatus.EXPIRED.value})


def _outcome(revisions: list[tuple]) -> tuple[str, Decimal]:
    """(revision, status, sent, price) of one quote, in revision order → its outcome and value."""
    accepted = [price for _, status, _, price in revisions if status == _ACCEPTED]
    if accepted:
        return "won", accepted[-1]
    last = max((r for r in revisions if r[2]), key=lambda r: r[0])
    return ("lost" if revisions[-1][1] in _LOST else "open"), last[3]


@cache
def _revisions_query():
    """Every revision (plain columns) of each quote first sent between ``after`` and ``before`` (UTC moments a
    day either side of the range; the exact local day is checked afterwards), with that first sending as
    stored, by number and revision."""
    after, before = bindparam("after", type_=Quote.sent_at.type), bindparam("before", type_=Quote.sent_at.type)
    first = func.min(Quote.sent_at)
    sent = (select(Quote.number, first.label("first")).where(Quote.sent_at.is_not(None)).group_by(Quote.number)
            .having(first >= after, first < before).subquery("sent"))
    return (select(Quote.number, Quote.revision, Quote.status, Quote.sent_at.is_not(None), Quote.price, Quote.title,
                   as_stored(sent.c.first))
            .join(sent, sent.c.number == Quote.number).order_by(Quote.number, Quote.revision))


def _month(month: dt.date, quotes: list[SentQuote]) -> MonthWins:
    won = [q for q in quotes if q.outcome == "won"]
    sent_value = sum((q.value for q in quotes), Decimal("0.00"))
    won_value = sum((q.value for q in won), Decimal("0.00"))
    return MonthWins(month, len(quotes), len(won), sum(1 for q in quotes if q.outcome == "lost"), sent_value,
                     won_value, percent(len(won), len(quotes)), percent(won_value, sent_value))


def win_rate(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> WinRateReport:
    start, end = checked_range(start, end, db.today())
    params = {"after": dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), dt.UTC),
              "before": dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), dt.UTC)}
    with db.reader() as s:
        rows = s.connection().execute(_revisions_query(), params).all()
    quotes: dict[str, tuple[str, list[tuple]]] = {}  # number → (first sent, as stored; its revisions)
    for number, revision, status, was_sent, price, title, first in rows:
        quotes.setdefault(number, (first, []))[1].append((revision, status, was_sent, price, title))
    days = LocalDays()
    sent = []
    for (number, (first, revs)), day in zip(quotes.items(), days.days_of([q[0] for q in quotes.values()])):
        if start <= day <= end:
            outcome, value = _outcome([r[:4] for r in revs])
            sent.append(SentQuote(number, revs[-1][4], day, value, outcome))
    sent.sort(key=lambda q: (q.sent_on, q.number))
    by_month: dict[dt.date, list[SentQuote]] = {}
    for q in sent:
        by_month.setdefault(month_of(q.sent_on), []).append(q)
    per_month = tuple(_month(m, by_month.get(m, [])) for m in months(start, end))
    return WinRateReport(start, end, tuple(sent), per_month, _month(start, sent))


def output(report: WinRateReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    t = report.total
    if t.sent:
        summary = (f"{t.won} of {t.sent} quotes sent were accepted ({cell_text(t.by_count, 'percent', locale=locale)}); "
                   f"{cell_text(t.won_value, 'money', currency, locale)} of "
                   f"{cell_text(t.sent_value, 'money', currency, locale)} quoted "
                   f"({cell_text(t.by_value, 'percent', locale=locale)} by value).",
                   f"{t.lost} lost, {t.sent - t.won - t.lost} still open.")
    else:
        summary = ("No quote was sent in this range.",)
    month_cols = (Column("Month", "month"), Column("Sent", "count"), Column("Won", "count"), Column("Lost", "count"),
                  Column("Sent value", "money"), Column("Won value", "money"), Column("Won % by count", "percent"),
                  Column("Won % by value", "percent"))
    quote_cols = (Column("Quote"), Column("Title"), Column("Sent", "date"), Column("Value", "money"),
                  Column("Outcome"))
    month_rows = tuple((m.month, m.sent, m.won, m.lost, m.sent_value, m.won_value, m.by_count, m.by_value)
                       for m in report.months)
    chart = ChartData("line", "Quotes won per month", tuple(month_label(m.month, locale) for m in report.months),
                      (("By count", tuple(m.by_count for m in report.months)),
                       ("By value", tuple(m.by_value for m in report.months))), value_label="% won", percent=True)
    return ReportOutput(
        KEY, TITLE, report.start, report.end, summary,
        (Table("By month", month_cols, month_rows),
         Table("Quotes sent", quote_cols, tuple((q.number, q.title, q.sent_on, q.value, q.outcome)
                                                for q in report.quotes), name="quotes")),
        (chart,), currency, locale,
        notes=("A quote counts once, in the month it was first sent; its value is its price before tax.",))


__all__ = ["KEY", "TITLE", "SentQuote", "MonthWins", "WinRateReport", "win_rate", "output"]
