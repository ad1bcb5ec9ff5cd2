"""A report as a PDF: its cells written in the shop's locale, its charts as vector drawings."""

from __future__ import annotations

from ..db.engine import Database
from ..documents.reports import report_document_pdf
from ..printing.report import ReportDocument, ReportTable
from .output import ReportOutput, cell_text, drawings


def report_document(report: ReportOutput) -> ReportDocument:
    tables = tuple(ReportTable(t.title, tuple(c.name for c in t.columns),
                               tuple(tuple(cell_text(v, c.kind, report.currency, report.locale)
                                           for c, v in zip(t.columns, row)) for row in t.rows),
                               frozenset(i for i, c in enumerate(t.columns) if c.is_figure))
                   for t in report.tables)
    return ReportDocument(report.title, report.period_text(), report.summary, tuple(drawings(report)), tables,
                          report.as_of, report.notes, report.locale)


def report_pdf(db: Database, report: ReportOutput) -> bytes:
    return report_document_pdf(db, report_document(report))


__all__ = ["report_document", "report_pdf"]
