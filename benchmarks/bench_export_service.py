"""Export benchmark through the database (a plain script, not a test):
``python benchmarks/bench_export_service.py``.

The whole user action "export the month for Xero" on a SQLite shop holding 1,000 issued invoices
of 3 lines each: choosing them by date, reading them (lines in bulk), sharing each rate's tax,
writing Xero's files (two: at most 500 invoices a file) and marking them exported. Budget 2 s,
median of 5 runs after one warm-up; the writers alone are ``bench_exports.py``. Prints the figures
and exits 1 if the median is over budget.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import Figure, exit_code, report  # noqa: E402
from invoice_shop import billing_customer  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402
from workshop.documents.invoice_exports import export_invoices  # noqa: E402
from workshop.services import invoices, tax_codes  # noqa: E402
from workshop.services.invoice_exports import choose_invoices  # noqa: E402

BUDGET_S = 2.0
INVOICES = 1000
RUNS = 5
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
#: A plain line, one 10% off, one whose discount is no exact percentage: every Xero pricing path.
LINES = [dict(description="Oak dining table, Łódź finish", quantity="1", unit_price="1850.00"),
         dict(description="Chairs", quantity="6", unit_price="245.50", discount="147.30"),
         dict(description="=Fitting", quantity="2.5", unit_price="45.00", discount="10.00")]


def fill(db) -> None:
    customer_id = billing_customer(db)
    tax_codes.save_tax_codes(db, [dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)",
                                       xero_account_code="200", quickbooks_tax_code="20.0% S")])
    for i in range(INVOICES):
        draft = invoices.create_draft(db, kind="manual", customer_id=customer_id, lines=LINES)
        invoices.issue(db, draft.id, issue_date=MARCH[0] + dt.timedelta(days=i % 31))


def export_month(db, path: Path) -> int:
    choice = choose_invoices(db, date_from=MARCH[0], date_to=MARCH[1])
    return len(export_invoices(db, choice.invoice_ids, fmt="xero", path=path).files)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        try:
            start = time.perf_counter()
            fill(db)
            filled = time.perf_counter() - start
            files = export_month(db, Path(folder) / "march.csv")  # warm-up
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                export_month(db, Path(folder) / "march.csv")
                times.append((time.perf_counter() - start) * 1000)
        finally:
            db.close()
    print(f"{INVOICES:,} issued invoices × 3 lines in the database (issued in {filled:.1f} s)")
    report(Figure.of(f"export {INVOICES:,} invoices for Xero ({files} files), through the database", times, "ms",
                     BUDGET_S * 1000, note="choose + read + CSV + mark exported"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
