"""Suppliers and the suppliers a material is bought from."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import settings, suppliers
from workshop.services.suppliers import MaterialSupplierInput


def test_a_supplier_keeps_what_was_typed_literally(db):
    made = suppliers.create_supplier(db, name="  J&C <b>Ltd</b> ", contact="Łukasz Wróbel",
                                     address="ul. Piotrkowska 12\nŁódź", email="zamowienia@jc.example",
                                     lead_time_days="5")
    got = suppliers.get_supplier(db, made.id)
    assert (got.name, got.contact, got.address) == ("J&C <b>Ltd</b>", "Łukasz Wróbel", "ul. Piotrkowska 12\nŁódź")
    assert (got.email, got.lead_time_days, got.active) == ("zamowienia@jc.example", 5, True)


@pytest.mark.parametrize("values, field, words", [
    (dict(name="  "), "name", "Name is required."),
    (dict(name="Acme", email="orders at acme"), "email", "“orders at acme” is not an email address."),
    (dict(name="Acme", lead_time_days="-3"), "lead_time_days", "not “-3”"),
    (dict(name="Acme", lead_time_days="2.5"), "lead_time_days", "whole number of days"),
])
def test_bad_supplier_input_is_refused_naming_the_field(db, values, field, words):
    with pytest.raises(ValidationError) as info:
        suppliers.create_supplier(db, **values)
    assert info.value.field == field and words in info.value.message
    assert suppliers.list_suppliers(db, include_inactive=True) == []


def test_two_suppliers_cannot_share_a_name(db):
    suppliers.create_supplier(db, name="Hardwood Direct")
    with pytest.raises(ValidationError, match="already called"):
        suppliers.create_supplier(db, name="hardwood direct")


def test_search_as_you_type_and_inactive_suppliers(db):
    a = suppliers.create_supplier(db, name="Hardwood Direct", contact="Tom Reilly", email="tom@hd.example")
    b = suppliers.create_supplier(db, name="Brassline", contact="Dave Moss")
    assert [x.name for x in suppliers.list_suppliers(db)] == ["Brassline", "Hardwood Direct"]
    assert [x.id for x in suppliers.list_suppliers(db, "reil")] == [a.id]  # the contact
    assert [x.id for x in suppliers.list_suppliers(db, "HD.EX")] == [a.id]  # the email, any case
    suppliers.update_supplier(db, b.id, active=False)
    assert [x.id for x in suppliers.list_suppliers(db)] == [a.id]
    assert {x.id for x in suppliers.list_suppliers(db, include_inactive=True)} == {a.id, b.id}


def test_a_materials_suppliers_in_order_the_first_preferred(db, shop):
    hd = suppliers.create_supplier(db, name="Hardwood Direct", lead_time_days=5)
    tl = suppliers.create_supplier(db, name="Timberline", lead_time_days=10)
    got = suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(tl.id, "TL-OAK", "91.40"),
                                                             MaterialSupplierInput(hd.id, "HD-O25", "84.10")])
    assert [(x.supplier_name, x.position, x.supplier_code, x.price, x.lead_time_days) for x in got] == [
        ("Timberline", 0, "TL-OAK", D("91.40"), 10), ("Hardwood Direct", 1, "HD-O25", D("84.10"), 5)]
    # reordered, one dropped: Hardwood Direct is now preferred, Timberline gone
    suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(hd.id, "HD-O25", "85.00")])
    assert [(x.supplier_name, x.position, x.price) for x in suppliers.material_suppliers(db, shop.oak.id)] == [
        ("Hardwood Direct", 0, D("85.00"))]


def test_material_supplier_errors_name_the_entry_and_save_nothing(db, shop):
    hd = suppliers.create_supplier(db, name="Hardwood Direct")
    with pytest.raises(ValidationError) as info:
        suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(hd.id, "A", "1"),
                                                           MaterialSupplierInput(hd.id, "B", "2")])
    assert info.value.message == "Supplier 2: Hardwood Direct is in the list twice."
    with pytest.raises(ValidationError) as info:
        suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(hd.id, "A", "84,10")])
    assert info.value.field == "suppliers[0].price" and info.value.message.startswith("Supplier 1: Price:")
    assert suppliers.material_suppliers(db, shop.oak.id) == []


def test_a_price_is_read_in_the_shops_locale(db, shop):
    settings.update_settings(db, locale="de_DE")
    hd = suppliers.create_supplier(db, name="Holzhandel Süd")
    got = suppliers.set_material_suppliers(db, shop.oak.id, [MaterialSupplierInput(hd.id, "HS-1", "84,10")])
    assert got[0].price == D("84.10")
