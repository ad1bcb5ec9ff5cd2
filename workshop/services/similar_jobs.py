"""Estimating from experience: the completed jobs most like the one being quoted, by the
workstations and materials they used, their operation names (template-ish) and the words of
their specification, with what they were quoted and what they actually took."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import BomItem, Brief, Job, MaterialIssue, Operation
from ..domain.statuses import DONE_JOB_STATUSES, JobStatus
from ..domain.wording import plural
from .common import get_or_fail
from .job_costing import (actual_in_session, estimate_in_session, hours_of, planned_minutes_in_session, time_logs,
                          worked_minutes)

MAX_CANDIDATES = 1000
_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""with from that this have will your into made make each their there about which when
were they them than then also only over under very more most some such what would should could
please need needs want like must just""".split())


@dataclass(frozen=True)
class SimilarJob:
    job_id: int
    number: str
    title: str
    customer_name: str
    quantity: int
    completed_at: dt.datetime | None
    score: Decimal  # 0.00 … 1.00: the mean Jaccard similarity of the features the query has
    shared: str  # what it has in common, for a tooltip
    quoted_price: Decimal | None  # the job's budget
    estimated_cost: Decimal
    actual_cost: Decimal
    planned_hours: Decimal
    actual_hours: Decimal
    actual_hours_by_workstation: tuple[tuple[str, Decimal], ...]  # ("SAW", 3.50) … for "use their hours"


@dataclass(frozen=True)
class _Features:
    workstations: frozenset[str]
    materials: frozenset[int]
    operations: frozenset[str]
    words: frozenset[str]


def words_of(*texts: str) -> frozenset[str]:
    return frozenset(w for t in texts for w in _WORD.findall((t or "").lower()) if w not in _STOP)


def _op_name(name: str) -> str:
    return " ".join(re.sub(r"[\d\W_]+", " ", name.lower()).split())


def _features(s: Session, jobs: list[Job]) -> dict[int, _Features]:
    ids = [j.id for j in jobs]
    ws: dict[int, set[str]] = {i: set() for i in ids}
    ops: dict[int, set[str]] = {i: set() for i in ids}
    mats: dict[int, set[int]] = {i: set() for i in ids}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        for op in s.scalars(select(Operation).where(Operation.job_id.in_(chunk))
                            .options(selectinload(Operation.workstation))):
            ws[op.job_id].add(op.workstation.code)
            ops[op.job_id].add(_op_name(op.name))
        for job_id, mat in s.execute(select(BomItem.job_id, BomItem.material_id)
                                     .where(BomItem.job_id.in_(chunk), BomItem.material_id.is_not(None))):
            mats[job_id].add(mat)
        for job_id, mat in s.execute(select(MaterialIssue.job_id, MaterialIssue.material_id)
                                     .where(MaterialIssue.job_id.in_(chunk), MaterialIssue.material_id.is_not(None))):
            mats[job_id].add(mat)
    return {j.id: _Features(frozenset(ws[j.id]), frozenset(mats[j.id]), frozenset(ops[j.id]),
                            words_of(j.title, j.specification)) for j in jobs}


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _score(query: _Features, other: _Features) -> tuple[float, str]:
    parts, shared = [], []
    for name, label in (("workstations", "workstations"), ("materials", "materials"), ("operations", "operations"),
                        ("words", "words")):
        mine, theirs = getattr(query, name), getattr(other, name)
        if mine:
            parts.append(_jaccard(mine, theirs))
            common = mine & theirs
            if common and name != "materials":
                shared.append(f"{label}: {', '.join(sorted(map(str, common))[:6])}")
            elif common:
                shared.append(plural(len(common), "material"))
    return (sum(parts) / len(parts) if parts else 0.0), "; ".join(shared)


def find_similar_jobs(db: Database, *, brief_id: int | None = None, job_id: int | None = None, text: str = "",
                      limit: int = 5) -> list[SimilarJob]:
    """The completed jobs nearest to a brief (its words, and its planned job if it has one), to a
    job, or to free ``text``; best first, those sharing nothing left out."""
    with db.reader() as s:
        texts = [text]
        base: Job | None = None
        if job_id is not None:
            base = get_or_fail(s, Job, job_id, "job", "job")
            texts += [base.title, base.specification]
        if brief_id is not None:
            brief = get_or_fail(s, Brief, brief_id, "brief", "brief")
            texts += [brief.title, brief.requirements, brief.constraints]
            if base is None:
                base = s.scalar(select(Job).where(Job.brief_id == brief.id, Job.status != JobStatus.CANCELLED.value)
                                .order_by(Job.id.desc()).limit(1))
        query = _Features(frozenset(), frozenset(), frozenset(), words_of(*texts))
        if base is not None:
            own = _features(s, [base])[base.id]
            query = _Features(own.workstations, own.materials, own.operations, query.words | own.words)
        candidates = list(s.scalars(select(Job).where(Job.status.in_([d.value for d in DONE_JOB_STATUSES]))
                                    .options(selectinload(Job.customer))
                                    .order_by(Job.completed_at.desc(), Job.id.desc()).limit(MAX_CANDIDATES)))
        candidates = [j for j in candidates if base is None or j.id != base.id]
        features = _features(s, candidates)
        scored = []
        for job in candidates:
            score, shared = _score(query, features[job.id])
            if score > 0:
                scored.append((score, job, shared))
        scored.sort(key=lambda t: (-t[0], -(t[1].completed_at or dt.datetime.min.replace(tzinfo=dt.UTC)).timestamp(),
                                   t[1].number))
        result = []
        for score, job, shared in scored[:max(0, int(limit))]:
            logs = time_logs(s, [job.id])
            by_ws: dict[str, Decimal] = {}
            for log in logs:
                by_ws[log.workstation.code] = by_ws.get(log.workstation.code, Decimal(0)) + worked_minutes(log)
            result.append(SimilarJob(
                job.id, job.number, job.title, job.customer.name, job.quantity, job.completed_at,
                Decimal(str(round(score, 2))).quantize(Decimal("0.01")), shared, job.budget,
                estimate_in_session(s, job).total.amount, actual_in_session(s, job).total.amount,
                hours_of(planned_minutes_in_session(s, job)), hours_of(sum(by_ws.values(), Decimal(0))),
                tuple((code, hours_of(m)) for code, m in sorted(by_ws.items())),
            ))
        return result


__all__ = ["SimilarJob", "find_similar_jobs", "words_of"]
