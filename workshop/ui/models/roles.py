"""Every item-data role of our own, in one place, each a different number: a view asking one
model for its explanation must never be handed another's progress (both were UserRole + 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = Qt.ItemDataRole.UserRole

#: What an entry of a plain list widget stands for: an id, an index or a record.
ItemRole = _USER
#: The whole row object (a frozen dataclass) behind a table cell.
RowRole = _USER + 1
#: The bill-of-materials node behind a tree item.
NodeRole = _USER + 2
#: The operation behind a routing row.
OperationRole = _USER + 3
#: A cell's explanation (the same text as its tooltip), for the "how" panel.
ExplainRole = _USER + 4
#: A job's progress, 0.0–1.0, drawn as a bar by the job list.
ProgressRole = _USER + 5

__all__ = ["ItemRole", "RowRole", "NodeRole", "OperationRole", "ExplainRole", "ProgressRole"]
