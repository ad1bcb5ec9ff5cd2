"""Customer details: billing and delivery addresses, contact, tax number, country; a job's site address; quote terms in settings and per quote.

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    return None  # nothing yet: this revision is being filled in


def downgrade() -> None:
    return None  # nothing yet: this revision is being filled in
