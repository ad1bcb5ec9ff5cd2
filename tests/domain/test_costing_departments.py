"""The textbook two-department job: machining (overhead per machine hour) and assembly (overhead
as a percentage of labour cost), with a machine that runs longer than anyone attends it, and
materials charged to the department that uses them. Figures worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain.costing import BomLine, CostRates, estimate_job, estimate_operation
from workshop.domain.errors import ValidationError
from workshop.domain.statuses import OverheadBasis

# Machining (CNC): labour 30.20/h, machine 45.00/h, overhead 20.00 per machine hour.
# Assembly (BENCH): labour 28.00/h, overhead 80% of labour cost.
MACHINING = CostRates(D("30.20"), D("45.00"), D("20.00"), OverheadBasis.PER_MACHINE_HOUR)
ASSEMBLY = CostRates(D("28.00"), D("0"), D("80"), OverheadBasis.PERCENT_OF_LABOUR)
UNITS = 16  # sixteen walnut table tops


def textbook_job(attended: D | None = D("30")):
    ops = [
        # CNC: setup 60 min attended, then 150 min a top of which a person attends 30.
        estimate_operation(D("60"), D("150"), UNITS, MACHINING, True, operation_key="010 Machine tops",
                           workstation_code="CNC", labour_run_minutes=attended),
        estimate_operation(D("30"), D("45"), UNITS, ASSEMBLY, False, operation_key="020 Assemble",
                           workstation_code="BENCH"),
    ]
    bom = [BomLine("Walnut board, m²", D("0.75"), D("90.00"), "010 Machine tops", "CNC"),
           BomLine("Hardware kit", D("1"), D("6.50"), "020 Assemble", "BENCH"),
           BomLine("Packing", D("1"), D("2.00"))]  # the job as a whole: no operation named
    return estimate_job(ops, bom, quantity=UNITS)


def test_textbook_two_department_job_with_labour_apart_from_machine_time():
    job = textbook_job()
    # Machining: machine 60 + 16 × 150 = 2,460 min = 41 h; labour 60 + 16 × 30 = 540 min = 9 h.
    #   labour 9 × 30.20 = 271.80; machine 41 × 45.00 = 1,845.00; overhead 41 × 20.00 = 820.00
    # Assembly: 30 + 16 × 45 = 750 min = 12.5 h of labour.
    #   labour 12.5 × 28.00 = 350.00; overhead 80% × 350.00 = 280.00
    assert (job.labour_hours, job.machine_hours) == (D("21.50"), D("41.00"))  # 9 + 12.5; 41
    assert job.labour.amount == D("621.80")  # 271.80 + 350.00
    assert job.machine.amount == D("1845.00")
    assert job.overhead.amount == D("1100.00")  # 820.00 + 280.00
    # Materials: walnut 0.75 × 16 = 12 m² × 90.00 = 1,080.00; hardware 16 × 6.50 = 104.00; packing 16 × 2 = 32.00
    assert job.materials.amount == D("1216.00")
    # 621.80 + 1,845.00 + 1,100.00 + 1,216.00 = 4,782.80; a top 4,782.80 ÷ 16 = 298.925 → 298.93
    assert job.total.amount == D("4782.80")
    assert job.unit_cost.amount == D("298.93")
    machining = job.by_operation[0]
    assert machining.labour.explanation == "9.00 h (60 + 16 × 30 min attended) × 30.20/h (workstation rate)"
    assert machining.machine.explanation == "41.00 machine h × 45.00/h (CNC)"


def test_labour_taken_equal_to_machine_hours_overstates_the_textbook_job_by_966_40():
    attended_throughout = textbook_job(attended=None)
    # The old rule: a person for all 41 machine hours, 41 × 30.20 = 1,238.20 instead of 271.80:
    # 32 h × 30.20 = 966.40 too much (the machining overhead is per machine hour, so unchanged).
    assert attended_throughout.labour.amount == D("1588.20")  # 1,238.20 + 350.00
    assert attended_throughout.total.amount - textbook_job().total.amount == D("966.40")


def test_material_cost_by_operation_and_by_workstation():
    job = textbook_job()
    machining, assembly = job.by_operation
    assert (machining.materials.amount, assembly.materials.amount) == (D("1080.00"), D("104.00"))
    assert machining.materials.explanation == "12 × 90.00 (Walnut board, m²)"
    # An operation's total is its time, overhead and materials:
    # 271.80 + 1,845.00 + 820.00 + 1,080.00 = 4,016.80; 350.00 + 280.00 + 104.00 = 734.00
    assert (machining.total.amount, assembly.total.amount) == (D("4016.80"), D("734.00"))
    cnc, bench = job.by_workstation
    assert (cnc.workstation_code, cnc.labour.amount, cnc.machine.amount, cnc.overhead.amount, cnc.materials.amount,
            cnc.total.amount) == ("CNC", D("271.80"), D("1845.00"), D("820.00"), D("1080.00"), D("4016.80"))
    assert (bench.workstation_code, bench.labour.amount, bench.overhead.amount, bench.materials.amount,
            bench.total.amount) == ("BENCH", D("350.00"), D("280.00"), D("104.00"), D("734.00"))
    # Packing names no operation: it is in the job's materials (1,216.00) but no department's.
    assert job.materials.amount - cnc.materials.amount - bench.materials.amount == D("32.00")


def test_a_material_used_at_an_operation_with_no_time_still_shows_there():
    job = estimate_job([], [BomLine("Glass", D("1"), D("40.00"), "030 Glaze", "GLAZE")], quantity=2)
    (glaze,) = job.by_operation
    assert (glaze.operation_key, glaze.workstation_code, glaze.materials.amount, glaze.total.amount) == (
        "030 Glaze", "GLAZE", D("80.00"), D("80.00"))  # 2 × 40.00
    assert glaze.labour.amount == D("0.00")


def test_attended_minutes_cannot_be_negative():
    with pytest.raises(ValidationError) as error:
        estimate_operation(D("0"), D("10"), 1, MACHINING, True, labour_run_minutes=D("-5"))
    assert error.value.field == "labour_run_minutes"
