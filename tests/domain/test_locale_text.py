"""Numbers, dates and bench times read and shown in the shop's locale (issue 9, items 1, 9, 10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain import validation as v
from workshop.domain.bench_time import parse_minutes
from workshop.domain.errors import ValidationError
from workshop.domain.locale_text import NotInLocale, format_date, format_number, parse_date, parse_number

COMMA_DECIMAL = ("de_DE", "fr_FR", "pl_PL")
POINT_DECIMAL = ("en_GB", "en_US")
JAN_15 = dt.date(2027, 1, 15)


@pytest.mark.parametrize("locale", COMMA_DECIMAL)
def test_comma_decimal_shops_read_twelve_fifty_and_grouped_thousands(locale):
    assert parse_number("12,50", locale) == Decimal("12.50")
    assert parse_number("1234,56", locale) == Decimal("1234.56")  # no grouping is fine


def test_grouped_thousands_in_each_comma_locale():
    assert parse_number("1.234,56", "de_DE") == Decimal("1234.56")
    # fr_FR groups with a narrow no-break space, pl_PL with a no-break space; a plain space is typed
    for locale in ("fr_FR", "pl_PL"):
        for space in (" ", "\u00a0", "\u202f"):
            assert parse_number(f"1{space}234,56", locale) == Decimal("1234.56")


@pytest.mark.parametrize("locale", POINT_DECIMAL)
def test_point_decimal_shops_refuse_twelve_comma_fifty_naming_the_right_form(locale):
    with pytest.raises(ValidationError) as info:
        v.money("amount", "12,50", locale=locale)
    assert info.value.message == "Amount: “12,50” is not a number in this shop's format; write 12.50."
    with pytest.raises(ValidationError) as info:
        v.money("amount", "1.234,56", locale=locale)
    assert info.value.message.endswith("write 1,234.56.")
    assert parse_number("1,234.56", locale) == Decimal("1234.56")


def test_german_shop_refuses_a_point_decimal_naming_its_form():
    with pytest.raises(ValidationError) as info:
        v.money("unit_cost", "12.50", locale="de_DE")
    assert info.value.message == "Unit cost: “12.50” is not a number in this shop's format; write 12,50."


@pytest.mark.parametrize("text, locale, expected", [
    ("£3,200", "en_GB", "3200"), ("$3,200.50", "en_US", "3200.50"), ("-£5", "en_GB", "-5"),
    ("3.200,00 €", "de_DE", "3200.00"), ("12,50 zł", "pl_PL", "12.50"), ("€12,50", "fr_FR", "12.50"),
])
def test_a_currency_sign_is_accepted(text, locale, expected):
    assert parse_number(text, locale) == Decimal(expected)


def test_text_that_is_no_number_has_no_hint():
    with pytest.raises(NotInLocale) as info:
        parse_number("lots", "de_DE")
    assert info.value.hint is None


@pytest.mark.parametrize("locale, shown", [
    ("en_GB", "1,250.50"), ("en_US", "1,250.50"), ("de_DE", "1.250,50"), ("fr_FR", "1\u202f250,50"), ("pl_PL", "1\u00a0250,50"),
])
def test_numbers_pre_filled_in_a_form_read_back_unchanged(locale, shown):
    assert format_number(Decimal("1250.50"), locale, places=2) == shown
    assert parse_number(shown, locale) == Decimal("1250.50")


def test_format_number_keeps_the_value_s_own_places():
    assert format_number(Decimal("0.125"), "de_DE") == "0,125"
    assert format_number(None, "de_DE") == ""


@pytest.mark.parametrize("locale, shown", [
    ("en_GB", "15 Jan 2027"), ("en_US", "Jan 15, 2027"), ("de_DE", "15.01.2027"),
    ("fr_FR", "15 janv. 2027"), ("pl_PL", "15 sty 2027"),
])
def test_one_date_display_per_locale_and_it_reads_back(locale, shown):
    assert format_date(JAN_15, locale) == shown
    assert format_date(dt.datetime(2027, 1, 15, 14, 5), locale) == shown
    assert parse_date(shown, locale) == JAN_15


@pytest.mark.parametrize("text", ["15/1/27", "15/01/2027", "15 Jan 2027", "15 January 2027", "2027-01-15", "15.1.2027"])
def test_british_shop_reads_its_typed_date_forms(text):
    assert parse_date(text, "en_GB") == JAN_15


@pytest.mark.parametrize("text, locale", [
    ("1/15/27", "en_US"), ("January 15, 2027", "en_US"), ("15.01.27", "de_DE"), ("15. Januar 2027", "de_DE"),
    ("15/01/2027", "fr_FR"), ("15 janvier 2027", "fr_FR"), ("15.01.2027", "pl_PL"), ("15 stycznia 2027", "pl_PL"),
])
def test_each_locale_reads_its_own_short_and_long_forms(text, locale):
    assert parse_date(text, locale) == JAN_15


def test_a_date_that_does_not_exist_is_refused_with_examples():
    with pytest.raises(ValidationError) as info:
        v.date("due_date", "31/2/27", locale="en_GB")
    assert info.value.message == "Due date must be a date like 15/01/2027, 15 Jan 2027 or 2027-01-15, not “31/2/27”."
    with pytest.raises(ValidationError):
        v.date("due_date", "15/1/27", locale="en_US")  # month 15 in an American shop


@pytest.mark.parametrize("text, minutes", [
    ("80", "80"), ("90m", "90"), ("90 min", "90"), ("1h20", "80"), ("1h 20m", "80"), ("1:20", "80"),
    ("1.5h", "90"),  # 1.5 × 60 = 90
    ("2h", "120"), ("0:05", "5"), ("12.5", "12.5"),
    ("1.333h", "79.98"),  # 1.333 × 60 = 79.98
])
def test_bench_time_forms(text, minutes):
    assert parse_minutes(text, "en_GB") == Decimal(minutes)


def test_bench_time_in_a_comma_locale():
    assert parse_minutes("1,5h", "de_DE") == Decimal(90)  # 1,5 × 60
    assert parse_minutes("12,5", "pl_PL") == Decimal("12.5")


@pytest.mark.parametrize("text", ["ten", "1h75", "1:75", "h20", ""])
def test_bench_time_refuses_nonsense_listing_the_forms(text):
    with pytest.raises(ValidationError) as info:
        v.minutes("minutes", text if text else "x", locale="en_GB")
    assert "write a time like 80, 90m, 1h20, 1:20 or 1.5h" in info.value.message


def test_whole_numbers_follow_the_locale():
    assert v.positive_int("quantity", "1.000", locale="de_DE") == 1000
    assert v.positive_int("quantity", "1,000", locale="en_GB") == 1000
    with pytest.raises(ValidationError):
        v.positive_int("quantity", "2,5", locale="de_DE")
