"""``workshop install-desktop``: puts Workshop in a Linux desktop's application menu.

Writes the desktop entry (resources/desktop/workshop.desktop, with an Exec line that starts this
copy of Workshop) into ``$XDG_DATA_HOME/applications`` and the icon into
``$XDG_DATA_HOME/icons/hicolor`` (``~/.local/share`` when XDG_DATA_HOME is unset), as the XDG
desktop-entry and icon-theme specifications say. No Qt: the command line runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import install_root, resource_path

ENTRY_NAME = "workshop.desktop"
ICON_NAME = "workshop"
#: (source under resources/icons, place under the icon theme)
ICON_FILES = (("workshop.svg", Path("hicolor", "scalable", "apps", "workshop.svg")),
              ("workshop.png", Path("hicolor", "256x256", "apps", "workshop.png")))


def data_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or not absolute (the spec says
    a relative path is to be ignored)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this copy of Workshop: the bundle's own program when frozen, else
    the checkout's scripts/run (which builds .venv when it is missing or made by another Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    run = install_root() / "scripts" / "run"
    if run.is_file():
        return [str(run)]
    return [sys.executable, "-m", "workshop"]


_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def exec_line(argv: Sequence[str]) -> str:
    """The Exec value for ``argv``: an argument with a reserved character in double quotes (with
    ``"`` ` ``$`` and ``\\`` escaped by a backslash), ``%`` doubled, then the backslashes of the
    whole value doubled, as the desktop-entry specification's two levels of quoting ask."""
    words = []
    for arg in argv:
        arg = arg.replace("%", "%%")
        if any(ch in _RESERVED for ch in arg):
            arg = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'
        words.append(arg)
    return " ".join(words).replace("\\", "\\\\")


def desktop_entry(argv: Sequence[str]) -> str:
    """The shipped entry with its Exec line pointing at ``argv`` (and TryExec at the program, so
    the menu hides the entry if that copy of Workshop is moved or removed)."""
    lines = []
    for line in resource_path("desktop", ENTRY_NAME).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"TryExec={exec_line(argv[:1])}")
            line = f"Exec={exec_line(argv)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(home: Path | None = None, argv: Sequence[str] | None = None) -> list[Path]:
    """Write the entry and the icons; returns the files written."""
    home = data_home() if home is None else home
    written = []
    entry = home / "applications" / ENTRY_NAME
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry(launcher() if argv is None else argv), encoding="utf-8")
    written.append(entry)
    for source, place in ICON_FILES:
        target = home / "icons" / place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(resource_path("icons", source), target)
        written.append(target)
    _refresh_caches(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; returns the files removed."""
    home = data_home() if home is None else home
    removed = []
    for path in [home / "applications" / ENTRY_NAME] + [home / "icons" / place for _s, place in ICON_FILES]:
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Menus notice a new entry by themselves; these tools, where present, make it quicker."""
    tools = (("update-desktop-database", home / "applications"),
             ("gtk-update-icon-cache", home / "icons" / "hicolor"))
    for tool, folder in tools:
        if shutil.which(tool) and folder.is_dir() and (tool != "gtk-update-icon-cache"
                                                       or (folder / "index.theme").exists()):
            subprocess.run([tool, "-q", str(folder)], check=False, capture_output=True)


def run(remove: bool = False) -> int:
    if sys.platform != "linux" and not sys.platform.startswith("freebsd"):
        print("workshop install-desktop is for Linux desktops; on Windows and macOS pin the program "
              "(dist/workshop/workshop.exe, or Workshop.app) to the Start menu or the Dock.")
        return 2
    home = data_home()
    if remove:
        removed = uninstall(home)
        print("Removed " + ", ".join(map(str, removed)) if removed else "Nothing to remove: Workshop was not installed "
              f"in {home}")
        return 0
    written = install(home)
    print(f"Workshop is in your applications menu (starting {' '.join(launcher())}). Written:")
    for path in written:
        print(f"  {path}")
    return 0
