"""Planning: the shop's calendar, workstations in parallel and their days off, pinned and planned
dates, customer orders of several jobs, and a quote's hours and promise date (issue 16).

New tables: shop_holidays, workstation_days_off, job_orders, quote_hours. Settings gain the working
weekdays and hours and job_order_prefix; workstations gain parallel; jobs gain pinned_start,
planned_finish, job_order_id and kind (what sort of work, for reports); operations gain planned_start and planned_end (the applied
schedule, shop-local time); quotes gain promised_date. Nothing existing changes meaning.

Revision ID: 0013
Revises: 0012
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0013'
down_revision: Union[str, Sequence[str], None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('shop_holidays',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shop_holidays')),
    sa.UniqueConstraint('day', name=op.f('uq_shop_holidays_day'))
    )
    op.create_table('job_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_job_orders_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_job_orders_number'))
    )
    with op.batch_alter_table('job_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_orders_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_orders_customer_id'), ['customer_id'], unique=False)

    op.create_table('workstation_days_off',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workstation_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['workstation_id'], ['workstations.id'], name=op.f('fk_workstation_days_off_workstation_id_workstations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workstation_days_off')),
    sa.UniqueConstraint('workstation_id', 'day', name=op.f('uq_workstation_days_off_workstation_id'))
    )
    with op.batch_alter_table('workstation_days_off', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workstation_days_off_workstation_id'), ['workstation_id'], unique=False)

    op.create_table('quote_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('workstation_id', sa.Integer(), nullable=False),
    sa.Column('hours', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], name=op.f('fk_quote_hours_quote_id_quotes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workstation_id'], ['workstations.id'], name=op.f('fk_quote_hours_workstation_id_workstations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_hours'))
    )
    with op.batch_alter_table('quote_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_hours_quote_id'), ['quote_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_hours_workstation_id'), ['workstation_id'], unique=False)

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pinned_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('planned_finish', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('job_order_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=40), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_jobs_job_order_id'), ['job_order_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_jobs_job_order_id_job_orders'), 'job_orders', ['job_order_id'], ['id'])

    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_start', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('planned_end', sa.DateTime(), nullable=True))

    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('promised_date', sa.Date(), nullable=True))

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_weekdays', sa.String(length=20), server_default='0,1,2,3,4', nullable=False))
        batch_op.add_column(sa.Column('day_start', sa.String(length=5), server_default='08:00', nullable=False))
        batch_op.add_column(sa.Column('day_end', sa.String(length=5), server_default='16:30', nullable=False))
        batch_op.add_column(sa.Column('job_order_prefix', sa.String(length=10), server_default='JO', nullable=False))

    with op.batch_alter_table('workstations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parallel', sa.Integer(), server_default='1', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('workstations', schema=None) as batch_op:
        batch_op.drop_column('parallel')

    with op.batch_alter_table('shop_settings', schema=None) as batch_op:
        batch_op.drop_column('job_order_prefix')
        batch_op.drop_column('day_end')
        batch_op.drop_column('day_start')
        batch_op.drop_column('working_weekdays')

    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('promised_date')

    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_column('planned_end')
        batch_op.drop_column('planned_start')

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_jobs_job_order_id_job_orders'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_jobs_job_order_id'))
        batch_op.drop_column('job_order_id')
        batch_op.drop_column('kind')
        batch_op.drop_column('planned_finish')
        batch_op.drop_column('pinned_start')

    with op.batch_alter_table('quote_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_hours_workstation_id'))
        batch_op.drop_index(batch_op.f('ix_quote_hours_quote_id'))

    op.drop_table('quote_hours')
    with op.batch_alter_table('workstation_days_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workstation_days_off_workstation_id'))

    op.drop_table('workstation_days_off')
    with op.batch_alter_table('job_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_orders_customer_id'))
        batch_op.drop_index(batch_op.f('ix_job_orders_created_at'))

    op.drop_table('job_orders')
    op.drop_table('shop_holidays')
