"""The delivery note, from a delivery recorded on the job."""

from __future__ import annotations

from ..db.engine import Database
from ..printing.delivery_note import DeliveryItem, DeliveryNoteData, render_delivery_note
from ..printing.text import format_date
from ..services import delivery, settings, site_address
from .common import letterhead_and_page


def _warranty(months: int, end, locale: str) -> str:
    if months <= 0:
        return "No warranty period applies to this job."
    until = f", until {format_date(end, locale=locale)}" if end is not None else ""
    return f"Warranty: {months} month{'s' if months != 1 else ''} from the first delivery{until}."


def delivery_note_data(db: Database, job_id: int, delivery_id: int | None = None) -> DeliveryNoteData:
    d = delivery.delivery_note_data(db, job_id, delivery_id)
    locale = settings.get_settings(db).locale
    # Both addresses as printed lines (country named when abroad); the goods go to the job's
    # site address, else the billing address.
    addresses = site_address.job_addresses(db, job_id)
    notes = "\n\n".join(x for x in (d.notes.strip(), _warranty(d.warranty_months, d.warranty_end, locale)) if x)
    return DeliveryNoteData(
        number=d.note_number, job_number=d.job_number, job_title=d.job_title, customer_name=d.customer_name,
        customer_address=addresses.billing.text,
        delivery_address=addresses.delivery.text, delivery_date=d.delivered_on, method=d.method,
        items=tuple(DeliveryItem(description=x.description, quantity=x.quantity, unit=x.unit) for x in d.lines),
        received_by=d.received_by, notes=notes, locale=locale)


def delivery_note_pdf(db: Database, job_id: int, delivery_id: int | None = None) -> bytes:
    """The note for ``delivery_id``, or the job's latest delivery. Refused while none is recorded."""
    letterhead, page = letterhead_and_page(db)
    return render_delivery_note(delivery_note_data(db, job_id, delivery_id), letterhead, page)
