"""Start-up: from nothing to the main window painted on the ten-year shop (issue 17).

Each run is a whole, cold Python process, timed by this script from the moment it is started until
the child says its window has painted (an event filter sees the first paint of the window's current
tab, then the paint pass ends); the child then closes its window and exits, and that whole process
is reported too, for the record. Runs are interleaved, round after round:

- the floor: a bare ``QMainWindow``, 1280×800, shown, painted, closed;
- for the record, the least any window over the shop does: the bare window showing a count read
  through SQLAlchemy's ORM and the program's models (their import and mapper set-up alone come to
  about 3.4× the bare window's CPU time, so the 3.3× budget cannot be met by a window that reads the
  shop through them before its first paint);
- Workshop as ``workshop --db FILE`` starts it (``python -m workshop``: the command line, ``ui.app.run_gui``,
  the writer lock, the probe, the window over a working copy of ``shops.ten_year()``), with no settings
  yet (a first run);
- the same with the settings of an earlier session that visited Job Cards and Schedule and was
  closed there (the window's size and place, and those tabs' layouts, remembered). The window opens
  on Start each time (it does not reopen the last tab): the remembered layouts must cost nothing
  until their tab is shown.

The program's modules are compiled to bytecode first (``compileall``), as an installed program's
are: a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile them at every start.
Budget: each Workshop start-up ≤ 3.3× the bare window's, both medians of this run; the worse of the
two is the judged figure. The daily backup is left out (it runs once a day, off the GUI thread, after
the window has painted): the child starts the window without it. Peak memory is bench_memory's.
Run: .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RATIO_BUDGET = 3.3

#: The paint watcher both children use: the first paint of ``watched`` (or a widget inside it) ends
#: with the paint pass (a zero timer), then "painted" is printed and ``done()`` runs. (Workshop's child
#: runs it only once the program has imported Qt: what a program imports before Qt matters, see
#: cli.py.)
WATCH = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Watch(QObject):
    def __init__(self, watched, done):
        super().__init__()
        self.watched, self.done, self.seen = watched, done, False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event):
        if (not self.seen and event.type() == QEvent.Type.Paint and obj.isWidgetType()
                and (obj is self.watched() or self.watched().isAncestorOf(obj))):
            self.seen = True
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        print("painted", flush=True)
        self.done()
"""

BARE = WATCH + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800)
watch = Watch(lambda: w, w.close)
w.show()
sys.exit(app.exec())
"""

#: The least any window over the shop must do before it paints, for the record: a bare window that
#: shows a count read through SQLAlchemy's ORM with the program's models (imported before Qt, as the
#: program does), on the same shop.
ORM_FLOOR = """
import sys
from sqlalchemy import func, select
from workshop.db.engine import open_database
from workshop.db.models import Job
""" + WATCH + """
from PySide6.QtWidgets import QLabel, QMainWindow
app = QApplication([])
db = open_database(sys.argv[1], quick_check=False)
with db.reader() as s:
    jobs = s.scalar(select(func.count()).select_from(Job))
w = QMainWindow(); w.resize(1280, 800); w.setCentralWidget(QLabel(f"{jobs} jobs"))
watch = Watch(lambda: w, w.close)
w.show()
sys.exit(app.exec())
"""

#: ``workshop --db FILE`` itself (``python -m workshop``, through ``runpy``). When ``workshop.ui.app`` has
#: been imported (by the command line, as ever), its window factory is wrapped: the window it makes is
#: watched (its current tab's first paint), closed once painted, and made without the daily backup.
WORKSHOP = f"""
import importlib.abc, importlib.util, os, runpy, sys
WATCH = {WATCH!r}

def wrap(ui_app):
    exec(WATCH, globals())
    made = ui_app.create_main_window

    def create_main_window(db, settings=None, *, daily_backups=False, **kwargs):
        window = made(db, settings, daily_backups=False, **kwargs)
        visit = [t for t in os.environ.get("BENCH_VISIT", "").split(",") if t]
        settle = bool(os.environ.get("BENCH_SETTLE"))

        def done():
            for tab_id in visit:  # an earlier session that leaves settings behind; bench_memory's visits
                window.select_tab(tab_id)
                QApplication.processEvents()
                if settle:
                    settled()
                    print("rss", tab_id, peak_mib(), flush=True)
            window.close()

        window.bench_watch = Watch(lambda: window.tabs.currentWidget(), done)

        def dismiss():  # a dialog nobody answers would hold the run forever: said on stderr, closed
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                text = dialog.text() if hasattr(dialog, "text") else dialog.windowTitle()
                print("dialog:", dialog.objectName() or type(dialog).__name__, "-", " ".join(text.split())[:300],
                      file=sys.stderr, flush=True)
                dialog.reject()

        window.bench_dismiss = QTimer(window, interval=100)
        window.bench_dismiss.timeout.connect(dismiss)
        window.bench_dismiss.start()
        return window

    ui_app.create_main_window = create_main_window

def peak_mib():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def settled():  # until the tab's first load is done, and what it (or start-up) started off the GUI thread
    import time
    from PySide6.QtCore import QThreadPool
    from workshop.ui import tasks
    quiet, deadline = 0, time.monotonic() + 300
    while quiet < 25 and time.monotonic() < deadline:
        QApplication.processEvents()
        busy = QThreadPool.globalInstance().activeThreadCount() or (tasks._RELAY is not None and tasks._RELAY.tasks)
        quiet = 0 if busy else quiet + 1
        time.sleep(0.01)

class WrapWhenImported(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "workshop.ui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        spec.loader.exec_module = lambda module: (run(module), wrap(module))
        return spec

sys.meta_path.insert(0, WrapWhenImported())
sys.argv = ["workshop", "--db", sys.argv[1]]
runpy.run_module("workshop", run_name="__main__", alter_sys=True)
"""


def run(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(ms until the child printed "painted", ms until it exited)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    painted = None
    for line in child.stdout:
        if line.strip() == "painted" and painted is None:
            painted = time.perf_counter()
    child.wait()
    ended = time.perf_counter()
    err = child.stderr.read()
    if child.returncode != 0 or painted is None or "dialog:" in err:
        raise SystemExit(f"the child failed (exit {child.returncode}, painted: {painted is not None}):\n{err}")
    return (painted - start) * 1000, (ended - start) * 1000


def compiled() -> None:
    """The program's bytecode, as an installed program has it (written beside the sources, as Python
    itself writes it unless PYTHONDONTWRITEBYTECODE is set)."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "workshop")], check=True)


def main() -> int:
    from figures import Figure, exit_code, report, rounds

    import shops

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=float, default=None, help="the ten-year shop's scale (default: 1, "
                        "or scripts/bench --quick's)")
    args = parser.parse_args()
    runs = rounds(args.runs)
    compiled()
    with tempfile.TemporaryDirectory() as folder:
        db = str(shops.working_copy(Path(folder), args.scale))
        fresh, remembered = Path(folder) / "fresh.ini", Path(folder) / "remembered.ini"
        # an earlier session: Job Cards, then Schedule, shown; closed there (their layouts saved)
        run(WORKSHOP, db, env={"WORKSHOP_SETTINGS": str(remembered), "BENCH_VISIT": "job-cards,schedule"})
        kept = remembered.read_bytes()
        bare, orm, first, again = [], [], [], []
        for _ in range(runs):
            bare.append(run(BARE))
            orm.append(run(ORM_FLOOR, db))
            fresh.unlink(missing_ok=True)
            first.append(run(WORKSHOP, db, env={"WORKSHOP_SETTINGS": str(fresh)}))
            remembered.write_bytes(kept)
            again.append(run(WORKSHOP, db, env={"WORKSHOP_SETTINGS": str(remembered)}))
    floor = report(Figure.of("bare QMainWindow painted (the floor)", [p for p, _ in bare], "ms",
                             note="a cold Python process: PySide6, the window shown 1280×800, its first paint")).median
    least = report(Figure.of("bare window + SQLAlchemy, models, 1 query, painted", [p for p, _ in orm], "ms",
                             note="for the record: the least a window over this shop does")).median
    report(Figure("  … ÷ the bare window (no window over the shop does less)", least / floor, "×", None, None,
                  runs, note=f"{least:.0f} ms ÷ {floor:.0f} ms: SQLAlchemy's import, the models, the mappers"))
    ratios = []
    for name, samples in (("first run", first), ("Job Cards, Schedule remembered", again)):
        median = report(Figure.of(f"Workshop painted on Start ({name})", [p for p, _ in samples], "ms",
                                  note="`workshop --db` on a working copy of the ten-year shop")).median
        report(Figure.of(f"  … closed right after, whole process ({name})", [e for _, e in samples], "ms",
                         note="for the record"))
        ratios.append((median / floor, name, median))
    for ratio, name, median in ratios:
        report(Figure(f"  … ÷ a bare window ({name})", ratio, "×", None, None, runs,
                      note=f"{median:.0f} ms ÷ {floor:.0f} ms; ÷ the ORM floor: {median / least:.2f}×"))
    ratio, name, median = max(ratios)
    report(Figure("start-up to a painted main window ÷ a bare window", ratio, "×", RATIO_BUDGET,
                  ratio <= RATIO_BUDGET, runs,
                  note=f"the worse of the two ({name}): {median:.0f} ms ÷ {floor:.0f} ms, medians of this run"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
