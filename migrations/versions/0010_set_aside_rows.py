"""Rows set aside by ``workshop check --repair``.

A new table, set_aside_rows: each row a repair moved out of its own table (a link pointing nowhere,
stored file bytes nothing uses), kept as JSON with the reason and when, instead of being deleted.
No other table changes.

Revision ID: 0010
Revises: 0009
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "set_aside_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.String(length=200), nullable=False),
        sa.Column("row_json", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_aside_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_aside_rows")),
    )
    with op.batch_alter_table("set_aside_rows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_set_aside_rows_table_name"), ["table_name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("set_aside_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_aside_rows_table_name"))
    op.drop_table("set_aside_rows")
