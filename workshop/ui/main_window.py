"""The main window: tabs, menus and actions only. What a tab shows and how a record is
saved lives in the tab; the rules live in the services.

A new tab joins by being listed in ``workshop/ui/tabs/__init__.py`` (``TAB_CLASSES``); the
window builds it with the ``AppContext`` and talks to it only through ``WorkshopTab``.

The window keeps its tabs, the status bar, the shortcuts passed to the current tab, leaving unsaved
work, and switching to another shop (``open_database_target``); which shop the File menu opens (a
file, a recent one, a server) is asked by file_menu.py, the actions and menus are menus.py's.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QMainWindow, QPlainTextEdit, QTabWidget, QTextEdit,
                               QVBoxLayout, QWidget)

from ..db.engine import Database
from ..registry import load
from ..domain.changes import Change
from ..domain.errors import WorkshopError
from ..services.servers import ShopPlace, place_of
from . import file_menu, theme
from . import window_state as ws
from .context import AppContext
from .dialogs.unsaved import Leave, ask_unsaved, revert_if_confirmed
from .errors import show_error
from .first_paint import after_first_paint
from .plain_text import plain_label
from .menus import SHOP_DIALOGS, build_actions, build_menus, build_toolbar
from .tabs import RECORD_TABS, START_TAB, TAB_CLASSES, title_of
from .tabs.base import WorkshopTab
from .widgets.sizing import first_window_size


def forget_sources() -> None:
    """Drop the source lines PySide6 had read: it reads the whole source of every module imported
    after it into ``linecache`` (its feature switch looks for "PySide6" in each), 11 MiB once every
    tab's modules are in (issue 17). Nothing keeps them: a traceback reads its few lines again."""
    import linecache

    linecache.clearcache()


#: After the first paint, the window idle this long: the modules of the tabs not shown yet are imported
#: off the GUI thread, so a tab first chosen pays only for building itself (issue 17).
WARM_AFTER_MS = 100


def _import_modules(state, modules: list[str]) -> None:
    """Import ``modules`` (on a pool thread). A module that fails is left for its first use to report."""
    from importlib import import_module

    for module in modules:
        if state.is_cancelled():
            return
        try:
            import_module(module)
        except Exception:  # noqa: BLE001 - raised again, where it is wanted, when the tab is first shown
            pass


class _TabSlot(QWidget):
    """Where a tab sits in the window; the tab itself is built the first time it is needed."""

    def __init__(self, tab_id: str, spec: str, build) -> None:
        super().__init__()
        self.tab_id = tab_id
        self.tab: WorkshopTab | None = None
        self._building = False
        self._spec = spec
        self._build = build
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def realize(self) -> WorkshopTab | None:
        """The tab, built now if it was not yet (None while it is being built: a dialog its first load
        opens runs the event loop, and whatever asks for the current tab then must not build a second)."""
        if self.tab is None and not self._building:
            self._building = True
            try:
                self.tab = self._build(self.tab_id, self._spec)
            finally:
                self._building = False
            self.layout().addWidget(self.tab)  # shown by the layout's queued show: built and painted in two turns
        return self.tab


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings | None = None, *, daily_backups: bool = False,
                 warm_reads: bool = False) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else ws.app_settings()
        self.ctx: AppContext | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        from .widgets.read_only_banner import ReadOnlyBanner

        self.read_only_banner = ReadOnlyBanner(self.reopen_for_changes)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)  # yellow, above the tabs, only while the shop is read-only
        column.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.writer_lock = None  # the shop's write lock (db/lock.py), when this window took it
        self.has_painted = False  # until then, start-up's background work waits (``_painted``)
        self.instance_server = None  # run_gui's: a second start for the same shop brings this window forward
        self.actions = build_actions(self)
        build_menus(self, self.actions)
        self.toolbar = build_toolbar(self, self.actions)
        self.db_label = plain_label()  # a folder may be called anything
        self.db_label.setObjectName("statusDatabase")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("statusCounts")
        self.late_label = QLabel()  # only the late count is red: the rest is no alarm
        self.late_label.setObjectName("statusLate")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.late_label)
        self.statusBar().addPermanentWidget(self.db_label)
        from .widgets.backup_status import BackupStatus

        self.backup_status = BackupStatus()
        self.statusBar().addPermanentWidget(self.backup_status)
        # The automatic daily backup runs once the window has painted, in the window the owner starts
        # (run_gui asks for it); tests and screenshots make none.
        self.daily_backups = daily_backups
        self.warm_reads = warm_reads
        self.warmed = False  # the work left for after the first paint done (imports, first reads)
        self.tabs.currentChanged.connect(self._tab_changed)
        # An explicit minimum stops the layout from resetting it while the window is shown
        # (which also upsets platforms that cannot pass size hints on, like "offscreen").
        self.setMinimumSize(720, 480)
        # First run: 1280×800 where the screen has room, else as much as it has (a 1280×720 screen);
        # after that, the size and place it was left at.
        self.resize(first_window_size(self))
        ws.restore_window(self.settings, self)
        self._use_database(db)
        after_first_paint(self, self._painted)

    def _painted(self) -> None:
        """What waits until the person sees the window (issue 17: start-up paints first)."""
        self.has_painted = True
        forget_sources()
        QTimer.singleShot(WARM_AFTER_MS, self, self._warm_imports)
        if self.daily_backups:
            self.backup_status.start_daily_backup()

    def _warm_imports(self) -> None:
        """The modules of the tabs not built yet, and of a job's pages, imported off the GUI thread."""
        from ..registry import module_of
        from .job_pages import JOB_PAGES
        from .tasks import run_task

        modules: list[str] = []
        for slot in self._slots():
            if slot.tab is None:
                modules.append(module_of(slot._spec))
                if slot.tab_id == "job-cards":  # its pages are built with it
                    modules += [module_of(spec) for spec in JOB_PAGES]
        run_task(_import_modules, modules, on_done=self._imports_warmed, parent=self)

    def _imports_warmed(self, _none) -> None:
        """Then the first reads of the tabs most opened first, compiled off the GUI thread (warm_reads)."""
        from .tasks import run_task
        from .warm_reads import warm_reads

        forget_sources()
        if self.warm_reads and self.ctx is not None:
            run_task(warm_reads, self.ctx.db, parent=self, on_done=lambda _none: setattr(self, "warmed", True))
        else:
            self.warmed = True

    # --- tabs ---------------------------------------------------------------------------------
    def _use_database(self, db: Database, *, check_pages: bool = False) -> None:
        """Show the shop ``db``. ``check_pages``: it was opened without reading all its pages
        (``open_database(quick_check=False)``: File ▸ Open): they are read off the GUI thread."""
        self._shop_counts: tuple[int, int] | None = None
        self.ctx = AppContext(db, self)
        self.ctx.changed.connect(self._on_changed)
        self.ctx.open_job_requested.connect(self._open_job)
        self.ctx.open_record_requested.connect(self.open_record)
        for tab_id, spec, title in TAB_CLASSES:
            self.tabs.addTab(_TabSlot(tab_id, spec, self._make_tab), title)
        self.select_tab(START_TAB)  # each day starts with what needs doing (the Start page)
        self.current_tab()  # the first tab shown is built now; the rest when first chosen
        self.db_label.setText(db.display_name)
        self.db_label.setToolTip(f"The open shop database: {db.display_name}")
        place = place_of(db)
        self.setWindowTitle(place.title)  # Qt adds " — Workshop" (the application's display name)
        ws.add_recent_database(self.settings, place.recent_name)  # a server's URL without its password
        self._show_backup_status(place)
        from .startup import shop_opened

        shop_opened(self, db)  # the read-only banner, the network-folder warning, the instance socket
        self.refresh_status()
        if check_pages:
            from .startup import check_pages_later

            check_pages_later(self, db)

    def _make_tab(self, tab_id: str, spec: str) -> WorkshopTab:
        tab = load(spec)(self.ctx)
        tab.restore_state(ws.tab_state(self.settings, tab_id))
        tab.status_changed.connect(self._tab_status_changed)
        forget_sources()  # the tab's modules are in
        return tab

    def _open_job(self, job_id: int) -> None:
        """Another tab asked for a job (a brief was converted): show it in Job Cards. A Job Cards
        tab built just now missed the request, so it is passed on."""
        slot = self._slot("job-cards")
        if slot is None:
            return
        was_built = slot.tab is not None
        self.tabs.setCurrentWidget(slot)
        if not was_built:
            slot.realize().open_job(job_id)

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record on the tab that holds it (``tabs.RECORD_TABS``): an invoice in Invoices, a
        quote in Briefs, a material on Stock's reorder list. A tab without ``open_record`` is
        only shown."""
        slot = self._slot(RECORD_TABS.get(kind, ""))
        if slot is None:
            return
        self.tabs.setCurrentWidget(slot)
        opener = getattr(slot.realize(), "open_record", None)
        if callable(opener):
            opener(kind, record_id)

    def _drop_tabs(self) -> None:
        self._save_tab_states()
        self.tabs.blockSignals(True)  # each removal makes the next tab current: none is built for it
        try:
            while self.tabs.count():
                slot = self.tabs.widget(0)
                self.tabs.removeTab(0)
                slot.deleteLater()
        finally:
            self.tabs.blockSignals(False)
        self.ctx.deleteLater()

    def _slots(self) -> list[_TabSlot]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _slot(self, tab_id: str) -> _TabSlot | None:
        return next((s for s in self._slots() if s.tab_id == tab_id), None)

    def tab_widgets(self) -> list[WorkshopTab]:
        """Every tab, built if it was not yet."""
        return [slot.realize() for slot in self._slots()]

    def built_tabs(self) -> list[WorkshopTab]:
        return [slot.tab for slot in self._slots() if slot.tab is not None]

    def tab(self, tab_id: str) -> WorkshopTab | None:
        slot = self._slot(tab_id)
        return slot.realize() if slot is not None else None

    def current_tab(self) -> WorkshopTab | None:
        slot = self.tabs.currentWidget()
        return slot.realize() if slot is not None else None

    def select_tab(self, tab_id: str) -> bool:
        slot = self._slot(tab_id)
        if slot is not None:
            self.tabs.setCurrentWidget(slot)
        return slot is not None

    def _tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.actions.print_.setEnabled(callable(getattr(tab, "print_current", None)))
        self.refresh_status()

    def _on_changed(self, _changes: Change, _initiator: QWidget | None) -> None:
        self._shop_counts = None  # something changed: count again
        self.refresh_status()

    def _tab_status_changed(self) -> None:
        slot = self.tabs.currentWidget()
        if slot is not None and self.sender() is slot.tab:  # never builds a tab
            self.refresh_status()

    def _counts(self) -> tuple[int, int]:
        """(jobs in the shop, late jobs): counted once, and again only after a change (a tab
        switch or a search changes neither)."""
        from ..services.start_page import open_and_late

        if self._shop_counts is None:
            self._shop_counts = open_and_late(self.ctx.db)
        return self._shop_counts

    def refresh_status(self) -> None:
        if self.ctx is None:
            return
        open_jobs, late = self._counts()
        text = f"In the shop: {open_jobs}"  # the job list's words for planned … inspection
        tab = self.current_tab()
        extra = tab.status_text() if tab is not None else ""
        self.counts_label.setText(f"{extra}   {text}" if extra else text)
        self.late_label.setText(f"Late: {late}")
        self.late_label.setStyleSheet(f"color: {theme.ALARM}; font-weight: bold;" if late else "")

    # --- the shortcuts, passed to the current tab ---------------------------------------------
    def new_record(self) -> None:
        if (tab := self.current_tab()) is not None:
            tab.new_record()

    def save_current(self) -> None:
        if (tab := self.current_tab()) is not None:
            tab.save()

    def revert_current(self) -> None:
        """Esc: a tab's unsaved typing is thrown away only after "Discard your changes?"."""
        if (tab := self.current_tab()) is not None:
            revert_if_confirmed(self, tab.title or title_of(tab.tab_id), tab.has_unsaved_changes(), tab.revert)

    def find_in_tab(self) -> None:
        if (tab := self.current_tab()) is not None:
            tab.focus_search()

    def print_current(self) -> None:
        printer = getattr(self.current_tab(), "print_current", None)
        if callable(printer):
            printer()

    def _focused_editor(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        if hasattr(widget, "lineEdit") and widget.lineEdit() is not None:  # editable combo, spin box
            widget = widget.lineEdit()
        return widget if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit) else None

    def undo_edit(self) -> None:
        if (editor := self._focused_editor()) is not None:
            editor.undo()

    def redo_edit(self) -> None:
        if (editor := self._focused_editor()) is not None:
            editor.redo()

    # --- leaving unsaved work -----------------------------------------------------------------
    def confirm_leave(self) -> bool:
        """Before closing or switching databases: each tab with unsaved work gets asked."""
        for tab in self.built_tabs():
            if not tab.has_unsaved_changes():
                continue
            self.select_tab(tab.tab_id)
            answer = ask_unsaved(self, tab.title or title_of(tab.tab_id))
            if answer is Leave.CANCEL or (answer is Leave.SAVE and not tab.save()):
                return False
            if answer is Leave.DISCARD:
                tab.revert()
        return True

    def _save_tab_states(self) -> None:
        for tab in self.built_tabs():
            ws.save_tab_state(self.settings, tab.tab_id, tab.save_state())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.confirm_leave():
            event.ignore()
            return
        from .tasks import wait_for_tasks

        self._save_tab_states()
        ws.save_window(self.settings, self)
        self.settings.sync()
        wait_for_tasks()
        if self.writer_lock is not None:
            self.writer_lock.release()
            self.writer_lock = None
        event.accept()

    # --- databases (the File menu's ways to another shop: file_menu.py) ---------------------------
    def recent_databases(self) -> list[str]:
        return ws.recent_databases(self.settings)

    def open_database_file(self) -> None:
        file_menu.open_database_file(self)

    def new_database_file(self) -> None:
        file_menu.new_database_file(self)

    def open_recent(self, target: str) -> bool:
        return file_menu.open_recent(self, target)

    def open_server(self, *, login=None, why: str = ""):
        return file_menu.open_server(self, login=login, why=why)

    def open_database_target(self, target: str, *, create: bool = False) -> bool:
        """Open ``target`` (a file, or a server's URL, with its password when it needs one: kept in
        memory only), each fault told by ``open_shop``'s dialogs."""
        from .startup import open_shop

        if not self.confirm_leave():
            return False
        failed: list[WorkshopError] = []
        opened = open_shop(target, create=create, parent=self, at_start=False, quick_check=False,
                           plain_error=lambda exc: (failed.append(exc), show_error(self, exc)))
        if opened is None:
            if failed and not create:
                from ..services.servers import recent_name_of

                ws.remove_recent_database(self.settings, recent_name_of(target))
            return False
        old, old_lock = self.ctx.db if self.ctx is not None else None, self.writer_lock
        if self.ctx is not None:
            self._drop_tabs()
        self.writer_lock = opened.lock
        self._use_database(opened.db, check_pages=True)
        if old is not None:
            old.close()
        if old_lock is not None:
            old_lock.release()  # after the new one was taken: the same shop again stays locked
        return True

    def let_go_of_shop(self) -> None:
        """Close the open shop and release its lock, keeping the window (a damaged shop about to be
        replaced by its backup: ``startup.check_pages_later``); ``open_database_target`` opens one again."""
        self._drop_tabs()
        self.ctx.db.close()
        self.ctx = None
        if self.writer_lock is not None:
            self.writer_lock.release()
            self.writer_lock = None

    def reopen_for_changes(self) -> bool:
        """The read-only banner's button: open the same shop again, for changes."""
        path = self.ctx.db.file_path
        return path is not None and self.open_database_target(str(path), create=False)

    # --- backups -------------------------------------------------------------------------------
    def _show_backup_status(self, place: ShopPlace) -> None:
        self.backup_status.show_for(place.file)
        if self.daily_backups and self.has_painted:  # another shop, opened later (else once painted)
            self.backup_status.start_daily_backup()

    def back_up_now(self):
        from .dialogs.backups import back_up_now

        return back_up_now(self)

    def restore_backup(self):
        from .dialogs.backups import open_restore_dialog

        return open_restore_dialog(self)

    # --- shop dialogs and help ----------------------------------------------------------------
    def open_shop_dialog(self, key: str):
        spec = next(spec for k, _label, spec in SHOP_DIALOGS if k == key)
        dialog = load(spec)(self.ctx, self)
        dialog.open()
        return dialog

    def print_scanner_check(self):
        from .printing import print_scanner_check

        return print_scanner_check(self, self.ctx)

    def show_about(self):
        from .dialogs.about import AboutDialog

        dialog = AboutDialog(self.ctx.db, self)
        dialog.open()
        return dialog

    def show_user_guide(self):
        from .dialogs.user_guide import open_user_guide

        return open_user_guide(self)
