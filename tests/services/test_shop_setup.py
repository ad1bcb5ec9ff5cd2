"""Settings, materials, workstations and operators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.money import format_money, round_money, to_minor
from workshop.services import jobs, materials, settings, workstations


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def test_settings_validate_and_drive_numbering(db, shop, today):
    s = settings.update_settings(db, company_name="Łódź Stolarnia", currency="pln", job_prefix="zl",
                                 default_tax_rate="23", page_size="Letter", locale="pl_PL")
    assert (s.currency, s.job_prefix, s.default_tax_rate, s.page_size) == ("PLN", "ZL", Decimal("23.00"), "Letter")
    job = jobs.create_job(db, customer_id=shop.customer.id, title="Stół", due_date=today)
    assert job.number == f"ZL-{today.year}-0001"
    for values, field in [(dict(currency="XYZ"), "currency"), (dict(currency="pounds"), "currency"),
                          (dict(default_tax_rate="101"), "default_tax_rate"), (dict(job_prefix="J/1"), "job_prefix"),
                          (dict(job_prefix="Ż"), "job_prefix"), (dict(page_size="A3"), "page_size"),
                          (dict(company_name=""), "company_name"), (dict(locale="xx_QQ"), "locale")]:
        assert _error(settings.update_settings, db, **values).field == field
    assert settings.get_settings(db).company_name == "Łódź Stolarnia"


def test_logo_must_be_an_image(db):
    assert _error(settings.set_logo, db, "logo.exe", b"MZ").field == "logo"
    assert settings.set_logo(db, "logo.png", b"\x89PNG...").has_logo
    assert settings.logo_bytes(db) == b"\x89PNG..."
    assert not settings.set_logo(db, "", None).has_logo


def test_materials(db, shop):
    assert _error(materials.create_material, db, code="oak-25", name="Dup").field == "code"
    assert _error(materials.create_material, db, code="X", name="X", unit_cost="abc").field == "unit_cost"
    assert _error(materials.create_material, db, code="X", name="X", stock_on_hand="-1").field == "stock_on_hand"
    m = materials.update_material(db, shop.oil.id, stock_on_hand="1.5")
    assert m.below_reorder and m.stock_on_hand == Decimal("1.5")
    assert [x.code for x in materials.list_materials(db, "oil")] == ["OIL-HW"]
    assert materials.material_by_code(db, "hng-35").id == shop.hinge.id


def test_workstations_and_operators(db, shop):
    assert _error(workstations.create_workstation, db, code="saw", name="Dup").field == "code"
    assert _error(workstations.create_workstation, db, code="X", name="X", machine_rate="-2").field == "machine_rate"
    assert _error(workstations.create_workstation, db, code="X", name="X",
                  overhead_basis="per_moon").field == "overhead_basis"
    assert _error(workstations.create_workstation, db, code="X", name="X",
                  capacity_hours_per_day="25").field == "capacity_hours_per_day"
    assert _error(workstations.create_operator, db, name="", hourly_rate="20").field == "name"
    assert _error(workstations.create_operator, db, name="Bo", workstation_ids=[999]).field == "workstation_ids"
    op = workstations.update_operator(db, shop.tom.id, workstation_ids=[shop.saw.id, shop.bench.id])
    assert set(op.workstation_codes) == {"SAW", "BENCH"}
    assert [o.name for o in workstations.list_operators(db, workstation_id=shop.saw.id)] == ["Anna Kowalska",
                                                                                           "Tom Reed"]
    workstations.update_operator(db, shop.tom.id, active=False)
    assert [o.name for o in workstations.list_operators(db)] == ["Anna Kowalska"]


def test_money_rounding_rule_and_formatting():
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("-0.005")) == Decimal("-0.01")
    assert round_money(Decimal("2.675")) == Decimal("2.68")  # exact decimal, not float's 2.67
    assert to_minor(Decimal("1234.565")) == 123457
    assert format_money(Decimal("1234.5"), "GBP", "en_GB") == "£1,234.50"
    assert format_money(Decimal("1234.5"), "PLN", "pl_PL").replace("\xa0", " ") == "1 234,50 zł"


def test_dates_from_text(db):
    from workshop.domain.validation import date

    assert date("d", "2026-12-31") == dt.date(2026, 12, 31)
    # a British shop writes day/month/year (issue 9): 31/12/2026 is read, 12/31/2026 refused
    assert date("d", "31/12/2026") == dt.date(2026, 12, 31)
    with pytest.raises(ValidationError):
        date("d", "12/31/2026")
