"""Job cards from the ten-year shop (issue 17): ``python benchmarks/bench_printing.py [--rounds 5]``.

Each figure is the whole user action through the database of a working copy of the ten-year shop
(benchmarks/shops.py): ``documents.job_cards.job_card_pdf`` / ``job_cards_pdf``, reading the job, its
bill of materials, routing and checks through the services, then laying out the PDF. After one warm-up:
  * one two-page job card (budget 60 ms, median of 21 runs);
  * one PDF of 100 two-page job cards, 200 pages (budget 5 s, median of ``--rounds``);
and for the record, without a budget: the generator's big job (60 operations, 150 BOM lines: 18 pages);
with ``--newest``, the cards of the shop's own 100 newest jobs (~370 pages: ~2 minutes for 5 runs).
No job of the generator prints on two pages: its jobs have 6 to 14 operations (five operation blocks
fill a page after the first) and a final inspection, so they take 3 or 4. The two-page job is added to
the working copy through the services as an owner enters it (``two_page_job``: 4 operations, the last an
inspection point, a sub-assembly of 9 BOM lines, a paragraph of specification), released; the 100 are
it and 99 repeat orders of it (benchmarks/repeat_orders.py).
Prints the figures and exits 1 if a median is over budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import Figure, exit_code, report  # noqa: E402

SINGLE_BUDGET_MS = 60.0
BATCH_BUDGET_S = 5.0
CARDS = 100


def two_page_job(db) -> int:
    """An oak bookcase entered through the services: 4 operations at the shop's workstations (the last
    an inspection point with a measured check), a sub-assembly of two cabinets holding 9 BOM lines of the
    shop's materials, a paragraph of specification; released. Returns its id."""
    from sqlalchemy import select

    from workshop.db.models import Customer, Material, Workstation
    from workshop.services import bom, inspection, jobs, routing

    with db.reader() as s:
        customer = s.scalar(select(Customer.id).order_by(Customer.id).limit(1))
        materials = list(s.scalars(select(Material.id).order_by(Material.id).limit(9)))
        stations = {code: ws_id for ws_id, code in s.execute(select(Workstation.id, Workstation.code))}
    job = jobs.create_job(db, customer_id=customer, title="Oak bookcase with adjustable shelves", quantity=2,
                          due_date=db.today() + dt.timedelta(days=45),
                          specification="Solid oak bookcase, 1800 x 900 x 300, five adjustable shelves. " * 6).id
    cabinet = bom.add_subassembly(db, job, description="Base cabinet 600", quantity="2")
    for material in materials:
        bom.add_line(db, job, parent_id=cabinet, material_id=material, quantity="1.5")
    steps = [("Cut panels", "SAW"), ("Edge-band", "PLN"), ("CNC drilling", "CNC"), ("Assemble and inspect", "ASM")]
    for k, (name, station) in enumerate(steps):
        op = routing.add_operation(db, job, name=name, workstation_id=stations[station], setup_minutes="15",
                                   run_minutes="30", inspection_required=k == len(steps) - 1,
                                   instructions="Work to drawing KIT-0042 rev B. Check the grain direction before "
                                                "cutting.")
    inspection.add_check(db, operation_id=op, characteristic="Overall height", check_type="measured", unit="mm",
                         nominal="1800", lower_tolerance="-1", upper_tolerance="1")
    jobs.change_status(db, job, "release")
    return job


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(fn, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Milliseconds per run after a warm-up; ``cpu`` gets this process's CPU milliseconds per run (on a
    busy machine the wall time is the CPU time plus the wait for a core: the note shows both)."""
    fn()  # warm-up: fonts, imports
    out = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return out


def cpu_note(cpu: list[float], unit: str = "ms") -> str:
    median = statistics.median(cpu)
    return f"CPU {median / 1000:.2f} s" if unit == "s" else f"CPU {median:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="runs of each many-page figure (at least 5)")
    parser.add_argument("--newest", action="store_true", help="also the cards of the shop's 100 newest jobs")
    args = parser.parse_args()
    from sqlalchemy import func, select

    import shops
    from repeat_orders import repeat_jobs
    from workshop.db.engine import open_database
    from workshop.db.models import BomItem, Job, Operation
    from workshop.documents.job_cards import job_card_pdf, job_cards_pdf

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(shops.working_copy(Path(folder)))
        try:
            card = two_page_job(db)
            with db.session() as s:
                batch = [card, *repeat_jobs(s, [card] * (CARDS - 1), now=db.now(), title=lambda title: title)]
            with db.reader() as s:
                big = s.scalar(select(Operation.job_id).group_by(Operation.job_id).having(func.count() >= 60)
                               .order_by(Operation.job_id.desc()).limit(1))
                big_lines = s.scalar(select(func.count()).select_from(BomItem).where(BomItem.job_id == big))
                newest = list(s.scalars(select(Job.id).where(Job.id.in_(select(Operation.job_id)), Job.id < card)
                                        .order_by(Job.id.desc()).limit(CARDS)))
            card_pages = pages(job_card_pdf(db, card))
            assert card_pages == 2, f"the two-page job prints on {card_pages} pages"
            single_cpu, many_cpu = [], []
            single = timed(lambda: job_card_pdf(db, card), 21, single_cpu)
            many = [ms / 1000 for ms in timed(lambda: job_cards_pdf(db, batch), args.rounds, many_cpu)]
            big_times = timed(lambda: job_card_pdf(db, big), args.rounds)
            batch_pages, big_pages = pages(job_cards_pdf(db, batch)), pages(job_card_pdf(db, big))
            if args.newest:
                newest_times = [ms / 1000 for ms in timed(lambda: job_cards_pdf(db, newest), args.rounds)]
                newest_pages = pages(job_cards_pdf(db, newest))
        finally:
            db.close()
    report(Figure.of("job card, 2 pages (4 operations, 10 BOM lines)", single, "ms", SINGLE_BUDGET_MS,
                     note=f"job_card_pdf: services + layout, ten-year shop; {cpu_note(single_cpu)}"))
    report(Figure.of(f"{CARDS} job cards, {batch_pages} pages", many, "s", BATCH_BUDGET_S,
                     note=f"job_cards_pdf, ten-year shop; {cpu_note(many_cpu, 's')}"))
    report(Figure.of(f"big job's card (60 operations, {big_lines} BOM lines), {big_pages} pages", big_times, "ms"))
    if args.newest:
        report(Figure.of(f"the {CARDS} newest jobs' cards, {newest_pages} pages", newest_times, "s",
                         note="the shop's own jobs: 3 or 4 pages each"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
