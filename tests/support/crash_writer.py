"""The SIGKILL crash test's writer: a child process that loops real writes through the services,
and what the parent reads back to judge the database after each kill.

The child works through *cycles*. Cycle ``k`` starts with a brief titled ``Crash cycle k`` and
carries it to a paid invoice, one user action (one service call, one transaction) per step:

* odd ``k``, through a quote: brief, quote, send, accept (the brief becomes a job), routing,
  release, time, material, change, approve, start, inspect, deliver, draft (the final invoice),
  issue (the job is invoiced), pay_part, pay_rest (the job is closed);
* even ``k``, directly: brief, convert (brief to job), routing, release, time, material, change,
  approve, draft (a manual invoice of four lines), issue, pay_part, pay_rest.

The child keeps no state of its own: on every start it reads from the database which step of
the newest cycle is next (``next_step``), so a kill at any moment leaves nothing to resume by
hand. Before and after each call it appends a line to a journal and fsyncs it::

    R <pid>               the child opened the database
    B <k> <step>          about to call the service
    A <k> <step> <what>   the call returned (its transaction committed)
    E <traceback>         the child failed (a bug: the test fails)

so the parent knows what was reported committed (``A``) and what might have been in flight
(a ``B`` without its ``A``). ``cycle_facts`` gathers, in a few queries, everything the parent's
checks (support/crash_checks.py) and the child's ``next_step`` look at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import event, func, select
from sqlalchemy.orm import configure_mappers

from support.invoicing import FOUR_LINES
from workshop.db.engine import Database, open_database
from workshop.db.models import (Brief, BomItem, ChangeOrder, ChangeOrderHours, ChangeOrderMaterial, Delivery,
                                Invoice, InvoiceLine, Job, JobStatusChange, MaterialIssue, Operation, Payment,
                                Quote, TimeLog)
from workshop.services import (bookings, briefs, change_orders, customers, delivery, invoices, job_invoices, jobs,
                               materials, payments, quotes, routing, settings, templates, workstations)

# Done once where this module is imported: in the fork server, before it forks the children.
configure_mappers()

TITLE = "Crash cycle "

DIRECT_STEPS = ("brief", "convert", "routing", "release", "time", "material", "change", "approve",
                "draft", "issue", "pay_part", "pay_rest")
QUOTE_STEPS = ("brief", "quote", "send", "accept", "routing", "release", "time", "material", "change", "approve",
               "start", "inspect", "deliver", "draft", "issue", "pay_part", "pay_rest")
ALL_STEPS = tuple(dict.fromkeys(QUOTE_STEPS + DIRECT_STEPS))

# Figures the checks expect, worked out by hand.
OPENING_OAK = Decimal("100000")  # m2 of OAK-25 in stock before the first cycle
OAK_PER_CYCLE = Decimal("0.5")  # issued by each cycle's "material" step, at 85.50: 42.75
BRIEF_BUDGET = Decimal("800.00")  # a directly converted job's budget
QUOTE_PRICE = Decimal("1000.00")  # a quoted job's contract (labour 1,000.00, no markup)
CHANGE_PRICE = Decimal("120.00")  # each change order adds this to the budget …
CHANGE_DAYS = 2  # … and these days to the due date
CHANGE_MINUTES = Decimal("45")  # its hours at the bench: a new operation of 45 min setup
CHANGE_HINGES = Decimal("4")  # its material: a bill-of-materials line of four hinges
TIME_MINUTES = Decimal("30")  # each cycle's booking: 30 min at the bench by Anna (32.00/h)
TIME_COST = Decimal("19.25")  # 0.5 h × 32.00 labour + 0.5 h × 6.50 overhead per labour hour
PART_PAYMENT = Decimal("500.00")
# The manual invoice (support/invoicing.FOUR_LINES): net 1477.07, tax 280.41, gross 1757.48.
MANUAL_TOTALS = (Decimal("1477.07"), Decimal("280.41"), Decimal("1757.48"))
# The final invoice of a quoted job: the contract 1000.00 and the change 120.00 at 20 %.
FINAL_TOTALS = (Decimal("1120.00"), Decimal("224.00"), Decimal("1344.00"))


def steps_of(k: int) -> tuple[str, ...]:
    return QUOTE_STEPS if k % 2 else DIRECT_STEPS


# --- the shop ----------------------------------------------------------------------------------


def build_shop(db: Database) -> dict:
    """A shop ready to invoice (its address and VAT number, a customer with a billing address),
    two workstations, an operator, two materials and a two-step routing template without
    inspections. Returns the ids the child needs (a plain dict: it is pickled to the child)."""
    settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
    saw = workstations.create_workstation(db, code="SAW", name="Panel saw", kind="machine", machine_rate="18.00",
                                          labour_rate="30.00", overhead_rate="12.00",
                                          overhead_basis="per_machine_hour", capacity_hours_per_day="8")
    bench = workstations.create_workstation(db, code="BENCH", name="Assembly bench", kind="manual",
                                            labour_rate="28.00", overhead_rate="6.50",
                                            overhead_basis="per_labour_hour", capacity_hours_per_day="16")
    anna = workstations.create_operator(db, name="Anna Kowalska", hourly_rate="32.00",
                                        workstation_ids=[saw.id, bench.id])
    oak = materials.create_material(db, code="OAK-25", name="Oak board 25 mm", unit="m2", unit_cost="85.50",
                                    stock_on_hand=str(OPENING_OAK), reorder_level="10")
    hinge = materials.create_material(db, code="HNG-35", name="Hinge 35 mm soft-close", unit="ea",
                                      unit_cost="4.20", stock_on_hand="200", reorder_level="50")
    customer = customers.create_customer(db, name="Harrow & Finch Interiors", contact_person="Ruth Harrow",
                                         email="ruth@harrowfinch.example")
    customers.update_customer(db, customer.id, address="12 High Street\nYork YO1 7HF", country="GB",
                              tax_number="GB987654321")
    template = templates.create_template(db, name="Crash cabinet", steps=[
        dict(name="Cut panels", workstation_id=saw.id, setup_minutes="15", run_minutes="20"),
        dict(name="Assemble carcass", workstation_id=bench.id, setup_minutes="10", run_minutes="45"),
    ])
    return dict(customer_id=customer.id, template_id=template.id, bench_id=bench.id, anna_id=anna.id,
                oak_id=oak.id, hinge_id=hinge.id)


# --- what the database holds of each cycle -------------------------------------------------------


@dataclass
class Cycle:
    """Everything one cycle wrote, as rows of plain tuples (read in one reader session)."""

    k: int
    brief: object = None  # (id, number, status, budget, required_by)
    briefs: int = 0  # how many briefs carry this cycle's title (one)
    quotes: list = field(default_factory=list)  # (id, number, status, job_id, price)
    jobs: list = field(default_factory=list)  # (id, number, status, budget, due_date)
    history: list = field(default_factory=list)  # (from_status, to_status) in order
    operations: list = field(default_factory=list)  # (id, op_number, status, workstation_id, setup_minutes)
    time_logs: list = field(default_factory=list)  # (operation_id, labour, machine, labour_rate, overhead_rate, basis)
    issues: list = field(default_factory=list)  # (material_id, quantity, unit_cost)
    change_orders: list = field(default_factory=list)  # (id, status, price_change, days_delta)
    co_hours: list = field(default_factory=list)  # (operation_id, minutes)
    co_materials: list = field(default_factory=list)  # (bom_item_id, quantity)
    bom_items: list = field(default_factory=list)  # (id, material_id, quantity)
    deliveries: int = 0
    invoices: list = field(default_factory=list)  # (id, kind, status, number, net, tax, gross)
    lines: dict = field(default_factory=lambda: defaultdict(list))  # invoice id: [line net]
    payments: dict = field(default_factory=lambda: defaultdict(list))  # invoice id: [amount]

    @property
    def job(self):
        return self.jobs[0] if self.jobs else None

    @property
    def invoice(self):
        return self.invoices[0] if self.invoices else None

    def done(self) -> tuple[str, ...]:
        """The steps whose writes are in the database, in the cycle's order (a prefix of it, or a bug)."""
        history = {to for _, to in self.history}
        quote, invoice = (self.quotes[0] if self.quotes else None), self.invoice
        paid = len(self.payments[invoice[0]]) if invoice else 0
        have = {
            "brief": self.brief is not None,
            "quote": quote is not None,
            "send": quote is not None and quote[2] in ("sent", "accepted"),
            "accept": quote is not None and quote[2] == "accepted",
            "convert": self.job is not None,
            "routing": bool(self.operations),
            "release": "released" in history,
            "time": bool(self.time_logs),
            "material": bool(self.issues),
            "change": bool(self.change_orders),
            "approve": any(co[1] == "approved" for co in self.change_orders),
            "start": "in_progress" in history,
            "inspect": "inspection" in history,
            "deliver": self.deliveries > 0,
            "draft": invoice is not None,
            "issue": invoice is not None and invoice[2] != "draft",
            "pay_part": paid >= 1,
            "pay_rest": paid >= 2,
        }
        return tuple(step for step in steps_of(self.k) if have[step])


def cycle_facts(db: Database, *, only_latest: bool = False) -> dict[int, Cycle]:
    """{k: Cycle} for every crash cycle (or only the newest one, for the child's next step)."""
    with db.reader() as s:
        query = (select(Brief.id, Brief.number, Brief.status, Brief.budget, Brief.required_by, Brief.title)
                 .where(Brief.title.like(f"{TITLE}%")).order_by(Brief.id))
        if only_latest:
            query = query.order_by(None).order_by(Brief.id.desc()).limit(1)
        cycles: dict[int, Cycle] = {}
        by_brief: dict[int, Cycle] = {}
        for brief_id, number, status, budget, required_by, title in s.execute(query):
            k = int(title.removeprefix(TITLE))
            cycle = cycles.setdefault(k, Cycle(k))
            cycle.briefs += 1
            cycle.brief = (brief_id, number, status, budget, required_by)
            by_brief[brief_id] = cycle
        if not by_brief:
            return cycles
        ids = list(by_brief)
        for row in s.execute(select(Quote.brief_id, Quote.id, Quote.number, Quote.status, Quote.job_id, Quote.price)
                             .where(Quote.brief_id.in_(ids)).order_by(Quote.id)):
            by_brief[row[0]].quotes.append(tuple(row[1:]))
        by_job: dict[int, Cycle] = {}
        for row in s.execute(select(Job.brief_id, Job.id, Job.number, Job.status, Job.budget, Job.due_date)
                             .where(Job.brief_id.in_(ids)).order_by(Job.id)):
            by_brief[row[0]].jobs.append(tuple(row[1:]))
            by_job[row[1]] = by_brief[row[0]]
        job_ids = list(by_job)
        if not job_ids:
            return cycles
        for job_id, *rest in s.execute(select(JobStatusChange.job_id, JobStatusChange.from_status,
                                              JobStatusChange.to_status)
                                       .where(JobStatusChange.job_id.in_(job_ids)).order_by(JobStatusChange.id)):
            by_job[job_id].history.append(tuple(rest))
        for job_id, *rest in s.execute(select(Operation.job_id, Operation.id, Operation.op_number, Operation.status,
                                              Operation.workstation_id, Operation.setup_minutes)
                                       .where(Operation.job_id.in_(job_ids)).order_by(Operation.op_number)):
            by_job[job_id].operations.append(tuple(rest))
        for job_id, *rest in s.execute(select(TimeLog.job_id, TimeLog.operation_id, TimeLog.labour_minutes,
                                              TimeLog.machine_minutes, TimeLog.labour_rate, TimeLog.overhead_rate,
                                              TimeLog.overhead_basis).where(TimeLog.job_id.in_(job_ids))):
            by_job[job_id].time_logs.append(tuple(rest))
        for job_id, *rest in s.execute(select(MaterialIssue.job_id, MaterialIssue.material_id,
                                              MaterialIssue.quantity, MaterialIssue.unit_cost)
                                       .where(MaterialIssue.job_id.in_(job_ids))):
            by_job[job_id].issues.append(tuple(rest))
        for job_id, *rest in s.execute(select(ChangeOrder.job_id, ChangeOrder.id, ChangeOrder.status,
                                              ChangeOrder.price_change, ChangeOrder.days_delta)
                                       .where(ChangeOrder.job_id.in_(job_ids)).order_by(ChangeOrder.id)):
            by_job[job_id].change_orders.append(tuple(rest))
        for job_id, *rest in s.execute(select(ChangeOrder.job_id, ChangeOrderHours.operation_id,
                                              ChangeOrderHours.minutes).join(ChangeOrder)
                                       .where(ChangeOrder.job_id.in_(job_ids))):
            by_job[job_id].co_hours.append(tuple(rest))
        for job_id, *rest in s.execute(select(ChangeOrder.job_id, ChangeOrderMaterial.bom_item_id,
                                              ChangeOrderMaterial.quantity).join(ChangeOrder)
                                       .where(ChangeOrder.job_id.in_(job_ids))):
            by_job[job_id].co_materials.append(tuple(rest))
        for job_id, *rest in s.execute(select(BomItem.job_id, BomItem.id, BomItem.material_id, BomItem.quantity)
                                       .where(BomItem.job_id.in_(job_ids))):
            by_job[job_id].bom_items.append(tuple(rest))
        for job_id, count in s.execute(select(Delivery.job_id, func.count()).where(Delivery.job_id.in_(job_ids))
                                       .group_by(Delivery.job_id)):
            by_job[job_id].deliveries = count
        by_invoice: dict[int, Cycle] = {}
        for job_id, *rest in s.execute(select(Invoice.job_id, Invoice.id, Invoice.kind, Invoice.status,
                                              Invoice.number, Invoice.net, Invoice.tax, Invoice.gross)
                                       .where(Invoice.job_id.in_(job_ids)).order_by(Invoice.id)):
            by_job[job_id].invoices.append(tuple(rest))
            by_invoice[rest[0]] = by_job[job_id]
        if by_invoice:
            for invoice_id, net in s.execute(select(InvoiceLine.invoice_id, InvoiceLine.net)
                                             .where(InvoiceLine.invoice_id.in_(list(by_invoice)))
                                             .order_by(InvoiceLine.position)):
                by_invoice[invoice_id].lines[invoice_id].append(net)
            for invoice_id, amount in s.execute(select(Payment.invoice_id, Payment.amount)
                                                .where(Payment.invoice_id.in_(list(by_invoice)))
                                                .order_by(Payment.id)):
                by_invoice[invoice_id].payments[invoice_id].append(amount)
    return cycles


# --- the steps: one service call each -----------------------------------------------------------


def _bench_operation(c: Cycle, shop: dict) -> int:
    return next(op[0] for op in c.operations if op[3] == shop["bench_id"])


def run_step(db: Database, shop: dict, c: Cycle, step: str) -> str:
    """Make cycle ``c``'s ``step``; returns a few words for the journal."""
    today = db.today()
    job_id = c.job[0] if c.job else None
    if step == "brief":
        b = briefs.create_brief(db, customer_id=shop["customer_id"], title=f"{TITLE}{c.k}",
                                requirements="Oak cabinet, two doors", budget=str(BRIEF_BUDGET),
                                required_by=today + dt.timedelta(days=30))
        return b.number
    if step == "quote":
        return quotes.create_quote(db, c.brief[0], lines=[("labour", "Making", str(QUOTE_PRICE))],
                                   markup_pct="0").number
    if step == "send":
        return quotes.send_quote(db, c.quotes[0][0]).status
    if step == "accept":
        return f"job {quotes.accept_quote(db, c.quotes[0][0]).job_id}"
    if step == "convert":
        return jobs.convert_brief_to_job(db, c.brief[0], quantity=1, due_date=c.brief[4]).number
    if step == "routing":
        return str(len(routing.apply_template(db, job_id, shop["template_id"])))
    if step in ("release", "start"):
        return jobs.change_status(db, job_id, step).status
    if step == "inspect":
        return jobs.change_status(db, job_id, "to_inspection").status
    if step == "time":
        return str(bookings.log_time(db, _bench_operation(c, shop), shop["anna_id"], minutes=str(TIME_MINUTES),
                                     note=f"{TITLE}{c.k}").cost)
    if step == "material":
        return str(bookings.issue_material(db, job_id, material_id=shop["oak_id"], quantity=str(OAK_PER_CYCLE),
                                           note=f"{TITLE}{c.k}").amount)
    if step == "change":
        return str(change_orders.create_change_order(
            db, job_id, description=f"{TITLE}{c.k}: a shelf more", price_change=str(CHANGE_PRICE),
            days_delta=CHANGE_DAYS, hours=[dict(workstation_id=shop["bench_id"], minutes=str(CHANGE_MINUTES))],
            materials=[dict(material_id=shop["hinge_id"], quantity=str(CHANGE_HINGES))]).id)
    if step == "approve":
        return change_orders.approve_change_order(db, c.change_orders[0][0]).status
    if step == "deliver":
        return str(delivery.record_delivery(db, job_id, method="delivered", received_by="Ruth Harrow",
                                            completion_reason="Crash test: passed").id)
    if step == "draft":
        if c.k % 2:
            return str(job_invoices.draft_final(db, job_id).id)
        return str(invoices.create_draft(db, kind="manual", job_id=job_id, lines=FOUR_LINES,
                                         notes=f"{TITLE}{c.k}").id)
    if step == "issue":
        return invoices.issue(db, c.invoice[0]).number
    if step == "pay_part":
        return payments.record_payment(db, c.invoice[0], paid_on=today, amount=str(PART_PAYMENT),
                                       method="bank_transfer", reference=f"crash {c.k}/1").status
    if step == "pay_rest":
        rest = c.invoice[6] - sum(c.payments[c.invoice[0]])
        return payments.record_payment(db, c.invoice[0], paid_on=today, amount=str(rest), method="bank_transfer",
                                       reference=f"crash {c.k}/2").status
    raise AssertionError(f"unknown step {step}")


def next_step(db: Database) -> tuple[Cycle, str]:
    """The newest cycle and its first step not in the database (a new cycle once it is paid)."""
    latest = cycle_facts(db, only_latest=True)
    if not latest:
        return Cycle(1), "brief"
    c = next(iter(latest.values()))
    done = c.done()
    todo = [step for step in steps_of(c.k) if step not in done]
    if not todo:
        return Cycle(c.k + 1), "brief"
    return c, todo[0]


# --- the child ---------------------------------------------------------------------------------


class Journal:
    """Lines appended and fsynced one by one: what the parent reads after the kill is on disk."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())
        os.fsync(self.fd)


def trace_statements(db: Database, *, kill_at: int | None = None, record: list | None = None) -> None:
    """Count the statements SQLite runs from now on (BEGIN and COMMIT included): SIGKILL this
    process as the ``kill_at``-th is about to run (1 = the next one), a kill inside a transaction
    at a point chosen in advance; ``record`` gets each statement's text."""
    seen = 0

    def traced(statement: str) -> None:
        nonlocal seen
        seen += 1
        if record is not None:
            record.append(statement)
        if kill_at is not None and seen >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    @event.listens_for(db.engine, "connect")
    def _trace(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(traced)

    db.engine.dispose()  # a connection opening the database left in the pool is traced from its next use


def writer(db_path: str, journal_path: str, shop: dict, progress, kill_at_statement: int | None = None,
           kill_after_step: int | None = None) -> None:
    """The child: loop the steps until killed. ``progress`` (a Connection) gets one message per
    step done, so the parent can wait for a number of steps before it kills. The child kills
    itself as SQLite is about to run statement ``kill_at_statement``, or as step
    ``kill_after_step`` has returned but before the journal says so (committed, not reported)."""
    journal = Journal(journal_path)
    try:
        db = open_database(db_path, create=False)
        if kill_at_statement is not None:
            trace_statements(db, kill_at=kill_at_statement)
        journal.write(f"R {os.getpid()}")
        steps = 0
        while True:
            cycle, step = next_step(db)
            journal.write(f"B {cycle.k} {step}")
            what = run_step(db, shop, cycle, step)
            steps += 1
            if steps == kill_after_step:
                os.kill(os.getpid(), signal.SIGKILL)
            journal.write(f"A {cycle.k} {step} {what}")
            progress.send(1)
    except BaseException:  # noqa: BLE001 - any failure is reported to the parent as a test failure
        journal.write("E " + json.dumps(traceback.format_exc()))
        os._exit(1)


def read_journal(path) -> list[list[str]]:
    """The journal as runs (one per child), each a list of lines."""
    runs: list[list[str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("S"):  # the parent starts a child
                runs.append([])
            elif line:
                runs[-1].append(line)
    return runs


def steps_writer(db_path: str, shop: dict, result, count: int, kill_at: int | None) -> None:
    """The child of the explicit test: make the next ``count`` steps, killed as SQLite is about to
    run statement ``kill_at``; if it lives, it sends the statements it ran (or its failure)."""
    statements: list[str] = []
    try:
        db = open_database(db_path, create=False)
        trace_statements(db, kill_at=kill_at, record=statements)
        for _ in range(count):
            cycle, step = next_step(db)
            run_step(db, shop, cycle, step)
        db.close()
        result.send(("ok", statements))
    except BaseException:  # noqa: BLE001
        result.send(("failed", traceback.format_exc()))
    os._exit(0)
