"""The main window: tabs, menus, status bar, remembered layout, database switching."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from workshop import __version__
from workshop.services import jobs
from workshop.ui.app import create_main_window


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, db, settings):
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_window_has_the_eight_tabs_and_menus(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Start", "Briefs", "Job Cards", "Routing", "Shop Floor", "Inspection", "Work in progress",
                      "Invoices", "Stock", "Schedule", "Reports"]
    assert [t.tab_id for t in window.tab_widgets()] == ["start", "briefs", "job-cards", "routing", "shop-floor",
                                                        "inspection", "wip", "invoices", "stock", "schedule",
                                                        "reports"]
    menus = {m.objectName(): [a.text() for a in m.actions() if a.text()]
             for m in window.menuBar().findChildren(QMenu) if m.objectName().startswith("menu_")}
    assert {"&New database…", "&Open…", "Open &Recent", "&Export invoices…", "&Quit"} <= set(menus["menu_file"])
    assert {"&Undo", "&Redo", "&Find"} <= set(menus["menu_edit"])
    assert menus["menu_shop"] == ["&Customers…", "&Job orders…", "&Workstations…", "&Operators…", "Sca&nner check card…",
                                  "&Materials…", "&Routing templates…", "Shop ca&lendar…", "Reconcile the &day…",
                                  "Company &settings…"]
    assert menus["menu_help"] == ["Open the user &guide", "&About Workshop"]
    assert window.actions.new_record.shortcut().toString() == "Ctrl+N"
    assert window.actions.find.shortcut().toString() == "Ctrl+F"
    assert window.actions.save.shortcut().toString() == "Ctrl+S"
    assert window.actions.revert.shortcut().toString() == "Esc"
    assert window.toolbar.actions()


def test_status_bar_shows_database_and_counts(qtbot, shop, db, settings):
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    assert w.db_label.text() == db.display_name
    # "In the shop" (was "Open jobs"): the same words as the job list's quick filter (issue 9, item 20)
    assert "In the shop: 1" in w.counts_label.text() and w.late_label.text() == "Late: 0"
    w.ctx.call(None, jobs.change_status, shop.job.id, "cancel", "Customer moved away")
    assert "In the shop: 0" in w.counts_label.text()


def test_geometry_is_remembered_and_the_window_opens_on_start(qtbot, db, settings):
    first = create_main_window(db, settings)
    qtbot.addWidget(first)
    first.show()
    assert first.current_tab().tab_id == "start"
    first.resize(760, 520)  # fits the offscreen screen (800×600)
    first.select_tab("routing")
    first.close()
    second = create_main_window(db, settings)
    qtbot.addWidget(second)
    second.show()
    # issue 16: each day starts on the Start page, whichever tab the window was closed on
    # (it used to open on the last tab: Routing here)
    assert second.current_tab().tab_id == "start"
    assert (second.width(), second.height()) == (760, 520)
    assert db.display_name in second.recent_databases()


def test_only_the_tab_shown_is_built_and_switching_shops_builds_none(qtbot, db, settings, tmp_path, monkeypatch):
    """Start-up pays for the Start tab alone (issue 17): the layouts remembered for Job Cards and
    Schedule wait until those tabs are shown; opening another shop builds none of the old shop's
    tabs on the way out (each removal made the next tab current)."""
    from workshop.db.engine import open_database
    from workshop.ui.main_window import MainWindow

    first = create_main_window(db, settings)
    qtbot.addWidget(first)
    first.show()
    first.select_tab("job-cards")
    first.select_tab("schedule")
    first.close()
    built = []
    make = MainWindow._make_tab
    monkeypatch.setattr(MainWindow, "_make_tab", lambda self, tab_id, spec: (built.append(tab_id),
                                                                             make(self, tab_id, spec))[1])
    second = create_main_window(db, settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert built == ["start"]
    open_database(tmp_path / "other.db").close()
    assert second.open_database_target(str(tmp_path / "other.db"))
    assert built == ["start", "start"]
    second.ctx.db.close()


def test_open_job_requested_switches_to_job_cards(window, shop):
    window.select_tab("briefs")
    window.ctx.open_job_requested.emit(shop.job.id)
    assert window.current_tab().tab_id == "job-cards"


def test_about_names_the_version(qtbot, window):
    from workshop.ui.dialogs.about import AboutDialog

    window.actions.about.trigger()
    about = window.findChild(AboutDialog)
    qtbot.waitExposed(about)
    db = window.ctx.db
    shown = str(Path(db.url.database).resolve()) if db.url.get_backend_name() == "sqlite" else db.display_name
    assert about.values["Database"].text() == shown  # a server's URL without its password
    assert f"Workshop {__version__}" in [label.text() for label in about.findChildren(QLabel)]
    about.reject()


def test_open_another_database_from_recent(qtbot, window, tmp_path):
    from workshop.db.engine import open_database

    other = open_database(tmp_path / "other.db")
    other.close()
    assert window.open_database_target(str(tmp_path / "other.db"))
    assert window.ctx.db.display_name.endswith("other.db")
    assert window.windowTitle() == "other.db"  # Qt adds " — Workshop" where the platform shows it
    assert window.recent_databases()[0].endswith("other.db")
    window.ctx.db.close()


def test_refused_database_keeps_the_current_one(window, tmp_path, monkeypatch):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not a database at all" * 100)
    errors = []
    monkeypatch.setattr("workshop.ui.main_window.show_error", lambda parent, exc: errors.append(exc.message))
    before = window.ctx.db
    assert not window.open_database_target(str(bogus))
    assert window.ctx.db is before and "not a Workshop database" in errors[0]


def test_find_shortcut_focuses_search(qtbot, window):
    window.select_tab("briefs")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.current_tab().search  # the Briefs tab's search box
    qtbot.waitUntil(search.hasFocus)
    qtbot.waitUntil(search.isVisible)  # Briefs is built when first chosen: the window opens on Start
    qtbot.keyClicks(QApplication.focusWidget(), "oak")  # what the owner types next lands there
    assert search.text() == "oak"


def test_workshop_starts_importing_only_what_its_first_screen_needs(tmp_path, migrated_template):
    """`workshop` (issue 17): the database side is imported before Qt (PySide6 reads the source of every
    module imported after it), and once the window shows on Start no other tab's module, no ReportLab,
    pypdf, QtSvg or Alembic has been imported (each comes when first used)."""
    import os
    import shutil
    import subprocess
    import sys
    import textwrap

    shop = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, shop)
    script = textwrap.dedent(f"""
        import sys
        import workshop.cli as cli
        cli._import_before_qt()
        print(sorted(m for m in sys.modules if m.startswith("PySide6")))
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from workshop.ui.app import create_main_window, open_first_database
        from workshop.ui.tabs import TAB_CLASSES
        window = create_main_window(open_first_database({str(shop)!r}).db,
                                    QSettings({str(tmp_path / 'settings.ini')!r}, QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        tabs = {{spec.partition(":")[0] for _id, spec, _title in TAB_CLASSES}}
        print(sorted(m for m in sys.modules if m in tabs or m.split(".")[0] in ("reportlab", "pypdf", "alembic")
                     or m == "PySide6.QtSvg"))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-2:] == ["[]", "['workshop.ui.tabs.start']"]
