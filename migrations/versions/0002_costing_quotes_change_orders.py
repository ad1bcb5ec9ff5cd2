"""Job costing: time logs with their rates snapshot, material issues and returns, other direct
costs, quotes (revisions kept) with their cost lines, change orders with their hours and
materials; the shop-wide default overhead and quote validity/terms in shop settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 22:35:46.208493

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('change_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.String(length=200), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('price_change', sa.BigInteger(), nullable=False),
    sa.Column('days_delta', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_change_orders_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_orders')),
    sa.UniqueConstraint('job_id', 'number', name=op.f('uq_change_orders_job_id'))
    )
    with op.batch_alter_table('change_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_orders_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_orders_status'), ['status'], unique=False)

    op.create_table('material_issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('unit_cost', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_material_issues_job_id_jobs')),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_material_issues_material_id_materials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material_issues'))
    )
    with op.batch_alter_table('material_issues', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_issues_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_issues_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_issues_material_id'), ['material_id'], unique=False)

    op.create_table('other_costs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('incurred_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_other_costs_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_other_costs'))
    )
    with op.batch_alter_table('other_costs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_other_costs_job_id'), ['job_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('brief_id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('contingency_pct', sa.BigInteger(), nullable=False),
    sa.Column('markup_pct', sa.BigInteger(), nullable=True),
    sa.Column('target_margin_pct', sa.BigInteger(), nullable=True),
    sa.Column('design_fee', sa.BigInteger(), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['brief_id'], ['briefs.id'], name=op.f('fk_quotes_brief_id_briefs')),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_quotes_job_id_jobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    sa.UniqueConstraint('number', 'revision', name=op.f('uq_quotes_number'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_brief_id'), ['brief_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_status'), ['status'], unique=False)

    op.create_table('change_order_materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('change_order_id', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('unit_cost', sa.BigInteger(), nullable=False),
    sa.Column('bom_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bom_item_id'], ['bom_items.id'], name=op.f('fk_change_order_materials_bom_item_id_bom_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['change_order_id'], ['change_orders.id'], name=op.f('fk_change_order_materials_change_order_id_change_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['material_id'], ['materials.id'], name=op.f('fk_change_order_materials_material_id_materials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_order_materials'))
    )
    with op.batch_alter_table('change_order_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_order_materials_change_order_id'), ['change_order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_order_materials_material_id'), ['material_id'], unique=False)

    op.create_table('quote_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], name=op.f('fk_quote_lines_quote_id_quotes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_lines'))
    )
    with op.batch_alter_table('quote_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_lines_quote_id'), ['quote_id'], unique=False)

    op.create_table('change_order_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('change_order_id', sa.Integer(), nullable=False),
    sa.Column('workstation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('minutes', sa.BigInteger(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['change_order_id'], ['change_orders.id'], name=op.f('fk_change_order_hours_change_order_id_change_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_change_order_hours_operation_id_operations')),
    sa.ForeignKeyConstraint(['workstation_id'], ['workstations.id'], name=op.f('fk_change_order_hours_workstation_id_workstations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_order_hours'))
    )
    with op.batch_alter_table('change_order_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_order_hours_change_order_id'), ['change_order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_order_hours_workstation_id'), ['workstation_id'], unique=False)

    op.create_table('time_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.Integer(), nullable=False),
    sa.Column('workstation_id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('labour_minutes', sa.BigInteger(), nullable=False),
    sa.Column('machine_minutes', sa.BigInteger(), nullable=False),
    sa.Column('labour_rate', sa.BigInteger(), nullable=False),
    sa.Column('machine_rate', sa.BigInteger(), nullable=False),
    sa.Column('overhead_rate', sa.BigInteger(), nullable=True),
    sa.Column('overhead_basis', sa.String(length=20), nullable=True),
    sa.Column('overhead_is_shop_default', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('booked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_time_logs_job_id_jobs')),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_time_logs_operation_id_operations')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_time_logs_operator_id_operators')),
    sa.ForeignKeyConstraint(['workstation_id'], ['workstations.id'], name=op.f('fk_time_logs_workstation_id_workstations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_logs'))
    )
    with op.batch_alter_table('time_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_logs_booked_at'), ['booked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_logs_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_logs_operation_id'), ['operation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_logs_operator_id'), ['operator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_logs_workstation_id'), ['workstation_id'], unique=False)

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('default_overhead_rate', sa.BigInteger(), nullable=True))
        # Server defaults fill the existing settings row (a NOT NULL column needs a value).
        batch_op.add_column(sa.Column('default_overhead_basis', sa.String(length=20), nullable=False,
                                      server_default='per_labour_hour'))
        batch_op.add_column(sa.Column('quote_validity_days', sa.Integer(), nullable=False, server_default='30'))
        batch_op.add_column(sa.Column('quote_terms', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.drop_column('quote_terms')
        batch_op.drop_column('quote_validity_days')
        batch_op.drop_column('default_overhead_basis')
        batch_op.drop_column('default_overhead_rate')

    with op.batch_alter_table('time_logs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_logs_workstation_id'))
        batch_op.drop_index(batch_op.f('ix_time_logs_operator_id'))
        batch_op.drop_index(batch_op.f('ix_time_logs_operation_id'))
        batch_op.drop_index(batch_op.f('ix_time_logs_job_id'))
        batch_op.drop_index(batch_op.f('ix_time_logs_booked_at'))

    op.drop_table('time_logs')
    with op.batch_alter_table('change_order_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_order_hours_workstation_id'))
        batch_op.drop_index(batch_op.f('ix_change_order_hours_change_order_id'))

    op.drop_table('change_order_hours')
    with op.batch_alter_table('quote_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_lines_quote_id'))

    op.drop_table('quote_lines')
    with op.batch_alter_table('change_order_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_order_materials_material_id'))
        batch_op.drop_index(batch_op.f('ix_change_order_materials_change_order_id'))

    op.drop_table('change_order_materials')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_status'))
        batch_op.drop_index(batch_op.f('ix_quotes_number'))
        batch_op.drop_index(batch_op.f('ix_quotes_job_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_created_at'))
        batch_op.drop_index(batch_op.f('ix_quotes_brief_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('other_costs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_other_costs_job_id'))

    op.drop_table('other_costs')
    with op.batch_alter_table('material_issues', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_issues_material_id'))
        batch_op.drop_index(batch_op.f('ix_material_issues_job_id'))
        batch_op.drop_index(batch_op.f('ix_material_issues_issued_at'))

    op.drop_table('material_issues')
    with op.batch_alter_table('change_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_orders_status'))
        batch_op.drop_index(batch_op.f('ix_change_orders_job_id'))

    op.drop_table('change_orders')
