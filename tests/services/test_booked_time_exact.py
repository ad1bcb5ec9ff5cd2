"""A booking's cost is the exact amount of its minutes at its rates, rounded once (half away from
zero), through the services and the database: the booking as listed, the job's actual cost, its
correction and WIP agree to the penny. Worked by hand in the comments.

The sample shop (tests/conftest.py): SAW (machine) labour 30.00/h, machine 18.00/h, overhead 12.00
per machine hour. Added here: SPRAY, labour 27.06/h, overhead 9.30 per labour hour."""

from __future__ import annotations

from decimal import Decimal as D

from workshop.services import booking_corrections, bookings, job_costing, jobs, routing, wip, workstations


def _figures(db, job_id):
    cost = job_costing.actual_job_cost(db, job_id)
    return cost.labour.amount, cost.machine.amount, cost.overhead.amount, cost.total.amount


def _wip_is_the_cost_sheet(db, job_id):
    row = next(r for r in wip.work_in_progress(db).rows if r.job_id == job_id)
    assert row.accrued_cost == job_costing.cost_sheet(db, job_id).actual.total  # amount and explanation
    return row.accrued_cost.amount


def test_65_minutes_on_half_a_penny_and_its_correction(db, shop):
    spray = workstations.create_workstation(db, code="SPRAY", name="Spray booth", labour_rate="27.06",
                                            overhead_rate="9.30", overhead_basis="per_labour_hour")
    job = shop.job
    paint = routing.add_operation(db, job.id, name="Lacquer", workstation_id=spray.id, run_minutes="30")
    cut = routing.add_operation(db, job.id, name="Cut", workstation_id=shop.saw.id, run_minutes="30")
    jobs.change_status(db, job.id, "release")

    lacquer = bookings.log_time(db, paint, None, minutes="65")
    # labour 65 × 27.06 = 1,758.90; ÷ 60 = 29.315 → 29.32 (60-digit hours made it 29.31)
    # overhead 65 × 9.30 = 604.50; ÷ 60 = 10.075 → 10.08 (was 10.07); the booking 39.40
    assert lacquer.cost == D("39.40")
    saw = bookings.log_time(db, cut, None, minutes="65", kind="machine")
    # machine 65 × 18.00 = 1,170.00; ÷ 60 = 19.50 exactly; overhead 65 × 12.00 ÷ 60 = 13.00; 32.50
    assert saw.cost == D("32.50")
    # labour 29.32; machine 19.50; overhead 10.08 + 13.00 = 23.08; total 71.90
    assert _figures(db, job.id) == (D("29.32"), D("19.50"), D("23.08"), D("71.90"))
    assert _wip_is_the_cost_sheet(db, job.id) == D("71.90")

    back = booking_corrections.reverse_time_log(db, lacquer.id, "Booked to the wrong job")
    # −29.315 → −29.32 and −10.075 → −10.08, half away from zero: −39.40, and the lacquer nets to nothing
    assert back.cost == D("-39.40")
    assert _figures(db, job.id) == (D("0.00"), D("19.50"), D("13.00"), D("32.50"))
    assert _wip_is_the_cost_sheet(db, job.id) == D("32.50")
    booking_corrections.reverse_time_log(db, saw.id, "Booked to the wrong job")
    assert _figures(db, job.id) == (D("0.00"), D("0.00"), D("0.00"), D("0.00"))
    assert _wip_is_the_cost_sheet(db, job.id) == D("0.00")
