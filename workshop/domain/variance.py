"""Variance: a job's actual cost against its estimate, split into rate and usage, and measured
against the work done so far. Pure rules on ``costing.JobCost`` figures.

The textbook standard-cost split, for time and materials alike:

- rate variance  = (actual rate − estimated rate) × actual quantity: a rate or a price changed;
- usage variance = (actual quantity − estimated quantity) × estimated rate: more or fewer hours
  or more or less material;
- rate + usage = actual − estimate.

It is worked on whole figures through "the actual work at the estimate's rates" (``cost_at_standard``:
every booking's hours at its operation's estimated rates, every issue at the estimated unit cost):
rate = actual − at standard, usage = at standard − estimate. Each is a sum of rounded lines, so
rate + usage is the variance to the penny. A rate rise therefore reads as rate, never as waste.

While a job is under way its cost is compared with the estimate *for the work done so far*
(earned value, ``work_done``), not with the whole estimate:

- an operation's time: its estimate × its progress (100% once done or skipped, else hours booked
  ÷ hours planned, at most 100%);
- materials (and other direct costs): what was issued, at the estimated unit costs, up to the
  estimate: material is often issued before the work, so it counts as done once issued, but
  never beyond what the estimate allowed;
- once the job is complete: the whole estimate, and the variance is final.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from .cost_figures import CostCategory, CostLine, Figure, money_of, num, percent_of
from .costing import JobCost, MaterialCharge, OtherCost, cost_job
from .money import ZERO
from .time_costing import BookedTime, CostRates, OverheadRule, TimeBooking

_TIME = (CostCategory.LABOUR, CostCategory.MACHINE, CostCategory.OVERHEAD)
_SPENT = (CostCategory.MATERIALS, CostCategory.OTHER)  # counted done as spent, up to the estimate


@dataclass(frozen=True)
class VarianceLine:
    key: str  # a CostCategory value, "total", or an operation key
    estimate: Decimal  # what it is compared with: the estimate, or the estimate for the work done
    actual: Decimal
    variance: Decimal  # actual − estimate: positive means over the estimate
    variance_pct: Decimal | None  # None when the estimate is zero
    explanation: str
    rate: Decimal | None = None  # actual − actual work at estimated rates (None: not split)
    usage: Decimal | None = None  # actual work at estimated rates − estimate
    split_explanation: str = ""


@dataclass(frozen=True)
class CostVariance:
    by_category: tuple[VarianceLine, ...]
    by_operation: tuple[VarianceLine, ...]
    total: VarianceLine


def _variance_line(key: str, estimate: Decimal, actual: Decimal, standard: Decimal | None = None,
                   compared: str = "estimate") -> VarianceLine:
    diff = actual - estimate
    pct = percent_of(Fraction(diff), Fraction(estimate))
    how = f"actual {num(actual)} − {compared} {num(estimate)}"
    how += f" = {num(diff)} ({pct}% of the {compared})" if pct is not None else f" (no {compared} to compare)"
    if standard is None:
        return VarianceLine(key, estimate, actual, diff, pct, how)
    rate, usage = actual - standard, standard - estimate
    split = (f"rate {num(rate)} = actual {num(actual)} − the same work at estimated rates {num(standard)}; "
             f"usage {num(usage)} = {num(standard)} − {compared} {num(estimate)}")
    return VarianceLine(key, estimate, actual, diff, pct, how, rate, usage, split)


def variance(estimate: JobCost, actual: JobCost) -> CostVariance:
    """Actual against estimate, per category and per operation, on the figures as shown."""
    cats = tuple(_variance_line(c.value, getattr(estimate, c.value).amount, getattr(actual, c.value).amount)
                 for c in CostCategory)
    est_ops = {o.operation_key: o.total.amount for o in estimate.by_operation}
    act_ops = {o.operation_key: o.total.amount for o in actual.by_operation}
    keys = list(dict.fromkeys([*est_ops, *act_ops]))
    ops = tuple(_variance_line(k, est_ops.get(k, ZERO), act_ops.get(k, ZERO)) for k in keys)
    return CostVariance(cats, ops, _variance_line("total", estimate.total.amount, actual.total.amount))


# --- the actual work at the estimate's rates ---------------------------------------------------


def cost_at_standard(bookings: Sequence[TimeBooking | BookedTime], materials: Sequence[tuple[MaterialCharge, Decimal | None]],
                     others: Sequence[OtherCost], quantity: int, standard_rates: Mapping[str, CostRates],
                     shop_overhead: OverheadRule | None = None, *, memo: dict | None = None,
                     amounts_only: bool = False) -> JobCost:
    """The hours and quantities actually used, costed at the estimate's rates: each booking at its
    operation's estimated rates (its own when the estimate has none for it), each issue at its
    estimated unit cost (its own when given None: nothing to compare, so no rate variance).
    ``memo``: as ``cost_job``'s (shared with the actual cost, the work at unchanged rates is
    worked out once). ``amounts_only``: as ``cost_job``'s (no explanations: the figures to compare)."""
    timed = [b._replace(rates=standard_rates.get(b.operation_key, b.rates)) if isinstance(b, BookedTime)
             else replace(b, rates=standard_rates.get(b.operation_key, b.rates)) for b in bookings]
    issued = [m if unit_cost is None else replace(m, unit_cost=unit_cost) for m, unit_cost in materials]
    return cost_job(timed, issued, others, quantity, shop_overhead, memo=memo, amounts_only=amounts_only)


# --- the estimate for the work done so far -----------------------------------------------------


@dataclass(frozen=True)
class WorkDone:
    """The estimate for the work done so far, in the shape of the estimate."""
    complete: bool  # the whole estimate: the job is finished
    by_category: Mapping[CostCategory, Figure]
    by_operation: Mapping[str, Figure]  # an operation's time, and the materials that name it
    total: Figure
    share: Decimal | None  # total ÷ the whole estimate, as a percentage (None: nothing estimated)


def _scaled(line: CostLine, progress: Fraction) -> Decimal:
    """A line of the estimate × progress, rounded once (the line rule)."""
    return money_of(line.exact * progress)


def _capped(spent: Decimal, estimated: Decimal) -> Decimal:
    return max(min(spent, estimated), ZERO)


def work_done(estimate: JobCost, at_standard: JobCost, progress: Mapping[str, Fraction],
              complete: bool = False) -> WorkDone:
    """The estimate for the work done (see the module's note). ``progress``: operation key → the
    fraction done, 0 to 1 (missing: 0); ``at_standard``: ``cost_at_standard`` of the actual work."""
    if complete:
        cats = {c: Figure(f.amount, f"the whole estimate: {f.explanation}") for c, f in estimate.by_category.items()}
        ops = {o.operation_key: Figure(o.total.amount, "the whole estimate") for o in estimate.by_operation}
        return WorkDone(True, cats, ops, Figure(estimate.total.amount, "the whole estimate: the job is complete"),
                        Decimal("100.00") if estimate.total.amount else None)

    def done(op: str) -> Fraction:
        return min(max(Fraction(progress.get(op, 0)), Fraction(0)), Fraction(1))

    # each time line of the estimate × its operation's progress, rounded once, in the estimate's order
    scaled = [(ln, _scaled(ln, done(ln.operation_key))) for ln in estimate.lines if ln.category in _TIME]
    cats: dict[CostCategory, Figure] = {}
    for c in _TIME:
        cats[c] = Figure(sum((amount for ln, amount in scaled if ln.category is c), ZERO),
                         "each operation's estimate × the part of it done")
    time_of: dict[str, Decimal] = {}
    for ln, amount in scaled:
        time_of[ln.operation_key] = time_of.get(ln.operation_key, ZERO) + amount
    for c in _SPENT:
        spent, estimated = at_standard.by_category[c].amount, estimate.by_category[c].amount
        cats[c] = Figure(_capped(spent, estimated), f"spent at estimated prices {num(spent)}, up to the estimate "
                                                    f"{num(estimated)}")
    spent_ops = {o.operation_key: o.materials.amount for o in at_standard.by_operation}
    ops: dict[str, Figure] = {}
    for o in estimate.by_operation:
        p = done(o.operation_key)
        time = time_of.get(o.operation_key, ZERO)
        materials = _capped(spent_ops.get(o.operation_key, ZERO), o.materials.amount)
        how = f"estimate {num(o.total.amount - o.materials.amount)} × {num(Fraction(p) * 100)}% done"
        if o.materials.amount:
            how += f" + materials issued at estimated prices, up to {num(o.materials.amount)}"
        ops[o.operation_key] = Figure(time + materials, how)
    total = sum((f.amount for f in cats.values()), ZERO)
    share = percent_of(Fraction(total), Fraction(estimate.total.amount))
    how = " + ".join(f"{c.value} {num(f.amount)}" for c, f in cats.items())
    return WorkDone(False, cats, ops, Figure(total, how), share)


def split_variance(done: WorkDone, actual: JobCost, at_standard: JobCost) -> CostVariance:
    """Actual against the estimate for the work done, each variance split into rate and usage."""
    compared = "estimate" if done.complete else "estimate for the work done"
    cats = tuple(_variance_line(c.value, done.by_category[c].amount, actual.by_category[c].amount,
                                at_standard.by_category[c].amount, compared) for c in CostCategory)
    act_ops = {o.operation_key: o.total.amount for o in actual.by_operation}
    std_ops = {o.operation_key: o.total.amount for o in at_standard.by_operation}
    keys = list(dict.fromkeys([*done.by_operation, *act_ops]))
    ops = tuple(_variance_line(k, done.by_operation[k].amount if k in done.by_operation else ZERO,
                               act_ops.get(k, ZERO), std_ops.get(k, ZERO), compared) for k in keys)
    total = _variance_line("total", done.total.amount, actual.total.amount, at_standard.total.amount, compared)
    return CostVariance(cats, ops, total)


__all__ = ["VarianceLine", "CostVariance", "variance", "cost_at_standard", "WorkDone", "work_done",
           "split_variance"]
