"""workshop install-desktop: the desktop entry and icon under $XDG_DATA_HOME (else
~/.local/share), pointing at this copy of Workshop; --remove takes them away."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import desktop
from workshop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def _validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool:  # desktop-file-utils, where installed, checks the entry against the specification
        done = subprocess.run([tool, str(path)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="a Linux desktop's menu")
def test_install_writes_entry_and_icons_under_xdg_data_home_then_removes_them(tmp_path, monkeypatch, capsys):
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert main(["install-desktop"]) == 0
    entry = home / "applications" / "workshop.desktop"
    fields = _entry(entry)
    assert fields["Name"] == "Workshop"
    assert fields["Type"] == "Application"
    assert fields["Terminal"] == "false"
    assert fields["Icon"] == "workshop"
    # from a checkout it starts scripts/run, which makes .venv when it is missing
    run = ROOT / "scripts" / "run"
    assert fields["Exec"] == str(run) and fields["TryExec"] == str(run)
    assert os.access(run, os.X_OK)
    assert (home / "icons/hicolor/scalable/apps/workshop.svg").read_bytes() == (
        ROOT / "resources/icons/workshop.svg").read_bytes()
    png = home / "icons/hicolor/256x256/apps/workshop.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 256  # IHDR width: the folder's size
    _validate(entry)
    out = capsys.readouterr().out
    assert str(entry) in out and str(png) in out

    # a second install replaces, never duplicates
    assert main(["install-desktop"]) == 0
    assert sorted(p.name for p in (home / "applications").glob("*.desktop")) == ["workshop.desktop"]

    assert main(["install-desktop", "--remove"]) == 0
    assert not entry.exists() and not png.exists()
    assert not (home / "icons/hicolor/scalable/apps/workshop.svg").exists()
    assert main(["install-desktop", "--remove"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_without_xdg_data_home_it_is_home_local_share(tmp_path):
    assert desktop.data_home({"HOME": str(tmp_path)}) == tmp_path / ".local" / "share"
    assert desktop.data_home({"HOME": str(tmp_path), "XDG_DATA_HOME": ""}) == tmp_path / ".local" / "share"
    # the specification: a relative path is to be ignored
    assert desktop.data_home({"HOME": str(tmp_path), "XDG_DATA_HOME": "rel/share"}) == tmp_path / ".local" / "share"
    assert desktop.data_home({"HOME": str(tmp_path), "XDG_DATA_HOME": "/srv/x"}) == Path("/srv/x")


def test_a_bundle_starts_its_own_program(tmp_path, monkeypatch):
    program = tmp_path / "My Shop" / "workshop" / "workshop"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert desktop.launcher() == [str(program)]
    desktop.install(tmp_path / "data")
    fields = _entry(tmp_path / "data" / "applications" / "workshop.desktop")
    # a space means quotes (the Exec line is split like a shell's words)
    assert fields["Exec"] == f'"{program}"'
    assert fields["TryExec"] == f'"{program}"'


def test_exec_quoting_follows_the_specification():
    assert desktop.exec_line(["/opt/workshop/workshop"]) == "/opt/workshop/workshop"
    assert desktop.exec_line(["/opt/a b/workshop", "--db", "/x/100%.db"]) == '"/opt/a b/workshop" --db /x/100%%.db'
    # a $ is escaped inside quotes, and the backslash itself is doubled for the string level
    assert desktop.exec_line(["/home/jo/$shop/run"]) == '"/home/jo/\\\\$shop/run"'


def test_the_shipped_entry_is_valid(tmp_path):
    shipped = ROOT / "resources" / "desktop" / "workshop.desktop"
    assert _entry(shipped)["Icon"] == "workshop"
    _validate(shipped)
