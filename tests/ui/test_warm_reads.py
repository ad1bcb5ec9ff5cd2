"""The owner's window sends the Briefs and Job Cards tabs' first reads off the GUI thread once it has
painted (ui/warm_reads.py: SQLAlchemy compiles each statement on first use, ~20–25 ms of each tab's
first show on the ten-year shop); the tabs' own first reads are then the same statements, found
compiled. A window made without it (tests, screenshots) sends nothing of the kind."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, QThreadPool
from sqlalchemy import event

from workshop.ui import tasks
from workshop.ui.app import create_main_window


def _reads(db, qtbot, tmp_path, **options):
    """(statements sent off the GUI thread, on it) from start-up until the pool is idle, then the
    statements the Briefs and Job Cards tabs send when first shown."""
    seen: dict[str, list[str]] = {"pool": [], "gui": []}

    def listen(_conn, _cursor, sql, *_args) -> None:
        seen["gui" if threading.current_thread() is threading.main_thread() else "pool"].append(" ".join(sql.split()))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        window = create_main_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), **options)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitUntil(lambda: window.warmed, timeout=20000)  # painted, imports and reads done
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0
                        and not (tasks._RELAY is not None and tasks._RELAY.tasks), timeout=20000)
        at_start = {key: list(value) for key, value in seen.items()}
        seen["gui"].clear()
        for tab in ("briefs", "job-cards"):
            window.select_tab(tab)
        first_shows = [sql for sql in seen["gui"] if sql.startswith("SELECT")]
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    return at_start, first_shows


def test_the_owners_window_reads_what_the_first_tabs_read_off_the_gui_thread(qtbot, db, shop, tmp_path):
    from workshop.services import briefs

    briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut desk")
    at_start, first_shows = _reads(db, qtbot, tmp_path, warm_reads=True)
    warmed = set(at_start["pool"])
    assert any("FROM briefs" in sql for sql in warmed) and any("FROM jobs" in sql for sql in warmed)
    # the tabs' list and first-record reads were all sent before, from the pool: found compiled
    lists = [sql for sql in first_shows if "FROM briefs" in sql or "FROM jobs" in sql]
    assert lists and all(sql in warmed for sql in lists), [sql for sql in lists if sql not in warmed]


def test_a_window_made_without_it_sends_none(qtbot, db, shop, tmp_path):
    at_start, _first_shows = _reads(db, qtbot, tmp_path)
    assert not any("FROM briefs" in sql for sql in at_start["pool"])  # (the Start page reads jobs of its own)
