"""The quote editor's fields as a save made meanwhile on another PC is judged (issue 18): a quote and what
is typed, field for field, in one form that compares (``form_of``, ``comparable``), and each field's
value as a person reads it in the conflict dialog (``shown``, with ``FIELD_LABELS``). The editor and its
save are dialogs/quote_editor.py's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...domain.costing import CostCategory
from ...domain.labels import COST_CATEGORY_LABELS
from ...domain.locale_text import NotInLocale, format_number, parse_number
from ..dates import date_text

#: The editor's fields as the conflict dialog names them.
FIELD_LABELS = {"lines": "Cost lines", "contingency_pct": "Contingency %", "price_by": "Price by",
                "design_fee": "Design fee", "valid_until": "Valid until", "promised_date": "Promised delivery",
                "hours": "Hours to make it", "payment_terms": "Payment terms", "exclusions": "Exclusions",
                "terms": "Other terms", "print_constraints": "Print the brief's constraints"}


def _category(value: str) -> str:
    try:
        return COST_CATEGORY_LABELS[CostCategory(value)]
    except ValueError:
        return value


def _number(text, locale: str) -> Any:
    """A typed figure as the service reads it, to compare; not a figure: as typed."""
    try:
        number = parse_number(str(text or "").strip() or "0", locale)
    except (NotInLocale, ArithmeticError, ValueError):
        return str(text).strip()
    return number if number is not None else str(text).strip()


def comparable(values: dict, locale: str) -> dict:
    """The editor's fields (``values``, as its save sends them) as they compare with a quote's."""
    margin = values["target_margin_pct"]
    return {"lines": tuple((ln["category"], ln["description"].strip(), _number(ln["amount"], locale))
                           for ln in values["lines"]),
            "contingency_pct": _number(values["contingency_pct"], locale),
            "price_by": ("markup", _number(values["markup_pct"], locale)) if margin is None
            else ("margin", _number(margin, locale)),
            "design_fee": _number(values["design_fee"], locale), "valid_until": values["valid_until"],
            "promised_date": values["promised_date"],
            "hours": tuple((ws_id, _number(hours, locale)) for ws_id, hours in values["hours"]),
            **{name: values[name].strip() for name in ("payment_terms", "exclusions", "terms")},
            "print_constraints": bool(values["print_constraints"])}


def form_of(q) -> dict:
    """The quote (a QuoteDetail) field for field as the editor shows it."""
    return {"lines": tuple((ln.category, ln.description.strip(), ln.amount) for ln in q.lines),
            "contingency_pct": q.contingency_pct,
            "price_by": ("markup", q.markup_pct or Decimal(0)) if q.target_margin_pct is None
            else ("margin", q.target_margin_pct),
            "design_fee": q.design_fee, "valid_until": q.valid_until, "promised_date": q.promised_date,
            "hours": tuple((h.workstation_id, h.hours) for h in q.hours),
            "payment_terms": q.payment_terms.strip(), "exclusions": q.exclusions.strip(),
            "terms": q.terms.strip(), "print_constraints": q.print_constraints}


def shown(name: str, value, locale: str, stations: list[tuple[int, str]]) -> str:
    """A field's value as a person reads it in the conflict dialog; ``stations``: (id, name) of the
    workstations the hours are for."""
    def figure(number, places=None) -> str:
        return format_number(number.normalize() if places is None else number, locale, places=places) \
            if isinstance(number, Decimal) else str(number)

    if name == "lines":
        return "; ".join(f"{_category(cat)}{' ' + desc if desc else ''} {figure(amount, 2)}"
                         for cat, desc, amount in value) or "No lines"
    if name == "price_by":
        method, number = value
        return f"{'Markup' if method == 'markup' else 'Target margin'} {figure(number)}%"
    if name in ("valid_until", "promised_date"):
        return date_text(value, "—") if not isinstance(value, str) else value
    if name == "hours":
        names = dict(stations)
        return "; ".join(f"{names.get(ws_id, ws_id)} {figure(hours)} h" for ws_id, hours in value) or "None"
    if name == "print_constraints":
        return "Yes" if value else "No"
    if name == "design_fee":
        return figure(value, 2)
    return figure(value) if isinstance(value, Decimal) else str(value)
