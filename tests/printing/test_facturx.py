"""The Factur-X PDF: a PDF/A-3 (output intent, XMP part 3, every font embedded) carrying the
invoice's CII XML as factur-x.xml with /AFRelationship /Data; and `workshop print invoice
--facturx`."""

from __future__ import annotations

import datetime as dt
import io

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from support.invoicing import FOUR_LINES, GROSS, MARCH_10, error, issued_manual, manual_draft, with_billing_address
from workshop.cli import main
from workshop.documents.facturx import facturx_pdf, facturx_pdf_by_number, invoice_cii_xml
from workshop.exports.cii import NAMESPACES
from workshop.services import customers, invoice_views, invoices, settings

XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
       "pdf": "http://ns.adobe.com/pdf/1.3/", "dc": "http://purl.org/dc/elements/1.1/",
       "xmp": "http://ns.adobe.com/xap/1.0/", "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"}


@pytest.fixture
def billed(db, shop):
    with_billing_address(db, shop)
    customers.update_customer(db, shop.customer.id, name="J&C <b>Ltd</b>", address="ul. Piotrkowska 1\n90-001 Łódź",
                              country="PL")
    return shop


@pytest.fixture
def issued(db, billed):
    return issued_manual(db, billed)


def fonts_of(resources, seen: set) -> list:
    """Every font a page's resources name, forms' own resources included."""
    resources = resources.get_object() if resources is not None else {}
    fonts = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        if isinstance(xobject, IndirectObject) and xobject.idnum in seen:
            continue
        seen.add(getattr(xobject, "idnum", id(xobject)))
        if xobject.get_object().get("/Subtype") == "/Form":
            fonts += fonts_of(xobject.get_object().get("/Resources"), seen)
    return fonts


def embedded(font) -> bool:
    for face in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
        descriptor = face.get("/FontDescriptor")
        if descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2",
                                                                                  "/FontFile3")):
            return True
    return False


def test_the_pdf_is_a_pdf_a3_with_the_xml_attached_as_the_profile_expects(db, issued):
    pdf = facturx_pdf(db, issued.id)
    reader = PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF-1.7")
    root = reader.trailer["/Root"]
    # sRGB output intent with its ICC profile (an ICC header says 'acsp' at byte 36; three components),
    # of a kind and version PDF/A takes for an output intent (ISO 19005-2 6.2.3: a display, printer,
    # scanner or colour-space profile, major version 4 at most).
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    assert icc[12:16] in (b"mntr", b"prtr", b"scnr", b"spac") and icc[8] <= 4
    # XMP: PDF/A part 3, conformance B, and the Factur-X extension naming the attachment and profile.
    assert "/Filter" not in root["/Metadata"].get_object()  # PDF/A: the XMP stays readable without a decoder
    xmp = etree.fromstring(root["/Metadata"].get_object().get_data())
    assert xmp.findtext(".//pdfaid:part", namespaces=XMP) == "3"
    assert xmp.findtext(".//pdfaid:conformance", namespaces=XMP) == "B"
    assert xmp.findtext(".//fx:DocumentFileName", namespaces=XMP) == "factur-x.xml"
    assert xmp.findtext(".//fx:ConformanceLevel", namespaces=XMP) == "EN 16931"
    # The information dictionary says what the XMP says.
    assert reader.metadata["/Producer"] == xmp.findtext(".//pdf:Producer", namespaces=XMP)
    assert reader.metadata["/Title"] == xmp.findtext(".//dc:title//rdf:li", namespaces=XMP) == "Invoice INV-2026-0001"
    created = xmp.findtext(".//xmp:CreateDate", namespaces=XMP)
    assert reader.metadata.creation_date == dt.datetime.fromisoformat(created)
    assert "/Keywords" not in reader.metadata and "/Trapped" not in reader.metadata  # the XMP states neither
    # Every font on every page embedded: no standard-14 Helvetica.
    fonts = [font for page in reader.pages for font in fonts_of(page.get("/Resources"), set())]
    assert fonts and all(embedded(font) for font in fonts), [str(f.get("/BaseFont")) for f in fonts]
    assert not [f for f in fonts if "Helvetica" in str(f.get("/BaseFont"))]
    # The XML: factur-x.xml, /AFRelationship /Data, text/xml, listed in the catalogue's /AF.
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == "factur-x.xml"
    spec = names[1].get_object()
    assert spec["/AFRelationship"] == "/Data" and spec["/F"] == spec["/UF"] == "factur-x.xml"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/text/xml"
    assert [a.get_object() for a in root["/AF"].get_object()] == [spec]


def test_the_xml_in_the_pdf_is_the_invoice(db, issued, pdf_text):
    pdf = facturx_pdf(db, issued.id)
    name, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert name == "factur-x.xml"
    # The XML test_cii.py checks figure by figure.
    assert xml == invoice_cii_xml(db, invoice_views.get_invoice(db, issued.id))
    root = etree.fromstring(xml)
    assert root.findtext(".//rsm:ExchangedDocument/ram:ID", namespaces=NAMESPACES) == "INV-2026-0001"
    assert root.findtext(".//ram:BuyerTradeParty/ram:Name", namespaces=NAMESPACES) == "J&C <b>Ltd</b>"
    assert root.findtext(".//ram:BuyerTradeParty//ram:CityName", namespaces=NAMESPACES) == "Łódź"
    assert root.findtext(".//ram:GrandTotalAmount", namespaces=NAMESPACES) == str(GROSS)  # support/invoicing.py
    # The pages are the invoice the shop prints.
    assert "INV-2026-0001" in pdf_text(pdf) and "J&C <b>Ltd</b>" in pdf_text(pdf)


def test_a_draft_is_refused_and_a_credit_note_is_an_e_invoice_too(db, billed):
    draft = manual_draft(db, billed, FOUR_LINES)
    assert "an e-invoice needs a number" in error(facturx_pdf, db, draft.id).message
    invoice = invoices.issue(db, draft.id, issue_date=MARCH_10)
    note = invoices.issue(db, invoices.credit_note(db, invoice.id).id, issue_date=dt.date(2026, 3, 12))
    _, xml = facturx.get_facturx_xml_from_pdf(facturx_pdf_by_number(db, "cn-2026-0001"), check_xsd=True)
    root = etree.fromstring(xml)
    assert root.findtext(".//ram:TypeCode", namespaces=NAMESPACES) == "381"
    assert root.findtext(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
                         namespaces=NAMESPACES) == invoice.number == "INV-2026-0001"
    assert note.number == "CN-2026-0001"


def test_making_it_says_nothing_on_the_console(db, issued, capfd):
    # factur-x logs at INFO as it works; with no logging set up Python would print its warnings.
    facturx_pdf(db, issued.id)
    assert capfd.readouterr() == ("", "")


def test_the_command_line_writes_the_e_invoice(db, issued, tmp_path, capsys):
    url = db.url.render_as_string(hide_password=False)
    out = tmp_path / "inv.pdf"
    assert main(["print", "invoice", "inv-2026-0001", "--facturx", "-o", str(out), "--db", url]) == 0
    name, _ = facturx.get_facturx_xml_from_pdf(out.read_bytes(), check_xsd=True)
    assert name == "factur-x.xml"
    assert main(["print", "invoice", "INV-1999-0001", "--facturx", "-o", str(tmp_path / "x.pdf"), "--db", url]) == 1
    assert "There is no invoice INV-1999-0001." in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_german_shop_types_12_50_and_the_xml_says_12_50(db, billed):
    settings.update_settings(db, locale="de_DE", currency="EUR", iban="DE89370400440532013000", bic="COBADEFFXXX")
    # 2 × 12,50 = 25.00; 20 % (the shop's rate) = 5.00; gross 30.00
    lines = [dict(description="Eichenleiste für Łódź", quantity="2", unit_price="12,50")]
    invoice = invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10)
    pdf = facturx_pdf(db, invoice.id)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "de-DE"
    root = etree.fromstring(facturx.get_facturx_xml_from_pdf(pdf, check_xsd=True)[1])
    assert root.findtext(".//ram:NetPriceProductTradePrice/ram:ChargeAmount", namespaces=NAMESPACES) == "12.50"
    assert root.findtext(".//ram:SpecifiedTradeProduct/ram:Name", namespaces=NAMESPACES) == "Eichenleiste für Łódź"
    assert root.findtext(".//ram:InvoiceCurrencyCode", namespaces=NAMESPACES) == "EUR"
    assert root.findtext(".//ram:GrandTotalAmount", namespaces=NAMESPACES) == "30.00"
    assert root.findtext(".//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode", namespaces=NAMESPACES) == "58"
