"""Labour time apart from machine time, a BOM line's operation, and the shop-wide overhead, through
the services as the owner uses them. The textbook job (tests/support/textbook.py), by hand:

  Machining (CNC: labour 30.20/h, machine 45.00/h, overhead 20.00 per machine hour)
    machine 60 + 16 × 150 = 2,460 min = 41 h; labour 60 + 16 × 30 = 540 min = 9 h
    labour 9 × 30.20 = 271.80; machine 41 × 45.00 = 1,845.00; overhead 41 × 20.00 = 820.00
    walnut 0.75 m² × 16 = 12 m² × 90.00 = 1,080.00          department total 4,016.80
  Assembly (ASSY: labour 28.00/h, overhead 80% of labour cost)
    labour 30 + 16 × 45 = 750 min = 12.5 h × 28.00 = 350.00; overhead 80% × 350.00 = 280.00
    hardware kits 16 × 6.50 = 104.00                          department total 734.00
  The job as a whole: packing 16 × 2.00 = 32.00
  Total 4,016.80 + 734.00 + 32.00 = 4,782.80
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from support.textbook import textbook_job
from sqlalchemy import select

from workshop.db.models import BomItem, Operation
from workshop.domain.errors import ValidationError
from workshop.services import bom, bookings, job_costing, jobs, routing, templates


@pytest.fixture
def tb(db, today):
    return textbook_job(db, today)


def test_the_estimate_costs_labour_on_attended_time_and_machines_on_run_time(db, tb):
    est = job_costing.estimate_job_cost(db, tb.job.id)
    assert (est.labour_hours, est.machine_hours) == (D("21.50"), D("41.00"))  # 9 + 12.5; 41
    assert est.labour.amount == D("621.80")  # 271.80 + 350.00
    assert est.machine.amount == D("1845.00")
    assert est.overhead.amount == D("1100.00")  # 820.00 + 280.00
    assert est.materials.amount == D("1216.00")  # 1,080.00 + 104.00 + 32.00
    assert est.total.amount == D("4782.80")
    with db.reader() as s:
        assert s.get(Operation, tb.machine).labour_run_minutes == D("30")
    machine, assemble = routing.list_operations(db, tb.job.id)
    assert (machine.planned_minutes, machine.planned_labour_minutes) == (D("2460"), D("540"))
    assert (assemble.planned_minutes, assemble.planned_labour_minutes) == (D("750"), D("750"))
    assert assemble.attended_throughout and not machine.attended_throughout


def test_attended_throughout_is_the_old_estimate_and_966_40_more(db, tb):
    before = job_costing.estimate_job_cost(db, tb.job.id).total.amount
    routing.update_operation(db, tb.machine, labour_run_minutes="")  # empty: a person for the whole run
    after = job_costing.estimate_job_cost(db, tb.job.id).total.amount
    # 41 h instead of 9 h of labour at 30.20: 32 × 30.20 = 966.40
    assert after - before == D("966.40")
    with db.reader() as s:
        assert s.get(Operation, tb.machine).labour_run_minutes is None


def test_material_cost_by_operation_and_by_workstation_in_the_cost_sheet(db, tb):
    sheet = job_costing.cost_sheet(db, tb.job.id)
    machine, assemble = sheet.estimate.by_operation
    assert (machine.operation_key, machine.materials.amount, machine.total.amount) == (
        "010 Machine tops", D("1080.00"), D("4016.80"))
    assert (assemble.operation_key, assemble.materials.amount, assemble.total.amount) == (
        "020 Assemble", D("104.00"), D("734.00"))
    assert [(w.workstation_code, w.materials.amount, w.total.amount) for w in sheet.estimate.by_workstation] == [
        ("CNC", D("1080.00"), D("4016.80")), ("ASSY", D("104.00"), D("734.00"))]
    assert [(r.key, r.estimate.amount) for r in sheet.operations] == [
        ("010 Machine tops", D("4016.80")), ("020 Assemble", D("734.00"))]
    lines = {n.description: n.operation_label for n in bom.get_bom(db, tb.job.id).nodes}
    assert lines == {"Walnut board 30 mm": "010 Machine tops", "Table hardware kit": "020 Assemble", "Packing": ""}


def test_an_issue_of_a_material_is_charged_to_the_operation_its_bom_line_names(db, tb):
    jobs.change_status(db, tb.job.id, "release")
    bookings.issue_material(db, tb.job.id, material_id=tb.walnut.id, quantity="5")  # 5 × 90.00 = 450.00
    bookings.issue_material(db, tb.job.id, description="Glue", quantity="1", unit_cost="7.50")  # the job's
    actual = job_costing.actual_job_cost(db, tb.job.id)
    (machine,) = actual.by_operation
    assert (machine.operation_key, machine.materials.amount) == ("010 Machine tops", D("450.00"))
    assert actual.materials.amount == D("457.50")  # 450.00 + 7.50
    assert [(w.workstation_code, w.materials.amount) for w in actual.by_workstation] == [("CNC", D("450.00"))]


def test_a_line_can_be_moved_to_another_operation_or_to_the_whole_job(db, tb):
    bom.update_item(db, tb.walnut_line, operation_id=tb.assemble)
    assert {n.description: n.operation_id for n in bom.get_bom(db, tb.job.id).nodes}["Walnut board 30 mm"] == \
        tb.assemble
    bom.update_item(db, tb.walnut_line, operation_id=None)
    est = job_costing.estimate_job_cost(db, tb.job.id)
    assert [o.materials.amount for o in est.by_operation] == [D("0.00"), D("104.00")]


def test_removing_an_operation_leaves_its_materials_on_the_job(db, tb):
    routing.remove_operation(db, tb.assemble)
    with db.reader() as s:
        assert s.get(BomItem, tb.kit_line).operation_id is None
    est = job_costing.estimate_job_cost(db, tb.job.id)
    assert est.materials.amount == D("1216.00")  # unchanged: only the attribution went
    assert [o.operation_key for o in est.by_operation] == ["010 Machine tops"]


def test_bad_values_save_nothing(db, tb, shop):
    with pytest.raises(ValidationError) as error:
        routing.update_operation(db, tb.machine, labour_run_minutes="-5", name="Changed")
    assert error.value.field == "labour_run_minutes"
    with pytest.raises(ValidationError) as error:
        bom.add_line(db, tb.job.id, description="Oak", quantity="1", unit_cost="1", operation_id=999)
    assert error.value.field == "operation_id" and "no operation" in error.value.message.lower()
    other_job_op = routing.add_operation(db, shop.job.id, name="Cut", workstation_id=shop.saw.id)
    with pytest.raises(ValidationError) as error:
        bom.update_item(db, tb.walnut_line, operation_id=other_job_op)
    assert error.value.message == "Choose an operation of this job."
    with db.reader() as s:
        assert s.get(Operation, tb.machine).name == "Machine tops"
        assert s.get(BomItem, tb.walnut_line).operation_id == tb.machine
        assert s.scalars(select(BomItem.description).where(BomItem.job_id == tb.job.id)).all() == [
            "Walnut board 30 mm", "Table hardware kit", "Packing"]


def test_templates_carry_the_attended_time_both_ways(db, tb, shop):
    template_id = routing.save_as_template(db, tb.job.id, "Table tops")
    steps = templates.get_template(db, template_id).steps
    assert [s.labour_run_minutes for s in steps] == [D("30"), None]
    new_ids = routing.apply_template(db, shop.job.id, template_id)
    with db.reader() as s:
        assert [s.get(Operation, i).labour_run_minutes for i in new_ids] == [D("30"), None]
