"""A job's stock position (its BOM page's In stock, On order, Other jobs and Missing) is worked out
from two sums of the other open jobs' claims made by the database (issue 17); here it is checked
against the rule claim by claim (``stock_claims.open_job_claims`` and ``shortages``) on a shop with
every case: jobs due before and after, one due the same day (ahead or behind by its number), a bill
with a sub-assembly, partial issues and returns, a job with everything issued, a closed job."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

from workshop.db.models import Job, Material
from workshop.domain.shortages import JobClaim, shortages
from workshop.domain.statuses import OPEN_JOB_STATUSES
from workshop.services import bom, bookings, jobs, stock_claims
from workshop.services.stock_needs import MaterialNeed, material_needs


def _claim_by_claim(db, job_id: int) -> dict[int, MaterialNeed]:
    """The position as the rule has it, every other job's claim listed (the former way)."""
    with db.reader() as s:
        job = s.get(Job, job_id)
        needed = {m: qty for (_, m), qty in stock_claims.job_needs(s, [job.id]).items()}
        issued = stock_claims.issued_to_jobs(s, [job.id], set(needed))
        claims = stock_claims.open_job_claims(s, set(needed))
        owed = stock_claims.on_order(s, set(needed))
        result = {}
        for m in (s.get(Material, m) for m in needed):
            need = MaterialNeed(m.id, m.code, m.unit, needed[m.id], issued.get((job.id, m.id), D(0)), m.stock_on_hand)
            others = [c for c in claims.get(m.id, ()) if c.job_id != job.id]
            mine = JobClaim(job.id, job.due_date, job.number, need.to_issue if job.status in OPEN_JOB_STATUSES else 0)
            where = shortages(stock_claims.supply_of(m.stock_on_hand, owed.get(m.id)), [*others, mine])[job.id]
            result[m.id] = replace(need, on_order=where.on_order, allocated_elsewhere=where.allocated_elsewhere,
                                   missing=where.missing)
        return result


def _job(db, shop, title: str, days: int, quantity: int = 1):
    made = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=quantity,
                           due_date=db.today() + dt.timedelta(days=days))
    return made.id


def test_a_jobs_stock_position_follows_the_rule_claim_by_claim(db, shop):
    mine = shop.job.id  # quantity 2, due in 21 days
    bom.add_line(db, mine, material_id=shop.oil.id, quantity="2")        # 4 l
    bom.add_line(db, mine, material_id=shop.hinge.id, quantity="8")      # 16
    bom.add_line(db, mine, material_id=shop.oak.id, quantity="3.5")      # 7 m²
    jobs.change_status(db, mine, "release")
    bookings.issue_material(db, mine, material_id=shop.oak.id, quantity="2")

    early = _job(db, shop, "Early shelves", 5, quantity=3)  # ahead: due first
    bom.add_line(db, early, material_id=shop.oil.id, quantity="1.5")    # 4.5 l
    bom.add_line(db, early, material_id=shop.oak.id, quantity="4")      # 12 m²
    jobs.change_status(db, early, "release")
    bookings.issue_material(db, early, material_id=shop.oak.id, quantity="5")
    bookings.return_material(db, early, material_id=shop.oak.id, quantity="1")  # 12 − 4 = 8 still to issue

    nested = _job(db, shop, "Nested wardrobe", 10, quantity=2)  # ahead, a bill with a sub-assembly
    carcass = bom.add_subassembly(db, nested, description="Carcass", quantity="3")
    bom.add_line(db, nested, parent_id=carcass, material_id=shop.hinge.id, quantity="4")  # 4 × 3 × 2 = 24
    bom.add_line(db, nested, material_id=shop.hinge.id, quantity="1")                     # and 2 more
    bom.add_line(db, nested, parent_id=carcass, material_id=shop.oil.id, quantity="0.25")  # 1.5 l
    jobs.change_status(db, nested, "release")

    same_day = [_job(db, shop, f"Same day {i}", 21) for i in range(2)]  # numbered after mine: behind
    for other in same_day:
        bom.add_line(db, other, material_id=shop.oil.id, quantity="1")
    late = _job(db, shop, "Late table", 60, quantity=4)  # behind
    bom.add_line(db, late, material_id=shop.oil.id, quantity="0.5")
    bom.add_line(db, late, material_id=shop.hinge.id, quantity="10")
    all_issued = _job(db, shop, "All issued", 2)  # nothing left to issue: no claim
    bom.add_line(db, all_issued, material_id=shop.oil.id, quantity="1")
    jobs.change_status(db, all_issued, "release")
    bookings.issue_material(db, all_issued, material_id=shop.oil.id, quantity="1")
    closed = _job(db, shop, "Cancelled", 1)  # not open: no claim
    bom.add_line(db, closed, material_id=shop.oil.id, quantity="9")
    jobs.change_status(db, closed, "cancel", "Customer changed their mind")

    for job_id in (mine, early, nested, *same_day, late, all_issued, closed):
        assert material_needs(db, job_id) == _claim_by_claim(db, job_id), job_id
    oil = material_needs(db, mine)[shop.oil.id]
    # others open: early 4.5, nested 1.5 (ahead: 6), the two same-day jobs 1 each and late 2 (behind: 4);
    # stock 6 − 6 ahead leaves nothing free: 4 l to issue, all of it missing
    assert (oil.to_issue, oil.allocated_elsewhere, oil.missing) == (D(4), D(10), D(4))
    hinge = material_needs(db, mine)[shop.hinge.id]
    # nested 24 + 2 ahead, late 40 behind; 200 in stock: 200 − 26 covers my 16
    assert (hinge.allocated_elsewhere, hinge.missing) == (D(66), D(0))
    oak = material_needs(db, mine)[shop.oak.id]
    # early still 8 ahead; mine 7 − 2 = 5; stock 40 − 2 − 5 + 1 = 34: enough
    assert (oak.to_issue, oak.allocated_elsewhere, oak.on_hand, oak.missing) == (D(5), D(8), D(34), D(0))


def test_a_job_due_the_same_day_with_a_lower_number_is_ahead(db, shop):
    first = _job(db, shop, "First of the day", 30)
    second = _job(db, shop, "Second of the day", 30)
    for job_id in (first, second):
        bom.add_line(db, job_id, material_id=shop.oil.id, quantity="5")  # 5 l each, 6 in stock
    # the first (lower number) takes 5: the second finds 1 and misses 4; the first misses nothing
    assert material_needs(db, second)[shop.oil.id].missing == D(4)
    assert material_needs(db, first)[shop.oil.id].missing == D(0)
    for job_id in (first, second):
        assert material_needs(db, job_id) == _claim_by_claim(db, job_id)
