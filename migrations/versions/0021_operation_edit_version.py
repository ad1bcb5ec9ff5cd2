"""An operation edited in the office while the floor works on it (issue 18), as 0016–0020 did for
jobs, customers, briefs, invoices and quotes: each operation carries the number of its last change
(``version``) and who made it (``updated_by``: a person at a form, or the terminal that clocked on
to it); those already there start at version 1, by nobody. The schedule's planned start and end are
written through the table and count as no change (services/schedule.py).

Revision ID: 0021
Revises: 0020
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0021'
down_revision: Union[str, Sequence[str], None] = '0020'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("operations", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("operations", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("operations", "updated_by")
    op.drop_column("operations", "version")
