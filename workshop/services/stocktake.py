"""A stocktake: count the shelves, and book each difference as a movement, with a reason.

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database
from ..domain.changes import Change, writes
from .stock_ledger import MovementView


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
    raise NotImplementedError


@writes(Change.SHOP)
def book_stocktake(db: Database, counts: dict[int, object], reason: str,
                   counted_at: dt.datetime | None = None) -> StocktakeResult:
    """``counts``: material id → counted quantity (Decimal or text in the shop's locale). Books a
    movement for each difference; a count that matches books nothing. All or nothing."""
    raise NotImplementedError
