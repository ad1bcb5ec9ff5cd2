"""What the window remembers between runs (geometry, each tab's layout, recent databases),
kept in QSettings; it opens on the Start tab each time, not on the last one. Tests and the
screenshot command pass their own QSettings file so they never touch the user's."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QSize

MAX_RECENT = 8


def app_settings() -> QSettings:
    """The user's settings (organisation/application "Workshop"), or the INI file named by
    ``WORKSHOP_SETTINGS`` when set (tests, a portable install)."""
    path = os.environ.get("WORKSHOP_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Workshop", "Workshop")


def save_window(settings: QSettings, window) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())


def restore_window(settings: QSettings, window) -> bool:
    geometry = settings.value("window/geometry")
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    return True


def dialog_size(settings: QSettings, key: str) -> QSize | None:
    """The size a dialog was left at last time, if any."""
    value = settings.value(f"dialogs/{key}/size")
    return value if isinstance(value, QSize) and value.isValid() else None


def save_dialog_size(settings: QSettings, key: str, size: QSize) -> None:
    settings.setValue(f"dialogs/{key}/size", size)


def save_tab_state(settings: QSettings, tab_id: str, state: dict[str, object]) -> None:
    settings.beginGroup(f"tab_{tab_id}")
    settings.remove("")
    for key, value in state.items():
        settings.setValue(key, value)
    settings.endGroup()


def tab_state(settings: QSettings, tab_id: str) -> dict[str, object]:
    settings.beginGroup(f"tab_{tab_id}")
    try:
        return {key: settings.value(key) for key in settings.childKeys()}
    finally:
        settings.endGroup()


def recent_databases(settings: QSettings) -> list[str]:
    value = settings.value("recent_databases", [], type=list)
    return [str(v) for v in value if v][:MAX_RECENT]


def add_recent_database(settings: QSettings, target: str) -> list[str]:
    recent = [target] + [r for r in recent_databases(settings) if r != target]
    settings.setValue("recent_databases", recent[:MAX_RECENT])
    return recent[:MAX_RECENT]


def remove_recent_database(settings: QSettings, target: str) -> None:
    settings.setValue("recent_databases", [r for r in recent_databases(settings) if r != target])
