"""Planned hours and material cost, from plain numbers. The same rules serve the job card,
the Job Cards tab and (later) the estimate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal


def planned_minutes(setup_minutes: Decimal, run_minutes_per_unit: Decimal, quantity: Decimal | int) -> Decimal:
    """Setup once, plus run time for every unit."""
    total = Decimal(setup_minutes) + Decimal(run_minutes_per_unit) * Decimal(quantity)
    return total.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class BomNodeInput:
    id: int
    parent_id: int | None
    quantity: Decimal  # per one unit of the parent
    unit_cost: Decimal
    is_assembly: bool


def effective_quantities(nodes: Iterable[BomNodeInput], job_quantity: int) -> dict[int, Decimal]:
    """Quantity of each node for the whole job: its own quantity times every parent's, times
    the job quantity (4 drawers per cabinet × 3 cabinets = 12 drawers)."""
    by_id = {n.id: n for n in nodes}
    result: dict[int, Decimal] = {}

    def resolve(node_id: int, seen: frozenset[int] = frozenset()) -> Decimal:
        if node_id in result:
            return result[node_id]
        if node_id in seen:
            raise ValueError(f"bill of materials has a loop at item {node_id}")
        node = by_id[node_id]
        parent = Decimal(job_quantity) if node.parent_id is None else resolve(node.parent_id, seen | {node_id})
        result[node_id] = (node.quantity * parent).quantize(Decimal("0.001"))
        return result[node_id]

    for node_id in by_id:
        resolve(node_id)
    return result


def planned_material_cost(nodes: Iterable[BomNodeInput], job_quantity: int) -> Decimal:
    """Sum of effective quantity × unit cost over the lines (sub-assemblies carry no cost of
    their own: their lines do). Unrounded: round once where it is shown or stored."""
    nodes = list(nodes)
    qty = effective_quantities(nodes, job_quantity)
    return sum((qty[n.id] * n.unit_cost for n in nodes if not n.is_assembly), Decimal(0))


def operation_quantity(subassembly_id: int | None, effective: Mapping[int, Decimal], job_quantity: int) -> Decimal:
    """Units an operation runs on: the job quantity, or its sub-assembly's effective quantity."""
    if subassembly_id is None:
        return Decimal(job_quantity)
    return effective.get(subassembly_id, Decimal(job_quantity))
