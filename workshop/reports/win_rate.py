"""Quote win rate: of the quotes sent in the range, how many were accepted, by count and by value,
month by month.

A quote counts once whatever its revisions, in the month it was first sent. Its value is the price
(before tax) of its last sent revision, or of the revision accepted. Won: a revision was accepted;
lost: its last revision was rejected or expired; otherwise still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import Quote
from ..domain.statuses import QuoteStatus
from .output import ChartData, Column, ReportOutput, Table, cell_text, month_label
from .periods import checked_range, local_day, month_of, months, percent

KEY, TITLE = "win-rate", "Quote win rate"


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


def _outcome(revisions: list[Quote]) -> tuple[str, Decimal]:
    accepted = [q for q in revisions if q.status == QuoteStatus.ACCEPTED.value]
    if accepted:
        return "won", accepted[-1].price
    last = max((q for q in revisions if q.sent_at is not None), key=lambda q: q.revision)
    lost = revisions[-1].status in (QuoteStatus.REJECTED.value, QuoteStatus.EXPIRED.value)
    return ("lost" if lost else "open"), last.price


def _month(month: dt.date, quotes: list[SentQuote]) -> MonthWins:
    won = [q for q in quotes if q.outcome == "won"]
    sent_value = sum((q.value for q in quotes), Decimal("0.00"))
    won_value = sum((q.value for q in won), Decimal("0.00"))
    return MonthWins(month, len(quotes), len(won), sum(1 for q in quotes if q.outcome == "lost"), sent_value,
                     won_value, percent(len(won), len(quotes)), percent(won_value, sent_value))


def win_rate(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> WinRateReport:
    start, end = checked_range(start, end, db.today())
    with db.reader() as s:
        revisions: dict[str, list[Quote]] = {}
        for q in s.scalars(select(Quote).order_by(Quote.number, Quote.revision)):
            revisions.setdefault(q.number, []).append(q)
        sent = []
        for number, revs in revisions.items():
            sent_at = [q.sent_at for q in revs if q.sent_at is not None]
            if not sent_at:
                continue
            day = local_day(min(sent_at))
            if start <= day <= end:
                outcome, value = _outcome(revs)
                sent.append(SentQuote(number, revs[-1].title, day, value, outcome))
    sent.sort(key=lambda q: (q.sent_on, q.number))
    per_month = tuple(_month(m, [q for q in sent if month_of(q.sent_on) == m]) for m in months(start, end))
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
