"""What the window remembers between runs (geometry, each tab's layout, recent databases, the server
last opened), kept in QSettings; it opens on the Start tab each time, not on the last one. Tests and
the screenshot command pass their own QSettings file so they never touch the user's. No password is
ever kept here: a server is remembered by its URL without one."""

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
    names: list[str] = []
    for entry in value:
        name = str(entry or "")
        if "://" in name:  # a server, perhaps remembered as "user:***@host" before passwords were left out
            from ..services.servers import recent_name_of

            name = recent_name_of(name)
        if name and name not in names:
            names.append(name)
    return names[:MAX_RECENT]


def add_recent_database(settings: QSettings, target: str) -> list[str]:
    recent = [target] + [r for r in recent_databases(settings) if r != target]
    settings.setValue("recent_databases", recent[:MAX_RECENT])
    return recent[:MAX_RECENT]


def remove_recent_database(settings: QSettings, target: str) -> None:
    settings.setValue("recent_databases", [r for r in recent_databases(settings) if r != target])


#: File ▸ Open server…'s fields remembered from last time (never the password: db/credentials.py keeps that).
SERVER_FIELDS = ("host", "port", "database", "user")


def server_form(settings: QSettings) -> dict[str, str]:
    """The host, port, database and user last opened through File ▸ Open server… ("" where none)."""
    return {field: str(settings.value(f"open_server/{field}", "") or "") for field in SERVER_FIELDS}


def save_server_form(settings: QSettings, values: dict[str, object]) -> None:
    for field in SERVER_FIELDS:
        settings.setValue(f"open_server/{field}", str(values.get(field, "")))
