"""The stock ledger: every change of a material's stock is a movement, booked here and only here.

``move_stock`` is called inside the caller's session (an issue, goods in, a stocktake …), so the
movement and what caused it are saved together or not at all. It keeps the material's stock on
hand, stock value and average cost (``Material.unit_cost``) equal to the sums the movements give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from ..db.base import Money, Quantity
from ..db.engine import Database
from ..db.models import Job, Material, StockMovement
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.clocking import local_day_bounds
from ..domain.errors import ValidationError
from ..domain.stock import MovementKind, StockState, after_movement, movement_value
from .common import get_or_fail, session_locale


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


def movement_view(m: StockMovement, material_code: str, job_number: str | None,
                  balance: Decimal | None = None) -> MovementView:
    kind = MovementKind(m.kind)
    return MovementView(m.id, m.material_id, material_code, kind.value, kind.label, m.at, m.quantity, m.value,
                        m.reason, m.job_id, job_number or "", balance)


def _quantity_sum(s: Session, query) -> Decimal:
    """The sum of the ``quantity`` column of ``query``'s rows (0 when none)."""
    rows = query.subquery()
    return s.scalar(select(func.sum(rows.c.quantity))) or Decimal(0)


def list_movements(db: Database, material_id: int, *, limit: int | None = None,
                   offset: int = 0) -> list[MovementView]:
    """Newest first, each with the balance after it: the sum of the movements up to it."""
    newest_first = (StockMovement.at.desc(), StockMovement.id.desc())
    with db.reader() as s:
        material = get_or_fail(s, Material, material_id, "material", "material")
        mine = select(StockMovement.quantity).where(StockMovement.material_id == material.id)
        # the balance after the first row listed: the sum of it and every older row (one aggregate;
        # the first page sums them all)
        balance = _quantity_sum(s, mine.order_by(*newest_first).offset(offset) if offset else mine)
        rows = s.execute(select(StockMovement, Job.number).outerjoin(Job, Job.id == StockMovement.job_id)
                         .where(StockMovement.material_id == material.id).order_by(*newest_first)
                         .offset(offset).limit(limit)).all()
        found = []
        for movement, job_number in rows:
            found.append(movement_view(movement, material.code, job_number, balance))
            balance -= movement.quantity
        return found


def stock_value_at(db: Database, on: dt.date) -> StockValuation:
    """Each material's stock and its value at the end of ``on`` (midnight in the shop's time zone):
    the sums of its movements until then, by code; the total is the sum of the values.

    Worked back from the stock now (which ``move_stock`` keeps equal to the sums of all movements,
    and ``workshop check`` verifies) less what moved since: a recent date reads a few movements,
    not ten years of them."""
    _start, end = local_day_bounds(on)
    with db.reader() as s:
        # grouped by material_id + 0: SQLite would otherwise walk every movement in material order
        # to save a sort, where the index on ``at`` finds the few since the date
        material = (StockMovement.material_id + 0).label("material_id")
        since = (select(material, func.sum(StockMovement.quantity).label("quantity"),
                        func.sum(StockMovement.value).label("value"))
                 .where(StockMovement.at >= end).group_by(material).subquery())
        rows = s.execute(select(Material.id, Material.code, Material.name, Material.unit,
                                type_coerce(Material.stock_on_hand - func.coalesce(since.c.quantity, 0),
                                            Quantity()).label("quantity"),
                                type_coerce(Material.stock_value - func.coalesce(since.c.value, 0),
                                            Money()).label("value"))
                         .outerjoin(since, since.c.material_id == Material.id).order_by(Material.code)).all()
    lines = tuple(ValuationLine(*row) for row in rows if row.quantity or row.value)
    return StockValuation(on, sum((line.value for line in lines), Decimal(0)), lines)


@writes(Change.SHOP)
def adjust_stock(db: Database, material_id: int, quantity_change, reason: str,
                 at: dt.datetime | None = None) -> MovementView:
    """A correction by hand (found, damaged, miscounted), at the average cost; the reason is required.
    ``quantity_change`` is signed (text in the shop's locale, or a number); a decrease may not take
    more than the stock on hand."""
    reason = v.long_text("reason", reason)
    if not reason:
        raise ValidationError("reason", "Say why the stock is adjusted (found, damaged, miscounted …).")
    when = v.moment("at", at) or db.now()
    with db.session() as s:
        change = v.decimal("quantity_change", quantity_change, minimum=None, places=3, allow_zero=False,
                           locale=session_locale(s))
        material = get_or_fail(s, Material, material_id, "material", "material")
        if change < 0 and material.stock_on_hand + change < 0:
            raise ValidationError("quantity_change", f"Only {material.stock_on_hand.normalize():f} {material.unit} "
                                                     f"of {material.code} in stock; {(-change).normalize():f} "
                                                     "cannot be taken off.")
        movement = move_stock(s, material, MovementKind.ADJUSTMENT, change, at=when, booked_at=db.now(),
                              reason=reason)
        s.flush()
        return movement_view(movement, material.code, None, material.stock_on_hand)


__all__ = ["move_stock", "MovementView", "ValuationLine", "StockValuation", "movement_view", "list_movements",
           "stock_value_at", "adjust_stock"]
