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
