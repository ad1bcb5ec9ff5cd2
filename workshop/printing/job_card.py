"""The job card (traveler): the sheet that goes with a job round the shop.

Read at a metre from the bench, so the job number, operation numbers and names are large and
every operation is a boxed block with its own Code128 barcode (``J20260042030``: no separator for
a keyboard layout to mangle, see domain/scan_codes.py) and boxes to fill in by hand: start,
finish, actual minutes, initials — plus an inspection sign-off where the routing asks for one.

    pdf = render_job_card(data, letterhead, PageSetup("A4"))
    pdf = render_job_cards([a, b, c], letterhead, page, progress=cb, is_cancelled=flag)

Input is plain frozen data (job_card_data.py), laid out by job_card_layout.py; the database is
wired to it by workshop.documents.job_cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from . import Cancelled
from .barcodes import check_payload
from .document import DocumentPart, Letterhead, PageSetup, build_pdf
from .job_card_data import JobCardData
from .job_card_layout import JobCardLayout
from .text import format_datetime

__all__ = ["render_job_card", "render_job_cards"]


# -- rendering -------------------------------------------------------------------------------------


def render_job_card(data: JobCardData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """One job card as PDF bytes. Raises ValueError for a job number that is not ASCII."""
    return build_pdf([_part(data, page)], letterhead, page, pdf_title=f"Job card {data.job_number}")


def render_job_cards(
    items: Iterable[JobCardData],
    letterhead: Letterhead,
    page: PageSetup,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """Many job cards in one PDF; each starts on a new page and has its own "Page X of Y".

    ``progress(done, total)`` is called with 0 first, after each card is laid out, and with
    ``total`` at the end. If ``is_cancelled()`` returns True the work stops and
    :class:`~workshop.printing.Cancelled` is raised.
    """
    items = list(items)
    if not items:
        raise ValueError("No job cards to print.")
    total = len(items)

    def check_cancel() -> None:
        if is_cancelled is not None and is_cancelled():
            raise Cancelled("Printing job cards was cancelled.")

    if progress is not None:
        progress(0, total)
    parts = []
    for data in items:
        check_cancel()
        parts.append(_part(data, page))

    def on_part_start(index: int) -> None:
        check_cancel()
        if index and progress is not None:
            progress(index, total)

    pdf = build_pdf(parts, letterhead, page, pdf_title=f"Job cards ({total})", on_part_start=on_part_start)
    check_cancel()
    if progress is not None:
        progress(total, total)
    return pdf


def _part(data: JobCardData, page: PageSetup) -> DocumentPart:
    check_payload(data.job_number, "Job number")
    printed_at = data.printed_at or datetime.now().replace(microsecond=0)
    card = JobCardLayout(data, page.content_width, printed_at)
    return DocumentPart(
        title="Job card",
        number=data.job_number,
        story=card.story(),
        subtitle=" · ".join(x for x in (data.title, data.customer) if x),
        footer_note=f"Printed {format_datetime(printed_at, locale=data.locale)}",
    )
