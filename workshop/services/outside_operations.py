"""Operations done outside the shop (powder coating, galvanising, upholstery): the rules the
routing applies to them, the one workstation they sit at, and what the estimate counts for them.

An operation is outside when it names a supplier. It takes no setup or run minutes in the shop;
it is away a number of days instead (the supplier's lead time unless given). Every operation needs
a workstation row, so outside ones share one of kind "outside" (code OUT, rates 0), made when the
first is planned. Its cost comes from the purchase order: the estimate counts the amount of the
order's line for it (a cancelled order counts nothing), and the actual cost arrives as a
subcontract cost when that line is received (goods in).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Job, Operation, PurchaseOrder, PurchaseOrderLine, Supplier, Workstation
from ..domain import wording
from ..domain.changes import Change, writes
from ..domain.costing import OtherCost
from ..domain.errors import ValidationError
from ..domain.money import round_money
from ..domain.stock import PurchaseOrderStatus
from .common import get_or_fail

OUTSIDE_KIND = "outside"
OUTSIDE_CODE = "OUT"
SUBCONTRACT = "subcontract"  # the other-cost category outside work is costed under
MAX_DAYS_AWAY = 365


def days_away(value: object) -> int | None:
    """Whole days, 0 or more; empty is None (the supplier's lead time then)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise ValidationError("days_away", f"Days away must be a whole number of days, 0 or more, not “{text[:20]}”.")
    days = int(text)
    if days > MAX_DAYS_AWAY:
        raise ValidationError("days_away", f"Days away must be at most {MAX_DAYS_AWAY}.")
    return days


def outside_workstation_in_session(s: Session) -> Workstation:
    """The workstation outside operations sit at: the shop's one of kind "outside", made on first use."""
    found = s.scalar(select(Workstation).where(Workstation.kind == OUTSIDE_KIND).order_by(Workstation.id).limit(1))
    if found is not None:
        return found
    code = OUTSIDE_CODE
    while s.scalar(select(Workstation.id).where(Workstation.code == code)) is not None:
        code = f"{code}X"  # a workstation of the shop's own already uses OUT
    found = Workstation(code=code, name="Outside work", kind=OUTSIDE_KIND, machine_rate=Decimal(0),
                        labour_rate=Decimal(0), overhead_rate=Decimal(0))
    s.add(found)
    s.flush()
    return found


@writes(Change.SHOP)
def outside_workstation_id(db: Database) -> int:
    """The id of the outside-work workstation, made when first asked for."""
    with db.session() as s:
        return outside_workstation_in_session(s).id


def apply_outside_rules(s: Session, fields: dict, current: Operation | None = None) -> dict:
    """``fields`` (validated) for an operation, with the outside rules applied: done outside, it sits
    at the outside workstation with no minutes, away the given days or the supplier's lead time;
    brought back inside, it needs a workstation of the shop's own. Returns the fields to set."""
    supplier_id = fields.get("supplier_id", current.supplier_id if current else None)
    fields = dict(fields)
    if supplier_id is None:
        if "supplier_id" in fields or "days_away" in fields:
            fields["days_away"] = None
        ws_id = fields.get("workstation_id", current.workstation_id if current else None)
        if ws_id is not None and ws_id == _outside_id(s):
            raise ValidationError("workstation_id", "Choose the workstation that does it in the shop.")
        return fields
    supplier = get_or_fail(s, Supplier, supplier_id, "supplier_id", "supplier")
    if not supplier.active and (current is None or current.supplier_id != supplier.id):
        raise ValidationError("supplier_id", f"{supplier.name} is no longer a supplier in use.")
    for name in ("setup_minutes", "run_minutes", "labour_run_minutes"):
        if fields.get(name):
            raise ValidationError(name, "An operation done outside takes no setup or run minutes in the shop; "
                                        "give the days it is away instead.")
    fields.update(setup_minutes=Decimal(0), run_minutes=Decimal(0), labour_run_minutes=None,
                  workstation_id=outside_workstation_in_session(s).id, operator_id=None)
    if fields.get("days_away", current.days_away if current else None) is None:
        fields["days_away"] = supplier.lead_time_days or 0
    return fields


def _outside_id(s: Session) -> int | None:
    return s.scalar(select(Workstation.id).where(Workstation.kind == OUTSIDE_KIND).order_by(Workstation.id).limit(1))


def ordered_outside_amounts(s: Session, job: Job) -> dict[int, Decimal]:
    """Operation id → what its purchase-order lines come to (quantity × unit price, to the minor
    unit, summed), over orders not cancelled, for the job's outside operations."""
    rows = s.execute(select(PurchaseOrderLine.operation_id, PurchaseOrderLine.quantity, PurchaseOrderLine.unit_price)
                     .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
                     .join(Operation, Operation.id == PurchaseOrderLine.operation_id)
                     .where(Operation.job_id == job.id,
                            PurchaseOrder.status != PurchaseOrderStatus.CANCELLED.value))
    amounts: dict[int, Decimal] = {}
    for operation_id, quantity, price in rows:
        amounts[operation_id] = amounts.get(operation_id, Decimal(0)) + round_money(quantity * price)
    return amounts


def outside_estimates(s: Session, job: Job, ops: list[Operation]) -> list[OtherCost]:
    """The estimate's subcontract costs: each outside operation at its order's amount; one not yet
    ordered counts nothing (no figure is invented)."""
    amounts = ordered_outside_amounts(s, job)
    return [OtherCost(SUBCONTRACT, f"{op.op_number:03d} {op.name} — {outside_text(op)}", amounts[op.id])
            for op in ops if op.supplier_id is not None and op.id in amounts]


def outside_text(op: Operation) -> str:
    """"Outside: Acme Coatings (5 days away)" as the job card and the cost sheet say it."""
    return wording.outside_work(op.supplier.name, op.days_away)


__all__ = ["OUTSIDE_CODE", "OUTSIDE_KIND", "SUBCONTRACT", "apply_outside_rules", "days_away",
           "ordered_outside_amounts", "outside_estimates", "outside_text", "outside_workstation_id",
           "outside_workstation_in_session"]
