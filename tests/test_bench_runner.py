"""scripts/bench: runs each benchmark in its own process, gathers the figures each reports through
benchmarks/figures.py, prints one table, writes the JSON list and exits non-zero when a figure is
over budget or a benchmark failed. Driven on tiny fake benchmarks (the real ones take minutes)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

WITHIN = """
    from figures import Figure, exit_code, report
    # samples 3, 1, 2, 5, 4 ms: sorted 1 2 3 4 5, median 3, worst 5; budget 4 -> within
    report(Figure.of("a quick lookup", [3.0, 1.0, 2.0, 5.0, 4.0], "ms", 4.0))
    # a ratio against its floor: 0.5 s / 0.25 s = 2.0x, budget 3.3x
    report(Figure("start-up / bare window", 0.5 / 0.25, "×", 3.3, True, 5, note="bare 250 ms"))
    report(Figure("for the record", 12.5, "MiB", None, None, 5))
    raise SystemExit(exit_code())
"""
OVER = """
    from figures import Figure, exit_code, report
    # median of 40, 60, 50, 70, 30 is 50 (sorted 30 40 50 60 70) > budget 45; worst 70
    report(Figure.of("a slow report", [40.0, 60.0, 50.0, 70.0, 30.0], "ms", 45.0))
    # judged by its worst: median 10 within, worst 60 > 50
    report(Figure.of("a scan", [10.0, 10.0, 60.0, 9.0, 11.0], "ms", 50.0, judge_worst=True))
    raise SystemExit(exit_code())
"""
CRASHING = """
    from figures import Figure, report
    report(Figure("measured before the crash", 1.0, "ms", 5.0, True, 5))
    raise RuntimeError("the shop could not be built")
"""
SKIPPING = """
    from figures import require_tool
    require_tool("no-such-tool-for-workshop", "to dump the PostgreSQL shop")
"""


def fake_benchmarks(folder: Path, **scripts: str) -> Path:
    for name, body in scripts.items():
        (folder / f"bench_{name}.py").write_text(textwrap.dedent(body), "utf-8")
    return folder


def run_bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "scripts" / "bench"), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_within_over_crashing_and_skipped_benchmarks(tmp_path):
    folder = fake_benchmarks(tmp_path, within=WITHIN, over=OVER, crashing=CRASHING, skipping=SKIPPING)
    out = tmp_path / "figures.json"

    result = run_bench("--dir", str(folder), "--json", str(out))

    assert result.returncode == 1, result.stdout + result.stderr
    entries = json.loads(out.read_text("utf-8"))
    by_measure = {e["measure"]: e for e in entries}
    assert list(by_measure) == ["measured before the crash", "a slow report", "a scan", "a quick lookup",
                                "start-up / bare window", "for the record"]  # benchmarks by name, in order
    for entry in entries:
        assert {"measure", "median", "unit", "budget", "within_budget"} <= set(entry)
    assert by_measure["a quick lookup"] == {
        "measure": "a quick lookup", "median": 3.0, "unit": "ms", "budget": 4.0, "within_budget": True,
        "runs": 5, "worst": 5.0, "note": "", "benchmark": "bench_within"}
    assert by_measure["start-up / bare window"]["median"] == 2.0
    assert by_measure["start-up / bare window"]["unit"] == "×"
    assert by_measure["for the record"]["budget"] is None and by_measure["for the record"]["within_budget"] is None
    assert (by_measure["a slow report"]["median"], by_measure["a slow report"]["within_budget"]) == (50.0, False)
    assert (by_measure["a scan"]["median"], by_measure["a scan"]["worst"]) == (10.0, 60.0)
    assert by_measure["a scan"]["within_budget"] is False
    assert by_measure["measured before the crash"]["benchmark"] == "bench_crashing"
    assert not any("skipped" in e for e in entries)

    table = result.stdout[result.stdout.index("=== every figure"):]
    assert "within budget" in table.splitlines()[1]
    quick = next(r for r in table.splitlines() if r.startswith("a quick lookup"))
    assert quick.split()[-4:] == ["3", "ms", "4", "ok"]
    slow = next(r for r in table.splitlines() if r.startswith("a slow report"))
    assert slow.split()[-4:] == ["50", "ms", "45", "OVER"]
    assert "skipped: bench_skipping: no-such-tool-for-workshop is not installed (to dump the PostgreSQL shop)" \
        in result.stdout
    assert "the shop could not be built" in result.stderr  # the crash's traceback is shown, not swallowed
    assert "bench_crashing (exit 1, no figure over budget: it failed)" in result.stdout
    assert "bench_over (over budget)" in result.stdout
    assert "over budget: a slow report; a scan" in result.stdout


def test_all_within_budget_exits_zero_and_only_runs_the_named(tmp_path):
    folder = fake_benchmarks(tmp_path, within=WITHIN, over=OVER, skipping=SKIPPING)
    out = tmp_path / "figures.json"

    result = run_bench("--dir", str(folder), "--json", str(out), "--only", "within", "bench_skipping.py")

    assert result.returncode == 0, result.stdout + result.stderr
    assert [e["measure"] for e in json.loads(out.read_text("utf-8"))] == [
        "a quick lookup", "start-up / bare window", "for the record"]
    assert "bench_over" not in result.stdout
    assert "every figure within its budget" in result.stdout


def test_an_unknown_name_is_refused_naming_the_benchmarks_there(tmp_path):
    fake_benchmarks(tmp_path, within=WITHIN)

    result = run_bench("--dir", str(tmp_path), "--only", "nonesuch")

    assert result.returncode != 0
    assert "no benchmark called nonesuch" in result.stderr and "within" in result.stderr


@pytest.mark.parametrize("samples, budget, within", [([5.0] * 5, 5.0, True), ([5.0, 5.0, 5.1, 5.1, 5.1], 5.0, False)])
def test_a_figure_at_its_budget_is_within(samples, budget, within):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from figures import Figure
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    # medians: 5.0 (at the budget, within) and 5.1 (sorted 5.0 5.0 5.1 5.1 5.1: over)
    assert Figure.of("x", samples, "ms", budget).within_budget is within
