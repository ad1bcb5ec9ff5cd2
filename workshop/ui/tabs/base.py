"""The one shape every tab has, so a new tab joins the window by being listed in
``workshop/ui/tabs/__init__.py`` — the main window knows nothing else about it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ...domain.changes import Change
from ..context import AppContext


class WorkshopTab(QWidget):
    #: what ``status_text`` says has changed (a search, a filter, a reload): the window's status
    #: bar asks again, so it never shows counts from before
    status_changed = Signal()

    #: stable id used by settings (each tab's layout), the screenshot command (--tab) and tests.
    tab_id: str = ""
    title: str = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"tab_{self.tab_id}")
        self._reload_when_shown: Callable[[], None] | None = None
        ctx.changed.connect(self.on_changed)

    def when_on_screen(self, reload: Callable[[], None]) -> None:
        """Run ``reload`` now; or, while another tab covers this one in a window on screen, when this
        one is next shown (the last one asked). A covered tab does no work for what happens elsewhere
        until someone looks at it: opening a job in Job Cards read Routing's 60 operations behind it."""
        if self._covered():
            self._reload_when_shown = reload
        else:
            self._reload_when_shown = None
            reload()

    def _covered(self) -> bool:
        """Another tab is shown in its place: the window is on screen and the page this tab sits in is
        not (the tab itself may not be shown yet just after it was built: its layout shows it queued)."""
        page = self.parentWidget()
        return page is not None and self.window().isVisible() and not page.isVisible()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        pending, self._reload_when_shown = self._reload_when_shown, None
        if pending is not None:
            pending()

    # Shortcuts from the window (Ctrl+N, Ctrl+F, Ctrl+S, Esc). Defaults do nothing.
    def new_record(self) -> None: ...
    def focus_search(self) -> None: ...
    def save(self) -> bool:
        return True
    def revert(self) -> None: ...

    def has_unsaved_changes(self) -> bool:
        return False

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        """Refresh whatever this tab shows that ``changes`` touches; ``initiator`` is the widget
        whose call made them (None: from outside any widget)."""

    def status_text(self) -> str:
        """A few words for the status bar while this tab is shown."""
        return ""

    # Remembered layout (splitter positions …), as bytes for QSettings.
    def save_state(self) -> dict[str, object]:
        return {}

    def restore_state(self, state: dict[str, object]) -> None: ...
