"""The e-invoice: UN/CEFACT Cross Industry Invoice XML (D16B) for the EN 16931 profile of
Factur-X / ZUGFeRD, and a reader that takes such an XML back to what it states.

``cii_xml`` writes an issued invoice (TypeCode 380) or credit note (381) from plain frozen data
(``CiiInvoice``); ``facts_from_cii`` reads an XML back into the domain's ``EInvoiceFacts``, so
``einvoice_rules.br_co_breaches`` checks what the XML *states*, not what we meant it to.

What goes in, by EN 16931 business term: BT-1 number, BT-2 issue date, BT-3 type, BT-5 currency,
BT-7 tax point date (only when it differs from the issue date), BT-9 due date, BT-20 payment
terms, BT-22 notes, BT-25 the invoice a credit note corrects, BT-11 the job as project, the
seller and buyer (name, postal address, country, VAT identifier with scheme VA and without
spaces, the buyer's e-mail), the payment means (58 SEPA credit transfer for a euro invoice with
the shop's IBAN, 30 credit transfer in other currencies, 1 when the shop gave no account; BT-83
the invoice number as remittance information), each line (BT-126 id, BT-153 name, BT-146 net price, BT-129 quantity
with its UN/ECE Rec 20 unit code, BT-136 discount, BT-131 net, BT-151/152 category and rate), the
tax breakdown per category and rate (BT-116..121) and the totals (BT-106, 109, 110, 112, 113, 115).
Amounts are written with 2 decimals, quantities and prices with up to 4.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..domain.einvoice_rules import EInvoiceFacts, Party, StatedLine
from ..domain.errors import ValidationError
from ..domain.invoicing import InvoiceTotals, LineInput, TaxCategory, TaxSubtotal, line_net
from ..domain.postal_parts import PostalParts

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NAMESPACES = {"rsm": RSM, "ram": RAM, "qdt": QDT, "udt": UDT}
EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
INVOICE_TYPE, CREDIT_NOTE_TYPE = "380", "381"

#: Our units (any case) → UN/ECE Recommendation 20 codes; anything else is C62, "one".
UNIT_CODES = {
    "ea": "C62", "each": "C62", "pc": "H87", "pcs": "H87", "piece": "H87", "pieces": "H87",
    "h": "HUR", "hr": "HUR", "hrs": "HUR", "hour": "HUR", "hours": "HUR", "min": "MIN", "day": "DAY", "days": "DAY",
    "d": "DAY", "week": "WEE", "month": "MON",
    "mm": "MMT", "cm": "CMT", "m": "MTR", "lm": "MTR", "km": "KMT", "m2": "MTK", "m²": "MTK", "sqm": "MTK",
    "m3": "MTQ", "m³": "MTQ", "l": "LTR", "ltr": "LTR", "ml": "MLT",
    "g": "GRM", "kg": "KGM", "t": "TNE", "set": "SET", "pair": "PR", "lot": "LO", "sheet": "ST", "sheets": "ST",
}  # fmt: skip
_CATEGORY_OF_CODE = {"S": TaxCategory.STANDARD, "Z": TaxCategory.ZERO, "E": TaxCategory.EXEMPT,
                     "AE": TaxCategory.REVERSE_CHARGE}
# XML 1.0 has no place for control characters other than tab and newlines.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CENT, _TEN_THOUSANDTH = Decimal("0.01"), Decimal("0.0001")


@dataclass(frozen=True, kw_only=True)
class CiiParty:
    """Seller or buyer as the issued invoice froze them. ``country`` ISO 3166-1 alpha-2."""

    name: str
    address: PostalParts
    country: str
    tax_number: str = ""  # the VAT identifier
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class CiiInvoice:
    """An issued invoice or credit note, every figure as it was frozen."""

    number: str
    credit_note: bool
    issue_date: dt.date
    tax_point_date: dt.date | None = None
    due_date: dt.date | None = None
    currency: str
    payment_terms: str = ""
    notes: str = ""
    corrects: str = ""  # a credit note: the number of the invoice it corrects (BT-25)
    job_number: str = ""  # the project reference (BT-11), with the job's title as its name
    job_title: str = ""
    seller: CiiParty
    buyer: CiiParty
    iban: str = ""  # the account to pay into; "" when the shop gave none
    bic: str = ""
    lines: tuple[LineInput, ...]
    totals: InvoiceTotals  # paid (BT-113) and due (BT-115) count payments


def cii_xml(invoice: CiiInvoice) -> bytes:
    """The invoice as CII XML, UTF-8, with its declaration."""
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NAMESPACES)
    context = _sub(root, "rsm:ExchangedDocumentContext")
    _sub(_sub(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", EN16931_GUIDELINE)
    document = _sub(root, "rsm:ExchangedDocument")
    _sub(document, "ram:ID", invoice.number)
    _sub(document, "ram:TypeCode", CREDIT_NOTE_TYPE if invoice.credit_note else INVOICE_TYPE)
    _date_time(_sub(document, "ram:IssueDateTime"), invoice.issue_date)
    if invoice.notes.strip():
        _sub(_sub(document, "ram:IncludedNote"), "ram:Content", invoice.notes.strip())
    transaction = _sub(root, "rsm:SupplyChainTradeTransaction")
    for index, line in enumerate(invoice.lines, start=1):
        _line(transaction, index, line, invoice.currency)
    agreement = _sub(transaction, "ram:ApplicableHeaderTradeAgreement")
    _party(agreement, "ram:SellerTradeParty", invoice.seller)
    _party(agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.job_number:
        project = _sub(agreement, "ram:SpecifiedProcuringProject")
        _sub(project, "ram:ID", invoice.job_number)
        _sub(project, "ram:Name", invoice.job_title.strip() or invoice.job_number)
    _sub(transaction, "ram:ApplicableHeaderTradeDelivery")
    _settlement(_sub(transaction, "ram:ApplicableHeaderTradeSettlement"), invoice)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def unit_code(unit: str) -> str:
    """The UN/ECE Rec 20 code for one of our units ("h" → HUR); C62 ("one") when we cannot tell."""
    return UNIT_CODES.get(unit.strip().lower(), "C62")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NAMESPACES[prefix]}}}{name}", attributes)
    if text is not None:
        element.text = _NOT_XML.sub("\ufffd", text)
    return element


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(_CENT):f}"


def _fine(value: Decimal) -> str:
    """A quantity or price: up to 4 decimals, at least 2 ("2.50", "0.3333")."""
    whole, _, decimals = f"{Decimal(value).quantize(_TEN_THOUSANDTH):f}".partition(".")
    return f"{whole}.{decimals.rstrip('0').ljust(2, '0')}"


def _date_time(parent: etree._Element, day: dt.date) -> None:
    _sub(parent, "udt:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _line(transaction: etree._Element, index: int, line: LineInput, currency: str) -> None:
    item = _sub(transaction, "ram:IncludedSupplyChainTradeLineItem")
    _sub(_sub(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(index))
    _sub(_sub(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description.strip())
    agreement = _sub(item, "ram:SpecifiedLineTradeAgreement")
    _sub(_sub(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", _fine(line.unit_price))
    _sub(_sub(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", _fine(line.quantity),
         unitCode=unit_code(line.unit))
    settlement = _sub(item, "ram:SpecifiedLineTradeSettlement")
    tax = _sub(settlement, "ram:ApplicableTradeTax")
    _sub(tax, "ram:TypeCode", "VAT")
    _sub(tax, "ram:CategoryCode", TaxCategory(line.category).code)
    _sub(tax, "ram:RateApplicablePercent", _amount(line.rate))
    if line.discount:
        allowance = _sub(settlement, "ram:SpecifiedTradeAllowanceCharge")
        _sub(_sub(allowance, "ram:ChargeIndicator"), "udt:Indicator", "false")
        _sub(allowance, "ram:ActualAmount", _amount(line.discount))
        _sub(allowance, "ram:ReasonCode", "95")  # UNCL5189 95: discount
        _sub(allowance, "ram:Reason", "Discount")
    summation = _sub(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _sub(summation, "ram:LineTotalAmount", _amount(line_net(line)))


def _party(agreement: etree._Element, tag: str, party: CiiParty) -> None:
    element = _sub(agreement, tag)
    _sub(element, "ram:Name", party.name.strip())
    address = _sub(element, "ram:PostalTradeAddress")
    parts = party.address
    if parts.postcode:
        _sub(address, "ram:PostcodeCode", parts.postcode)
    street = list(parts.street)
    if len(street) > 3:  # CII has three address lines: the rest share the third
        street[2:] = [", ".join(street[2:])]
    for name, text in zip(("ram:LineOne", "ram:LineTwo", "ram:LineThree"), street):
        _sub(address, name, text)
    if parts.city:
        _sub(address, "ram:CityName", parts.city)
    _sub(address, "ram:CountryID", party.country)
    if parts.region:
        _sub(address, "ram:CountrySubDivisionName", parts.region)
    if party.email.strip():
        _sub(_sub(element, "ram:URIUniversalCommunication"), "ram:URIID", party.email.strip(), schemeID="EM")
    if party.tax_number.strip():  # as VIES writes it, without the spaces people type ("GB 284 1190 62")
        _sub(_sub(element, "ram:SpecifiedTaxRegistration"), "ram:ID", "".join(party.tax_number.split()),
             schemeID="VA")


def _payment_means_code(invoice: CiiInvoice) -> str:
    if not invoice.iban:
        return "1"  # UNCL4461 1: instrument not defined
    return "58" if invoice.currency == "EUR" else "30"  # SEPA credit transfer is euro only


def _settlement(settlement: etree._Element, invoice: CiiInvoice) -> None:
    _sub(settlement, "ram:PaymentReference", invoice.number)
    _sub(settlement, "ram:InvoiceCurrencyCode", invoice.currency)
    means = _sub(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _sub(means, "ram:TypeCode", _payment_means_code(invoice))
    if invoice.iban:
        _sub(_sub(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", invoice.iban)
        if invoice.bic:
            _sub(_sub(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", invoice.bic)
    tax_point = invoice.tax_point_date if invoice.tax_point_date not in (None, invoice.issue_date) else None
    for group in invoice.totals.subtotals:
        _tax_group(settlement, group, tax_point)
    if invoice.payment_terms.strip() or invoice.due_date:
        terms = _sub(settlement, "ram:SpecifiedTradePaymentTerms")
        if invoice.payment_terms.strip():
            _sub(terms, "ram:Description", invoice.payment_terms.strip())
        if invoice.due_date:
            _date_time(_sub(terms, "ram:DueDateDateTime"), invoice.due_date)
    totals = invoice.totals
    summation = _sub(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _sub(summation, "ram:LineTotalAmount", _amount(totals.net))
    _sub(summation, "ram:TaxBasisTotalAmount", _amount(totals.net))  # no document-level allowances or charges
    _sub(summation, "ram:TaxTotalAmount", _amount(totals.tax), currencyID=invoice.currency)
    _sub(summation, "ram:GrandTotalAmount", _amount(totals.gross))
    _sub(summation, "ram:TotalPrepaidAmount", _amount(totals.paid))
    _sub(summation, "ram:DuePayableAmount", _amount(totals.due))
    if invoice.corrects:
        _sub(_sub(settlement, "ram:InvoiceReferencedDocument"), "ram:IssuerAssignedID", invoice.corrects)


def _tax_group(settlement: etree._Element, group: TaxSubtotal, tax_point: dt.date | None) -> None:
    tax = _sub(settlement, "ram:ApplicableTradeTax")
    _sub(tax, "ram:CalculatedAmount", _amount(group.tax))
    _sub(tax, "ram:TypeCode", "VAT")
    if group.exemption_reason.strip():
        _sub(tax, "ram:ExemptionReason", group.exemption_reason.strip())
    _sub(tax, "ram:BasisAmount", _amount(group.taxable))
    _sub(tax, "ram:CategoryCode", TaxCategory(group.category).code)
    if tax_point:
        _sub(_sub(tax, "ram:TaxPointDate"), "udt:DateString", tax_point.strftime("%Y%m%d"), format="102")
    _sub(tax, "ram:RateApplicablePercent", _amount(group.rate))


# --- reading ------------------------------------------------------------------------------------

def facts_from_cii(xml: bytes) -> EInvoiceFacts:
    """What a CII invoice states, figure by figure, for ``br_co_breaches``. An XML that is not a
    CII invoice, or a figure that is not a number, is refused with a ValidationError."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ValidationError("xml", f"The e-invoice is not well-formed XML: {exc}") from None
    if root.tag != f"{{{RSM}}}CrossIndustryInvoice":
        raise ValidationError("xml", "The XML is not a Cross Industry Invoice (CII).")
    settlement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    summation = settlement + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
    agreement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    return EInvoiceFacts(
        number=_text(root, "rsm:ExchangedDocument/ram:ID"),
        issue_date=_date(_text(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")),
        currency=_text(root, settlement + "ram:InvoiceCurrencyCode"),
        seller=_read_party(root, agreement + "ram:SellerTradeParty"),
        buyer=_read_party(root, agreement + "ram:BuyerTradeParty"),
        lines=tuple(_read_line(item) for item in
                    root.iterfind("rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem", NAMESPACES)),
        subtotals=tuple(_read_group(tax) for tax in root.iterfind(settlement + "ram:ApplicableTradeTax", NAMESPACES)),
        line_total=_number(root, summation + "LineTotalAmount"),
        total_without_tax=_number(root, summation + "TaxBasisTotalAmount"),
        tax_total=_number(root, summation + "TaxTotalAmount"),
        total_with_tax=_number(root, summation + "GrandTotalAmount"),
        paid=_number(root, summation + "TotalPrepaidAmount"),
        due=_number(root, summation + "DuePayableAmount"))


def _text(element: etree._Element, path: str) -> str:
    return (element.findtext(path, default="", namespaces=NAMESPACES) or "").strip()


def _number(element: etree._Element, path: str) -> Decimal:
    """A stated figure; an absent one reads as 0 (the rules then find what it should be)."""
    text = _text(element, path)
    try:
        return Decimal(text) if text else Decimal("0.00")
    except InvalidOperation:
        raise ValidationError("xml", f"{path.rsplit('/', 1)[-1]} is not a number: “{text}”.") from None


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _category(code: str) -> TaxCategory:
    if code not in _CATEGORY_OF_CODE:
        raise ValidationError("xml", f"The VAT category code “{code}” is not one this program knows (S, Z, E, AE).")
    return _CATEGORY_OF_CODE[code]


def _read_party(root: etree._Element, path: str) -> Party:
    party = root.find(path, NAMESPACES)
    if party is None:
        return Party(name="", country="", address=())
    address = "ram:PostalTradeAddress/ram:"
    town = " ".join(filter(None, (_text(party, address + "PostcodeCode"), _text(party, address + "CityName"))))
    lines = [_text(party, address + name) for name in ("LineOne", "LineTwo", "LineThree")] + [town]
    return Party(name=_text(party, "ram:Name"), country=_text(party, address + "CountryID"),
                 address=tuple(line for line in lines if line),
                 tax_number=_text(party, "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"))


def _read_line(item: etree._Element) -> StatedLine:
    settlement = "ram:SpecifiedLineTradeSettlement/ram:"
    return StatedLine(_number(item, settlement + "SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"),
                      _category(_text(item, settlement + "ApplicableTradeTax/ram:CategoryCode")),
                      _number(item, settlement + "ApplicableTradeTax/ram:RateApplicablePercent"))


def _read_group(tax: etree._Element) -> TaxSubtotal:
    return TaxSubtotal(category=_category(_text(tax, "ram:CategoryCode")),
                       rate=_number(tax, "ram:RateApplicablePercent"), taxable=_number(tax, "ram:BasisAmount"),
                       tax=_number(tax, "ram:CalculatedAmount"), exemption_reason=_text(tax, "ram:ExemptionReason"))


__all__ = ["CiiInvoice", "CiiParty", "EN16931_GUIDELINE", "NAMESPACES", "UNIT_CODES", "cii_xml", "facts_from_cii",
           "unit_code"]
