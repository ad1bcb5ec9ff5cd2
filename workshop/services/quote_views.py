"""What a quote looks like to the screens and the printed quote (``services.quotes`` makes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..domain.pricing import QuotePrice
from ..domain.statuses import QuoteStatus


@dataclass(frozen=True)
class QuoteLineView:
    position: int
    category: str
    description: str
    amount: Decimal
    explanation: str


@dataclass(frozen=True)
class QuoteHoursView:
    workstation_id: int
    workstation_code: str
    workstation_name: str
    hours: Decimal


@dataclass(frozen=True)
class QuoteRow:
    id: int
    number: str
    revision: int
    label: str  # "Q-2026-0012 rev 2"
    brief_id: int
    brief_number: str
    customer_name: str
    title: str
    status: QuoteStatus
    price: Decimal
    valid_until: dt.date | None
    created_at: dt.datetime
    job_number: str | None


@dataclass(frozen=True)
class QuoteDetail:
    id: int
    number: str
    revision: int
    label: str
    brief_id: int
    brief_number: str
    customer_id: int
    customer_name: str
    title: str
    status: QuoteStatus
    quantity: int
    valid_until: dt.date | None
    contingency_pct: Decimal
    markup_pct: Decimal | None
    target_margin_pct: Decimal | None
    design_fee: Decimal
    terms: str
    notes: str
    lines: tuple[QuoteLineView, ...]
    pricing: QuotePrice  # cost, contingency, markup, design fee, price, margin: each a Figure with its "how"
    price: Decimal  # before tax
    tax_rate: Decimal
    tax: Decimal
    total: Decimal  # price + tax
    currency: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    decided_on: dt.date | None
    decision_reason: str
    job_id: int | None
    job_number: str | None
    is_latest: bool
    is_overdue: bool  # sent and past its validity date: it can only expire or be revised
    allowed_actions: tuple[str, ...]  # of: edit, send, accept, reject, expire, revise
    revisions: tuple[QuoteRow, ...]  # every revision of this number, oldest first
    closed_reason: str = ""  # why the quote can no longer be edited, sent or accepted ("" when it can)
    payment_terms: str = ""  # from the shop's settings when the quote was written, then its own
    exclusions: str = ""
    print_constraints: bool = False  # the brief's internal constraints go on the printed quote
    promised_date: dt.date | None = None  # the delivery date it promises (the job's due date on acceptance)
    hours: tuple[QuoteHoursView, ...] = ()  # the hours it was promised on, in the order the work is done
    version: int = 1  # the number of its last change (issue 18: a draft is saved from the version shown)
    updated_by: str = ""  # who made it ("anna on OFFICE-PC")
    saved_at: dt.datetime | None = None  # and when (None: last saved before it was kept)
