"""The material side on ten years of a shop: what the Stock tab and a job's bill of materials ask.

The shop: bench_scan's 5,000 jobs (60 of them live), plus 400 materials, 12 BOM lines per job
(60,000), 5,000 purchase orders of 3 lines (60 still open), their goods in, and 150,000 stock
movements. Measured through the services, median and worst of the rounds:
- the Materials page's first 100 rows (stock_positions: on hand, on order, allocated);
- the reorder list;
- a live job's bill of materials against stock (material_needs: on order, other jobs, missing);
- a material's movements, first page;
- the stock's value at a date;
- the purchase orders list and the goods in list, first page.
Budget: 50 ms each (a page answers as it is opened; issue 17 sets the painted budgets).
Run: .venv/bin/python benchmarks/bench_stock.py [--rounds 20] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_scan  # noqa: E402 - the ten-year shop's jobs and time

BUDGET_MS = 50.0
MATERIALS, BOM_LINES, ORDERS, MOVEMENTS = 400, 12, 5_000, 150_000
CACHED = Path(tempfile.gettempdir()) / f"workshop-bench-stock-{MATERIALS}-{ORDERS}-{MOVEMENTS}.db"


def build(path: Path) -> None:
    """bench_scan's shop, then the material side in bulk."""
    from sqlalchemy import insert, text

    from workshop.db.engine import open_database
    from workshop.db.models import (BomItem, GoodsReceipt, GoodsReceiptLine, Material, MaterialSupplier,
                                    PurchaseOrder, PurchaseOrderLine, StockMovement, Supplier)

    bench_scan.build(path)
    rng = random.Random(15)
    now = dt.datetime.now(dt.UTC)
    db = open_database(path)
    with db.session() as s:
        jobs = s.execute(text("SELECT id, created_at, status FROM jobs ORDER BY id")).all()
        s.execute(insert(Supplier), [dict(name=f"Supplier {i}", lead_time_days=i % 10) for i in range(40)])
        s.execute(insert(Material), [dict(code=f"M{i:04d}", name=f"Material {i}", unit="ea" if i % 3 else "m2",
                                          unit_cost=Decimal("12.50"), stock_on_hand=Decimal(50),
                                          stock_value=Decimal("625.00"), reorder_level=Decimal(40 if i % 4 else 60),
                                          reorder_quantity=Decimal(20)) for i in range(MATERIALS)])
        s.execute(insert(MaterialSupplier), [dict(material_id=m + 1, supplier_id=m % 40 + 1, position=0,
                                                  supplier_code=f"S-{m}", price=Decimal("12.00"))
                                             for m in range(MATERIALS)])
        s.execute(insert(BomItem), [dict(job_id=job_id, position=k, material_id=rng.randint(1, MATERIALS),
                                         description="Part", quantity=Decimal(rng.randint(1, 8)),
                                         unit_cost=Decimal("12.50"))
                                    for job_id, _, _ in jobs for k in range(BOM_LINES)])
        orders, lines, receipts, receipt_lines = [], [], [], []
        for i in range(ORDERS):
            created = now - dt.timedelta(days=3650 * (ORDERS - i) / ORDERS)
            open_order = i >= ORDERS - 60
            orders.append(dict(id=i + 1, number=f"PO-{created.year}-{i + 1:05d}", supplier_id=i % 40 + 1,
                               status="sent" if open_order else "received", order_date=created.date(),
                               created_at=created))
            for k in range(3):
                line_id = i * 3 + k + 1
                lines.append(dict(id=line_id, purchase_order_id=i + 1, position=k,
                                  material_id=rng.randint(1, MATERIALS), description="Part",
                                  quantity=Decimal(30), unit_price=Decimal("12.00")))
                if not open_order:
                    receipt_lines.append(dict(receipt_id=i + 1, purchase_order_line_id=line_id, description="Part",
                                              quantity=Decimal(30), unit_cost=Decimal("12.00")))
            if not open_order:
                receipts.append(dict(id=i + 1, purchase_order_id=i + 1, supplier_id=i % 40 + 1,
                                     received_at=created + dt.timedelta(days=5), created_at=created))
        s.execute(insert(PurchaseOrder), orders)
        s.execute(insert(PurchaseOrderLine), lines)
        s.execute(insert(GoodsReceipt), receipts)
        s.execute(insert(GoodsReceiptLine), receipt_lines)
        # movements that sum to each material's 50 on hand worth 625.00: pairs in and out, then the opening
        movements = []
        for i in range(MOVEMENTS // 2 - MATERIALS):
            material = rng.randint(1, MATERIALS)
            at = now - dt.timedelta(minutes=rng.randint(1, 3650 * 24 * 60))
            movements += [dict(material_id=material, kind="goods_in", at=at, quantity=Decimal(10),
                               value=Decimal("125.00"), booked_at=at),
                          dict(material_id=material, kind="issue", at=at + dt.timedelta(hours=1),
                               quantity=Decimal(-10), value=Decimal("-125.00"), booked_at=at)]
        first = now - dt.timedelta(days=3651)
        movements += [dict(material_id=m + 1, kind="opening", at=first, quantity=Decimal(50),
                           value=Decimal("625.00"), booked_at=first) for m in range(MATERIALS)]
        for chunk in range(0, len(movements), 50_000):
            s.execute(insert(StockMovement), movements[chunk:chunk + 50_000])
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="build the ten-year shop again")
    args = parser.parse_args()
    from sqlalchemy import text

    from figures import Figure, exit_code, report
    from workshop.db.engine import open_database
    from workshop.services import goods_in, purchase_orders, stock_ledger, stock_needs, stock_position

    bench_scan.ensure_built(CACHED, build, args.rebuild,
                            f"the shop with {MATERIALS} materials, {ORDERS:,} orders and {MOVEMENTS:,} movements")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stock.db"
        shutil.copyfile(CACHED, path)
        db = open_database(path)
        with db.reader() as s:
            live = [r[0] for r in s.execute(text("SELECT id FROM jobs WHERE status != 'closed' ORDER BY id"))]
        day = db.today() - dt.timedelta(days=400)
        measures = {
            "Materials page, first 100": lambda i: stock_position.stock_positions(db, limit=100),
            "reorder list": lambda i: stock_position.reorder_list(db),
            "a live job's BOM against stock": lambda i: stock_needs.material_needs(db, live[i % len(live)]),
            "a material's movements, first 100": lambda i: stock_ledger.list_movements(db, i % MATERIALS + 1,
                                                                                         limit=100),
            "stock value at a date": lambda i: stock_ledger.stock_value_at(db, day),
            "purchase orders, first 100": lambda i: purchase_orders.list_purchase_orders(db, limit=100),
            "goods in, first 100": lambda i: goods_in.list_receipts(db, limit=100),
        }
        samples = {name: [] for name in measures}
        for i in range(args.rounds):
            for name, measure in measures.items():
                samples[name].append(bench_scan.timed(lambda: measure(i))[0])
        db.close()
    for name, times in samples.items():
        report(Figure.of(name, times, "ms", BUDGET_MS))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
