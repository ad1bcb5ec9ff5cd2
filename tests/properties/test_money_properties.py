"""Property-based tests (hypothesis) of money: what a screen shows in the shop's locale reads back
as the same amount, in every shop locale; and the one rounding rule, half up (away from zero) to
the minor unit, checked against integer arithmetic done by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain import validation as v
from workshop.domain.invoicing import round_to_minor, tax_of
from workshop.domain.locale_text import format_number, parse_number
from workshop.domain.money import format_money, round_money, to_minor

LOCALES = {"en_GB": "GBP", "en_US": "USD", "de_DE": "EUR", "fr_FR": "EUR", "pl_PL": "PLN"}
FAST = settings(max_examples=200, deadline=None)

cents = st.integers(min_value=-(10 ** 11), max_value=10 ** 11)  # under a billion, in hundredths
amounts = cents.map(lambda c: D(c).scaleb(-2))
thousandths = st.integers(min_value=-(10 ** 9), max_value=10 ** 9).map(lambda m: D(m).scaleb(-3))


def half_up_cents(thousandths_value: int) -> int:
    """Hundredths of a figure given in thousandths, half away from zero, by integer arithmetic."""
    sign = -1 if thousandths_value < 0 else 1
    whole, rest = divmod(abs(thousandths_value), 10)
    return sign * (whole + (1 if rest >= 5 else 0))


@pytest.mark.parametrize("locale", sorted(LOCALES))
@FAST
@given(amount=amounts)
def test_an_amount_shown_for_editing_reads_back_the_same(locale, amount):
    shown = format_number(amount, locale, places=2)
    assert parse_number(shown, locale) == amount
    assert v.decimal("price_change", shown, minimum=None, locale=locale) == amount  # the one reader, as a form


@pytest.mark.parametrize("locale", sorted(LOCALES))
@FAST
@given(amount=amounts)
def test_an_amount_shown_with_its_currency_reads_back_the_same(locale, amount):
    shown = format_money(amount, LOCALES[locale], locale)
    assert parse_number(shown, locale) == amount, shown


@FAST
@given(value=thousandths)
def test_rounding_is_half_up_away_from_zero_to_the_cent(value):
    expected = D(half_up_cents(int(value.scaleb(3)))).scaleb(-2)
    assert round_money(value) == expected == round_to_minor(value)
    assert to_minor(value) == half_up_cents(int(value.scaleb(3)))
    assert round_money(-value) == -round_money(value)  # symmetric: a credit note mirrors its invoice


@FAST
@given(taxable=amounts, rate=st.sampled_from(["0", "5", "7", "8", "12.5", "19", "20", "21", "23"]))
def test_a_groups_tax_is_rounded_once_half_up(taxable, rate):
    # taxable in cents × rate in hundredths of a percent = tax in 10^-6: round to cents by hand
    exact_millionths = int(taxable.scaleb(2)) * int(D(rate).scaleb(2))
    sign = -1 if exact_millionths < 0 else 1
    whole, rest = divmod(abs(exact_millionths), 10_000)
    assert tax_of(taxable, D(rate)) == D(sign * (whole + (1 if rest >= 5_000 else 0))).scaleb(-2)
