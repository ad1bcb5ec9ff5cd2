"""A scan at the terminal on ten years of a shop, as the person at the bench sees it: from the
scanner's Enter to the answer painted; then the board read again (up to 30 people on it).

Budget: ≤ 50 ms, median and worst, for the answer; the board's refresh after it is shown too.
On a working copy of the ten-year shop with its past clock-ons (``bench_scan.scan_shop``).
Run: .venv/bin/python benchmarks/bench_terminal.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
from bench_scan import BUDGET_MS, OPERATORS, live_operations, scan_shop  # noqa: E402 - bench_scan's shop


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=OPERATORS, help=f"people clocking on (at most {OPERATORS})")
    args = parser.parse_args()
    from figures import Figure, exit_code, report
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from workshop.db.engine import open_database
    from workshop.domain.scan_codes import badge_code, operation_code, typed_as
    from workshop.ui.context import AppContext
    from workshop.ui.terminal_window import TerminalWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(scan_shop(Path(folder)))
        clock = [db.now()]
        db.clock = lambda: clock[0]
        live = live_operations(db)
        window = TerminalWindow(AppContext(db))
        window.resize(1280, 720)
        window.show()
        app.processEvents()
        terminal = window.terminal

        def scan(text: str) -> float:
            clock[0] += dt.timedelta(seconds=5)  # never a repeat within 3 s
            terminal.field.setText(text)  # what the scanner typed (keyClicks types ASCII only)
            start = time.perf_counter()
            QTest.keyClick(terminal.field, Qt.Key.Key_Return)
            terminal.answer.repaint()  # painted, as the person sees it
            answered = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            app.processEvents()  # then the board reads the floor again
            samples["board after"].append((time.perf_counter() - start) * 1000)
            return answered

        samples: dict[str, list[float]] = {"badge": [], "clock-on": [], "board after": []}
        for i in range(min(args.rounds, OPERATORS)):  # each person clocks on once: the board grows a row a scan
            layout = ("en_US", "de_DE", "fr_FR", "en_GB")[i % 4]
            number, op_number = live[(i * 7) % len(live)]
            samples["badge"].append(scan(typed_as(badge_code(i % OPERATORS + 1), layout)))
            samples["clock-on"].append(scan(typed_as(operation_code(number, op_number), layout)))
            assert terminal.answer.property("look") == "ok", terminal.answer.text()
            if terminal.tidy_timer.isActive():  # the next person arrives seconds later: the quiet tidies the log
                terminal.tidy_timer.stop()
                terminal.tidy_log()
        board_rows = window.board.model.rowCount()
        window.close()
        db.close()
    for name, values in samples.items():
        budget = None if name == "board after" else BUDGET_MS
        report(Figure.of(f"terminal: {name}, painted", values, "ms", budget, judge_worst=True))
        print("   each:", " ".join(f"{v:.0f}" for v in values))
    print(f"the board showed {board_rows} open clock-ons at the end")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
