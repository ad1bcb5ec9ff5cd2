"""A stocktake: count the shelves, and book each difference as a movement, with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import Material, Stocktake
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.stock import MovementKind
from .common import get_or_fail, like_any, session_locale
from .stock_ledger import MovementView, move_stock, movement_view

#: The most of one material a count may say (a typing slip beyond it is refused, not booked).
MAX_COUNT = Decimal(10) ** 9


@dataclass(frozen=True)
class CountLine:
    material_id: int
    code: str
    name: str
    unit: str
    on_hand: Decimal


@dataclass(frozen=True)
class StocktakeResult:
    stocktake_id: int | None          # None: every count matched, nothing was booked
    movements: tuple[MovementView, ...]
    unchanged: int                    # counts that matched the stock


def count_sheet(db: Database, search: str = "") -> list[CountLine]:
    """Active materials by code, with the stock the program expects."""
    query = select(Material).where(Material.active.is_(True)).order_by(Material.code)
    if search.strip():
        query = query.where(like_any(search, Material.code, Material.name))
    with db.reader() as s:
        return [CountLine(m.id, m.code, m.name, m.unit, m.stock_on_hand) for m in s.scalars(query)]


def _counted(material: Material, value: object, locale: str) -> Decimal | None:
    """A count as typed, or None when left empty (not counted). The error names the material."""
    field = f"count:{material.id}"
    try:
        return v.quantity(field, value, required=False, allow_zero=True, maximum=MAX_COUNT, locale=locale)
    except ValidationError as exc:
        # "Count:7 must be …" would name nothing a person knows: say which material's count it is
        label = field.capitalize()
        words = exc.message[len(label):] if exc.message.startswith(label) else f": {exc.message}"
        raise ValidationError(field, f"The count of {material.code}{words}") from None


@writes(Change.SHOP)
def book_stocktake(db: Database, counts: dict[int, object], reason: str,
                   counted_at: dt.datetime | None = None) -> StocktakeResult:
    """``counts``: material id → counted quantity (Decimal or text in the shop's locale; empty: not
    counted, left out). Books a movement for each difference (counted − on hand, at the average
    cost) under one stocktake with the reason; a count that matches books nothing, and when all
    match no stocktake is recorded. All or nothing: a bad count (naming the material) books none."""
    reason = v.long_text("reason", reason)
    when = v.moment("counted_at", counted_at) or db.now()
    with db.session() as s:
        locale = session_locale(s)
        differences: list[tuple[Material, Decimal]] = []
        unchanged = 0
        for material_id, value in counts.items():
            material = get_or_fail(s, Material, material_id, "material", "material")
            counted = _counted(material, value, locale)
            if counted is None:
                continue
            if counted == material.stock_on_hand:
                unchanged += 1
            else:
                differences.append((material, counted - material.stock_on_hand))
        if not differences:
            return StocktakeResult(None, (), unchanged)
        if not reason:
            raise ValidationError("reason", "Say what this count was (year-end count, shelf check …): the stock "
                                            "it changes keeps the reason.")
        now = db.now()
        stocktake = Stocktake(counted_at=when, reason=reason, created_at=now)
        s.add(stocktake)
        s.flush()
        booked = [(material, move_stock(s, material, MovementKind.STOCKTAKE, difference, at=when, booked_at=now,
                                        reason=reason, stocktake_id=stocktake.id))
                  for material, difference in sorted(differences, key=lambda pair: pair[0].code)]
        s.flush()
        return StocktakeResult(stocktake.id, tuple(movement_view(m, material.code, None, material.stock_on_hand)
                                                   for material, m in booked), unchanged)


__all__ = ["CountLine", "StocktakeResult", "count_sheet", "book_stocktake"]
