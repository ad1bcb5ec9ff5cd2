"""What a service changed, as a typed set of flags (Anki's ``OpChanges``).

A service that writes says so where it is defined::

    @writes(Change.ROUTING | Change.JOBS)
    def add_operation(db, job_id, ...): ...

The window reads that declaration after a successful call and broadcasts it, so each tab
refreshes from what really changed; no caller guesses a service's side effects by name. While the
service runs, what it declared is also ``declared_now()``: the database announces it to the other
windows on a shared server as the save commits (``db.notices``), whoever called the service.
A service whose effect varies declares everything it may change: refreshing once too often
is harmless, missing a refresh shows stale figures.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class Change(enum.Flag):
    """The parts of the shop a tab may show; one flag per kind of thing stored."""

    NONE = 0
    CUSTOMERS = enum.auto()
    BRIEFS = enum.auto()
    QUOTES = enum.auto()
    JOBS = enum.auto()
    BOM = enum.auto()
    ROUTING = enum.auto()
    BOOKINGS = enum.auto()        # time, materials and other costs booked to a job
    CHANGE_ORDERS = enum.auto()
    QUALITY = enum.auto()         # checks, results, NCRs, certificates, delivery, aftercare
    FILES = enum.auto()           # a job's attachments
    SHOP = enum.auto()            # workstations, operators, materials and their stock
    TEMPLATES = enum.auto()       # routing templates
    SETTINGS = enum.auto()        # company settings: currency, locale, logo, rates
    INVOICES = enum.auto()        # invoices, credit notes and their payments
    PURCHASING = enum.auto()      # suppliers, purchase orders and goods in (stock itself is SHOP)
    PLANNING = enum.auto()        # the calendar, days off, pins and the applied schedule


#: The attribute ``writes`` sets on a service function.
_ATTRIBUTE = "workshop_changes"


#: What the services running now (in this thread or task) declared they write; a service called by
#: another adds its own.
_declared: ContextVar[Change] = ContextVar("workshop_declared_changes", default=Change.NONE)


def writes(changes: Change) -> Callable[[F], F]:
    """Declare what a service function changes when it succeeds."""
    if not changes:
        raise ValueError("a service that writes changes something: name it")

    def mark(fn: F) -> F:
        @functools.wraps(fn)
        def service(*args: Any, **kwargs: Any) -> Any:
            token = _declared.set(_declared.get() | changes)
            try:
                return fn(*args, **kwargs)
            finally:
                _declared.reset(token)

        setattr(service, _ATTRIBUTE, changes)
        return service  # type: ignore[return-value]

    return mark


def declared_now() -> Change:
    """What the services running now declared they write (``Change.NONE`` outside any)."""
    return _declared.get()


def changes_of(fn: Callable[..., Any]) -> Change:
    """What ``fn`` declared with ``writes``; ``Change.NONE`` for a service that only reads."""
    return getattr(fn, _ATTRIBUTE, Change.NONE)
