"""Export benchmark (a plain script, not a test): ``python benchmarks/bench_exports.py``.

Times writing 1,000 invoices of 3 lines each to Xero's import CSV (budget 2 s, median of 5 runs
after one warm-up), and, for reference, the same invoices to QuickBooks and the plain CSV.
Prints the figures and exits 1 if the Xero median is over budget.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import Figure, exit_code, report  # noqa: E402
from workshop.domain.invoicing import TaxCategory  # noqa: E402
from workshop.domain.accounting_rows import ExportInvoice, ExportLine, TaxCode  # noqa: E402
from workshop.exports.invoice_rows import TaxMapping  # noqa: E402
from workshop.exports.plain_csv import write_plain  # noqa: E402
from workshop.exports.quickbooks import write_quickbooks  # noqa: E402
from workshop.exports.xero import write_xero  # noqa: E402

BUDGET_S = 2.0
INVOICES = 1000
RUNS = 5

MAPPING = TaxMapping([TaxCode(category=TaxCategory.STANDARD, rate=Decimal(20), xero_tax_type="20% (VAT on Income)",
                              xero_account_code="200", quickbooks_tax_code="20.0% S")])


def invoices(count: int) -> list[ExportInvoice]:
    """Three lines each: a plain one, one with a 10% discount, one with a discount that is no
    exact percentage (so every pricing path of the Xero writer runs)."""
    lines = (
        ExportLine(description="Oak dining table, Łódź finish", quantity=Decimal(1), unit_amount=Decimal("1850.00"),
                   net=Decimal("1850.00"), tax_category=TaxCategory.STANDARD, tax_rate=Decimal(20),
                   tax_amount=Decimal("370.00")),
        ExportLine(description="Chairs", quantity=Decimal(6), unit_amount=Decimal("245.50"),
                   discount=Decimal("147.30"), net=Decimal("1325.70"), tax_category=TaxCategory.STANDARD,
                   tax_rate=Decimal(20), tax_amount=Decimal("265.14")),
        ExportLine(description="=Fitting", quantity=Decimal("2.5"), unit_amount=Decimal("45.00"),
                   discount=Decimal("10.00"), net=Decimal("102.50"), tax_category=TaxCategory.STANDARD,
                   tax_rate=Decimal(20), tax_amount=Decimal("20.50")),
    )  # fmt: skip
    return [ExportInvoice(number=f"INV-2026-{i:04d}", kind="invoice", customer_name=f"J&C <b>Ltd</b> {i % 97}",
                          email="accounts@jc.example", address_lines=("12 Mill Lane",), city="Leeds",
                          postal_code="LS1 4AP", country="GB", issue_date=dt.date(2026, 3, 1 + i % 28),
                          due_date=dt.date(2026, 4, 1 + i % 28), reference=f"J-2026-{i:04d}", currency="GBP",
                          lines=lines)
            for i in range(1, count + 1)]


def milliseconds(write, runs: int = RUNS) -> list[float]:
    write()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        write()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    data = invoices(INVOICES)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        xero = milliseconds(lambda: write_xero(data, MAPPING, out / "xero.csv"))
        quickbooks = milliseconds(lambda: write_quickbooks(data, MAPPING, out / "qb.csv"))
        plain = milliseconds(lambda: write_plain(data, out / "invoices.csv", out / "lines.csv"))
        files = sorted(path.name for path in out.iterdir())
    xero_files = ", ".join(name for name in files if name.startswith("xero"))
    report(Figure.of(f"write {INVOICES:,} invoices × 3 lines: Xero CSV", xero, "ms", BUDGET_S * 1000,
                     note=f"files: {xero_files}"))
    report(Figure.of(f"write {INVOICES:,} invoices × 3 lines: QuickBooks CSV", quickbooks, "ms"))
    report(Figure.of(f"write {INVOICES:,} invoices × 3 lines: plain CSV", plain, "ms"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
