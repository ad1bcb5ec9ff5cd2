"""Non-conformance: a fail raises a report; rework adds an operation after the failed one (its
time counts on the job); re-inspect, verify, close; scrap books the material lost; use as is
needs the customer's concession; closed only after verification; all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from support.inspection_jobs import failed_check
from workshop.db.models import MaterialIssue, NonConformance, Operation
from workshop.domain.errors import ValidationError
from workshop.services import (booking_views, bookings, certificates, gate, inspection, materials,
                               nonconformance as ncrs, routing)


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


@pytest.fixture
def failed(db, shop):
    return failed_check(db, shop)


def test_fail_rework_reinspect_verify_close(db, shop, failed):
    ops, check, result = failed
    assert result.result == "fail" and result.ncr_number.startswith("NCR-")
    ncr = ncrs.get_ncr(db, result.ncr_id)
    assert (ncr.status, ncr.check_id, ncr.result_id, ncr.raised_by) == ("open", check.id, result.id, "Tom Reed")
    assert "Diagonal difference" in ncr.description and "3.5 mm" in ncr.description

    # closed only after verification; verified only after a disposition
    assert _error(ncrs.close_ncr, db, ncr.id).field == "status"
    assert _error(ncrs.verify, db, ncr.id, verified_by="Anna").field == "status"
    assert _error(ncrs.disposition, db, ncr.id, disposition="rework").field == "cause"

    ncr = ncrs.disposition(db, ncr.id, disposition="rework", cause="Clamped out of square",
                           note="Re-clamp and re-glue", rework_minutes="45", rework_operator_id=shop.tom.id)
    assert ncr.status == "dispositioned" and ncr.rework_op_number == 40
    after = routing.list_operations(db, shop.job.id)
    assert [(o.op_number, o.name) for o in after] == [
        (10, "Cut panels"), (20, "Assemble carcass"), (40, "Rework: Diagonal difference (" + ncr.number + ")"),
        (30, "Check and oil")]  # right after the failed operation
    rework = after[2]
    assert (rework.workstation_id, rework.operator_id, rework.planned_minutes) == (shop.bench.id, shop.tom.id,
                                                                                   Decimal("45.00"))
    bookings.log_time(db, rework.id, shop.tom.id, minutes="40", mark_done=True)  # the rework's cost is on the job
    assert sum(t.cost for t in booking_views.list_time_logs(db, shop.job.id)) > 0

    assert "not passed" in _error(ncrs.verify, db, ncr.id, verified_by="Anna").message  # re-inspect first
    inspection.record_result(db, check.id, readings="1.5", inspector="Anna Kowalska")
    ncr = ncrs.verify(db, ncr.id, verified_by="Anna Kowalska", note="Square within 1.5 mm")
    assert ncr.status == "verified" and ncr.verified_at is not None
    ncr = ncrs.close_ncr(db, ncr.id)
    assert ncr.status == "closed" and ncr.closed_at is not None
    assert _error(ncrs.close_ncr, db, ncr.id).field == "status"
    assert gate.gate_problems(db, shop.job.id) == []


def test_scrap_books_the_material_lost_at_todays_cost(db, shop, failed):
    _ops, _check, result = failed
    materials.update_material(db, shop.oak.id, unit_cost="90.00")
    ncr = ncrs.disposition(db, result.ncr_id, disposition="scrap", cause="Split panel", scrap_material_id=shop.oak.id,
                           scrap_quantity="0.5")
    assert ncr.scrap_description == "Oak board 25 mm" and ncr.scrap_cost == Decimal("45.00")
    issues = booking_views.list_material_issues(db, shop.job.id)
    assert [(i.quantity, i.unit_cost, i.note) for i in issues] == [(Decimal("0.500"), Decimal("90.00"),
                                                                     f"Scrap ({ncr.number})")]
    assert materials.get_material(db, shop.oak.id).stock_on_hand == Decimal("39.5")


def test_a_failed_disposition_saves_nothing(db, shop, failed):
    _ops, _check, result = failed
    error = _error(ncrs.disposition, db, result.ncr_id, disposition="scrap", cause="Split",
                   scrap_material_id=shop.oak.id, scrap_quantity="999")
    assert error.field == "scrap_quantity"
    error = _error(ncrs.disposition, db, result.ncr_id, disposition="rework", cause="Split",
                   rework_workstation_id=shop.saw.id, rework_operator_id=shop.tom.id)
    assert error.field == "rework_operator_id"  # Tom does not run the saw
    assert _error(ncrs.disposition, db, result.ncr_id, disposition="use_as_is", cause="x").field == \
        "concession_reference"
    assert _error(ncrs.disposition, db, result.ncr_id, disposition="burn", cause="x").field == "disposition"
    with db.reader() as s:
        n = s.get(NonConformance, result.ncr_id)
        assert (n.status, n.disposition, n.cause) == ("open", None, "")
        assert s.scalar(select(func.count()).select_from(MaterialIssue)) == 0
        assert s.scalar(select(func.count()).select_from(Operation)) == 3
    assert materials.get_material(db, shop.oak.id).stock_on_hand == Decimal("40")


def test_use_as_is_with_a_concession_accepts_the_failed_check(db, shop, failed):
    _ops, check, result = failed
    ncr = ncrs.disposition(db, result.ncr_id, disposition="use_as_is", cause="Wall is out of true anyway",
                           concession_reference="Email R. Harrow 12/11")
    ncr = ncrs.verify(db, ncr.id, verified_by="Anna")  # no re-inspection for a concession
    assert gate.gate_problems(db, shop.job.id) != []  # verified, but not closed yet
    ncrs.close_ncr(db, ncr.id)
    assert inspection.get_check(db, check.id).state == "concession"
    assert gate.gate_problems(db, shop.job.id) == []
    cert = certificates.certificate_data(db, shop.job.id)
    assert cert.checks[0].result == "concession" and cert.checks[0].concession_reference == "Email R. Harrow 12/11"


def test_return_to_supplier_and_hand_raised_reports(db, shop, failed):
    _ops, check, result = failed
    ncr = ncrs.disposition(db, result.ncr_id, disposition="return_to_supplier", cause="Warped board from supplier",
                           note="RMA 5531")
    assert _error(ncrs.verify, db, ncr.id, verified_by="Anna").field == "status"
    inspection.record_result(db, check.id, readings="0.5", inspector="Anna")
    assert ncrs.verify(db, ncr.id, verified_by="Anna").status == "verified"
    hand = ncrs.raise_ncr(db, shop.job.id, description="Scratch on top", raised_by="Tom")
    assert hand.number != ncr.number and hand.status == "open"
    assert _error(ncrs.raise_ncr, db, shop.job.id, description=" ").field == "description"
    assert [n.number for n in ncrs.list_ncrs(db, job_id=shop.job.id, open_only=True)] == [hand.number, ncr.number]
    assert ncrs.find_ncr_id(db, hand.number.lower()) == hand.id


def test_verifying_a_rework_closes_its_operation(db, shop, failed):
    _ops, check, result = failed
    ncr = ncrs.disposition(db, result.ncr_id, disposition="rework", cause="Out of square", rework_minutes="30")
    rework = next(o for o in routing.list_operations(db, shop.job.id) if o.op_number == ncr.rework_op_number)
    assert rework.status == "pending"
    inspection.record_result(db, check.id, readings="1.0", inspector="Anna Kowalska")
    ncrs.verify(db, ncr.id, verified_by="Anna Kowalska")
    rework = next(o for o in routing.list_operations(db, shop.job.id) if o.op_number == ncr.rework_op_number)
    assert rework.status == "done"  # the passed re-inspection shows the rework was done
