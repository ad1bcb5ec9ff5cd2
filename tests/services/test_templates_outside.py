"""Routing templates keep outside work: a step done by a supplier, away some days, saved from a job
and applied to another as an outside operation by the routing's own rules (services/outside_operations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import jobs, routing, suppliers, templates


@pytest.fixture
def coater(db):
    return suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")


def _new_job(db, shop, today):
    return jobs.create_job(db, customer_id=shop.customer.id, title="Second dresser", quantity=1,
                           due_date=today + dt.timedelta(days=30))


def _template_named(db, name):
    return next(t for t in templates.list_templates(db, include_inactive=True) if t.name == name)


def test_saving_a_job_keeps_the_supplier_and_days_and_applying_makes_an_outside_operation(db, shop, coater, today):
    routing.add_operation(db, shop.job.id, name="Weld frame", workstation_id=shop.bench.id, setup_minutes="10",
                          run_minutes="30")
    routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id, days_away="3")
    routing.save_as_template(db, shop.job.id, "Coated frame")

    weld, coat = _template_named(db, "Coated frame").steps
    assert (weld.outside, weld.workstation_code, weld.setup_minutes, weld.run_minutes) == (False, "BENCH", D(10),
                                                                                          D(30))
    # the outside step: the supplier and its 3 days (not the supplier's 5-day lead time), no minutes, at OUT
    assert (coat.outside, coat.supplier_id, coat.supplier_name, coat.days_away) == (True, coater.id,
                                                                                   "Acme Powder Coating", 3)
    assert (coat.workstation_code, coat.setup_minutes, coat.run_minutes, coat.labour_run_minutes) == (
        "OUT", D(0), D(0), None)

    other = _new_job(db, shop, today)
    routing.apply_template(db, other.id, _template_named(db, "Coated frame").id)
    weld_op, coat_op = routing.list_operations(db, other.id)
    assert (weld_op.outside, weld_op.workstation_code, weld_op.days_away) == (False, "BENCH", None)
    assert (coat_op.name, coat_op.outside, coat_op.supplier_name, coat_op.days_away) == (
        "Powder coat frame", True, "Acme Powder Coating", 3)
    assert (coat_op.workstation_code, coat_op.setup_minutes, coat_op.run_minutes, coat_op.planned_minutes,
            coat_op.operator_id) == ("OUT", D(0), D(0), D(0), None)


def test_a_template_step_done_outside_takes_the_suppliers_lead_time_when_no_days_are_given(db, shop, coater):
    # no workstation named: an outside step sits at the outside workstation whatever was sent
    view = templates.create_template(db, name="Galvanised gate", steps=[
        dict(name="Galvanise", supplier_id=coater.id)])
    step, = view.steps
    assert (step.supplier_name, step.days_away, step.workstation_code) == ("Acme Powder Coating", 5, "OUT")


@pytest.mark.parametrize("step, message", [
    (dict(supplier_id=999), "Step 1: There is no supplier with id 999."),
    (dict(supplier_id="coater", days_away="-1"), "Step 1: Days away must be a whole number of days, 0 or more, "
                                                 "not “-1”."),
    (dict(supplier_id="coater", days_away="1.5"), "Step 1: Days away must be a whole number of days, 0 or more, "
                                                  "not “1.5”."),
    (dict(supplier_id="coater", run_minutes="20"), "Step 1: An operation done outside takes no setup or run "
                                                  "minutes in the shop; give the days it is away instead."),
])
def test_a_bad_outside_step_is_refused_by_name_and_nothing_saved(db, shop, coater, step, message):
    if step.get("supplier_id") == "coater":
        step = {**step, "supplier_id": coater.id}
    with pytest.raises(ValidationError) as info:
        templates.create_template(db, name="Coated gate", steps=[dict(name="Powder coat", **step)])
    assert (info.value.field, info.value.message) == ("steps", message)
    assert [t.name for t in templates.list_templates(db, include_inactive=True)] == ["Oak cabinet"]
    # the same refusal when an existing template is edited; its steps stay as they were
    with pytest.raises(ValidationError) as info:
        templates.update_template(db, shop.template.id, steps=[dict(name="Powder coat", **step)])
    assert info.value.message == message
    assert len(templates.get_template(db, shop.template.id).steps) == 3


def test_an_in_shop_step_cannot_sit_at_the_outside_workstation(db, shop, coater):
    out_id = templates.create_template(db, name="Coated", steps=[dict(name="Coat", supplier_id=coater.id)]
                                       ).steps[0].workstation_id
    with pytest.raises(ValidationError) as info:
        templates.create_template(db, name="Wrong", steps=[dict(name="Coat", workstation_id=out_id)])
    assert info.value.message == "Step 1: Choose the workstation that does it in the shop."


def test_a_supplier_no_longer_in_use_stays_on_its_template_but_is_refused_when_applied(db, shop, coater, today):
    view = templates.create_template(db, name="Coated gate", steps=[
        dict(name="Cut", workstation_id=shop.saw.id, run_minutes="5"),
        dict(name="Powder coat", supplier_id=coater.id, days_away="2")])
    suppliers.update_supplier(db, coater.id, active=False)

    # editing the template (a step renamed) keeps the supplier it already had
    steps = [dict(name=s.name, workstation_id=s.workstation_id, run_minutes=s.run_minutes,
                  supplier_id=s.supplier_id, days_away=s.days_away) for s in view.steps]
    steps[0]["name"] = "Cut bars"
    edited = templates.update_template(db, view.id, steps=steps)
    assert [(s.name, s.supplier_name, s.days_away) for s in edited.steps] == [
        ("Cut bars", "", None), ("Powder coat", "Acme Powder Coating", 2)]

    # but no new work goes to it: applying names the step and adds nothing
    other = _new_job(db, shop, today)
    with pytest.raises(ValidationError) as info:
        routing.apply_template(db, other.id, view.id)
    assert (info.value.field, info.value.message) == (
        "template", "Step 2 (Powder coat): Acme Powder Coating is no longer a supplier in use.")
    assert routing.list_operations(db, other.id) == []
