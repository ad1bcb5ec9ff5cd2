"""Quote pricing, tax and change orders: pure rules, exact arithmetic, each figure explained.

A quote's price is built up from its cost: cost → + contingency (a % of cost) → then either a
markup on that (price = base × (1 + markup)) or a target margin (price = base ÷ (1 − margin)),
plus any design fee, charged as it is. Each step is rounded to the penny (half up) once, and the
price adds the rounded steps, so cost + contingency + markup + design fee is the price exactly.

The margin is price − cost: what is left over the cost, contingency included, because the
contingency is ours unless the risk it covers happens. It is shown beside the contingency, and
beside the margin left if the contingency is all spent (price − cost − contingency), which is
what a target margin aims at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from . import validation
from .cost_figures import Figure, decimal_input, money_of, num, percent_of
from .errors import ValidationError
from .locale_text import DEFAULT_LOCALE, format_date
from .money import round_money
from .wording import plural

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class QuoteCostLine:
    description: str
    amount: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", decimal_input("cost_lines", self.amount, label="A cost line"))


@dataclass(frozen=True)
class QuotePrice:
    cost: Figure
    contingency: Figure
    markup: Figure  # the amount added on cost + contingency
    design_fee: Figure
    price: Figure  # what the customer pays, before tax
    margin: Figure  # price − cost (the contingency is part of it)
    margin_pct: Figure  # margin as a % of price, to 0.01
    margin_after_contingency: Figure  # price − cost − contingency: the margin if the contingency is all spent
    margin_after_contingency_pct: Decimal  # of the price, to 0.01
    markup_pct: Decimal  # the markup used, or the one a target margin works out to (to 0.01)
    method: str  # "markup" or "target_margin"


def _line(value: object) -> QuoteCostLine:
    return value if isinstance(value, QuoteCostLine) else QuoteCostLine("", value)  # type: ignore[arg-type]


def _percent(name: str, value: object, label: str) -> Decimal:
    return decimal_input(name, value, label=label, places=4)


def price_quote(cost_lines: Sequence[QuoteCostLine | Decimal], contingency_pct: Decimal = Decimal(0),
                markup_pct: Decimal | None = None, target_margin_pct: Decimal | None = None,
                design_fee: Decimal = Decimal(0)) -> QuotePrice:
    """The price of a quote and how it was reached. Give exactly one of markup or target margin."""
    lines = [_line(v) for v in cost_lines]
    contingency_pct = _percent("contingency_pct", contingency_pct, "Contingency")
    fee = decimal_input("design_fee", design_fee, label="Design fee", places=2)
    has_markup = markup_pct is not None and str(markup_pct).strip() != ""
    has_margin = target_margin_pct is not None and str(target_margin_pct).strip() != ""
    if has_markup == has_margin:
        raise ValidationError("markup_pct", "Give either a markup or a target margin, not both or neither.")

    cost = sum((Fraction(line.amount) for line in lines), Fraction(0))
    contingency = Fraction(money_of(cost * Fraction(contingency_pct) / 100))
    base = Fraction(money_of(cost)) + contingency
    if has_markup:
        markup_pct = _percent("markup_pct", markup_pct, "Markup")
        work_price = base * (1 + Fraction(markup_pct) / 100)
        how = f"{num(markup_pct)}% markup on {num(base)}"
        method = "markup"
    else:
        margin = _percent("target_margin_pct", target_margin_pct, "Target margin")
        if margin >= HUNDRED:
            raise ValidationError("target_margin_pct", "Target margin must be less than 100%.")
        work_price = base / (1 - Fraction(margin) / 100)
        how = f"{num(base)} ÷ (1 − {num(margin)}%) − {num(base)}, for a {num(margin)}% margin"
        method = "target_margin"
    markup = Fraction(money_of(work_price - base))
    price = base + markup + Fraction(round_money(fee))
    margin_amount = price - Fraction(money_of(cost))
    kept = margin_amount - contingency
    markup_used = markup_pct if has_markup else (percent_of(markup, base) or Decimal("0.00"))
    margin_pct = percent_of(margin_amount, price) or Decimal("0.00")

    cost_how = " + ".join(f"{line.description or 'cost'} {num(line.amount)}" for line in lines) or "no costs"
    fee_note = " (includes the design fee)" if fee else ""
    return QuotePrice(
        cost=Figure(money_of(cost), cost_how),
        contingency=Figure(money_of(contingency), f"{num(contingency_pct)}% of cost {num(cost)}"),
        markup=Figure(money_of(markup), how),
        design_fee=Figure(round_money(fee), "design fee, charged as it is" if fee else "no design fee"),
        price=Figure(money_of(price), f"cost {num(cost)} + contingency {num(contingency)} + markup "
                                      f"{num(markup)}" + (f" + design fee {num(fee)}" if fee else "")),
        margin=Figure(money_of(margin_amount), f"price {num(price)} − cost {num(cost)}, of which contingency "
                                               f"{num(contingency)}{fee_note}"),
        margin_pct=Figure(margin_pct, f"margin {num(margin_amount)} ÷ price {num(price)} × 100{fee_note}"),
        margin_after_contingency=Figure(money_of(kept), f"margin {num(margin_amount)} − contingency "
                                                        f"{num(contingency)}, if the contingency is all spent"),
        margin_after_contingency_pct=percent_of(kept, price) or Decimal("0.00"),  # type: ignore[arg-type]
        markup_pct=markup_used,  # type: ignore[arg-type]
        method=method,
    )


def tax_on(net: Decimal, rate_pct: Decimal) -> Decimal:
    """Tax on a document's net total (not per line): net × rate ÷ 100, by the money rounding rule."""
    net = decimal_input("net", net, label="Net amount", minimum=None)
    rate = decimal_input("rate_pct", rate_pct, label="Tax rate", places=4)
    if rate > HUNDRED:
        raise ValidationError("rate_pct", "Tax rate must be at most 100%.")
    return money_of(Fraction(net) * Fraction(rate) / 100)


@dataclass(frozen=True)
class ChangeOutcome:
    budget: Decimal  # the job's new budget (price), rounded
    due_date: dt.date | None  # the new due date; None stays None
    budget_explanation: str
    due_date_explanation: str


def apply_change(budget: Decimal, due_date: dt.date | None, price_change: Decimal,
                 days_delta: int, *, locale: str = DEFAULT_LOCALE, not_before: dt.date | None = None) -> ChangeOutcome:
    """A change order's effect: the budget moves by the price change, the due date by whole days
    (explained with the date as the shop's ``locale`` writes it). ``not_before``: the day the job
    was created; a change may not move the due date before it."""
    old = decimal_input("budget", budget, label="Budget")
    change = decimal_input("price_change", price_change, label="Price change", minimum=None)
    if isinstance(days_delta, bool) or not isinstance(days_delta, int):
        raise ValidationError("days_delta", "Days must be a whole number.")
    new = old + change
    if new < 0:
        raise ValidationError("price_change", f"The change would take the budget below zero ({num(new)}).")
    sign = "+" if change >= 0 else "−"
    budget_how = f"{num(old)} {sign} {num(abs(change))} (change order)"
    if due_date is None:
        return ChangeOutcome(round_money(new), None, budget_how, "no due date set")
    due_date = validation.date("due_date", due_date)  # type: ignore[assignment]
    try:
        new_date = due_date + dt.timedelta(days=days_delta)
    except OverflowError:
        raise ValidationError("days_delta", "That moves the due date out of the calendar.") from None
    if not validation.FIRST_DAY <= new_date <= validation.LAST_DAY:
        raise ValidationError("days_delta", f"That moves the due date to {new_date.isoformat()}, outside "
                                            f"{validation.FIRST_DAY.year}–{validation.LAST_DAY.year}.")
    if not_before is not None and new_date < not_before:
        raise ValidationError("days_delta", f"That moves the due date to {format_date(new_date, locale)}, before the "
                                            f"job was created ({format_date(not_before, locale)}).")
    if days_delta == 0:
        return ChangeOutcome(round_money(new), new_date, budget_how, f"{format_date(due_date, locale)}, unchanged")
    days = f"{'+' if days_delta > 0 else '−'}{plural(abs(days_delta), 'day')}"
    return ChangeOutcome(round_money(new), new_date, budget_how, f"{format_date(due_date, locale)} {days}")
