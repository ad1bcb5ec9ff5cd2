"""One rule for a moment (a date and a time) on screen and in print (issue 10, item 6): printing
writes it through domain.locale_text.format_date_time, so the time follows the shop's locale too
instead of a hand-written 24-hour clock."""

from __future__ import annotations

import datetime as dt

from workshop.domain.locale_text import format_clock, format_date_time
from workshop.printing.text import format_datetime

MOMENT = dt.datetime(2027, 1, 15, 14, 5)


def test_print_writes_a_moment_as_the_window_does():
    assert format_datetime(MOMENT, locale="de_DE") == "15.01.2027 14:05"
    assert format_datetime(MOMENT, locale="en_GB") == "15 Jan 2027 14:05"
    for locale in ("de_DE", "en_GB", "en_US", "pl_PL"):
        assert format_datetime(MOMENT, locale=locale) == format_date_time(MOMENT, locale)
    assert format_datetime(None) == "—"


def test_an_american_shop_prints_its_own_clock():
    text = format_datetime(MOMENT, locale="en_US")
    assert text.startswith("Jan 15, 2027 ") and text.endswith("PM") and "2:05" in text
    assert "14:05" not in text
    assert format_clock(MOMENT, "en_GB") == "14:05"
