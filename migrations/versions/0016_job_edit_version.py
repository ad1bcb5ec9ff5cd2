"""Several people editing one job (issue 18): each job carries the number of its last change
(``version``, for optimistic locking: SQLAlchemy's ``version_id_col``) and who made it
(``updated_by``: "anna on OFFICE-PC"). A save made from an older version is refused with what
changed and by whom, never overwriting it unseen. Jobs already there start at version 1, by nobody.

Revision ID: 0016
Revises: 0015
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0016'
down_revision: Union[str, Sequence[str], None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of the table): the job search's triggers (0015) stay as they are.
    op.add_column("jobs", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("jobs", sa.Column("updated_by", sa.String(length=120), nullable=False, server_default=""))


def downgrade() -> None:
    # DROP COLUMN (SQLite >= 3.35) keeps the table and its triggers, as the upgrade did.
    op.drop_column("jobs", "updated_by")
    op.drop_column("jobs", "version")
