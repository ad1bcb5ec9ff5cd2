"""Traceability report PDF: the job's whole history, oldest first, across pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from workshop.printing.document import PageSetup
from support.samples_business import sample_traceability
from workshop.printing.text import format_date
from workshop.printing.traceability import TraceabilityData, TraceEvent, kind_label, render_traceability


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sample_report_prints_every_event_in_time_order(size, letterhead, pdf_text, pages_text):
    d = sample_traceability()
    pdf = render_traceability(d, letterhead, PageSetup(size))
    text = pdf_text(pdf)
    assert "TRACEABILITY REPORT" in text and "J-2026-0037" in text and d.customer_name in text and d.job_title in text
    assert "Delivered" in text and "25 Mar 2027" in text and "26 Feb 2026" in text
    positions = []
    for e in sorted(d.events, key=lambda e: e.at):
        assert format_date(e.at, weekday=True) in text
        entry = f"{e.at:%H:%M} {kind_label(e.kind).upper()} {e.what}"
        assert entry in text, entry
        assert e.who in text
        assert " ".join(e.details.split()) in text
        if e.reference:
            assert e.reference in text
        positions.append(text.index(entry))
    assert positions == sorted(positions)
    assert "History (15 entries, oldest first)" in text
    assert "Inspection: 5" in text
    pages = pages_text(pdf)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def _report(**changes) -> TraceabilityData:
    base = TraceabilityData(
        job_number="J-2026-0100", job_title="Łódź gate", customer_name="J&C <b>Ltd</b>", generated_at=datetime(2026, 7, 3, 9, 0),
        events=(
            TraceEvent(datetime(2026, 7, 2, 10, 0), "inspection", "Ø 25 mm ± 0.1: PASS", "Ann <i>Lee</i>", "0.1 <A"),
            TraceEvent(datetime(2026, 7, 1, 9, 0), "custom_kind", "Photo added", "Bo"),
        ),
    )
    return replace(base, **changes)


def test_user_text_prints_exactly_and_events_are_sorted(letterhead, a4, pdf_text):
    text = pdf_text(render_traceability(_report(), letterhead, a4))
    for needle in ("J&C <b>Ltd</b>", "Łódź gate", "Ø 25 mm ± 0.1: PASS", "Ann <i>Lee</i>", "0.1 <A", "CUSTOM KIND Photo added"):
        assert needle in text, needle
    assert text.index("Photo added") < text.index("Ø 25 mm ± 0.1: PASS")
    empty = pdf_text(render_traceability(_report(events=()), letterhead, a4))
    assert "Nothing recorded on this job yet." in empty


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_long_history_flows_over_pages(size, letterhead, pages_text, pdf_text):
    start = datetime(2026, 1, 5, 8, 0)
    events = tuple(
        TraceEvent(start + timedelta(hours=5 * i), "operation", f"Operation {i} done", "Jo", f"Booked {i} h at the bench")
        for i in range(150)
    )
    pdf = render_traceability(_report(events=events), letterhead, PageSetup(size))
    pages = pages_text(pdf)
    assert len(pages) >= 4
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert all("Details" in p for p in pages)
    text = pdf_text(pdf)
    for i in range(150):
        assert f"Operation {i} done" in text and f"Booked {i} h at the bench" in text
