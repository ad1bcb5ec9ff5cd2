"""Inspection: checks on operations and in the final inspection, results worked out from the
tolerance, corrections (never edits) and the work list of inspections due. Finished-goods tests
are in ``finished_tests``, the completion gate in ``gate``, a certificate's data in ``certificates``.

A check's tolerance is a pair of deviations from its nominal (see ``domain.quality``). A signed
result is never changed: ``correct_result`` adds a new result that replaces the old one in its
place, with a reason, and the old one stays on record. A failed result (or finished-goods test)
raises a non-conformance report in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Sequence
from functools import partial

from sqlalchemy import func, not_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import (Customer, FinishedTest, InspectionCheck, InspectionPhoto, InspectionReading, InspectionResult, Job,
                         NonConformance, Operation, Operator)
from ..domain import quality as q
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import NotFoundError, ValidationError
from ..domain.locale_text import DEFAULT_LOCALE
from ..domain.statuses import INSPECTABLE_JOB_STATUSES, PLANNABLE_INSPECTION_JOB_STATUSES, JobStatus
from .attachments import store_blob
from .common import clean_fields, get_or_fail, session_locale
from .inspection_state import (AFTER_EVERY_OPERATION, FINAL_INSPECTION, CheckDetail, CheckView, DueInspection,
                               PhotoView, ResultView, check_states, check_states_of_jobs, check_view, check_view_of,
                               concession_filter, finished_test_views, ordered_checks, result_rows, result_view,
                               result_views, simply_passed, states_of, tolerance_of, where_text)

#: Jobs whose inspections appear on the work list.
_DUE_STATUSES = (JobStatus.IN_PROGRESS.value, JobStatus.INSPECTION.value)


# --- validating a check ------------------------------------------------------------------------


_BASE_VALIDATORS = {
    "characteristic": partial(v.text, "characteristic", required=True),
    "method": partial(v.text, "method"),
    "check_type": partial(v.choice, "check_type", allowed=[t.value for t in q.CheckType]),
    "nominal": lambda x: x,
    "lower_tolerance": lambda x: x,
    "upper_tolerance": lambda x: x,
    "unit": lambda x: q.canonical_unit(v.text("unit", x, max_length=20)),
    "required": lambda x: True if x is None else bool(x),
}
CHECK_DEFAULTS = {"method": "", "check_type": "measured", "nominal": None, "lower_tolerance": None,
                  "upper_tolerance": None, "unit": "", "required": True}
CHECK_FIELDS = tuple(_BASE_VALIDATORS)


def clean_check(values: dict, current: dict | None = None, *, locale: str = DEFAULT_LOCALE) -> dict:
    """Validate a check's fields (the whole check: ``current`` merged with ``values``).
    Used for a job's checks and a template step's checks alike."""
    merged = {**CHECK_DEFAULTS, **(current or {}), **values}
    clean = clean_fields(_BASE_VALIDATORS, merged, partial=False)
    if clean["check_type"] == q.CheckType.MEASURED:
        for name in ("nominal", "lower_tolerance", "upper_tolerance"):
            clean[name] = q.number(name, clean[name], locale=locale)  # as the shop writes figures
        q.Tolerance(clean["nominal"], clean["lower_tolerance"], clean["upper_tolerance"], clean["unit"])
    else:  # pass/fail and visual checks have no numbers
        clean.update(nominal=None, lower_tolerance=None, upper_tolerance=None, unit="")
    return clean


def check_fields(check) -> dict:
    return {name: getattr(check, name) for name in CHECK_FIELDS}


# --- checks ------------------------------------------------------------------------------------


def job_in(s: Session, job_id: int, allowed: set[JobStatus], what: str) -> Job:
    job = get_or_fail(s, Job, job_id, "job", "job")
    status = JobStatus(job.status)
    if status not in allowed:
        raise ValidationError("job", f"Job {job.number} is {status.label.lower()}; {what}.")
    return job


def add_check_in_session(s: Session, *, job_id: int | None = None, operation_id: int | None = None,
                         any_status: bool = False, **values) -> InspectionCheck:
    clean = clean_check(values, locale=session_locale(s))
    if operation_id not in (None, ""):
        op = get_or_fail(s, Operation, operation_id, "operation_id", "operation")
        if job_id not in (None, "") and int(job_id) != op.job_id:
            raise ValidationError("operation_id", "That operation belongs to another job.")
        job_id, operation_id = op.job_id, op.id
    elif job_id in (None, ""):
        raise ValidationError("operation_id", "Choose the operation the check belongs to, or the final inspection.")
    else:
        operation_id = None
    job = job_in(s, job_id, set(JobStatus) if any_status else PLANNABLE_INSPECTION_JOB_STATUSES,
                  "its inspection plan can no longer change")
    last = s.scalars(select(InspectionCheck.position).where(
        InspectionCheck.job_id == job.id,
        InspectionCheck.operation_id == operation_id if operation_id else InspectionCheck.operation_id.is_(None))
        .order_by(InspectionCheck.position.desc()).limit(1)).first()
    check = InspectionCheck(job_id=job.id, operation_id=operation_id, position=(last or 0) + 1, **clean)
    s.add(check)
    s.flush()
    return check


@writes(Change.QUALITY)
def add_check(db: Database, *, job_id: int | None = None, operation_id: int | None = None, **values) -> CheckView:
    """A check at an operation (``operation_id``) or, with only ``job_id``, in the job's final
    inspection. Fields: characteristic, method, check_type (measured | pass_fail | visual),
    nominal, lower_tolerance, upper_tolerance (deviations, lower <= upper), unit, required."""
    with db.session() as s:
        check = add_check_in_session(s, job_id=job_id, operation_id=operation_id, **values)
        return check_view(check, None, False)


def _editable(s: Session, check_id: int) -> InspectionCheck:
    check = get_or_fail(s, InspectionCheck, check_id, "check", "check")
    job_in(s, check.job_id, PLANNABLE_INSPECTION_JOB_STATUSES, "its inspection plan can no longer change")
    if s.scalar(select(InspectionResult.id).where(InspectionResult.check_id == check.id).limit(1)) is not None:
        raise ValidationError("check", f"“{check.characteristic}” has been inspected; its results stand as "
                                       "recorded. Add a new check instead.")
    return check


@writes(Change.QUALITY)
def update_check(db: Database, check_id: int, **changes) -> CheckView:
    """Edit a check that has not been inspected yet."""
    with db.session() as s:
        check = _editable(s, check_id)
        clean = clean_check(changes, check_fields(check), locale=session_locale(s))
        for name, value in clean.items():
            setattr(check, name, value)
        s.flush()
        return check_view(check, None, False)


@writes(Change.QUALITY)
def remove_check(db: Database, check_id: int) -> None:
    """Remove a check that has not been inspected yet."""
    with db.session() as s:
        s.delete(_editable(s, check_id))


def list_checks(db: Database, job_id: int, *, operation_id: int | None = None) -> list[CheckView]:
    """The job's checks in routing order (the final inspection last), with where each stands."""
    with db.reader() as s:
        get_or_fail(s, Job, job_id, "job", "job")
        states = check_states(s, job_id)
        inspected = set(s.scalars(select(InspectionResult.check_id).where(InspectionResult.job_id == job_id)))
        return [check_view(c, states.get(c.id), c.id in inspected) for c in ordered_checks(s, job_id)
                if operation_id is None or c.operation_id == operation_id]


def get_check(db: Database, check_id: int) -> CheckView:
    with db.reader() as s:
        check = get_or_fail(s, InspectionCheck, check_id, "check", "check")
        inspected = s.scalar(select(InspectionResult.id).where(InspectionResult.check_id == check.id).limit(1))
        return check_view(check, check_states(s, check.job_id).get(check.id), inspected is not None)


def _an_id(value: object, field: str, label: str) -> int:
    """``value`` as a record id, refused as ``get_or_fail`` refuses it."""
    if value is None or isinstance(value, bool):
        raise ValidationError(field, f"Choose a {label}.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(field, f"“{value}” is not a {label}.") from None


def check_detail(db: Database, check_id: int, *, with_job: bool = True) -> CheckDetail:
    """What the Inspection tab shows for a chosen check, in one read: the check with where it stands
    (as ``get_check``) and every result signed for it (as ``list_results``); ``with_job``, its job's
    heading, non-conformance reports (as ``list_ncrs``) and finished-goods tests (as
    ``list_finished_tests``) too. The same few statements however many results, reports and tests:
    the check, its job's results, the closed concessions when the check has failed, the results'
    readings, photos and reports when it has results, and the job's reports and tests."""
    from .nonconformance import ncr_views

    check_id = _an_id(check_id, "check", "check")
    with db.reader() as s:
        c = InspectionCheck
        check = s.execute(
            select(c.id, c.job_id, c.operation_id, c.position, c.characteristic, c.method, c.check_type, c.nominal,
                   c.lower_tolerance, c.upper_tolerance, c.unit, c.required, Operation.op_number,
                   Operation.name.label("operation_name"), Job.number.label("job_number"),
                   Job.title.label("job_title"), Customer.name.label("customer_name"))
            .join(Job, Job.id == c.job_id).join(Customer, Customer.id == Job.customer_id)
            .outerjoin(Operation, Operation.id == c.operation_id).where(c.id == check_id)).first()
        if check is None:
            raise NotFoundError("check", f"There is no check with id {check_id}.")
        job_results = result_rows(s, InspectionResult.job_id == check.job_id)  # its state is the job's rule
        mine = [r for r in job_results if r.check_id == check_id]
        concessions = ()
        if any(r.result == q.Result.FAIL for r in mine):
            concessions = s.execute(select(NonConformance.check_id, NonConformance.result_id)
                                    .where(NonConformance.job_id == check.job_id,
                                           NonConformance.check_id == check_id, *concession_filter())).all()
        state = states_of([check_id], job_results, concessions)[check_id]
        superseded: dict[int, int] = {}
        for r in sorted(job_results, key=lambda r: r.id, reverse=True):  # the first correction, as list_results
            if r.corrects_id is not None:
                superseded[r.corrects_id] = r.id
        view = check_view_of(check, check.op_number, check.operation_name, state, bool(mine))
        results = tuple(result_views(s, mine, superseded))
        reports = tests = None
        if with_job:
            reports = tuple(ncr_views(s, NonConformance.job_id == check.job_id))
            tests = tuple(finished_test_views(s, FinishedTest.job_id == check.job_id))
        return CheckDetail(view, results, check.job_number, check.job_title, check.customer_name, reports, tests)


def copy_checks_in_session(s: Session, source_checks: Sequence, *, job_id: int, operation_id: int | None) -> None:
    """Copy checks (a template step's) onto an operation: routing templates use it."""
    for i, c in enumerate(source_checks, start=1):
        s.add(InspectionCheck(job_id=job_id, operation_id=operation_id, position=i, **check_fields(c)))


# --- results -----------------------------------------------------------------------------------


def resolve_inspector(s: Session, inspector: object, inspector_id: object, field: str = "inspector") -> tuple[str, int | None]:
    name = v.text(field, inspector)
    operator = None
    if inspector_id not in (None, ""):
        operator = get_or_fail(s, Operator, inspector_id, f"{field}_id", "operator")
        name = name or operator.name
    if not name:
        raise ValidationError(field, f"Who {'tested' if field == 'tester' else 'inspected'}? "
                                     f"The {field}'s name is required.")
    return name, operator.id if operator else None


def when_given(db: Database, value: object, field: str = "recorded_at") -> dt.datetime:
    value = v.moment(field, value)
    if value is None:
        return db.now()
    if value > db.now() + dt.timedelta(minutes=5):
        raise ValidationError(field, "A result cannot be recorded in the future.")
    return value


def _photos(s: Session, photos: Sequence) -> list[InspectionPhoto]:
    made = []
    for item in photos or ():
        try:
            file_name, data = item
        except (TypeError, ValueError):
            raise ValidationError("photos", "Each photo is a file name and its bytes.") from None
        name = v.text("photos", file_name, required=True, max_length=255)
        blob = store_blob(s, data, field="photos")
        made.append(InspectionPhoto(blob_sha256=blob.sha256, file_name=name,
                                    media_type=mimetypes.guess_type(name)[0] or "application/octet-stream"))
    return made


def _evaluate(check: InspectionCheck, readings: object, result: object,
              locale: str) -> tuple[q.Result, list[q.Reading], str]:
    """The result and readings for ``check``; measured checks work the result out themselves."""
    given = None
    if result not in (None, ""):
        given = q.Result(v.choice("result", result, [r.value for r in q.Result]))
    if check.check_type == q.CheckType.MEASURED:
        parsed = q.parse_readings(readings, check.unit, locale)
        outcome = q.evaluate(tolerance_of(check), parsed)
        if given is not None and given is not outcome.result:
            raise ValidationError("result", f"The readings give {outcome.result.label}, not {given.label}: "
                                            f"the limits are {q.fmt(tolerance_of(check).lower_limit)} to "
                                            f"{q.fmt(tolerance_of(check).upper_limit)} {check.unit}.".rstrip())
        bad = ", ".join(parsed[i].text for i in outcome.out_of_tolerance)
        summary = (f"reading {bad} outside {q.fmt(tolerance_of(check).lower_limit)}–"
                   f"{q.fmt(tolerance_of(check).upper_limit)} {check.unit}".strip()) if bad else ""
        return outcome.result, parsed, summary
    if readings not in (None, "") and str(readings).strip():
        raise ValidationError("readings", "A pass/fail or visual check takes no readings: write what you saw "
                                          "in the notes.")
    if given is None:
        raise ValidationError("result", "Choose pass or fail.")
    return given, [], ""


def record_result_in_session(s: Session, db: Database, check_id: int, *, inspector: object = "",
                             inspector_id: object = None, readings: object = "", result: object = None,
                             notes: object = "", photos: Sequence = (), recorded_at: object = None,
                             corrects: InspectionResult | None = None, reason: str = "",
                             any_status: bool = False) -> InspectionResult:
    check = get_or_fail(s, InspectionCheck, check_id, "check", "check")
    outcome, parsed, summary = _evaluate(check, readings, result, session_locale(s))
    name, operator_id = resolve_inspector(s, inspector, inspector_id)
    notes = v.long_text("notes", notes)
    when = when_given(db, recorded_at)
    allowed = set(JobStatus) - {JobStatus.CANCELLED} if (any_status or corrects is not None) else INSPECTABLE_JOB_STATUSES
    job = job_in(s, check.job_id, allowed, "it cannot be inspected now")
    row = InspectionResult(check_id=check.id, job_id=job.id, result=outcome.value, inspector=name,
                           inspector_id=operator_id, recorded_at=when, notes=notes,
                           corrects_id=corrects.id if corrects else None, correction_reason=reason)
    row.readings = [InspectionReading(position=i, value=r.value, unit=r.unit) for i, r in enumerate(parsed, 1)]
    row.photos = _photos(s, photos)
    s.add(row)
    s.flush()
    if outcome is q.Result.FAIL:
        already = s.scalar(select(NonConformance.id).where(NonConformance.check_id == check.id,
                                                           NonConformance.status != q.NcrStatus.CLOSED).limit(1))
        if corrects is None or already is None:
            from .nonconformance import raise_in_session

            where = f"{check.operation.op_number:03d} {check.operation.name}" if check.operation else FINAL_INSPECTION
            description = f"“{check.characteristic}” failed at {where}"
            description += f": {summary}." if summary else (f": {notes}" if notes else ".")
            raise_in_session(s, db, job=job, description=description, check=check, result=row, raised_by=name,
                             raised_at=when)
    return row


@writes(Change.QUALITY)
def record_result(db: Database, check_id: int, *, inspector: str = "", inspector_id: int | None = None,
                  readings: object = "", result: str | None = None, notes: str = "",
                  photos: Sequence[tuple[str, bytes]] = (), recorded_at=None) -> ResultView:
    """Sign a result. Measured checks: ``readings`` as text ("25.02, 25.05", units allowed:
    "2.502 cm") or a list; pass/fail is worked out from the tolerance (every reading must be
    within it). Pass/fail and visual checks: ``result`` "pass" or "fail", details in ``notes``.
    ``inspector`` (a name) or ``inspector_id`` (an operator) is required. ``photos``: (file name,
    bytes) pairs. A fail raises a non-conformance report in the same transaction."""
    with db.session() as s:
        row = record_result_in_session(s, db, check_id, inspector=inspector, inspector_id=inspector_id,
                                       readings=readings, result=result, notes=notes, photos=photos,
                                       recorded_at=recorded_at)
        return result_view(s, row)


@writes(Change.QUALITY)
def correct_result(db: Database, result_id: int, *, reason: str, inspector: str = "",
                   inspector_id: int | None = None, readings: object = "", result: str | None = None,
                   notes: str = "", photos: Sequence[tuple[str, bytes]] = ()) -> ResultView:
    """Correct a signed result: a NEW result that takes the old one's place, with a reason.
    The old result stays on record, unchanged. A correction to a fail raises a report unless
    one is already open for the check."""
    reason = v.long_text("reason", reason, required=True)
    with db.session() as s:
        old = get_or_fail(s, InspectionResult, result_id, "result_id", "inspection result")
        newer = s.scalar(select(InspectionResult.id).where(InspectionResult.corrects_id == old.id))
        if newer is not None:
            raise ValidationError("result_id", f"That result was already corrected (result {newer}); correct "
                                               "the correction instead.")
        row = record_result_in_session(s, db, old.check_id, inspector=inspector, inspector_id=inspector_id,
                                       readings=readings, result=result, notes=notes, photos=photos,
                                       corrects=old, reason=reason)
        return result_view(s, row)


def list_results(db: Database, *, job_id: int | None = None, check_id: int | None = None) -> list[ResultView]:
    """Every result, corrected ones included (``superseded_by`` says which replaced them), oldest first."""
    if job_id is None and check_id is None:
        raise ValidationError("job", "Choose a job or a check.")
    with db.reader() as s:
        where = []
        if job_id is not None:
            get_or_fail(s, Job, job_id, "job", "job")
            where.append(InspectionResult.job_id == job_id)
        if check_id is not None:
            get_or_fail(s, InspectionCheck, check_id, "check", "check")
            where.append(InspectionResult.check_id == check_id)
        return result_views(s, result_rows(s, *where))


def result_photo(db: Database, photo_id: int) -> tuple[PhotoView, bytes]:
    from ..db.models import AttachmentBlob

    with db.reader() as s:
        p = get_or_fail(s, InspectionPhoto, photo_id, "photo", "photo")
        return PhotoView(p.id, p.file_name, p.media_type, p.blob_sha256), s.get(AttachmentBlob, p.blob_sha256).data


def due_inspections(db: Database, *, job_id: int | None = None) -> list[DueInspection]:
    """The work list: checks without a pass on jobs in progress or in inspection, soonest due first
    (then by job, and each job's checks in routing order, the final inspection last).

    Four reads however many jobs there are: the checks with their job, customer and operation, but
    for those the database can tell have simply passed (``simply_passed``: most of them); the
    results and the closed concessions of the jobs left (each check's state by the rule,
    ``check_states_of_jobs``); their open reports."""
    with db.reader() as s:
        chosen = (Job.status.in_(_DUE_STATUSES),) + ((Job.id == job_id,) if job_id is not None else ())
        c = InspectionCheck
        checks = s.execute(
            select(Job.id.label("job_id"), Job.number, Job.title, Customer.name.label("customer_name"), Job.status,
                   Job.due_date, c.id, c.operation_id, Operation.op_number, Operation.name.label("operation_name"),
                   c.characteristic, c.check_type, c.required)
            .join(Job, Job.id == c.job_id).join(Customer, Customer.id == Job.customer_id)
            .outerjoin(Operation, Operation.id == c.operation_id)
            .where(*chosen, not_(simply_passed(c)))
            .order_by(Job.due_date, Job.id, func.coalesce(Operation.sequence, AFTER_EVERY_OPERATION), c.position,
                      c.id)).all()
        check_ids: dict[int, list[int]] = {}
        for row in checks:
            check_ids.setdefault(row.job_id, []).append(row.id)
        due_jobs = list(check_ids)
        states = check_states_of_jobs(s, due_jobs, check_ids)
        open_ncrs = {n.check_id: n.number for n in s.execute(
            select(NonConformance.check_id, NonConformance.number)
            .where(NonConformance.job_id.in_(due_jobs), NonConformance.status != q.NcrStatus.CLOSED,
                   NonConformance.check_id.is_not(None))
            .order_by(NonConformance.id))}
        rows = []
        for r in checks:
            state = states[r.id].state
            if state in ("pass", "concession"):
                continue
            rows.append(DueInspection(r.job_id, r.number, r.title, r.customer_name, r.status, r.due_date, r.id,
                                      r.operation_id, where_text(r.op_number, r.operation_name), r.characteristic,
                                      r.check_type, r.required, state if state == "fail" else None,
                                      open_ncrs.get(r.id)))
        return rows


__all__ = ["clean_check", "add_check", "update_check", "remove_check", "list_checks", "get_check", "check_detail", "record_result",
           "correct_result", "list_results", "result_photo", "due_inspections"]
