"""Bad money (issue 12, item 5): ``12,50``, ``1.234,56``, ``1e3``, ``NaN``, ``inf``, ``-0``, ``0.005``
typed in each shop locale. Each is read exactly or refused with a message naming the field and,
where the person plainly meant a figure, the way to write it in this shop."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from workshop.db.models import Material
from workshop.domain import validation as v
from workshop.domain.errors import ValidationError
from workshop.services import materials, settings

NBSP, NNBSP = "\u00a0", "\u202f"
NOT_FORMAT = "Price: “{typed}” is not a number in this shop's format; write {form}."
NOT_NUMBER = "Price must be a number, not “{typed}”."
TWO_PLACES = "Price allows at most 2 decimal places."

# locale -> {typed: Decimal read, or the exact message}
EXPECTED = {
    "en_GB": {"12,50": NOT_FORMAT.format(typed="12,50", form="12.50"),
              "1.234,56": NOT_FORMAT.format(typed="1.234,56", form="1,234.56"),
              "1e3": NOT_FORMAT.format(typed="1e3", form="1,000"),
              "0.005": TWO_PLACES},
    "en_US": {"12,50": NOT_FORMAT.format(typed="12,50", form="12.50"),
              "1.234,56": NOT_FORMAT.format(typed="1.234,56", form="1,234.56"),
              "1e3": NOT_FORMAT.format(typed="1e3", form="1,000"),
              "0.005": TWO_PLACES},
    "de_DE": {"12,50": D("12.50"), "1.234,56": D("1234.56"),
              "1e3": NOT_FORMAT.format(typed="1e3", form="1.000"),
              "0.005": NOT_FORMAT.format(typed="0.005", form="0,005")},  # was "write 5"
    "fr_FR": {"12,50": D("12.50"), "1.234,56": NOT_FORMAT.format(typed="1.234,56", form=f"1{NNBSP}234,56"),
              "1e3": NOT_FORMAT.format(typed="1e3", form=f"1{NNBSP}000"), "0.005": TWO_PLACES},
    "pl_PL": {"12,50": D("12.50"), "1.234,56": NOT_FORMAT.format(typed="1.234,56", form=f"1{NBSP}234,56"),
              "1e3": NOT_FORMAT.format(typed="1e3", form=f"1{NBSP}000"), "0.005": TWO_PLACES},
}
for _table in EXPECTED.values():  # the same everywhere
    _table.update({"NaN": NOT_NUMBER.format(typed="NaN"), "inf": NOT_NUMBER.format(typed="inf"),
                   "-inf": NOT_NUMBER.format(typed="-inf"), "Infinity": NOT_NUMBER.format(typed="Infinity"),
                   "-0": D("0.00"), "1e999999": NOT_NUMBER.format(typed="1e999999")})
CASES = [(locale, typed, want) for locale, table in EXPECTED.items() for typed, want in table.items()]


@pytest.mark.parametrize("locale, typed, want", CASES)
def test_money_typed_in_each_locale_is_read_exactly_or_refused_clearly(locale, typed, want):
    if isinstance(want, D):
        got = v.money("price", typed, locale=locale)
        assert got == want and str(got) == str(want)  # -0 comes back as 0.00, never -0.00
    else:
        with pytest.raises(ValidationError) as refused:
            v.money("price", typed, locale=locale)
        assert (refused.value.field, refused.value.message) == ("price", want)


@pytest.mark.parametrize("given", [float("nan"), float("inf"), D("NaN"), D("-Infinity"), D("sNaN")])
def test_money_given_as_a_number_that_is_not_finite_is_refused(given):
    with pytest.raises(ValidationError) as refused:
        v.money("price", given)
    assert refused.value.message == "Price must be a number."


@pytest.mark.parametrize("locale", sorted(EXPECTED))
def test_a_material_costed_in_bad_money_saves_nothing_and_good_money_exactly(db, locale):
    settings.update_settings(db, locale=locale)
    for number, (typed, want) in enumerate(EXPECTED[locale].items()):
        code = f"M{number}"
        if isinstance(want, D):
            made = materials.create_material(db, code=code, name="Walnut", unit="m2", unit_cost=typed)
            assert made.unit_cost == want
        else:
            with pytest.raises(ValidationError) as refused:
                materials.create_material(db, code=code, name="Walnut", unit="m2", unit_cost=typed)
            assert refused.value.field == "unit_cost"
            assert refused.value.message == want.replace("Price", "Unit cost")
    with db.reader() as s:
        saved = sorted(s.scalars(select(Material.unit_cost)).all())
    assert saved == sorted(w for w in EXPECTED[locale].values() if isinstance(w, D))
