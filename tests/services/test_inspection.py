"""Inspection: tolerance edges, units, bad input saving nothing, corrections keeping the original,
the work list, finished-goods tests, checks carried by routing templates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from workshop.db.models import InspectionCheck, InspectionReading, InspectionResult, NonConformance
from workshop.domain import quality as q
from workshop.domain.errors import ValidationError
from workshop.services import finished_tests, gate, inspection, jobs, routing


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def _count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def live(db, shop):
    """The sample job with the Oak cabinet routing, in progress, and a measured check on op 030."""
    routing.apply_template(db, shop.job.id, shop.template.id)
    ops = routing.list_operations(db, shop.job.id)
    jobs.change_status(db, shop.job.id, "release")
    jobs.change_status(db, shop.job.id, "start")
    check = inspection.add_check(db, operation_id=ops[2].id, characteristic="Carcass width", method="Vernier",
                                 nominal="600", lower_tolerance="-0.5", upper_tolerance="+0.5", unit="mm")
    return ops, check


@pytest.mark.parametrize("readings, result", [
    ("599.5", "pass"), ("600.5", "pass"), ("599.5, 600.5, 600", "pass"),  # exactly on a limit passes
    ("599.4999", "fail"), ("600.5001", "fail"), ("600, 600.6", "fail"),  # just outside fails; all must pass
    ("60.05 cm", "pass"), ("0.6005 m", "pass"), ("60.051cm", "fail"),  # units converted exactly
    ("600 mm 60.05 cm", "pass"),
])
def test_tolerance_edges_and_units(db, shop, live, readings, result):
    _ops, check = live
    view = inspection.record_result(db, check.id, readings=readings, inspector="Anna Kowalska")
    assert view.result == result
    with db.reader() as s:
        row = s.get(InspectionResult, view.id)
        assert row.result == result and row.inspector == "Anna Kowalska"
        assert [r.value for r in row.readings] == [q.parse_readings(readings, "mm")[i].value
                                                   for i in range(len(row.readings))]
        assert (s.scalar(select(func.count()).select_from(NonConformance)) == 1) is (result == "fail")


def test_domain_tolerance_is_exact():
    tol = q.Tolerance(Decimal("25"), Decimal("-0.1"), Decimal("0.1"), "mm")
    assert tol.accepts(Decimal("24.9")) and tol.accepts(Decimal("25.1"))
    assert not tol.accepts(Decimal("25.1000001")) and not tol.accepts(Decimal("24.8999"))
    assert q.evaluate(tol, q.parse_readings("0.9843 in", "mm")).passed  # 25.00122 mm
    assert q.convert(Decimal("1.5"), "kN", "N") == Decimal("1500")
    assert tol.text == "± 0.1" and q.tolerance_text(Decimal("-0.05"), Decimal("0.1")) == "-0.05 / +0.1"
    with pytest.raises(ValidationError) as info:
        q.Tolerance(Decimal(1), Decimal("0.2"), Decimal("0.1"))
    assert info.value.field == "lower_tolerance"


@pytest.mark.parametrize("readings", ["25.1 kg", "3 s", "12 N"])
def test_incompatible_units_are_refused_and_nothing_saved(db, shop, live, readings):
    _ops, check = live
    error = _error(inspection.record_result, db, check.id, readings=readings, inspector="Anna")
    assert error.field == "readings" and "units" in error.message
    assert _count(db, InspectionResult) == 0 and _count(db, InspectionReading) == 0


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(readings="25.o2", inspector="Anna"), "readings", "not a reading"),
    (dict(readings="abc", inspector="Anna"), "readings", "not a reading"),
    (dict(readings="", inspector="Anna"), "readings", "at least one"),
    (dict(readings="600.1", inspector="  "), "inspector", "required"),
    (dict(readings="600.1"), "inspector", "required"),
    (dict(readings="600.12345", inspector="Anna"), "readings", "decimal places"),
    (dict(readings="600.9", inspector="Anna", result="pass"), "result", "FAIL"),
])
def test_bad_result_input_names_the_field_and_saves_nothing(db, shop, live, kwargs, field, words):
    _ops, check = live
    error = _error(inspection.record_result, db, check.id, **kwargs)
    assert error.field == field and words in error.message, error
    assert _count(db, InspectionResult) == 0 and _count(db, NonConformance) == 0


@pytest.mark.parametrize("values, field", [
    (dict(lower_tolerance="0.2", upper_tolerance="0.1"), "lower_tolerance"),
    (dict(lower_tolerance="x", upper_tolerance="0.1"), "lower_tolerance"),
    (dict(lower_tolerance="-0.1", upper_tolerance=None), "upper_tolerance"),
    (dict(nominal="", lower_tolerance="-0.1", upper_tolerance="0.1"), "nominal"),
    (dict(characteristic="", lower_tolerance="-0.1", upper_tolerance="0.1"), "characteristic"),
    (dict(check_type="smell", lower_tolerance="-0.1", upper_tolerance="0.1"), "check_type"),
])
def test_bad_check_input_names_the_field_and_saves_nothing(db, shop, live, values, field):
    ops, _check = live
    values = {"characteristic": "Depth", "nominal": "350", "unit": "mm", **values}
    error = _error(inspection.add_check, db, operation_id=ops[0].id, **values)
    assert error.field == field
    assert _count(db, InspectionCheck) == 1


def test_a_correction_is_a_new_row_and_keeps_the_original(db, shop, live):
    _ops, check = live
    first = inspection.record_result(db, check.id, readings="600.2", inspector="Tom Reed", notes="Tape")
    assert _error(inspection.correct_result, db, first.id, reason=" ", readings="600.1",
                  inspector="Tom").field == "reason"
    fixed = inspection.correct_result(db, first.id, reason="Read the wrong scale", readings="600.1",
                                      inspector="Anna Kowalska")
    assert fixed.corrects_id == first.id and fixed.correction_reason == "Read the wrong scale"
    results = inspection.list_results(db, check_id=check.id)
    assert [(r.id, r.readings_text, r.superseded_by) for r in results] == [
        (first.id, "600.2 mm", fixed.id), (fixed.id, "600.1 mm", None)]
    with db.reader() as s:  # the signed original is untouched
        original = s.get(InspectionResult, first.id)
        assert original.inspector == "Tom Reed" and original.readings[0].value == Decimal("600.2")
    assert _error(inspection.correct_result, db, first.id, reason="again", readings="600",
                  inspector="Anna").field == "result_id"
    assert not hasattr(inspection, "update_result")  # no edit API for a signed result


def test_a_correction_to_fail_stands_in_the_original_place(db, shop, live):
    _ops, check = live
    first = inspection.record_result(db, check.id, readings="600", inspector="Anna")
    inspection.correct_result(db, first.id, reason="Misread: it was 601", readings="601", inspector="Anna")
    assert inspection.get_check(db, check.id).state == "fail"
    assert len(gate.gate_problems(db, shop.job.id)) == 2  # the check and the report it raised


def test_checks_cannot_change_once_inspected(db, shop, live):
    _ops, check = live
    assert inspection.update_check(db, check.id, upper_tolerance="1").upper_limit == Decimal("601")
    inspection.record_result(db, check.id, readings="600", inspector="Anna")
    assert _error(inspection.update_check, db, check.id, nominal="601").field == "check"
    assert _error(inspection.remove_check, db, check.id).field == "check"


def test_pass_fail_and_visual_checks(db, shop, live):
    ops, _check = live
    visual = inspection.add_check(db, job_id=shop.job.id, characteristic="Finish free of runs",
                                  check_type="visual", nominal="5")
    assert visual.operation_id is None and visual.where == "Final inspection" and visual.nominal is None
    assert _error(inspection.record_result, db, visual.id, inspector="Anna").field == "result"
    assert _error(inspection.record_result, db, visual.id, inspector="Anna", result="pass",
                  readings="3").field == "readings"
    view = inspection.record_result(db, visual.id, inspector_id=shop.anna.id, result="pass", notes="Even sheen",
                                    photos=[("finish.jpg", b"\xff\xd8jpeg")])
    assert view.inspector == "Anna Kowalska" and view.photos[0].file_name == "finish.jpg"
    photo, data = inspection.result_photo(db, view.photos[0].id)
    assert data == b"\xff\xd8jpeg" and photo.media_type == "image/jpeg"
    checks = inspection.list_checks(db, shop.job.id)
    assert [c.where for c in checks] == [f"030 {ops[2].name}", "Final inspection"]  # final inspection last


def test_the_work_list_shows_checks_without_a_pass(db, shop, live):
    _ops, check = live
    final = inspection.add_check(db, job_id=shop.job.id, characteristic="Doors aligned", check_type="pass_fail",
                                 required=False)
    due = inspection.due_inspections(db)
    assert [(d.job_number, d.characteristic, d.last_result, d.required) for d in due] == [
        (shop.job.number, "Carcass width", None, True), (shop.job.number, "Doors aligned", None, False)]
    inspection.record_result(db, check.id, readings="602", inspector="Anna")
    inspection.record_result(db, final.id, result="pass", inspector="Anna")
    due = inspection.due_inspections(db)
    assert [(d.characteristic, d.last_result) for d in due] == [("Carcass width", "fail")]
    assert due[0].open_ncr.startswith("NCR-")


def test_finished_goods_tests(db, shop, live):
    ok = finished_tests.record_finished_test(db, shop.job.id, name="Shelf load test", nominal="50", lower_tolerance="0",
                                         upper_tolerance="100", unit="kg", value="50000 g", tester="Tom Reed")
    assert ok.result == "pass" and ok.value == Decimal("50000") and ok.value_unit == "g"
    assert ok.tolerance_text == "0 / +100"
    bad = finished_tests.record_finished_test(db, shop.job.id, name="Earth continuity", test_type="pass_fail",
                                          result="fail", tester="Tom Reed", notes="Open circuit")
    assert bad.ncr_number is not None
    assert _error(finished_tests.record_finished_test, db, shop.job.id, name="Load", nominal="50",
                  lower_tolerance="0", upper_tolerance="10", unit="kg", value="heavy", tester="Tom").field == "value"
    assert _error(finished_tests.record_finished_test, db, shop.job.id, name="Load", nominal="50", lower_tolerance="0",
                  upper_tolerance="10", unit="kg", value="51", tester="").field == "tester"
    assert [t.name for t in finished_tests.list_finished_tests(db, shop.job.id)] == ["Shelf load test",
                                                                                 "Earth continuity"]


def test_templates_carry_checks_to_operations_and_back(db, shop):
    from workshop.services import templates

    t = templates.create_template(db, name="Bracket", steps=[
        dict(name="Drill", workstation_id=shop.saw.id),
        dict(name="Inspect", workstation_id=shop.bench.id, inspection_required=True, checks=[
            dict(characteristic="Hole pitch", method="Calliper", nominal="32", lower_tolerance="-0.1",
                 upper_tolerance="0.1", unit="mm"),
            dict(characteristic="Burrs removed", check_type="visual")])])
    assert [c.characteristic for c in t.steps[1].checks] == ["Hole pitch", "Burrs removed"]
    error = _error(templates.create_template, db, name="Bad", steps=[
        dict(name="Inspect", workstation_id=shop.bench.id, checks=[
            dict(characteristic="Pitch", nominal="32", lower_tolerance="1", upper_tolerance="-1")])])
    # a template step's error names "steps" and the step, with the check's own message
    assert error.field == "steps" and error.message.startswith("Step 1: ") and "ower tolerance" in error.message
    assert len(templates.list_templates(db)) == 2
    routing.apply_template(db, shop.job.id, t.id)
    checks = inspection.list_checks(db, shop.job.id)
    assert [(c.where, c.characteristic, c.tolerance_text) for c in checks] == [
        ("020 Inspect", "Hole pitch", "± 0.1"), ("020 Inspect", "Burrs removed", "")]
    saved = templates.get_template(db, routing.save_as_template(db, shop.job.id, "Bracket copy"))
    assert [c.characteristic for c in saved.steps[1].checks] == ["Hole pitch", "Burrs removed"]


def test_job_card_prints_the_checks(db, shop, live):
    from workshop.documents.job_cards import job_card_data

    card = job_card_data(db, shop.job.id)
    check = card.operations[2].checks[0]
    assert (check.characteristic, check.nominal, check.tolerance, check.unit, check.method) == (
        "Carcass width", "600", "± 0.5", "mm", "Vernier")
