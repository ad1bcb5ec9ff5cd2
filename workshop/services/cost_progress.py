"""A cost sheet measured against the work done so far (issue 9): while a job is under way its cost is
compared with the estimate for the work done (earned value), each variance is split into rate and
usage, and the margin is the price's share for the work done less the cost so far; once the job
is complete, the whole estimate and the final margin. The rules are ``workshop.domain.variance``;
this module only puts them on the cost sheet that ``job_costing`` gathered.

How much of an operation is done: all of it once it is done or skipped; before that, the time
booked on it over the time planned, at most all of it (so an overrun shows as soon as it
happens, and a job 8% done is compared with 8% of its time, not with all of it).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from ..domain.cost_figures import Figure, money_of, num, percent_of
from ..domain.costing import JobCost
from ..domain.labels import FINAL_MARGIN, MARGIN_ON_WORK_DONE, MARGIN_UNMEASURED
from ..domain.money import line_rounding_rule
from ..domain.statuses import DONE_JOB_STATUSES, FINISHED_OPERATION_STATUSES, JobStatus, OperationStatus
from ..domain.variance import VarianceLine, WorkDone, split_variance, work_done

_NONE = Figure(Decimal("0.00"), "none")


def operation_progress(status: str, planned_minutes: Decimal, booked_minutes: Decimal) -> Fraction:
    """The part of an operation done, 0 to 1 (see the module's note)."""
    if OperationStatus(status) in FINISHED_OPERATION_STATUSES:
        return Fraction(1)
    if not planned_minutes:
        return Fraction(1 if booked_minutes else 0)
    return min(Fraction(booked_minutes) / Fraction(planned_minutes), Fraction(1))


def _split(row, line: VarianceLine, done: Figure):
    return replace(row, work_done=done, variance=line.variance, variance_pct=line.variance_pct,
                   variance_explanation=line.explanation, rate_variance=line.rate, usage_variance=line.usage,
                   split_explanation=line.split_explanation)


def _margin(price: Decimal | None, done: WorkDone, estimate: Figure,
            actual: Figure) -> tuple[Figure | None, Decimal | None, str]:
    if price is None:
        return None, None, FINAL_MARGIN if done.complete else MARGIN_ON_WORK_DONE
    if done.complete or not estimate.amount:
        amount = price - actual.amount
        label = FINAL_MARGIN if done.complete else MARGIN_UNMEASURED
        return (Figure(amount, f"price {num(price)} − actual cost {num(actual.amount)}"),
                percent_of(Fraction(amount), Fraction(price)), label)
    earned = money_of(Fraction(price) * Fraction(done.total.amount) / Fraction(estimate.amount))
    amount = earned - actual.amount
    how = (f"the price's share for the work done {num(earned)} (price {num(price)} × work done "
           f"{num(done.total.amount)} ÷ estimate {num(estimate.amount)}) − actual cost {num(actual.amount)}")
    return Figure(amount, how), percent_of(Fraction(amount), Fraction(earned)), MARGIN_ON_WORK_DONE


def against_work_done(sheet, at_standard: JobCost, progress: dict[str, Fraction]):
    """``sheet`` (a ``job_costing.CostSheet``) with its variance, rows and margin measured against
    the work done; ``at_standard``: the actual work at the estimate's rates; ``progress``: operation
    key → the part done (``operation_progress``)."""
    # all the work done: the variance and the margin are final
    done = work_done(sheet.estimate, at_standard, progress, JobStatus(sheet.status) in DONE_JOB_STATUSES)
    var = split_variance(done, sheet.actual, at_standard)
    categories = tuple(_split(row, line, done.by_category[row.category])
                       for row, line in zip(sheet.categories, var.by_category, strict=True))
    lines = {line.key: line for line in var.by_operation}
    operations = tuple(_split(row, lines[row.key], done.by_operation.get(row.key, _NONE)) if row.key in lines
                       else row for row in sheet.operations)
    margin, pct, label = _margin(sheet.price, done, sheet.estimate.total, sheet.actual.total)
    return replace(sheet, variance=var, categories=categories, total=_split(sheet.total, var.total, done.total),
                   operations=operations, margin=margin, margin_pct=pct, margin_label=label, work_done=done,
                   rounding_rule=line_rounding_rule(sheet.currency))


def variance_rule(sheet) -> str:
    """What the sheet's variance is measured against, in plain words."""
    if sheet.complete:
        return "Variance = actual − estimate (the job is complete)"
    share = sheet.work_done.share if sheet.work_done else None
    done = f" ({share}% of the estimate)" if share is not None else ""
    return f"The job is under way: variance = actual − the estimate for the work done so far{done}"


__all__ = ["operation_progress", "against_work_done", "variance_rule"]
