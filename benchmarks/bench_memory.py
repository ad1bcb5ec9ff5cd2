"""Peak memory with the ten-year shop open and every tab visited (issue 17: ≤ 200 MiB).

Each run is a whole process started as ``workshop --db FILE`` starts (bench_startup's child, on a
working copy of ``shops.ten_year()``): once the window has painted, each tab is shown in turn, in the
window's order, and left until its first load has finished, with whatever it or start-up started off
the GUI thread (the live schedule, the check of the shop's pages): until the thread pool has been idle
for a quarter of a second. The figure is the process's peak resident memory (``ru_maxrss``) at the
end; the note names the tab that raised it most. Judged on the worst run.
Run: .venv/bin/python benchmarks/bench_memory.py [--runs 5] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BUDGET_MIB = 200.0


def visit_every_tab(db: str, settings: Path) -> tuple[list[tuple[str, float]], list[str]]:
    """(tab id, peak MiB so far) after each tab's first load, in the window's order; and the dialogs
    that came up on the way (each closed unanswered, so the run goes on: a finding of its own)."""
    from bench_startup import WORKSHOP

    from workshop.ui.tabs import TAB_CLASSES

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKSHOP_SETTINGS": str(settings),
           "BENCH_VISIT": ",".join(tab_id for tab_id, _spec, _title in TAB_CLASSES), "BENCH_SETTLE": "1"}
    done = subprocess.run([sys.executable, "-c", WORKSHOP, db], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the child failed (exit {done.returncode}):\n{done.stderr}")
    return ([(tab_id, float(mib)) for _rss, tab_id, mib in
             (line.split() for line in done.stdout.splitlines() if line.startswith("rss "))],
            [line.removeprefix("dialog: ") for line in done.stderr.splitlines() if line.startswith("dialog: ")])


def main() -> int:
    from bench_startup import compiled
    from figures import Figure, exit_code, report, rounds

    import shops

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=None, help="the ten-year shop's scale (default: 1, "
                        "or scripts/bench --quick's)")
    args = parser.parse_args()
    compiled()
    peaks, steps, dialogs = [], [], set()
    with tempfile.TemporaryDirectory() as folder:
        db = str(shops.working_copy(Path(folder), args.scale))
        for run in range(rounds(args.runs)):
            settings = Path(folder) / f"settings-{run}.ini"
            visited, seen = visit_every_tab(db, settings)
            peaks.append(visited[-1][1])
            steps.append(visited)
            dialogs.update(seen)
    for dialog in sorted(dialogs):
        print(f"a dialog came up on the way (closed unanswered): {dialog}")
    worst = max(range(len(peaks)), key=peaks.__getitem__)
    rises = [(after - before, tab_id) for (_t, before), (tab_id, after) in
             zip([("", 0.0), *steps[worst][:-1]], steps[worst])]
    biggest = sorted(rises, reverse=True)[:3]
    print("the worst run, peak after each tab: " + ", ".join(f"{tab_id} {mib:.0f}" for tab_id, mib in steps[worst]))
    report(Figure.of("peak memory, ten-year shop, every tab visited", peaks, "MiB", BUDGET_MIB, judge_worst=True,
                     note="most raised by " + ", ".join(f"{tab_id} +{rise:.0f}" for rise, tab_id in biggest)))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
