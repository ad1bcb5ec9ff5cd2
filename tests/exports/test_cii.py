"""The e-invoice's CII XML (Factur-X EN 16931), built through the real services and read back
with XPath: every figure worked out by hand; the official XSD; a hand-broken XML fails the
EN 16931 rules by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import facturx
import pytest
from lxml import etree

from support.en16931 import en16931_schematron
from support.invoicing import MARCH_10, error, manual_draft, with_billing_address
from workshop.documents.facturx import check_cii, invoice_cii_xml
from workshop.domain.einvoice_rules import br_co_breaches
from workshop.exports.cii import NAMESPACES, facts_from_cii, unit_code
from workshop.services import customers, invoice_views, invoices, payments, settings

EXEMPT_REASON = "Exempt: education (VATA 1994 Sch 9 Group 6)"
# Standard 20 %: 1234.56 + (2.5 h × 45.00 = 112.50) + (35.00 − 5.00 discount = 30.00) = 1377.06;
#   tax 275.412 → 275.41
# Reduced 5 %: 100.01; tax 5.0005 → 5.00
# Zero rated: 40.00; exempt: 2 × 60.00 = 120.00; both tax 0.00
# Net 1377.06 + 100.01 + 40.00 + 120.00 = 1637.07; tax 275.41 + 5.00 = 280.41; gross 1917.48
# Paid 500.00, due 1917.48 − 500.00 = 1417.48
MIXED_LINES = [
    dict(description="Walnut table top", quantity="1", unit_price="1234.56"),
    dict(description="Fitting", quantity="2.5", unit="h", unit_price="45.00"),
    dict(description="Delivery to Łódź", quantity="1", unit_price="35.00", discount="5.00"),
    dict(description="Insulated door panel", quantity="1", unit_price="100.01", category="reduced", rate="5"),
    dict(description="Export crate", quantity="1", unit_price="40.00", category="zero"),
    dict(description="J&C <b>Ltd</b> joinery course", quantity="2", unit_price="60.00", category="exempt",
         exemption_reason=EXEMPT_REASON),
]


@pytest.fixture
def billed(db, shop):
    with_billing_address(db, shop)
    settings.update_settings(db, iban="GB33BUKB20201555555555", bic="BUKBGB22")
    customers.update_customer(db, shop.customer.id, name="J&C <b>Ltd</b>", address="ul. Piotrkowska 1\n90-001 Łódź",
                              country="PL", tax_number="PL 526 025 02 74", email="accounts@jc.example")
    return shop


@pytest.fixture
def mixed(db, billed):
    draft = manual_draft(db, billed, MIXED_LINES, payment_terms="30 days net", notes="Thank you & goodbye")
    invoice = invoices.issue(db, draft.id, issue_date=MARCH_10, tax_point=dt.date(2026, 3, 6))
    payments.record_payment(db, invoice.id, paid_on=dt.date(2026, 3, 20), amount="500.00", method="bank_transfer")
    return invoice


def xpath(root, path: str) -> list[str]:
    return [node if isinstance(node, str) else node.text for node in root.xpath(path, namespaces=NAMESPACES)]


def one(root, path: str) -> str:
    (value,) = xpath(root, path)
    return value


def cii(db, invoice) -> etree._Element:
    return etree.fromstring(invoice_cii_xml(db, invoice_views.get_invoice(db, invoice.id)))


SETTLEMENT = "//ram:ApplicableHeaderTradeSettlement/"
SUMS = SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"


def test_a_mixed_rate_invoice_states_every_figure_worked_by_hand(db, mixed):
    root = cii(db, mixed)
    assert one(root, "//rsm:ExchangedDocumentContext//ram:ID") == "urn:cen.eu:en16931:2017"
    assert one(root, "//rsm:ExchangedDocument/ram:ID") == "INV-2026-0001"
    assert one(root, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert one(root, "//ram:IssueDateTime/udt:DateTimeString") == "20260310"
    assert one(root, "//rsm:ExchangedDocument/ram:IncludedNote/ram:Content") == "Thank you & goodbye"
    assert one(root, SETTLEMENT + "ram:InvoiceCurrencyCode") == "GBP"
    # BT-7 the tax point, 6 March, differs from the issue date: every tax group states it.
    assert xpath(root, SETTLEMENT + "ram:ApplicableTradeTax/ram:TaxPointDate/udt:DateString") == ["20260306"] * 4
    # BT-9 due 10 March + 30 days (the shop's terms) = 9 April; BT-20 the terms as given.
    assert one(root, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString") == "20260409"
    assert one(root, "//ram:SpecifiedTradePaymentTerms/ram:Description") == "30 days net"

    lines = root.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NAMESPACES)
    stated = [(one(line, ".//ram:LineID"), one(line, ".//ram:SpecifiedTradeProduct/ram:Name"),
               one(line, ".//ram:NetPriceProductTradePrice/ram:ChargeAmount"),
               one(line, ".//ram:BilledQuantity"), one(line, ".//ram:BilledQuantity/@unitCode"),
               xpath(line, ".//ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount"),
               one(line, ".//ram:LineTotalAmount"), one(line, ".//ram:ApplicableTradeTax/ram:CategoryCode"),
               one(line, ".//ram:ApplicableTradeTax/ram:RateApplicablePercent")) for line in lines]
    assert stated == [
        ("1", "Walnut table top", "1234.56", "1.00", "C62", [], "1234.56", "S", "20.00"),
        ("2", "Fitting", "45.00", "2.50", "HUR", [], "112.50", "S", "20.00"),  # 2.5 × 45.00
        ("3", "Delivery to Łódź", "35.00", "1.00", "C62", ["5.00"], "30.00", "S", "20.00"),  # 35.00 − 5.00
        ("4", "Insulated door panel", "100.01", "1.00", "C62", [], "100.01", "S", "5.00"),
        ("5", "Export crate", "40.00", "1.00", "C62", [], "40.00", "Z", "0.00"),
        ("6", "J&C <b>Ltd</b> joinery course", "60.00", "2.00", "C62", [], "120.00", "E", "0.00"),  # 2 × 60.00
    ]
    groups = [(one(tax, "ram:CategoryCode"), one(tax, "ram:RateApplicablePercent"), one(tax, "ram:BasisAmount"),
               one(tax, "ram:CalculatedAmount"), xpath(tax, "ram:ExemptionReason"))
              for tax in root.xpath(SETTLEMENT + "ram:ApplicableTradeTax", namespaces=NAMESPACES)]
    assert groups == [("S", "20.00", "1377.06", "275.41", []), ("S", "5.00", "100.01", "5.00", []),
                      ("Z", "0.00", "40.00", "0.00", []), ("E", "0.00", "120.00", "0.00", [EXEMPT_REASON])]
    assert [one(root, SUMS + name) for name in ("LineTotalAmount", "TaxBasisTotalAmount", "TaxTotalAmount",
                                                 "GrandTotalAmount", "TotalPrepaidAmount", "DuePayableAmount")] == \
        ["1637.07", "1637.07", "280.41", "1917.48", "500.00", "1417.48"]
    assert one(root, SUMS + "TaxTotalAmount/@currencyID") == "GBP"
    # Paid into the shop's account: a credit transfer (30; SEPA's 58 is for euro), the number as reference.
    assert one(root, SETTLEMENT + "ram:PaymentReference") == "INV-2026-0001"
    assert one(root, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "30"
    assert one(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == "GB33BUKB20201555555555"
    assert one(root, "//ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID") == "BUKBGB22"


def test_the_parties_come_out_exactly_with_their_addresses_taken_apart(db, mixed):
    root = cii(db, mixed)
    seller, buyer = "//ram:SellerTradeParty/", "//ram:BuyerTradeParty/"
    assert one(root, seller + "ram:Name") == "My Workshop"
    assert [one(root, seller + "ram:PostalTradeAddress/ram:" + name)
            for name in ("LineOne", "CityName", "PostcodeCode", "CountryID")] == \
        ["Unit 4, Mill Lane", "Leeds", "LS1 4AB", "GB"]
    assert one(root, seller + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == "GB123456789"
    assert one(root, buyer + "ram:Name") == "J&C <b>Ltd</b>"
    assert [one(root, buyer + "ram:PostalTradeAddress/ram:" + name)
            for name in ("LineOne", "CityName", "PostcodeCode", "CountryID")] == \
        ["ul. Piotrkowska 1", "Łódź", "90-001", "PL"]
    # Typed with spaces, stated as VIES writes it.
    assert one(root, buyer + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == "PL5260250274"
    assert one(root, buyer + "ram:URIUniversalCommunication/ram:URIID[@schemeID='EM']") == "accounts@jc.example"
    # The text is the XML's own: escaped as markup by the serializer, never double-escaped.
    xml = invoice_cii_xml(db, invoice_views.get_invoice(db, mixed.id))
    assert b"<ram:Name>J&amp;C &lt;b&gt;Ltd&lt;/b&gt;</ram:Name>" in xml and "Łódź".encode() in xml


def test_a_credit_note_names_the_invoice_it_corrects_and_states_positive_amounts(db, mixed):
    # Goodwill: 100.00 at 20 % → tax 20.00, gross 120.00, nothing paid back yet: due 120.00.
    draft = invoices.credit_note(db, mixed.id, lines=[dict(description="Goodwill: scratched top", quantity="1",
                                                           unit_price="100.00")])
    note = invoices.issue(db, draft.id, issue_date=dt.date(2026, 3, 25))
    root = cii(db, note)
    assert one(root, "//rsm:ExchangedDocument/ram:ID") == "CN-2026-0001"
    assert one(root, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert one(root, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == "INV-2026-0001"
    assert one(root, "//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount") == "100.00"
    assert [one(root, SUMS + name) for name in ("LineTotalAmount", "TaxTotalAmount", "GrandTotalAmount",
                                                 "TotalPrepaidAmount", "DuePayableAmount")] == \
        ["100.00", "20.00", "120.00", "0.00", "120.00"]
    # Issued on its own issue date: no separate tax point.
    assert xpath(root, "//ram:TaxPointDate") == []


def test_a_final_invoices_deduction_line_is_a_line_like_any_other(db, billed):
    # 1 × 2000.00 − 1 × 600.00 (the deposit, a negative quantity) = 1400.00; tax 20 % = 280.00; gross 1680.00
    lines = [dict(description="Oak staircase", quantity="1", unit_price="2000.00"),
             dict(description="Less deposit invoice INV-2026-0001", quantity="-1", unit_price="600.00",
                  deduction=True)]
    root = cii(db, invoices.issue(db, manual_draft(db, billed, lines).id, issue_date=MARCH_10))
    assert xpath(root, "//ram:BilledQuantity") == ["1.00", "-1.00"]
    assert xpath(root, "//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount") == ["2000.00", "-600.00"]
    assert [one(root, SUMS + name) for name in ("LineTotalAmount", "TaxTotalAmount", "GrandTotalAmount")] == \
        ["1400.00", "280.00", "1680.00"]


def test_the_xml_validates_against_the_official_en16931_schema(db, mixed):
    xml = invoice_cii_xml(db, invoice_views.get_invoice(db, mixed.id))
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    # The check is real: an address without its country is refused by the schema.
    broken = xml.replace(b"<ram:CountryID>PL</ram:CountryID>", b"")
    with pytest.raises(Exception, match="CountryID"):
        facturx.xml_check_xsd(broken, flavor="factur-x", level="en16931")
    assert "EN 16931 schema" in error(check_cii, broken).message


def test_what_the_xml_states_passes_the_en16931_rules(db, mixed):
    facts = facts_from_cii(invoice_cii_xml(db, invoice_views.get_invoice(db, mixed.id)))
    assert br_co_breaches(facts) == []
    assert (facts.number, facts.issue_date, facts.currency) == ("INV-2026-0001", MARCH_10, "GBP")
    assert facts.buyer.address == ("ul. Piotrkowska 1", "90-001 Łódź") and facts.buyer.country == "PL"
    assert [line.net for line in facts.lines] == [Decimal(x) for x in
                                                  ("1234.56", "112.50", "30.00", "100.01", "40.00", "120.00")]
    assert (facts.tax_total, facts.paid, facts.due) == (Decimal("280.41"), Decimal("500.00"), Decimal("1417.48"))


def test_a_hand_broken_xml_fails_the_rule_it_breaks(db, mixed):
    xml = invoice_cii_xml(db, invoice_views.get_invoice(db, mixed.id))
    # One line's net changed by hand (1234.56 → 1234.65): the lines no longer add up to BT-106
    # (BR-CO-10), nor to the 20 % group's taxable amount (BR-S-08).
    one_line = xml.replace(b"<ram:LineTotalAmount>1234.56</ram:LineTotalAmount>",
                           b"<ram:LineTotalAmount>1234.65</ram:LineTotalAmount>", 1)
    assert one_line != xml
    breaches = br_co_breaches(facts_from_cii(one_line))
    assert [(b.rule, b.field) for b in breaches] == [("BR-CO-10", "line_total"), ("BR-CO-13", "total_without_tax"),
                                                     ("BR-S-08", "subtotals[0].taxable")]
    assert "States 1637.07, should be 1637.16" in breaches[0].message  # 1637.07 + 0.09
    assert error(check_cii, one_line).message.startswith("BR-CO-10 (line_total):")
    # The tax total changed by hand (280.41 → 280.42): no longer the sum of the groups (BR-CO-14),
    # nor does net + tax make the gross (BR-CO-15).
    tax_total = xml.replace(b'currencyID="GBP">280.41<', b'currencyID="GBP">280.42<')
    assert [(b.rule, b.field) for b in br_co_breaches(facts_from_cii(tax_total))] == \
        [("BR-CO-14", "tax_total"), ("BR-CO-15", "total_with_tax")]


def test_a_figure_that_is_not_a_number_or_a_file_that_is_not_cii_is_refused(db, mixed):
    xml = invoice_cii_xml(db, invoice_views.get_invoice(db, mixed.id))
    assert "GrandTotalAmount is not a number: “12,5”" in error(
        facts_from_cii, xml.replace(b"<ram:GrandTotalAmount>1917.48<", b"<ram:GrandTotalAmount>12,5<")).message
    assert "not a Cross Industry Invoice" in error(facts_from_cii, b"<Invoice/>").message
    assert "not well-formed" in error(facts_from_cii, b"<rsm:Cross").message


def test_a_euro_invoice_with_an_iban_is_paid_by_sepa_transfer_and_without_one_the_means_is_not_given(db, shop):
    with_billing_address(db, shop)
    lines = [dict(description="Chair", quantity="1", unit_price="100.00")]
    settings.update_settings(db, currency="EUR", iban="DE89370400440532013000", bic="COBADEFFXXX")
    euro = invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=MARCH_10)
    root = cii(db, euro)
    assert one(root, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "58"
    assert one(root, "//ram:IBANID") == "DE89370400440532013000"
    settings.update_settings(db, iban="", bic="")
    unknown = cii(db, invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=MARCH_10))
    assert one(unknown, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "1"
    assert xpath(unknown, "//ram:IBANID") == []


def test_a_draft_has_no_e_invoice(db, billed):
    draft = manual_draft(db, billed, MIXED_LINES)
    assert "needs a number" in error(invoice_cii_xml, db, invoice_views.get_invoice(db, draft.id)).message


@pytest.mark.parametrize("unit, code", [("ea", "C62"), ("h", "HUR"), ("H", "HUR"), ("m", "MTR"), ("m2", "MTK"),
                                        ("m²", "MTK"), ("kg", "KGM"), ("sheet", "ST"), ("bundle", "C62")])
def test_units_map_to_un_ece_recommendation_20(unit, code):
    assert unit_code(unit) == code


# --- the official EN 16931 schematron -------------------------------------------------------------

@pytest.fixture(scope="module")
def schematron():
    with en16931_schematron() as failed_rules:
        yield failed_rules


def test_the_official_en16931_schematron_finds_nothing_wrong(db, mixed, schematron):
    note = invoices.issue(db, invoices.credit_note(db, mixed.id).id, issue_date=dt.date(2026, 3, 25))
    xmls = {invoice.number: invoice_cii_xml(db, invoice_views.get_invoice(db, invoice.id)) for invoice in (mixed, note)}
    assert {number: schematron(xml) for number, xml in xmls.items()} == {"INV-2026-0001": [], "CN-2026-0001": []}
    # It is a real check: the hand-broken tax total fails it by the same rules as ours.
    broken = xmls["INV-2026-0001"].replace(b'currencyID="GBP">280.41<', b'currencyID="GBP">280.42<')
    assert sorted(schematron(broken)) == ["BR-CO-14", "BR-CO-15"]


def test_reverse_charge_to_a_german_buyer_passes_the_schematron(db, shop, schematron):
    with_billing_address(db, shop)
    customers.update_customer(db, shop.customer.id, address="Hauptstr. 5\n10115 Berlin", country="DE",
                              tax_number="DE123456789")
    # 2 kg × 150.00 = 300.00 reverse charge; 1.125 h × 80.33 = 90.37125 → 90.37 standard, tax 18.074 → 18.07
    lines = [dict(description="Steel frame", quantity="2", unit="kg", unit_price="150.00", category="reverse_charge",
                  exemption_reason="Reverse charge: customer to account for VAT"),
             dict(description="Survey", quantity="1.125", unit="h", unit_price="80.33")]
    xml = invoice_cii_xml(db, invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=MARCH_10))
    root = etree.fromstring(xml)
    assert xpath(root, "//ram:BilledQuantity") == ["2.00", "1.125"]
    assert xpath(root, "//ram:BilledQuantity/@unitCode") == ["KGM", "HUR"]
    assert xpath(root, SETTLEMENT + "ram:ApplicableTradeTax/ram:CategoryCode") == ["S", "AE"]
    assert xpath(root, SETTLEMENT + "ram:ApplicableTradeTax/ram:ExemptionReason") == [
        "Reverse charge: customer to account for VAT"]
    assert one(root, "//ram:BuyerTradeParty//ram:PostcodeCode") == "10115"
    assert [one(root, SUMS + name) for name in ("LineTotalAmount", "TaxTotalAmount", "GrandTotalAmount")] == \
        ["390.37", "18.07", "408.44"]  # 300.00 + 90.37; 390.37 + 18.07
    assert schematron(xml) == []
