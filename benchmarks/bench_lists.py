"""The job list and its search through the services, on the ten-year shop (issue 17).

Budgets (issue 17, 2-core machine):
- the first 50 jobs by due date (``list_jobs(db, JobFilter(), limit=50)``): ≤ 4 ms;
- a search in number, customer and title, first page plus count: ≤ 5 ms, for a rare term (a
  customer's number), a customer's name many jobs have ("García"), a common word ("oak") and a job
  number as printed. Measured as the Job Cards list asks for it: ``list_page`` (the first 100 rows,
  the count, and the quick filters' counts by status, in one reader); and, for the record, the two
  calls a caller without it makes (``list_jobs`` + ``count_jobs``).
The other figures keep the earlier budget of anything a keystroke or a click in the list triggers,
50 ms: the open jobs, a page deep in the list (keyset: the 100 rows after row 15,000, or three
quarters down a smaller shop), the late filter, the status counts. The first call in a fresh process
(mapper set-up) is reported for the record (start-up's matter).

Each search's count and page are CHECKED against hand-written SQL over the same file (the same jobs,
in the same order) before anything is timed. For the record, the floor of any such search: one pass
of SQLite's LIKE over every job's search text (a hand-written count), which a search must make
once (a page that is not full has made it; a full one is counted). Every note gives the thread's
CPU time beside the wall-clock median (on a machine busy with other work the two part).
The screen's figures (painted) are in bench_job_list_screen.py.
Run: .venv/bin/python benchmarks/bench_lists.py [--rounds 25] [--scale 1.0 | --jobs 2000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import shops  # noqa: E402

FIRST_50_BUDGET_MS = 4.0
SEARCH_BUDGET_MS = 5.0
CLICK_BUDGET_MS = 50.0  # the earlier budget of anything a click in the list triggers
PAGE = 100  # the Job Cards list's page (JobsModel.PAGE_SIZE)
COUNTED = ("complete", "delivered")  # the quick filters' counts (job_list.QUICK_FILTERS)


CPU: dict[str, float] = {}  # the last timed call's median CPU time of this thread, for the notes


def timed(fn, rounds: int) -> list[float]:
    """Wall-clock samples (the figure); the thread's CPU time too (``cpu()``), which other programs
    on the machine disturb less: it says what the call costs when the machine is busy."""
    fn()  # warm: the statement compiled, the pages in SQLite's cache
    samples, cpu_samples = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu_samples.append((time.thread_time() - start_cpu) * 1000)
    CPU["last"] = statistics.median(cpu_samples)
    return samples


def cpu() -> str:
    return f"CPU {CPU['last']:.2f} ms"


def search_terms(path: Path) -> dict[str, str]:
    """The terms searched for, read off the shop: a customer's number (few jobs), a name many
    customers share, a common word, and one job's number as printed on its card."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        jobs_count = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
        number = conn.execute("SELECT number FROM jobs ORDER BY id LIMIT 1 OFFSET ?", (jobs_count // 3,)).fetchone()[0]
        customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        name = conn.execute("SELECT name FROM customers ORDER BY id LIMIT 1 OFFSET ?",
                            (min(1500, customers // 3),)).fetchone()[0]
    finally:
        conn.close()
    return {"a customer's number": name.rsplit(" ", 1)[-1], "a name (García)": "García", "a common word (oak)": "oak",
            "a job number": number}


def hand_written(path: Path, term: str) -> tuple[int, list[int]]:
    """The count and the first page's ids of ``term``'s search, in plain SQL: the job's folded search
    text holds it, or its customer's name does (as Python lowers it)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.create_function("py_lower", 1, lambda v: v.lower() if isinstance(v, str) else v, deterministic=True)
    try:
        def escaped(text: str) -> str:
            return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

        where = ("search_text LIKE :folded ESCAPE '\\' OR customer_id IN "
                 "(SELECT id FROM customers WHERE py_lower(name) LIKE :lowered ESCAPE '\\')")
        args = {"folded": escaped(term.strip().casefold()), "lowered": escaped(term.strip().lower())}
        total = conn.execute(f"SELECT count(*) FROM jobs WHERE {where}", args).fetchone()[0]
        ids = [r[0] for r in conn.execute(f"SELECT id FROM jobs WHERE {where} ORDER BY due_date DESC, id DESC "
                                          f"LIMIT {PAGE}", args)]
        return total, ids
    finally:
        conn.close()


def cold_first_call(path: Path) -> float:
    """The first 50 jobs as the first query of a fresh process (it pays the mappers' set-up)."""
    import subprocess

    code = ("import sys, time; sys.path.insert(0, sys.argv[2]);"
            "from workshop.db.engine import open_database; from workshop.services import jobs;"
            "db = open_database(sys.argv[1]); t = time.perf_counter(); jobs.list_jobs(db, limit=50);"
            "print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code, str(path), str(shops.ROOT)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--scale", type=float, default=None)
    parser.add_argument("--jobs", type=int, default=None, help="a shop of this many jobs (scale jobs / 20,000)")
    args = parser.parse_args()
    if args.jobs is not None and args.scale is None:
        args.scale = args.jobs / 20_000
    from figures import Figure, exit_code, report, rounds

    from workshop.db.engine import open_database
    from workshop.services import jobs

    n = rounds(args.rounds)
    with tempfile.TemporaryDirectory() as folder:
        path = shops.working_copy(Path(folder), args.scale)
        cold = [cold_first_call(path) for _ in range(rounds(5))]
        db = open_database(path)
        shop = f"{jobs.count_jobs(db):,} jobs"
        terms = search_terms(path)
        for label, term in terms.items():  # the service finds what plain SQL finds, in the same order
            page = jobs.list_page(db, jobs.JobFilter(search=term), limit=PAGE, count_statuses=COUNTED)
            total, ids = hand_written(path, term)
            assert (page.total, [r.id for r in page.rows]) == (total, ids), (label, term, page.total, total)
            assert jobs.count_jobs(db, jobs.JobFilter(search=term)) == total

        samples = timed(lambda: jobs.list_jobs(db, jobs.JobFilter(), limit=50), n)
        report(Figure.of(f"{shop}: the first 50 jobs by due date (service)", samples, "ms", FIRST_50_BUDGET_MS,
                         note=f"list_jobs(db, JobFilter(), limit=50), warm; {cpu()}"))
        report(Figure.of(f"{shop}: the first 50 jobs, first call in a process", cold, "ms", None,
                         note="each in a fresh process after open_database: mapper set-up, start-up's matter"))
        for label, term in terms.items():
            f = jobs.JobFilter(search=term)
            hits = jobs.count_jobs(db, f)
            samples = timed(lambda: jobs.list_page(db, f, limit=PAGE, count_statuses=COUNTED), n)
            report(Figure.of(f"{shop}: search {label}: first page + count", samples, "ms", SEARCH_BUDGET_MS,
                             note=f"'{term}', {hits:,} jobs: list_page (first {PAGE} rows, count, counts by "
                                  f"status); {cpu()}"))
        floor = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        samples = timed(lambda: floor.execute("SELECT count(*) FROM jobs WHERE search_text LIKE '%oak%' ESCAPE '\\'")
                        .fetchone(), n)
        floor.close()
        report(Figure.of(f"{shop}: floor: one pass over the search text (hand-written count)", samples, "ms", None,
                         note=f"SELECT count(*) ... LIKE '%oak%', sqlite3 alone: what any count of a typed search "
                              f"reads; {cpu()}"))
        for label, term in terms.items():
            f = jobs.JobFilter(search=term)
            samples = timed(lambda: (jobs.list_jobs(db, f, limit=PAGE), jobs.count_jobs(db, f)), n)
            report(Figure.of(f"{shop}: search {label}: list_jobs + count_jobs", samples, "ms", None,
                             note=f"'{term}': two calls, for the record (the list uses list_page); {cpu()}"))

        deep_row = min(15_000, jobs.count_jobs(db) * 3 // 4)
        deep = jobs.list_jobs(db, limit=deep_row)[-1]
        cases = {
            "first page (100) + count, open jobs": lambda: jobs.list_page(db, jobs.JobFilter(open_only=True),
                                                                          limit=PAGE),
            "first page (100) + count, not closed": lambda: jobs.list_page(
                db, jobs.JobFilter(excluded_statuses=("closed", "cancelled")), limit=PAGE, count_statuses=COUNTED),
            f"the 100 after row {deep_row:,} (keyset)": lambda: jobs.list_jobs(db, limit=PAGE, after=deep),
            "late filter (page + count)": lambda: jobs.list_page(db, jobs.JobFilter(late_only=True), limit=PAGE),
            "status counts (status bar)": lambda: jobs.status_counts(db),
        }
        assert [r.id for r in jobs.list_jobs(db, limit=PAGE, after=deep)] == \
            [r.id for r in jobs.list_jobs(db, limit=PAGE, offset=deep_row)]
        for name, fn in cases.items():
            samples = timed(fn, n)
            report(Figure.of(f"{shop}: {name}", samples, "ms", CLICK_BUDGET_MS, note=cpu()))
        db.close()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
