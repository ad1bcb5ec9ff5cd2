"""Document text (issue 12, item 5): ``J&C <b>Ltd</b>``, ``0.1 <A``, ``Łódź`` and an emoji typed
into a customer, a brief, its quote, the job and an invoice come back exactly from every printed
document (text read out of the PDF), the CSV, Xero and QuickBooks exports and the Factur-X XML
(parsed back). The one difference, on purpose: the PDF fonts have no emoji, so one prints as a
visible square (□), never dropped. A 10,000-character specification round-trips through the job
card; 1,000,000 characters are refused with the limit named, and nothing is saved."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from lxml import etree
from pypdf import PdfReader
from sqlalchemy import func, select

from support.export_samples import REDUCED_5, STANDARD_20, read_csv
from support.invoicing import MARCH_10, with_billing_address
from workshop.db.models import Job
from workshop.documents.facturx import invoice_cii_xml
from workshop.documents.invoice import invoice_pdf
from workshop.documents.invoice_exports import export_invoices, lines_path
from workshop.documents.job_cards import job_card_pdf
from workshop.documents.quote import quote_pdf
from workshop.domain.errors import ValidationError, WorkshopError
from workshop.exports.cii import NAMESPACES
from workshop.services import briefs, customers, invoice_views, invoices, jobs, quotes, tax_codes

TEXTS = ["J&C <b>Ltd</b>", "0.1 <A", "Łódź", "Stół 😀 dąb"]
SQUARE = "\u25a1"


def printed(text: str) -> str:
    """What the page shows: the emoji as a square (worked out by hand, not by the printer's code)."""
    return text.replace("😀", SQUARE)


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("typed", TEXTS)
def test_text_comes_back_exactly_from_every_document_and_export(db, shop, today, tmp_path, typed):
    customer = customers.create_customer(db, name=typed, address=f"{typed}\n90-001 Łódź", country="PL")
    brief = briefs.create_brief(db, customer_id=customer.id, title=f"Hall cabinet {typed}",
                                requirements=f"Doors: {typed}", required_by=today + dt.timedelta(days=30))
    quote = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", f"Making {typed}", "650.00")],
                                                      markup_pct="0").id)
    on_quote = pdf_text(quote_pdf(db, quote.id))
    for shown in (printed(typed), f"Hall cabinet {printed(typed)}", f"Making {printed(typed)}",
                  f"Doors: {printed(typed)}"):
        assert shown in on_quote, shown

    job_id = quotes.accept_quote(db, quote.id, due_date=today + dt.timedelta(days=28)).job_id
    jobs.update_job(db, job_id, specification=f"Spec {typed}\n\nSecond paragraph {typed}", notes=f"Note {typed}")
    detail = jobs.get_job(db, job_id)
    assert (detail.title, detail.specification) == (f"Hall cabinet {typed}",
                                                     f"Spec {typed}\n\nSecond paragraph {typed}")
    on_card = pdf_text(job_card_pdf(db, job_id))
    for shown in (f"Hall cabinet {printed(typed)}", f"Spec {printed(typed)}", f"Second paragraph {printed(typed)}",
                  f"Note {printed(typed)}"):
        assert shown in on_card, shown

    with_billing_address(db, shop)
    draft = invoices.create_draft(db, kind="manual", customer_id=customer.id,
                                  lines=[dict(description=f"Oak {typed}", quantity="1", unit_price="100.00")])
    issued = invoices.issue(db, draft.id, issue_date=MARCH_10)
    on_invoice = pdf_text(invoice_pdf(db, issued.id))
    assert printed(typed) in on_invoice and f"Oak {printed(typed)}" in on_invoice

    root = etree.fromstring(invoice_cii_xml(db, invoice_views.get_invoice(db, issued.id)))
    assert root.findtext(".//ram:BuyerTradeParty/ram:Name", namespaces=NAMESPACES) == typed
    assert root.findtext(".//ram:IncludedSupplyChainTradeLineItem//ram:Name", namespaces=NAMESPACES) == f"Oak {typed}"

    path = tmp_path / "invoices.csv"
    export_invoices(db, [issued.id], fmt="csv", path=path)
    assert read_csv(path)[1][2] == typed  # the customer, exactly
    assert read_csv(lines_path(path))[1][2] == f"Oak {typed}"
    tax_codes.save_tax_codes(db, [STANDARD_20, REDUCED_5])
    [xero] = export_invoices(db, [issued.id], fmt="xero", path=tmp_path / "xero.csv").files
    assert (read_csv(xero)[1][0], read_csv(xero)[1][15]) == (typed, f"Oak {typed}")  # contact, description
    [quickbooks] = export_invoices(db, [issued.id], fmt="quickbooks", path=tmp_path / "qb.csv").files
    assert (read_csv(quickbooks)[1][1], read_csv(quickbooks)[1][8]) == (typed, f"Oak {typed}")


def _spec(length: int) -> str:
    words = "Oak & <walnut> carcass, 0.1 <A tolerance, Łódź hinges 😀. "
    return (words * (length // len(words) + 1))[:length].strip()


def test_a_10000_character_specification_round_trips_through_the_job_card(db, shop, today):
    spec = _spec(10_000)
    jobs.update_job(db, shop.job.id, specification=spec)
    assert jobs.get_job(db, shop.job.id).specification == spec
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(job_card_pdf(db, shop.job.id))).pages]
    # each page's text ends with its running header and footer ("JOB CARD  J-2026-0001 … Printed …")
    body = "\n".join(page[:page.rindex("\nJOB CARD")] for page in pages)
    body = body[body.index("Specification\n") + len("Specification\n"):body.index("\nMaterials\n")]
    assert re.sub(r"\s+", " ", body) == re.sub(r"\s+", " ", printed(spec))
    assert len(pages) == 3


@pytest.mark.parametrize("length", [100_001, 1_000_000])
def test_a_specification_past_the_limit_is_refused_naming_it_and_nothing_is_saved(db, shop, today, length):
    with pytest.raises(ValidationError) as refused:
        jobs.create_job(db, customer_id=shop.customer.id, title="Desk", specification="x" * length, quantity=1,
                        due_date=today)
    assert (refused.value.field, refused.value.message) == (
        "specification", f"Specification is too long ({length:,} characters; at most 100,000).")
    with pytest.raises(ValidationError, match="too long"):
        jobs.update_job(db, shop.job.id, specification="x" * length)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Job)) == 1
    assert jobs.get_job(db, shop.job.id).specification == "Three drawers"


@pytest.mark.parametrize("name, works", [
    ("CON.csv", True),  # a device name only on Windows: here it is a file like any other
    ("sub/../x.csv", True),
    ("x" * 300 + ".csv", False),  # longer than the disk allows
])
def test_an_export_to_an_awkward_name_works_or_says_why(db, shop, tmp_path, name, works):
    with_billing_address(db, shop)
    draft = invoices.create_draft(db, kind="manual", customer_id=shop.customer.id,
                                  lines=[dict(description="Oak", quantity="1", unit_price="100.00")])
    issued = invoices.issue(db, draft.id, issue_date=MARCH_10)
    (tmp_path / "sub").mkdir()
    if works:
        result = export_invoices(db, [issued.id], fmt="csv", path=tmp_path / name)
        assert read_csv(result.files[0])[1][0] == issued.number
        return
    with pytest.raises(WorkshopError) as refused:
        export_invoices(db, [issued.id], fmt="csv", path=tmp_path / name)
    assert refused.value.message == f"Could not write {tmp_path / name}: File name too long. Nothing was exported."
    assert invoice_views.get_invoice(db, issued.id).exported_at is None  # not marked exported
