"""Exporting issued invoices to Xero, QuickBooks Online or a plain CSV, and remembering it.

The one action the window and ``workshop export invoices`` both call. It reads the invoices
(``services.invoice_exports``), writes the file(s) (``workshop.exports``: an unmapped tax rate
refuses the export before any file is written, and the files appear whole or not at all), and
only then marks the invoices exported: a failed write marks nothing.

File names: Xero's import takes at most 500 invoices a file, so a bigger export becomes
``name-1.csv``, ``name-2.csv`` …; the plain CSV writes the invoices at the path given and their
lines beside it, ``name-lines.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..db.engine import Database
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import WorkshopError
from ..exports.invoice_rows import TaxMapping
from ..exports.plain_csv import write_plain
from ..exports.quickbooks import write_quickbooks
from ..exports.xero import write_xero
from ..services import invoices
from ..services.invoice_exports import FORMATS, ExportResult, ExportSources, export_sources


def lines_path(path: Path) -> Path:
    """Where the plain CSV's lines go beside its invoices: ``march.csv`` → ``march-lines.csv``."""
    return path.with_name(f"{path.stem}-lines{path.suffix or '.csv'}")


def _write(sources: ExportSources, fmt: str, path: Path) -> tuple[Path, ...]:
    chosen = list(sources.invoices)
    if fmt == "xero":
        return tuple(write_xero(chosen, TaxMapping(sources.tax_codes), path, us_dates=sources.us_dates))
    if fmt == "quickbooks":
        mapping = TaxMapping(sources.tax_codes) if sources.vat else None
        return (write_quickbooks(chosen, mapping, path, us_dates=sources.us_dates, vat=sources.vat),)
    return write_plain(chosen, path, lines_path(path))


@writes(Change.INVOICES)
def export_invoices(db: Database, invoice_ids: Iterable[int], *, fmt: str, path: Path) -> ExportResult:
    """Write the issued invoices ``invoice_ids`` in ``fmt`` (one of ``FORMATS``) at ``path``, then
    mark them exported. Invoices exported before are exported again: ask first
    (``choose_invoices`` names them)."""
    fmt = v.choice("format", fmt, FORMATS)
    ids = list(dict.fromkeys(int(i) for i in invoice_ids))
    sources = export_sources(db, ids)
    try:
        files = _write(sources, fmt, Path(path))
    except OSError as exc:  # a full disk, a folder that is not there, a file open in Excel
        raise WorkshopError(f"Could not write {path}: {exc.strerror or exc}. Nothing was exported.") from None
    invoices.mark_exported(db, ids)
    return ExportResult(files=files, count=len(sources.invoices))


__all__ = ["export_invoices", "lines_path"]
