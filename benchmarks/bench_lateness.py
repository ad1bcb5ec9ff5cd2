"""Why late and the bottleneck on bench_schedule's busy shop: 500 released jobs (5,000 operations) on
10 workstations, so overloaded that most jobs are late.

Measured: the bottleneck (every operation's wait), the quick list of every late job's reason
(``what_ifs=False``: one quick scheduler run a job, with only the others' started work), and one late
job's full reason with its remedies (each a what-if run of the scheduler: about 15 of them). No budget
is set by the issue; the Schedule tab shows the bottleneck with every proposal, so it should stay well
under the scheduler's own time.
Run: .venv/bin/python benchmarks/bench_lateness.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_schedule import busy_shop  # noqa: E402
from figures import Figure, report  # noqa: E402


def _times_ms(fn, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    from workshop.domain.lateness import WhatIf, explain, find_bottleneck

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    calendar, stations, jobs, today = busy_shop()
    case = WhatIf(calendar, tuple(stations), tuple(jobs), today)
    plan = case.run()
    late = [job.job_id for job in plan.jobs if job.late]

    def quick_list():
        memo: dict = {}
        for job_id in late:
            explain(case, plan, job_id, stations, what_ifs=False, memo=memo)

    print(f"{len(late)} of {len(jobs)} jobs late")
    report(Figure.of("the bottleneck", _times_ms(lambda: find_bottleneck(plan, calendar, stations), rounds), "ms"))
    report(Figure.of("every late job's reason, without remedies", _times_ms(quick_list, rounds), "ms"))
    middle = late[len(late) // 2]
    report(Figure.of("one late job's reason with its remedies",
                     _times_ms(lambda: explain(case, plan, middle, stations), rounds), "ms"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
