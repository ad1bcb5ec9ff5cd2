"""Company settings: who the shop is, its currency, tax rate, numbering and paper."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from ..db.engine import Database
from ..db.models import ShopSettings
from ..domain import validation as v
from ..domain.addresses import clean_country
from ..domain.bank_account import check_bic_matches_iban, clean_bic, clean_iban
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.money import is_known_currency
from ..domain.statuses import OverheadBasis
from .common import clean_fields, settings_row, shop_locale

PAGE_SIZES = ("A4", "Letter")
#: What a purchase for a job costs the job when it is issued on receipt: the price paid for it, or
#: the stock's weighted average after it came in (stock itself is always valued at the average).
JOB_PURCHASE_COSTINGS = ("actual", "average")


@dataclass(frozen=True)
class SettingsView:
    company_name: str
    address: str
    phone: str
    email: str
    tax_number: str
    currency: str
    locale: str
    default_tax_rate: Decimal
    brief_prefix: str
    quote_prefix: str
    job_prefix: str
    invoice_prefix: str
    page_size: str
    has_logo: bool
    default_warranty_months: int = 12  # quality issue: a job's warranty unless it has its own
    # Costing: overhead at a workstation with no rate of its own (None: no shop-wide overhead).
    default_overhead_rate: Decimal | None = None
    default_overhead_basis: str = OverheadBasis.PER_LABOUR_HOUR.value
    # Quote terms: copied to each new quote (validity applies when a quote is sent without a date).
    quote_validity_days: int = 30
    quote_payment_terms: str = ""
    quote_exclusions: str = ""
    quote_terms: str = ""
    # Invoices: days from the issue date to the due date; the country the shop sells from.
    payment_terms_days: int = 30
    country: str = "GB"
    # The account customers pay into, compact ("" for none): printed on invoices, frozen at issue.
    iban: str = ""
    bic: str = ""
    # Shop floor: an operator may be clocked on to several operations at once (a machine running
    # while they work at the bench); off: one at a time.
    several_clock_ons: bool = False
    # Purchasing: numbers PO-2026-0001; a job's purchase costs it the price paid ("actual") or the
    # stock's average ("average").
    purchase_order_prefix: str = "PO"
    job_purchase_costing: str = "actual"


def _currency(value: object) -> str:
    code = v.text("currency", value, required=True, max_length=3).upper()
    if len(code) != 3 or not is_known_currency(code):
        raise ValidationError("currency", f"“{code}” is not an ISO currency code (like GBP, EUR, PLN).")
    return code


def _prefix(field: str, value: object) -> str:
    prefix = v.text(field, value, required=True, max_length=10)
    if not prefix.isascii() or not prefix.replace("_", "").isalnum():
        raise ValidationError(field, "A prefix may hold only the letters A–Z and digits (it goes into barcodes).")
    return prefix.upper()


def _locale(value: object) -> str:
    from babel import Locale, UnknownLocaleError

    code = v.text("locale", value, required=True, max_length=20)
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise ValidationError("locale", f"“{code}” is not a known locale (like en_GB, pl_PL).") from None
    return code


def _warranty_months(value: object) -> int:
    """Whole months, 0 (no warranty) to 240."""
    if isinstance(value, str) and value.strip() in ("0", "+0"):
        return 0
    if value == 0 and not isinstance(value, bool):
        return 0
    return v.positive_int("default_warranty_months", value, maximum=240)


def _country(value: object) -> str:
    """The shop's own country: an e-invoice must state where the seller is."""
    code = clean_country("country", value)
    if not code:
        raise ValidationError("country", "Country is required (an invoice states where the shop is).")
    return code


_VALIDATORS = {
    "company_name": partial(v.text, "company_name", required=True),
    "address": partial(v.text, "address", max_length=2000),
    "phone": partial(v.text, "phone", max_length=60),
    "email": partial(v.email, "email"),
    "tax_number": partial(v.text, "tax_number", max_length=60),
    "currency": _currency,
    "locale": _locale,
    "default_tax_rate": partial(v.decimal, "default_tax_rate", maximum=Decimal(100)),
    "brief_prefix": partial(_prefix, "brief_prefix"),
    "quote_prefix": partial(_prefix, "quote_prefix"),
    "job_prefix": partial(_prefix, "job_prefix"),
    "invoice_prefix": partial(_prefix, "invoice_prefix"),
    "purchase_order_prefix": partial(_prefix, "purchase_order_prefix"),
    "job_purchase_costing": partial(v.choice, "job_purchase_costing", allowed=JOB_PURCHASE_COSTINGS),
    "page_size": partial(v.choice, "page_size", allowed=PAGE_SIZES),
    "default_warranty_months": _warranty_months,
    "default_overhead_rate": partial(v.money, "default_overhead_rate", required=False),  # empty: none
    "default_overhead_basis": partial(v.choice, "default_overhead_basis", allowed=[b.value for b in OverheadBasis]),
    "quote_validity_days": partial(v.positive_int, "quote_validity_days", maximum=365),
    "quote_payment_terms": partial(v.long_text, "quote_payment_terms"),
    "quote_exclusions": partial(v.long_text, "quote_exclusions"),
    "quote_terms": partial(v.long_text, "quote_terms"),
    "payment_terms_days": partial(v.positive_int, "payment_terms_days", maximum=365),
    "country": _country,
    "iban": partial(clean_iban, "iban"),
    "bic": partial(clean_bic, "bic"),
    "several_clock_ons": bool,
}


def _view(row) -> SettingsView:
    return SettingsView(
        company_name=row.company_name, address=row.address, phone=row.phone, email=row.email,
        tax_number=row.tax_number, currency=row.currency, locale=row.locale,
        default_tax_rate=row.default_tax_rate, brief_prefix=row.brief_prefix, quote_prefix=row.quote_prefix,
        job_prefix=row.job_prefix, invoice_prefix=row.invoice_prefix, page_size=row.page_size,
        has_logo=row.logo_sha256 is not None, default_warranty_months=row.default_warranty_months,
        default_overhead_rate=row.default_overhead_rate, default_overhead_basis=row.default_overhead_basis,
        quote_validity_days=row.quote_validity_days, quote_payment_terms=row.quote_payment_terms,
        quote_exclusions=row.quote_exclusions, quote_terms=row.quote_terms,
        payment_terms_days=row.payment_terms_days, country=row.country, iban=row.iban, bic=row.bic,
        several_clock_ons=bool(row.several_clock_ons), purchase_order_prefix=row.purchase_order_prefix,
        job_purchase_costing=row.job_purchase_costing,
    )


def get_settings(db: Database) -> SettingsView:
    """Read in a read transaction (every page that shows money asks): a write transaction is taken
    only in the rare shop whose settings row is missing (a hand-edited file), to make it again."""
    with db.reader() as s:
        row = s.get(ShopSettings, 1)
        if row is not None:
            return _view(row)
    with db.session() as s:
        return _view(settings_row(s))


@writes(Change.SETTINGS)
def update_settings(db: Database, **changes) -> SettingsView:
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        row = settings_row(s)
        # Either may change alone: the BIC is checked against the IBAN the shop will have.
        check_bic_matches_iban(clean.get("iban", row.iban), clean.get("bic", row.bic),
                               field="bic" if "bic" in clean else "iban")
        for name, value in clean.items():
            setattr(row, name, value)
        return _view(row)


@writes(Change.SETTINGS)
def set_logo(db: Database, file_name: str, data: bytes | None) -> SettingsView:
    """Store (or with ``data=None`` clear) the letterhead logo, an image file."""
    from .attachments import forget_unused_blob, store_blob

    with db.session() as s:
        row = settings_row(s)
        old_logo = row.logo_sha256
        if data is None:
            row.logo_sha256 = None
        else:
            if not file_name.lower().endswith((".png", ".jpg", ".jpeg")):
                raise ValidationError("logo", "The logo must be a PNG or JPEG image.")
            row.logo_sha256 = store_blob(s, data, field="logo").sha256
        if old_logo != row.logo_sha256:
            forget_unused_blob(s, old_logo)
        return _view(row)


def logo_bytes(db: Database) -> bytes | None:
    from ..db.models import AttachmentBlob

    with db.reader() as s:
        row = settings_row(s)
        if row.logo_sha256 is None:
            return None
        return s.get(AttachmentBlob, row.logo_sha256).data
