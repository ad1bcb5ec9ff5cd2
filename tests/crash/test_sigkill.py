"""Pull the plug: a child process writes through the services and is killed with SIGKILL, again and
again, on the same database; after every kill the database must be whole and every transaction
all or nothing (support/crash_writer.py writes, support/crash_checks.py judges).

Children are forked from a fork server that has already imported the services: ~40 ms to a
child ready to write, against ~0.8 s for a fresh interpreter per kill (benchmarks/bench_crash.py);
it has also compiled the statements the steps send (support/crash_preload.py), so 240 kills take
about 40 s on two cores (70 s when each child compiled them). Of the kills, about 45 % come from the parent at a
random moment (after a random number of steps and a random delay, so they land anywhere, the
commit's fsync included); 45 % the child makes itself as SQLite is about to run a statement
chosen at random (inside transactions, at points that repeat with the seed); 10 % it makes just
after a step returned, before its journal heard (committed, not reported). Only correctness is
asserted, never timing.

``WORKSHOP_CRASH_SEED`` and ``WORKSHOP_CRASH_KILLS`` change the seed and the number of kills.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from support import crash_checks as cc
from support import crash_writer as cw
from workshop.db.engine import open_database
from workshop.db.models import Brief, InvoiceLine, Job, Material, NumberSequence, Payment
from workshop.services import booking_views, invoices

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")

SEED = int(os.environ.get("WORKSHOP_CRASH_SEED", "12"))
KILLS = int(os.environ.get("WORKSHOP_CRASH_KILLS", "240"))
PATIENCE = 120  # seconds a child may take to make a step on a loaded machine before the test gives up


@pytest.fixture
def fork_server(monkeypatch):
    """Children forked from a server that imported the writer and the services once, and compiled
    the statements of the writer's steps (support/crash_preload.py: ~170 → ~55 ms to a child's first
    step; each child still opens the database itself and sends the same SQL). The server is a fresh
    interpreter that does not get pytest's ``pythonpath``: it gets PYTHONPATH (else it skips the
    preload quietly and every child pays ~0.6 s to import them)."""
    tests = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, (tests, os.environ.get("PYTHONPATH")))))
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["support.crash_preload", "sqlalchemy.dialects.sqlite.pysqlite"])
    return ctx


@pytest.fixture
def crash_shop(tmp_path, migrated_template):
    path = tmp_path / "shop.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    shop = cw.build_shop(db)
    db.close()  # the children open it themselves
    return path, shop


def _kill(ctx, path, journal, shop, rng) -> tuple[str, int]:
    """Start a child on the database, let it be killed, wait for it. Returns how and its exit code."""
    with open(journal, "a", encoding="utf-8") as f:
        f.write("S\n")
    receive, send = ctx.Pipe(duplex=False)
    mode = rng.random()
    statement = rng.randint(1, 150) if mode < 0.45 else None
    after_step = rng.randint(1, 4) if 0.45 <= mode < 0.55 else None
    child = ctx.Process(target=cw.writer, args=(str(path), str(journal), shop, send, statement, after_step),
                        daemon=True)
    child.start()
    send.close()
    try:
        if statement is not None:
            how = f"itself before statement {statement}"
        elif after_step is not None:
            how = f"itself once step {after_step} returned, before the journal said so"
        else:
            steps, delay = rng.choice((0, 1, 1, 2, 3, 5)), rng.uniform(0, 0.04)
            how = f"after {steps} steps + {delay * 1000:.0f} ms"
            for _ in range(steps):
                if not receive.poll(PATIENCE):
                    raise AssertionError(f"the child made no step in {PATIENCE} s")
                receive.recv()  # EOFError: the child died by itself (its journal says why)
            time.sleep(delay)
            child.kill()
    except EOFError:
        pass
    finally:
        child.join(PATIENCE)
        receive.close()
    if child.exitcode is None:
        child.kill()
        child.join()
    return how, child.exitcode


@pytest.mark.timeout(900)  # ~40 s here; room for a slow runner (a stuck child fails after PATIENCE anyway)
def test_sigkill_240_times_loses_nothing_and_leaves_nothing_half_done(crash_shop, fork_server, tmp_path, capsys):
    path, shop = crash_shop
    journal = tmp_path / "journal.txt"
    ctx = fork_server
    rng = random.Random(SEED)
    db = open_database(path, create=False)  # for the checks: reopened (connections closed) after each kill
    before = None
    in_flight = Counter()  # where the kills landed
    killed_in = Counter()  # in which step, when mid-step
    started = time.perf_counter()
    for kill in range(1, KILLS + 1):
        how, exitcode = _kill(ctx, path, journal, shop, rng)
        runs = cw.read_journal(journal)
        problems, before, cycles = cc.problems_after_kill(path, shop, runs, before, db)
        assert not problems, f"after kill {kill} ({how}, seed {SEED}):\n" + "\n".join(problems)
        assert exitcode == -signal.SIGKILL, f"kill {kill} ({how}): the child ended with {exitcode}, not by SIGKILL"
        last = runs[-1][-1] if runs[-1] else ""
        if last.startswith("B "):  # a step was in flight: did it commit before the kill?
            k, step = last.split()[1:3]
            cycle = cycles.get(int(k), cw.Cycle(int(k)))
            in_flight["mid-step, committed" if step in cycle.done() else "mid-step, rolled back"] += 1
            killed_in[step] += 1
        else:
            in_flight["between steps" if last.startswith("A ") else "while starting"] += 1
    elapsed = time.perf_counter() - started

    # what the run went through (progress is counted in steps, not time: this holds on any machine)
    done = Counter(step for c in cycles.values() for step in c.done())
    assert set(done) == set(cw.ALL_STEPS), f"steps never reached: {set(cw.ALL_STEPS) - set(done)}"
    # the kills the child makes itself land at points chosen by the seed: inside a step's transaction
    # (rolled back) and after its commit but before the journal heard of it (committed, unreported)
    assert in_flight["mid-step, rolled back"] > 0 and in_flight["mid-step, committed"] > 0, in_flight
    # every booking's cost as the services work it out: 30 min at 32.00 + 6.50 overhead = 19.25
    try:
        costs = {log.cost for c in cycles.values() if c.time_logs for log in booking_views.list_time_logs(db, c.job[0])}
    finally:
        db.close()
    assert costs == {cw.TIME_COST}
    with capsys.disabled():
        print(f"\nSIGKILL crash test: {KILLS} kills (seed {SEED}), 0 failures, {elapsed:.1f} s; "
              f"{len(cycles)} cycles, {sum(done.values())} steps; kills landed: {dict(in_flight)}; "
              f"mid-step kills by step: {dict(killed_in.most_common())}")


@pytest.fixture
def delivered_quoted_job(crash_shop, tmp_path):
    """A quoted job carried to delivery by the writer's own steps: next come its final invoice's
    draft, issue, part payment and the rest (the job then invoiced, then closed)."""
    path, shop = crash_shop
    db = open_database(path, create=False)
    cycle, step = cw.next_step(db)
    while step != "draft":
        cw.run_step(db, shop, cycle, step)
        cycle, step = cw.next_step(db)
    assert cycle.k == 1  # the first cycle: a quoted job, invoiced by its final invoice
    db.close()
    ready = tmp_path / "delivered.db"
    shutil.copyfile(path, ready)
    return path, ready, shop


BEFORE_INVOICING = ("brief", "quote", "send", "accept", "routing", "release", "time", "material", "change",
                    "approve", "start", "inspect", "deliver")


def _run_steps(ctx, path, shop, kill_at):
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=cw.steps_writer, args=(str(path), shop, send, 4, kill_at), daemon=True)
    child.start()
    send.close()
    try:
        outcome = receive.recv() if receive.poll(PATIENCE) else ("silent", None)
    except EOFError:
        outcome = ("killed", None)
    child.join(PATIENCE)
    receive.close()
    return outcome, child.exitcode


def test_plug_pulled_at_every_statement_of_invoicing_a_job(delivered_quoted_job, fork_server, capsys):
    """The owner drafts the final invoice, issues it, records a part payment and the rest; the
    plug is pulled as SQLite is about to run each of the statements in turn. Reopened, the shop
    holds exactly the steps whose COMMIT ran, each whole: no number taken without its invoice,
    no invoice without its lines and totals, no payment without the invoice's status, no job
    invoiced or closed without its invoice."""
    path, ready, shop = delivered_quoted_job
    ctx = fork_server
    steps = ("draft", "issue", "pay_part", "pay_rest")
    (kind, statements), exitcode = _run_steps(ctx, path, shop, None)  # the dry run: what SQLite runs
    assert kind == "ok" and exitcode == 0, statements
    commits = [i for i, sql in enumerate(statements, start=1) if sql.strip().upper() == "COMMIT"]
    assert len(commits) == len(steps), statements  # one transaction per step; reads end in ROLLBACK
    # Every statement inside a step's transaction, its COMMIT included (the reads between steps
    # change nothing: a kill there is a kill between steps, which the random loop does plenty of).
    inside, points = False, []
    for i, sql in enumerate(statements, start=1):
        if sql.startswith("BEGIN IMMEDIATE"):
            inside = True
        elif inside:
            points.append(i)
            inside = i not in commits
    assert len(points) > 4 * len(steps)
    db = open_database(path, create=False)  # for the checks: reopened (connections closed) after each kill
    for kill_at in points:
        shutil.copyfile(ready, path)
        for extra in ("-wal", "-shm"):
            path.with_name(path.name + extra).unlink(missing_ok=True)
        (kind, _), exitcode = _run_steps(ctx, path, shop, kill_at)
        assert (kind, exitcode) == ("killed", -signal.SIGKILL), f"statement {kill_at}: {kind} {exitcode}"
        problems, _, cycles = cc.problems_after_kill(path, shop, None, None, db)
        where = f"killed before statement {kill_at} of {len(statements)}, {statements[kill_at - 1][:60]!r}"
        assert not problems, f"{where}:\n" + "\n".join(problems)
        # exactly the steps whose COMMIT ran before the kill are there
        committed = sum(1 for c in commits if c < kill_at)
        assert cycles[1].done() == BEFORE_INVOICING + steps[:committed], where
    db.close()

    # As the owner would: the plug pulled as the invoice's issue was about to commit; reopened,
    # `workshop check` finds nothing wrong, and issuing again gives the number the lost attempt had.
    shutil.copyfile(ready, path)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    assert _run_steps(ctx, path, shop, commits[1]) == (("killed", None), -signal.SIGKILL)
    check = subprocess.run([sys.executable, "-m", "workshop", "check", "--db", str(path)], capture_output=True,
                           text=True, timeout=PATIENCE)
    assert check.returncode == 0 and "PROBLEM" not in check.stdout, check.stdout + check.stderr
    db = open_database(path, create=False)
    try:
        cycle, step = cw.next_step(db)
        assert step == "issue" and cycle.invoice[2] == "draft"
        number, year = invoices.issue(db, cycle.invoice[0]).number, db.today().year
    finally:
        db.close()
    assert number == f"INV-{year}-0001"
    with capsys.disabled():
        print(f"\nPlug pulled before each of the {len(points)} statements inside the transactions of drafting, "
              f"issuing and paying a final invoice ({len(statements)} statements in all): 0 failures")


@pytest.fixture
def two_cycles(crash_shop):
    """Both kinds of cycle carried through to paid, in this process (no kills): a healthy shop."""
    path, shop = crash_shop
    db = open_database(path, create=False)
    cycle, step = cw.next_step(db)
    while cycle.k < 3:
        cw.run_step(db, shop, cycle, step)
        cycle, step = cw.next_step(db)
    db.close()
    runs = [[f"B {k} {step}" for k in (1, 2) for step in cw.steps_of(k)]]
    return path, shop, runs


def _damaged(path, shop, runs, damage) -> list[str]:
    db = open_database(path, create=False)
    try:
        with db.session() as s:
            damage(s)
    finally:
        db.close()
    return cc.problems_after_kill(path, shop, runs, None)[0]


def _one(s, model, **where):
    return s.scalars(select(model).filter_by(**where)).one()


@pytest.mark.parametrize("damage, expected", [
    # an issued invoice missing a line: its totals no longer add up
    (lambda s: s.delete(s.scalars(select(InvoiceLine).where(InvoiceLine.position == 2)).first()),
     "issued invoice INV-"),
    # a number taken and never used: a gap
    (lambda s: setattr(_one(s, NumberSequence, prefix="INV"), "last_value", 3), "INV-"),
    # stock moved with no issue to show for it
    (lambda s: setattr(_one(s, Material, code="OAK-25"), "stock_on_hand", Decimal("99998.5")),
     "≠ stock on hand 99998.5"),
    # a converted brief whose job is gone from its status
    (lambda s: setattr(_one(s, Brief, title="Crash cycle 2"), "status", "new"), "brief B-"),
    # a payment lost: the invoice says paid
    (lambda s: s.delete(s.scalars(select(Payment).order_by(Payment.id.desc())).first()), "is paid with payments"),
    # a change order's price applied twice
    (lambda s: setattr(s.scalars(select(Job).where(Job.brief_id.is_not(None))).first(), "budget",
                       Decimal("1240.00")), "budget 1240.00"),
    # a job moved on without a history row
    (lambda s: setattr(s.scalars(select(Job).where(Job.status == "closed")).first(), "status", "invoiced"),
     "but its history is"),
], ids=["invoice line", "number gap", "stock", "brief won", "payment", "budget", "history"])
def test_the_checks_catch_half_done_work(two_cycles, damage, expected):
    """The checks after a kill are worth something: each kind of half-done work is named."""
    path, shop, runs = two_cycles
    assert cc.problems_after_kill(path, shop, runs, None)[0] == []
    problems = _damaged(path, shop, runs, damage)
    assert any(expected in problem for problem in problems), problems


def test_the_checks_catch_lost_commits_and_rows_going_back(two_cycles):
    path, shop, runs = two_cycles
    _, counts, _ = cc.problems_after_kill(path, shop, runs, None)
    reported = [runs[0] + ["A 3 brief B-2026-0004"]]  # the journal says cycle 3's brief committed
    problems = cc.problems_after_kill(path, shop, reported, None)[0]
    assert problems == ["cycle 3: step brief was reported committed but is not in the database"]
    problems = cc.problems_after_kill(path, shop, runs, {**counts, "payments": counts["payments"] + 1})[0]
    assert problems == [f"payments went back from {counts['payments'] + 1} to {counts['payments']}"]
    problems = cc.problems_after_kill(path, shop, [runs[0][1:]], None)[0]  # cycle 1's brief never started
    assert problems == ["cycle 1: step brief is in the database but was never started"]
