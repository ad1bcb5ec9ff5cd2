"""The command-line commands' bodies (parsing lives in cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .domain.errors import WorkshopError


def run_demo(args: argparse.Namespace) -> int:
    from .db.engine import is_sqlite, open_database, resolve_url
    from .demo import build_demo, demo_clock

    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    url = resolve_url(args.db)
    if is_sqlite(url) and url.database:
        path = Path(url.database)
        if path.exists() and path.stat().st_size > 0:
            if not args.force:
                raise WorkshopError(f"{path} already exists; use --force to replace it with the demo shop.")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    clock = demo_clock(today)
    db = open_database(url, clock=clock)
    try:
        from .services.jobs import count_jobs

        if count_jobs(db):
            raise WorkshopError("That database already holds jobs; the demo needs an empty one.")
        demo = build_demo(db, clock, today)
        print(f"Demo shop written to {db.display_name}: {len(demo.customers)} customers, "
              f"{len(demo.briefs)} briefs, {len(demo.jobs)} jobs "
              f"(kitchen {demo.kitchen_job.number}, retrofit {demo.retrofit_job.number}).")
    finally:
        db.close()
    return 0


def run_check(args: argparse.Namespace) -> int:
    from .db.check import check_database

    problems = check_database(args.db)
    if problems:
        for problem in problems:
            print(f"PROBLEM: {problem}")
        return 1
    print("OK: integrity, foreign keys and schema version are healthy.")
    return 0


def run_print(args: argparse.Namespace) -> int:
    from .db.engine import open_database

    db = open_database(args.db, create=False)
    try:
        if args.document == "job-card":
            from .documents.job_cards import job_cards_pdf_by_number

            data = job_cards_pdf_by_number(db, args.numbers)
        else:  # pragma: no cover - argparse restricts the choices
            raise WorkshopError(f"Unknown document {args.document}.")
    finally:
        db.close()
    Path(args.output).write_bytes(data)
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0
