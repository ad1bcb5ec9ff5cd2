"""Tests that need a laptop's 1280×720 screen. Qt's offscreen screen is 800×800 unless a
configuration file says otherwise, and that is read once per process: so a launcher test starts
a child pytest on such a screen, and the tests marked ``on_1280x720`` run only there (conftest
deselects them elsewhere; they are not "skipped")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: set in the child pytest
ON_1280x720 = os.environ.get("WORKSHOP_SMALL_SCREEN") == "1"


def run_on_a_1280x720_screen(test_file: str, keyword: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run the ``on_1280x720`` tests of ``test_file`` matching ``keyword`` in a child pytest."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720,
                                               "logicalDpi": 96, "physicalDpi": 96}]}))
    # The child is a session of its own, not another pytest-xdist worker (tests/support/built_once.py
    # and server_database.py go by PYTEST_XDIST_WORKER).
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST_")}
    env.update(QT_QPA_PLATFORM=f"offscreen:configfile={config}", WORKSHOP_SMALL_SCREEN="1",
               # on a server, its databases named apart from its parent's and from other workers' children
               WORKSHOP_TEST_SESSION=f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_screen")
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "-k", keyword,
                           str(Path(test_file).resolve())], cwd=root, env=env, capture_output=True, text=True)
