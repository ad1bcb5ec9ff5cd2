"""Materials: the stock list that bills of materials pick from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Material
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import NotFoundError, ValidationError
from ..domain.stock import MovementKind, revaluation_value
from .common import clean_fields, get_or_fail, like_any, shop_locale
from .stock_ledger import move_stock


@dataclass(frozen=True)
class MaterialView:
    id: int
    code: str
    name: str
    unit: str
    unit_cost: Decimal
    stock_on_hand: Decimal
    reorder_level: Decimal
    active: bool
    reorder_quantity: Decimal = Decimal(0)  # what to order when low (0: back up to the level)
    stock_value: Decimal = Decimal(0)       # the sum of its movements' values

    @property
    def below_reorder(self) -> bool:
        return self.stock_on_hand <= self.reorder_level


_VALIDATORS = {
    "code": partial(v.text, "code", required=True, max_length=40),
    "name": partial(v.text, "name", required=True),
    "unit": partial(v.text, "unit", required=True, max_length=20),
    "unit_cost": partial(v.money, "unit_cost"),
    "stock_on_hand": partial(v.decimal, "stock_on_hand", places=3),
    "reorder_level": partial(v.decimal, "reorder_level", places=3),
    "reorder_quantity": partial(v.decimal, "reorder_quantity", places=3),
    "active": bool,
}
_DEFAULTS = {"unit": "ea", "unit_cost": "0", "stock_on_hand": "0", "reorder_level": "0", "reorder_quantity": "0",
             "active": True}


def view(m: Material) -> MaterialView:
    return MaterialView(m.id, m.code, m.name, m.unit, m.unit_cost, m.stock_on_hand, m.reorder_level, m.active,
                        m.reorder_quantity, m.stock_value)


def _check_code_free(s, code: str, own_id: int | None = None) -> None:
    clash = s.scalar(select(Material.id).where(func.lower(Material.code) == code.lower()))
    if clash is not None and clash != own_id:
        raise ValidationError("code", f"Another material already has the code “{code}”.")


@writes(Change.SHOP)
def create_material(db: Database, **values) -> MaterialView:
    clean = clean_fields(_VALIDATORS, {**_DEFAULTS, **values}, partial=False, locale=shop_locale(db))
    with db.session() as s:
        _check_code_free(s, clean["code"])
        on_hand = clean.pop("stock_on_hand")
        material = Material(**clean, stock_on_hand=Decimal(0), stock_value=Decimal(0))
        s.add(material)
        s.flush()
        if on_hand:
            now = db.now()
            move_stock(s, material, MovementKind.OPENING, on_hand, at=now, booked_at=now)
            # the cost as given, not the movement's rounded value divided back by the quantity
            material.unit_cost = clean["unit_cost"]
        return view(material)


@writes(Change.SHOP)
def update_material(db: Database, material_id: int, **changes) -> MaterialView:
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        material = get_or_fail(s, Material, material_id, "material", "material")
        if "code" in clean:
            _check_code_free(s, clean["code"], material.id)
        unit_cost, on_hand = clean.pop("unit_cost", None), clean.pop("stock_on_hand", None)
        for name, value in clean.items():
            setattr(material, name, value)
        now = db.now()
        if unit_cost is not None and unit_cost != material.unit_cost:
            _revalue(s, material, unit_cost, now)
        if on_hand is not None and on_hand != material.stock_on_hand:
            move_stock(s, material, MovementKind.ADJUSTMENT, on_hand - material.stock_on_hand, at=now,
                       booked_at=now, reason=CHANGED_IN_LIST)
        s.flush()
        return view(material)


#: The reason of a stock change typed into the materials list.
CHANGED_IN_LIST = "Changed in the materials list"


def _revalue(s, material: Material, unit_cost: Decimal, now) -> None:
    """A new unit cost typed in: the stock on hand is revalued to it (a value-only movement), and
    issues go out at it from now on."""
    value = revaluation_value(material.stock_on_hand, material.unit_cost, unit_cost)
    if value:
        move_stock(s, material, MovementKind.REVALUATION, Decimal(0), value=value, at=now, booked_at=now,
                   reason=f"Unit cost changed from {material.unit_cost} to {unit_cost} in the materials list")
    material.unit_cost = unit_cost


def get_material(db: Database, material_id: int) -> MaterialView:
    with db.reader() as s:
        return view(get_or_fail(s, Material, material_id, "material", "material"))


def material_by_code(db: Database, code: str) -> MaterialView:
    with db.reader() as s:
        m = s.scalar(select(Material).where(func.lower(Material.code) == code.strip().lower()))
        if m is None:
            raise NotFoundError("material", f"There is no material with the code “{code}”.")
        return view(m)


def list_materials(db: Database, search: str = "", *, include_inactive: bool = False,
                   limit: int | None = None, offset: int = 0) -> list[MaterialView]:
    with db.reader() as s:
        q = select(Material).order_by(Material.code)
        if search.strip():
            q = q.where(like_any(search, Material.code, Material.name))
        if not include_inactive:
            q = q.where(Material.active.is_(True))
        return [view(m) for m in s.scalars(q.offset(offset).limit(limit))]
