"""Job cards (travelers) for the bench, from the database."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..db.engine import Database
from ..domain.statuses import JobStatus, Priority
from ..printing.job_card import render_job_card, render_job_cards
from ..printing.job_card_data import InspectionCheck, JobCardData, JobCardImage, JobCardMaterial, JobCardOperation
from ..services import attachments, bom, inspection, jobs, routing, settings
from .common import letterhead_and_page


def job_card_data(db: Database, job_id: int, *, locale: str | None = None) -> JobCardData:
    """The card's data; ``locale`` is the shop's (read from the settings when not given)."""
    job = jobs.get_job(db, job_id)
    materials = tuple(
        JobCardMaterial(code=n.material_code, description=n.description, quantity=n.effective_quantity,
                        unit=n.unit, level=n.level, is_subassembly=n.is_assembly)
        for n in bom.get_bom(db, job_id).nodes)
    # Each operation's inspection checks, printed with an empty "measured" box; checks tied to no
    # operation are the job's final inspection (key None), printed after the operations.
    checks: dict[int | None, list[InspectionCheck]] = {}
    for c in inspection.list_checks(db, job_id):
        checks.setdefault(c.operation_id, []).append(InspectionCheck(
            characteristic=c.characteristic, nominal=c.nominal_text, tolerance=c.tolerance_text or (
                "pass / fail" if c.check_type == "pass_fail" else "visual"), unit=c.unit, method=c.method))
    operations = tuple(
        JobCardOperation(op_number=o.op_number, sequence=o.sequence, name=o.name,
                         workstation=f"{o.workstation_code} — {o.workstation_name}", instructions=o.instructions,
                         setup_minutes=o.setup_minutes, run_minutes_per_unit=o.run_minutes,
                         total_planned_minutes=o.planned_minutes, operator=o.operator_name,
                         inspection_required=o.inspection_required, checks=tuple(checks.get(o.id, ())),
                         outside_supplier=o.supplier_name, days_away=o.days_away)
        for o in routing.list_operations(db, job_id))
    image = None
    first = next((a for a in job.attachments if a.is_image or a.is_pdf), None)
    if first is not None:
        _view, data = attachments.attachment_data(db, first.id)
        image = JobCardImage(data=data, kind="pdf" if first.is_pdf else "image", file_name=first.file_name)
    return JobCardData(
        job_number=job.number, title=job.title, customer=job.customer_name, quantity=job.quantity,
        due_date=job.due_date, priority=Priority(job.priority).label, status=JobStatus(job.status).label,
        printed_at=db.now().astimezone(), specification=job.specification, materials=materials,
        operations=operations, image=image, notes=job.notes, final_checks=tuple(checks.get(None, ())),
        locale=locale or settings.get_settings(db).locale,
    )


def job_card_pdf(db: Database, job_id: int) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_job_card(job_card_data(db, job_id), letterhead, page)


def job_cards_pdf(db: Database, job_ids: Sequence[int], progress: Callable[[int, int], None] | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> bytes:
    """Several job cards in one PDF, each with its own page numbering. Gathering the data
    counts as the first half of the progress, laying out the pages as the second."""
    letterhead, page = letterhead_and_page(db)
    total = len(job_ids)
    locale = settings.get_settings(db).locale
    cards = []
    for done, job_id in enumerate(job_ids):
        if is_cancelled is not None and is_cancelled():
            from ..printing import Cancelled

            raise Cancelled()
        cards.append(job_card_data(db, job_id, locale=locale))
        if progress is not None:
            progress(done + 1, total * 2)
    layout_progress = None if progress is None else (lambda d, t: progress(total + d * total // max(t, 1),
                                                                           total * 2))
    return render_job_cards(cards, letterhead, page, progress=layout_progress, is_cancelled=is_cancelled)


def job_cards_pdf_by_number(db: Database, numbers: Sequence[str]) -> bytes:
    return job_cards_pdf(db, [jobs.find_job_id(db, n) for n in numbers])
