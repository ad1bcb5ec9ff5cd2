"""Printing from the window: build the PDF off the GUI thread, then show it in a preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from ..domain.errors import WorkshopError
from .context import AppContext
from .tasks import Task, run_with_progress


def _job_cards(state, db, job_ids: Sequence[int]) -> bytes | None:
    from ..documents.job_cards import job_cards_pdf
    from ..printing import Cancelled

    try:
        return job_cards_pdf(db, job_ids, progress=state.progress, is_cancelled=state.is_cancelled)
    except Cancelled:
        return None
    except ValueError as exc:  # e.g. a job number a barcode cannot hold
        raise WorkshopError("The job card could not be printed.", details=str(exc)) from exc


def print_job_cards(parent: QWidget, ctx: AppContext, job_ids: Sequence[int],
                    numbers: Sequence[str] = ()) -> Task | None:
    """Preview (then print or save) the job cards of ``job_ids``, with progress and Cancel."""
    if not job_ids:
        return None
    from .dialogs.pdf_preview import PdfPreviewDialog

    label = "Preparing the job card…" if len(job_ids) == 1 else f"Preparing {len(job_ids)} job cards…"
    title = f"Job card {numbers[0]}" if len(numbers) == 1 else f"{len(job_ids)} job cards"
    file_name = f"job-card-{numbers[0]}.pdf" if len(numbers) == 1 else "job-cards.pdf"

    def show(pdf: bytes | None) -> None:
        if pdf is None:
            return
        dialog = PdfPreviewDialog(pdf, title, file_name, parent)
        parent._preview = dialog  # type: ignore[attr-defined]  # tests look at the last preview
        dialog.open()

    return run_with_progress(parent, label, _job_cards, ctx.db, list(job_ids), on_done=show)
