"""The stock ledger: every change of a material's stock is a movement, booked here and only here.

``move_stock`` is called inside the caller's session (an issue, goods in, a stocktake …), so the
movement and what caused it are saved together or not at all. It keeps the material's stock on
hand, stock value and average cost (``Material.unit_cost``) equal to the sums the movements give.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from ..db.models import Material, StockMovement
from ..domain.stock import MovementKind, StockState, after_movement, movement_value


def move_stock(s: Session, material: Material, kind: MovementKind, quantity: Decimal, *, at: dt.datetime,
               booked_at: dt.datetime, unit_cost: Decimal | None = None, value: Decimal | None = None,
               reason: str = "", job_id: int | None = None, material_issue_id: int | None = None,
               receipt_line_id: int | None = None, stocktake_id: int | None = None) -> StockMovement:
    """Book ``quantity`` (signed: in > 0, out < 0) of ``material``, worth ``value`` or
    ``quantity × unit_cost`` (default: the material's average cost), and update the material.

    The caller has validated the figures; this only keeps the books."""
    if value is None:
        value = movement_value(quantity, material.unit_cost if unit_cost is None else unit_cost)
    state = after_movement(StockState(material.stock_on_hand, material.stock_value, material.unit_cost),
                           MovementKind(kind), quantity, value)
    material.stock_on_hand, material.stock_value, material.unit_cost = state.on_hand, state.value, state.unit_cost
    movement = StockMovement(material_id=material.id, kind=MovementKind(kind).value, at=at, quantity=quantity,
                             value=value, reason=reason, job_id=job_id, material_issue_id=material_issue_id,
                             receipt_line_id=receipt_line_id, stocktake_id=stocktake_id, booked_at=booked_at)
    s.add(movement)
    return movement


__all__ = ["move_stock"]


# CONTRACT (issue 15) for the rest of the ledger: names and fields are fixed; fields may be added.

from dataclasses import dataclass  # noqa: E402

from ..db.engine import Database  # noqa: E402
from ..domain.changes import Change, writes  # noqa: E402


@dataclass(frozen=True)
class MovementView:
    id: int
    material_id: int
    material_code: str
    kind: str               # MovementKind value
    kind_label: str
    at: dt.datetime
    quantity: Decimal       # signed
    value: Decimal          # signed
    reason: str
    job_id: int | None
    job_number: str
    balance: Decimal | None = None  # stock on hand after it, when listed for one material


@dataclass(frozen=True)
class ValuationLine:
    material_id: int
    code: str
    name: str
    unit: str
    quantity: Decimal
    value: Decimal


@dataclass(frozen=True)
class StockValuation:
    on: dt.date             # at the end of this day, in the shop's time zone
    total: Decimal
    lines: tuple[ValuationLine, ...]  # materials with stock or value, by code


def list_movements(db: Database, material_id: int, *, limit: int | None = None,
                   offset: int = 0) -> list[MovementView]:
    """Newest first, each with the balance after it."""
    raise NotImplementedError


def stock_value_at(db: Database, on: dt.date) -> StockValuation:
    raise NotImplementedError


@writes(Change.SHOP)
def adjust_stock(db: Database, material_id: int, quantity_change, reason: str,
                 at: dt.datetime | None = None) -> MovementView:
    """A correction by hand (found, damaged, miscounted), at the average cost; the reason is required."""
    raise NotImplementedError
