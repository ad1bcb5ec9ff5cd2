"""Printing benchmarks (a plain script, not a test): ``python benchmarks/bench_printing.py``.

Times, in this process, after one warm-up:
  * one two-page job card (budget 60 ms, median of 21 runs);
  * one PDF of 100 job cards (budget 5 s, median of 5 runs);
and the demo kitchen card (12 operations, a drawing; no budget, for reference).
Prints the figures and exits 1 if a median is over budget.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the sample card (tests/support)

from figures import Figure, exit_code, report  # noqa: E402
from support.samples import SAMPLE_LETTERHEAD, sample_job_card  # noqa: E402
from workshop.printing.document import PageSetup  # noqa: E402
from workshop.printing.job_card import render_job_card, render_job_cards  # noqa: E402
from workshop.printing.job_card_data import JobCardData, JobCardMaterial, JobCardOperation  # noqa: E402

SINGLE_BUDGET_S = 0.060
BATCH_BUDGET_S = 5.0


def two_page_card(number: int = 42) -> JobCardData:
    """A typical card: short spec, 10 BOM lines with a sub-assembly, 4 operations, one inspection."""
    ops = tuple(
        JobCardOperation(
            op_number=10 * (i + 1),
            sequence=i + 1,
            name=name,
            workstation=station,
            instructions="Work to drawing KIT-0042 rev B. Check the grain direction before cutting.",
            setup_minutes=Decimal(15),
            run_minutes_per_unit=Decimal(30),
            total_planned_minutes=Decimal(45),
            operator="Priya Shah" if i % 2 else "",
            inspection_required=(i == 3),
        )
        for i, (name, station) in enumerate(
            [("Cut panels", "Panel saw"), ("Edge-band", "Edgebander"), ("CNC drilling", "CNC router"),
             ("Assemble and inspect", "Assembly bench")]
        )
    )  # fmt: skip
    materials = (JobCardMaterial("SA-BC600", "Base cabinet 600", 2, "pcs", 0, True),) + tuple(
        JobCardMaterial(f"MAT-{i:03d}", f"Material line {i}, oak-veneered MDF 18 mm", Decimal("1.5"), "sheet", 1)
        for i in range(9)
    )
    return JobCardData(
        job_number=f"J-2026-{number:04d}",
        title="Oak bookcase with adjustable shelves",
        customer="Harrow & Finch Interiors",
        quantity=2,
        due_date=date(2026, 4, 17),
        priority="Normal",
        status="Released",
        printed_at=datetime(2026, 3, 2, 9, 15),
        specification="Solid oak bookcase, 1800 x 900 x 300, five adjustable shelves. " * 6,
        materials=materials,
        operations=ops,
    )


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up: fonts, imports
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    page = PageSetup("A4")
    card = two_page_card()
    batch = [dataclasses.replace(card, job_number=f"J-2026-{n:04d}") for n in range(1, 101)]
    kitchen = sample_job_card()

    single = timed(lambda: render_job_card(card, SAMPLE_LETTERHEAD, page), 21)
    many = [ms / 1000 for ms in timed(lambda: render_job_cards(batch, SAMPLE_LETTERHEAD, page), 5)]
    demo = timed(lambda: render_job_card(kitchen, SAMPLE_LETTERHEAD, page), 11)

    report(Figure.of(f"job card, {pages(render_job_card(card, SAMPLE_LETTERHEAD, page))} pages", single, "ms",
                     SINGLE_BUDGET_S * 1000))
    report(Figure.of(f"100 job cards, {pages(render_job_cards(batch, SAMPLE_LETTERHEAD, page))} pages", many, "s",
                     BATCH_BUDGET_S))
    report(Figure.of(f"demo kitchen card, {pages(render_job_card(kitchen, SAMPLE_LETTERHEAD, page))} pages with a "
                     "drawing", demo, "ms"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
