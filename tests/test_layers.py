"""The house plan's layers hold: the import-linter contracts in pyproject.toml are kept (CI runs
`lint-imports` too; this shows a break to a developer running the tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count(" KEPT") >= 3 and ", 0 broken." in run.stdout, run.stdout
