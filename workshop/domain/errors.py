"""Errors a user can meet. Anything else escaping a service is a bug.

``WorkshopError`` is an *expected* failure (bad input, a refused database, a
missing record): the window shows its message in a short dialog. Any other
exception is a bug and goes to the crash dialog.
"""

from __future__ import annotations


class WorkshopError(Exception):
    """An expected failure with a message fit for the user. ``exit_code`` is what a command
    (``workshop check`` and the others) exits with when this stops it: one code per kind of
    storage fault, so a script can tell them apart."""

    exit_code = 1

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

    exit_code = 7


class ForeignDatabase(DatabaseRefused):
    """The file is a database, but not a Workshop one (another program's); it was not touched."""

    exit_code = 7


class NewerSchema(DatabaseRefused):
    """The file was saved by a newer Workshop; it was not touched."""

    exit_code = 8


class EmptyDatabaseFile(DatabaseRefused):
    """The file exists but holds nothing (0 bytes): most likely a copy that failed, never taken for a new shop
    without asking."""

    exit_code = 11


class ShopInUse(WorkshopError):
    """Another Workshop (on this PC or another) holds the shop's write lock. ``holder`` says who."""

    exit_code = 3

    def __init__(self, message: str, details: str = "", holder=None) -> None:
        super().__init__(message, details)
        self.holder = holder


class StorageFault(WorkshopError):
    """The database could not do what was asked, for a reason outside the program: the file is busy,
    the disk is full, the file or folder is read-only, the disk failed, the file is damaged, or it
    cannot be opened. Not a bug and not the user's typing: the message says what to do, ``details``
    what the database said (for whoever looks after the PC). Nothing of the action was saved."""


class DatabaseBusy(StorageFault):
    """Another program (or another Workshop) is writing and did not finish in time."""

    exit_code = 3


class DiskFull(StorageFault):
    """No room left where the database lives (or the database reached its size limit)."""

    exit_code = 5


class ReadOnlyStorage(StorageFault):
    """The file, its folder or the database server allows reading only."""

    exit_code = 4


class StorageIOError(StorageFault):
    """The disk or the network failed while reading or writing."""

    exit_code = 10


class DamagedDatabase(StorageFault):
    """The file's contents are damaged (or it is not a database at all)."""

    exit_code = 6


class CannotOpenDatabase(StorageFault):
    """The file or the server cannot be reached at all."""

    exit_code = 9


class DuplicateSave(StorageFault):
    """Two saves raced for the same unique value (a number, a code) and this one lost."""

    exit_code = 3


class ChangedMeanwhile(WorkshopError):
    """Someone else saved a change to the same record in the same moment as this save (a server
    shared by several PCs); this one was not saved, and may simply be tried again."""


class EditConflict(ChangedMeanwhile):
    """The record was saved by someone else after it was read for editing: ``current`` is the record
    as it is now (the service's view of it), ``changed_by`` who saved it ("tom on FLOOR-PC", "" when
    not known) and ``changed_at`` when. Nothing was saved; the form keeps what was typed."""

    def __init__(self, message: str, *, current, changed_by: str, changed_at) -> None:
        super().__init__(message)
        self.current = current
        self.changed_by = changed_by
        self.changed_at = changed_at
