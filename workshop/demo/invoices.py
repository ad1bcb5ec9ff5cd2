"""The demo's invoices and payments, as the shop issued them along each job's life.

Every won job has the quote its customer accepted (``costing.make_accepted_quote``). Then, over the
whole shop in date order, so that numbers follow dates (``INV-YYYY-NNNN`` a year, no gaps):

- a deposit around acceptance when the quote asks for one (its terms say "40% deposit"); quotes
  from before the shop wrote that rule ask none, and on the bigger of those jobs it took 30%;
- a progress invoice part-way through some of the long jobs;
- the final invoice two days after delivery: issuing it marks the job invoiced;
- payments: deposits and progress invoices a few days to weeks after issue; a closed job's final
  in full, which closes the job; of the jobs still invoiced the oldest pays in part, the newest
  not yet, and some fall overdue;
- one credit note: a deposit billed above what the customer agreed is reduced; the final bills
  the difference, so the job still nets to its contract;
- after the quality seed (``bill_tickets``), the chargeable aftercare ticket on a manual invoice.

The fitted oak kitchen is left unbilled: it is the job a new user invoices by hand. Everything
goes through the services, with the demo clock set to each event's moment; the invoices have
their own random stream, so the other seeds' records stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..domain.job_statement import deposit_percent_in
from ..services import aftercare, invoices, job_invoices, jobs, payments, ticket_invoices
from ..services.invoice_views import get_invoice
from .costing import QUOTE_TERMS, make_accepted_quote

SEED = 1111
#: Quotes older than this (days before the demo's today) were written before the shop asked for deposits.
_DEPOSIT_RULE_AGE = 180
_EARLIER_TERMS = ("Prices exclude VAT. Payment within 30 days of the invoice. Drawings remain our property "
                  "until paid for.")
#: A job this big (net) without a deposit in its quote is asked for 30% anyway.
_BIG_JOB = Decimal(4000)
_BIG_JOB_DEPOSIT = Decimal(30)
#: A job this long in the making (days from start to inspection, or to today) may get a progress invoice.
_LONG_JOB_DAYS = 40
_MILESTONES = ["frames and carcasses made", "fabrication complete, ready for finishing", "first fix on site done"]
_LIVE = ("planned", "released", "in_progress", "on_hold", "inspection")  # jobs being made
_METHODS = ["bank_transfer", "bank_transfer", "bank_transfer", "card", "cheque"]


@dataclass
class _Job:
    """A job being billed: what its story is and what has been issued for it so far."""

    id: int
    outcome: str
    contract: Decimal
    deposit_percent: Decimal | None
    accepted: dt.datetime  # the job was made from the accepted quote
    history: dict[str, dt.datetime]  # status → when the job first reached it
    deposit_id: int | None = None  # each once issued
    progress_id: int | None = None
    final_id: int | None = None


def bill_jobs(db, demo) -> None:
    """Accepted quotes for the won jobs, then their invoices and payments in date order."""
    rng = random.Random(SEED)
    limit = dt.datetime.combine(demo.today, dt.time(8), tzinfo=dt.UTC) - dt.timedelta(minutes=1)
    events: list[tuple[dt.datetime, int, Callable[[dt.datetime], None]]] = []

    def at(moment: dt.datetime, action: Callable[[dt.datetime], None], *, clip: bool = False) -> None:
        """Plan ``action`` for ``moment``; one after the demo's last minute is dropped (or moved to it)."""
        if moment > limit and not clip:
            return
        events.append((min(moment, limit), len(events), action))

    billed = [job for job in _won_jobs(db, demo) if job.id != getattr(demo.kitchen_job, "id", None)]
    finals_waiting = []  # jobs left invoiced: their finals, paid later in part or not at all
    for job in billed:
        _plan_job(db, rng, job, at, finals_waiting, today=limit)
    _plan_credit_note(db, billed, at)
    _plan_final_payments(db, rng, finals_waiting, at)

    for moment, _, action in sorted(events, key=lambda e: (e[0], e[1])):
        demo.clock.now = moment
        action(moment)


def _won_jobs(db, demo) -> list[_Job]:
    rng = random.Random(SEED + 1)
    won = []
    for detail in (jobs.get_job(db, j.id) for j in demo.jobs):
        if detail.brief_id is None or detail.status == "cancelled":
            continue
        old = (demo.today - detail.created_at.date()).days > _DEPOSIT_RULE_AGE
        terms = _EARLIER_TERMS if old else QUOTE_TERMS
        contract = make_accepted_quote(db, rng, detail, terms)
        if contract is None:
            continue
        history = {}
        for change in detail.history:
            history.setdefault(change.to_status, change.at)
        won.append(_Job(id=detail.id, outcome=demo.outcomes.get(detail.id, detail.status), contract=contract,
                        deposit_percent=_deposit_percent(terms, contract), accepted=detail.created_at,
                        history=history))
    return sorted(won, key=lambda job: job.accepted)


def _deposit_percent(terms: str, contract: Decimal) -> Decimal | None:
    asked = deposit_percent_in(terms)
    if asked is not None:
        return asked
    return _BIG_JOB_DEPOSIT if contract >= _BIG_JOB else None


def _morning(moment: dt.datetime, days: int, hour: int = 10) -> dt.datetime:
    """``days`` after ``moment``, at ``hour`` o'clock: when the office does its paperwork."""
    return dt.datetime.combine((moment + dt.timedelta(days=days)).date(), dt.time(hour), tzinfo=dt.UTC)


def _plan_job(db, rng: random.Random, job: _Job, at, finals_waiting: list, *, today: dt.datetime) -> None:
    """A job's deposit, progress and final invoices, and the payments on them, each on its day."""
    if job.deposit_percent is not None:
        issued = _morning(job.accepted, rng.randint(1, 2))
        at(issued, lambda moment: _deposit(db, job, moment))
        paid, late = _morning(issued, rng.randint(4, 16), 11), rng.random()
        if job.outcome not in _LIVE or late >= 0.3:
            at(paid, _payment(db, lambda: job.deposit_id, rng.choice(_METHODS)))
        elif late >= 0.15:  # a live job's customer pays half the deposit, or nothing yet
            at(paid, _payment(db, lambda: job.deposit_id, rng.choice(_METHODS), share=Decimal("0.5")))

    started = job.history.get("in_progress")
    making_ends = job.history.get("inspection")
    if making_ends is None and job.outcome in ("in_progress", "on_hold"):
        making_ends = today  # still being made
    if started and making_ends and (making_ends - started).days >= _LONG_JOB_DAYS and rng.random() < 0.4:
        percent, milestone = Decimal(rng.choice([20, 25, 30])), rng.choice(_MILESTONES)
        issued = _morning(started, round((making_ends - started).days * 0.6))
        at(issued, lambda moment: _progress(db, job, percent, milestone, moment))
        at(_morning(issued, rng.randint(7, 14), 11), _payment(db, lambda: job.progress_id, rng.choice(_METHODS)))

    if job.outcome in ("invoiced", "closed"):
        issued = _morning(job.history["delivered"], 2)
        at(issued, lambda moment: _final(db, job, moment), clip=True)
        if job.outcome == "closed":  # paid in full, which closes the job
            at(_morning(issued, rng.randint(7, 35), 11), _payment(db, lambda: job.final_id, rng.choice(_METHODS)),
               clip=True)
        else:
            finals_waiting.append((issued, job))


def _deposit(db, job: _Job, moment: dt.datetime) -> None:
    draft = job_invoices.draft_deposit(db, job.id, percent=job.deposit_percent)
    job.deposit_id = invoices.issue(db, draft.id, issue_date=moment.date()).id


def _progress(db, job: _Job, percent: Decimal, milestone: str, moment: dt.datetime) -> None:
    draft = job_invoices.draft_progress(db, job.id, percent=percent, milestone=milestone)
    job.progress_id = invoices.issue(db, draft.id, issue_date=moment.date()).id


def _final(db, job: _Job, moment: dt.datetime) -> None:
    draft = job_invoices.draft_final(db, job.id)
    job.final_id = invoices.issue(db, draft.id, issue_date=moment.date()).id  # the job becomes invoiced


def _payment(db, invoice_id: Callable[[], int | None], method: str, share: Decimal = Decimal(1)):
    """An event paying ``share`` of what is owed then on the invoice (issued by an earlier event)."""

    def pay(moment: dt.datetime) -> None:
        if invoice_id() is None:  # not issued: its day fell after the demo's today
            return
        invoice = get_invoice(db, invoice_id())
        amount = invoice.balance if share == 1 else (invoice.balance * share).quantize(Decimal(10))
        if amount > 0:
            payments.record_payment(db, invoice.id, paid_on=moment.date(), amount=amount, method=method,
                                    reference=invoice.number)
    return pay


def _plan_credit_note(db, billed: list[_Job], at) -> None:
    """The first closed job with a deposit: the customer had agreed 10 points less than was billed.
    The credit note follows the deposit within days; the customer pays the rest, and the final
    bills what the deposit no longer does."""
    job = next((job for job in billed if job.outcome == "closed" and job.deposit_percent), None)
    if job is None:
        return
    agreed = job.deposit_percent - 10
    amount = (job.contract * Decimal(10) / 100).quantize(Decimal("0.01"))
    line = dict(description=f"Deposit reduced to {agreed.normalize():f}% of the quote, as agreed with the customer",
                quantity=Decimal(1), unit="ea", unit_price=amount)

    def credit(moment: dt.datetime) -> None:
        note = invoices.credit_note(db, job.deposit_id, lines=[line])
        invoices.issue(db, note.id, issue_date=moment.date())
    at(_morning(job.accepted, 3, 9), credit)


def _plan_final_payments(db, rng: random.Random, finals_waiting: list, at) -> None:
    """Finals of the jobs still invoiced: the oldest is paid in part, the newest not yet, the others
    in part or not at all (those past their due date are overdue)."""
    waiting = sorted(finals_waiting, key=lambda pair: pair[0])
    for index, (issued, job) in enumerate(waiting):
        if index == len(waiting) - 1 or (index > 0 and rng.random() < 0.5):
            continue
        at(_morning(issued, rng.randint(20, 40), 11),
           _payment(db, lambda job=job: job.final_id, rng.choice(_METHODS), share=Decimal("0.4")))


def bill_tickets(db, demo) -> None:
    """The chargeable aftercare tickets, once resolved, on a manual invoice issued today (not yet paid)."""
    now = demo.clock.now
    for ticket in aftercare.list_tickets(db):
        if ticket.status == "resolved" and not ticket.under_warranty and ticket.cost > 0:
            draft = ticket_invoices.draft_for_ticket(db, ticket.id)
            invoices.issue(db, draft.id, issue_date=demo.today)
    demo.clock.now = now
