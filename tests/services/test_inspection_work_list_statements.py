"""The inspection work list reads the shop in a few grouped statements, however many jobs are in
progress or in inspection (issue 17: it asked each job's checks, results and reports in turn, 7,631
statements over ~1,270 jobs on the ten-year shop), and lists exactly what the rule for one job gives:
each check's state from ``check_states``, in routing order, the final inspection last."""

from __future__ import annotations

import datetime as dt

from support.statements import statements_of
from workshop.services import inspection, jobs, nonconformance as ncrs, routing
from workshop.services.inspection_state import check_states, check_view, ordered_checks

#: BEGIN (SQLite only), the checks with their jobs, customers and operations, the results of those
#: jobs, their closed concessions, their open reports.
READS = 4


def _reads(db) -> int:
    begin = 1 if db.engine.dialect.name == "sqlite" else 0
    return statements_of(db, lambda: inspection.due_inspections(db)) - begin


def _job(db, shop, title: str, days: int, actions=("release", "start", "to_inspection")):
    """A job on the Oak cabinet routing with a measured check at 030 and a visual one at 020, and a
    final-inspection check added first (it still lists last)."""
    job = jobs.create_job(db, customer_id=shop.customer.id, title=title,
                          due_date=shop.job.due_date + dt.timedelta(days))
    routing.apply_template(db, job.id, shop.template.id)
    ops = routing.list_operations(db, job.id)
    final = inspection.add_check(db, job_id=job.id, characteristic=f"{title}: doors aligned", check_type="pass_fail")
    width = inspection.add_check(db, operation_id=ops[2].id, characteristic=f"{title}: width", nominal="600",
                                 lower_tolerance="-0.5", upper_tolerance="0.5", unit="mm")
    glue = inspection.add_check(db, operation_id=ops[1].id, characteristic=f"{title}: glue lines", check_type="visual")
    for action in actions:
        jobs.change_status(db, job.id, action, reason="Waiting for hinges" if action == "hold" else "")
    return job, final, width, glue


def _one_job_at_a_time(db) -> list:
    """The work list as it was made before issue 17: ``check_states`` and ``ordered_checks`` per job."""
    from sqlalchemy import select

    from workshop.db.models import Job, NonConformance

    rows = []
    with db.reader() as s:
        for job in s.scalars(select(Job).where(Job.status.in_(("in_progress", "inspection")))
                             .order_by(Job.due_date, Job.id)):
            states = check_states(s, job.id)
            open_ncrs = {n.check_id: n.number for n in s.scalars(
                select(NonConformance).where(NonConformance.job_id == job.id, NonConformance.status != "closed",
                                             NonConformance.check_id.is_not(None)).order_by(NonConformance.id))}
            for c in ordered_checks(s, job.id):
                state = states[c.id].state
                if state not in ("pass", "concession"):
                    rows.append((job.number, check_view(c, states[c.id], False).where, c.characteristic,
                                 "fail" if state == "fail" else None, open_ncrs.get(c.id)))
    return rows


def _listed(db) -> list:
    return [(d.job_number, d.where, d.characteristic, d.last_result, d.open_ncr)
            for d in inspection.due_inspections(db)]


def test_the_work_list_reads_the_same_few_statements_however_many_jobs(db, shop):
    _job(db, shop, "Hall table", 3)
    assert _reads(db) == READS
    assert [(d.characteristic, d.where) for d in inspection.due_inspections(db)] == [
        ("Hall table: glue lines", "020 Assemble carcass"), ("Hall table: width", "030 Check and oil"),
        ("Hall table: doors aligned", "Final inspection")]

    # eleven more jobs: nine in progress or inspection, one on hold and one released (not listed)
    for i in range(9):
        _job(db, shop, f"Cabinet {i}", 10 - i, ("release", "start") if i % 2 else ("release", "start", "to_inspection"))
    _job(db, shop, "Bookcase on hold", 1, ("release", "start", "hold"))
    _job(db, shop, "Released bench", 0, ("release",))
    assert _reads(db) == READS  # twelve jobs, listed or not: the same four reads
    assert len(inspection.due_inspections(db)) == 3 * 10


def test_each_check_stands_as_the_rule_for_one_job_says(db, shop):
    a_job, a_final, a_width, a_glue = _job(db, shop, "Desk", 5)
    b_job, _b_final, b_width, b_glue = _job(db, shop, "Dresser", 2)
    c_job, c_final, c_width, c_glue = _job(db, shop, "Chest", 9, ("release", "start"))
    d_job, _d_final, d_width, d_glue = _job(db, shop, "Bench", 7)
    ok = dict(inspector="Anna Kowalska")
    # Desk: a pass; a fail (its report open); a pass corrected to a fail (a second report)
    inspection.record_result(db, a_glue.id, result="pass", **ok)
    failed = inspection.record_result(db, a_width.id, readings="601", **ok)
    passed = inspection.record_result(db, a_final.id, result="pass", **ok)
    corrected = inspection.correct_result(db, passed.id, reason="Door sticks after all", result="fail", **ok)
    # Dresser: a fail corrected to a pass; a fail accepted by a closed use-as-is concession
    wrong = inspection.record_result(db, b_width.id, readings="599", **ok)
    inspection.correct_result(db, wrong.id, reason="Measured at the wrong edge", readings="600.1", **ok)
    conceded = inspection.record_result(db, b_glue.id, result="fail", **ok)
    ncrs.disposition(db, conceded.ncr_id, disposition="use_as_is", cause="Hidden by the back panel",
                     concession_reference="Phone call R. Harrow")
    ncrs.verify(db, conceded.ncr_id, verified_by="Anna")
    ncrs.close_ncr(db, conceded.ncr_id)
    # Chest (in progress): a pass, then a later fail; the first pass of the final check; a pass, a later
    # fail, then the first pass corrected (still a pass): the correction stands in the first one's place,
    # so the later fail stands, though the newest result is a pass
    inspection.record_result(db, c_glue.id, result="pass", **ok)
    inspection.record_result(db, c_glue.id, result="fail", **ok)
    inspection.record_result(db, c_final.id, result="pass", **ok)
    first = inspection.record_result(db, c_width.id, readings="600", **ok)
    later = inspection.record_result(db, c_width.id, readings="600.9", **ok)
    inspection.correct_result(db, first.id, reason="Gauge not zeroed", readings="600.2", **ok)
    # Bench (no corrections): a fail then a pass; a fail accepted by a concession; the final check not yet
    inspection.record_result(db, d_glue.id, result="fail", **ok)
    inspection.record_result(db, d_glue.id, result="pass", **ok)
    accepted = inspection.record_result(db, d_width.id, readings="600.6", **ok)
    ncrs.disposition(db, accepted.ncr_id, disposition="use_as_is", cause="Within the fitter's allowance",
                     concession_reference="Site note 14")
    ncrs.verify(db, accepted.ncr_id, verified_by="Anna")
    ncrs.close_ncr(db, accepted.ncr_id)

    listed = _listed(db)
    # worked out by hand: soonest due first (Dresser, Desk, Bench, Chest), each job in routing order
    assert listed == [
        (b_job.number, "Final inspection", "Dresser: doors aligned", None, None),
        (a_job.number, "030 Check and oil", "Desk: width", "fail", failed.ncr_number),
        (a_job.number, "Final inspection", "Desk: doors aligned", "fail", corrected.ncr_number),
        (d_job.number, "Final inspection", "Bench: doors aligned", None, None),
        (c_job.number, "020 Assemble carcass", "Chest: glue lines", "fail", listed[4][4]),
        (c_job.number, "030 Check and oil", "Chest: width", "fail", later.ncr_number),
    ]
    assert listed[4][4].startswith("NCR-")
    assert listed == _one_job_at_a_time(db)  # the same rows as the rule run job by job
    assert [(d.job_number, d.characteristic) for d in inspection.due_inspections(db, job_id=a_job.id)] == [
        (a_job.number, "Desk: width"), (a_job.number, "Desk: doors aligned")]
    assert inspection.due_inspections(db, job_id=shop.job.id) == []  # planned: not on the list
    assert _reads(db) == READS
