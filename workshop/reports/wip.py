"""``workshop report wip``: work in progress over the shop (``services.wip``) as JSON-able
data and as text for a terminal."""

from __future__ import annotations

from ..db.engine import Database
from ..domain.statuses import JobStatus
from ..domain.wording import plural
from ..services.wip import work_in_progress
from .text import amount_text, or_dash, table


def wip_report(db: Database) -> dict:
    """JSON-able, money and hours as strings with 2 places."""
    r = work_in_progress(db)
    return {
        "as_of": r.as_of.isoformat(timespec="seconds"), "currency": r.currency,
        "jobs": [{"job": x.number, "title": x.title, "customer": x.customer_name, "status": x.status,
                  "due_date": x.due_date.isoformat(), "budget": amount_text(x.budget),
                  "planned_hours": amount_text(x.planned_hours), "booked_hours": amount_text(x.booked_hours),
                  "percent_complete": amount_text(x.percent_complete),
                  "accrued_cost": amount_text(x.accrued_cost.amount),
                  "accrued_cost_explanation": x.accrued_cost.explanation,
                  "billed_to_date": amount_text(x.billed_to_date), "wip_value": amount_text(x.wip_value)}
                 for x in r.rows],
        "totals": {"jobs": len(r.rows), "accrued_cost": amount_text(r.accrued_cost),
                   "billed_to_date": amount_text(r.billed_to_date), "wip_value": amount_text(r.wip_value),
                   "planned_hours": amount_text(r.planned_hours), "booked_hours": amount_text(r.booked_hours)},
    }


def format_wip_report(report: dict) -> str:
    """The WIP report as plain text for a terminal."""
    rows = [[j["job"], j["title"][:30], JobStatus(j["status"]).label, j["due_date"], j["booked_hours"],
             j["planned_hours"], or_dash(j["percent_complete"], "%"),
             j["accrued_cost"], j["billed_to_date"], j["wip_value"]] for j in report["jobs"]]
    t = report["totals"]
    lines = [f"Work in progress as of {report['as_of']} ({report['currency']})", ""]
    if not rows:
        return "\n".join([*lines, "No jobs in progress."])
    rows.append(["Total", plural(t['jobs'], 'job'), "", "", t["booked_hours"], t["planned_hours"], "",
                 t["accrued_cost"], t["billed_to_date"], t["wip_value"]])
    lines += table(["Job", "Title", "Status", "Due", "Booked h", "Plan h", "Done", "Accrued", "Billed", "WIP"],
                   rows, {4, 5, 6, 7, 8, 9})
    lines.insert(len(lines) - 1, lines[3])  # a rule above the totals, like the one under the header
    return "\n".join(lines)


__all__ = ["wip_report", "format_wip_report"]
