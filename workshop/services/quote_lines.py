"""A quote's cost lines: what may be entered (category, description, amount) and the lines
built from a job's estimate, or from what a past job actually cost."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database
from ..db.models import Job
from ..domain import validation as v
from ..domain.costing import CostCategory, JobCost
from ..domain.errors import ValidationError
from ..domain.labels import COST_CATEGORY_LABELS
from ..domain.locale_text import DEFAULT_LOCALE
from .common import get_or_fail

LINE_CATEGORIES = tuple(c.value for c in CostCategory)


@dataclass(frozen=True)
class QuoteLineInput:
    category: str
    description: str
    amount: Decimal | str
    explanation: str = ""


def clean_line(raw: object, index: int, *, locale: str = DEFAULT_LOCALE) -> QuoteLineInput:
    if isinstance(raw, QuoteLineInput):
        item = raw
    elif isinstance(raw, Mapping):
        item = QuoteLineInput(raw.get("category", "other"), raw.get("description", ""), raw.get("amount"),
                              raw.get("explanation", ""))
    elif isinstance(raw, (tuple, list)) and len(raw) in (3, 4):
        item = QuoteLineInput(*raw)
    else:
        raise ValidationError("lines", f"Line {index}: give a category, a description and an amount.")
    if item.category not in LINE_CATEGORIES:
        raise ValidationError("lines", f"Line {index}: the category must be one of: {', '.join(LINE_CATEGORIES)}.")
    description = v.text("lines", item.description, max_length=300)
    try:
        amount = v.money("amount", item.amount, locale=locale)
    except ValidationError as error:
        raise ValidationError("lines", f"Line {index}: {error.message}") from None
    return QuoteLineInput(item.category, description, amount, v.long_text("lines", item.explanation))


def clean_lines(raw: Iterable[object] | None, *, locale: str = DEFAULT_LOCALE) -> list[QuoteLineInput]:
    if raw is None or isinstance(raw, (str, bytes)):
        raise ValidationError("lines", "Enter the cost lines of the quote.")
    lines = [clean_line(item, i, locale=locale) for i, item in enumerate(raw, start=1)]
    if not lines:
        raise ValidationError("lines", "A quote needs at least one cost line.")
    return lines


def lines_from_cost(cost: JobCost, source: str) -> list[QuoteLineInput]:
    """One quote line per cost category that has an amount, explained."""
    return [QuoteLineInput(c.value, f"{COST_CATEGORY_LABELS[c]} ({source})", fig.amount, fig.explanation)
            for c, fig in cost.by_category.items() if fig.amount != 0]


def lines_from_job(db: Database, job_id: int, *, actual: bool = False) -> list[QuoteLineInput]:
    """Quote lines from a job's estimate (its routing and BOM at today's rates), or with
    ``actual=True`` from what a past job actually cost (the "use their actual hours" offer)."""
    from .job_costing import actual_in_session, estimate_in_session

    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        if actual:
            return lines_from_cost(actual_in_session(s, job), f"actual, {job.number}")
        return lines_from_cost(estimate_in_session(s, job), f"estimate, {job.number}")
