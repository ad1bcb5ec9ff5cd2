"""Counts on paper read as the owner says them: "1 line", "1 entry", "1 day", never "1 lines"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from support.samples import sample_job_card
from support.samples_business import sample_quote
from workshop.printing.job_card import render_job_card
from workshop.printing.quote import render_quote
from workshop.printing.traceability import TraceabilityData, TraceEvent, render_traceability


def test_a_job_card_with_one_material_says_one_line(letterhead, a4, pdf_text):
    card = sample_job_card()

    def printed(materials) -> str:
        return pdf_text(render_job_card(replace(card, materials=materials), letterhead, a4))

    assert "Materials (1 line)" in printed(card.materials[:1])
    assert "Materials (2 lines)" in printed(card.materials[:2])


def test_a_history_of_one_event_says_one_entry(letterhead, a4, pdf_text):
    made = TraceEvent(datetime(2026, 7, 1, 9, 0), "status", "Job created", "Ruth")
    report = TraceabilityData(job_number="J-2026-0100", job_title="Gate", customer_name="Ruth",
                              generated_at=datetime(2026, 7, 3, 9, 0), events=(made,))
    assert "History (1 entry, oldest first)" in pdf_text(render_traceability(report, letterhead, a4))
    two = replace(report, events=(made, replace(made, at=datetime(2026, 7, 2, 9, 0), what="Released")))
    assert "History (2 entries, oldest first)" in pdf_text(render_traceability(two, letterhead, a4))


def test_a_quote_valid_for_one_day_says_one_day(letterhead, a4, pdf_text):
    quote = replace(sample_quote(), quote_date=date(2026, 3, 2), valid_until=date(2026, 3, 2) + timedelta(days=1))
    assert "(1 day from the date of this quotation)" in pdf_text(render_quote(quote, letterhead, a4))
    month = replace(quote, valid_until=date(2026, 4, 1))  # 2 March to 1 April: 30 days
    assert "(30 days from the date of this quotation)" in pdf_text(render_quote(month, letterhead, a4))
