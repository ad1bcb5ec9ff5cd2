"""The shape of a job page: it is told which job is shown, and loads only when it is visible,
so moving through the job list stays fast however many pages there are."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.changes import Change
from ...services.jobs import JobDetail
from ..context import AppContext


class JobPage(QWidget):
    #: the page's tab title
    title: str = ""
    #: the changes (``Change`` flags, as services declare them) that reload this page
    reload_on: Change = Change.JOBS

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: JobDetail | None = None
        self._stale = True
        ctx.changed.connect(self._on_changed)

    def set_job(self, job: JobDetail | None) -> None:
        self.job = job
        self._stale = True
        if self.isVisible():
            self._load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._load()

    def holds(self, initiator: QWidget | None) -> bool:
        """Whether ``initiator`` is a part of this page that saves on its own (the site address
        box on Delivery): a change it saved leaves the page, and what is typed in its other forms,
        as it is. Other parts (an NCR panel closing a report) reload the page as any change does."""
        return False

    def _on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & self.reload_on and not self.holds(initiator):
            self.set_job(self.job)

    def _load(self) -> None:
        self._stale = False
        self.load(self.job)

    def load(self, job: JobDetail | None) -> None:
        """Fill the page for ``job`` (None: nothing selected). Subclasses implement this."""
