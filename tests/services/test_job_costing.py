"""Job costing through the services and the database, with worked examples done by hand.

The sample shop (tests/conftest.py):
  SAW   (machine): labour 30.00/h, machine 18.00/h, overhead 12.00 per MACHINE hour
  BENCH (manual):  labour 28.00/h,                  overhead  6.50 per LABOUR hour
  Anna 32.00/h (SAW, BENCH), Tom 26.00/h (BENCH); oak 85.50/m2, hinge 4.20/ea
  The job: "Oak dresser", quantity 2.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.reports.job_cost import format_job_cost_report, job_cost_report
from workshop.services import bom, booking_views, bookings, job_costing, jobs, routing, workstations


@pytest.fixture
def costed(db, shop):
    job = shop.job
    jobs.update_job(db, job.id, budget="900.00")
    cut = routing.add_operation(db, job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes="15",
                                run_minutes="20")  # planned 15 + 2 × 20 = 55 min
    assemble = routing.add_operation(db, job.id, name="Assemble", workstation_id=shop.bench.id,
                                     setup_minutes="10", run_minutes="45")  # planned 10 + 2 × 45 = 100 min
    bom.add_line(db, job.id, material_id=shop.oak.id, quantity="1.2")  # per unit: 2.4 m2 for the job
    bom.add_line(db, job.id, material_id=shop.hinge.id, quantity="2")  # 4 hinges
    jobs.change_status(db, job.id, "release")
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    # 1. Anna at the saw, 90 min, machine + labour (the saw's default kind is "both"):
    #    labour 1.5 × 32 = 48.00; machine 1.5 × 18 = 27.00; overhead 1.5 machine h × 12 = 18.00
    bookings.log_time(db, cut, shop.anna.id, minutes="90")
    # 2. The saw running on its own, 30 min, machine only: machine 0.5 × 18 = 9.00; overhead 0.5 × 12 = 6.00
    bookings.log_time(db, cut, None, minutes=30, kind="machine")
    # 3. Tom at the bench 08:00–10:15 = 135 min: labour 2.25 × 26 = 58.50; overhead 2.25 × 6.50 = 14.625
    bookings.log_time(db, assemble, shop.tom.id, started_at=start, ended_at=start + dt.timedelta(minutes=135))
    # 4. Anna at the bench, 50 min: labour 50/60 × 32 = 26.666…; overhead 50/60 × 6.50 = 5.41666…
    bookings.log_time(db, assemble, shop.anna.id, minutes="50", mark_done=True)
    # Materials: 2.5 oak × 85.50 = 213.75; 4 hinges × 4.20 = 16.80; 0.5 oak back: −42.75  → 187.80
    bookings.issue_material(db, job.id, material_id=shop.oak.id, quantity="2.5")
    bookings.issue_material(db, job.id, material_id=shop.hinge.id, quantity="4")
    bookings.return_material(db, job.id, material_id=shop.oak.id, quantity="0.5")
    bookings.add_other_cost(db, job.id, category="delivery", description="Van to Harrow", amount="45.00")
    return dict(job=job, cut=cut, assemble=assemble)


def test_actual_cost_across_two_workstations_with_different_overhead_bases(db, shop, costed):
    sheet = job_costing.cost_sheet(db, costed["job"].id)
    actual = sheet.actual
    # labour 48 + 0 + 58.50 + 26.666… = 133.1666… → 133.17
    assert actual.labour.amount == D("133.17")
    assert actual.machine.amount == D("36.00")  # 27 + 9
    # Issue 9: each line is rounded once and the sums add the rounded lines (it was the exact sum
    # rounded once, 44.04 and 446.01, which printed a "Rounding" line under the categories).
    # overhead 18 + 6 + 14.625 → 14.63 + 5.41666… → 5.42 = 44.05
    assert actual.overhead.amount == D("44.05")
    assert actual.materials.amount == D("187.80")
    assert actual.other.amount == D("45.00")
    # 133.17 + 36.00 + 44.05 + 187.80 + 45.00 = 446.02
    assert actual.total.amount == D("446.02")
    assert actual.unit_cost.amount == D("223.01")  # 446.02 ÷ 2
    cut, assemble = sheet.operations
    assert (cut.key, cut.actual.amount) == ("010 Cut panels", D("108.00"))  # 48 + 36 + 24
    assert (assemble.key, assemble.actual.amount) == ("020 Assemble", D("105.22"))  # 58.50 + 26.67 + 14.63 + 5.42
    explanations = [line.explanation for line in actual.lines]
    assert "1.50 h × 32.00/h (operator Anna Kowalska)" in explanations
    assert "2.25 h × 6.50/h overhead per labour hour (BENCH)" in explanations
    assert "0.50 machine h × 12.00/h overhead (SAW)" in explanations
    assert "returned 0.5 × 85.50 (Oak board 25 mm)" in explanations
    assert "delivery: Van to Harrow" in explanations


def test_estimate_variance_margin_and_hours(db, shop, costed):
    sheet = job_costing.cost_sheet(db, costed["job"].id)
    est = sheet.estimate
    # No operator on the operations: workstation labour rates.
    # Cut 55 min: labour 55/60 × 30 = 27.50; machine 55/60 × 18 = 16.50; overhead 55/60 × 12 = 11.00
    # Assemble 100 min: labour 100/60 × 28 = 46.666…; overhead 100/60 × 6.50 = 10.8333…
    # BOM: 2.4 × 85.50 = 205.20 + 4 × 4.20 = 16.80 = 222.00
    assert (est.labour.amount, est.machine.amount, est.overhead.amount, est.materials.amount) == (
        D("74.17"), D("16.50"), D("21.83"), D("222.00"))
    assert est.total.amount == D("334.50")
    # Issue 9: the job is under way, so the variance is against the estimate for the work done.
    # Both operations are all done (cut: 120 min booked of 55 planned; assemble: marked done), so all
    # their time: 74.17 + 16.50 + 21.83; materials: issued at the estimated prices 213.75 + 16.80
    # − 42.75 = 187.80, up to the 222.00 estimated: 187.80; other: 45.00 spent, none estimated: 0.00
    # work done 74.17 + 16.50 + 21.83 + 187.80 + 0.00 = 300.30
    assert sheet.total.work_done.amount == D("300.30") and not sheet.complete
    # variance 446.02 − 300.30 = 145.72, 145.72 / 300.30 = 48.524…% → 48.52
    assert (sheet.total.variance, sheet.total.variance_pct) == (D("145.72"), D("48.52"))
    materials = next(r for r in sheet.categories if r.category == "materials")
    assert (materials.variance, materials.variance_pct) == (D("0.00"), D("0.00"))  # issued, not over
    labour = next(r for r in sheet.categories if r.category == "labour")
    # at the estimate's rates (the workstations' 30.00 and 28.00): 1.5 × 30 = 45.00 + 2.25 × 28 = 63.00
    # + 50/60 × 28 = 23.33 → 131.33; rate 133.17 − 131.33 = 1.84; usage 131.33 − 74.17 = 57.16
    assert (labour.variance, labour.rate_variance, labour.usage_variance) == (D("59.00"), D("1.84"), D("57.16"))
    # margin on the work done: the price's share 900 × 300.30 ÷ 334.50 = 807.982… → 807.98
    # − actual 446.02 = 361.96; 361.96 / 807.98 = 44.798…% → 44.80
    assert (sheet.margin.amount, sheet.margin_pct, sheet.margin_label) == (D("361.96"), D("44.80"),
                                                                          "Margin on the work done")
    assert (sheet.estimated_margin.amount, sheet.estimated_margin_pct) == (D("565.50"), D("62.83"))
    # hours: planned 155 min = 2.58 h; booked 90 + 30 + 135 + 50 = 305 min = 5.08 h; 305/155 = 196.77%
    assert (sheet.planned_hours, sheet.booked_hours) == (D("2.58"), D("5.08"))
    assert sheet.percent_complete == D("196.77") and sheet.percent_complete_display == D("100.00")
    assert [o.status for o in sheet.operations] == ["running", "done"]


def test_job_cost_report_is_json_and_agrees_with_the_sheet(db, shop, costed):
    report = job_cost_report(db, costed["job"].number.lower())
    assert json.loads(json.dumps(report)) == report
    assert report["total"]["actual"] == "446.02" and report["total"]["estimate"] == "334.50"
    assert report["price"] == "900.00" and report["margin"]["actual"]["amount"] == "361.96"
    assert report["operations"][1]["actual"] == "105.22"
    text = format_job_cost_report(report)
    assert "446.02" in text and "020 Assemble" in text and "196.77% complete" in text
    with pytest.raises(ValidationError) as info:
        job_cost_report(db, "J-1999-0001")
    assert info.value.field == "job"


def test_stock_moves_with_issues_and_returns(db, shop, costed):
    from workshop.services import materials

    assert materials.get_material(db, shop.oak.id).stock_on_hand == D("38.000")  # 40 − 2.5 + 0.5
    assert materials.get_material(db, shop.hinge.id).stock_on_hand == D("196.000")
    issues = booking_views.list_material_issues(db, costed["job"].id)
    assert [(i.quantity, i.unit_cost, i.amount) for i in issues] == [
        (D("2.5"), D("85.50"), D("213.75")), (D("4"), D("4.20"), D("16.80")), (D("-0.5"), D("85.50"), D("-42.75"))]
    assert issues[2].is_return


def test_a_rate_change_after_booking_leaves_history_unchanged(db, shop, costed):
    before = job_costing.cost_sheet(db, costed["job"].id)
    workstations.update_workstation(db, shop.saw.id, machine_rate="25.00", labour_rate="40.00", overhead_rate="20.00")
    workstations.update_workstation(db, shop.bench.id, overhead_basis="percent_of_labour", overhead_rate="50")
    workstations.update_operator(db, shop.anna.id, hourly_rate="45.00")
    after = job_costing.cost_sheet(db, costed["job"].id)
    assert after.actual.lines == before.actual.lines
    assert after.actual.total.amount == D("446.02")
    anna_at_saw = next(log for log in booking_views.list_time_logs(db, costed["job"].id)
                       if log.operator_name == "Anna Kowalska" and log.workstation_code == "SAW")
    assert (anna_at_saw.labour_rate, anna_at_saw.machine_rate, anna_at_saw.overhead_rate) == (
        D("32.00"), D("18.00"), D("12.00"))
    # the estimate is at today's rates: cut 55/60 × (40 + 25 + 20) = 77.9166…
    assert after.operations[0].estimate.amount == D("77.92")
    # new work is costed at the new rate: 60 min × 45.00 (Anna) + 60 min × 25.00 machine + 60 × 20.00 overhead
    new = bookings.log_time(db, costed["cut"], shop.anna.id, minutes=60)
    assert new.cost == D("90.00")


def test_shop_default_overhead_is_snapshotted(db, shop):
    paint = workstations.create_workstation(db, code="PAINT", name="Spray booth", labour_rate="25.00")
    assert paint.overhead_rate is None
    job = shop.job
    op = routing.add_operation(db, job.id, name="Spray", workstation_id=paint.id, setup_minutes="0", run_minutes="30")
    jobs.change_status(db, job.id, "release")
    job_costing.set_shop_overhead(db, "40", "percent_of_labour")
    first = bookings.log_time(db, op, None, minutes="60")  # 25.00 labour + 40% = 10.00 overhead
    assert (first.cost, first.overhead_is_shop_default) == (D("35.00"), True)
    job_costing.set_shop_overhead(db, "50", "percent_of_labour")
    second = bookings.log_time(db, op, None, minutes="60")  # 25.00 + 12.50
    assert second.cost == D("37.50")
    actual = job_costing.actual_job_cost(db, job.id)
    assert actual.overhead.amount == D("22.50")  # 10.00 + 12.50: the first log kept its default
    assert [line.explanation for line in actual.lines if line.category == "overhead"] == [
        "40.00% of labour 25.00 (shop default)", "50.00% of labour 25.00 (shop default)"]
    assert job_costing.get_shop_overhead(db).rate == D("50.00")


def test_totals_add_the_rounded_lines(db, shop):
    # 7 min × 26.00 (Tom) = 3.0333… → 3.03, 6.50 overhead: 0.7583… → 0.76; one log 3.79
    # three such logs add up as shown: 3 × 3.79 = 11.37 (issue 9: it was the exact 11.375 → 11.38)
    job = shop.job
    op = routing.add_operation(db, job.id, name="Fit", workstation_id=shop.bench.id, setup_minutes="0",
                               run_minutes="10")
    jobs.change_status(db, job.id, "release")
    logs = [bookings.log_time(db, op, shop.tom.id, minutes="7") for _ in range(3)]
    assert [log.cost for log in logs] == [D("3.79")] * 3
    actual = job_costing.actual_job_cost(db, job.id)
    assert actual.labour.amount == D("9.09")  # 3 × 3.03
    assert actual.overhead.amount == D("2.28")  # 3 × 0.76
    assert actual.total.amount == D("11.37")  # 9.09 + 2.28 = 3 × 3.79


def test_similar_past_jobs_with_their_quoted_and_actual_hours(db, shop, today, costed):
    from workshop.services import customers, similar_jobs

    # the costed dresser finishes: 305 min booked (5.08 h), quoted 900.00
    dresser = costed["job"]
    jobs.change_status(db, dresser.id, "start")
    for action in ("to_inspection", "complete"):  # one operation not marked done: a reason to complete
        jobs.change_status(db, dresser.id, action, "Finished at the bench" if action == "complete" else "")
    other = customers.create_customer(db, name="Metal Co")
    gate = jobs.create_job(db, customer_id=other.id, title="Steel gate", specification="Welded steel gate",
                           due_date=today + dt.timedelta(days=9))
    routing.add_operation(db, gate.id, name="Weld", workstation_id=shop.saw.id, run_minutes="60")
    for action in ("release", "start", "to_inspection", "complete"):  # its weld not marked done: a reason
        jobs.change_status(db, gate.id, action, "Welded and checked" if action == "complete" else "")
    new = jobs.create_job(db, customer_id=shop.customer.id, title="Oak dresser with glazed top",
                          specification="Three drawers, oak, hardwax oil", due_date=today + dt.timedelta(days=30))
    routing.add_operation(db, new.id, name="Assemble", workstation_id=shop.bench.id, run_minutes="60")
    found = similar_jobs.find_similar_jobs(db, job_id=new.id)
    assert [f.number for f in found][0] == dresser.number
    best = found[0]
    # actual 446.02: the lines added as rounded (see test_actual_cost_across_two_workstations…)
    assert (best.quoted_price, best.actual_cost, best.actual_hours) == (D("900.00"), D("446.02"), D("5.08"))
    assert best.actual_hours_by_workstation == (("BENCH", D("3.08")), ("SAW", D("2.00")))  # 185 and 120 min
    assert "operations: assemble" in best.shared and "dresser" in best.shared
    assert 0 < best.score <= 1
    from workshop.services import quote_lines

    lines = quote_lines.lines_from_job(db, dresser.id, actual=True)  # "use their actual costs" for a new quote
    assert [(ln.category, ln.amount) for ln in lines] == [
        ("labour", D("133.17")), ("machine", D("36.00")), ("overhead", D("44.05")), ("materials", D("187.80")),
        ("other", D("45.00"))]


def test_a_complete_job_shows_its_final_margin_and_variance(db, shop, costed):
    """Issue 9, item 3: the whole estimate and the final margin only once the job is complete."""
    from workshop.db.models import Job

    report = job_cost_report(db, costed["job"].number)
    assert (report["total"]["work_done"], report["total"]["rate_variance"], report["total"]["usage_variance"]) == (
        "300.30", "1.84", "143.88")  # see test_estimate_variance_margin_and_hours for the labour split
    # rate: only labour's rates differ from the estimate's (1.84); usage: labour 57.16 + machine
    # 36.00 − 16.50 = 19.50 + overhead 44.05 − 21.83 = 22.22 + materials 0 + other 45.00 = 143.88
    # 1.84 + 143.88 = 145.72, the variance
    assert report["work_done"]["complete"] is False and report["work_done"]["percent_of_estimate"] == "89.78"
    text = format_job_cost_report(report)  # 300.30 / 334.50 = 89.775…% → 89.78
    assert "Margin on the work done: 361.96 (44.80%)" in text and "89.78% of the estimate" in text
    assert "Amounts are rounded to the nearest penny (half up) once, on each line; totals add the rounded lines." \
        in text
    with db.session() as s:  # the rule, not the gate: the job is complete
        s.get(Job, costed["job"].id).status = "complete"
    sheet = job_costing.cost_sheet(db, costed["job"].id)
    assert sheet.complete and sheet.margin_label == "Final margin"
    # final margin 900.00 − 446.02 = 453.98; 453.98 / 900 = 50.442…% → 50.44
    assert (sheet.margin.amount, sheet.margin_pct) == (D("453.98"), D("50.44"))
    # variance against the whole estimate: 446.02 − 334.50 = 111.52; 111.52 / 334.50 = 33.339…% → 33.34
    assert (sheet.total.work_done.amount, sheet.total.variance, sheet.total.variance_pct) == (
        D("334.50"), D("111.52"), D("33.34"))
    materials = next(r for r in sheet.categories if r.category == "materials")
    # 187.80 issued at the estimated prices against 222.00 estimated: −34.20, all usage (less material)
    assert (materials.variance, materials.rate_variance, materials.usage_variance) == (D("-34.20"), D("0.00"),
                                                                                      D("-34.20"))


def test_a_job_with_nothing_estimated_says_so_instead_of_a_margin_on_the_work_done(db, shop):
    job = shop.job  # no routing, no bill of materials
    jobs.update_job(db, job.id, budget="500.00")
    bookings.add_other_cost(db, job.id, category="delivery", description="Van", amount="40.00")
    sheet = job_costing.cost_sheet(db, job.id)
    # 500.00 − 40.00 = 460.00, 92.00% of the price: nothing was estimated to measure the work done by
    assert (sheet.margin.amount, sheet.margin_pct) == (D("460.00"), D("92.00"))
    assert sheet.margin_label == "Margin so far (nothing estimated to measure the work by)"
    assert sheet.work_done.share is None and sheet.total.work_done.amount == D("0.00")


def test_the_work_at_the_estimates_rates_is_the_same_in_amounts_alone(db, shop, costed):
    """A cost sheet compares the work done at the estimate's rates without its explanations
    (``amounts_only``): the same amounts and hours as the full cost, by category and by operation."""
    from workshop.db.models import Job

    workstations.update_workstation(db, shop.saw.id, machine_rate="25.00", labour_rate="40.00", overhead_rate="20.00")
    workstations.update_workstation(db, shop.bench.id, overhead_basis="percent_of_labour", overhead_rate="50")
    with db.reader() as s:
        figures = job_costing.JobFigures(s, s.get(Job, costed["job"].id))
        full = job_costing._at_standard(figures)
        memo: dict = {}
        job_costing._actual(figures, memo)  # lines shared with the actual cost, as on a cost sheet
        alone = job_costing._at_standard(figures, memo, amounts_only=True)
        unshared = job_costing._at_standard(figures, amounts_only=True)
    # by hand, each booking's hours at today's rates of its operation (no operator assigned):
    # cut 90 min: labour 1.5 × 40 = 60.00, machine 1.5 × 25 = 37.50, overhead 1.5 × 20 = 30.00;
    # cut 30 min machine alone: machine 0.5 × 25 = 12.50, overhead 0.5 × 20 = 10.00;
    # assemble 135 min: labour 2.25 × 28 = 63.00, overhead 50% = 31.50;
    # assemble 50 min: labour 50/60 × 28 = 23.333… → 23.33, overhead 50% of 23.333… = 11.666… → 11.67
    assert (full.labour.amount, full.machine.amount, full.overhead.amount) == (D("146.33"), D("50.00"), D("83.17"))
    assert (full.materials.amount, full.other.amount, full.total.amount) == (D("187.80"), D("45.00"), D("512.30"))
    for cost in (alone, unshared):
        assert [f.amount for f in cost.by_category.values()] == [f.amount for f in full.by_category.values()]
        assert (cost.total.amount, cost.unit_cost.amount) == (full.total.amount, full.unit_cost.amount)
        assert (cost.labour_hours, cost.machine_hours) == (full.labour_hours, full.machine_hours)
        assert [(o.operation_key, o.labour_hours, o.machine_hours, o.labour.amount, o.machine.amount,
                 o.overhead.amount, o.materials.amount, o.total.amount) for o in cost.by_operation] == [
            (o.operation_key, o.labour_hours, o.machine_hours, o.labour.amount, o.machine.amount,
             o.overhead.amount, o.materials.amount, o.total.amount) for o in full.by_operation]
        assert cost.total.explanation == "" and cost.lines == ()
    # per operation, in the order first booked (Tom's 08:00 start comes first); the BOM names no operation
    assert [o.total.amount for o in full.by_operation] == [D("129.50"), D("150.00")]
