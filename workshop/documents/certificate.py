"""The certificate of conformity, from the job's recorded inspections.

The inspection service gathers what the certificate prints (its own ``CertificateData``,
with live values); this module maps it onto the printer's plain text dataclasses. Readings
are printed as the inspector recorded them, with their units ("25.02 mm", "2.505 cm"), so the
check's unit goes into the nominal and tolerance text here rather than after every reading.

A job that does not conform (the gate's problems: a required check without a pass, an open
non-conformance) gets no certificate; ``draft=True`` prints one headed DRAFT that lists what
is still outstanding, for checking before the job is finished.
"""

from __future__ import annotations

import datetime as dt

from ..db.engine import Database
from ..domain.errors import ValidationError
from ..domain.quality import fmt
from ..printing.certificate import (CertificateCheck, CertificateData, CertificateNonConformance, CertificateTest,
                                    render_certificate)
from ..services import certificates, settings
from ..services.certificates import CertificateCheck as CheckRecord
from ..services.certificates import CertificateTest as TestRecord
from .common import letterhead_and_page

_RESULTS = {"pass": "PASS", "fail": "FAIL", "concession": "FAIL"}
_NCR_STATUSES = {"open": "Open", "dispositioned": "Dispositioned", "verified": "Verified", "closed": "Closed"}


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}".strip() if text else ""


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.astimezone()


def _check(c: CheckRecord) -> CertificateCheck:
    if c.check_type == "measured":
        nominal, tolerance = _with_unit(fmt(c.nominal), c.unit), _with_unit(c.tolerance, c.unit)
    else:
        nominal, tolerance = "", "pass / fail" if c.check_type == "pass_fail" else "visual"
    notes = [c.notes]
    if c.result == "concession":
        notes.append(f"Out of tolerance; accepted as it is under the customer's concession "
                     f"{c.concession_reference}".strip() + ".")
    if c.corrected:
        notes.append("Result corrected (the original entry is kept on the record).")
    if not c.result:
        notes.append("Not yet inspected.")
    return CertificateCheck(
        characteristic=c.characteristic, result=_RESULTS.get(c.result, ""), inspector=c.inspector,
        inspected_at=_local(c.inspected_at), readings=c.readings, nominal=nominal, tolerance=tolerance,
        method=c.method, stage=c.where, notes=" ".join(n for n in notes if n))


def _requirement(t: TestRecord) -> str:
    if t.lower_limit is not None and t.upper_limit is not None:
        return _with_unit(f"{fmt(t.lower_limit)} to {fmt(t.upper_limit)}", t.unit)
    return "pass / fail"


def _test(t: TestRecord) -> CertificateTest:
    return CertificateTest(name=t.name, requirement=_requirement(t),
                           value=_with_unit(fmt(t.value), t.unit) if t.value is not None else "—",
                           result=_RESULTS.get(t.result, t.result.upper()), tested_by=t.tester,
                           tested_at=_local(t.tested_at), method=t.method, notes=t.notes)


def certificate_data(db: Database, job_id: int, *, draft: bool = False) -> CertificateData:
    record = certificates.certificate_data(db, job_id)
    if not record.conforms and not draft:
        raise ValidationError("job", f"Job {record.job_number} does not conform yet, so it cannot be certified: "
                                     + "; ".join(record.problems) + ". Print a draft to check it.")
    draft = draft and not record.conforms  # a conforming job's "draft" is the certificate itself
    notes = ""
    declaration = None
    if draft:
        notes = "Outstanding before this job can be certified:\n" + "\n".join(f"• {p}" for p in record.problems)
        declaration = ("DRAFT, for checking only. The job does not yet conform to its inspection plan, so no "
                       "declaration of conformity is made. This page is not a certificate.")
    extra = {"declaration": declaration} if declaration else {}
    return CertificateData(
        certificate_number=f"COC-{record.job_number}", issue_date=record.issued_at.astimezone().date(),
        job_number=record.job_number, job_title=record.job_title, customer_name=record.customer_name,
        customer_address=record.customer_address, quantity=record.quantity, specification=record.specification,
        checks=tuple(_check(c) for c in record.checks), tests=tuple(_test(t) for t in record.tests),
        non_conformances=tuple(
            CertificateNonConformance(number=n.number, description=n.description, disposition=n.disposition or "—",
                                      status=_NCR_STATUSES.get(n.status, n.status.capitalize()),
                                      concession=n.concession_reference,
                                      closed_on=n.closed_at.astimezone().date() if n.closed_at else None)
            for n in record.nonconformances),
        notes=notes, draft=draft, locale=settings.get_settings(db).locale, **extra,
    )


def certificate_pdf(db: Database, job_id: int, draft: bool = False) -> bytes:
    """The certificate of conformity. Refused (ValidationError naming the problems) while the
    job does not conform, unless ``draft``: then a page headed DRAFT with the problems listed."""
    letterhead, page = letterhead_and_page(db)
    return render_certificate(certificate_data(db, job_id, draft=draft), letterhead, page)
