"""Customers' billing and delivery addresses and a job's site address: what the database holds
after each service call, and what is refused (with nothing saved)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from workshop.db.models import Customer, CustomerAddress, Job
from workshop.domain.addresses import address_lines, country_name
from workshop.domain.errors import ValidationError
from workshop.services import customers, settings, site_address

POLISH = "J&C <b>Ltd</b>"
LODZ = "ul. Piotrkowska 104\n90-926 Łódź"


def _stored(db, customer_id):
    with db.reader() as s:
        c = s.get(Customer, customer_id)
        return (c.address, c.country, c.tax_number,
                [(a.label, a.address, a.country) for a in c.delivery_addresses])


def test_a_customer_keeps_billing_country_tax_number_and_delivery_addresses(db):
    c = customers.create_customer(db, name=POLISH, contact_person="Zofia Żółć", email="zofia@jc.example",
                                  address=LODZ, country="pl", tax_number="PL 725-18-01-126",
                                  delivery_addresses=[dict(label="Workshop", address="ul. Wólczańska 5\n90-001 Łódź",
                                                           country="PL"),
                                                      dict(label="", address="12 Mill Lane\nYork YO1 7HH",
                                                           country="GB")])
    assert _stored(db, c.id) == (LODZ, "PL", "PL 725-18-01-126",
                                 [("Workshop", "ul. Wólczańska 5\n90-001 Łódź", "PL"),
                                  ("", "12 Mill Lane\nYork YO1 7HH", "GB")])
    assert c.country == "PL" and [a.label for a in c.delivery_addresses] == ["Workshop", ""]


def test_a_new_customer_is_in_the_shops_country_unless_told(db):
    c = customers.create_customer(db, name="Local joinery", address="1 High Street\nLeeds LS1 1AA")
    assert _stored(db, c.id)[1] == "GB"  # the demo shop's locale is en_GB
    settings.update_settings(db, locale="pl_PL")
    assert customers.create_customer(db, name="Kowalski").country == "PL"
    assert customers.create_customer(db, name="Nowhere", country="").country == ""


def test_saving_the_delivery_list_replaces_it_keeping_the_rows_kept(db):
    c = customers.create_customer(db, name="Harrow", delivery_addresses=[
        dict(label="Site A", address="1 Oak Road"), dict(label="Site B", address="2 Elm Road")])
    site_a, site_b = c.delivery_addresses
    edited = customers.update_customer(db, c.id, delivery_addresses=[
        dict(id=site_b.id, label="Site B (new gate)", address="2 Elm Road, rear", country="IE"),
        dict(label="Site C", address="3 Ash Road")])
    assert [(a.label, a.address, a.country) for a in edited.delivery_addresses] == [
        ("Site B (new gate)", "2 Elm Road, rear", "IE"), ("Site C", "3 Ash Road", "")]
    assert edited.delivery_addresses[0].id == site_b.id  # the same row, edited
    with db.reader() as s:
        assert s.get(CustomerAddress, site_a.id) is None  # removed from the list: gone
    # Changing other fields leaves the list alone.
    assert customers.update_customer(db, c.id, phone="0113 496 0000").delivery_addresses == edited.delivery_addresses


@pytest.mark.parametrize("values, field, message", [
    (dict(country="Poland"), "country", "“Poland” is not a country code"),
    (dict(country="EU"), "country", "“EU” is not a country code"),
    (dict(delivery_addresses=[dict(label="Site", address="1 Oak Road"), dict(label="Barn", address="  ")]),
     "delivery_addresses", "Delivery address 2 (Barn) has no address"),
    (dict(delivery_addresses=[dict(address="1 Oak Road", country="XY")]), "delivery_addresses",
     "“XY” is not a country code"),
    (dict(email="zofia at jc"), "email", "is not an email address"),
])
def test_bad_details_are_refused_naming_the_field_and_nothing_is_saved(db, values, field, message):
    with pytest.raises(ValidationError, match=re.escape(message)) as caught:
        customers.create_customer(db, name="Refused Ltd", **values)
    assert caught.value.field == field
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0
        assert s.scalar(select(func.count()).select_from(CustomerAddress)) == 0


def test_a_refused_edit_changes_nothing(db):
    c = customers.create_customer(db, name="Harrow", address="1 Oak Road", delivery_addresses=[
        dict(label="Site", address="2 Elm Road")])
    with pytest.raises(ValidationError):
        customers.update_customer(db, c.id, address="3 Ash Road", country="Narnia", delivery_addresses=[])
    assert _stored(db, c.id) == ("1 Oak Road", "GB", "", [("Site", "2 Elm Road", "")])


def test_printable_billing_lines_name_the_country_only_when_abroad(db):
    abroad = customers.create_customer(db, name=POLISH, address=LODZ + "\n\n", country="PL",
                                       contact_person="Zofia", tax_number="PL725")
    home = customers.create_customer(db, name="Leeds Ltd", address="1 High Street\nLeeds LS1 1AA", country="GB")
    printed = customers.billing_address(db, abroad.id)
    assert printed.name == POLISH and printed.contact == "Zofia" and printed.tax_number == "PL725"
    assert printed.lines == ("ul. Piotrkowska 104", "90-926 Łódź", "Poland")  # blank lines dropped
    assert customers.billing_address(db, home.id).lines == ("1 High Street", "Leeds LS1 1AA")
    # The domain rule itself: names in the shop's language; no address, no country line.
    assert address_lines("Hauptstraße 1\n10115 Berlin", "DE", home="PL", locale="pl_PL")[-1] == "Niemcy"
    assert address_lines("", "DE", home="GB") == ()
    assert country_name("IE") == "Ireland"


def test_a_jobs_site_address_is_chosen_or_typed_and_the_billing_address_applies_otherwise(db, shop):
    c = customers.update_customer(db, shop.customer.id, address="5 Yard Lane\nHarrow HA1 1AA", delivery_addresses=[
        dict(label="Client's flat", address="Flat 3, 8 Quay St\nDublin D02", country="IE")])
    job = shop.job
    view = site_address.get_site_address(db, job.id)
    assert view.address == "" and view.choices == c.delivery_addresses
    assert site_address.job_addresses(db, job.id).delivery.lines == ("5 Yard Lane", "Harrow HA1 1AA")

    chosen = c.delivery_addresses[0]
    site_address.set_site_address(db, job.id, chosen.address, chosen.country)
    with db.reader() as s:
        j = s.get(Job, job.id)
        assert (j.site_address, j.site_country) == ("Flat 3, 8 Quay St\nDublin D02", "IE")
    both = site_address.job_addresses(db, job.id)
    assert both.delivery.lines == ("Flat 3, 8 Quay St", "Dublin D02", "Ireland")
    assert both.billing.lines == ("5 Yard Lane", "Harrow HA1 1AA")

    # The job keeps its copy when the customer's list changes.
    customers.update_customer(db, c.id, delivery_addresses=[])
    assert site_address.get_site_address(db, job.id).address == "Flat 3, 8 Quay St\nDublin D02"

    with pytest.raises(ValidationError, match="not a country code") as caught:
        site_address.set_site_address(db, job.id, "Somewhere", "Erewhon")
    assert caught.value.field == "site_country"
    site_address.set_site_address(db, job.id, "  ", "IE")  # cleared: a country alone is no address
    with db.reader() as s:
        j = s.get(Job, job.id)
        assert (j.site_address, j.site_country) == ("", "")
