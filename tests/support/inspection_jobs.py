"""A job of its own waiting in final inspection, with two checks: one measured at an operation
(flatness 0 +0.5 mm) and one visual on the job (shared by the inspection reads' tests)."""

from __future__ import annotations

from workshop.services import inspection, jobs, routing


def job_in_inspection(db, shop, title: str, flat: str = "Top flatness", sheen: str = "Oil finish even"):
    """``(job, flat check, sheen check)`` for a new job titled ``title``, routed from the shop's
    template and moved to inspection."""
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title, due_date=shop.job.due_date)
    routing.apply_template(db, job.id, shop.template.id)
    ops = routing.list_operations(db, job.id)
    for action in ("release", "start", "to_inspection"):
        jobs.change_status(db, job.id, action)
    flat_check = inspection.add_check(db, operation_id=ops[2].id, characteristic=flat, nominal="0",
                                      lower_tolerance="0", upper_tolerance="0.5", unit="mm")
    sheen_check = inspection.add_check(db, job_id=job.id, characteristic=sheen, check_type="visual")
    return job, flat_check, sheen_check
