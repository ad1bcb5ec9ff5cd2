"""Invoice benchmark (a plain script, not a test): ``python benchmarks/bench_invoices.py``.

Times issuing one invoice of 10 lines in a working copy of the ten-year shop (benchmarks/shops.py: the
year's 1,465 invoice numbers before it, 20,000 in all), the whole user action (number, frozen details,
totals, commit): budget 50 ms, median of 31 runs after one warm-up.
Prints the figures and exits 1 if the median is over budget.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shops  # noqa: E402
from figures import Figure, exit_code, report  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402
from invoice_shop import billing_customer  # noqa: E402
from workshop.services import invoices  # noqa: E402

ISSUE_BUDGET_S = 0.050
RUNS = 31


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(shops.working_copy(Path(folder)))
        try:
            customer_id = billing_customer(db)
            lines = [dict(description=f"Line {i}", quantity="2", unit_price="12.34") for i in range(10)]
            drafts = [invoices.create_draft(db, kind="manual", customer_id=customer_id, lines=lines).id
                      for _ in range(RUNS + 1)]
            invoices.issue(db, drafts.pop())  # warm-up
            times = []
            for invoice_id in drafts:
                start = time.perf_counter()
                invoices.issue(db, invoice_id)
                times.append((time.perf_counter() - start) * 1000)
        finally:
            db.close()
    report(Figure.of("issue one invoice (10 lines)", times, "ms", ISSUE_BUDGET_S * 1000))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
