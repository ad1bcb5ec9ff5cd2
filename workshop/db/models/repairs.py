"""Rows that ``workshop check --repair`` moved out of the way instead of deleting them.

A row whose link points nowhere (its job or customer is gone), or stored file bytes that nothing uses
any more, is copied here as JSON (bytes as base64) with the reason, then removed from its own table.
Nothing is lost: whoever looks after the shop can read the row back, and put it back by hand.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, UTCDateTime


class SetAsideRow(Base):
    __tablename__ = "set_aside_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    # The row's primary key as text: "42", or "3,7" for a two-column key, or a file's SHA-256.
    row_id: Mapped[str] = mapped_column(String(200))
    row_json: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    set_aside_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


__all__ = ["SetAsideRow"]
