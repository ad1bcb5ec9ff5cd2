"""Quote win rate, by count and by value, against hand-written SQL over the demo shop and on a case
worked by hand (a revised quote counts once)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.db.models import Brief, Quote
from workshop.reports.win_rate import win_rate

from support.report_rows import END, START, put, utc

# a quote number, counted once: the month of its first sending; won when a revision was accepted
PER_MONTH = """
    SELECT substr(MIN(sent_at), 1, 7) AS month, number, MAX(status = 'accepted')
    FROM quotes WHERE sent_at IS NOT NULL GROUP BY number HAVING date(MIN(sent_at)) BETWEEN ? AND ?"""


def test_counts_and_values_agree_with_sql(demo, sql):
    report = win_rate(demo, START, END)
    rows = sql(PER_MONTH, START.isoformat(), END.isoformat())
    by_month: dict[str, list[int]] = {}
    for month, _number, won in rows:
        by_month.setdefault(month, []).append(won)
    got = {m.month.strftime("%Y-%m"): (m.sent, m.won) for m in report.months if m.sent}
    assert got == {month: (len(w), sum(w)) for month, w in by_month.items()}
    # the value won: the accepted revisions' prices (minor units) of the quotes first sent in the range
    won_value = sql("""SELECT SUM(price) FROM quotes q WHERE status = 'accepted' AND number IN (
                           SELECT number FROM quotes WHERE sent_at IS NOT NULL GROUP BY number
                           HAVING date(MIN(sent_at)) BETWEEN ? AND ?)""", START.isoformat(), END.isoformat())[0][0]
    assert report.total.won_value == D(won_value) / 100
    assert report.total.sent == len(rows) > 10


def test_a_case_worked_by_hand(db, shop):
    brief, = put(db, Brief(number="B-1", customer_id=shop.customer.id, title="x", created_at=utc(dt.date(2026, 1, 2)),
                           updated_at=utc(dt.date(2026, 1, 2))))

    def quote(number, revision, status, sent, price):
        return Quote(number=number, revision=revision, brief_id=brief, status=status, title=number,
                     created_at=utc(dt.date(2026, 1, 2)), sent_at=utc(sent) if sent else None, price=D(price))

    put(db, quote("Q-1", 1, "superseded", dt.date(2026, 1, 10), "1000.00"),
        quote("Q-1", 2, "accepted", dt.date(2026, 1, 20), "900.00"),  # revised, then won: once, in January, at 900
        quote("Q-2", 1, "rejected", dt.date(2026, 1, 15), "500.00"),
        quote("Q-3", 1, "sent", dt.date(2026, 2, 3), "2000.00"),
        quote("Q-4", 1, "draft", None, "750.00"))  # never sent: not counted
    report = win_rate(db, dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert [(q.number, q.outcome, q.value) for q in report.quotes] == [
        ("Q-1", "won", D("900.00")), ("Q-2", "lost", D("500.00")), ("Q-3", "open", D("2000.00"))]
    jan, feb = report.months
    # January: 2 sent, 1 won = 50 %; 900 of 900 + 500 = 1,400 = 64.29 % by value
    assert (jan.sent, jan.won, jan.lost, jan.sent_value, jan.won_value) == (2, 1, 1, D("1400.00"), D("900.00"))
    assert (jan.by_count, jan.by_value) == (D("50.0"), D("64.3"))
    assert (feb.sent, feb.won, feb.by_count, feb.by_value) == (1, 0, D("0.0"), D("0.0"))
    # the two months: 1 of 3 = 33.3 %; 900 of 3,400 = 26.47 % by value
    assert (report.total.by_count, report.total.by_value) == (D("33.3"), D("26.5"))
