"""The Schedule tab's Gantt on a busy shop (bench_schedule's: 500 jobs of 10 operations on 10
workstations): laying the plan out as bars, handing it to the chart, and painting it while scrolling,
at day and at week zoom. A frame should take well under 50 ms for scrolling to feel smooth.

Run: .venv/bin/python benchmarks/bench_gantt.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FRAME_BUDGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from bench_schedule import busy_shop
    from figures import Figure, exit_code, report
    from PySide6.QtWidgets import QApplication

    from workshop.domain.gantt import gantt_chart
    from workshop.domain.scheduling import schedule
    from workshop.ui.widgets.gantt import GanttView

    calendar, stations, jobs, today = busy_shop()
    plan = schedule(calendar, stations, jobs, today)
    layout = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        chart = gantt_chart(plan, calendar, stations, today)
        layout.append((time.perf_counter() - start) * 1000)
    what = f"{len(chart.bars):,} bars on {len(chart.rows)} rows from {len(plan.operations):,} operations"
    report(Figure.of("Gantt layout of the busy shop's plan", layout, "ms", note=what))
    app = QApplication.instance() or QApplication([])
    view = GanttView()
    view.resize(1280, 600)
    view.show()
    app.processEvents()
    start = time.perf_counter()
    view.set_chart(chart, calendar, today, 0.0, frozenset(job.job_id for job in plan.jobs if job.late))
    print(f"set_chart: {(time.perf_counter() - start) * 1000:.0f} ms")
    for zoom in ("day", "week"):
        view.set_zoom(zoom)
        frames = []
        bar = view.horizontalScrollBar()
        for step in range(args.rounds * 4):
            bar.setValue(bar.maximum() * step // (args.rounds * 4))
            start = time.perf_counter()
            view.viewport().repaint()
            frames.append((time.perf_counter() - start) * 1000)
        report(Figure.of(f"Gantt at {zoom} zoom, a frame while scrolling", frames, "ms", FRAME_BUDGET_MS))
    return exit_code()


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
