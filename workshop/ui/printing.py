"""Printing from the window: build the PDF off the GUI thread, then show it in a preview.

Every printed document goes through ``preview_pdf``: give it a function ``build(db, *args,
progress=None, is_cancelled=None) -> bytes`` (or one without the two keywords) from
``workshop.documents`` and it shows progress, honours Cancel and opens the preview.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from ..domain.errors import WorkshopError
from .context import AppContext
from .tasks import Task, run_with_progress


def _build(state, build: Callable[..., bytes], db, args: tuple) -> bytes | None:
    from ..printing import Cancelled

    keywords = inspect.signature(build).parameters
    extra = {}
    if "progress" in keywords:
        extra["progress"] = state.progress
    if "is_cancelled" in keywords:
        extra["is_cancelled"] = state.is_cancelled
    try:
        return build(db, *args, **extra)
    except Cancelled:
        return None
    except ValueError as exc:  # a figure that does not add up, a job number a barcode cannot hold …
        raise WorkshopError("The document could not be printed.", details=str(exc)) from exc


def preview_pdf(parent: QWidget, ctx: AppContext, build: Callable[..., bytes], *args,
                title: str, file_name: str, label: str = "Preparing the document…") -> Task:
    """Build ``build(ctx.db, *args)`` in the background, then preview it (Print, Save as PDF)."""
    from .dialogs.pdf_preview import PdfPreviewDialog

    def show(pdf: bytes | None) -> None:
        if pdf is None:
            return
        dialog = PdfPreviewDialog(pdf, title, file_name, parent)
        parent._preview = dialog  # type: ignore[attr-defined]  # tests look at the last preview
        dialog.open()

    return run_with_progress(parent, label, _build, build, ctx.db, args, on_done=show)


def print_job_cards(parent: QWidget, ctx: AppContext, job_ids: Sequence[int],
                    numbers: Sequence[str] = ()) -> Task | None:
    """Preview (then print or save) the job cards of ``job_ids``, with progress and Cancel."""
    if not job_ids:
        return None
    from ..documents.job_cards import job_cards_pdf

    label = "Preparing the job card…" if len(job_ids) == 1 else f"Preparing {len(job_ids)} job cards…"
    title = f"Job card {numbers[0]}" if len(numbers) == 1 else f"{len(job_ids)} job cards"
    file_name = f"job-card-{numbers[0]}.pdf" if len(numbers) == 1 else "job-cards.pdf"
    return preview_pdf(parent, ctx, job_cards_pdf, list(job_ids), title=title, file_name=file_name, label=label)


def print_badges(parent: QWidget, ctx: AppContext, operators: Sequence[tuple[int, str]] | None = None) -> Task:
    """Preview the badges of ``operators`` (id, name), or of every active operator."""
    from ..documents.badges import badges_pdf
    from ..domain.scan_codes import badge_code

    if operators is None:
        return preview_pdf(parent, ctx, badges_pdf, None, title="Operator badges", file_name="operator-badges.pdf",
                           label="Preparing the badges…")
    ids = [operator_id for operator_id, _name in operators]
    one = len(operators) == 1
    return preview_pdf(parent, ctx, badges_pdf, ids,
                       title=f"Badge for {operators[0][1]}" if one else f"{len(ids)} operator badges",
                       file_name=f"badge-{badge_code(ids[0])}.pdf" if one else "operator-badges.pdf",
                       label="Preparing the badges…")


def print_scanner_check(parent: QWidget, ctx: AppContext) -> Task:
    """Preview the scanner check card (Shop ▸ Scanner check card…)."""
    from ..documents.badges import scanner_check_pdf

    return preview_pdf(parent, ctx, scanner_check_pdf, title="Scanner check card", file_name="scanner-check.pdf",
                       label="Preparing the scanner check card…")
