"""``workshop job-cost J-…``: a job's cost sheet (``services.job_costing``) as JSON-able data
and as text for a terminal."""

from __future__ import annotations

from decimal import Decimal

from ..db.engine import Database
from ..domain.costing import Figure
from ..domain.errors import ValidationError
from ..domain.statuses import JobStatus, OperationStatus
from ..services.job_costing import CategoryRow, CostSheet, cost_sheet
from ..services.jobs import find_job_id
from .text import amount_text, or_dash, table


def _figure(f: Figure | None) -> dict | None:
    return None if f is None else {"amount": amount_text(f.amount), "explanation": f.explanation}


def _against_work_done(row) -> dict:
    """A category or operation row's figures against the work done so far."""
    return {"work_done": amount_text(row.work_done.amount) if row.work_done else None,
            "rate_variance": amount_text(row.rate_variance), "usage_variance": amount_text(row.usage_variance)}


def _category(r: CategoryRow) -> dict:
    return {"category": r.category, "label": r.label, "estimate": amount_text(r.estimate.amount),
            "actual": amount_text(r.actual.amount), "variance": amount_text(r.variance),
            "variance_pct": amount_text(r.variance_pct), "estimate_explanation": r.estimate.explanation,
            "actual_explanation": r.actual.explanation, **_against_work_done(r)}


def _workstations(sheet: CostSheet) -> list[dict]:
    """Estimate and actual per workstation (department): time, overhead and the materials used there."""
    est = {w.workstation_code: w for w in sheet.estimate.by_workstation}
    act = {w.workstation_code: w for w in sheet.actual.by_workstation}
    out = []
    for code in dict.fromkeys([*est, *act]):
        row: dict = {"workstation": code}
        for side, found in (("estimate", est.get(code)), ("actual", act.get(code))):
            row[side] = {c: amount_text(getattr(found, c).amount if found else Decimal(0))
                         for c in ("labour", "machine", "overhead", "materials", "total")}
        out.append(row)
    return out


def _progress(sheet: CostSheet) -> dict:
    """What the report says about the work done, the margin's name and the rounding rule."""
    done = sheet.work_done
    return {"work_done": None if done is None else {
                "complete": done.complete, "total": amount_text(done.total.amount),
                "percent_of_estimate": amount_text(done.share), "explanation": done.total.explanation},
            "margin_label": sheet.margin_label, "rounding_rule": sheet.rounding_rule}


def sheet_report(sheet: CostSheet) -> dict:
    """A cost sheet as JSON-able data: money as strings with 2 places, percentages likewise."""
    return {
        "job": sheet.number, "title": sheet.title, "customer": sheet.customer_name, "status": sheet.status,
        "quantity": sheet.quantity, "due_date": sheet.due_date.isoformat(), "currency": sheet.currency,
        "as_of": sheet.as_of.isoformat(timespec="seconds"),
        "price": amount_text(sheet.price),
        "categories": [_category(r) for r in sheet.categories],
        "total": _category(sheet.total),
        "unit_cost": {"estimate": amount_text(sheet.estimate.unit_cost.amount),
                      "actual": amount_text(sheet.actual.unit_cost.amount)},
        "operations": [{"operation": o.key, "workstation": o.workstation_code, "status": o.status,
                        "planned_hours": amount_text(o.planned_hours), "booked_hours": amount_text(o.booked_hours),
                        "estimate": amount_text(o.estimate.amount), "actual": amount_text(o.actual.amount),
                        "variance": amount_text(o.variance), "variance_pct": amount_text(o.variance_pct),
                        "materials_estimate": amount_text(o.materials_estimate.amount),
                        "materials_actual": amount_text(o.materials_actual.amount), **_against_work_done(o)}
                       for o in sheet.operations],
        "workstations": _workstations(sheet),
        "hours": {"planned": amount_text(sheet.planned_hours), "booked": amount_text(sheet.booked_hours),
                  "percent_complete": amount_text(sheet.percent_complete)},
        "margin": {"estimated": _figure(sheet.estimated_margin),
                   "estimated_pct": amount_text(sheet.estimated_margin_pct),
                   "actual": _figure(sheet.margin), "actual_pct": amount_text(sheet.margin_pct)},
        **_progress(sheet),
    }


def job_cost_report(db: Database, number: str) -> dict:
    """``workshop job-cost J-…``: the cost sheet of the job with that number, JSON-able."""
    if not isinstance(number, str) or not number.strip():
        raise ValidationError("job", "Give a job number, like J-2026-0001.")
    return sheet_report(cost_sheet(db, find_job_id(db, number)))


def format_job_cost_report(report: dict) -> str:
    """The job-cost report as plain text for a terminal."""
    cur = report["currency"]
    out = [f"Job {report['job']} — {report['title']}",
           f"Customer: {report['customer']}   Status: {JobStatus(report['status']).label}   "
           f"Quantity: {report['quantity']}   "
           f"Due: {report['due_date']}",
           f"Price (budget): {or_dash(report['price'], ' ' + cur)}", ""]
    rows = [[r["label"], r["estimate"], or_dash(r["work_done"]), r["actual"], r["variance"],
             or_dash(r["variance_pct"], "%"), or_dash(r["rate_variance"]), or_dash(r["usage_variance"])]
            for r in [*report["categories"], report["total"]]]
    out += table(["Category", "Estimate", "Work done", "Actual", "Variance", "Var %", "Rate", "Usage"], rows,
                 {1, 2, 3, 4, 5, 6, 7})
    done = report["work_done"]
    out.append("Variance is against the " + ("whole estimate: the job is complete." if done["complete"] else
               f"estimate for the work done so far ({or_dash(done['percent_of_estimate'], '%')} of the estimate)."))
    out += ["", f"Unit cost: estimate {report['unit_cost']['estimate']}, actual {report['unit_cost']['actual']}", ""]
    if report["operations"]:
        rows = [[o["operation"], o["workstation"], OperationStatus(o["status"]).label, o["planned_hours"],
                 o["booked_hours"], o["estimate"],
                 o["actual"], o["variance"], or_dash(o["variance_pct"], "%")] for o in report["operations"]]
        out += table(["Operation", "Station", "Status", "Plan h", "Booked h", "Estimate", "Actual", "Variance",
                      "Var %"], rows, {3, 4, 5, 6, 7, 8})
        out.append("")
    if report.get("workstations"):  # the textbook job-cost record: estimate by department, actual beside it
        rows = [[w["workstation"], *(w["estimate"][c] for c in ("labour", "machine", "overhead", "materials",
                                                                  "total")), w["actual"]["total"]]
                for w in report["workstations"]]
        out += table(["Workstation", "Labour", "Machine", "Overhead", "Materials", "Estimate", "Actual"], rows,
                     {1, 2, 3, 4, 5, 6})
        out.append("")
    h = report["hours"]
    out.append(f"Hours: {h['booked']} booked of {h['planned']} planned ({or_dash(h['percent_complete'], '%')} complete)")
    m = report["margin"]
    if m["actual"] is not None:
        out.append(f"Margin on estimate: {m['estimated']['amount']} ({or_dash(m['estimated_pct'], '%')})")
        out.append(f"{report['margin_label']}: {m['actual']['amount']} ({or_dash(m['actual_pct'], '%')})")
    else:
        out.append("Margin: no price set for this job")
    return "\n".join([*out, report["rounding_rule"]])


__all__ = ["sheet_report", "job_cost_report", "format_job_cost_report"]
