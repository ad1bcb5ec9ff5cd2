"""Finished-goods tests: final tests on the finished goods (load test, electrical test, finish
adhesion …), a measured value against nominal and tolerance as for checks, or pass/fail. A
failed test raises a non-conformance report in the same transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import FinishedTest, Job, NonConformance
from ..domain import quality as q
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.statuses import INSPECTABLE_JOB_STATUSES, JobStatus
from .common import get_or_fail, session_locale
from .inspection import clean_check, job_in, resolve_inspector, when_given
from .inspection_state import FinishedTestView, finished_test_view, finished_test_views


def test_view(s: Session, t: FinishedTest) -> FinishedTestView:
    return finished_test_view(t, s.scalar(select(NonConformance.number)
                                          .where(NonConformance.finished_test_id == t.id)
                                          .order_by(NonConformance.id).limit(1)))


TEST_TYPES = ("measured", "pass_fail")


def record_finished_test_in_session(s: Session, db: Database, job_id: int, *, name: object, tester: object = "",
                                    tester_id: object = None, test_type: object = "measured", method: object = "",
                                    nominal: object = None, lower_tolerance: object = None,
                                    upper_tolerance: object = None, unit: object = "", value: object = None,
                                    result: object = None, notes: object = "", tested_at: object = None,
                                    any_status: bool = False) -> FinishedTest:
    name = v.text("name", name, required=True)
    method = v.text("method", method)
    test_type = v.choice("test_type", test_type, TEST_TYPES)
    notes = v.long_text("notes", notes)
    given = q.Result(v.choice("result", result, [r.value for r in q.Result])) if result not in (None, "") else None
    tol, reading, summary = None, None, ""
    if test_type == "measured":
        locale = session_locale(s)
        spec = clean_check(dict(characteristic=name, nominal=nominal, lower_tolerance=lower_tolerance,
                                upper_tolerance=upper_tolerance, unit=unit), locale=locale)
        tol = q.Tolerance(spec["nominal"], spec["lower_tolerance"], spec["upper_tolerance"], spec["unit"])
        try:
            parsed = q.parse_readings(value, tol.unit, locale)
            if len(parsed) != 1:
                raise ValidationError("value", "Give one value for the test." if parsed else "The value is required.")
            outcome = q.evaluate(tol, parsed)
        except ValidationError as exc:
            raise ValidationError("value", exc.message) from None
        reading = parsed[0]
        if given is not None and given is not outcome.result:
            raise ValidationError("result", f"The value gives {outcome.result.label}, not {given.label}.")
        given = outcome.result
        if not outcome.passed:
            summary = f"{reading.text} outside {q.fmt(tol.lower_limit)}–{q.fmt(tol.upper_limit)} {tol.unit}".strip()
    elif given is None:
        raise ValidationError("result", "Choose pass or fail.")
    who, tester_op = resolve_inspector(s, tester, tester_id, field="tester")
    when = when_given(db, tested_at, "tested_at")
    job = job_in(s, job_id, set(JobStatus) if any_status else INSPECTABLE_JOB_STATUSES, "it cannot be tested now")
    test = FinishedTest(job_id=job.id, name=name, method=method, test_type=test_type,
                        nominal=tol.nominal if tol else None, lower_tolerance=tol.lower if tol else None,
                        upper_tolerance=tol.upper if tol else None, unit=tol.unit if tol else "",
                        value=reading.value if reading else None, value_unit=reading.unit if reading else "",
                        result=given.value, tester=who, tester_id=tester_op, tested_at=when, notes=notes)
    s.add(test)
    s.flush()
    if given is q.Result.FAIL:
        from .nonconformance import raise_in_session

        raise_in_session(s, db, job=job, description=f"Finished-goods test “{name}” failed"
                                                     + (f": {summary}." if summary else "."),
                         finished_test=test, raised_by=who, raised_at=when)
    return test


@writes(Change.QUALITY)
def record_finished_test(db: Database, job_id: int, *, name: str, tester: str = "", tester_id: int | None = None,
                         test_type: str = "measured", method: str = "", nominal=None, lower_tolerance=None,
                         upper_tolerance=None, unit: str = "", value=None, result: str | None = None,
                         notes: str = "", tested_at=None) -> FinishedTestView:
    """A final test on the finished goods (load test, electrical test, finish adhesion …):
    a measured ``value`` against nominal and tolerance (as for checks), or ``result`` pass/fail.
    A failed test raises a non-conformance report."""
    with db.session() as s:
        return test_view(s, record_finished_test_in_session(
            s, db, job_id, name=name, tester=tester, tester_id=tester_id, test_type=test_type, method=method,
            nominal=nominal, lower_tolerance=lower_tolerance, upper_tolerance=upper_tolerance, unit=unit,
            value=value, result=result, notes=notes, tested_at=tested_at))


def list_finished_tests(db: Database, job_id: int) -> list[FinishedTestView]:
    """The job's tests in the order they were made, each with the report it raised (one read)."""
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        return finished_test_views(s, FinishedTest.job_id == job_id)
