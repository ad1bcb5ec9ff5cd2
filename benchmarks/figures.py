"""The shared way a benchmark reports a figure (issue 17), and how ``scripts/bench`` collects them.

A benchmark measures, then calls ``report(Figure(...))`` (or ``report(Figure.of(name, samples, ...))``)
once per figure: it prints one aligned line and keeps the figure. ``exit_code()`` is then 1 when any
reported figure is over its budget, so each benchmark still fails on its own when run by hand.

Collecting: when the environment variable ``WORKSHOP_BENCH_JSON`` names a file (``scripts/bench``
sets it, one file per benchmark process), each report appends its entry to that file as one JSON
line: ``{"measure", "median", "unit", "budget", "within_budget", "runs", "worst", "note"}``. A
benchmark that cannot run here (a tool the machine lacks) calls ``skip(reason)``: it appends
``{"skipped": reason}`` and exits with ``SKIPPED`` (77), which the runner shows as skipped, not failed.

A ratio ("× a bare window", "× hand-written SQL") is a figure with unit ``×`` whose floor was
measured in the same run; say the floor in its note.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass

JSON_ENV = "WORKSHOP_BENCH_JSON"
SKIPPED = 77  # the exit code of a benchmark that could not run here (automake's "skipped")
MIN_RUNS = 5  # a figure is the median of at least this many runs (issue 17)


@dataclass(frozen=True)
class Figure:
    measure: str
    median: float
    unit: str  # "ms", "s", "MiB", "×" …
    budget: float | None  # None: reported for the record, no budget
    within_budget: bool | None  # None when there is no budget
    runs: int
    worst: float | None = None
    note: str = ""

    @classmethod
    def of(cls, measure: str, samples: Sequence[float], unit: str, budget: float | None = None, *,
           judge_worst: bool = False, note: str = "") -> Figure:
        """The median and worst of ``samples``; within budget when the median is (or the worst, when
        ``judge_worst``: an answer that must never keep someone waiting)."""
        median, worst = statistics.median(samples), max(samples)
        judged = worst if judge_worst else median
        return cls(measure, median, unit, budget, None if budget is None else judged <= budget, len(samples),
                   worst, note)


_reported: list[Figure] = []


def number(value: float | None) -> str:
    """A figure as a person reads it: three significant digits, whole numbers from 1,000 up."""
    if value is None:
        return "-"
    return f"{value:.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def verdict(within: bool | None) -> str:
    return "-" if within is None else "ok" if within else "OVER"


def line(measure: str, median: str, unit: str, budget: str, within: str, extra: str = "") -> str:
    """One row of the figures' table (shared with the runner's table so they line up alike)."""
    return f"{measure:<60} {median:>9} {unit:<4} {budget:>9} {within:<5}{extra}".rstrip()


def report(figure: Figure) -> Figure:
    """Print the figure on one aligned line, keep it for ``exit_code``, and append it to the runner's file."""
    _reported.append(figure)
    extra = "" if figure.worst is None else f" worst {number(figure.worst)}"
    extra += f" ({figure.runs} runs)" + (f"  {figure.note}" if figure.note else "")
    print(line(figure.measure, number(figure.median), figure.unit, number(figure.budget),
               verdict(figure.within_budget), extra), flush=True)
    _append(dataclasses.asdict(figure))
    return figure


def reported() -> list[Figure]:
    return list(_reported)


def exit_code() -> int:
    """1 when any figure reported by this process is over its budget, else 0."""
    return 1 if any(f.within_budget is False for f in _reported) else 0


def skip(reason: str) -> None:
    """Say why this benchmark cannot run on this machine and stop (the runner shows it as skipped)."""
    print(f"skipped: {reason}", flush=True)
    _append({"skipped": reason})
    sys.exit(SKIPPED)


def require_tool(name: str, why: str) -> None:
    """Skip unless the program ``name`` (pg_dump, Xvfb …) is on PATH."""
    if shutil.which(name) is None:
        skip(f"{name} is not installed ({why})")


def rounds(value: int) -> int:
    """A round count raised to the least a median is taken over."""
    return max(value, MIN_RUNS)


def _append(entry: dict) -> None:
    path = os.environ.get(JSON_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
