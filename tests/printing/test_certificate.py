"""Certificate of conformity PDF: every check with all its readings, tests, NCRs, declaration."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from workshop.printing.certificate import CertificateCheck, CertificateData, render_certificate
from workshop.printing.document import PageSetup
from support.samples_business import sample_certificate
from workshop.printing.text import format_date, format_datetime


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sample_certificate_prints_every_check_reading_and_result(size, letterhead, pdf_text, pages_text):
    d = sample_certificate()
    pdf = render_certificate(d, letterhead, PageSetup(size))
    text = pdf_text(pdf)
    assert "CERTIFICATE OF CONFORMITY" in text and "COC-J-2026-0037" in text and "J-2026-0037" in text
    assert d.customer_name in text and d.job_title in text and "PO 44718" in text
    assert format_date(d.issue_date) in text
    for c in d.checks:
        assert c.characteristic in text
        for reading in c.readings:
            assert " ".join(x for x in (reading, c.unit) if x) in text
        if c.nominal:
            assert f"{c.nominal} {c.unit}" in text
        if c.tolerance:
            assert f"{c.tolerance} {c.unit}" in text
        assert c.inspector in text and format_datetime(c.inspected_at) in text
    assert "12 of 12 correct" in text
    assert "Ø 25 mm ± 0.1 guide-post bore" in text and "25.04 mm 25.06 mm PASS" in text
    for t in d.tests:
        assert t.name in text and t.requirement in text and t.value in text and t.tested_by in text
        assert format_datetime(t.tested_at) in text
    assert "≤ 0.5 s 0.32 s PASS" in text
    assert "4-hour run test under load" in text and "4 h 00 min; rise 18 K" in text
    assert text.count("PASS") >= len(d.checks) + len(d.tests)
    assert "9 of 9" in text
    for n in d.non_conformances:
        assert n.number in text and n.description in text and n.disposition in text and n.cause in text
    assert "Concession: C-2026-002 granted by J. Hartley (Calder Valley Sawmills), 23 Mar 2026" in text
    assert " ".join(d.declaration.split()) in text
    assert "Sam Ortiz" in text and "Workshop manager" in text and "Oakbridge Joinery & Metalwork Ltd" in text
    pages = pages_text(pdf)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def _cert(**changes) -> CertificateData:
    base = CertificateData(
        certificate_number="COC-J-2026-0100", issue_date=date(2026, 7, 1), job_number="J-2026-0100",
        job_title="Gate Ø 25 mm ± 0.1", customer_name="J&C <b>Ltd</b>", customer_address="Łódź",
        checks=(CertificateCheck("Bar spacing 0.1 <A", "FAIL", "Ann <i>Lee</i>", date(2026, 6, 30), ("101.2",), "100", "± 1", "mm"),),
    )
    return replace(base, **changes)


def test_user_text_prints_exactly_and_fail_shows(letterhead, a4, pdf_text):
    text = pdf_text(render_certificate(_cert(), letterhead, a4))
    for needle in ("J&C <b>Ltd</b>", "Łódź", "Gate Ø 25 mm ± 0.1", "Bar spacing 0.1 <A", "Ann <i>Lee</i>", "101.2 mm", "FAIL", "0 of 1", "None raised on this job."):
        assert needle in text, needle


def test_result_must_be_pass_or_fail(letterhead, a4):
    bad = CertificateCheck("Width", "maybe", "Ann", date(2026, 6, 30))
    with pytest.raises(ValueError, match="PASS or FAIL"):
        render_certificate(_cert(checks=(bad,)), letterhead, a4)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_many_checks_flow_over_pages(size, letterhead, pages_text, pdf_text):
    checks = tuple(
        CertificateCheck(f"Hole {i} position", "PASS", "Sam Ortiz", datetime(2026, 6, 30, 9, i % 60), (f"{i}.01", f"{i}.02", f"{i}.03"), f"{i}.00", "± 0.05", "mm")
        for i in range(1, 91)
    )
    pdf = render_certificate(_cert(checks=checks), letterhead, PageSetup(size))
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert all("Characteristic" in p for p in pages if "Hole " in p)
    text = pdf_text(pdf)
    for i in range(1, 91):
        assert f"Hole {i} position" in text and f"{i}.01 mm {i}.02 mm {i}.03 mm PASS" in text
    assert "Declaration of conformity" in pages[-1]
