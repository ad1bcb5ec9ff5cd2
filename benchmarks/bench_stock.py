"""The material side on ten years of a shop: what the Stock tab and a job's bill of materials ask.

The shop: a working copy of the ten-year shop (benchmarks/shops.py: 20,000 jobs, 400 materials, ~120,000
BOM lines, 100,000 material issues, 5,000 purchase orders with 60 still open, their goods in, ~116,000 stock
movements). Measured through the services, median and worst of the rounds:
- the Materials page's first 100 rows (stock_positions: on hand, on order, allocated);
- the reorder list;
- a live job's bill of materials against stock (material_needs: on order, other jobs, missing), over the
  jobs on the floor (the newest of them has 150 BOM lines);
- a material's movements, first page;
- the stock's value at a date;
- the purchase orders list and the goods in list, first page.
Budget: 50 ms each (a page answers as it is opened; issue 17 sets the painted budgets). The figures are
wall-clock; each note says the CPU time this process spent (on the shared 2-core machine the rest is the wait
for a core). Before measuring, the Materials page's and the reorder list's "allocated" (summed by the
database) are checked against the rule: every open job's claim made through its bill (``job_needs``), summed.
Run: .venv/bin/python benchmarks/bench_stock.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BUDGET_MS = 50.0


def timed(fn) -> tuple[float, float]:
    """Milliseconds the call took, wall-clock and this process's CPU."""
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000


def check_allocated(db) -> None:
    """The page's and the reorder list's allocated figures are the rule's: each open job's claim
    through its bill (``stock_claims.open_job_claims`` for given materials goes through ``job_needs``)."""
    from workshop.services import stock_claims, stock_position

    page = stock_position.stock_positions(db, limit=100)
    reorder = stock_position.reorder_list(db)
    with db.reader() as s:
        ids = {p.material_id for p in page} | {line.material_id for line in reorder}
        claims = stock_claims.open_job_claims(s, ids)
    rule = {m: sum((c.to_issue for c in claims.get(m, ())), Decimal(0)) for m in ids}
    assert all(p.allocated == rule[p.material_id] for p in page), "the Materials page's allocated is not the rule's"
    assert all(line.allocated == rule[line.material_id] for line in reorder), "the reorder list's is not the rule's"
    assert sum(rule.values()) > 0 and reorder, "nothing allocated or nothing to reorder: not the shop measured"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    from sqlalchemy import func, select

    import shops
    from figures import Figure, exit_code, report
    from workshop.db.engine import open_database
    from workshop.db.models import Job, Material
    from workshop.services import goods_in, purchase_orders, stock_ledger, stock_needs, stock_position

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(shops.working_copy(Path(folder)))
        with db.reader() as s:
            live = list(s.scalars(select(Job.id).where(Job.status.in_(["released", "in_progress"]))
                                  .order_by(Job.id.desc())))
            materials = s.scalar(select(func.count()).select_from(Material))
        check_allocated(db)
        day = db.today() - dt.timedelta(days=400)
        measures = {
            "Materials page, first 100": lambda i: stock_position.stock_positions(db, limit=100),
            "reorder list": lambda i: stock_position.reorder_list(db),
            "a live job's BOM against stock": lambda i: stock_needs.material_needs(db, live[i % len(live)]),
            "a material's movements, first 100": lambda i: stock_ledger.list_movements(db, i % materials + 1,
                                                                                         limit=100),
            "stock value at a date": lambda i: stock_ledger.stock_value_at(db, day),
            "purchase orders, first 100": lambda i: purchase_orders.list_purchase_orders(db, limit=100),
            "goods in, first 100": lambda i: goods_in.list_receipts(db, limit=100),
        }
        samples = {name: [] for name in measures}
        cpu = {name: [] for name in measures}
        for i in range(args.rounds):
            for name, measure in measures.items():
                wall, used = timed(lambda: measure(i))
                samples[name].append(wall)
                cpu[name].append(used)
        db.close()
    for name, times in samples.items():
        report(Figure.of(name, times, "ms", BUDGET_MS, note=f"CPU median {statistics.median(cpu[name]):.3g} ms"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
