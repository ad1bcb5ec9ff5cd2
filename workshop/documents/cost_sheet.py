"""The job cost sheet, from the costing service's live figures.

Every amount is the service's own (the same figures ``workshop job-cost --json`` and the
window show), never re-added here. The costing rounds each line once and adds the rounded lines
(``domain.money.line_rounding_rule``, printed once on the sheet), so the categories add up to the
total exactly as printed: no "Rounding" line (the printer refuses a column that does not add up).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..db.engine import Database
from ..domain.costing import num
from ..domain.statuses import ChangeOrderStatus, JobStatus, OperationStatus
from ..domain.wording import outside_work
from ..printing.cost_sheet import (CostCategoryLine, CostChangeOrder, CostOperationLine, CostSheetData,
                                   CostWorkstationLine, render_cost_sheet)
from ..services import change_orders, job_costing, routing, settings
from ..services.change_orders import ChangeOrderView
from ..services.cost_progress import variance_rule
from ..services.job_costing import CategoryRow, CostSheet, hours_of
from .common import letterhead_and_page

_TERM = re.compile(r"^[a-z][a-z ]* (-?[\d,]+\.\d\d)$")


def _without_zeros(explanation: str) -> str:
    """``labour 0.00 + materials 87.00 + other 0.00`` -> ``materials 87.00``: the categories
    with nothing in them say nothing on paper. Any other explanation is kept as written."""
    terms = explanation.split(" + ")
    matches = [_TERM.match(t) for t in terms]
    if len(terms) < 2 or not all(matches):
        return explanation
    kept = [t for t, m in zip(terms, matches) if Decimal(m.group(1).replace(",", "")) != 0]
    return " + ".join(kept) or explanation


def _label(enum, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def _category(r: CategoryRow, estimate_note: str, actual_note: str) -> CostCategoryLine:
    """A category (or the total) against the work done, its variance split into rate and usage."""
    return CostCategoryLine(r.label, r.estimate.amount, r.actual.amount, r.variance, r.variance_pct,
                            estimate_note=estimate_note, actual_note=actual_note,
                            variance_note=r.split_explanation if r.variance else "",
                            work_done=r.work_done.amount if r.work_done else None, rate_variance=r.rate_variance,
                            usage_variance=r.usage_variance)


def _categories(sheet: CostSheet) -> tuple[CostCategoryLine, ...]:
    return tuple(_category(r, r.estimate.explanation if r.estimate.amount else "",
                           r.actual.explanation if r.actual.amount else "") for r in sheet.categories)


def _operations(db: Database, sheet: CostSheet) -> tuple[CostOperationLine, ...]:
    ops = {o.id: o for o in routing.list_operations(db, sheet.job_id)}
    lines = []
    for r in sheet.operations:
        op = ops.get(r.operation_id)
        number, _, name = r.key.partition(" ")
        notes = [f"estimate {r.estimate.explanation}" if r.estimate.amount else "",
                 f"actual {r.actual.explanation}" if r.actual.amount else "",
                 f"materials used here {r.materials_estimate.explanation}" if r.materials_estimate.amount else "",
                 f"work done {r.work_done.explanation}" if r.work_done and not sheet.complete else "",
                 f"rate {num(r.rate_variance)}, usage {num(r.usage_variance)}" if r.variance else ""]
        lines.append(CostOperationLine(
            op_number=op.op_number if op else int(number), name=op.name if op else name,
            workstation=_where(op) if op else r.workstation_code,
            planned_hours=r.planned_hours, actual_hours=r.booked_hours, planned_cost=r.estimate.amount,
            actual_cost=r.actual.amount, variance=r.variance, variance_pct=r.variance_pct,
            status=_label(OperationStatus, r.status), note="; ".join(n for n in notes if n),
            work_done=r.work_done.amount if r.work_done else None))
    return tuple(lines)


def _where(op) -> str:
    """Where the operation is done: its workstation, or outside at its supplier."""
    if op.supplier_id is not None:
        return outside_work(op.supplier_name, op.days_away)
    return f"{op.workstation_code} — {op.workstation_name}"


def _workstations(db: Database, sheet: CostSheet) -> tuple[CostWorkstationLine, ...]:
    names = {o.workstation_code: f"{o.workstation_code} — {o.workstation_name}"
             for o in routing.list_operations(db, sheet.job_id)}
    actual = {w.workstation_code: w.total.amount for w in sheet.actual.by_workstation}
    return tuple(CostWorkstationLine(names.get(w.workstation_code, w.workstation_code), w.labour.amount,
                                     w.machine.amount, w.overhead.amount, w.materials.amount, w.total.amount,
                                     actual.get(w.workstation_code, Decimal("0.00")))
                 for w in sheet.estimate.by_workstation)


def _change_order(co: ChangeOrderView) -> CostChangeOrder:
    minutes = sum((h.minutes for h in co.hours), Decimal(0))
    due = co.due_date_explanation if co.days_delta else ""
    return CostChangeOrder(
        number=co.label, description=co.description, status=co.status.label, price_change=co.price_change,
        cost_change=co.cost_impact.amount, hours_change=hours_of(minutes), requested_by=co.requested_by,
        decided_on=co.decided_on, due_date_effect=due,
        note=f"cost {_without_zeros(co.cost_impact.explanation)}" if co.cost_impact.amount else "")


def _price_note(sheet: CostSheet, orders: list[ChangeOrderView]) -> str:
    if sheet.price is None:
        return ""
    approved = [co for co in orders if co.status is ChangeOrderStatus.APPROVED]
    changes = sum((co.price_change for co in approved), Decimal(0))
    if not approved:
        return "the job's budget (the quoted price)"
    return (f"budget {num(sheet.price)}, including {len(approved)} approved change order(s) "
            f"{'+' if changes >= 0 else '−'}{num(abs(changes))}")


def cost_sheet_data(db: Database, job_id: int) -> CostSheetData:
    sheet = job_costing.cost_sheet(db, job_id)
    orders = change_orders.list_change_orders(db, job_id)
    shop = settings.get_settings(db)
    t = sheet.total
    return CostSheetData(
        job_number=sheet.number, title=sheet.title, customer=sheet.customer_name, quantity=sheet.quantity,
        status=_label(JobStatus, sheet.status), as_of=sheet.as_of.astimezone(), due_date=sheet.due_date,
        categories=_categories(sheet),
        total=_category(t, _without_zeros(t.estimate.explanation), _without_zeros(t.actual.explanation)),
        operations=_operations(db, sheet), workstations=_workstations(db, sheet), price=sheet.price,
        price_note=_price_note(sheet, orders),
        estimated_margin=sheet.estimated_margin.amount if sheet.estimated_margin else None,
        estimated_margin_pct=sheet.estimated_margin_pct,
        estimated_margin_note=sheet.estimated_margin.explanation if sheet.estimated_margin else "",
        margin=sheet.margin.amount if sheet.margin else None, margin_pct=sheet.margin_pct,
        margin_note=sheet.margin.explanation if sheet.margin else "", margin_label=sheet.margin_label,
        unit_cost_estimate=sheet.estimate.unit_cost.amount, unit_cost_actual=sheet.actual.unit_cost.amount,
        variance_rule=variance_rule(sheet), rounding_rule=sheet.rounding_rule,
        change_orders=tuple(_change_order(co) for co in orders), currency=sheet.currency, locale=shop.locale,
    )


def cost_sheet_pdf(db: Database, job_id: int) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_cost_sheet(cost_sheet_data(db, job_id), letterhead, page)
