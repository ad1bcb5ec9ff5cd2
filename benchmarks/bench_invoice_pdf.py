"""Invoice PDF benchmark (a plain script, not a test): ``python benchmarks/bench_invoice_pdf.py``.

Times printing one issued 10-line invoice (two tax rates), issued for the benchmark in a working copy
of the ten-year shop (benchmarks/shops.py: 20,000 invoices before it, 5,000 customers), the whole of
``documents.invoice.invoice_pdf``: reading it through the services and laying out the PDF; then
the same in euros from the shop with an IBAN, so the page also carries the EPC QR code.
Budget 80 ms, median of 31 runs after one warm-up. Prints the figures and exits 1 if the
median is over budget.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shops  # noqa: E402
from figures import Figure, exit_code, report  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402
from workshop.documents.invoice import invoice_pdf  # noqa: E402
from invoice_shop import ten_line_invoice  # noqa: E402

PDF_BUDGET_S = 0.080
RUNS = 31


def print_times_ms(make_pdf, *, euro: bool = False, cpu: list[float] | None = None) -> list[float]:
    """The milliseconds ``make_pdf(db, invoice_id)`` takes, each run, for a ten-line invoice issued in a
    working copy of the ten-year shop, after one warm-up run (fonts, styles, imports). ``euro``: billed in
    euros into an IBAN. ``cpu`` gets this process's CPU milliseconds per run (on a busy machine the wall
    time is that plus the wait for a core)."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(shops.working_copy(Path(folder)))
        try:
            if euro:
                from workshop.services import settings

                settings.update_settings(db, currency="EUR", iban="IE29AIBK93115212345678", bic="AIBKIE2D")
            invoice_id = ten_line_invoice(db)
            make_pdf(db, invoice_id)
            times = []
            for _ in range(RUNS):
                start, start_cpu = time.perf_counter(), time.process_time()
                make_pdf(db, invoice_id)
                times.append((time.perf_counter() - start) * 1000)
                if cpu is not None:
                    cpu.append((time.process_time() - start_cpu) * 1000)
        finally:
            db.close()
    return times


def main() -> int:
    for words, euro in (("", False), (", euros with the EPC QR code", True)):
        cpu: list[float] = []
        times = print_times_ms(invoice_pdf, euro=euro, cpu=cpu)
        report(Figure.of(f"invoice PDF (10 lines, 2 rates{words})", times, "ms", PDF_BUDGET_S * 1000,
                         note=f"ten-year shop; CPU {statistics.median(cpu):.0f} ms"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
