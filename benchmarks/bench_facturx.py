"""Factur-X PDF benchmark (a plain script, not a test): ``python benchmarks/bench_facturx.py``.

Times making the Factur-X e-invoice of one issued 10-line invoice (two tax rates) in a working copy
of the ten-year shop (``bench_invoice_pdf.print_times_ms``), the whole of ``documents.facturx.facturx_pdf``:
reading it through the services, writing and checking the CII XML (XSD and EN 16931 rules), laying out
the PDF and making it a PDF/A-3 with the XML attached. Budget 150 ms, median of 31 runs after one
warm-up (which also loads the schema). Prints the figures and exits 1 if the median is over budget.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.documents.facturx import facturx_pdf  # noqa: E402
from bench_invoice_pdf import print_times_ms  # noqa: E402
from figures import Figure, exit_code, report  # noqa: E402

FACTURX_BUDGET_S = 0.150


def main() -> int:
    cpu: list[float] = []
    times = print_times_ms(facturx_pdf, cpu=cpu)
    report(Figure.of("Factur-X PDF (10 lines, 2 rates)", times, "ms", FACTURX_BUDGET_S * 1000,
                     note=f"ten-year shop; CPU {statistics.median(cpu):.0f} ms"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
