"""Delivery note PDF: items and quantities, method ticked, addresses, received-by block."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from workshop.printing.delivery_note import DeliveryItem, DeliveryNoteData, method_key, render_delivery_note
from workshop.printing.document import PageSetup
from support.samples_business import sample_delivery_note
from workshop.printing.text import format_quantity


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sample_delivery_note_prints_every_item(size, letterhead, pdf_text, pages_text):
    d = sample_delivery_note()
    pdf = render_delivery_note(d, letterhead, PageSetup(size))
    text = pdf_text(pdf)
    assert "DELIVERY NOTE" in text and "DN-J-2026-0042" in text and "J-2026-0042" in text
    assert "The Old Rectory (Mr & Mrs Bennett)" in text and flat(d.customer_address) in text and flat(d.delivery_address) in text
    assert "Fri 22 May 2026" in text and "Q-2026-0012 rev 2" in text
    assert "X Installed on site" in text and "Delivered" in text and "Collected by the customer" in text
    assert "By Sam Ortiz, Jo Kwiatkowski" in text
    for i, item in enumerate(d.items, start=1):
        assert f"{i} {item.description}" in text
        assert f"{format_quantity(item.quantity)} {item.unit}" in text
        if item.notes:
            assert item.notes in text
    assert "0.75 l" in text
    assert flat(d.notes) in text
    assert "Received by" in text and "SIGNATURE" in text and "NAME (CAPITALS)" in text and "DATE AND TIME" in text
    assert len(pages_text(pdf)) == 1 and "Page 1 of 1" in text


def _note(**changes) -> DeliveryNoteData:
    base = DeliveryNoteData(
        job_number="J-2026-0100", job_title="Gate 0.1 <A", customer_name="J&C <b>Ltd</b>", delivery_date=date(2026, 7, 2),
        method="collected", items=(DeliveryItem("Ø 25 mm ± 0.1 bar <i>set</i>", D("2.5"), "m"),), delivery_address="Łódź",
    )
    return replace(base, **changes)


def test_user_text_and_methods(letterhead, a4, pdf_text):
    text = pdf_text(render_delivery_note(_note(received_by="Ann <Lee>"), letterhead, a4))
    for needle in ("J&C <b>Ltd</b>", "Gate 0.1 <A", "Łódź", "Ø 25 mm ± 0.1 bar <i>set</i>", "2.5 m", "X Collected by the customer", "Ann <Lee>"):
        assert needle in text, needle
    assert "J-2026-0100" in text  # no note number: the job number heads it
    assert method_key("Installed on site") == "installed" and method_key("Delivered") == "delivered"
    with pytest.raises(ValueError, match="Unknown delivery method"):
        render_delivery_note(_note(method="posted"), letterhead, a4)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_many_items_flow_over_pages(size, letterhead, pages_text, pdf_text):
    items = tuple(DeliveryItem(f"Panel P{i:03d} oak 18 mm", i, "pcs") for i in range(1, 101))
    pdf = render_delivery_note(_note(items=items), letterhead, PageSetup(size))
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert all("Description" in p and "Quantity" in p for p in pages if "Panel P" in p)
    text = pdf_text(pdf)
    for i in range(1, 101):
        assert f"Panel P{i:03d} oak 18 mm {i} pcs" in text
    assert "SIGNATURE" in pages[-1]
