"""Property-based test (hypothesis) of invoice numbering, through the service and the database:
under any sequence of making drafts, issuing them, deleting drafts, issuing a draft that is
refused after its number was taken (a customer with no billing address) and issuing credit notes,
the issued numbers run INV-2026-0001, 0002 … and CN-2026-0001 … without a gap or a repeat, in the
order issued, and a draft never holds a number."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.db.engine import open_database
from workshop.db.models import Invoice
from workshop.domain.errors import ValidationError
from workshop.services import customers, invoices
from workshop.services import settings as shop_settings

MARCH_10 = dt.date(2026, 3, 10)
LINE = [dict(description="Oak table", quantity="1", unit_price="100.00")]
_COUNT = itertools.count()

steps = st.lists(st.tuples(st.sampled_from(["draft", "draft_unbillable", "issue", "delete", "credit"]),
                           st.integers(0, 5)), min_size=1, max_size=20)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_numbers_have_no_gaps_and_no_repeats_whatever_is_issued_deleted_or_refused(
        migrated_template, tmp_path_factory, steps):
    path = tmp_path_factory.mktemp(f"numbers{next(_COUNT)}") / "shop.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    try:
        shop_settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
        billable = customers.create_customer(db, name="Harrow & Finch", address="12 High Street\nYork YO1 7HF",
                                             country="GB", tax_number="GB987654321").id
        unbillable = customers.create_customer(db, name="No Address Ltd").id
        drafts: list[int] = []
        issued: list[tuple[int, str]] = []  # (id, number) in the order issued
        for step, pick in steps:
            if step in ("draft", "draft_unbillable"):
                customer = billable if step == "draft" else unbillable
                drafts.append(invoices.create_draft(db, kind="manual", customer_id=customer, lines=LINE).id)
            elif step == "issue" and drafts:
                draft = drafts[pick % len(drafts)]
                try:
                    done = invoices.issue(db, draft, issue_date=MARCH_10)
                except ValidationError:
                    continue  # refused (no billing address): it stays a draft, its number given back
                drafts.remove(draft)
                issued.append((done.id, done.number))
            elif step == "delete" and drafts:
                invoices.delete_draft(db, drafts.pop(pick % len(drafts)))
            elif step == "credit":
                originals = [i for i, number in issued if number.startswith("INV-")]
                if originals:
                    try:
                        note = invoices.credit_note(db, originals[pick % len(originals)])
                    except ValidationError:
                        continue  # already fully credited
                    try:
                        done = invoices.issue(db, note.id, issue_date=MARCH_10)
                    except ValidationError:
                        drafts.append(note.id)
                        continue
                    issued.append((done.id, done.number))
        for prefix in ("INV", "CN"):
            numbers = [number for _, number in issued if number.startswith(prefix + "-")]
            assert numbers == [f"{prefix}-2026-{n:04d}" for n in range(1, len(numbers) + 1)]
        with db.reader() as s:
            stored = dict(s.execute(select(Invoice.id, Invoice.number)).all())
        assert {i: stored[i] for i, _ in issued} == dict(issued)
        assert all(stored[d] is None for d in drafts)  # a draft holds no number
        assert len(stored) == len(issued) + len(drafts)  # deleted drafts are gone, nothing else is
    finally:
        db.close()
