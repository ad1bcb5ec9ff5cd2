"""Two people's edits of one record, put together (issue 18): the record as one person began editing
it, as another has saved it since, and as the first has typed it. Each field either of them changed
is a ``FieldChange``; a clash is a field both changed to different values.

- *merge* keeps what the other person saved and saves what this person changed (on a clash, theirs
  is replaced by this person's: they chose to save after seeing it);
- *overwrite* saves this person's form as it stands, putting back what they did not change too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    name: str
    began: Any
    theirs: Any
    yours: Any

    @property
    def by_them(self) -> bool:
        return self.theirs != self.began

    @property
    def by_you(self) -> bool:
        return self.yours != self.began

    @property
    def clash(self) -> bool:
        return self.by_them and self.by_you and self.theirs != self.yours


def field_changes(began: Mapping[str, Any], theirs: Mapping[str, Any],
                  yours: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields (of ``yours``, in its order) that either side changed from ``began``."""
    changes = (FieldChange(name, began[name], theirs[name], yours[name]) for name in yours)
    return tuple(c for c in changes if c.by_them or c.by_you)


def merged(changes: tuple[FieldChange, ...]) -> dict[str, Any]:
    """What to save to keep the other's changes and add this person's."""
    return {c.name: c.yours for c in changes if c.by_you and c.yours != c.theirs}


def overwritten(changes: tuple[FieldChange, ...]) -> dict[str, Any]:
    """What to save to make the record this person's form, field for field."""
    return {c.name: c.yours for c in changes if c.yours != c.theirs}
