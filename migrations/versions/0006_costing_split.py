"""Costing the textbooks can express: labour time apart from machine time on operations, a BOM line's operation, the overhead basis.

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    return None  # nothing yet: this revision is being filled in


def downgrade() -> None:
    return None  # nothing yet: this revision is being filled in
