"""The house plan's layers hold: the import-linter contracts in pyproject.toml are kept (CI runs
`lint-imports` too; these show a break to a developer running the tests), and no two modules
import each other, even through others or from inside a function."""

from __future__ import annotations

import graphlib
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count(" KEPT") >= 3 and ", 0 broken." in run.stdout, run.stdout


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("workshop", cache_dir=None)  # counts imports inside functions too
    imports = {
        module: {imported for imported in graph.find_modules_directly_imported_by(module)
                 if not module.startswith(imported + ".")}  # a module may import its own package
        for module in graph.modules
    }
    try:
        graphlib.TopologicalSorter(imports).prepare()
    except graphlib.CycleError as cycle:
        raise AssertionError(f"import cycle: {' -> '.join(cycle.args[1])}") from None
