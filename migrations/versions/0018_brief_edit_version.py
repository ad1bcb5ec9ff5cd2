"""Several people editing one brief (issue 18), as 0016 and 0017 did for jobs and customers: each
brief carries the number of its last change (``version``) and who made it (``updated_by``); those
already there start at version 1, by nobody.

Revision ID: 0018
Revises: 0017
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0018'
down_revision: Union[str, Sequence[str], None] = '0017'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("briefs", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("briefs", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("briefs", "updated_by")
    op.drop_column("briefs", "version")
