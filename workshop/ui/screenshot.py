"""Render a tab of the real window to a PNG, offscreen: ``workshop screenshot --tab briefs -o x.png``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..domain.errors import WorkshopError


def take_screenshot(db_target: str | None, tab_id: str, output: str, job_number: str | None = None,
                    size: tuple[int, int] = (1280, 800)) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the application exists
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ..db.engine import open_database
    from .app import create_main_window, make_application
    from .tabs import TAB_CLASSES

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
            if job_number:
                from ..services.jobs import find_job_id

                job_id = find_job_id(db, job_number)
                window.ctx.select_job(job_id)
                window.ctx.open_job_requested.emit(job_id)
                window.select_tab(tab_id)
            for _ in range(3):
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
        db.close()
    QApplication.processEvents()
