"""Routing templates: named, reusable operation sequences ("Oak dining table")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import RoutingTemplate, RoutingTemplateStep, Workstation
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from . import outside_operations as outside
from .common import clean_fields, get_or_fail, session_locale


@dataclass(frozen=True)
class TemplateCheckView:
    """An inspection check a step carries (quality issue); see services.inspection.CheckView."""

    characteristic: str
    method: str
    check_type: str
    nominal: Decimal | None
    lower_tolerance: Decimal | None
    upper_tolerance: Decimal | None
    unit: str
    required: bool


@dataclass(frozen=True)
class TemplateStepView:
    id: int
    sequence: int
    name: str
    instructions: str
    workstation_id: int
    workstation_code: str
    setup_minutes: Decimal
    run_minutes: Decimal
    inspection_required: bool
    checks: tuple[TemplateCheckView, ...] = ()  # copied to the operation when the template is applied
    labour_run_minutes: Decimal | None = None  # a person's minutes per unit of the run; None: all of it
    supplier_id: int | None = None  # done outside by this supplier (None: in the shop)
    supplier_name: str = ""
    days_away: int | None = None

    @property
    def outside(self) -> bool:
        return self.supplier_id is not None


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    description: str
    active: bool
    steps: tuple[TemplateStepView, ...]


_STEP_VALIDATORS = {
    "name": partial(v.text, "name", required=True),
    "instructions": partial(v.long_text, "instructions"),
    "workstation_id": lambda x: x,
    "setup_minutes": partial(v.minutes, "setup_minutes"),
    "run_minutes": partial(v.minutes, "run_minutes"),
    "inspection_required": bool,
    "labour_run_minutes": partial(v.minutes, "labour_run_minutes", required=False),
    # Done outside, as an operation is (services/outside_operations has the rules).
    "supplier_id": lambda x: None if x in (None, "") else x,
    "days_away": outside.days_away,
}
_STEP_DEFAULTS = {"instructions": "", "setup_minutes": "0", "run_minutes": "0", "inspection_required": False,
                  "labour_run_minutes": None, "supplier_id": None, "days_away": None}


def _view(t: RoutingTemplate) -> TemplateView:
    return TemplateView(t.id, t.name, t.description, t.active, tuple(
        TemplateStepView(st.id, st.sequence, st.name, st.instructions, st.workstation_id, st.workstation.code,
                         st.setup_minutes, st.run_minutes, st.inspection_required,
                         tuple(TemplateCheckView(c.characteristic, c.method, c.check_type, c.nominal,
                                                 c.lower_tolerance, c.upper_tolerance, c.unit, c.required)
                               for c in st.checks), st.labour_run_minutes, st.supplier_id,
                         st.supplier.name if st.supplier else "", st.days_away) for st in t.steps))


def _step(s, values: dict, number: int, kept: dict[int, RoutingTemplateStep] | None = None) -> RoutingTemplateStep:
    """One step, checked. An error names the field "steps" and the step's number, so it is
    never mistaken for the template's own fields (both have a "name"). ``kept``: supplier id → a
    step the template had before, so a supplier no longer in use may stay on it."""
    values = dict(values)
    checks = values.pop("checks", None) or ()  # inspection checks (quality issue): list of check dicts
    try:
        clean = clean_fields(_STEP_VALIDATORS, {**_STEP_DEFAULTS, **values}, partial=False, locale=session_locale(s))
        # the rules an operation done outside follows (a step has no operator to clear)
        clean = outside.apply_outside_rules(s, clean, (kept or {}).get(clean["supplier_id"]))
        clean.pop("operator_id", None)
        get_or_fail(s, Workstation, clean["workstation_id"], "workstation_id", "workstation")
        step = RoutingTemplateStep(sequence=0, **clean)
        if checks:
            from ..db.models import TemplateStepCheck
            from .inspection import clean_check

            step.checks = [TemplateStepCheck(position=i, **clean_check(dict(c), locale=session_locale(s)))
                           for i, c in enumerate(checks, start=1)]
    except ValidationError as exc:
        raise ValidationError("steps", f"Step {number}: {exc.message}") from exc
    return step


def _check_name(s, name: str, own_id: int | None = None) -> None:
    clash = s.scalar(select(RoutingTemplate.id).where(func.lower(RoutingTemplate.name) == name.lower()))
    if clash is not None and clash != own_id:
        raise ValidationError("name", f"There is already a routing template called “{name}”.")


@writes(Change.TEMPLATES)
def create_template(db: Database, *, name: str, description: str = "", steps: list[dict] = (),
                    active: bool = True) -> TemplateView:
    name = v.text("name", name, required=True)
    description = v.long_text("description", description)
    with db.session() as s:
        _check_name(s, name)
        template = RoutingTemplate(name=name, description=description, active=bool(active))
        template.steps = [_step(s, step, i) for i, step in enumerate(steps, start=1)]
        for i, step in enumerate(template.steps, start=1):
            step.sequence = i
        s.add(template)
        s.flush()
        return _view(template)


@writes(Change.TEMPLATES)
def update_template(db: Database, template_id: int, *, name: str | None = None, description: str | None = None,
                    active: bool | None = None, steps: list[dict] | None = None) -> TemplateView:
    """Edit the header and, when ``steps`` is given, replace the steps in that order."""
    with db.session() as s:
        template = get_or_fail(s, RoutingTemplate, template_id, "template", "routing template")
        if name is not None:
            template.name = v.text("name", name, required=True)
            _check_name(s, template.name, template.id)
        if description is not None:
            template.description = v.long_text("description", description)
        if active is not None:
            template.active = bool(active)
        if steps is not None:
            kept = {st.supplier_id: st for st in template.steps if st.supplier_id is not None}
            new_steps = [_step(s, step, i, kept) for i, step in enumerate(steps, start=1)]
            template.steps = new_steps
            for i, step in enumerate(template.steps, start=1):
                step.sequence = i
        s.flush()
        return _view(template)


def get_template(db: Database, template_id: int) -> TemplateView:
    with db.reader() as s:
        return _view(get_or_fail(s, RoutingTemplate, template_id, "template", "routing template"))


def list_templates(db: Database, *, include_inactive: bool = False) -> list[TemplateView]:
    with db.reader() as s:
        q = select(RoutingTemplate).options(
            selectinload(RoutingTemplate.steps).selectinload(RoutingTemplateStep.workstation),
            selectinload(RoutingTemplate.steps).selectinload(RoutingTemplateStep.checks),
            selectinload(RoutingTemplate.steps).selectinload(RoutingTemplateStep.supplier),
        ).order_by(RoutingTemplate.name)
        if not include_inactive:
            q = q.where(RoutingTemplate.active.is_(True))
        return [_view(t) for t in s.scalars(q)]
