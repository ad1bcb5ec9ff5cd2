"""The costing pages write money through ``quick_money`` where it writes exactly what Babel writes
(``domain.money.format_money``), and through Babel where it would not."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from workshop.domain.money import format_money
from workshop.ui.widgets.cost_common import quick_money


@pytest.mark.parametrize("currency, locale", [("GBP", "en_GB"), ("EUR", "de_DE"), ("PLN", "pl_PL"), ("EUR", "fr_FR"),
                                              ("USD", "en_US"), ("EUR", "nl_NL"), ("SEK", "sv_SE")])
def test_quick_money_writes_what_babel_writes(currency, locale):
    quick = quick_money(currency, locale)
    assert quick is not None
    rng = random.Random(17)
    amounts = [D(rng.randint(-10**11, 10**11)).scaleb(-rng.randint(0, 4)) for _ in range(3000)]
    amounts += [D("0"), D("-0.00"), D("-0.004"), D("0.005"), D("-0.005"), D("1234.5"), D("-999999.995")]
    for amount in amounts:
        assert quick(amount) == format_money(amount, currency, locale), amount


@pytest.mark.parametrize("currency, locale", [("JPY", "ja_JP"), ("INR", "en_IN"), ("CHF", "de_CH")])
def test_where_it_would_differ_babel_writes_it(currency, locale):
    # yen have no decimals; India groups lakhs and crores; Swiss francs put the sign after the code
    assert quick_money(currency, locale) is None
