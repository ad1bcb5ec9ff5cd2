"""Errors a user can meet. Anything else escaping a service is a bug.

``WorkshopError`` is an *expected* failure (bad input, a refused database, a
missing record): the window shows its message in a short dialog. Any other
exception is a bug and goes to the crash dialog.
"""

from __future__ import annotations


class WorkshopError(Exception):
    """An expected failure with a message fit for the user."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(WorkshopError):
    """Bad input: names the field that is wrong and says what is wrong with it.

    ``field`` matches the keyword argument of the service that was called, so a
    form can put the message next to the widget for that field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFoundError(ValidationError):
    """A record named by the user (a job number, a material code …) does not exist."""


class DatabaseRefused(WorkshopError):
    """The program will not open this database (newer schema, not a Workshop file …)."""


class StorageFault(WorkshopError):
    """The database could not do what was asked, for a reason outside the program: the file is busy,
    the disk is full, the file or folder is read-only, the disk failed, the file is damaged, or it
    cannot be opened. Not a bug and not the user's typing: the message says what to do, ``details``
    what the database said (for whoever looks after the PC). Nothing of the action was saved."""


class DatabaseBusy(StorageFault):
    """Another program (or another Workshop) is writing and did not finish in time."""


class DiskFull(StorageFault):
    """No room left where the database lives (or the database reached its size limit)."""


class ReadOnlyStorage(StorageFault):
    """The file, its folder or the database server allows reading only."""


class StorageIOError(StorageFault):
    """The disk or the network failed while reading or writing."""


class DamagedDatabase(StorageFault):
    """The file's contents are damaged (or it is not a database at all)."""


class CannotOpenDatabase(StorageFault):
    """The file or the server cannot be reached at all."""


class DuplicateSave(StorageFault):
    """Two saves raced for the same unique value (a number, a code) and this one lost."""
