"""The shop's tax rates mapped to Xero and QuickBooks names; a line's discount as Xero's percentage;
the export invoice's own checks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from support.export_samples import MAPPING, REDUCED_5, STANDARD_20, dining_set_invoice, line
from workshop.domain.errors import ValidationError
from workshop.domain.invoicing import TaxCategory
from workshop.domain.accounting_rows import TaxCode
from workshop.exports.invoice_rows import TaxMapping


def test_a_rate_maps_to_its_xero_and_quickbooks_names_whatever_its_decimals():
    assert MAPPING.xero(TaxCategory.STANDARD, D("20.00")) == ("20% (VAT on Income)", "200")
    assert MAPPING.quickbooks(TaxCategory.REDUCED, D("5")) == "5.0% R"


def test_an_unmapped_rate_is_refused_by_name():
    with pytest.raises(ValidationError) as refused:
        MAPPING.xero(TaxCategory.REDUCED, D("12.5"))
    assert refused.value.field == "tax_mapping"
    assert "12.5% (reduced)" in refused.value.message
    with pytest.raises(ValidationError, match=r"0% \(reverse charge\)"):
        MAPPING.quickbooks(TaxCategory.REVERSE_CHARGE, D("0"))


def test_a_rate_mapped_for_one_tool_only_is_refused_for_the_other():
    mapping = TaxMapping([TaxCode(category=TaxCategory.ZERO, rate=D("0"), quickbooks_tax_code="0.0% Z")])
    assert mapping.quickbooks(TaxCategory.ZERO, D("0")) == "0.0% Z"
    with pytest.raises(ValidationError, match=r"No Xero tax type.*0% \(zero\)"):
        mapping.xero(TaxCategory.ZERO, D("0"))


def test_a_rate_mapped_twice_is_refused():
    with pytest.raises(ValidationError, match=r"20% \(standard\) is mapped twice"):
        TaxMapping([STANDARD_20, REDUCED_5, TaxCode(category=TaxCategory.STANDARD, rate=D("20.00"))])


@pytest.mark.parametrize("quantity, unit, discount, percent", [
    ("4", "25.00", "10.00", D("10")),  # 10.00 of 100.00
    ("6", "245.50", "147.30", D("10")),  # 147.30 of 1473.00
    ("1", "80.00", "10.00", D("12.5")),  # 10.00 of 80.00
    ("3", "10.00", "10.00", None),  # 33.333…%: no exact percentage
    ("1", "30.00", "0.01", None),  # 0.0333…%
    ("2", "10.00", "0", None),  # no discount
])  # fmt: skip
def test_a_discount_amount_as_an_exact_percentage(quantity, unit, discount, percent):
    assert line("x", quantity, unit, "0", "0", discount=discount).discount_percent == percent


def test_an_export_invoice_the_service_built_wrongly_is_a_bug_not_a_message():
    invoice = dining_set_invoice()
    with pytest.raises(ValueError, match="kind"):
        replace(invoice, kind="deposit")
    with pytest.raises(ValueError, match="at least one line"):
        replace(invoice, lines=())
    with pytest.raises(ValueError, match="at most 4 address lines"):
        replace(invoice, address_lines=("1", "2", "3", "4", "5"))
