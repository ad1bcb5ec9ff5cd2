"""Driving the window as a person does: clicks, shortcuts, typing any text, answering dialogs."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox

CTRL = Qt.KeyboardModifier.ControlModifier


def click(qtbot, button) -> None:
    """Click a button a person could click: it must be enabled."""
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot, window, key, modifier=CTRL) -> None:
    """A window shortcut, with the window active (as it is when a person presses keys)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def gone(qtbot, widget) -> None:
    """Wait until a window or dialog that deletes itself on close (a password typed goes with it) is closed and
    deleted. Asking whether it is still visible races Qt's deferred delete, which any event loop may have run."""
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget), timeout=5_000)


def type_text(qtbot, widget, text: str) -> None:
    """keyClicks, but any character (QTest's own only types ASCII)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Click into a table's cell, type, Enter: as a person fills a line."""
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.indexWidget(table.model().index(row, column))  # the cell's open editor
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # Qt commits on the next turn


def when_dialog_opens(act, check=None) -> list:
    """Answer the next modal dialog as a person would: ``act(dialog)`` runs once it is open.
    The returned list holds the dialog once it has been answered. ``check(dialog)``: only the
    dialog it accepts (in a chain of dialogs the one before may still be closing)."""
    answered = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and (check is None or dialog.isVisible() and check(dialog)):
            act(dialog)
            answered.append(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return answered


def ok(qtbot, dialog) -> None:
    """Click the dialog's OK button."""
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def fill_dialog(qtbot, dialog, **texts) -> None:
    """Fill a dialog's fields by name (``dialog.widget(name)``): choose in a fixed list, type
    elsewhere."""
    for name, text in texts.items():
        widget = dialog.widget(name)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            widget.setCurrentIndex(widget.findData(text))
        elif hasattr(widget, "toPlainText"):
            widget.setPlainText(text)
        else:
            widget.clear()
            qtbot.keyClicks(widget, text)


def open_window(qtbot, db, tmp_path, *, size: tuple[int, int] | None = (1280, 720), tab: str | None = None):
    """The main window on ``db`` as a person opens it: its own settings file, shown (at a
    laptop's size unless told otherwise), on ``tab`` if given."""
    from PySide6.QtCore import QSettings

    from workshop.ui.app import create_main_window

    window = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if tab is not None:
        window.select_tab(tab)
    return window


def open_job_cards(qtbot, db, job_id: int, size: tuple[int, int] = (1280, 720)):
    """Job Cards alone at a laptop's size, on the job ``job_id`` (its detail loaded)."""
    from workshop.ui.context import AppContext
    from workshop.ui.tabs.job_cards import JobCardsTab

    tab = JobCardsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    tab.open_job(job_id)
    qtbot.waitUntil(lambda: tab.detail.job is not None)
    return tab


def open_brief_quotes(qtbot, db, brief_id: int, size: tuple[int, int] = (1280, 720)):
    """The Briefs tab alone, on the brief ``brief_id`` with its Quotes page shown."""
    from workshop.ui.context import AppContext
    from workshop.ui.tabs.briefs import BriefsTab

    tab = BriefsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    tab.list.select_brief(brief_id)
    tab.show_brief(brief_id)
    tab.lower_tabs.setCurrentWidget(tab.quotes)
    return tab


def show_job_page(tab, cls):
    """The job's page of class ``cls`` in Job Cards, chosen as a person does with its button (it is
    built when first chosen, and loads when shown)."""
    index = tab.detail.page_index(cls)
    tab.detail.pages.tabButton(index).click()
    return tab.detail.pages.widget(index)
