"""Customers, briefs and attachments: rules and errors, checked in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain.errors import NotFoundError, ValidationError
from workshop.services import attachments, briefs, customers, jobs


def _error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def test_customer_text_is_kept_exactly(db):
    c = customers.create_customer(db, name="  J&C <b>Ltd</b> ", contact_person="Paweł Łódź",
                                  email="jo@jandc.example", address="ul. Piotrkowska 1\nŁódź")
    again = customers.get_customer(db, c.id)
    assert again.name == "J&C <b>Ltd</b>" and again.contact_person == "Paweł Łódź"
    assert [x.id for x in customers.list_customers(db, "łódź")] == [c.id]  # Unicode, case-insensitive
    assert [x.id for x in customers.list_customers(db, "<b>")] == [c.id]


@pytest.mark.parametrize("values, field, words", [
    (dict(name=""), "name", "required"),
    (dict(name="   "), "name", "required"),
    (dict(name="x" * 201), "name", "too long"),
    (dict(name="Ann", email="not-an-email"), "email", "not an email"),
    (dict(name="Ann", colour="red"), "colour", "not a field"),
])
def test_bad_customer_input_names_the_field_and_saves_nothing(db, values, field, words):
    error = _error(customers.create_customer, db, **values)
    assert error.field == field and words in error.message
    assert customers.count_customers(db) == 0


def test_archiving_hides_a_customer_but_keeps_it(db):
    c = customers.create_customer(db, name="Old client")
    customers.update_customer(db, c.id, archived=True, notes="Moved away")
    assert customers.list_customers(db) == []
    assert customers.list_customers(db, include_archived=True)[0].archived


def test_a_pickers_choices_are_the_list_without_archived_customers(db):
    """A form's customer picker lists (id, name) in the customer list's order (by name, any case),
    not whole records (ten years of a shop hold 5,000 customers)."""
    made = [customers.create_customer(db, name=name) for name in ("oak & Co", "Ash Ltd", "Birch", "ash ltd")]
    customers.archive_customer(db, made[2].id)
    assert customers.customer_choices(db) == [(c.id, c.name) for c in customers.list_customers(db)] == [
        (made[1].id, "Ash Ltd"), (made[3].id, "ash ltd"), (made[0].id, "oak & Co")]


def test_brief_numbers_run_per_year_without_gaps(db, shop, today):
    first = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk")
    _error(briefs.create_brief, db, customer_id=9999, title="Ghost")  # fails: gives no number away
    second = briefs.create_brief(db, customer_id=shop.customer.id, title="Chair")
    assert first.number == f"B-{today.year}-0001"
    assert second.number == f"B-{today.year}-0002"


@pytest.mark.parametrize("values, field, words", [
    (dict(title=""), "title", "required"),
    (dict(title="Desk", budget="lots"), "budget", "must be a number"),
    (dict(title="Desk", budget="-5"), "budget", "negative"),
    (dict(title="Desk", budget="10.555"), "budget", "2 decimal places"),
    (dict(title="Desk", required_by="2001-01-01"), "required_by", "past"),
    (dict(title="Desk", required_by="next week"), "required_by", "a date like"),
    (dict(title="Desk", requirements="x" * 100_001), "requirements", "too long"),
])
def test_bad_brief_input(db, shop, values, field, words):
    error = _error(briefs.create_brief, db, customer_id=shop.customer.id, **values)
    assert error.field == field and words in error.message
    assert briefs.count_briefs(db) == 0


def test_brief_money_is_exact(db, shop):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk", budget="1,250.10")
    assert briefs.get_brief(db, b.id).budget == Decimal("1250.10")


def test_brief_status_moves_need_reasons_and_the_right_state(db, shop):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk")
    assert _error(briefs.set_brief_status, db, b.id, "lost").field == "reason"
    assert briefs.get_brief(db, b.id).status == "new"
    briefs.set_brief_status(db, b.id, "quoted")
    lost = briefs.set_brief_status(db, b.id, "lost", "Went elsewhere")
    assert (lost.status, lost.status_reason) == ("lost", "Went elsewhere")
    assert _error(briefs.set_brief_status, db, b.id, "won").field == "status"
    assert briefs.set_brief_status(db, b.id, "new").status == "new"  # reopened
    assert _error(briefs.set_brief_status, db, b.id, "shipped").field == "status"


def test_attachments_are_stored_once_by_content_and_capped(db, shop, monkeypatch):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk")
    one = attachments.add_to_brief(db, b.id, "plan.pdf", b"%PDF-1.4 drawing")
    two = attachments.add_to_brief(db, b.id, "plan copy.pdf", b"%PDF-1.4 drawing")
    assert one.sha256 == two.sha256 and one.is_pdf and two.file_name == "plan copy.pdf"
    from workshop.db.models import AttachmentBlob

    with db.reader() as s:
        assert s.query(AttachmentBlob).count() == 1
    assert attachments.attachment_data(db, one.id)[1] == b"%PDF-1.4 drawing"
    assert "empty" in _error(attachments.add_to_brief, db, b.id, "blank.png", b"").message
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    error = _error(attachments.add_to_brief, db, b.id, "big.jpg", b"x" * 11)
    assert error.field == "file" and "MB" in error.message
    assert len(briefs.get_brief(db, b.id).attachments) == 2


def test_convert_brief_to_job_carries_customer_spec_and_attachments(db, shop, today):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="1400 wide",
                            constraints="Up two flights of stairs", budget="2400")
    attachments.add_to_brief(db, b.id, "sketch.png", b"\x89PNG fake")
    job = jobs.convert_brief_to_job(db, b.id, quantity="2", due_date=today + dt.timedelta(days=30))
    assert job.customer_id == shop.customer.id and job.title == "Walnut desk" and job.quantity == 2
    assert "1400 wide" in job.specification and "Up two flights of stairs" in job.specification
    assert [a.file_name for a in job.attachments] == ["sketch.png"]
    assert job.budget == Decimal("2400.00") and job.brief_number == b.number and job.status == "planned"
    assert briefs.get_brief(db, b.id).status == "won"
    assert briefs.get_brief(db, b.id).job_numbers == (job.number,)
    # a won brief is not converted twice
    assert _error(jobs.convert_brief_to_job, db, b.id, quantity=1,
                  due_date=today + dt.timedelta(days=30)).field == "status"


def test_convert_with_bad_input_changes_nothing(db, shop, today):
    b = briefs.create_brief(db, customer_id=shop.customer.id, title="Desk")
    assert _error(jobs.convert_brief_to_job, db, b.id, quantity="-1", due_date=today).field == "quantity"
    assert _error(jobs.convert_brief_to_job, db, b.id, quantity="1",
                  due_date=today - dt.timedelta(days=1)).field == "due_date"
    assert briefs.get_brief(db, b.id).status == "new"
    assert jobs.count_jobs(db) == 1  # only the sample shop's job


def test_unknown_brief_is_not_found(db):
    with pytest.raises(NotFoundError):
        briefs.get_brief(db, 12345)
