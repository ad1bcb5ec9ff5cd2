"""What every tab and dialog shares: the open database, and one way to call a service.

``AppContext.call`` runs a service, shows an expected failure (``WorkshopError``) in a
short dialog, and after a successful change announces *what* changed (the ``Change`` flags the
service declares with ``@writes``) and who asked, so each tab refreshes itself (Anki's
``operation_did_execute(changes, initiator)``) instead of tabs poking each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..db.engine import Database
from ..domain.changes import Change, changes_of
from ..domain.errors import ValidationError, WorkshopError

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What ``AppContext.call`` gives back: whether the service succeeded, its value (which may
    well be None), and what it changed."""

    ok: bool
    value: T | None = None
    changes: Change = Change.NONE


class _Heard(QObject):
    """Hands what another window saved from the listener's thread to the GUI thread (a signal emitted
    on another thread is delivered queued, on the thread this object lives on)."""

    changes = Signal(int)


class AppContext(QObject):
    #: (changes: Change, initiator: QWidget | None), emitted after a successful change.
    changed = Signal(object, object)
    #: a job chosen in Job Cards (Routing follows it).
    job_selected = Signal(int)
    #: ask the window to show a job in Job Cards (e.g. after converting a brief).
    open_job_requested = Signal(int)
    #: (kind, record id): ask the window to show a record on the tab that holds it (the Start
    #: page's rows): "invoice", "quote", "material", "workstation" (``tabs.RECORD_TABS``).
    open_record_requested = Signal(str, int)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.listener = None  # of other windows' saves, on a server (``_listen_to_other_windows``)
        self.current_job_id: int | None = None
        self._locale: str | None = None
        #: who booked time last in this run of the program: the booking dialog's default operator
        self.last_operator_id: int | None = None
        self.changed.connect(self._forget_locale)
        self.locale  # noqa: B018 - the shop's date form, before any list is drawn
        self._listen_to_other_windows()

    def _listen_to_other_windows(self) -> None:
        """On a server shared by several PCs, what another window saves reaches this one's tabs as a
        change from outside any widget (``services.other_windows``), within a second."""
        from ..services.other_windows import listen

        self._heard = _Heard(self)
        self._heard.changes.connect(lambda flags: self.changed.emit(Change(flags), None))
        self.listener = listen(self.db, self._heard.changes.emit)

    @property
    def locale(self) -> str:
        """The shop's locale (Company settings), for date fields and numbers shown in edit fields;
        read once, again after the settings change."""
        if self._locale is None:
            from ..services.common import shop_locale
            from .dates import set_shop_locale

            self._locale = shop_locale(self.db)
            set_shop_locale(self._locale)  # dates in lists and labels follow the shop
        return self._locale

    def _forget_locale(self, changes: Change, _initiator: QWidget | None = None) -> None:
        if changes & Change.SETTINGS:
            self._locale = None
            self.locale  # noqa: B018 - read again now, so lists redrawn next show the new form

    def select_job(self, job_id: int | None) -> None:
        self.current_job_id = job_id
        if job_id is not None:
            self.job_selected.emit(job_id)

    def call(self, parent: QWidget | None, fn: Callable[..., T], *args: Any,
             on_invalid: Callable[[ValidationError], None] | None = None,
             on_error: Callable[[WorkshopError], None] | None = None, **kwargs: Any) -> Outcome[T]:
        """Run ``fn(self.db, *args, **kwargs)``. On a ValidationError, ``on_invalid`` (usually a
        form's field-error display) gets it, else a dialog shows it; any other expected failure
        (the shop busy, the disk full) goes to ``on_error`` when given (the bench terminal shows
        it in place: no dialog to dismiss at the door), else a dialog. After success, what ``fn``
        declared it writes is broadcast with ``parent`` as the initiator."""
        from .errors import show_error

        try:
            value = fn(self.db, *args, **kwargs)
        except ValidationError as exc:
            if on_invalid is not None:
                on_invalid(exc)
            elif on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)
            return Outcome(False)
        except WorkshopError as exc:
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)
            return Outcome(False)
        changes = changes_of(fn)
        if changes:  # the other windows on a server heard of it as it committed (db.notices)
            self.changed.emit(changes, parent)
        return Outcome(True, value, changes)
