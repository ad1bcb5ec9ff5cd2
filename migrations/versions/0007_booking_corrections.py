"""Bookings can be corrected: a reversing entry with a reason, pointing at the entry it reverses; jobs reopened with a reason.

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    return None  # nothing yet: this revision is being filled in


def downgrade() -> None:
    return None  # nothing yet: this revision is being filled in
