"""Invoice numbers have no gaps and no duplicates: a failed issue gives its number back, and two
processes issuing at once on one database get unique, consecutive numbers."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select

from support.invoicing import MARCH_10, delivered, error, manual_draft, with_billing_address
from workshop.db.engine import open_database
from workshop.db.models import Invoice, NumberSequence
from workshop.services import invoice_views, invoices, jobs

PER_PROCESS = 4


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


def _numbers(db) -> list[str | None]:
    with db.reader() as s:
        return s.scalars(select(Invoice.number).order_by(Invoice.id)).all()


def test_an_error_while_issuing_gives_the_number_back(db, billed, monkeypatch):
    failing, other = manual_draft(db, billed), manual_draft(db, billed)

    def broken_totals(*args, **kwargs):  # runs after the number is taken, inside the same transaction
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as patch:
        patch.setattr(invoices, "invoice_totals", broken_totals)
        with pytest.raises(RuntimeError):
            invoices.issue(db, failing.id, issue_date=MARCH_10)
    assert invoice_views.get_invoice(db, failing.id).status == "draft"
    with db.reader() as s:
        assert s.scalar(select(NumberSequence.last_value).where(NumberSequence.prefix == "INV")) is None

    assert invoices.issue(db, other.id, issue_date=MARCH_10).number == "INV-2026-0001"  # the one it would have had
    assert invoices.issue(db, failing.id, issue_date=MARCH_10).number == "INV-2026-0002"
    assert _numbers(db) == ["INV-2026-0002", "INV-2026-0001"]


def test_a_job_that_refuses_to_follow_gives_the_number_back(db, billed, monkeypatch):
    """The last step of issuing a final invoice moves the job; if that fails, nothing is kept."""
    delivered(db, billed.job.id)
    final = invoices.create_draft(db, kind="final", job_id=billed.job.id, lines=[
        dict(description="Oak dresser", quantity="1", unit_price="1000.00")])

    def refuse(*args, **kwargs):
        raise RuntimeError("lost the job")

    with monkeypatch.context() as patch:
        patch.setattr(jobs, "change_status_in_session", refuse)
        with pytest.raises(RuntimeError):
            invoices.issue(db, final.id, issue_date=MARCH_10)
    assert _numbers(db) == [None] and jobs.get_job(db, billed.job.id).status == "delivered"
    assert invoices.issue(db, final.id, issue_date=MARCH_10).number == "INV-2026-0001"
    assert jobs.get_job(db, billed.job.id).status == "invoiced"


def test_a_refused_issue_takes_no_number(db, billed):
    empty = manual_draft(db, billed, lines=[])
    assert error(invoices.issue, db, empty.id).field == "lines"
    assert invoices.issue(db, manual_draft(db, billed).id, issue_date=MARCH_10).number == "INV-2026-0001"


def _issue_all(url: str, invoice_ids: list[int], start, results) -> None:
    """One process: open the shop, wait for the other, issue its drafts one by one."""
    database = open_database(url)
    try:
        start.wait(timeout=30)
        for invoice_id in invoice_ids:
            results.put((invoice_id, invoices.issue(database, invoice_id, issue_date=MARCH_10).number))
    finally:
        database.close()


def test_two_processes_issuing_at_once_get_unique_consecutive_numbers(db, billed):
    drafts = [manual_draft(db, billed).id for _ in range(2 * PER_PROCESS)]
    url = db.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each: nothing shared but the file
    start, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_issue_all, args=(url, ids, start, results))
               for ids in (drafts[:PER_PROCESS], drafts[PER_PROCESS:])]
    for worker in workers:
        worker.start()
    issued = dict(results.get(timeout=60) for _ in drafts)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    expected = [f"INV-2026-{n:04d}" for n in range(1, 2 * PER_PROCESS + 1)]
    assert sorted(issued.values()) == expected
    assert sorted(n for n in _numbers(db)) == expected  # what the database holds agrees
