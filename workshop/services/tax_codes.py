"""The shop's tax rates as the accounting tools name them (Company settings › Tax codes): for each
tax category and rate, Xero's TaxType and sales AccountCode and QuickBooks' tax code.

The exports refuse a rate with no mapping by name, so the dialog offers the rows the shop needs:
the mapping as saved, plus a row for each rate its issued invoices use that has none yet (and,
for a shop with no mapping at all, its default rate).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from decimal import Decimal

from sqlalchemy import delete, select

from ..db.engine import Database
from ..db.models import Invoice, InvoiceLine
from ..db.models import TaxCode as TaxCodeRow
from ..domain import validation as v
from ..domain.accounting_rows import TaxCode
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import TaxCategory
from ..domain.tax_rates import check_category_rate, rate_words
from .common import session_locale, settings_row

#: The longest texts the table holds (db.models.TaxCode).
TEXT_LIMITS = {"xero_tax_type": 100, "xero_account_code": 20, "quickbooks_tax_code": 100}
_FIELDS = frozenset({"category", "rate", *TEXT_LIMITS})


def _order(key: tuple[TaxCategory, Decimal]) -> tuple[int, Decimal]:
    """As invoices list their tax groups: by category (standard first), highest rate first."""
    return list(TaxCategory).index(key[0]), -key[1]


def tax_codes_in_session(s) -> tuple[TaxCode, ...]:
    views = [TaxCode(category=TaxCategory(row.category), rate=row.rate, xero_tax_type=row.xero_tax_type,
                     xero_account_code=row.xero_account_code, quickbooks_tax_code=row.quickbooks_tax_code)
             for row in s.scalars(select(TaxCodeRow))]
    return tuple(sorted(views, key=lambda view: _order(view.key)))


def list_tax_codes(db: Database) -> tuple[TaxCode, ...]:
    with db.reader() as s:
        return tax_codes_in_session(s)


def rates_in_use(db: Database) -> tuple[tuple[TaxCategory, Decimal], ...]:
    """The distinct (category, rate) pairs on issued invoices and credit notes."""
    query = (select(InvoiceLine.category, InvoiceLine.rate).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
             .where(Invoice.status != InvoiceStatus.DRAFT.value).distinct())
    with db.reader() as s:
        pairs = {(TaxCategory(category), rate) for category, rate in s.execute(query)}
    return tuple(sorted(pairs, key=_order))


def tax_codes_to_edit(db: Database) -> tuple[TaxCode, ...]:
    """The mapping, plus an empty row for each rate in use that has none (and the shop's default
    rate when nothing is mapped yet), in invoice order."""
    with db.reader() as s:
        saved = {view.key: view for view in tax_codes_in_session(s)}
        default = (TaxCategory.STANDARD, settings_row(s).default_tax_rate)
    wanted = set(rates_in_use(db)) | (set() if saved else {default})
    rows = dict(saved)
    for category, rate in wanted - saved.keys():
        rows[(category, rate)] = TaxCode(category=category, rate=rate)
    return tuple(rows[key] for key in sorted(rows, key=_order))


def _row_error(index: int, name: str, message: str) -> ValidationError:
    return ValidationError(f"rows[{index}].{name}", f"Row {index + 1}: {message}")


def _clean_row(index: int, raw: TaxCode | Mapping, locale: str) -> TaxCode:
    if isinstance(raw, TaxCode):
        raw = asdict(raw)
    if not isinstance(raw, Mapping):
        raise ValidationError(f"rows[{index}]", f"Row {index + 1}: not a tax code.")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise _row_error(index, unknown[0], f"“{unknown[0]}” is not a field of a tax code.")
    try:
        category = TaxCategory(raw.get("category"))
    except ValueError:
        raise _row_error(index, "category", f"“{raw.get('category')}” is not a tax category (standard, "
                                            "reduced, zero, exempt or reverse charge).") from None
    try:
        rate = v.decimal("rate", raw.get("rate"), maximum=Decimal(100), places=2, locale=locale)
        check_category_rate("rate", category, rate)
        texts = {name: v.text(name, raw.get(name), max_length=limit) for name, limit in TEXT_LIMITS.items()}
    except ValidationError as exc:
        raise _row_error(index, exc.field, exc.message) from None
    return TaxCode(category=category, rate=rate, **texts)


@writes(Change.SETTINGS)
def save_tax_codes(db: Database, rows: Iterable[TaxCode | Mapping]) -> tuple[TaxCode, ...]:
    """Replace the whole mapping with ``rows`` (a rate is typed in the shop's locale: ``20`` or
    ``5,5``), in one transaction: a bad row saves nothing. A rate given twice is refused by name."""
    with db.session() as s:
        locale = session_locale(s)
        clean = [_clean_row(index, raw, locale) for index, raw in enumerate(rows)]
        first_row: dict[tuple[TaxCategory, Decimal], int] = {}
        for index, row in enumerate(clean):
            if row.key in first_row:
                raise _row_error(index, "rate", f"The tax rate {rate_words(*row.key)} is given twice "
                                                f"(rows {first_row[row.key] + 1} and {index + 1}).")
            first_row[row.key] = index
        s.execute(delete(TaxCodeRow))  # at once, so the new rows never meet the old under the unique key
        s.add_all(TaxCodeRow(**{**asdict(row), "category": row.category.value}) for row in clean)
        s.flush()
        return tax_codes_in_session(s)


__all__ = ["TEXT_LIMITS", "list_tax_codes", "rates_in_use", "save_tax_codes", "tax_codes_in_session",
           "tax_codes_to_edit"]
