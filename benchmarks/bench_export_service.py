"""Export benchmark through the database (a plain script, not a test):
``python benchmarks/bench_export_service.py``.

The whole user action "export these months for Xero" on a working copy of the ten-year shop
(benchmarks/shops.py: 20,000 issued invoices over ten years, deposits and finals, their payments): the
dates chosen so that 1,000 of the shop's own invoices fall between them (the half-year to the end of
June 2026), then choosing them by date, reading them (lines in bulk, payments summed), sharing each
rate's tax, writing Xero's files (two: at most 500 invoices a file) and marking them exported. The
shop's tax code for its standard rate is saved first, as an owner does before a first export. Budget
2 s, median of 5 runs after one warm-up; the writers alone are ``bench_exports.py`` (3-line invoices).
Prints the figures and exits 1 if the median is over budget.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shops  # noqa: E402
from figures import Figure, exit_code, report  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402
from workshop.documents.invoice_exports import export_invoices  # noqa: E402
from workshop.services import tax_codes  # noqa: E402
from workshop.services.invoice_exports import choose_invoices  # noqa: E402

BUDGET_S = 2.0
INVOICES = 1000
RUNS = 5
PERIOD_END = dt.date(2026, 6, 30)


def period_of(db, count: int = INVOICES) -> tuple[dt.date, dt.date]:
    """From the day that puts ``count`` issued invoices between it and ``PERIOD_END``, to that end."""
    from sqlalchemy import select

    from workshop.db.models import Invoice

    with db.reader() as s:
        start = s.scalar(select(Invoice.issue_date).where(Invoice.status != "draft", Invoice.issue_date <= PERIOD_END)
                         .order_by(Invoice.issue_date.desc()).offset(count - 1).limit(1))
    return start, PERIOD_END


def export_period(db, period: tuple[dt.date, dt.date], path: Path) -> tuple[int, int]:
    """(invoices exported, files written)."""
    choice = choose_invoices(db, date_from=period[0], date_to=period[1])
    result = export_invoices(db, choice.invoice_ids, fmt="xero", path=path)
    return result.count, len(result.files)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(shops.working_copy(Path(folder)))
        try:
            tax_codes.save_tax_codes(db, [dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)",
                                               xero_account_code="200", quickbooks_tax_code="20.0% S")])
            period = period_of(db)
            count, files = export_period(db, period, Path(folder) / "half-year.csv")  # warm-up
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                export_period(db, period, Path(folder) / "half-year.csv")
                times.append((time.perf_counter() - start) * 1000)
        finally:
            db.close()
    print(f"{count:,} of the ten-year shop's issued invoices between {period[0]} and {period[1]}")
    report(Figure.of(f"export {count:,} invoices for Xero ({files} files), ten-year shop", times, "ms",
                     BUDGET_S * 1000, note="choose + read + CSV + mark exported"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
