"""Customers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Customer
from ..domain import validation as v
from .common import clean_fields, get_or_fail, like_any


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    contact_person: str
    email: str
    phone: str
    address: str
    tax_number: str
    notes: str
    archived: bool


_VALIDATORS = {
    "name": partial(v.text, "name", required=True),
    "contact_person": partial(v.text, "contact_person"),
    "email": partial(v.email, "email"),
    "phone": partial(v.text, "phone", max_length=60),
    "address": partial(v.text, "address", max_length=2000),
    "tax_number": partial(v.text, "tax_number", max_length=60),
    "notes": partial(v.long_text, "notes"),
    "archived": bool,
}


def view(c: Customer) -> CustomerView:
    return CustomerView(c.id, c.name, c.contact_person, c.email, c.phone, c.address, c.tax_number, c.notes,
                        c.archived)


def create_customer(db: Database, **values) -> CustomerView:
    values.setdefault("archived", False)
    clean = clean_fields(_VALIDATORS, values, partial=False)
    with db.session() as s:
        customer = Customer(**clean, created_at=db.now())
        s.add(customer)
        s.flush()
        return view(customer)


def update_customer(db: Database, customer_id: int, **changes) -> CustomerView:
    clean = clean_fields(_VALIDATORS, changes, partial=True)
    with db.session() as s:
        customer = get_or_fail(s, Customer, customer_id, "customer", "customer")
        for name, value in clean.items():
            setattr(customer, name, value)
        return view(customer)


def archive_customer(db: Database, customer_id: int, archived: bool = True) -> CustomerView:
    """Customers are archived, never deleted: their briefs and jobs keep pointing at them."""
    with db.session() as s:
        customer = get_or_fail(s, Customer, customer_id, "customer", "customer")
        customer.archived = archived
        return view(customer)


def get_customer(db: Database, customer_id: int) -> CustomerView:
    with db.reader() as s:
        return view(get_or_fail(s, Customer, customer_id, "customer", "customer"))


def _query(search: str, include_archived: bool):
    q = select(Customer)
    if search.strip():
        q = q.where(like_any(search, Customer.name, Customer.contact_person, Customer.email, Customer.phone))
    if not include_archived:
        q = q.where(Customer.archived.is_(False))
    return q


def list_customers(db: Database, search: str = "", *, include_archived: bool = False,
                   limit: int | None = None, offset: int = 0) -> list[CustomerView]:
    with db.reader() as s:
        q = _query(search, include_archived).order_by(func.lower(Customer.name), Customer.id)
        return [view(c) for c in s.scalars(q.offset(offset).limit(limit))]


def count_customers(db: Database, search: str = "", *, include_archived: bool = False) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(_query(search, include_archived).subquery()))
