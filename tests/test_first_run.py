"""A first run a shop owner can follow: scripts/run's set-up says how far it has got (and what is
missing), the window says in one line that there is no screen, a postgresql:// URL gets the driver
Workshop ships with (or says how to install it), ``workshop demo`` tells its progress on stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.db.connection import make_engine
from workshop.db.engine import NO_DRIVER, resolve_url
from workshop.domain.errors import WorkshopError
from workshop.ui.app import NO_SCREEN, has_screen

ROOT = Path(__file__).resolve().parents[1]
bash_only = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="scripts/ are bash")


# --- no screen -------------------------------------------------------------------------------------

def test_has_screen_asks_linux_for_a_display_and_trusts_windows_and_macos():
    assert not has_screen({}, "linux")
    assert not has_screen({"DISPLAY": ""}, "linux")
    assert has_screen({"DISPLAY": ":0"}, "linux")
    assert has_screen({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_screen({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert has_screen({}, "win32")
    assert has_screen({}, "darwin")


def test_the_window_with_no_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WORKSHOP_DB", None)
    done = subprocess.run([sys.executable, "-c", "import sys; from workshop.cli import main; sys.exit(main([]))"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    if sys.platform.startswith("linux"):
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == NO_SCREEN + "\n"
        assert NO_SCREEN.startswith("No screen to show the window on: ")
        assert NO_SCREEN.endswith("run it on the PC's desktop, or use the commands: workshop --help")
        assert not (tmp_path / "data").exists()  # said before anything was made


# --- PostgreSQL driver -----------------------------------------------------------------------------

def test_a_plain_postgresql_url_uses_psycopg():
    url = resolve_url("postgresql://tom:secret@server.local:5432/shop")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "server.local", 5432, "shop", "tom", "secret")
    engine = make_engine(url)  # makes no connection
    try:
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()
    assert resolve_url("postgresql+psycopg://tom@server.local/shop").drivername == "postgresql+psycopg"
    assert resolve_url("sqlite:///shop.db").drivername == "sqlite"


@pytest.mark.parametrize("target", ["postgresql://tom@127.0.0.1:1/shop", "postgresql+psycopg://tom@127.0.0.1:1/shop"])
def test_a_missing_psycopg_says_how_to_install_it(monkeypatch, target):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    with pytest.raises(WorkshopError) as caught:
        resolve_url(target)
    message = caught.value.message
    assert message.startswith("A PostgreSQL server needs the psycopg driver, which Workshop installs with "
                              "itself but is missing here.")
    assert "run scripts/run once more" in message and "pip install 'psycopg[binary]'" in message
    assert "the bundle (dist/workshop) includes it" in message


def test_a_command_with_a_missing_psycopg_gives_the_message_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    assert main(["demo", "--db", "postgresql://tom@127.0.0.1:1/shop"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "psycopg driver, which Workshop installs with itself but is missing here" in captured.err
    assert "Traceback" not in captured.err


def test_opening_a_server_shop_without_psycopg_shows_that_message(monkeypatch, qapp):
    from workshop.ui.startup import open_shop

    monkeypatch.setitem(sys.modules, "psycopg", None)
    shown = []
    assert open_shop("postgresql://tom@127.0.0.1:1/shop", at_start=False, plain_error=shown.append) is None
    assert [type(error) for error in shown] == [WorkshopError]
    assert shown[0].message == NO_DRIVER


# --- workshop demo ---------------------------------------------------------------------------------

def test_demo_tells_its_progress_on_stderr_and_keeps_stdout_to_one_line(demo_run):
    # `workshop demo --db PATH --today 2026-11-21` as the suite runs it once for every test that
    # reads the demo shop (conftest), with what it printed
    path, out, err = demo_run("2026-11-21")
    # 51 commissioned jobs, the walnut sideboard the stock seed releases short of walnut, and the
    # kitchen order's carcasses, doors and installation
    assert out == (f"Demo shop written to {path}: 25 customers, 60 briefs, 55 jobs "
                   "(kitchen J-2026-0025, retrofit J-2026-0024).\n")
    assert err.splitlines() == [
        f"Making the demo shop in {path}…",
        "The shop: its settings, workstations, operators, materials, routings and customers…",
        *(f"Briefs and jobs of the last 18 months: {n} of 60…" for n in range(0, 60, 10)),
        "Briefs and jobs of the last 18 months: 60 of 60; billing the jobs…",
        "The shop calendar: bank holidays, the Christmas shutdown, days off…",
        "Costs, inspections and invoices…",
        "Suppliers, purchase orders, goods in and outside work…",
    ]


# --- scripts/_env.sh -------------------------------------------------------------------------------

def _fake_python(path: Path, identity: str) -> Path:
    """A stand-in for python3 that _env.sh can drive: it names itself ``identity``, makes a "venv" (a
    copy of itself), and "installs" like a slow pip: a package line, then nothing for PIP_SECONDS."""
    path.write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        if [ "$1" = -c ]; then
          case "$2" in
            *ensurepip*) [ -z "${{FAKE_NO_VENV:-}}" ]; exit ;;
            *) echo "{identity}"; exit 0 ;;
          esac
        fi
        if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; exit 0; fi
        if [ "$1 $2" = "-m pip" ]; then
          echo "Looking in indexes: https://pypi.org/simple"
          case "$*" in *" -e "*)
            echo "Collecting PySide6>=6.6"
            echo "  Downloading pyside6_essentials-6.8-cp39-abi3-manylinux_2_28_x86_64.whl (94.6 MB)"
            sleep "${{PIP_SECONDS:-0}}"
            echo "/x/setuptools/dist.py:1: SetuptoolsDeprecationWarning: License classifiers are deprecated."
            echo "Installing collected packages: PySide6, workshop"
            echo "Successfully installed PySide6-6.8 workshop-1.0" ;;
          esac
          exit 0
        fi
        echo "fake python: unexpected $*" >&2; exit 3
        """))
    path.chmod(0o755)
    return path


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "_env.sh", root / "scripts" / "_env.sh")
    (root / "pyproject.toml").write_text("[project]\nname = 'workshop'\n")
    return root


def _set_up(root: Path, python: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(["bash", "-c", 'source "$1" ""', "_", str(root / "scripts" / "_env.sh")],
                            env={**os.environ, "PYTHON": str(python), **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@bash_only
def test_a_slow_first_install_says_how_far_it_has_got_at_least_every_10_seconds(tmp_path):
    root = _project(tmp_path)
    python = _fake_python(tmp_path / "python3", "3.11.9 /opt/python")
    started = time.monotonic()
    process = _set_up(root, python, PIP_SECONDS="19")
    moments, lines = [], []
    for line in process.stderr:
        moments.append(time.monotonic())
        lines.append(line.rstrip("\n"))
    assert process.wait(timeout=60) == 0
    gaps = [b - a for a, b in zip([started, *moments], [*moments, time.monotonic()])]
    assert max(gaps) < 10, list(zip(gaps, lines))
    assert lines[0] == (f"First run: making the Python environment in {root / '.venv'} and installing "
                        "Workshop's libraries")
    assert "  getting PySide6>=6.6" in lines
    assert "    downloading pyside6_essentials-6.8-cp39-abi3-manylinux_2_28_x86_64.whl (94.6 MB)" in lines
    still = [line for line in lines if line.startswith("  … still working (")]
    assert len(still) == 2  # 19 s of silence: after 8 and 16 s
    assert "  installing: PySide6, workshop (this can take a minute)" in lines
    assert lines[-1] == "Ready."
    assert not any("Warning" in line for line in lines)  # setuptools' noise stays in the log
    assert "SetuptoolsDeprecationWarning" in (root / ".venv" / "pip.log").read_text()
    assert (root / ".venv" / ".installed").exists()

    again = _set_up(root, python)  # set up already: says nothing
    assert again.communicate(timeout=60) == ("", "")
    assert again.returncode == 0


@bash_only
def test_a_venv_made_by_another_python_is_made_again(tmp_path):
    root = _project(tmp_path)
    old = _fake_python(tmp_path / "python3.9", "3.9.2 /usr")
    (root / ".venv" / "bin").mkdir(parents=True)
    shutil.copy(old, root / ".venv" / "bin" / "python")
    (root / ".venv" / "left-from-3.9").write_text("")
    new = _fake_python(tmp_path / "python3", "3.11.9 /opt/python")
    out, err = _set_up(root, new).communicate(timeout=60)
    lines = err.splitlines()
    assert lines[:2] == [f"The Python environment in {root / '.venv'} was made by another Python (or is broken);",
                         f"making it again with {new} (3.11.9 /opt/python)…"]
    assert not (root / ".venv" / "left-from-3.9").exists()
    named = subprocess.run([root / ".venv" / "bin" / "python", "-c", "identity"], capture_output=True, text=True)
    assert named.stdout == "3.11.9 /opt/python\n"


@bash_only
def test_a_missing_venv_module_says_to_install_python3_venv(tmp_path):
    root = _project(tmp_path)
    python = _fake_python(tmp_path / "python3", "3.11.2 /usr")
    process = _set_up(root, python, FAKE_NO_VENV="1")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.splitlines() == [
        "Python's venv module is missing, so the environment cannot be made.",
        "On Debian/Ubuntu install it with: sudo apt install python3-venv   (then run this again)"]
    assert not (root / ".venv").exists()
