"""A rate group's tax shared among its lines (largest remainder), rates named and checked. By hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.invoicing import TaxCategory
from workshop.domain.tax_rates import check_category_rate, rate_words, share_tax


def test_shares_add_up_where_rounding_each_line_would_be_a_penny_over():
    # 1.03 + 2.03 + 3.03 = 6.09 at 20 %: tax 1.218 → 1.22, but line by line 0.21 + 0.41 + 0.61 = 1.23.
    # Exact shares 0.206338…, 0.406666…, 0.606995… → 0.20 + 0.40 + 0.60 = 1.20; the 2 pennies left go
    # to the largest remainders (0.006995 and 0.006666).
    assert share_tax([D("1.03"), D("2.03"), D("3.03")], D("1.22")) == [D("0.20"), D("0.41"), D("0.61")]


def test_a_tie_goes_to_the_first_line_and_a_deduction_takes_its_share_off():
    # 3 × 10.01 = 30.03 at 20 %: 6.006 → 6.01; each exact share 2.00333…: the one penny left to the first.
    assert share_tax([D("10.01")] * 3, D("6.01")) == [D("2.01"), D("2.00"), D("2.00")]
    # A final invoice: 1000.00 less a deposit of 300.00 = 700.00 at 20 %, tax 140.00: 200.00 and −60.00.
    assert share_tax([D("1000.00"), D("-300.00")], D("140.00")) == [D("200.00"), D("-60.00")]


def test_a_group_of_nothing_carries_nothing():
    assert share_tax([D("300.00"), D("-300.00")], D("0.00")) == [D("0.00"), D("0.00")]
    with pytest.raises(ValueError):
        share_tax([D("0.00")], D("0.01"))


def test_rates_named_and_checked_against_their_category():
    assert rate_words(TaxCategory.REVERSE_CHARGE, D("0.00")) == "0% (reverse charge)"
    assert rate_words(TaxCategory.REDUCED, D("5.50")) == "5.5% (reduced)"
    check_category_rate("rate", TaxCategory.STANDARD, D("100"))
    with pytest.raises(ValidationError, match="A standard rate lies above 0% and at most 100%."):
        check_category_rate("rate", TaxCategory.STANDARD, D("0"))
    with pytest.raises(ValidationError, match="The reverse charge category has a rate of 0%, not 5%."):
        check_category_rate("rate", TaxCategory.REVERSE_CHARGE, D("5.00"))


def test_categories_named_as_forms_and_documents_name_them():
    assert [category.label for category in TaxCategory] == [
        "Standard", "Reduced", "Zero rated", "Exempt", "Reverse charge"]
