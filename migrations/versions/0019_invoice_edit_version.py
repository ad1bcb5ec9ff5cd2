"""A draft invoice edited on two PCs (issue 18), as 0016–0018 did for jobs, customers and briefs: each
invoice carries the number of its last change (``version``) and who made it (``updated_by``); those
already there start at version 1, by nobody. An issued invoice never changes its figures; its
version still counts what is done with it (an export, a payment's status).

Revision ID: 0019
Revises: 0018
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0019'
down_revision: Union[str, Sequence[str], None] = '0018'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("invoices", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("invoices", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("invoices", "updated_by")
    op.drop_column("invoices", "version")
