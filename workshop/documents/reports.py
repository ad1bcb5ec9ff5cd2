"""A shop report on the shop's letterhead and paper (the report itself is made in workshop/reports)."""

from __future__ import annotations

from ..db.engine import Database
from ..printing.report import ReportDocument, render_report
from .common import letterhead_and_page


def report_document_pdf(db: Database, document: ReportDocument) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_report(document, letterhead, page)
