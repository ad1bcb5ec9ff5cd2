"""When each edited record was last saved (issue 18): a second person's save of an older version is
told who saved it since (``updated_by``, 0016–0021) and now also when, for every record people edit
(jobs, customers, briefs, invoices, quotes, operations). Jobs and briefs start from when they were
last edited (``updated_at``); the others were saved at a time nobody kept, so they start empty and
the dialog names no time until their next save.

Revision ID: 0022
Revises: 0021
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0022'
down_revision: Union[str, Sequence[str], None] = '0021'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

EDITED = ("jobs", "customers", "briefs", "invoices", "quotes", "operations")


def upgrade() -> None:
    for table in EDITED:
        op.add_column(table, sa.Column("saved_at", sa.DateTime(), nullable=True))
    for table in ("jobs", "briefs"):
        op.execute(f"UPDATE {table} SET saved_at = updated_at")


def downgrade() -> None:
    for table in reversed(EDITED):
        op.drop_column(table, "saved_at")
