"""Issue 9, items 1, 9 and 10: what a person types is read in the shop's locale, by every kind of
field (money, quantity, percentage or rate, minutes, date), and the database holds the figure meant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import bom, booking_views, bookings, jobs, materials, quotes, routing, settings, workstations

LOCALES = ("en_GB", "en_US", "de_DE", "fr_FR", "pl_PL")

#: One figure of each kind, as a person in each shop writes it. fr_FR and pl_PL group with a
#: (narrow) no-break space; a plain space is what a keyboard types, so that is what is used here.
TYPED = {
    "en_GB": dict(money="1,234.56", quantity="2.125", percent="17.5", minutes="1.5h", small="12.50"),
    "en_US": dict(money="1,234.56", quantity="2.125", percent="17.5", minutes="1.5h", small="12.50"),
    "de_DE": dict(money="1.234,56", quantity="2,125", percent="17,5", minutes="1,5h", small="12,50"),
    "fr_FR": dict(money="1 234,56", quantity="2,125", percent="17,5", minutes="1,5h", small="12,50"),
    "pl_PL": dict(money="1 234,56", quantity="2,125", percent="17,5", minutes="1,5h", small="12,50"),
}
#: The figures meant, the same in every locale: 1234.56 (money), 2.125 (quantity, thousandths),
#: 17.5 (%), 1.5 h = 1.5 × 60 = 90 minutes, 12.50 (money).
MONEY, QUANTITY, PERCENT, MINUTES, SMALL = D("1234.56"), D("2.125"), D("17.5"), D("90"), D("12.50")


@pytest.fixture(params=LOCALES)
def locale(request, db, shop):
    settings.update_settings(db, locale=request.param)
    return request.param


@pytest.fixture
def live(db, shop):
    op = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, setup_minutes=15,
                               run_minutes=20)
    jobs.change_status(db, shop.job.id, "release")
    return op


def test_money_fields(db, shop, live, locale):
    typed = TYPED[locale]
    materials.update_material(db, shop.oak.id, unit_cost=typed["money"])
    assert materials.get_material(db, shop.oak.id).unit_cost == MONEY
    jobs.update_job(db, shop.job.id, budget=typed["money"])
    assert jobs.get_job(db, shop.job.id).budget == MONEY
    workstations.update_workstation(db, shop.bench.id, labour_rate=typed["small"])
    assert next(w for w in workstations.list_workstations(db) if w.id == shop.bench.id).labour_rate == SMALL
    bookings.add_other_cost(db, shop.job.id, category="subcontract", description="Powder coat", amount=typed["small"])
    assert [c.amount for c in booking_views.list_other_costs(db, shop.job.id)] == [SMALL]


def test_quantity_fields(db, shop, live, locale):
    typed = TYPED[locale]
    item = bom.add_line(db, shop.job.id, material_id=shop.oak.id, quantity=typed["quantity"])
    assert next(i for i in bom.get_bom(db, shop.job.id).nodes if i.id == item).quantity == QUANTITY
    bookings.issue_material(db, shop.job.id, material_id=shop.oak.id, quantity=typed["quantity"])
    assert [i.quantity for i in booking_views.list_material_issues(db, shop.job.id)] == [QUANTITY]
    # stock was 40 m2: 40 − 2.125 = 37.875
    assert materials.get_material(db, shop.oak.id).stock_on_hand == D("37.875")


def test_percentage_and_rate_fields(db, shop, locale):
    typed = TYPED[locale]
    settings.update_settings(db, default_tax_rate=typed["percent"])
    assert settings.get_settings(db).default_tax_rate == PERCENT
    brief_id = _brief(db, shop)
    q = quotes.create_quote(db, brief_id, lines=[("labour", "Making", typed["money"])], markup_pct=typed["percent"])
    stored = quotes.get_quote(db, q.id)
    assert (stored.markup_pct, [ln.amount for ln in stored.lines]) == (PERCENT, [MONEY])


def test_minutes_fields(db, shop, live, locale):
    typed = TYPED[locale]
    op = routing.add_operation(db, shop.job.id, name="Sand", workstation_id=shop.bench.id,
                               setup_minutes=typed["minutes"], run_minutes="1h20")  # 60 + 20 = 80
    stored = next(o for o in routing.list_operations(db, shop.job.id) if o.id == op)
    assert (stored.setup_minutes, stored.run_minutes) == (MINUTES, D(80))
    bookings.log_time(db, live, shop.anna.id, minutes="1:20")  # 1 × 60 + 20 = 80
    bookings.log_time(db, live, shop.anna.id, minutes=typed["minutes"])
    assert [log.labour_minutes for log in booking_views.list_time_logs(db, shop.job.id)] == [D(80), MINUTES]


def test_typed_dates(db, shop, locale, today):
    due = today + dt.timedelta(days=60)
    short = {"en_US": f"{due.month}/{due.day}/{due.year % 100}", "de_DE": f"{due.day}.{due.month}.{due.year}",
             "pl_PL": f"{due.day}.{due.month:02d}.{due.year}"}.get(locale, f"{due.day}/{due.month}/{due.year % 100}")
    jobs.update_job(db, shop.job.id, due_date=short)
    assert jobs.get_job(db, shop.job.id).due_date == due
    jobs.update_job(db, shop.job.id, due_date=(due + dt.timedelta(days=1)).isoformat())
    assert jobs.get_job(db, shop.job.id).due_date == due + dt.timedelta(days=1)


@pytest.mark.parametrize("shop_locale", ["de_DE", "fr_FR", "pl_PL"])
def test_twelve_fifty_is_twelve_and_a_half_in_a_comma_shop(db, shop, shop_locale):
    settings.update_settings(db, locale=shop_locale)
    materials.update_material(db, shop.hinge.id, unit_cost="12,50")
    assert materials.get_material(db, shop.hinge.id).unit_cost == D("12.50")  # never 1250.00


@pytest.mark.parametrize("shop_locale", ["en_GB", "en_US"])
def test_twelve_comma_fifty_is_refused_in_a_point_shop_and_nothing_saved(db, shop, shop_locale):
    settings.update_settings(db, locale=shop_locale)
    with pytest.raises(ValidationError) as info:
        materials.update_material(db, shop.hinge.id, unit_cost="12,50")
    assert (info.value.field, info.value.message) == (
        "unit_cost", "Unit cost: “12,50” is not a number in this shop's format; write 12.50.")
    assert materials.get_material(db, shop.hinge.id).unit_cost == D("4.20")


def test_a_leading_currency_sign_is_accepted(db, shop):
    jobs.update_job(db, shop.job.id, budget="£3,200")
    assert jobs.get_job(db, shop.job.id).budget == D("3200.00")
    settings.update_settings(db, locale="de_DE")
    jobs.update_job(db, shop.job.id, budget="3.200,50 €")
    assert jobs.get_job(db, shop.job.id).budget == D("3200.50")


def _brief(db, shop) -> int:
    from workshop.services import briefs

    return briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table").id
