"""The material side: suppliers, purchase orders, goods in, stock movements and stocktakes.

New tables: suppliers, material_suppliers, purchase_orders and their lines, goods_receipts and their
lines, stocktakes, stock_movements. Materials gain stock_value and reorder_quantity; operations gain
supplier_id and days_away (done outside the shop), and so do routing template steps; jobs gain
stock_material_id and stock_quantity (items made for stock); settings gain purchase_order_prefix and
job_purchase_costing.

Stock on hand becomes the sum of movements: each material's stock at the upgrade is booked as an
"opening" movement valued at its unit cost, and that value becomes its stock value.

Revision ID: 0012
Revises: 0011
"""
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('stocktakes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counted_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktakes'))
    )
    with op.batch_alter_table('stocktakes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stocktakes_counted_at'), ['counted_at'], unique=False)

    op.create_table('suppliers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suppliers'))
    )
    with op.batch_alter_table('suppliers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suppliers_name'), ['name'], unique=False)

    op.create_table('material_suppliers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('supplier_code', sa.String(length=60), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_material_suppliers_material_id_materials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_material_suppliers_supplier_id_suppliers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_suppliers')),
    sa.UniqueConstraint('material_id', 'supplier_id', name=op.f('uq_material_suppliers_material_id'))
    )
    with op.batch_alter_table('material_suppliers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_suppliers_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_suppliers_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('purchase_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('order_date', sa.Date(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_purchase_orders_job_id_jobs')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_purchase_orders_supplier_id_suppliers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_purchase_orders_number'))
    )
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_orders_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('goods_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purchase_order_id', sa.Integer(), nullable=True),
    sa.Column('supplier_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('delivery_note', sa.String(length=60), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], name=op.f('fk_goods_receipts_purchase_order_id_purchase_orders')),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_goods_receipts_supplier_id_suppliers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goods_receipts'))
    )
    with op.batch_alter_table('goods_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_receipts_purchase_order_id'), ['purchase_order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_receipts_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_receipts_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('purchase_order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purchase_order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('supplier_code', sa.String(length=60), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('operation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_purchase_order_lines_job_id_jobs')),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_purchase_order_lines_material_id_materials')),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_purchase_order_lines_operation_id_operations')),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], name=op.f('fk_purchase_order_lines_purchase_order_id_purchase_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_order_lines'))
    )
    with op.batch_alter_table('purchase_order_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_order_lines_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_order_lines_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_order_lines_operation_id'), ['operation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_order_lines_purchase_order_id'), ['purchase_order_id'], unique=False)

    op.create_table('goods_receipt_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('purchase_order_line_id', sa.Integer(), nullable=True),
    sa.Column('material_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('unit_cost', sa.BigInteger(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('material_issue_id', sa.Integer(), nullable=True),
    sa.Column('other_cost_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_goods_receipt_lines_job_id_jobs')),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_goods_receipt_lines_material_id_materials')),
    sa.ForeignKeyConstraint(['material_issue_id'], ['material_issues.id'], name=op.f('fk_goods_receipt_lines_material_issue_id_material_issues')),
    sa.ForeignKeyConstraint(['other_cost_id'], ['other_costs.id'], name=op.f('fk_goods_receipt_lines_other_cost_id_other_costs')),
    sa.ForeignKeyConstraint(['purchase_order_line_id'], ['purchase_order_lines.id'], name=op.f('fk_goods_receipt_lines_purchase_order_line_id_purchase_order_lines')),
    sa.ForeignKeyConstraint(['receipt_id'], ['goods_receipts.id'], name=op.f('fk_goods_receipt_lines_receipt_id_goods_receipts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goods_receipt_lines'))
    )
    with op.batch_alter_table('goods_receipt_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_receipt_lines_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_receipt_lines_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_receipt_lines_purchase_order_line_id'), ['purchase_order_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_receipt_lines_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('stock_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('material_issue_id', sa.Integer(), nullable=True),
    sa.Column('receipt_line_id', sa.Integer(), nullable=True),
    sa.Column('stocktake_id', sa.Integer(), nullable=True),
    sa.Column('booked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_stock_movements_job_id_jobs')),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_stock_movements_material_id_materials')),
    sa.ForeignKeyConstraint(['material_issue_id'], ['material_issues.id'], name=op.f('fk_stock_movements_material_issue_id_material_issues')),
    sa.ForeignKeyConstraint(['receipt_line_id'], ['goods_receipt_lines.id'], name=op.f('fk_stock_movements_receipt_line_id_goods_receipt_lines')),
    sa.ForeignKeyConstraint(['stocktake_id'], ['stocktakes.id'], name=op.f('fk_stock_movements_stocktake_id_stocktakes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movements')),
    sa.UniqueConstraint('material_issue_id', name=op.f('uq_stock_movements_material_issue_id'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movements_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_material_id'), ['material_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_receipt_line_id'), ['receipt_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_stocktake_id'), ['stocktake_id'], unique=False)

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stock_material_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('stock_quantity', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_jobs_stock_material_id'), ['stock_material_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_jobs_stock_material_id_materials'), 'materials', ['stock_material_id'], ['id'])

    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stock_value', sa.BigInteger(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reorder_quantity', sa.BigInteger(), server_default='0', nullable=False))

    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplier_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('days_away', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_operations_supplier_id'), ['supplier_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_operations_supplier_id_suppliers'), 'suppliers', ['supplier_id'], ['id'])

    # Routing templates keep outside work: a step done by a supplier, away some days.
    with op.batch_alter_table('routing_template_steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplier_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('days_away', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_routing_template_steps_supplier_id'), ['supplier_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_routing_template_steps_supplier_id_suppliers'), 'suppliers',
                                    ['supplier_id'], ['id'])

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purchase_order_prefix', sa.String(length=10), server_default='PO', nullable=False))
        batch_op.add_column(sa.Column('job_purchase_costing', sa.String(length=10), server_default='actual', nullable=False))

    _book_opening_stock()


def _book_opening_stock() -> None:
    """Each material's stock becomes an opening movement at its unit cost (stored integers:
    quantities in thousandths, money in minor units; the value rounds half up to a minor unit)."""
    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    movements = sa.table("stock_movements", sa.column("material_id", sa.Integer), sa.column("kind", sa.String),
                         sa.column("at", sa.DateTime), sa.column("quantity", sa.BigInteger),
                         sa.column("value", sa.BigInteger), sa.column("reason", sa.Text),
                         sa.column("booked_at", sa.DateTime))
    rows = bind.execute(sa.text("SELECT id, stock_on_hand, unit_cost FROM materials WHERE stock_on_hand != 0")).all()
    for material_id, thousandths, minor_cost in rows:
        value = (Decimal(thousandths) * Decimal(minor_cost) / 1000).quantize(Decimal(1), ROUND_HALF_UP)
        bind.execute(sa.text("UPDATE materials SET stock_value = :value WHERE id = :id"),
                     {"value": int(value), "id": material_id})
        bind.execute(movements.insert().values(
            material_id=material_id, kind="opening", at=now, quantity=thousandths, value=int(value),
            reason="Stock when stock movements began", booked_at=now))


def downgrade() -> None:
    # first: these columns point at suppliers, which goes below
    with op.batch_alter_table('routing_template_steps', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_routing_template_steps_supplier_id_suppliers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_routing_template_steps_supplier_id'))
        batch_op.drop_column('days_away')
        batch_op.drop_column('supplier_id')

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.drop_column('job_purchase_costing')
        batch_op.drop_column('purchase_order_prefix')

    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_operations_supplier_id_suppliers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_operations_supplier_id'))
        batch_op.drop_column('days_away')
        batch_op.drop_column('supplier_id')

    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_column('reorder_quantity')
        batch_op.drop_column('stock_value')

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_jobs_stock_material_id_materials'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_jobs_stock_material_id'))
        batch_op.drop_column('stock_quantity')
        batch_op.drop_column('stock_material_id')

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movements_stocktake_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_receipt_line_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_material_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_kind'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_job_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_at'))

    op.drop_table('stock_movements')
    with op.batch_alter_table('goods_receipt_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_receipt_lines_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_goods_receipt_lines_purchase_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_goods_receipt_lines_material_id'))
        batch_op.drop_index(batch_op.f('ix_goods_receipt_lines_job_id'))

    op.drop_table('goods_receipt_lines')
    with op.batch_alter_table('purchase_order_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_order_lines_purchase_order_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_order_lines_operation_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_order_lines_material_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_order_lines_job_id'))

    op.drop_table('purchase_order_lines')
    with op.batch_alter_table('goods_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_receipts_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_goods_receipts_received_at'))
        batch_op.drop_index(batch_op.f('ix_goods_receipts_purchase_order_id'))

    op.drop_table('goods_receipts')
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_orders_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_status'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_job_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_created_at'))

    op.drop_table('purchase_orders')
    with op.batch_alter_table('material_suppliers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_suppliers_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_material_suppliers_material_id'))

    op.drop_table('material_suppliers')
    with op.batch_alter_table('suppliers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suppliers_name'))

    op.drop_table('suppliers')
    with op.batch_alter_table('stocktakes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stocktakes_counted_at'))

    op.drop_table('stocktakes')
