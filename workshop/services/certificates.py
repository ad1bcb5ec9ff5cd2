"""What a certificate of conformity prints, gathered from the inspection records: the job,
the customer, every check with its standing result and readings, the finished-goods tests and
the non-conformances, and whether the completion gate would pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import FinishedTest, Job, NonConformance
from ..domain import quality as q
from .common import get_or_fail
from .finished_tests import test_view
from .gate import gate_problems_in_session
from .inspection_state import check_states, check_view, ordered_checks, reading_views

@dataclass(frozen=True)
class CertificateCheck:
    where: str  # "030 Check and oil" or "Final inspection"
    characteristic: str
    method: str
    check_type: str  # measured | pass_fail | visual
    nominal: Decimal | None
    tolerance: str  # "± 0.1" …
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    unit: str
    required: bool
    readings: tuple[str, ...]  # as typed, with their units: ("25.02 mm", "2.505 cm")
    reading_values: tuple[Decimal, ...]  # in the check's unit
    result: str  # pass | fail | concession | "" (not inspected)
    inspector: str
    inspected_at: dt.datetime | None
    notes: str
    corrected: bool  # the standing result is a correction of an earlier one
    concession_reference: str


@dataclass(frozen=True)
class CertificateTest:
    name: str
    method: str
    value: Decimal | None
    unit: str
    tolerance: str
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    result: str
    tester: str
    tested_at: dt.datetime
    notes: str


@dataclass(frozen=True)
class CertificateNcr:
    number: str
    description: str
    disposition: str
    concession_reference: str
    status: str
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class CertificateData:
    job_number: str
    job_title: str
    quantity: int
    customer_name: str
    customer_address: str
    specification: str
    job_status: str
    issued_at: dt.datetime
    checks: tuple[CertificateCheck, ...]
    tests: tuple[CertificateTest, ...]
    nonconformances: tuple[CertificateNcr, ...]
    problems: tuple[str, ...]  # the gate's: empty when the job conforms

    @property
    def conforms(self) -> bool:
        return not self.problems


def certificate_data(db: Database, job_id: int) -> CertificateData:
    """Everything a certificate of conformity prints: the job, the customer, the specification,
    every check with its standing result and readings, inspector and date, the finished-goods
    tests, and the non-conformances (with concessions). ``problems`` is non-empty while the
    gate would refuse the job."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        states = check_states(s, job_id)
        ncrs = list(s.scalars(select(NonConformance).where(NonConformance.job_id == job_id)
                              .order_by(NonConformance.id)))
        checks = []
        for c in ordered_checks(s, job_id):
            state = states[c.id]
            r = state.result
            view = check_view(c, state, r is not None)
            readings = reading_views(c, r) if r is not None else ()
            concession = next((n.concession_reference for n in reversed(ncrs)
                               if n.check_id == c.id and n.disposition == q.Disposition.USE_AS_IS), "")
            checks.append(CertificateCheck(
                view.where, c.characteristic, c.method, c.check_type, c.nominal, view.tolerance_text,
                view.lower_limit, view.upper_limit, c.unit, c.required, tuple(x.text for x in readings),
                tuple(x.value_in_check_unit for x in readings), state.state if r is not None else "",
                r.inspector if r else "", r.recorded_at if r else None, r.notes if r else "",
                bool(r and r.corrects_id), concession if state.state == "concession" else ""))
        tests = []
        for t in s.scalars(select(FinishedTest).where(FinishedTest.job_id == job_id)
                           .order_by(FinishedTest.tested_at, FinishedTest.id)):
            tv = test_view(s, t)
            tests.append(CertificateTest(t.name, t.method, t.value, t.value_unit or t.unit, tv.tolerance_text,
                                         tv.lower_limit, tv.upper_limit, t.result, t.tester, t.tested_at, t.notes))
        return CertificateData(
            job.number, job.title, job.quantity, job.customer.name, job.customer.address, job.specification,
            job.status, db.now(), tuple(checks), tuple(tests),
            tuple(CertificateNcr(n.number, n.description, q.Disposition(n.disposition).label if n.disposition else "",
                                 n.concession_reference, n.status, n.closed_at) for n in ncrs),
            tuple(gate_problems_in_session(s, job_id)))
