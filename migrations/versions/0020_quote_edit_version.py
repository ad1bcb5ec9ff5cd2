"""A draft quote edited on two PCs (issue 18), as 0016–0019 did for jobs, customers, briefs and
invoices: each quote revision carries the number of its last change (``version``) and who made it
(``updated_by``); those already there start at version 1, by nobody. A sent or decided revision
never changes its figures; its version still counts its status moves.

Revision ID: 0020
Revises: 0019
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0020'
down_revision: Union[str, Sequence[str], None] = '0019'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("quotes", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("quotes", "updated_by")
    op.drop_column("quotes", "version")
