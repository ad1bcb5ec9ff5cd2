"""Shortage arithmetic, pure: how open jobs share a material's stock and orders, what each job is
missing, and what the reorder list suggests. Plain data in, plain data out; the services gather it.

The rule. Open jobs claim what their bill of materials still has to issue, in order of due date,
then job number. For a job J and a material M:

    free for J   = on hand + on order for stock − what open jobs AHEAD of J still have to issue
                   (never below 0)
    supply for J = on order for J + free for J
    missing      = max(to issue by J − supply for J, 0)

Orders bought for another job supply only that job. "Allocated elsewhere" (shown beside the job)
is what every OTHER open job still has to issue, ahead of J or behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

ZERO = Decimal(0)


def outstanding(ordered: Decimal, received: Decimal) -> Decimal:
    """What an order line still owes: ordered − received, never below 0 (more may have come)."""
    return max(ordered - received, ZERO)


def to_issue(needed: Decimal, issued: Decimal) -> Decimal:
    """What a job still has to issue of a material: needed − issued, never below 0."""
    return max(needed - issued, ZERO)


@dataclass(frozen=True)
class JobClaim:
    """One open job's claim on a material: what its bill of materials still has to issue."""
    job_id: int
    due_date: dt.date
    job_number: str
    to_issue: Decimal


@dataclass(frozen=True)
class MaterialSupply:
    """What a material has to give: on the shelf, and owed by open orders (for stock, or per job)."""
    on_hand: Decimal
    on_order_for_stock: Decimal = ZERO
    on_order_for_job: Mapping[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class JobShortage:
    """Where one job stands on one material."""
    to_issue: Decimal
    on_order: Decimal             # owed to this job or to stock
    allocated_elsewhere: Decimal  # what the other open jobs still have to issue
    free: Decimal                 # stock and stock orders left once the jobs ahead have their share
    missing: Decimal              # what to order


def claim_order(claims: Iterable[JobClaim]) -> list[JobClaim]:
    """First claim first: earliest due date, then job number."""
    return sorted(claims, key=lambda c: (c.due_date, c.job_number))


def shortages(supply: MaterialSupply, claims: Iterable[JobClaim]) -> dict[int, JobShortage]:
    """Job id → where it stands on the material, for every claim (one per open job)."""
    ordered = claim_order(claims)
    total_claimed = sum((c.to_issue for c in ordered), ZERO)
    result: dict[int, JobShortage] = {}
    ahead = ZERO
    for claim in ordered:
        for_job = supply.on_order_for_job.get(claim.job_id, ZERO)
        free = max(supply.on_hand + supply.on_order_for_stock - ahead, ZERO)
        result[claim.job_id] = JobShortage(
            to_issue=claim.to_issue,
            on_order=for_job + supply.on_order_for_stock,
            allocated_elsewhere=total_claimed - claim.to_issue,
            free=free,
            missing=max(claim.to_issue - (for_job + free), ZERO),
        )
        ahead += claim.to_issue
    return result


def projected(on_hand: Decimal, on_order: Decimal, allocated: Decimal) -> Decimal:
    """What the shelf will hold once every order has come and every open job had its share."""
    return on_hand + on_order - allocated


#: Units a supplier sells whole (nobody orders 0.7 of a box): a suggestion in them is rounded up.
COUNTED_UNITS = frozenset({"ea", "pc", "pcs", "piece", "pair", "set", "box", "bag", "tin", "can", "sheet", "reel",
                           "roll", "kit", "pack", "cyl", "bottle", "length", "board"})


def is_counted(unit: str) -> bool:
    """Whether ``unit`` is counted whole (``COUNTED_UNITS``) rather than measured."""
    return unit.strip().lower() in COUNTED_UNITS


def reorder_suggestion(reorder_level: Decimal, reorder_quantity: Decimal, projected_stock: Decimal,
                       unit: str) -> Decimal:
    """How much to order: nothing unless the projected stock is below the reorder level; then
    enough to reach the level, or the reorder quantity when that is more; whole units for what is
    counted ("ea", "box", "sheet" …: ``COUNTED_UNITS``), exact for what is measured (m², l)."""
    if reorder_level <= 0 or projected_stock >= reorder_level:
        return ZERO
    suggested = max(reorder_level - projected_stock, reorder_quantity)
    if is_counted(unit):
        suggested = suggested.to_integral_value(rounding=ROUND_CEILING)
    return suggested


__all__ = ["COUNTED_UNITS", "is_counted", "JobClaim", "JobShortage", "MaterialSupply", "claim_order", "outstanding", "projected",
           "reorder_suggestion", "shortages", "to_issue"]
