"""What the parent of the SIGKILL crash test checks after every kill (see support/crash_writer.py).

``problems_after_kill`` reopens the database the killed child wrote and returns a list of
problems, empty when everything holds:

* ``workshop.db.check.check_database`` finds nothing wrong;
* every transaction is all or nothing, per cycle: a brief is won exactly when its job exists;
  a job's budget and due date carry exactly its approved change orders, whose operation and
  bill-of-materials line exist exactly when it is approved; a booking has its rate snapshot and
  moved its operation on; an invoice is a draft without a number or issued complete with its
  lines and totals; its status matches its payments; the job's status is the end of its history
  and matches the steps done;
* the steps done form a prefix of the cycle, each done at most once;
* every step the journal reported committed (``A``) is there, and nothing that was not
  started (no ``B``) is;
* human numbers (B-, Q-, J-, INV-) have no gaps and no duplicates, and each counter stands at
  the highest number given;
* stock equals its movements: opening stock − Σ issued = stock on hand;
* counts never go backwards from one kill to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from support import crash_writer as cw
from workshop.db.check import check_database
from workshop.db.engine import open_database
from workshop.db.models import (Brief, ChangeOrder, Delivery, Invoice, Job, JobStatusChange, Material, MaterialIssue,
                                NumberSequence, Payment, Quote, TimeLog)

NUMBER = re.compile(r"^(?P<prefix>.+)-(?P<year>\d{4})-(?P<n>\d+)$")

# The job's status once a cycle's step is done (the steps not listed leave it as it was).
STATUS_AFTER = {"convert": "planned", "accept": "planned", "release": "released", "start": "in_progress",
                "inspect": "inspection", "deliver": "delivered"}
STATUS_AFTER_QUOTED = {"issue": "invoiced", "pay_rest": "closed"}  # a final invoice moves its job on

COUNTED = {"briefs": Brief, "quotes": Quote, "jobs": Job, "history": JobStatusChange, "time_logs": TimeLog,
           "material_issues": MaterialIssue, "change_orders": ChangeOrder, "deliveries": Delivery,
           "invoices": Invoice, "payments": Payment}


def expected_status(c: cw.Cycle, done: tuple[str, ...]) -> str | None:
    status = None
    for step in done:
        status = STATUS_AFTER.get(step, status)
        if c.k % 2:
            status = STATUS_AFTER_QUOTED.get(step, status)
    return status


def cycle_problems(c: cw.Cycle, shop: dict) -> list[str]:
    p: list[str] = []
    name = f"cycle {c.k}"
    done = c.done()
    steps = cw.steps_of(c.k)
    if done != steps[:len(done)]:
        p.append(f"{name}: the steps done {done} are not a prefix of {steps}")
    for what, rows, most in (("briefs", c.briefs, 1), ("quotes", len(c.quotes), 1), ("jobs", len(c.jobs), 1),
                             ("time logs", len(c.time_logs), 1), ("material issues", len(c.issues), 1),
                             ("change orders", len(c.change_orders), 1), ("deliveries", c.deliveries, 1),
                             ("invoices", len(c.invoices), 1)):
        if rows > most:
            p.append(f"{name}: {rows} {what} (a step ran twice)")
    job, brief = c.job, c.brief
    # the brief is won exactly when its job exists, in the same transaction
    if (brief[2] == "won") != (job is not None):
        p.append(f"{name}: brief {brief[1]} is {brief[2]} but its job {'exists' if job else 'is missing'}")
    if c.quotes:
        quote = c.quotes[0]
        if (quote[2] == "accepted") != (job is not None) or (job is not None and quote[3] != job[0]):
            p.append(f"{name}: quote {quote[1]} is {quote[2]} (job id {quote[3]}) but the job is {job}")
    if job is None:
        return p
    # the job's history is one chain ending at its status, and the status is what the steps say
    chain = [None] + [to for _, to in c.history]
    if [f for f, _ in c.history] != chain[:-1] or chain[-1] != job[2]:
        p.append(f"{name}: {job[1]} is {job[2]} but its history is {c.history}")
    want = expected_status(c, done)
    if job[2] != want:
        p.append(f"{name}: {job[1]} is {job[2]}, expected {want} after {done[-1]}")
    # a change order applies whole: budget, due date, operation, BOM line; or nothing
    approved = sum(1 for co in c.change_orders if co[1] == "approved")
    base = cw.QUOTE_PRICE if c.k % 2 else cw.BRIEF_BUDGET
    if job[3] != base + approved * cw.CHANGE_PRICE:
        p.append(f"{name}: {job[1]} budget {job[3]}, expected {base} + {approved} × {cw.CHANGE_PRICE}")
    if job[4] != brief[4] + dt.timedelta(days=approved * cw.CHANGE_DAYS):
        p.append(f"{name}: {job[1]} due {job[4]}, expected {brief[4]} + {approved} × {cw.CHANGE_DAYS} days")
    added_ops = [h for h in c.co_hours if h[0] is not None]
    if c.change_orders and (len(c.co_hours), len(c.co_materials)) != (1, 1):
        p.append(f"{name}: change order saved with {len(c.co_hours)} hours and {len(c.co_materials)} materials lines")
    if len(added_ops) != approved or sum(1 for m in c.co_materials if m[0] is not None) != approved:
        p.append(f"{name}: {approved} approved change orders but links {c.co_hours} {c.co_materials}")
    if len(c.bom_items) != approved or any(b[1] != shop["hinge_id"] or b[2] != cw.CHANGE_HINGES
                                           for b in c.bom_items):
        p.append(f"{name}: BOM {c.bom_items} for {approved} approved change orders")
    if c.operations and len(c.operations) != 2 + approved:
        p.append(f"{name}: {len(c.operations)} operations, expected 2 from the template + {approved}")
    ops = {op[0]: op for op in c.operations}
    for op_id, _ in added_ops:
        if op_id not in ops or ops[op_id][4] != cw.CHANGE_MINUTES:
            p.append(f"{name}: the change order's operation {op_id} is missing or wrong: {ops.get(op_id)}")
    # a booking keeps its rate snapshot and moves its operation on, in one transaction
    for log in c.time_logs:
        if log[1:] != (cw.TIME_MINUTES, Decimal(0), Decimal("32.00"), Decimal("6.50"), "per_labour_hour"):
            p.append(f"{name}: time log {log} lacks its figures or rate snapshot")
    if c.operations:
        bench = cw._bench_operation(c, shop)
        if ops[bench][2] not in (("running", "done") if c.time_logs else ("pending", "ready")):
            p.append(f"{name}: the bench operation is {ops[bench][2]} with {len(c.time_logs)} time logs")
    for issue in c.issues:
        if issue != (shop["oak_id"], cw.OAK_PER_CYCLE, Decimal("85.50")):
            p.append(f"{name}: material issue {issue}")
    if c.deliveries and "delivered" not in [to for _, to in c.history]:
        p.append(f"{name}: a delivery without the job delivered")
    # an invoice is a draft without a number, or issued complete; its status follows its payments
    for inv_id, kind, status, number, net, tax, gross in c.invoices:
        lines = c.lines[inv_id]
        quoted = c.k % 2 == 1
        want_lines = 2 if quoted else len(cw.FOUR_LINES)
        totals = cw.FINAL_TOTALS if quoted else cw.MANUAL_TOTALS
        if kind != ("final" if quoted else "manual") or len(lines) != want_lines:
            p.append(f"{name}: {kind} invoice {inv_id} has {len(lines)} lines, expected {want_lines}")
        paid = c.payments[inv_id]
        if status == "draft":
            if number is not None or net is not None or paid:
                p.append(f"{name}: draft invoice {inv_id} has number {number}, net {net}, payments {paid}")
            continue
        if number is None or (net, tax, gross) != totals or sum(lines) != net:
            p.append(f"{name}: issued invoice {number} totals {(net, tax, gross)} (lines {sum(lines)}), "
                     f"expected {totals}")
        if paid not in ([], [cw.PART_PAYMENT], [cw.PART_PAYMENT, gross - cw.PART_PAYMENT]):
            p.append(f"{name}: {number} payments {paid}")
        want = {0: "issued", 1: "part_paid", 2: "paid"}.get(len(paid))
        if status != want:
            p.append(f"{name}: {number} is {status} with payments {paid}")
    return p


def number_problems(s) -> list[str]:
    """Human numbers per prefix and year: 1 … n with no gap and no duplicate, the counter at n."""
    p: list[str] = []
    taken: dict[tuple[str, int], list[int]] = defaultdict(list)
    numbers = [*s.scalars(select(Brief.number)), *s.scalars(select(Job.number)),
               *s.scalars(select(Quote.number).distinct()),
               *s.scalars(select(Invoice.number).where(Invoice.number.is_not(None)))]
    for number in numbers:
        m = NUMBER.match(number)
        if not m:
            p.append(f"number {number!r} is not PREFIX-YEAR-N")
            continue
        taken[(m["prefix"], int(m["year"]))].append(int(m["n"]))
    counters = {(prefix, year): last for prefix, year, last in
                s.execute(select(NumberSequence.prefix, NumberSequence.year, NumberSequence.last_value))}
    for key in sorted(set(taken) | set(counters)):
        values = sorted(taken.get(key, []))
        dupes = [n for n, times in Counter(values).items() if times > 1]
        if dupes:
            p.append(f"{key[0]}-{key[1]}: duplicate numbers {dupes}")
        if values != list(range(1, len(values) + 1)):
            missing = sorted(set(range(1, (values[-1] if values else 0) + 1)) - set(values))
            p.append(f"{key[0]}-{key[1]}: numbers missing {missing[:10]}")
        if counters.get(key, 0) != (values[-1] if values else 0):
            p.append(f"{key[0]}-{key[1]}: the counter stands at {counters.get(key)} but the highest number is "
                     f"{values[-1] if values else None}")
    return p


def stock_problems(s, shop: dict) -> list[str]:
    p = []
    for material_id, opening in ((shop["oak_id"], cw.OPENING_OAK), (shop["hinge_id"], Decimal(200))):
        on_hand = s.scalar(select(Material.stock_on_hand).where(Material.id == material_id))
        issued = s.scalar(select(func.coalesce(func.sum(MaterialIssue.quantity), 0))
                          .where(MaterialIssue.material_id == material_id))
        if opening - Decimal(issued) != on_hand:
            p.append(f"material {material_id}: opening {opening} − issued {issued} ≠ stock on hand {on_hand}")
    return p


def journal_problems(runs: list[list[str]], cycles: dict[int, cw.Cycle]) -> list[str]:
    """Every step reported committed is there; nothing that was not started is."""
    p: list[str] = []
    started, committed = set(), set()
    for run in runs:
        for line in run:
            kind, _, rest = line.partition(" ")
            if kind == "E":
                p.append(f"the child failed: {rest}")
            elif kind in ("B", "A"):
                k, step = rest.split(" ")[:2]
                (started if kind == "B" else committed).add((int(k), step))
    done = {(k, step) for k, c in cycles.items() for step in c.done()}
    for k, step in sorted(committed - done):
        p.append(f"cycle {k}: step {step} was reported committed but is not in the database")
    for k, step in sorted(done - started):
        p.append(f"cycle {k}: step {step} is in the database but was never started")
    return p


def counts(s) -> dict[str, int]:
    return {name: s.scalar(select(func.count()).select_from(model)) for name, model in COUNTED.items()}


def problems_after_kill(db_path, shop: dict, runs: list[list[str]] | None, before: dict[str, int] | None,
                        db=None) -> tuple[list[str], dict[str, int], dict[int, cw.Cycle]]:
    """Problems found in the database after a kill, its row counts now, and its cycles. ``db``: a
    Database on ``db_path`` the caller keeps across kills (its compiled queries stay warm); its
    connections are closed afterwards, so each check opens the file afresh, as after a power cut."""
    problems = [f"workshop check: {line}" for line in check_database(db_path)]
    own = db is None
    if own:
        db = open_database(db_path, create=False)
    try:
        cycles = cw.cycle_facts(db)
        for c in cycles.values():
            problems += cycle_problems(c, shop)
        if runs is not None:  # None: no journal kept
            problems += journal_problems(runs, cycles)
        with db.reader() as s:
            problems += number_problems(s)
            problems += stock_problems(s, shop)
            now = counts(s)
    finally:
        if own:
            db.close()
        else:
            db.engine.dispose()  # its connections closed; the engine and its compiled queries stay
    for name, count in now.items():
        if before is not None and count < before[name]:
            problems.append(f"{name} went back from {before[name]} to {count}")
    return problems, now, cycles
