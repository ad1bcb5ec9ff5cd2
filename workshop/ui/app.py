"""Starting the window: the application object, the crash hook (before anything opens), one window
per shop on this PC, the shop opened with its writer lock (a dialog for every fault), the loop."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ..db.engine import Database
from .main_window import MainWindow
from .startup import OpenedShop, open_shop


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Workshop")
    app.setOrganizationName("Workshop")
    app.setApplicationDisplayName("Workshop")
    return app


def create_main_window(db: Database, settings: QSettings | None = None, *, daily_backups: bool = False,
                       warm_reads: bool = False) -> MainWindow:
    """The window over an open database (tests and the screenshot command pass their own
    QSettings so they never touch the user's). ``daily_backups``: back the shop up once it has
    painted, on the first start of a day (the owner's window does; tests and screenshots do not).
    ``warm_reads``: once painted, send the first tabs' reads off the GUI thread (ui/warm_reads.py; the
    owner's window does; tests do not, whose statement counts it would join)."""
    return MainWindow(db, settings, daily_backups=daily_backups, warm_reads=warm_reads)


def open_first_database(target: str | None) -> OpenedShop | None:
    """The shop to start with, its writer lock taken; None when the owner chose Quit. Not every page
    is read yet (a second on ten years of a shop): ``run_shop_window`` has them read once the window
    has painted (``startup.check_pages_later``)."""
    return open_shop(target, create=True, at_start=True, quick_check=False)


def _already_running(target: str | None) -> bool:
    """A Workshop window for this shop runs on this PC: it was asked to come forward."""
    from ..db.engine import resolve_url
    from .single_instance import ask_running_window, instance_name

    try:
        url = resolve_url(target)
    except Exception:  # noqa: BLE001 - a malformed target: open_shop says so in its dialog
        return False
    key = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
    return bool(key) and ask_running_window(instance_name(str(key)))


NO_SCREEN = ("No screen to show the window on: this session has no display (no DISPLAY or WAYLAND_DISPLAY); "
             "run it on the PC's desktop, or use the commands: workshop --help")


def has_screen(environ=None, platform: str | None = None) -> bool:
    """Whether Qt can show a window: on Linux and the BSDs a display must be named (or a Qt platform chosen,
    e.g. offscreen); Windows and macOS always have their own."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_gui(db_target: str | None) -> int:
    def show(opened) -> MainWindow:
        window = create_main_window(opened.db, daily_backups=True, warm_reads=True)
        window.writer_lock = opened.lock
        from .single_instance import InstanceServer

        server = InstanceServer(window)
        server.raise_requested.connect(lambda: _bring_forward(window))
        window.instance_server = server
        server.listen(_instance_name(opened.db))
        window.show()
        return window

    return run_shop_window(db_target, show, already_running=lambda: _already_running(db_target))


def run_shop_window(db_target: str | None, show: Callable[[OpenedShop], QWidget], *,
                    already_running: Callable[[], bool] = lambda: False) -> int:
    """Start Qt, open the shop (its faults each with their own dialog), show the window ``show(opened)``
    builds, and run until it closes; then the shop the window holds then (``window.ctx.db``: File ▸ Open
    may have changed it) is closed and its writer lock (``window.writer_lock``) released. Exit codes:
    2 no screen, 1 not opened or a bug while starting, 0 when ``already_running`` brought another forward.
    The shop's pages are read off the GUI thread once the window has painted (start-up shows it first)."""
    if not has_screen():  # said in one line, before Qt aborts with "xcb-cursor0 is needed" or the like
        print(NO_SCREEN, file=sys.stderr)
        return 2
    app = make_application()
    from .errors import install_excepthook, show_crash
    from .tasks import wait_for_tasks

    window: QWidget | None = None
    install_excepthook(lambda: window)  # before anything opens: a start-up fault gets a dialog too
    try:
        if already_running():
            return 0  # the running window came forward
        opened = open_first_database(db_target)
        if opened is None:
            return 1
        window = show(opened)
        from .first_paint import after_first_paint
        from .startup import check_pages_once_painted

        after_first_paint(window, collect_from_now_on)
        check_pages_once_painted(window, opened.db)
    except Exception as exc:  # noqa: BLE001 - a bug while starting: the crash dialog, never a bare traceback
        show_crash(window, exc)
        return 1
    try:
        return app.exec()
    finally:
        wait_for_tasks()
        if window.ctx is not None:  # None: it let go of a damaged shop and could not open one again
            window.ctx.db.close()
        if window.writer_lock is not None:
            window.writer_lock.release()


def collect_from_now_on() -> None:
    """Collect garbage again (``workshop``'s start-up turned the collector off: cli.py), on the GUI
    thread only (ui/collector.py), with what start-up made set aside first. Start-up leaves about a
    million objects that live as long as the window (modules, mappers, widgets); a full collection
    walked them all, 140-380 ms on the ten-year shop, and the window froze when a report's worker set
    one off (issue 17)."""
    import gc

    from .collector import collect_on_gui_thread

    gc.freeze()
    collect_on_gui_thread(QApplication.instance())


def _instance_name(db: Database) -> str:
    from .single_instance import instance_name

    return instance_name(str(db.file_path or db.display_name))


def _bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
