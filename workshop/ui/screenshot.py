"""Render a tab of the real window to a PNG, offscreen: ``workshop screenshot --tab briefs -o x.png``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..domain.errors import WorkshopError


def _wait_until_loaded(tab, timeout_s: float = 60.0) -> None:
    """A tab that reads its list off the GUI thread (Inspection): its rows, before choosing one."""
    import time

    from PySide6.QtCore import QCoreApplication, QThreadPool

    deadline = time.monotonic() + timeout_s
    while tab.loading and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(100)
        QCoreApplication.processEvents()


def _show_job(window, tab_id: str, job_id: int, job_number: str) -> str:
    """Show the job on the tab as a person would find it there; a note when the tab cannot."""
    window.ctx.select_job(job_id)  # Routing follows the chosen job
    tab = window.tab(tab_id)
    if tab_id == "job-cards":
        tab.open_job(job_id)
    elif tab_id == "routing":
        tab.show_job(job_id)
    elif tab_id == "inspection":
        _wait_until_loaded(tab)
        row = tab.model.find_row(lambda r: r.job_id == job_id)
        if row < 0:
            return f"{job_number} has no inspection due; the tab shows the first one due."
        tab.table.selectRow(row)
    elif tab_id == "briefs":
        from ..services.jobs import get_job

        brief_id = get_job(window.ctx.db, job_id).brief_id
        if brief_id is None:
            return f"{job_number} was not made from a brief; the tab shows the first brief."
        tab.list.select_brief(brief_id)
        tab.show_brief(brief_id)
    elif tab_id == "wip":
        row = tab.model.find_row(lambda r: r.job_id == job_id)
        if row < 0:
            return f"{job_number} is not in progress; the tab shows every job that is."
        tab.view.selectRow(row)
    else:
        return f"The {tab_id} tab shows no single job; --job is not used there."
    return ""


def take_screenshot(db_target: str | None, tab_id: str, output: str, job_number: str | None = None,
                    size: tuple[int, int] = (1280, 800)) -> str:
    """Write the PNG; returns a note when ``job_number`` could not be shown on that tab ("" otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the application exists
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from ..db.engine import open_database
    from .app import create_main_window, make_application
    from .tabs import TAB_CLASSES
    from .tasks import wait_for_tasks

    known = [tid for tid, _spec, _title in TAB_CLASSES]
    if tab_id not in known:
        raise WorkshopError(f"There is no tab “{tab_id}”. Choose one of: {', '.join(known)}.")
    app = make_application()
    db = open_database(db_target, create=False)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = QSettings(str(Path(folder) / "screenshot.ini"), QSettings.Format.IniFormat)
            window = create_main_window(db, settings)
            window.setMinimumSize(1, 1)
            window.resize(*size)
            window.select_tab(tab_id)
            window.show()
            app.processEvents()  # a tab loads when first shown
            note = ""
            if job_number:
                from ..services.jobs import find_job_id

                note = _show_job(window, tab_id, find_job_id(db, job_number), job_number)
            for _ in range(3):
                # a tab that works its figures out in the background (WIP, Schedule) shows them first
                QThreadPool.globalInstance().waitForDone(30_000)
                app.processEvents()
            image = window.grab()
            if not image.save(str(output), "PNG"):
                raise WorkshopError(f"Could not write {output}.")
            window.settings.clear()  # nothing to remember from a screenshot
            window.hide()
            window.deleteLater()
            app.processEvents()
            settings.sync()
            del settings
    finally:
        wait_for_tasks()  # a tab's background read must not outlive the shop it reads
        db.close()
    QApplication.processEvents()
    return note
