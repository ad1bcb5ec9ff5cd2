"""The demo shop's calendar: England and Wales bank holidays worked out for any year, checked
against the published lists (gov.uk/bank-holidays), and the Christmas shutdown."""

from __future__ import annotations

import datetime as dt

from workshop.demo.planning import bank_holidays, shutdown_days

D = dt.date


def test_bank_holidays_2026_boxing_day_on_a_saturday_moves_to_monday():
    assert bank_holidays(2026) == [
        (D(2026, 1, 1), "New Year's Day"), (D(2026, 4, 3), "Good Friday"), (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 5, 4), "Early May bank holiday"), (D(2026, 5, 25), "Spring bank holiday"),
        (D(2026, 8, 31), "Summer bank holiday"), (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day (substitute day)")]


def test_bank_holidays_2027_christmas_on_a_saturday_moves_both_days():
    # 25 Dec 2027 is a Saturday, 26th a Sunday: Monday 27th and Tuesday 28th instead
    assert [day for day, _name in bank_holidays(2027)] == [
        D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
        D(2027, 12, 27), D(2027, 12, 28)]


def test_bank_holidays_2025_and_a_new_year_on_a_saturday():
    assert [day for day, _name in bank_holidays(2025)] == [
        D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25),
        D(2025, 12, 25), D(2025, 12, 26)]
    assert bank_holidays(2028)[0] == (D(2028, 1, 3), "New Year's Day (substitute day)")  # 1 Jan 2028: Saturday


def test_the_christmas_shutdown_is_the_working_days_left_before_new_year():
    # 2026: 27th Sunday, 28th the Boxing Day substitute, so 29, 30 and 31 December
    holidays = {day for day, _name in bank_holidays(2026)}
    assert [day for day, _name in shutdown_days(2026, holidays)] == [D(2026, 12, 29), D(2026, 12, 30),
                                                                       D(2026, 12, 31)]
