"""Issue 9, item 1, for inspection figures: a check's nominal and tolerances, its readings and a
finished-goods test's value are read as the shop writes numbers. Where the decimal sign is a comma
the readings are separated by semicolons or spaces (the comma belongs to the number)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain import quality as q
from workshop.domain.errors import ValidationError
from workshop.services import finished_tests, inspection, jobs, routing, settings

#: The same check in each shop's own writing: 600 mm, −0.5 / +0.5; two readings, 599.75 and 600.5
#: (600.5 is exactly on the upper limit, so both pass); a third, 600.55, just outside.
TYPED = {
    "en_GB": dict(lower="-0.5", upper="+0.5", readings="599.75, 600.5", outside="600.55"),
    "en_US": dict(lower="-0.5", upper="+0.5", readings="599.75 600.5", outside="600.55"),
    "de_DE": dict(lower="-0,5", upper="+0,5", readings="599,75; 600,5", outside="600,55"),
    "fr_FR": dict(lower="-0,5", upper="+0,5", readings="599,75 600,5", outside="600,55"),
    "pl_PL": dict(lower="−0,5", upper="+0,5", readings="599,75;600,5", outside="600,55"),
}


@pytest.fixture(params=sorted(TYPED))
def locale(request, db, shop):
    settings.update_settings(db, locale=request.param)
    return request.param


@pytest.fixture
def op(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
    jobs.change_status(db, shop.job.id, "release")
    jobs.change_status(db, shop.job.id, "start")
    return op


def test_a_check_and_its_readings_in_each_locale(db, shop, op, locale):
    typed = TYPED[locale]
    check = inspection.add_check(db, operation_id=op, characteristic="Carcass width", nominal="600",
                                 lower_tolerance=typed["lower"], upper_tolerance=typed["upper"], unit="mm")
    [held] = inspection.list_checks(db, shop.job.id)
    assert (held.nominal, held.lower_tolerance, held.upper_tolerance) == (D(600), D("-0.5"), D("0.5"))
    passed = inspection.record_result(db, check.id, readings=typed["readings"], inspector="Anna Kowalska")
    assert passed.result == "pass"
    assert [r.value for r in passed.readings] == [D("599.75"), D("600.5")]
    failed = inspection.record_result(db, check.id, readings=typed["outside"], inspector="Anna Kowalska")
    assert failed.result == "fail" and [r.value for r in failed.readings] == [D("600.55")]


def test_a_finished_test_value_in_each_locale(db, shop, op, locale):
    comma = locale not in ("en_GB", "en_US")
    view = finished_tests.record_finished_test(db, shop.job.id, name="Mains voltage", tester="Anna Kowalska",
                                               nominal="230", lower_tolerance="-2,5" if comma else "-2.5",
                                               upper_tolerance="2,5" if comma else "2.5", unit="V",
                                               value="231,75" if comma else "231.75")
    # 231.75 is within 230 − 2.5 = 227.5 to 230 + 2.5 = 232.5
    assert (view.value, view.result) == (D("231.75"), "pass")


def test_the_other_convention_is_refused_with_the_right_form(db, shop, op):
    settings.update_settings(db, locale="de_DE")
    check = inspection.add_check(db, operation_id=op, characteristic="Carcass width", nominal="600",
                                 lower_tolerance="-0,5", upper_tolerance="0,5", unit="mm")
    with pytest.raises(ValidationError) as refused:
        inspection.record_result(db, check.id, readings="599.75", inspector="Anna Kowalska")
    assert refused.value.field == "readings" and "write 599,75" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        inspection.add_check(db, operation_id=op, characteristic="Depth", nominal="560", lower_tolerance="-0.5",
                             upper_tolerance="0,5", unit="mm")
    assert refused.value.field == "lower_tolerance" and "write -0,5" in refused.value.message
    assert inspection.list_results(db, check_id=check.id) == []
    assert [c.characteristic for c in inspection.list_checks(db, shop.job.id)] == ["Carcass width"]


def test_readings_are_shown_as_they_are_typed_back():
    readings = q.parse_readings("599,75; 60,05 cm", "mm", "de_DE")
    assert q.readings_text(readings, "mm", "de_DE") == "599,75; 60,05 cm"
    assert q.parse_readings(q.readings_text(readings, "mm", "de_DE"), "mm", "de_DE") == readings
    assert q.readings_text(q.parse_readings("599.75, 60.05 cm", "mm"), "mm", "en_GB") == "599.75, 60.05 cm"
    assert q.fmt(D("-0.50"), signed=True, locale="fr_FR") == "-0,5"
