"""One of the two writers of tests/services/test_two_writers.py: a process of its own, as a second
PC is, opening its own ``Database`` on the server's shop. Run as ``python -m support.two_writers
PLAN.json TERMINAL`` with ``tests`` on the path; it says "ready" on stdout, waits on the PostgreSQL
advisory lock the test holds (released once both are ready, so both start together), then, through
the services only, for each of ROUNDS rounds:

- drafts an invoice (a manual one for a customer, or a deposit on one of the jobs being clocked)
  and issues it;
- clocks each of its two operators on to an operation and off again a minute later (the shop's time
  given by the terminal: round ``i`` at 06:00 + 2i minutes), the other terminal's operators on the
  same operations at the same moments;
- every fifth round, puts the badge of Sam, the operator both terminals share, to an operation (at
  the shop's clock, the same for both) and clocks him off at once: the other terminal may have him
  on something, and then it is refused;
- every tenth round, creates a job and a purchase order.

Before the rounds, from the go, both issue the same drafts made beforehand (dated the year before),
in the same order: each is numbered once, and the terminal that comes second is told it is issued.

Its last line on stdout is JSON: what it made (invoice ids, clock-ons, Sam's refusals, the shared
drafts it issued and was refused) and how long the rounds took."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time

from sqlalchemy import text

from workshop.db.engine import open_database
from workshop.domain.errors import ValidationError
from workshop.domain.scan_codes import operation_code
from workshop.services import clocking, invoices, jobs, purchase_orders

ROUNDS = 250
#: Lines whose totals the test works out by hand (standard rate 20 %).
MANUAL_LINES = [
    dict(description="Walnut table top", quantity="1", unit_price="1234.56"),
    dict(description="Fitting", quantity="2.5", unit="h", unit_price="45.00"),
    dict(description="Delivery", quantity="1", unit_price="35.00", discount="5.00"),
    dict(description="Insulated door panel", quantity="1", unit_price="100.01", category="reduced", rate="5"),
]
DEPOSIT_LINES = [dict(description="Deposit", quantity="1", unit_price="400.00")]
ISSUED_ON = dt.date(2026, 3, 10)
SHARED_ISSUED_ON = dt.date(2025, 12, 31)  # the drafts both issue: numbered INV-2025-…
#: Where the shop's clock starts: 06:00 local on 2 March 2026 (the shop's day for both terminals).
DAY = dt.datetime(2026, 3, 2, 6, 0).astimezone()
START_LOCK = 18_002  # the advisory lock the test holds until both are ready


def shift(i: int) -> dt.datetime:
    """Round ``i``'s clock-on for the terminal's own operators: 06:00 + 2i minutes (a minute's work)."""
    return DAY + dt.timedelta(minutes=2 * i)


def main(plan_path: str, terminal: int) -> None:
    plan = json.loads(open(plan_path, encoding="utf-8").read())
    db = open_database(plan["url"])
    db.author = f"terminal {terminal}"
    started = plan["started"]
    # The terminal's clock, which Sam's scans (and today's date) go by: the shop's day from 16:00,
    # moving with this machine's clock (the same for both terminals) from the moment the test began.
    db.clock = lambda: (DAY + dt.timedelta(hours=10, seconds=time.time() - started)).astimezone(dt.UTC)
    own = plan["operators"][terminal]
    ops = plan["operations"]  # [job number, op number], the same list for both
    sam = plan["sam"]
    made = dict(invoices=[], clock_ons=[], sam_on=[], sam_refused=0, sam_busy=0, jobs=[], orders=[],
                shared_issued=[], shared_refused=[])
    with db.engine.connect() as conn:  # wait for the test's go, with the other terminal
        print("ready", flush=True)
        conn.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": START_LOCK})
        conn.execute(text("SELECT pg_advisory_unlock_shared(:k)"), {"k": START_LOCK})
        conn.rollback()
    begun, cpu = time.perf_counter(), time.process_time()
    for shared in plan["shared_drafts"]:  # both at once, from the go, in the same order
        try:
            made["shared_issued"].append(invoices.issue(db, shared, issue_date=SHARED_ISSUED_ON).number)
        except ValidationError as refused:
            made["shared_refused"].append(refused.message)
    for i in range(plan.get("rounds", ROUNDS)):
        if i % 2:
            draft = invoices.create_draft(db, kind="deposit", job_id=plan["jobs"][i % len(plan["jobs"])],
                                          lines=DEPOSIT_LINES)
        else:
            draft = invoices.create_draft(db, kind="manual", customer_id=plan["customers"][i % 2],
                                          lines=MANUAL_LINES)
        made["invoices"].append(invoices.issue(db, draft.id, issue_date=ISSUED_ON).id)
        for n, operator in enumerate(own):
            job_number, op_number = ops[(i + n) % len(ops)]
            on = clocking.scan(db, operation_code(job_number, op_number), operator, now=shift(i))
            assert on.kind == "clock_on", (on.kind, on.message)
            clocking.clock_off(db, on.clock_on.id, finished=False, now=shift(i) + dt.timedelta(minutes=1))
            made["clock_ons"].append(on.clock_on.id)
        if i % 5 == 0:
            job_number, op_number = ops[(i // 5 + terminal) % len(ops)]
            try:
                on = clocking.scan(db, operation_code(job_number, op_number), sam)
            except ValidationError:  # the other terminal has him on another operation
                made["sam_refused"] += 1
            else:
                if on.kind == "clock_on":
                    clocking.clock_off(db, on.clock_on.id, finished=False)
                    made["sam_on"].append(on.clock_on.id)
                else:  # on that very operation at the other terminal: "finished?" is theirs to answer
                    made["sam_busy"] += 1
        if i % 10 == 0:
            job = jobs.create_job(db, customer_id=plan["customers"][terminal], title=f"Stool {terminal}.{i}",
                                  quantity=1, due_date=dt.date(2026, 3, 31))
            order = purchase_orders.create_purchase_order(db, plan["supplier"], lines=[
                purchase_orders.PurchaseOrderLineInput(quantity="2", unit_price="7.50", description="Oak dowels")])
            made["jobs"].append(job.number)
            made["orders"].append(order.number)
    made["seconds"], made["cpu_seconds"] = time.perf_counter() - begun, time.process_time() - cpu
    db.close()
    print(json.dumps(made), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
