"""Saving an edit made from a record as it was read (issue 18: several people, one record). The form
hands back the version it showed (``expected_version``); a record saved by someone else since is not
overwritten: ``EditConflict`` says who, with the record as it is now, and nothing is written. A save
that loses the race on a server (another's save landed between this one's read and its write: the
versioned UPDATE finds no row, ``ChangedMeanwhile``) is told the same way, after reading it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm.attributes import flag_modified

from ..domain.errors import ChangedMeanwhile, EditConflict

T = TypeVar("T")


def edit_conflict(what: str, current: Any) -> EditConflict:
    """``what`` ("Job J-2026-0007") was saved by ``current.updated_by`` since it was read."""
    who = current.updated_by or "someone else"
    return EditConflict(f"{what} was changed by {who} while you were editing it. Nothing of yours has been "
                        "saved yet.", current=current, changed_by=current.updated_by,
                        changed_at=current.saved_at)


def refuse_stale(row: Any, expected_version: int | None, what: str, current: Callable[[], Any]) -> None:
    """Inside the save: raise the conflict if ``row`` is no longer the version the form showed
    (``current()`` makes the record's view as it is now). None: a script's save, made as it stands."""
    if expected_version is not None and row.version != expected_version:
        raise edit_conflict(what, current())


def saved_or_conflict(save: Callable[[], T], reread: Callable[[], Any], what: Callable[[Any], str]) -> T:
    """``save()``, a race lost on a server told as the conflict it is: the record read again
    (``reread()``) and named (``what(record)``)."""
    try:
        return save()
    except EditConflict:
        raise
    except ChangedMeanwhile:
        current = reread()
        raise edit_conflict(what(current), current) from None


def rows_of_it_changed(record: Any) -> None:
    """``record``'s own rows (a draft's lines, a customer's addresses, a quote's hours) changed: its row
    is saved with them, so its version moves and another PC editing it is told (the same person
    saving twice changes no column of it; nothing else would)."""
    flag_modified(record, "updated_by")
