"""One reader each for figures and for moments (issue 10, item 6): an inspection figure is read
by the same reader as any other number, and a booking's and an inspection's time by the same
reader of dates and times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain import quality as q
from workshop.domain import validation as v
from workshop.domain.errors import ValidationError


@pytest.mark.parametrize("text, locale, expected", [
    ("600,12", "de_DE", D("600.12")), ("-0,5", "de_DE", D("-0.5")), ("± 0.5", "en_GB", D("0.5")),
    ("1 234.5", "en_GB", D("1234.5")), ("−0.05", "en_GB", D("-0.05")),
])
def test_an_inspection_figure_is_read_as_written(text, locale, expected):
    got = q.number("nominal", text, locale=locale)
    assert got == expected and str(got) == str(expected)  # kept as written: 600.12, not 600.1200


def test_an_inspection_figure_is_refused_with_the_form_the_shop_writes():
    with pytest.raises(ValidationError) as refused:
        q.number("lower_tolerance", "-0.5", locale="de_DE")
    assert refused.value.field == "lower_tolerance" and "write -0,5" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        q.number("nominal", "12.34567", locale="en_GB")
    assert refused.value.message == "Nominal allows at most 4 decimal places."


def test_a_moment_typed_without_a_zone_is_this_pcs_time_and_comes_back_in_utc():
    typed = dt.datetime(2026, 11, 20, 8, 30)
    assert v.moment("started_at", "2026-11-20 08:30") == typed.astimezone().astimezone(dt.UTC)
    assert v.moment("started_at", "2026-11-20T08:30+01:00") == dt.datetime(2026, 11, 20, 7, 30, tzinfo=dt.UTC)
    assert v.moment("started_at", "") is None
    with pytest.raises(ValidationError) as refused:
        v.moment("recorded_at", "yesterday")
    assert refused.value.message == "Recorded at must be a date and time like 2026-11-20 08:30, not “yesterday”."
    with pytest.raises(ValidationError, match="Ended at is required"):
        v.moment("ended_at", None, required=True)
