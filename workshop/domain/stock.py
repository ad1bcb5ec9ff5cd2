"""Stock rules, pure: the kinds of movement, how a movement is valued, the average cost, and the
life of a purchase order. No storage: the services gather the figures and keep the results.

Stock is valued at weighted average cost. A movement carries its quantity and its value, both
signed, in exact money; the stock's value is the sum of values. Stock coming in at a cost (goods
in, a return, finished goods) sets the average to value over quantity; stock going out (an issue)
leaves at the average as it stands, rounded to the minor unit, so the job is charged exactly what
left the shelf. A few pence of that rounding may stay in the value until the next goods in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .errors import ValidationError
from .money import round_money

ZERO = Decimal(0)


class MovementKind(StrEnum):
    OPENING = "opening"          # the stock a material held when movements began, or was created with
    GOODS_IN = "goods_in"        # received from a supplier
    ISSUE = "issue"              # issued to a job
    RETURN = "return"            # returned from a job
    ADJUSTMENT = "adjustment"    # corrected by hand, with a reason
    STOCKTAKE = "stocktake"      # a difference found by counting
    FINISHED = "finished"        # made by a job for stock
    REVALUATION = "revaluation"  # the unit cost changed by hand: value only

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    MovementKind.OPENING: "Opening stock", MovementKind.GOODS_IN: "Goods in", MovementKind.ISSUE: "Issued to job",
    MovementKind.RETURN: "Returned from job", MovementKind.ADJUSTMENT: "Adjustment",
    MovementKind.STOCKTAKE: "Stocktake", MovementKind.FINISHED: "Made for stock",
    MovementKind.REVALUATION: "Revaluation",
}

#: Kinds that bring stock in at a cost of their own, and so set the average cost.
COSTED_IN = frozenset({MovementKind.OPENING, MovementKind.GOODS_IN, MovementKind.RETURN, MovementKind.FINISHED})


def movement_value(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    """The value a movement carries: quantity × unit cost, rounded to the minor unit (signed)."""
    return round_money(quantity * unit_cost)


@dataclass(frozen=True)
class StockState:
    on_hand: Decimal
    value: Decimal
    unit_cost: Decimal  # the average cost issues go out at


def after_movement(state: StockState, kind: MovementKind, quantity: Decimal, value: Decimal) -> StockState:
    """The stock after a movement of ``quantity`` worth ``value``.

    Stock coming in at its own cost sets the average to value over quantity, to the minor unit;
    into empty or negative stock, the average is the incoming unit cost. Stock going out at a cost
    other than the average (a purchase for a job issued at what was paid) leaves the average of
    what remains: value over quantity. Other movements leave the average as it was (a revaluation
    sets it through ``revalue``)."""
    on_hand, total = state.on_hand + quantity, state.value + value
    unit_cost = state.unit_cost
    if kind in COSTED_IN and quantity > 0:
        unit_cost = round_money(total / on_hand) if on_hand > 0 else round_money(value / quantity)
    elif quantity < 0 < on_hand and value != movement_value(quantity, state.unit_cost):
        unit_cost = round_money(total / on_hand)
    return StockState(on_hand, total, unit_cost)


def revaluation_value(on_hand: Decimal, old_unit_cost: Decimal, new_unit_cost: Decimal) -> Decimal:
    """The value a change of unit cost adds to the stock on hand (none when there is no stock)."""
    if on_hand <= 0:
        return ZERO
    return round_money(on_hand * new_unit_cost) - round_money(on_hand * old_unit_cost)


class PurchaseOrderStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PART_RECEIVED = "part_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: Orders whose goods may still arrive: what they still owe counts as on order.
OPEN_PO_STATUSES = frozenset({PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT, PurchaseOrderStatus.PART_RECEIVED})
#: Orders whose lines may still be edited.
EDITABLE_PO_STATUSES = frozenset({PurchaseOrderStatus.DRAFT})
#: Orders goods can be received against (a draft is marked sent on its first receipt).
RECEIVABLE_PO_STATUSES = OPEN_PO_STATUSES


def status_after_receipt(ordered: dict[int, Decimal], received: dict[int, Decimal]) -> PurchaseOrderStatus:
    """Line id → ordered and received quantities: received when every line has all it ordered,
    part received when anything has come, else sent."""
    if ordered and all(received.get(line, ZERO) >= qty for line, qty in ordered.items()):
        return PurchaseOrderStatus.RECEIVED
    if any(q > 0 for q in received.values()):
        return PurchaseOrderStatus.PART_RECEIVED
    return PurchaseOrderStatus.SENT


def check_can_cancel(number: str, status: PurchaseOrderStatus | str, reason: str) -> None:
    status = PurchaseOrderStatus(status)
    if status not in (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT):
        raise ValidationError("status", f"{number} is {status.label.lower()}; only a draft or a sent order with "
                                        "nothing received can be cancelled.")
    if not reason.strip():
        raise ValidationError("reason", "Say why the order is cancelled.")
