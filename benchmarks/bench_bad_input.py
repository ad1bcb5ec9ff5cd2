"""Bad-input benchmark (a plain script, not a test): ``python benchmarks/bench_bad_input.py``.

Times what the bad-input table of issue 12 met at its limits: the job card and the quote of a
10,000- and a 100,000-character specification (100,000 is the longest text a field takes;
1,000,000 is refused), and refusing a 2 GB attachment (stat first: no byte read) with its
tracemalloc peak. Median of a few runs. Prints the figures.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import Figure, report  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402
from workshop.documents.job_cards import job_card_pdf  # noqa: E402
from workshop.documents.quote import quote_pdf  # noqa: E402
from workshop.domain.errors import ValidationError  # noqa: E402
from workshop.services import attachments, briefs, customers, jobs, quotes  # noqa: E402

RUNS = 5
WORDS = "Oak & <walnut> carcass, 0.1 <A tolerance, Łódź hinges 😀. "


def milliseconds(fn) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-bad-input-"))
    db = open_database(folder / "shop.db")
    customer = customers.create_customer(db, name="J&C <b>Ltd</b>")
    for length in (10_000, 100_000):
        text = (WORDS * (length // len(WORDS) + 1))[:length]
        job = jobs.create_job(db, customer_id=customer.id, title="Desk", specification=text, quantity=1,
                              due_date=db.today() + dt.timedelta(days=9))
        brief = briefs.create_brief(db, customer_id=customer.id, title="Hall", requirements=text,
                                    required_by=db.today() + dt.timedelta(days=30))
        quote = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "650.00")], markup_pct="0")
        report(Figure.of(f"job card, {length:,}-character specification",
                         milliseconds(lambda: job_card_pdf(db, job.id)), "ms"))
        report(Figure.of(f"quote, {length:,}-character specification", milliseconds(lambda: quote_pdf(db, quote.id)),
                         "ms"))
    big = folder / "walkthrough.mp4"
    with big.open("wb") as f:
        f.truncate(2 * 1024 ** 3)
    took, peaks = [], []
    for _ in range(RUNS):
        tracemalloc.start()
        start = time.perf_counter()
        try:
            attachments.read_file_to_attach(big)
        except ValidationError:
            pass
        took.append((time.perf_counter() - start) * 1000)
        peaks.append(tracemalloc.get_traced_memory()[1] / 1024)
        tracemalloc.stop()
    report(Figure.of("refuse a 2 GB attachment", took, "ms"))
    report(Figure.of("refuse a 2 GB attachment: peak memory", peaks, "KiB"))
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
