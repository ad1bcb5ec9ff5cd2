"""Workstations (with their rates and capacity) and the operators who run them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import Operator, Workstation
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.locale_text import DEFAULT_LOCALE
from ..domain.statuses import OverheadBasis
from .common import clean_fields, get_or_fail, like_any, shop_locale

MAX_PARALLEL = 50  # machines side by side
WORKSTATION_KINDS = ("machine", "manual", "inspection", "outside")  # outside: where work sent out sits (outside_operations)


@dataclass(frozen=True)
class WorkstationView:
    id: int
    code: str
    name: str
    kind: str
    machine_rate: Decimal
    labour_rate: Decimal
    overhead_rate: Decimal | None
    overhead_basis: str
    capacity_hours_per_day: Decimal
    active: bool
    parallel: int = 1  # machines of this kind that run side by side, each with the capacity above

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}"


@dataclass(frozen=True)
class OperatorView:
    id: int
    name: str
    hourly_rate: Decimal
    active: bool
    workstation_ids: tuple[int, ...]
    workstation_codes: tuple[str, ...]


def _machines(value: object, locale: str = DEFAULT_LOCALE) -> int:
    """Machines side by side: a whole number from 1 to ``MAX_PARALLEL``."""
    try:
        return v.positive_int("parallel", value, maximum=MAX_PARALLEL, locale=locale)
    except ValidationError:
        typed = f", not “{str(value).strip()[:40]}”" if str(value).strip() else ""
        raise ValidationError("parallel", f"Machines side by side must be a whole number from 1 to {MAX_PARALLEL}"
                                          f"{typed}.") from None


_WS_VALIDATORS = {
    "code": partial(v.text, "code", required=True, max_length=20),
    "name": partial(v.text, "name", required=True),
    "kind": partial(v.choice, "kind", allowed=WORKSTATION_KINDS),
    "machine_rate": partial(v.money, "machine_rate"),
    "labour_rate": partial(v.money, "labour_rate"),
    "overhead_rate": partial(v.money, "overhead_rate", required=False),
    "overhead_basis": partial(v.choice, "overhead_basis", allowed=[b.value for b in OverheadBasis]),
    "capacity_hours_per_day": partial(v.decimal, "capacity_hours_per_day", maximum=Decimal(24), allow_zero=False),
    "parallel": _machines,
    "active": bool,
}
_WS_DEFAULTS = {"kind": "manual", "machine_rate": "0", "labour_rate": "0", "overhead_basis": "per_labour_hour",
                "capacity_hours_per_day": "8", "parallel": 1, "active": True}

_OP_VALIDATORS = {
    "name": partial(v.text, "name", required=True),
    "hourly_rate": partial(v.money, "hourly_rate"),
    "active": bool,
    "workstation_ids": lambda ids: tuple(ids or ()),
}


def workstation_view(w: Workstation) -> WorkstationView:
    return WorkstationView(w.id, w.code, w.name, w.kind, w.machine_rate, w.labour_rate, w.overhead_rate,
                           w.overhead_basis, w.capacity_hours_per_day, w.active, w.parallel or 1)


def operator_view(o: Operator) -> OperatorView:
    return OperatorView(o.id, o.name, o.hourly_rate, o.active,
                        tuple(w.id for w in o.workstations), tuple(w.code for w in o.workstations))


def _check_code_free(s, code: str, own_id: int | None = None) -> None:
    clash = s.scalar(select(Workstation.id).where(func.lower(Workstation.code) == code.lower()))
    if clash is not None and clash != own_id:
        raise ValidationError("code", f"Another workstation already has the code “{code}”.")


@writes(Change.SHOP | Change.PLANNING)
def create_workstation(db: Database, **values) -> WorkstationView:
    clean = clean_fields(_WS_VALIDATORS, {**_WS_DEFAULTS, **values}, partial=False, locale=shop_locale(db))
    with db.session() as s:
        _check_code_free(s, clean["code"])
        ws = Workstation(**clean)
        s.add(ws)
        s.flush()
        return workstation_view(ws)


@writes(Change.SHOP | Change.PLANNING)
def update_workstation(db: Database, workstation_id: int, **changes) -> WorkstationView:
    clean = clean_fields(_WS_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        ws = get_or_fail(s, Workstation, workstation_id, "workstation", "workstation")
        if "code" in clean:
            _check_code_free(s, clean["code"], ws.id)
        for name, value in clean.items():
            setattr(ws, name, value)
        s.flush()
        return workstation_view(ws)


def get_workstation(db: Database, workstation_id: int) -> WorkstationView:
    with db.reader() as s:
        return workstation_view(get_or_fail(s, Workstation, workstation_id, "workstation", "workstation"))


def list_workstations(db: Database, search: str = "", *, include_inactive: bool = False) -> list[WorkstationView]:
    with db.reader() as s:
        q = select(Workstation).order_by(Workstation.code)
        if search.strip():
            q = q.where(like_any(search, Workstation.code, Workstation.name))
        if not include_inactive:
            q = q.where(Workstation.active.is_(True))
        return [workstation_view(w) for w in s.scalars(q)]


def _skills(s, ids: tuple) -> list[Workstation]:
    return [get_or_fail(s, Workstation, i, "workstation_ids", "workstation") for i in dict.fromkeys(ids)]


@writes(Change.SHOP)
def create_operator(db: Database, *, name, hourly_rate="0", active=True, workstation_ids=()) -> OperatorView:
    clean = clean_fields(_OP_VALIDATORS, dict(name=name, hourly_rate=hourly_rate, active=active,
                                              workstation_ids=workstation_ids), partial=False, locale=shop_locale(db))
    with db.session() as s:
        op = Operator(name=clean["name"], hourly_rate=clean["hourly_rate"], active=clean["active"])
        op.workstations = _skills(s, clean["workstation_ids"])
        s.add(op)
        s.flush()
        return operator_view(op)


@writes(Change.SHOP)
def update_operator(db: Database, operator_id: int, **changes) -> OperatorView:
    clean = clean_fields(_OP_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        op = get_or_fail(s, Operator, operator_id, "operator", "operator")
        for name, value in clean.items():
            if name == "workstation_ids":
                op.workstations = _skills(s, value)
            else:
                setattr(op, name, value)
        s.flush()
        return operator_view(op)


def get_operator(db: Database, operator_id: int) -> OperatorView:
    with db.reader() as s:
        return operator_view(get_or_fail(s, Operator, operator_id, "operator", "operator"))


def list_operators(db: Database, *, include_inactive: bool = False, workstation_id: int | None = None) -> list[OperatorView]:
    with db.reader() as s:
        q = select(Operator).options(selectinload(Operator.workstations)).order_by(Operator.name)
        if not include_inactive:
            q = q.where(Operator.active.is_(True))
        if workstation_id is not None:
            q = q.where(Operator.workstations.any(Workstation.id == workstation_id))
        return [operator_view(o) for o in s.scalars(q)]
