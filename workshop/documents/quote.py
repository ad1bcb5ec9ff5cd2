"""The quotation for the customer, from a quote revision in the database.

The quote's lines are our *cost* lines (labour, machine, overhead, materials, other), priced
as a whole with contingency and markup. A customer expects a scope of work and one price, not
our cost structure: printing each cost line with a share of the price would show "Overhead
£573.20" and let anyone work back to our markup, and those lines are not things the customer
buys. So the quote lists the scope (the work, machining, materials and other items in the
customer's words, without overhead, which is no item of work) with ``show_line_prices=False``
and prints one price: design fee, subtotal, tax and total exactly as the quotes service worked
them out, so the paper and the window agree to the penny.

The brief's constraints are our own notes ("access through a 760 mm door", "customer slow to
pay"): they print only on a quote whose ``print_constraints`` box is ticked.
"""

from __future__ import annotations

import re

from ..db.engine import Database
from ..domain.addresses import PostalAddress
from ..domain.statuses import QuoteStatus
from ..printing.quote import QuoteData, QuoteLine, render_quote
from ..services import briefs, customers, quotes, settings
from ..services.quotes import QuoteDetail
from .common import letterhead_and_page

#: How each cost category reads on the customer's scope (overhead is left off: it is no item of work).
SCOPE_CATEGORIES = {"labour": "Workmanship", "machine": "Machining", "materials": "Materials",
                    "other": "Other"}
#: The wording of a line built from a job's estimate ("Labour (estimate, J-2026-0004)"), per category.
_ESTIMATED_SCOPE = {"labour": "Making, assembly and finishing in our workshop",
                    "machine": "Machining and cutting",
                    "materials": "Materials and fittings",
                    "other": "Other direct costs"}
_FROM_ESTIMATE = re.compile(r"^\w[\w ]*\((estimate|actual)(, [^)]*)?\)$")
_TAX_LABELS = {"USD": "Sales tax", "CAD": "Sales tax", "AUD": "GST", "NZD": "GST", "SGD": "GST", "INR": "GST"}


def tax_label(currency: str) -> str:
    """What the tax is called on paper: VAT in the UK and the EU, GST or sales tax elsewhere."""
    return _TAX_LABELS.get(currency.upper(), "VAT")


def scope_lines(detail: QuoteDetail) -> tuple[QuoteLine, ...]:
    lines = []
    for line in detail.lines:
        if line.category not in SCOPE_CATEGORIES:
            continue
        description = line.description
        if not description.strip() or _FROM_ESTIMATE.match(description.strip()):
            description = _ESTIMATED_SCOPE[line.category]  # internal wording: say what the customer gets
        lines.append(QuoteLine(description=description, category=SCOPE_CATEGORIES[line.category]))
    return tuple(lines)


def _specification(brief: briefs.BriefDetail, print_constraints: bool) -> str:
    parts = [brief.requirements.strip()]
    if print_constraints and brief.constraints.strip():
        parts.append(f"Site and constraints: {brief.constraints.strip()}")
    return "\n\n".join(p for p in parts if p)


def _attention(customer: PostalAddress) -> str:
    """The contact, unless the customer's name already says who it is ("Mrs Aoife Brennan")."""
    contact = customer.contact.strip()
    return "" if contact.casefold() in customer.name.casefold() else contact


def _notes(detail: QuoteDetail) -> str:
    notes = detail.notes.strip()
    if detail.status is QuoteStatus.SUPERSEDED:
        notes = "\n\n".join(x for x in (f"This revision was replaced by a later revision of {detail.number}.",
                                        notes) if x)
    elif detail.status is QuoteStatus.DRAFT:
        notes = "\n\n".join(x for x in ("Draft: not yet sent.", notes) if x)
    return notes


def quote_data(db: Database, quote_id: int) -> QuoteData:
    detail = quotes.get_quote(db, quote_id)
    shop = settings.get_settings(db)
    customer = customers.billing_address(db, detail.customer_id)
    brief = briefs.get_brief(db, detail.brief_id)
    issued = (detail.sent_at or detail.created_at).astimezone().date()
    return QuoteData(
        number=detail.number, revision=detail.revision, quote_date=issued, valid_until=detail.valid_until,
        customer_name=detail.customer_name, customer_address=customer.text, customer_contact=_attention(customer),
        title=detail.title, specification=_specification(brief, detail.print_constraints),
        lines=scope_lines(detail), show_line_prices=False, design_fee=detail.design_fee, net=detail.price,
        tax_rate=detail.tax_rate, tax=detail.tax, gross=detail.total, payment_terms=detail.payment_terms,
        exclusions=detail.exclusions, terms=detail.terms, notes=_notes(detail), currency=detail.currency,
        locale=shop.locale, tax_label=tax_label(detail.currency), delivery_by=detail.promised_date,
    )


def quote_pdf(db: Database, quote_id: int) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_quote(quote_data(db, quote_id), letterhead, page)


def quote_pdf_by_number(db: Database, number: str, revision: int | None = None) -> bytes:
    """``Q-2026-0012`` (its latest revision) or a given revision."""
    return quote_pdf(db, quotes.quote_by_number(db, number, revision).id)
