"""Costing the textbooks can express: labour time apart from machine time on operations, a BOM line's operation, the overhead basis.

- ``operations.labour_run_minutes`` and ``routing_template_steps.labour_run_minutes``: a person's
  minutes per unit of the run (a CNC runs 120 min, attended 30). Nullable, and NULL means
  "attended throughout", so every operation already planned keeps the cost it had.
- ``bom_items.operation_id``: the operation that uses the line (NULL: the job as a whole). Removing
  an operation sets it back to NULL: the material stays on the job, only its attribution goes.
- The shop-wide overhead rate and basis already have columns (0002); only the window is new.

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    for table in ("operations", "routing_template_steps"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("labour_run_minutes", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("bom_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("operation_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_bom_items_operation_id"), ["operation_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_bom_items_operation_id_operations"), "operations",
                                    ["operation_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("bom_items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_bom_items_operation_id_operations"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_bom_items_operation_id"))
        batch_op.drop_column("operation_id")
    for table in ("routing_template_steps", "operations"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("labour_run_minutes")
