"""Run the benchmarks, one process each, and gather their figures: what ``scripts/bench`` runs.

``scripts/bench [--json FILE] [--only NAME ...] [--quick] [--dir FOLDER]``

Each ``bench_*.py`` in the folder runs in turn with this Python, its output shown as it goes; its
figures come back through ``figures.py`` (a JSON-lines file per process, named by
``WORKSHOP_BENCH_JSON``). At the end: one table of every figure, the JSON list of entries in FILE
(``measure, median, unit, budget, within_budget`` and the extras ``runs, worst, note, benchmark``),
and exit 1 when a figure is over budget or a benchmark failed (named), 0 otherwise. A benchmark
that exits with ``figures.SKIPPED`` is listed as skipped with its reason.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import figures
import shops

HERE = Path(__file__).resolve().parent

#: The ten-year shop's scale on a smoke run: 2,000 jobs (built in ~5 s) instead of 20,000.
QUICK_SCALE = 0.1
#: Smaller round counts and shops for a smoke run (``--quick``); still the median of 5.
QUICK_ARGS = {
    "bench_backup": ["--big-mb", "0"],
    "bench_crash": ["--runs", "5"],
    "bench_lists": ["--jobs", "2000"],
    "bench_scan": ["--rounds", "5"],
    "bench_server": ["--rounds", "5"],
    "bench_start_page": ["--rounds", "5"],
    "bench_startup": ["--runs", "5"],
    "bench_stock": ["--rounds", "5"],
    "bench_terminal": ["--rounds", "5"],
    "bench_test_suite": ["--quick"],  # skips itself: the whole suite takes minutes
}


def chosen(folder: Path, only: list[str]) -> list[Path]:
    """The folder's benchmarks, by name; ``only`` names some (with or without ``bench_`` and ``.py``)."""
    scripts = sorted(folder.glob("bench_*.py"))
    if not only:
        return scripts
    wanted = {name.removesuffix(".py").removeprefix("bench_") for name in only}
    unknown = wanted - {s.stem.removeprefix("bench_") for s in scripts}
    if unknown:
        raise SystemExit(f"no benchmark called {', '.join(sorted(unknown))} in {folder} "
                         f"(there are: {', '.join(s.stem.removeprefix('bench_') for s in scripts)})")
    return [s for s in scripts if s.stem.removeprefix("bench_") in wanted]


def run_one(script: Path, quick: bool, scratch: Path) -> tuple[int, list[dict], float]:
    """Run one benchmark in its own process: its exit code, the entries it reported, and seconds taken."""
    collected = scratch / f"{script.stem}.jsonl"
    env = {**os.environ, figures.JSON_ENV: str(collected), "QT_QPA_PLATFORM": "offscreen",
           # so a benchmark anywhere (the tests' fakes) finds figures.py beside this file
           "PYTHONPATH": os.pathsep.join(filter(None, (str(HERE), os.environ.get("PYTHONPATH"))))}
    args = QUICK_ARGS.get(script.stem, []) if quick else []
    start = time.perf_counter()
    code = subprocess.run([sys.executable, str(script), *args], env=env, cwd=HERE.parent).returncode
    took = time.perf_counter() - start
    entries = [json.loads(row) for row in collected.read_text("utf-8").splitlines()] if collected.exists() else []
    return code, entries, took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures there as a JSON list")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="run only these (e.g. lists scan)")
    parser.add_argument("--quick", action="store_true", help="smaller round counts and shops: a smoke run")
    parser.add_argument("--dir", type=Path, default=HERE, help=argparse.SUPPRESS)  # the tests' fake benchmarks
    args = parser.parse_args(argv)
    scripts = chosen(args.dir, args.only)
    entries: list[dict] = []
    failed: list[str] = []
    skipped: list[tuple[str, str]] = []
    if args.dir == HERE:  # the real benchmarks: the ten-year shop is built (once) before any is timed
        os.environ.setdefault(shops.SCALE_ENV, str(QUICK_SCALE if args.quick else 1.0))
        print(f"the ten-year shop: {shops.ten_year()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as scratch:
        for n, script in enumerate(scripts, 1):
            print(f"\n=== [{n}/{len(scripts)}] {script.name}", flush=True)
            code, reported, took = run_one(script, args.quick, Path(scratch))
            reasons = [e["skipped"] for e in reported if "skipped" in e]
            figures_of = [{**e, "benchmark": script.stem} for e in reported if "skipped" not in e]
            entries += figures_of
            if code == figures.SKIPPED:
                skipped.append((script.stem, reasons[0] if reasons else "no reason given"))
            elif code != 0 and not any(e["within_budget"] is False for e in figures_of):
                failed.append(f"{script.stem} (exit {code}, no figure over budget: it failed)")
            elif code != 0:
                failed.append(f"{script.stem} (over budget)")
            print(f"=== {script.name}: exit {code} in {took:.0f} s", flush=True)
    print_table(entries)
    for name, reason in skipped:
        print(f"skipped: {name}: {reason}")
    if args.json:
        args.json.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"{len(entries)} figures written to {args.json}")
    over = [e["measure"] for e in entries if e["within_budget"] is False]
    if over:
        print("over budget: " + "; ".join(over))
    if failed:
        print("benchmarks that did not pass: " + "; ".join(failed))
    if over or failed:
        return 1
    print("every figure within its budget")
    return 0


def print_table(entries: list[dict]) -> None:
    print("\n=== every figure")
    print(figures.line("measure", "median", "unit", "budget", "within budget"))
    bench = None
    for e in entries:
        if e["benchmark"] != bench:
            bench = e["benchmark"]
            print(f"[{bench}]")
        print(figures.line(e["measure"], figures.number(e["median"]), e["unit"], figures.number(e["budget"]),
                           figures.verdict(e["within_budget"])))


if __name__ == "__main__":
    sys.exit(main())
