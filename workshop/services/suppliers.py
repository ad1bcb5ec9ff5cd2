"""Suppliers, and the suppliers each material is bought from (the first is the preferred one)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import Material, MaterialSupplier, Supplier
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from .common import clean_fields, get_or_fail, like_any, session_locale, shop_locale


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


#: The longest lead time taken (ten years): more is a typing slip.
MAX_LEAD_DAYS = 3650


def lead_time(value: object, *, locale: str) -> int:
    """Whole days, 0 or more, typed in the shop's locale (left empty: 0)."""
    try:
        days = v.decimal("lead_time_days", value, required=False, places=0, maximum=Decimal(MAX_LEAD_DAYS),
                         locale=locale)
    except ValidationError:
        typed = str(value).strip()[:40]
        raise ValidationError("lead_time_days", f"The lead time is a whole number of days from 0 to "
                                                f"{MAX_LEAD_DAYS}, not “{typed}”.") from None
    return int(days or 0)


_VALIDATORS = {
    "name": partial(v.text, "name", required=True),
    "contact": partial(v.text, "contact"),
    "address": partial(v.long_text, "address"),
    "email": partial(v.email, "email"),
    "phone": partial(v.text, "phone", max_length=60),
    "lead_time_days": lead_time,
    "notes": partial(v.long_text, "notes"),
    "active": bool,
}
_DEFAULTS = {"lead_time_days": 0, "active": True}


def view(supplier: Supplier) -> SupplierView:
    return SupplierView(supplier.id, supplier.name, supplier.contact, supplier.address, supplier.email,
                        supplier.phone, supplier.lead_time_days, supplier.notes, supplier.active)


def _check_name_free(s: Session, name: str, own_id: int | None = None) -> None:
    clash = s.scalar(select(Supplier.id).where(func.lower(Supplier.name) == name.lower()))
    if clash is not None and clash != own_id:
        raise ValidationError("name", f"Another supplier is already called “{name}”.")


@writes(Change.PURCHASING)
def create_supplier(db: Database, **values) -> SupplierView:
    """Fields as SupplierView (name required; email checked; lead_time_days ≥ 0)."""
    clean = clean_fields(_VALIDATORS, {**_DEFAULTS, **values}, partial=False, locale=shop_locale(db))
    with db.session() as s:
        _check_name_free(s, clean["name"])
        supplier = Supplier(**clean)
        s.add(supplier)
        s.flush()
        return view(supplier)


@writes(Change.PURCHASING)
def update_supplier(db: Database, supplier_id: int, **changes) -> SupplierView:
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        supplier = get_or_fail(s, Supplier, supplier_id, "supplier", "supplier")
        if "name" in clean:
            _check_name_free(s, clean["name"], supplier.id)
        for name, value in clean.items():
            setattr(supplier, name, value)
        s.flush()
        return view(supplier)


def get_supplier(db: Database, supplier_id: int) -> SupplierView:
    with db.reader() as s:
        return view(get_or_fail(s, Supplier, supplier_id, "supplier", "supplier"))


def list_suppliers(db: Database, search: str = "", *, include_inactive: bool = False,
                   limit: int | None = None, offset: int = 0) -> list[SupplierView]:
    """By name; ``search`` matches name, contact or email as you type."""
    with db.reader() as s:
        q = select(Supplier).order_by(func.lower(Supplier.name), Supplier.id)
        if search.strip():
            q = q.where(like_any(search, Supplier.name, Supplier.contact, Supplier.email))
        if not include_inactive:
            q = q.where(Supplier.active.is_(True))
        return [view(x) for x in s.scalars(q.offset(offset).limit(limit))]


def material_supplier_view(row: MaterialSupplier) -> MaterialSupplierView:
    return MaterialSupplierView(row.material_id, row.supplier_id, row.supplier.name, row.position,
                                row.supplier_code, row.price, row.supplier.lead_time_days)


def material_suppliers_in_session(s: Session, material_id: int) -> list[MaterialSupplierView]:
    rows = s.scalars(select(MaterialSupplier).where(MaterialSupplier.material_id == material_id)
                     .options(selectinload(MaterialSupplier.supplier))
                     .order_by(MaterialSupplier.position, MaterialSupplier.id))
    return [material_supplier_view(r) for r in rows]


def material_suppliers(db: Database, material_id: int) -> list[MaterialSupplierView]:
    """The material's suppliers, preferred first."""
    with db.reader() as s:
        get_or_fail(s, Material, material_id, "material", "material")
        return material_suppliers_in_session(s, material_id)


def _clean_entry(s: Session, index: int, entry: MaterialSupplierInput, locale: str) -> tuple[Supplier, str, Decimal]:
    """One supplier of the list, checked; errors name it ("Supplier 2: …")."""
    def fail(field: str, message: str) -> ValidationError:
        return ValidationError(f"suppliers[{index}].{field}", f"Supplier {index + 1}: {message}")

    if not isinstance(entry, MaterialSupplierInput):
        raise fail("supplier_id", "not a supplier entry.")
    try:
        supplier = get_or_fail(s, Supplier, entry.supplier_id, "supplier_id", "supplier")
        code = v.text("supplier_code", entry.supplier_code, max_length=60)
        price = v.money("price", entry.price, locale=locale)
    except ValidationError as exc:
        raise fail(exc.field, exc.message) from None
    return supplier, code, price


@writes(Change.PURCHASING | Change.SHOP)
def set_material_suppliers(db: Database, material_id: int,
                           suppliers: list[MaterialSupplierInput]) -> list[MaterialSupplierView]:
    """Replace the material's suppliers with ``suppliers``, in order (the first preferred)."""
    with db.session() as s:
        material = get_or_fail(s, Material, material_id, "material", "material")
        locale = session_locale(s)
        cleaned = [_clean_entry(s, i, entry, locale) for i, entry in enumerate(suppliers)]
        seen: set[int] = set()
        for i, (supplier, _code, _price) in enumerate(cleaned):
            if supplier.id in seen:
                raise ValidationError(f"suppliers[{i}].supplier_id",
                                      f"Supplier {i + 1}: {supplier.name} is in the list twice.")
            seen.add(supplier.id)
        # Rows are updated in place, not deleted and added again: (material, supplier) is unique,
        # and the unit of work inserts before it deletes.
        existing = {row.supplier_id: row for row in s.scalars(
            select(MaterialSupplier).where(MaterialSupplier.material_id == material.id))}
        for position, (supplier, code, price) in enumerate(cleaned):
            row = existing.pop(supplier.id, None)
            if row is None:
                row = MaterialSupplier(material_id=material.id, supplier_id=supplier.id)
                s.add(row)
            row.position, row.supplier_code, row.price = position, code, price
        for row in existing.values():
            s.delete(row)
        s.flush()
        return material_suppliers_in_session(s, material.id)


__all__ = ["SupplierView", "MaterialSupplierView", "MaterialSupplierInput", "create_supplier", "update_supplier",
           "get_supplier", "list_suppliers", "material_suppliers", "material_suppliers_in_session",
           "set_material_suppliers", "lead_time"]
