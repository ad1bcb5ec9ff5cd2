"""Suppliers, and the suppliers each material is bought from (the first is the preferred one).

CONTRACT (issue 15): names and fields are fixed; fields may be added with defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..db.engine import Database
from ..domain.changes import Change, writes


@dataclass(frozen=True)
class SupplierView:
    id: int
    name: str
    contact: str
    address: str
    email: str
    phone: str
    lead_time_days: int
    notes: str
    active: bool


@dataclass(frozen=True)
class MaterialSupplierView:
    material_id: int
    supplier_id: int
    supplier_name: str
    position: int  # 0: the preferred supplier
    supplier_code: str
    price: Decimal  # per the material's unit
    lead_time_days: int


@dataclass(frozen=True)
class MaterialSupplierInput:
    supplier_id: int
    supplier_code: str = ""
    price: object = "0"  # Decimal, or text in the shop's locale


@writes(Change.PURCHASING)
def create_supplier(db: Database, **values) -> SupplierView:
    """Fields as SupplierView (name required; email checked; lead_time_days ≥ 0)."""
    raise NotImplementedError


@writes(Change.PURCHASING)
def update_supplier(db: Database, supplier_id: int, **changes) -> SupplierView:
    raise NotImplementedError


def get_supplier(db: Database, supplier_id: int) -> SupplierView:
    raise NotImplementedError


def list_suppliers(db: Database, search: str = "", *, include_inactive: bool = False,
                   limit: int | None = None, offset: int = 0) -> list[SupplierView]:
    """By name; ``search`` matches name, contact or email as you type."""
    raise NotImplementedError


def material_suppliers(db: Database, material_id: int) -> list[MaterialSupplierView]:
    """The material's suppliers, preferred first."""
    raise NotImplementedError


@writes(Change.PURCHASING | Change.SHOP)
def set_material_suppliers(db: Database, material_id: int,
                           suppliers: list[MaterialSupplierInput]) -> list[MaterialSupplierView]:
    """Replace the material's suppliers with ``suppliers``, in order (the first preferred)."""
    raise NotImplementedError
