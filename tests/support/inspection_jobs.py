"""A job of its own waiting in final inspection, with two checks: one measured at an operation
(flatness 0 +0.5 mm) and one visual on the job (shared by the inspection reads' tests); and the
shop's own job with a check failed, its NCR raised (the non-conformance tests', the versions')."""

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


def failed_check(db, shop):
    """``(operations, check, result)``: the shop's job routed from its template and started, its
    Assemble carcass check (diagonal difference 0 +2 mm) failed at 3.5 mm by Tom Reed: an open NCR."""
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    for action in ("release", "start"):
        jobs.change_status(db, shop.job.id, action)
    check = inspection.add_check(db, operation_id=ops[1].id, characteristic="Diagonal difference", method="Tape",
                                 nominal="0", lower_tolerance="0", upper_tolerance="2", unit="mm")
    result = inspection.record_result(db, check.id, readings="3.5", inspector="Tom Reed")
    return ops, check, result
