"""Where things live on disk: bundled resources and the user's data folder.

Resource paths work both from a source checkout and from a PyInstaller bundle
(which unpacks data files under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Workshop"
APP_AUTHOR = "Workshop"


def install_root() -> Path:
    """The folder holding ``resources/`` and ``migrations/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    return install_root() / "migrations"


def user_data_dir() -> Path:
    from platformdirs import user_data_path  # lazy: only needed when no --db is given

    path = user_data_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "workshop.db"
