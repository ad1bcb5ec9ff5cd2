"""When an edited record was saved (issue 18): the second person to save is told who saved it since
and when, for every record people edit (jobs, briefs, quotes, customers, operations, invoice drafts).
Tom's PC keeps its own clock (a fixed moment) so the time the conflict names is known by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from support.invoicing import FOUR_LINES, manual_draft
from workshop.domain.errors import EditConflict
from workshop.services import briefs, customers, invoices, jobs, quotes, routing

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"
TOMS_SAVE = dt.datetime(2026, 12, 2, 8, 41, 5, tzinfo=dt.UTC)


@pytest.fixture
def pcs(db):
    return dataclasses.replace(db, author=ANNA), dataclasses.replace(db, author=TOM, clock=lambda: TOMS_SAVE)


def _brief(db, shop, today):
    return briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk", requirements="A desk",
                               required_by=today + dt.timedelta(days=40))


def _job(db, shop, today):
    return jobs.get_job(db, shop.job.id)


def _customer(db, shop, today):
    return customers.get_customer(db, shop.customer.id)


def _quote(db, shop, today):
    return quotes.create_quote(db, _brief(db, shop, today).id, lines=[("labour", "Making", "400.00")],
                               markup_pct="25")


def _operation(db, shop, today):
    op_id = routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id,
                                  setup_minutes="15")
    return routing.get_operation(db, op_id)


def _draft(db, shop, today):
    return manual_draft(db, shop)


#: (make the record, save a change to it as a PC from the version shown)
KINDS = {
    "job": (_job, lambda pc, r, v: jobs.update_job(pc, r.id, expected_version=v, title="Oak dresser, oiled")),
    "brief": (_brief, lambda pc, r, v: briefs.update_brief(pc, r.id, expected_version=v, title="Walnut desk, 2")),
    "customer": (_customer, lambda pc, r, v: customers.update_customer(pc, r.id, expected_version=v,
                                                                       phone="0113 496 0000")),
    "quote": (_quote, lambda pc, r, v: quotes.update_quote(pc, r.id, expected_version=v, design_fee="50")),
    "operation": (_operation, lambda pc, r, v: routing.update_operation(pc, r.id, expected_version=v,
                                                                        setup_minutes="25")),
    "invoice draft": (_draft, lambda pc, r, v: invoices.update_draft(pc, r.id, expected_version=v,
                                                                     notes="Deliver on Friday")),
    # its lines alone: rows of their own, the draft's row saved with them (services.edits.rows_of_it_changed)
    "invoice draft's lines": (_draft, lambda pc, r, v: invoices.update_draft(
        pc, r.id, expected_version=v, lines=[dict(line, description="Oak bench, oiled") if i == 0 else dict(line)
                                             for i, line in enumerate(FOUR_LINES)])),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_conflict_says_when_the_other_person_saved(db, shop, today, pcs, kind):
    anna, tom = pcs
    make, save = KINDS[kind]
    record = make(db, shop, today)
    save(tom, record, record.version)
    with pytest.raises(EditConflict) as refused:
        save(anna, record, record.version)
    assert (refused.value.changed_by, refused.value.changed_at) == (TOM, TOMS_SAVE)
    assert (refused.value.current.updated_by, refused.value.current.saved_at) == (TOM, TOMS_SAVE)

