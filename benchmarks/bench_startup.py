"""Start-up: the whole process, from nothing to the window shown on the demo shop, then quit.

Judged as a ratio to a bare QMainWindow measured in the same run (TOOLCHAIN.md's floor).
Budget: ≤ 8× the bare window's wall time (TOOLCHAIN's floor for Qt + ORM + SQLite is ~5×) and ≤ 160 MiB.
Run: .venv/bin/python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    bare_s = statistics.median(t for t, _ in bare)
    shop_s = statistics.median(t for t, _ in shop)
    shop_mib = max(m for _, m in shop)
    ratio = shop_s / bare_s
    print(f"bare QMainWindow shown, then quit   {bare_s * 1000:7.0f} ms  {max(m for _, m in bare):6.0f} MiB")
    print(f"Workshop on the demo shop, shown    {shop_s * 1000:7.0f} ms  {shop_mib:6.0f} MiB")
    print(f"ratio {ratio:.1f}× (budget {RATIO_BUDGET}×), peak {shop_mib:.0f} MiB (budget {MEMORY_BUDGET_MIB} MiB)")
    return 0 if ratio <= RATIO_BUDGET and shop_mib <= MEMORY_BUDGET_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
