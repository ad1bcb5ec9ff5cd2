"""Which inspection result stands for each check, and the plain views of checks, readings and
results. Shared by the inspection service, the gate and the certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, exists, func, not_, select
from sqlalchemy.orm import Session, aliased, selectinload

from ..db.models import (FinishedTest, InspectionCheck, InspectionPhoto, InspectionReading, InspectionResult,
                         NonConformance)
from ..domain import quality as q
from ..domain.errors import ValidationError

FINAL_INSPECTION = "Final inspection"
#: Where a check's final inspection sorts among the job's operations: after every one of them.
AFTER_EVERY_OPERATION = 10 ** 9


def where_text(op_number: int | None, operation_name: str | None) -> str:
    """Where a check is made: "030 Check and oil", or the final inspection."""
    return f"{op_number:03d} {operation_name}" if op_number is not None else FINAL_INSPECTION


# --- plain data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckView:
    id: int
    job_id: int
    operation_id: int | None  # None: the job's final inspection
    op_number: int | None
    operation_name: str  # "Final inspection" when there is no operation
    position: int
    characteristic: str
    method: str
    check_type: str  # measured | pass_fail | visual
    nominal: Decimal | None
    lower_tolerance: Decimal | None  # deviation from the nominal
    upper_tolerance: Decimal | None
    unit: str
    required: bool
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    tolerance_text: str  # "± 0.1", "-0.05 / +0.1"; "" for pass/fail and visual
    state: str  # due | pass | fail | concession
    has_results: bool

    @property
    def where(self) -> str:
        return where_text(self.op_number, self.operation_name)

    @property
    def nominal_text(self) -> str:
        return q.fmt(self.nominal)


@dataclass(frozen=True)
class ReadingView:
    value: Decimal  # as typed
    unit: str  # as typed (the check's unit when none was typed)
    value_in_check_unit: Decimal
    in_tolerance: bool

    @property
    def text(self) -> str:
        return f"{q.fmt(self.value)} {self.unit}".strip()


@dataclass(frozen=True)
class PhotoView:
    id: int
    file_name: str
    media_type: str
    sha256: str


@dataclass(frozen=True)
class ResultView:
    id: int
    check_id: int
    job_id: int
    characteristic: str
    result: str  # pass | fail
    inspector: str
    inspector_id: int | None
    recorded_at: dt.datetime
    notes: str
    readings: tuple[ReadingView, ...]
    photos: tuple[PhotoView, ...]
    corrects_id: int | None
    correction_reason: str
    superseded_by: int | None  # the correction that replaced this result, if any
    ncr_id: int | None  # the non-conformance this result raised
    ncr_number: str | None

    @property
    def readings_text(self) -> str:
        return ", ".join(r.text for r in self.readings)


@dataclass(frozen=True)
class DueInspection:
    """A row of the inspection work list."""

    job_id: int
    job_number: str
    job_title: str
    customer_name: str
    job_status: str
    due_date: dt.date
    check_id: int
    operation_id: int | None
    where: str  # "030 Check and oil" or "Final inspection"
    characteristic: str
    check_type: str
    required: bool
    last_result: str | None  # None: never inspected; "fail": failed, waiting for a new pass
    open_ncr: str | None


@dataclass(frozen=True)
class FinishedTestView:
    id: int
    job_id: int
    name: str
    method: str
    test_type: str  # measured | pass_fail
    nominal: Decimal | None
    lower_tolerance: Decimal | None
    upper_tolerance: Decimal | None
    unit: str
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    tolerance_text: str
    value: Decimal | None
    value_unit: str
    result: str
    tester: str
    tested_at: dt.datetime
    notes: str
    ncr_number: str | None


@dataclass(frozen=True)
class CheckDetail:
    """What the Inspection tab shows for a chosen check (``inspection.check_detail``)."""

    check: CheckView
    results: tuple[ResultView, ...]  # every result signed for it, corrected ones included, oldest first
    job_number: str
    job_title: str
    customer_name: str
    reports: tuple | None  # the job's NcrViews, newest first (None: not read)
    tests: tuple[FinishedTestView, ...] | None  # the job's finished-goods tests (None: not read)


def tolerance_of(check) -> q.Tolerance | None:
    if check.nominal is None or check.lower_tolerance is None or check.upper_tolerance is None:
        return None
    return q.Tolerance(check.nominal, check.lower_tolerance, check.upper_tolerance, check.unit)


# --- which result stands -----------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    state: str  # due | pass | fail | concession
    result: InspectionResult | None


def _standing(results: Iterable[InspectionResult]) -> dict[int, InspectionResult]:
    """check id → the latest result that stands. A correction replaces the result it corrects
    *in its place*: the time that counts is the original's, not the correction's."""
    results = list(results)
    by_id = {r.id: r for r in results}
    superseded = {r.corrects_id for r in results if r.corrects_id is not None}

    def root(r: InspectionResult) -> InspectionResult:
        while r.corrects_id is not None and r.corrects_id in by_id:
            r = by_id[r.corrects_id]
        return r

    best: dict[int, tuple[tuple, InspectionResult]] = {}
    for r in results:
        if r.id in superseded:
            continue
        origin = root(r)
        key = (origin.recorded_at, origin.id)
        if r.check_id not in best or key > best[r.check_id][0]:
            best[r.check_id] = (key, r)
    return {check_id: r for check_id, (_key, r) in best.items()}


def _root_id(r: InspectionResult, by_id: dict[int, InspectionResult]) -> int:
    while r.corrects_id is not None and r.corrects_id in by_id:
        r = by_id[r.corrects_id]
    return r.id


def states_of(check_ids: Iterable[int], results: Iterable, concession_ncrs: Iterable) -> dict[int, _State]:
    """The rule for one job: its check ids, its results (anything with ``id``, ``check_id``,
    ``result``, ``recorded_at``, ``corrects_id``) and its closed use-as-is reports (``check_id``,
    ``result_id``) → each check's state."""
    results = list(results)
    by_id = {r.id: r for r in results}
    standing = _standing(results)
    concessions = {(n.check_id, _root_id(by_id[n.result_id], by_id)) for n in concession_ncrs
                   if n.result_id in by_id}
    states = {}
    for check_id in check_ids:
        r = standing.get(check_id)
        if r is None:
            states[check_id] = _State("due", None)
        elif r.result == q.Result.PASS:
            states[check_id] = _State("pass", r)
        elif (check_id, _root_id(r, by_id)) in concessions:
            states[check_id] = _State("concession", r)
        else:
            states[check_id] = _State("fail", r)
    return states


def concession_filter():
    return (NonConformance.status == q.NcrStatus.CLOSED, NonConformance.disposition == q.Disposition.USE_AS_IS,
            NonConformance.result_id.is_not(None))


def check_states(s: Session, job_id: int) -> dict[int, _State]:
    """Each check of the job: due, pass, fail, or fail accepted by a closed concession (use as is)."""
    checks = s.scalars(select(InspectionCheck.id).where(InspectionCheck.job_id == job_id))
    results = s.scalars(select(InspectionResult).where(InspectionResult.job_id == job_id))
    concessions = s.scalars(select(NonConformance).where(NonConformance.job_id == job_id, *concession_filter()))
    return states_of(list(checks), list(results), list(concessions))


def simply_passed(check=InspectionCheck):
    """SQL: the check has passed by the rule's simplest case, which the database can answer alone —
    no result of its job corrects another (so none is superseded and each counts at its own time) and
    its latest result for that job is a pass. Any other check needs ``states_of``. ``check``: the
    inspection_checks entity (or an alias of it) this is correlated with."""
    latest = aliased(InspectionResult)
    correction = aliased(InspectionResult)
    latest_result = (select(latest.result).where(latest.job_id == check.job_id, latest.check_id == check.id)
                     .order_by(latest.recorded_at.desc(), latest.id.desc()).limit(1)
                     .correlate(check).scalar_subquery())
    corrected = exists().where(correction.job_id == check.job_id, correction.corrects_id.is_not(None)) \
        .correlate(check)
    return and_(not_(corrected), func.coalesce(latest_result, "") == q.Result.PASS.value)


def check_states_of_jobs(s: Session, job_ids, check_ids: dict[int, list[int]]) -> dict[int, _State]:
    """``check_states`` for many jobs at once: two grouped reads, whatever the number of jobs.
    ``job_ids`` is a subquery (or list) of the jobs, ``check_ids`` each job's checks, already read.
    Each job's results and reports go through the same rule as ``check_states``, on its own; the
    standing result of a state is a plain row (id, check_id, job_id, result, recorded_at, corrects_id)."""
    results: dict[int, list] = {job_id: [] for job_id in check_ids}
    for r in s.execute(select(InspectionResult.id, InspectionResult.check_id, InspectionResult.job_id,
                              InspectionResult.result, InspectionResult.recorded_at, InspectionResult.corrects_id)
                       .where(InspectionResult.job_id.in_(job_ids))):
        if r.job_id in results:
            results[r.job_id].append(r)
    concessions: dict[int, list] = {job_id: [] for job_id in check_ids}
    for n in s.execute(select(NonConformance.job_id, NonConformance.check_id, NonConformance.result_id)
                       .where(NonConformance.job_id.in_(job_ids), *concession_filter())):
        if n.job_id in concessions:
            concessions[n.job_id].append(n)
    states: dict[int, _State] = {}
    for job_id, ids in check_ids.items():
        states.update(states_of(ids, results[job_id], concessions[job_id]))
    return states


# --- views -------------------------------------------------------------------------------------


def check_view(c: InspectionCheck, state: _State | None, has_results: bool) -> CheckView:
    return check_view_of(c, c.operation.op_number if c.operation else None, c.operation.name if c.operation else None,
                         state, has_results)


def check_view_of(c, op_number: int | None, operation_name: str | None, state: _State | None,
                  has_results: bool) -> CheckView:
    """``check_view`` from anything with a check's columns (an ORM check or a plain row) and its
    operation's number and name (None for the final inspection)."""
    tol = tolerance_of(c)
    return CheckView(
        c.id, c.job_id, c.operation_id, op_number, operation_name if op_number is not None else FINAL_INSPECTION,
        c.position, c.characteristic, c.method, c.check_type, c.nominal, c.lower_tolerance, c.upper_tolerance, c.unit,
        c.required, tol.lower_limit if tol else None, tol.upper_limit if tol else None, tol.text if tol else "",
        state.state if state else "due", has_results)


def ordered_checks(s: Session, job_id: int) -> list[InspectionCheck]:
    checks = s.scalars(select(InspectionCheck).where(InspectionCheck.job_id == job_id)
                       .options(selectinload(InspectionCheck.operation)))
    return sorted(checks, key=lambda c: (c.operation.sequence if c.operation else AFTER_EVERY_OPERATION,
                                         c.position, c.id))


def reading_views(check: InspectionCheck, r: InspectionResult) -> tuple[ReadingView, ...]:
    return _reading_views(check, r.readings)


def _reading_views(check, readings: Iterable) -> tuple[ReadingView, ...]:
    """``readings``: anything with ``value`` and ``unit``, in their order; ``check``: anything with
    a check's tolerance columns."""
    tol = tolerance_of(check)
    views = []
    for reading in readings:
        try:
            value = q.convert(reading.value, reading.unit, check.unit)
        except ValidationError:  # cannot happen for stored readings; shown as typed
            value = reading.value
        views.append(ReadingView(reading.value, reading.unit, value, tol.accepts(value) if tol else True))
    return tuple(views)


def result_view(s: Session, r: InspectionResult) -> ResultView:
    superseded_by = s.scalar(select(InspectionResult.id).where(InspectionResult.corrects_id == r.id))
    ncr = s.execute(select(NonConformance.id, NonConformance.number)
                    .where(NonConformance.result_id == r.id)).first()
    return ResultView(
        r.id, r.check_id, r.job_id, r.check.characteristic, r.result, r.inspector, r.inspector_id, r.recorded_at,
        r.notes, reading_views(r.check, r), tuple(PhotoView(p.id, p.file_name, p.media_type, p.blob_sha256)
                                                   for p in r.photos),
        r.corrects_id, r.correction_reason, superseded_by, ncr[0] if ncr else None, ncr[1] if ncr else None)


#: The columns of a result that ``result_views`` reads (with its check's characteristic and tolerance).
RESULT_COLUMNS = (InspectionResult.id, InspectionResult.check_id, InspectionResult.job_id, InspectionResult.result,
                  InspectionResult.inspector, InspectionResult.inspector_id, InspectionResult.recorded_at,
                  InspectionResult.notes, InspectionResult.corrects_id, InspectionResult.correction_reason)
_CHECK_COLUMNS = (InspectionCheck.characteristic, InspectionCheck.nominal, InspectionCheck.lower_tolerance,
                  InspectionCheck.upper_tolerance, InspectionCheck.unit)


def result_rows(s: Session, *where):
    """The results matching ``where`` (conditions on inspection_results), oldest first, as plain rows:
    ``RESULT_COLUMNS`` and their check's characteristic, nominal, tolerances and unit."""
    return s.execute(select(*RESULT_COLUMNS, *_CHECK_COLUMNS)
                     .join(InspectionCheck, InspectionCheck.id == InspectionResult.check_id)
                     .where(*where).order_by(InspectionResult.recorded_at, InspectionResult.id)).all()


def result_views(s: Session, rows, superseded: dict[int, int] | None = None) -> list[ResultView]:
    """``result_view`` for many results at once (rows from ``result_rows``): their readings, photos,
    the reports they raised and — unless ``superseded`` (result id → the correction that replaced it)
    is given — their corrections, each in one read for all of them, none when there are no rows."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    if superseded is None:
        later = aliased(InspectionResult)
        superseded = {old: new for old, new in s.execute(
            select(later.corrects_id, later.id).where(later.corrects_id.in_(ids)).order_by(later.id.desc()))}
    ncrs: dict[int, tuple[int, str]] = {}
    for n in s.execute(select(NonConformance.result_id, NonConformance.id, NonConformance.number)
                       .where(NonConformance.result_id.in_(ids)).order_by(NonConformance.id.desc())):
        ncrs[n.result_id] = (n.id, n.number)  # the first raised stands when there are several
    readings: dict[int, list] = {}
    for reading in s.execute(select(InspectionReading.result_id, InspectionReading.value, InspectionReading.unit)
                             .where(InspectionReading.result_id.in_(ids))
                             .order_by(InspectionReading.result_id, InspectionReading.position)):
        readings.setdefault(reading.result_id, []).append(reading)
    photos: dict[int, list[PhotoView]] = {}
    for p in s.execute(select(InspectionPhoto.result_id, InspectionPhoto.id, InspectionPhoto.file_name,
                              InspectionPhoto.media_type, InspectionPhoto.blob_sha256)
                       .where(InspectionPhoto.result_id.in_(ids)).order_by(InspectionPhoto.id)):
        photos.setdefault(p.result_id, []).append(PhotoView(p.id, p.file_name, p.media_type, p.blob_sha256))
    views = []
    for r in rows:
        ncr = ncrs.get(r.id)
        views.append(ResultView(
            r.id, r.check_id, r.job_id, r.characteristic, r.result, r.inspector, r.inspector_id, r.recorded_at,
            r.notes, _reading_views(r, readings.get(r.id, ())), tuple(photos.get(r.id, ())), r.corrects_id,
            r.correction_reason, superseded.get(r.id), ncr[0] if ncr else None, ncr[1] if ncr else None))
    return views


def finished_test_views(s: Session, *where) -> list[FinishedTestView]:
    """The finished-goods tests matching ``where`` (conditions on finished_tests), in the order they
    were tested, each with the report it raised: one read."""
    ncr_number = (select(NonConformance.number).where(NonConformance.finished_test_id == FinishedTest.id)
                  .order_by(NonConformance.id).limit(1).correlate(FinishedTest).scalar_subquery())
    t = FinishedTest
    rows = s.execute(select(t.id, t.job_id, t.name, t.method, t.test_type, t.nominal, t.lower_tolerance,
                            t.upper_tolerance, t.unit, t.value, t.value_unit, t.result, t.tester, t.tested_at,
                            t.notes, ncr_number.label("ncr_number"))
                     .where(*where).order_by(t.tested_at, t.id))
    return [finished_test_view(row, row.ncr_number) for row in rows]


def finished_test_view(t, ncr_number: str | None) -> FinishedTestView:
    """``t``: a finished test, or a plain row of its columns."""
    tol = q.Tolerance(t.nominal, t.lower_tolerance, t.upper_tolerance, t.unit) if t.nominal is not None else None
    return FinishedTestView(t.id, t.job_id, t.name, t.method, t.test_type, t.nominal, t.lower_tolerance,
                            t.upper_tolerance, t.unit, tol.lower_limit if tol else None,
                            tol.upper_limit if tol else None, tol.text if tol else "", t.value, t.value_unit,
                            t.result, t.tester, t.tested_at, t.notes, ncr_number)
