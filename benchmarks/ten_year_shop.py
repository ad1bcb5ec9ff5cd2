"""A ten-year shop at real scale, for the benchmarks of issue 17 (scale 1.0):

5,000 customers, 9 workstations (one of them OUT, work sent outside), 30 operators, 40 suppliers,
400 materials; 20,000 jobs over ten years, most from a brief, quotes for ~60 % of briefs; about
200,000 operations, 120,000 BOM lines, 600,000 time logs, 100,000 material issues, 50,000
inspection results, 20,000 invoices with their payments, 5,000 purchase orders with their goods in,
the stock movements behind every material's stock, and attachments on 5 % of briefs.

Job statuses, newest first: 20 planned, 60 live (released or in progress, the work on the floor),
and 1,740 held or at inspection among the 5,220 before them (mostly late), so that 1,800 jobs are in
WIP states (what issue 17 measured the WIP report on); the rest of the last 90 days complete, delivered,
invoiced or closed; older ones closed (paid), 1.5 % cancelled, 0.5 % invoiced and never paid (bad debts).
Deterministic (``random.Random(seed)`` and a fixed today), written through bulk inserts of the real
models into a database made by ``open_database`` (migrations and pragmas applied), never through the
services (hours at this size). ``workshop check`` finds it healthy: gap-free numbers per year with
counters that match, status histories that end at each job's status, invoice statuses that match
their payments, stock figures that are the sums of their movements. Scale 1.0: ~50 s, a 301 MiB file.
Run: .venv/bin/python benchmarks/ten_year_shop.py [--scale 1.0] [-o FILE]   (default: the temp folder)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

TODAY = dt.date(2026, 12, 1)
#: A big job (issue 17 opens "a job with 60 operations and 150 BOM lines"): one in 2,000, spread over
#: the ten years, and the newest job on the floor, so that every scale has one that is live.
BIG_OPERATIONS, BIG_BOM_LINES, BIG_EVERY = 60, 150, 2_000
LOGS_PER_STEP = (1, 2, 3, 3, 3, 4, 4, 5)  # 3.125 time logs on each step worked: 600,000 in all
QUARTER_HOURS = [Decimal(15 * k) for k in range(11)]  # made once: Decimal() per log is a tenth of the build
FLUSH_ROWS = 50_000  # rows buffered before they are written: memory stays flat at any scale
WORKSTATIONS = (  # code, name, kind, machine rate
    ("SAW", "Panel saw", "machine", "18.00"), ("CNC", "CNC router", "machine", "35.00"),
    ("PLN", "Planer", "machine", "15.00"), ("BEN", "Joinery bench", "manual", "0"),
    ("WLD", "Welding bay", "manual", "0"), ("SPR", "Spray booth", "manual", "0"),
    ("ASM", "Assembly", "manual", "0"), ("INS", "Final inspection", "inspection", "0"),
    ("OUT", "Sent outside", "outside", "0"))
OUTSIDE, INSPECTION, IN_SHOP = 9, 8, 7  # workstation ids (1-based, as inserted)
KINDS = ("Kitchen", "Staircase", "Gates", "Wardrobe", "Railings", "Bookcase", "Table", "Windows")
WOODS = ("Oak", "Walnut", "Ash", "Steel", "Painted", "Cherry", "Larch", "Bronze")
NAMES = ("Ashworth", "Brennan", "Chowdhury", "Dubois", "Evans", "Fischer", "García", "Hughes", "Iqbal",
         "Jones", "Kowalski", "Lloyd", "Moreau", "Nowak", "O'Brien", "Patel", "Quinn", "Rossi")
TRADES = ("Ltd", "& Sons", "Interiors", "Builders", "Estates", "Homes")
# A job's path of statuses up to each status: its history is this list, one row a step.
_PATH = ["planned", "released", "in_progress", "inspection", "complete", "delivered", "invoiced", "closed"]
PATHS = {s: _PATH[:i + 1] for i, s in enumerate(_PATH)}
PATHS["on_hold"] = PATHS["in_progress"] + ["on_hold"]
PATHS["cancelled"] = ["planned", "cancelled"]
BILLED = frozenset({"invoiced", "closed"})
WORK_DONE = frozenset({"inspection", "complete", "delivered", "invoiced", "closed"})


def _models():
    from workshop.db import models as m
    # the order rows are written in: a row's parents first
    return [m.Customer, m.Workstation, m.Operator, m.Supplier, m.Material, m.MaterialSupplier, m.AttachmentBlob,
            m.Brief, m.Attachment, m.Job, m.JobStatusChange, m.Quote, m.QuoteLine, m.Operation, m.BomItem,
            m.TimeLog, m.InspectionCheck, m.InspectionResult, m.InspectionReading, m.MaterialIssue,
            m.PurchaseOrder, m.PurchaseOrderLine, m.GoodsReceipt, m.GoodsReceiptLine, m.StockMovement,
            m.Invoice, m.InvoiceLine, m.Payment, m.NumberSequence]


class _Writer:
    """Rows buffered per model and written in parent-first order, in chunks: an INSERT of the model's table
    with many rows (the ORM's bulk path costs a quarter more here, grouping rows one by one)."""

    def __init__(self, session):
        self.session = session
        self.models = _models()
        self.buffers = {model: [] for model in self.models}
        self.next_ids: dict = defaultdict(lambda: 1)
        self.counts = {model.__tablename__: 0 for model in self.models}

    def add(self, model, **row) -> int:
        """Buffer a row (given the next id of its table unless it has one) and return its id."""
        if "id" not in row and model.__tablename__ != "attachment_blobs":
            row["id"] = self.next_ids[model]
            self.next_ids[model] += 1
        self.buffers[model].append(row)
        if len(self.buffers[model]) >= FLUSH_ROWS:
            self.flush()
        return row.get("id")

    def flush(self) -> None:
        from sqlalchemy import insert
        for model in self.models:
            rows = self.buffers[model]
            if rows:
                # one executemany per chunk: every row names the same columns (a link a row lacks is NULL)
                columns = set().union(*rows)
                for row in rows:
                    if len(row) < len(columns):
                        for column in columns.difference(row):
                            row[column] = None
                self.session.execute(insert(model.__table__), rows)
                self.counts[model.__tablename__] += len(rows)
                self.buffers[model] = []


class _Numbers:
    """Human numbers PREFIX-YEAR-NNNN, gap-free per year, as services.common.next_number takes them."""

    def __init__(self):
        self.last: dict[tuple[str, int], int] = {}

    def take(self, prefix: str, year: int) -> str:
        n = self.last[(prefix, year)] = self.last.get((prefix, year), 0) + 1
        return f"{prefix}-{year}-{n:04d}"


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


class _Shop:
    def __init__(self, w: _Writer, rng: random.Random, scale: float, today: dt.date):
        self.w, self.rng, self.today = w, rng, today
        self.now = _at(today, 9)
        self.start = self.now - dt.timedelta(days=3650)
        self.numbers = _Numbers()
        self.jobs = max(50, round(20_000 * scale))
        self.customers = max(10, round(5_000 * scale))
        self.orders = max(10, round(5_000 * scale))
        self.planned, self.live = max(2, round(20 * scale)), max(4, round(60 * scale))
        self.held = round(1_740 * scale)
        self.invoices: list[dict] = []  # numbered once sorted by issue date, at the end
        self.stock = defaultdict(lambda: [0, Decimal(0)])  # material id: [quantity, value] moved
        self.blobs: set[str] = set()  # attachment blobs written (by sha256): each stored once

    # --- the shop's fixtures --------------------------------------------------------------------
    def fixtures(self) -> None:
        from workshop.db.models import Customer, Material, MaterialSupplier, Operator, Supplier, Workstation
        rng, w = self.rng, self.w
        self.customer_names = [f"{rng.choice(NAMES)} {rng.choice(TRADES)} {i + 1}" for i in range(self.customers)]
        for i, name in enumerate(self.customer_names):
            w.add(Customer, name=name, address=f"{i % 90 + 1} Mill Lane\nLeeds LS{i % 28 + 1}", country="GB",
                  email=f"office{i + 1}@example.com", created_at=self.start)
        for code, name, kind, machine_rate in WORKSTATIONS:
            w.add(Workstation, code=code, name=name, kind=kind, machine_rate=Decimal(machine_rate),
                  labour_rate=Decimal("28.00"), capacity_hours_per_day=Decimal(8))
        self.operator_rates = [Decimal(rng.randint(22, 32)) for _ in range(30)]
        for i, rate in enumerate(self.operator_rates):
            w.add(Operator, name=f"Operator {i + 1:02d}", hourly_rate=rate, active=True)
        for i in range(40):
            w.add(Supplier, name=f"Supplier {i + 1}", lead_time_days=i % 10 + 2)
        self.materials = []  # (id, unit cost, row) — the row's stock figures are set at the end
        for i in range(400):
            cost = Decimal(rng.randint(200, 9000)) / 100
            row = dict(code=f"M{i + 1:04d}", name=f"{rng.choice(WOODS)} stock {i + 1}", unit="ea" if i % 3 else "m",
                       unit_cost=cost, stock_on_hand=Decimal(0), stock_value=Decimal(0),
                       reorder_level=Decimal(10 * (i % 5)), reorder_quantity=Decimal(20))
            self.materials.append((w.add(Material, **row), cost))
            w.add(MaterialSupplier, material_id=i + 1, supplier_id=i % 40 + 1, position=0,
                  supplier_code=f"S-{i + 1}", price=cost)

    # --- purchase orders and goods in -----------------------------------------------------------
    def purchase_orders(self) -> None:
        from workshop.db.models import GoodsReceipt, GoodsReceiptLine, PurchaseOrder, PurchaseOrderLine
        rng, w = self.rng, self.w
        open_from = self.orders - max(1, round(60 * self.orders / 5_000))
        for i in range(self.orders):
            created = self.start + dt.timedelta(days=3650 * (i + 0.5) / self.orders)
            received = i < open_from
            supplier = i % 40 + 1
            order = w.add(PurchaseOrder, number=self.numbers.take("PO", created.year), supplier_id=supplier,
                          status="received" if received else "sent", order_date=created.date(),
                          expected_on=(created + dt.timedelta(days=7)).date(), created_at=created, sent_at=created)
            receipt = received and w.add(GoodsReceipt, purchase_order_id=order, supplier_id=supplier,
                                         received_at=created + dt.timedelta(days=6), delivery_note=f"DN{i + 1}",
                                         created_at=created + dt.timedelta(days=6))
            for k in range(3):
                material, cost = self.materials[rng.randrange(400)]
                quantity = Decimal(rng.randint(2, 6) * 10)
                line = w.add(PurchaseOrderLine, purchase_order_id=order, position=k, material_id=material,
                             description=f"Material {material}", quantity=quantity, unit_price=cost)
                if receipt:
                    got = w.add(GoodsReceiptLine, receipt_id=receipt, purchase_order_line_id=line,
                                material_id=material, description=f"Material {material}", quantity=quantity,
                                unit_cost=cost)
                    self.move(material, "goods_in", created + dt.timedelta(days=6), quantity, cost,
                              receipt_line_id=got)

    def move(self, material: int, kind: str, at: dt.datetime, quantity: Decimal, cost: Decimal, **links) -> None:
        from workshop.db.models import StockMovement
        value = quantity * cost
        self.w.add(StockMovement, material_id=material, kind=kind, at=at, quantity=quantity, value=value,
                   booked_at=at, **links)
        self.stock[material][0] += quantity
        self.stock[material][1] += value

    # --- jobs ------------------------------------------------------------------------------------
    def statuses(self) -> list[str]:
        rng, n = self.rng, self.jobs
        first_live = n - self.planned - self.live
        held = set(rng.sample(range(max(0, first_live - 3 * self.held), first_live), self.held))
        recent = n - round(n * 90 / 3650)  # the last 90 days' jobs are still being handed over and paid
        found = []
        for i in range(n):
            if i >= n - self.planned:
                found.append("planned")
            elif i >= first_live:
                found.append(rng.choice(("released", "in_progress")))
            elif i in held:
                found.append("on_hold" if rng.random() < 0.3 else "inspection")
            elif i >= recent:
                found.append(rng.choice(("complete", "delivered", "invoiced", "closed", "closed")))
            else:
                r = rng.random()
                found.append("cancelled" if r < 0.015 else "invoiced" if r < 0.02 else "closed")  # bad debts
        return found

    def all_jobs(self) -> None:
        for i, status in enumerate(self.statuses()):
            self.job(i, status)

    def job(self, i: int, status: str) -> None:
        from workshop.db.models import Job
        from workshop.domain.search import search_key
        rng, w = self.rng, self.w
        created = self.start + dt.timedelta(days=3650 * (i + 0.5) / self.jobs)
        customer = rng.randint(1, self.customers)
        kind = rng.choice(KINDS)
        title = f"{rng.choice(WOODS)} {kind.lower()} for {NAMES[customer % len(NAMES)]}"
        price = Decimal(rng.randint(8, 400) * 50)
        brief = self.brief(created, customer, title) if rng.random() < 0.85 else None
        quantity = rng.randint(1, 3)
        due = (created + dt.timedelta(days=rng.randint(21, 70))).date()
        done_at = None
        if status in WORK_DONE and status != "inspection":
            day = min(max(due + dt.timedelta(days=rng.randint(-10, 12)), created.date() + dt.timedelta(days=7)),
                      self.today - dt.timedelta(days=1))
            done_at = _at(day, 15)
        number = self.numbers.take("J", created.year)
        specification = f"{title}, {rng.randint(1, 12)} parts, finish to sample {rng.randint(1, 99)}."
        job = w.add(Job, number=number, brief_id=brief and brief[0], customer_id=customer, title=title,
                    specification=specification, quantity=quantity, due_date=due, status=status,
                    budget=price, kind=kind, created_at=created, updated_at=created, completed_at=done_at,
                    search_text=search_key(number, title, specification))
        if brief and brief[2]:  # won through a quote
            self.quote(brief[:2], title, price, job)
        self.history(job, status, created, done_at)
        big = i % BIG_EVERY == BIG_EVERY // 2 or i == self.jobs - self.planned - 1
        if status != "cancelled":
            self.routing(job, status, created, quantity, big)
        self.bill(job, customer, status, created, done_at, price)

    def brief(self, created: dt.datetime, customer: int, title: str) -> tuple[int, dt.datetime, bool]:
        """The job's brief (won): its id, when it came and whether it was quoted; one time in five after
        another customer's brief that did not become a job."""
        if self.rng.random() < 0.2:
            self._brief(created - dt.timedelta(days=10, hours=1), self.rng.randint(1, self.customers),
                        f"Enquiry: {self.rng.choice(WOODS).lower()} {self.rng.choice(KINDS).lower()}", None)
        when = created - dt.timedelta(days=10)
        brief, quoted = self._brief(when, customer, title, "won")
        return brief, when, quoted

    def _brief(self, when, customer, title, status) -> tuple[int, bool]:
        from workshop.db.models import Attachment, AttachmentBlob, Brief
        from workshop.domain.search import search_key
        rng, w = self.rng, self.w
        recent = when > self.now - dt.timedelta(days=60)
        quoted = rng.random() < 0.6
        if status is None:
            status = ("quoted" if recent else "lost") if quoted else ("new" if recent else "withdrawn")
        number = self.numbers.take("B", when.year)
        requirements = f"{title}; site visit needed: {rng.choice(('yes', 'no'))}."
        brief = w.add(Brief, number=number, customer_id=customer, title=title, requirements=requirements,
                      status=status, created_at=when, updated_at=when,
                      search_text=search_key(number, title, requirements, ""))
        if rng.random() < 0.05:
            variant = rng.randrange(120)  # drawings reused across briefs: one stored blob each
            data = (f"Drawing sheet {variant}\n" * 40).encode()
            sha = hashlib.sha256(data).hexdigest()
            if sha not in self.blobs:
                self.blobs.add(sha)
                w.add(AttachmentBlob, sha256=sha, size=len(data), data=data)
            w.add(Attachment, blob_sha256=sha, file_name=f"drawing-{variant}.txt", media_type="text/plain",
                  brief_id=brief, added_at=when)
        if quoted and status != "won":
            self.quote((brief, when), title, Decimal(rng.randint(8, 400) * 50), None, "sent" if recent else "rejected")
        return brief, quoted

    def quote(self, brief: tuple[int, dt.datetime], title: str, price: Decimal, job: int | None,
              status: str = "accepted") -> None:
        from workshop.db.models import Quote, QuoteLine
        brief_id, asked = brief
        when = asked + dt.timedelta(days=3)
        cost = price * 3 / 4  # priced at a target margin of 25 %: cost / (1 - 0.25) is the price again
        quote = self.w.add(Quote, number=self.numbers.take("Q", when.year), brief_id=brief_id, job_id=job,
                           status=status, title=title, valid_until=(when + dt.timedelta(days=30)).date(),
                           cost=cost, price=price, target_margin_pct=Decimal(25), created_at=when, sent_at=when + dt.timedelta(days=1),
                           decided_on=None if status == "sent" else (when + dt.timedelta(days=5)).date())
        labour = cost * Decimal("0.6")
        self.w.add(QuoteLine, quote_id=quote, position=0, category="labour", description="Labour", amount=labour)
        self.w.add(QuoteLine, quote_id=quote, position=1, category="materials", description="Materials",
                   amount=cost - labour)

    def history(self, job: int, status: str, created: dt.datetime, done_at: dt.datetime | None) -> None:
        from workshop.db.models import JobStatusChange
        path = PATHS[status]
        end = done_at + dt.timedelta(days=20) if done_at else min(created + dt.timedelta(days=20), self.now)
        step = (end - created) / len(path)
        previous = None
        for k, to in enumerate(path):
            self.w.add(JobStatusChange, job_id=job, at=min(created + step * k, self.now), from_status=previous,
                       to_status=to, reason="Customer asked to wait" if to in ("on_hold", "cancelled") else "")
            previous = to

    def routing(self, job: int, status: str, created: dt.datetime, quantity: int, big: bool) -> None:
        from workshop.db.models import BomItem, InspectionCheck, MaterialIssue, Operation
        rng, w = self.rng, self.w
        count = BIG_OPERATIONS if big else rng.randint(6, 14)
        done = count if status in WORK_DONE else rng.randint(0, count - 1) if status in ("in_progress", "on_hold") \
            else 0
        outside = rng.random() < 0.1
        mid_check = rng.random() < 0.5
        for k in range(count):
            last = k == count - 1
            sent = outside and k == 4
            station = INSPECTION if last else OUTSIDE if sent else rng.randint(1, IN_SHOP)
            op = w.add(Operation, job_id=job, sequence=k + 1, op_number=(k + 1) * 10,
                       name="Final inspection" if last else WORKSTATIONS[station - 1][1],
                       workstation_id=station, setup_minutes=Decimal(rng.randint(0, 4) * 15),
                       run_minutes=Decimal(rng.randint(2, 24) * 10), inspection_required=last,
                       status="done" if k < done else "pending",
                       supplier_id=(job % 40 + 1) if sent else None, days_away=7 if sent else None)
            # a step a day-shift apart; on the newest jobs, ended (4 h at most) before now
            started = min(created + dt.timedelta(hours=8 * k + 2), self.now - dt.timedelta(hours=count - k + 5))
            if k < done and not sent:
                self.time_logs(job, op, station, started)
            if last or (mid_check and k == 1):
                checks = ((("Overall length", "measured"), ("Finish", "visual")) if last
                          else (("Joint gap", "measured"),))
                for characteristic, kind in checks:
                    check = w.add(InspectionCheck, job_id=job, operation_id=op, characteristic=characteristic,
                                  check_type=kind, unit="mm" if kind == "measured" else "",
                                  nominal=Decimal(100) if kind == "measured" else None,
                                  lower_tolerance=Decimal("-0.5") if kind == "measured" else None,
                                  upper_tolerance=Decimal("0.5") if kind == "measured" else None)
                    if k < done:
                        self.inspected(job, check, kind, started + dt.timedelta(hours=4))
        progressed = status in WORK_DONE or done > 0
        for k in range(BIG_BOM_LINES if big else rng.randint(3, 9)):
            material, cost = self.materials[rng.randrange(400)]
            per_unit = Decimal(rng.randint(1, 6))
            w.add(BomItem, job_id=job, position=k, material_id=material, description=f"Material {material}",
                  quantity=per_unit, unit_cost=cost)
            if progressed and rng.random() < 0.85:
                at = min(created + dt.timedelta(days=1), self.now - dt.timedelta(hours=1))
                issue = w.add(MaterialIssue, job_id=job, material_id=material, description=f"Material {material}",
                              quantity=per_unit * quantity, unit_cost=cost, issued_at=at)
                self.move(material, "issue", at, -per_unit * quantity, cost, job_id=job, material_issue_id=issue)

    def time_logs(self, job: int, op: int, station: int, started: dt.datetime) -> None:
        from workshop.db.models import TimeLog
        rng = self.rng
        machine_rate = Decimal(WORKSTATIONS[station - 1][3])
        for _ in range(rng.choice(LOGS_PER_STEP)):
            operator = rng.randint(1, 30)
            minutes = QUARTER_HOURS[rng.randint(2, 10)]  # 90 min on average: ~4.7 h a step, about as planned
            ended = started + dt.timedelta(minutes=int(minutes))
            self.w.add(TimeLog, job_id=job, operation_id=op, workstation_id=station, operator_id=operator,
                       started_at=started, ended_at=ended, labour_minutes=minutes,
                       machine_minutes=minutes if machine_rate else Decimal(0),
                       labour_rate=self.operator_rates[operator - 1], machine_rate=machine_rate, booked_at=ended,
                       source="manual")

    def inspected(self, job: int, check: int, kind: str, at: dt.datetime) -> None:
        from workshop.db.models import InspectionReading, InspectionResult
        operator = self.rng.randint(1, 30)
        # one time in thirty it fails first (a gap of 0.8 mm against ±0.5) and passes after rework
        readings = (["100.8", None] if self.rng.random() < 1 / 30 else [None])
        for k, reading in enumerate(readings):
            value = Decimal(reading) if reading else Decimal(100) + Decimal(self.rng.randint(-4, 4)) / 10
            result = self.w.add(InspectionResult, check_id=check, job_id=job, result="fail" if reading else "pass",
                                inspector_id=operator, inspector=f"Operator {operator:02d}",
                                recorded_at=min(at + dt.timedelta(hours=k * 24), self.now))
            if kind == "measured":
                self.w.add(InspectionReading, result_id=result, position=0, value=value, unit="mm")

    # --- invoices and payments -----------------------------------------------------------------
    def bill(self, job, customer, status, created, done_at, price) -> None:
        rng = self.rng
        deposit = Decimal(0)
        if status not in ("planned", "cancelled") and rng.random() < 0.115:  # 20,000 invoices in all
            deposit = (price * Decimal("0.3")).quantize(Decimal(1))
            issued = created.date() + dt.timedelta(days=2)
            paid = issued + dt.timedelta(days=14)
            payments = [(paid, deposit * Decimal("1.2"))] if paid <= self.today else []  # paid with its tax
            self.invoice(job, customer, "deposit", issued, deposit, payments)
        if status in BILLED:
            issued = min(done_at.date() + dt.timedelta(days=2), self.today)
            net = price - deposit
            gross = net * Decimal("1.2")
            paid = min(issued + dt.timedelta(days=rng.randint(7, 60)), self.today)
            if status == "closed":
                payments = [(paid, gross)] if rng.random() < 0.9 else [(issued, gross / 2), (paid, gross - gross / 2)]
            else:  # invoiced: unpaid, or part paid (the aged debts)
                payments = [(paid, (gross / 2).quantize(Decimal("0.01")))] if rng.random() < 0.4 else []
            self.invoice(job, customer, "final", issued, net, payments)

    def invoice(self, job, customer, kind, issued, net, payments) -> None:
        self.invoices.append(dict(job=job, customer=customer, kind=kind, issued=issued, net=net, payments=payments))

    def write_invoices(self) -> None:
        from workshop.db.models import Invoice, InvoiceLine, Payment
        from workshop.domain.invoice_status import settled_status
        # numbered in the order they were issued, as issuing them one by one would have
        for bill in sorted(self.invoices, key=lambda b: (b["issued"], b["job"], b["kind"])):
            net, tax = bill["net"], bill["net"] * Decimal("0.2")
            gross = net + tax
            paid = sum((amount for _day, amount in bill["payments"]), Decimal(0))
            issued = bill["issued"]
            invoice = self.w.add(
                Invoice, number=self.numbers.take("INV", issued.year), kind=bill["kind"],
                status=settled_status(gross, paid, Decimal(0)).value, job_id=bill["job"],
                customer_id=bill["customer"], currency="GBP", issue_date=issued, tax_point_date=issued,
                due_date=issued + dt.timedelta(days=30), payment_terms="30 days",
                buyer_name=self.customer_names[bill["customer"] - 1], buyer_country="GB",
                seller_name="Ten Year Joinery", seller_country="GB", seller_tax_number="GB123456789",
                net=net, tax=tax, gross=gross, created_at=_at(issued), issued_at=_at(issued, 10))
            self.w.add(InvoiceLine, invoice_id=invoice, position=0,
                       description=f"{bill['kind'].capitalize()} for the job", quantity=Decimal(1),
                       unit_price=net, category="standard", rate=Decimal(20), net=net)
            for day, amount in bill["payments"]:
                self.w.add(Payment, invoice_id=invoice, paid_on=day, amount=amount, method="bank transfer",
                           created_at=_at(day, 11))

    # --- what ties it together ------------------------------------------------------------------
    def opening_stock(self) -> list[dict]:
        """An opening movement per material, so that its stock ends positive; the material's figures then."""
        figures = []
        for material, cost in self.materials:
            moved = self.stock[material][0]
            opening = max(Decimal(0), -moved) + Decimal(self.rng.randint(10, 80))
            self.move(material, "opening", self.start - dt.timedelta(days=1), opening, cost)
            quantity, value = self.stock[material]
            figures.append(dict(id=material, stock_on_hand=quantity, stock_value=value))
        return figures

    def counters(self) -> None:
        from workshop.db.models import NumberSequence
        for (prefix, year), last in self.numbers.last.items():
            self.w.add(NumberSequence, prefix=prefix, year=year, last_value=last)


def build(path: Path, *, scale: float = 1.0, seed: int = 17, today: dt.date = TODAY) -> dict[str, int]:
    """Write the ten-year shop into a new database at ``path``; the rows written, per table."""
    from sqlalchemy import update

    from workshop.db.engine import open_database
    from workshop.db.models import Material, ShopSettings

    db = open_database(path, clock=lambda: _at(today))
    try:
        with db.session() as s:
            s.execute(update(ShopSettings).where(ShopSettings.id == 1).values(
                company_name="Ten Year Joinery", address="Unit 4, Mill Lane\nLeeds LS1 4AB", country="GB",
                tax_number="GB123456789"))
            writer = _Writer(s)
            shop = _Shop(writer, random.Random(seed), scale, today)
            shop.fixtures()
            shop.purchase_orders()
            shop.all_jobs()
            shop.write_invoices()
            figures = shop.opening_stock()
            shop.counters()
            writer.flush()
            s.execute(update(Material), figures)
        return writer.counts
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 20,000 jobs")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(tempfile.gettempdir()) / "workshop-ten-year-shop.db")
    args = parser.parse_args()
    args.output.unlink(missing_ok=True)
    begun = time.perf_counter()
    counts = build(args.output, scale=args.scale, seed=args.seed)
    seconds = time.perf_counter() - begun
    for table, count in counts.items():
        print(f"{table:24s} {count:>9,}")
    print(f"built {args.output} ({args.output.stat().st_size / 1048576:.0f} MiB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
