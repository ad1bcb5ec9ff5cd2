"""The EN 16931 business rules the program can decide itself, before an invoice is issued.

An e-invoice *states* its figures (each line's net, each tax group, the totals); a receiver's
validator checks that they agree. ``br_co_breaches`` runs the same checks in Python on what an
invoice would state (``EInvoiceFacts``), so a mistake is caught here, naming the rule and the field,
rather than by the customer's system:

- mandatory fields: BR-02 invoice number, BR-03 issue date, BR-05 currency, BR-06/BR-07 seller and
  buyer name, BR-08/BR-10 their postal addresses, BR-09/BR-11 their country codes, BR-16 a line;
- the arithmetic: BR-CO-10 (BT-106 = Σ line nets BT-131), BR-CO-13 (BT-109 = BT-106, as we give no
  document-level allowances or charges), BR-CO-14 (BT-110 = Σ group tax BT-117), BR-CO-15
  (BT-112 = BT-109 + BT-110), BR-CO-16 (BT-115 = BT-112 − BT-113; we state no rounding amount),
  BR-CO-17 (group tax = taxable × rate / 100, rounded to two decimals), BR-CO-18 (a tax group);
- per tax category (S standard, Z zero, E exempt, AE reverse charge): the seller's VAT identifier
  (BR-x-02; reverse charge also the buyer's, BR-AE-02), line rates (BR-x-05), each group's taxable
  amount is the sum of its lines (BR-x-08), zero tax (BR-x-09), and the exemption reason rule (BR-x-10).

Rule texts as the CEN validation artefacts (ConnectingEurope/eInvoicing-EN16931) word them.
Pure Python: no database, no XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .invoicing import InvoiceTotals, LineInput, TaxCategory, TaxSubtotal, line_net, tax_of


@dataclass(frozen=True, kw_only=True)
class Party:
    """Seller (BG-4) or buyer (BG-7) as the invoice names them. ``country`` is ISO 3166-1 alpha-2
    (BT-40/BT-55); ``address`` the postal address lines, city and postcode included (BG-5/BG-8);
    ``tax_number`` the VAT identifier (BT-31/BT-48)."""

    name: str
    country: str
    address: tuple[str, ...]
    tax_number: str = ""


@dataclass(frozen=True)
class StatedLine:
    """What an invoice line states: its net amount BT-131, category BT-151 and rate BT-152."""

    net: Decimal
    category: TaxCategory
    rate: Decimal


@dataclass(frozen=True, kw_only=True)
class EInvoiceFacts:
    """What an e-invoice states, figure by figure, as a receiver would read it."""

    number: str  # BT-1
    issue_date: dt.date | None  # BT-2
    currency: str  # BT-5
    seller: Party
    buyer: Party
    lines: tuple[StatedLine, ...]
    subtotals: tuple[TaxSubtotal, ...]  # BG-23
    line_total: Decimal  # BT-106
    total_without_tax: Decimal  # BT-109
    tax_total: Decimal  # BT-110
    total_with_tax: Decimal  # BT-112
    paid: Decimal  # BT-113
    due: Decimal  # BT-115


@dataclass(frozen=True)
class RuleBreach:
    rule: str  # "BR-CO-10"
    field: str  # the EInvoiceFacts field, e.g. "line_total", "subtotals[1].tax", "buyer.country"
    message: str


def facts_from(lines: Sequence[LineInput], totals: InvoiceTotals, *, number: str, issue_date: dt.date | None,
               currency: str, seller: Party, buyer: Party, exponent: int = 2) -> EInvoiceFacts:
    """The facts our own invoice would state, so it can be checked before it is issued."""
    return EInvoiceFacts(
        number=number, issue_date=issue_date, currency=currency, seller=seller, buyer=buyer,
        lines=tuple(StatedLine(line_net(line, exponent), TaxCategory(line.category), line.rate) for line in lines),
        subtotals=totals.subtotals, line_total=totals.net, total_without_tax=totals.net, tax_total=totals.tax,
        total_with_tax=totals.gross, paid=totals.paid, due=totals.due)


def br_co_breaches(facts: EInvoiceFacts) -> list[RuleBreach]:
    """Every rule above that ``facts`` breaks, in the order listed; empty when it passes them all."""
    return [*_mandatory_fields(facts), *_totals(facts), *_tax_groups(facts), *_categories(facts)]


def _mandatory_fields(facts: EInvoiceFacts) -> list[RuleBreach]:
    missing = []
    for rule, field, present, text in (
            ("BR-02", "number", facts.number.strip(), "An Invoice shall have an Invoice number (BT-1)."),
            ("BR-03", "issue_date", facts.issue_date, "An Invoice shall have an Invoice issue date (BT-2)."),
            ("BR-05", "currency", facts.currency.strip(), "An Invoice shall have an Invoice currency code (BT-5)."),
            ("BR-06", "seller.name", facts.seller.name.strip(), "An Invoice shall contain the Seller name (BT-27)."),
            ("BR-07", "buyer.name", facts.buyer.name.strip(), "An Invoice shall contain the Buyer name (BT-44)."),
            ("BR-08", "seller.address", _has_address(facts.seller),
             "An Invoice shall contain the Seller postal address (BG-5)."),
            ("BR-09", "seller.country", facts.seller.country.strip(),
             "The Seller postal address (BG-5) shall contain a Seller country code (BT-40)."),
            ("BR-10", "buyer.address", _has_address(facts.buyer),
             "An Invoice shall contain the Buyer postal address (BG-8)."),
            ("BR-11", "buyer.country", facts.buyer.country.strip(),
             "The Buyer postal address shall contain a Buyer country code (BT-55)."),
            ("BR-16", "lines", facts.lines, "An Invoice shall have at least one Invoice line (BG-25).")):
        if not present:
            missing.append(RuleBreach(rule, field, text))
    return missing


def _has_address(party: Party) -> bool:
    return any(line.strip() for line in party.address)


def _totals(facts: EInvoiceFacts) -> list[RuleBreach]:
    line_sum = sum((line.net for line in facts.lines), Decimal(0))
    tax_sum = sum((group.tax for group in facts.subtotals), Decimal(0))
    checks = (
        ("BR-CO-10", "line_total", facts.line_total, line_sum,
         "Sum of Invoice line net amount (BT-106) = \u03a3 Invoice line net amount (BT-131)."),
        ("BR-CO-13", "total_without_tax", facts.total_without_tax, line_sum,
         "Invoice total amount without VAT (BT-109) = \u03a3 Invoice line net amount (BT-131) - Sum of "
         "allowances on document level (BT-107) + Sum of charges on document level (BT-108)."),
        ("BR-CO-14", "tax_total", facts.tax_total, tax_sum,
         "Invoice total VAT amount (BT-110) = \u03a3 VAT category tax amount (BT-117)."),
        ("BR-CO-15", "total_with_tax", facts.total_with_tax, facts.total_without_tax + facts.tax_total,
         "Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total "
         "VAT amount (BT-110)."),
        ("BR-CO-16", "due", facts.due, facts.total_with_tax - facts.paid,
         "Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) - Paid amount (BT-113) + "
         "Rounding amount (BT-114)."),
    )
    return [RuleBreach(rule, field, f"{text} States {stated}, should be {expected}.")
            for rule, field, stated, expected, text in checks if stated != expected]


def _tax_groups(facts: EInvoiceFacts) -> list[RuleBreach]:
    if not facts.subtotals:
        return [RuleBreach("BR-CO-18", "subtotals", "An Invoice shall at least have one VAT breakdown group (BG-23).")]
    breaches = []
    for index, group in enumerate(facts.subtotals):
        # BR-CO-17 is worded for two decimals, the most an EN 16931 amount may carry (BR-DEC-20): in a
        # currency without cents (JPY) a tax rounded to the yen breaks it unless it comes out whole.
        expected = tax_of(group.taxable, group.rate, 2)
        if group.tax != expected:
            breaches.append(RuleBreach(
                "BR-CO-17", f"subtotals[{index}].tax",
                "VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate "
                f"(BT-119) / 100), rounded to two decimals. States {group.tax}, should be {expected} "
                f"({group.taxable} \u00d7 {group.rate}%)."))
    return breaches


#: The words the rules use for each UNCL5305 code.
_CODE_WORDS = {"S": "Standard rated", "Z": "Zero rated", "E": "Exempt from VAT", "AE": "Reverse charge"}


def _categories(facts: EInvoiceFacts) -> list[RuleBreach]:
    breaches: list[RuleBreach] = []
    codes = {line.category.code for line in facts.lines}
    for code in ("S", "Z", "E", "AE"):
        if code in codes and not facts.seller.tax_number.strip():
            breaches.append(RuleBreach(
                f"BR-{code}-02", "seller.tax_number",
                f"An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code "
                f"(BT-151) is \"{_CODE_WORDS[code]}\" shall contain the Seller VAT Identifier (BT-31), the Seller "
                "tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."))
    if "AE" in codes and not facts.buyer.tax_number.strip():
        breaches.append(RuleBreach(
            "BR-AE-02", "buyer.tax_number",
            "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) "
            "is \"Reverse charge\" shall contain the Buyer VAT identifier (BT-48) and/or the Buyer legal "
            "registration identifier (BT-47)."))
    for index, line in enumerate(facts.lines):
        code = line.category.code
        if (line.rate > 0) != (code == "S"):
            should = "greater than zero" if code == "S" else "0 (zero)"
            breaches.append(RuleBreach(
                f"BR-{code}-05", f"lines[{index}].rate",
                f"In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "
                f"\"{_CODE_WORDS[code]}\" the Invoiced item VAT rate (BT-152) shall be {should}. "
                f"Line {index + 1} states {line.rate}%."))
    for index, group in enumerate(facts.subtotals):
        breaches += _group_rules(facts, index, group)
    return breaches


def _group_rules(facts: EInvoiceFacts, index: int, group: TaxSubtotal) -> list[RuleBreach]:
    """BR-x-08, -09 and -10 for one tax breakdown group."""
    code, words = group.category.code, _CODE_WORDS[group.category.code]
    # Standard-rated groups are one per rate; the others one per category, at rate 0.
    lines_sum = sum((line.net for line in facts.lines
                     if line.category.code == code and (code != "S" or line.rate == group.rate)), Decimal(0))
    breaches = []
    if group.taxable != lines_sum:
        per_rate = f" and the VAT rate equals {group.rate}%" if code == "S" else ""
        breaches.append(RuleBreach(
            f"BR-{code}-08", f"subtotals[{index}].taxable",
            f"In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"{words}\" the VAT category "
            f"taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) where the VAT "
            f"category code (BT-151) is \"{words}\"{per_rate}. States {group.taxable}, the lines add up to "
            f"{lines_sum}."))
    if code != "S" and group.tax != 0:
        breaches.append(RuleBreach(
            f"BR-{code}-09", f"subtotals[{index}].tax",
            f"The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code "
            f"(BT-118) is \"{words}\" shall be 0 (zero). States {group.tax}."))
    needs_reason = code in ("E", "AE")
    if needs_reason != bool(group.exemption_reason.strip()):
        shall = "shall have" if needs_reason else "shall not have"
        breaches.append(RuleBreach(
            f"BR-{code}-10", f"subtotals[{index}].exemption_reason",
            f"A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"{words}\" {shall} a VAT exemption reason "
            "code (BT-121) or a VAT exemption reason text (BT-120)."))
    return breaches

