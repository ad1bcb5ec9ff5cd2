"""Several people editing one customer (issue 18), as 0016 did for jobs: each customer carries the
number of its last change (``version``) and who made it (``updated_by``); those already there start
at version 1, by nobody.

Revision ID: 0017
Revises: 0016
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0017'
down_revision: Union[str, Sequence[str], None] = '0016'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("customers", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("customers", "updated_by")
    op.drop_column("customers", "version")
