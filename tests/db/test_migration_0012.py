"""0012 adds the material side (suppliers, purchase orders, goods in, stock movements, stocktakes)
and books each material's stock at the upgrade as an opening movement at its unit cost, so stock on
hand is the sum of movements from then on. Its downgrade removes exactly that and keeps materials."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate

# Stored integers: quantities in thousandths, money in minor units.
OLD_MATERIALS = (
    # 12.5 m² of walnut at £84.10: 12.5 × 84.10 = £1,051.25 → 105125 p
    "INSERT INTO materials (id, code, name, unit, unit_cost, stock_on_hand, reorder_level, active) "
    "VALUES (1, 'WAL-26', 'Walnut <b>board</b>', 'm2', 8410, 12500, 2000, 1)",
    # 0.333 kg at £0.07: 0.02331 → rounds half up to £0.02
    "INSERT INTO materials (id, code, name, unit, unit_cost, stock_on_hand, reorder_level, active) "
    "VALUES (2, 'GLUE', 'Glue', 'kg', 7, 333, 0, 1)",
    # nothing in stock: no opening movement
    "INSERT INTO materials (id, code, name, unit, unit_cost, stock_on_hand, reorder_level, active) "
    "VALUES (3, 'SS-2', 'Stainless sheet', 'ea', 12000, 0, 0, 1)",
    # issued beyond stock: −2 at £3.00 → −£6.00
    "INSERT INTO materials (id, code, name, unit, unit_cost, stock_on_hand, reorder_level, active) "
    "VALUES (4, 'HINGE', 'Hinge', 'ea', 300, -2000, 0, 1)",
)
NEW_TABLES = {"suppliers", "material_suppliers", "purchase_orders", "purchase_order_lines", "goods_receipts",
              "goods_receipt_lines", "stocktakes", "stock_movements"}


def test_0012_books_opening_stock_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0011")
    engine = create_engine(url)
    with engine.begin() as conn:
        for row in OLD_MATERIALS:
            conn.execute(text(row))
    engine.dispose()

    migrate.upgrade(url, "0012")
    engine = create_engine(url)
    with engine.begin() as conn:
        assert NEW_TABLES <= set(inspect(conn).get_table_names())
        values = dict(conn.execute(text("SELECT id, stock_value FROM materials")).all())
        assert values == {1: 105125, 2: 2, 3: 0, 4: -600}
        movements = conn.execute(text(
            "SELECT material_id, kind, quantity, value FROM stock_movements ORDER BY material_id")).all()
        assert [tuple(m) for m in movements] == [(1, "opening", 12500, 105125), (2, "opening", 333, 2),
                                                 (4, "opening", -2000, -600)]
        # the sums of movements are the stock the materials held
        sums = dict(conn.execute(text("SELECT material_id, SUM(quantity) FROM stock_movements GROUP BY material_id")).all())
        assert sums == {1: 12500, 2: 333, 4: -2000}
        settings_columns = {c["name"] for c in inspect(conn).get_columns("shop_settings")}
        assert {"purchase_order_prefix", "job_purchase_costing"} <= settings_columns
        assert {"supplier_id", "days_away"} <= {c["name"] for c in inspect(conn).get_columns("operations")}
        assert {"stock_material_id", "stock_quantity"} <= {c["name"] for c in inspect(conn).get_columns("jobs")}
        # routing templates keep outside work: the step's supplier (a foreign key) and its days away
        assert {"supplier_id", "days_away"} <= _columns(conn, "routing_template_steps")
        assert ["suppliers"] == [fk["referred_table"] for fk in inspect(conn).get_foreign_keys("routing_template_steps")
                                 if fk["constrained_columns"] == ["supplier_id"]]
    engine.dispose()

    migrate.downgrade(url, "0011")
    engine = create_engine(url)
    with engine.begin() as conn:
        assert not NEW_TABLES & set(inspect(conn).get_table_names())
        assert "stock_value" not in {c["name"] for c in inspect(conn).get_columns("materials")}
        assert not {"supplier_id", "days_away"} & _columns(conn, "routing_template_steps")
        assert conn.execute(text("SELECT id, stock_on_hand FROM materials ORDER BY id")).all() == [
            (1, 12500), (2, 333), (3, 0), (4, -2000)]
    engine.dispose()


def _columns(conn, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}
