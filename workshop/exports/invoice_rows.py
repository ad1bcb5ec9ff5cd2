"""The shop's tax mapping as the accounting exports use it, and the choice of what to export.

The invoices themselves arrive as ``domain.accounting_rows.ExportInvoice`` (built by
``services.invoice_exports``)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..domain.accounting_rows import ExportInvoice, TaxCode
from ..domain.errors import ValidationError
from ..domain.invoicing import TaxCategory
from ..domain.tax_rates import rate_words


def invoices_to_export(invoices: Iterable[ExportInvoice]) -> list[ExportInvoice]:
    """The invoices as a list; an export of nothing is refused rather than written as an empty file."""
    chosen = list(invoices)
    if not chosen:
        raise ValidationError("invoices", "There are no invoices to export.")
    return chosen


class TaxMapping:
    """The shop's tax rates → Xero's TaxType and AccountCode and QuickBooks' tax code.

    A rate with no mapping is refused by name, so a file never reaches the accounting tool with
    a blank or guessed tax type.
    """

    def __init__(self, codes: Iterable[TaxCode]) -> None:
        self._codes: dict[tuple[TaxCategory, Decimal], TaxCode] = {}
        for code in codes:
            key = (TaxCategory(code.category), Decimal(code.rate))  # 20 and 20.00 are one key
            if key in self._codes:
                raise ValidationError("tax_mapping", f"The tax rate {rate_words(*key)} is mapped twice.")
            self._codes[key] = code

    def xero(self, category: TaxCategory, rate: Decimal) -> tuple[str, str]:
        """(TaxType, AccountCode) for a line of this category and rate."""
        code = self._codes.get((TaxCategory(category), Decimal(rate)))
        if code is None or not code.xero_tax_type.strip() or not code.xero_account_code.strip():
            raise ValidationError("tax_mapping", f"No Xero tax type and account code are set for the tax rate "
                                                 f"{rate_words(category, rate)}: add them in Company settings.")
        return code.xero_tax_type.strip(), code.xero_account_code.strip()

    def quickbooks(self, category: TaxCategory, rate: Decimal) -> str:
        """The QuickBooks Online tax code for a line of this category and rate."""
        code = self._codes.get((TaxCategory(category), Decimal(rate)))
        if code is None or not code.quickbooks_tax_code.strip():
            raise ValidationError("tax_mapping", f"No QuickBooks tax code is set for the tax rate "
                                                 f"{rate_words(category, rate)}: add it in Company settings.")
        return code.quickbooks_tax_code.strip()


__all__ = ["TaxMapping", "invoices_to_export"]
