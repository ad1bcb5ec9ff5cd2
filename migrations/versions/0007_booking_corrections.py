"""Bookings can be corrected: a reversing entry with a reason, pointing at the entry it reverses; jobs reopened with a reason.

A correction is never an edit in place: time logs, material issues and other costs each get
``reverses_id`` (the entry a correction negates; unique, so an entry is reversed at most once)
and ``reason``. Reopening a job needs no column: its reason is a row of job_status_history.

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ("time_logs", "material_issues", "other_costs")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("reverses_id", sa.Integer(), nullable=True))
            # Existing entries are no corrections: an empty reason fills them before NOT NULL.
            batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_reverses_id"), ["reverses_id"])
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_reverses_id_{table}"), table, ["reverses_id"], ["id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_reverses_id_{table}"), type_="foreignkey")
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_reverses_id"), type_="unique")
            batch_op.drop_column("reason")
            batch_op.drop_column("reverses_id")
