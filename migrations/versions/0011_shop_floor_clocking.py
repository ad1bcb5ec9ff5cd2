"""The shop floor: clock-ons scanned at the terminal, and where each time booking came from.

A new table, clock_ons: an operator on an operation from the first scan to the clock-off; each
time segment becomes a time log as it closes. Time logs gain source (manual, scan, key_back or
estimate), estimated, clock_on_id and quantity_done; existing rows are "manual" and not
estimated; their start and end are indexed (a day's review reads the segments of one day).
Settings gain several_clock_ons (off: one operation per operator at a time).

Revision ID: 0011
Revises: 0010
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "clock_ons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("segment_started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("ended_by", sa.String(length=12), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_clock_ons_job_id_jobs")),
        sa.ForeignKeyConstraint(["operation_id"], ["operations.id"], name=op.f("fk_clock_ons_operation_id_operations")),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.id"], name=op.f("fk_clock_ons_operator_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_ons")),
    )
    with op.batch_alter_table("clock_ons", schema=None) as batch_op:
        for column in ("job_id", "operation_id", "operator_id", "started_at", "ended_at"):
            batch_op.create_index(batch_op.f(f"ix_clock_ons_{column}"), [column], unique=False)
    with op.batch_alter_table("time_logs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=12), server_default="manual", nullable=False))
        batch_op.add_column(sa.Column("estimated", sa.Boolean(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("clock_on_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("quantity_done", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_time_logs_clock_on_id"), ["clock_on_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_time_logs_started_at"), ["started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_time_logs_ended_at"), ["ended_at"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_time_logs_clock_on_id_clock_ons"), "clock_ons",
                                    ["clock_on_id"], ["id"])
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("several_clock_ons", sa.Boolean(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.drop_column("several_clock_ons")
    with op.batch_alter_table("time_logs", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_time_logs_clock_on_id_clock_ons"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_time_logs_ended_at"))
        batch_op.drop_index(batch_op.f("ix_time_logs_started_at"))
        batch_op.drop_index(batch_op.f("ix_time_logs_clock_on_id"))
        batch_op.drop_column("quantity_done")
        batch_op.drop_column("clock_on_id")
        batch_op.drop_column("estimated")
        batch_op.drop_column("source")
    with op.batch_alter_table("clock_ons", schema=None) as batch_op:
        for column in ("ended_at", "started_at", "operator_id", "operation_id", "job_id"):
            batch_op.drop_index(batch_op.f(f"ix_clock_ons_{column}"))
    op.drop_table("clock_ons")
