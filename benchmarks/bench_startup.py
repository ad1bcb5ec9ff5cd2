"""Start-up: the whole process, from nothing to the window shown on the demo shop, then quit.

Judged as a ratio to a bare QMainWindow measured in the same run (TOOLCHAIN.md's floor).
Budget: ≤ 8× the bare window's wall time (TOOLCHAIN's floor for Qt + ORM + SQLite is ~5×) and ≤ 160 MiB.
Run: .venv/bin/python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RATIO_BUDGET = 8.0
MEMORY_BUDGET_MIB = 160

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

WORKSHOP = """
import resource, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workshop.db.engine import open_database
from workshop.ui.app import create_main_window
db = open_database(sys.argv[1])
w = create_main_window(db, QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.resize(1280, 800); w.show(); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, int(out.stdout.split()[-1]) / 1024


def main() -> int:
    from figures import Figure, exit_code, report

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        subprocess.run([sys.executable, "-m", "workshop", "demo", "--db", str(db)], check=True,
                       capture_output=True)
        settings = str(Path(folder) / "settings.ini")
        bare = [run(BARE) for _ in range(args.runs)]
        shop = [run(WORKSHOP, str(db), settings) for _ in range(args.runs)]
    bare_ms = report(Figure.of("bare QMainWindow shown, then quit (the floor)", [t * 1000 for t, _ in bare], "ms",
                               note=f"peak {max(m for _, m in bare):.0f} MiB")).median
    shop_ms = report(Figure.of("Workshop on the demo shop, shown, then quit", [t * 1000 for t, _ in shop], "ms")).median
    ratio = shop_ms / bare_ms
    report(Figure("start-up on the demo shop ÷ a bare window", ratio, "×", RATIO_BUDGET, ratio <= RATIO_BUDGET,
                  args.runs, note=f"{shop_ms:.0f} ms ÷ {bare_ms:.0f} ms, both in this run"))
    report(Figure.of("start-up on the demo shop: peak memory", [m for _, m in shop], "MiB", MEMORY_BUDGET_MIB,
                     judge_worst=True))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
