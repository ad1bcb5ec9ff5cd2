"""``workshop terminal``: the terminal and the board full screen, started as the window starts;
Esc never closes it, the Close button asks first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from support.gui import click, gone, when_dialog_opens
from workshop.db.lock import lock_path
from workshop.ui.app import NO_SCREEN
from workshop.ui.context import AppContext
from workshop.ui.terminal_window import TerminalWindow


def test_the_full_screen_terminal_closes_only_when_asked_twice(qtbot, db, shop):
    window = TerminalWindow(AppContext(db))
    qtbot.addWidget(window)
    window.show_full_screen()
    qtbot.waitExposed(window)
    assert window.isFullScreen()
    qtbot.waitUntil(window.terminal.field.hasFocus)
    qtbot.keyClick(window.terminal.field, Qt.Key.Key_Escape)  # Esc is no way out
    assert window.isVisible()
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.No).click())
    click(qtbot, window.close_button)
    assert window.isVisible()
    qtbot.waitUntil(window.terminal.field.hasFocus)
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    click(qtbot, window.close_button)
    gone(qtbot, window)


#: Starts ``workshop terminal`` and, once its window shows, reports it and closes it (as quitting would).
_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from workshop.cli import main

def look():
    app = QApplication.instance()
    shown = [w for w in app.topLevelWidgets() if w.objectName() == "terminalWindow" and w.isVisible()]
    if not shown:
        QTimer.singleShot(50, look)
        return
    window = shown[0]
    print(window.isFullScreen(), window.terminal.field.objectName(), window.board.objectName())
    window.close()

QTimer.singleShot(0, look)
sys.exit(main(["terminal", "--db", sys.argv[1]]))
"""


def _environment(tmp_path, **more) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               **more)
    env.pop("WORKSHOP_DB", None)
    return env


def test_workshop_terminal_starts_full_screen_on_the_shop_and_lets_it_go(tmp_path, db, shop):
    url, on_file = db.url.render_as_string(hide_password=False), db.url.get_backend_name() == "sqlite"
    db.close()
    done = subprocess.run([sys.executable, "-c", _START, url], env=_environment(tmp_path, QT_QPA_PLATFORM="offscreen"),
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "scanField", "floorBoard"]
    if on_file:
        assert not lock_path(Path(db.url.database)).exists()  # the writer lock was let go
    else:  # the server's shop, not a new file named after its database
        assert not (tmp_path / db.url.database).exists()


def test_workshop_terminal_with_no_display_says_so_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import sys; from workshop.cli import main; "
                                                 "sys.exit(main(['terminal']))"],
                          env=_environment(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    if sys.platform.startswith("linux"):
        assert (done.returncode, done.stdout, done.stderr) == (2, "", NO_SCREEN + "\n")
