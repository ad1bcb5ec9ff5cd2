"""Property-based test (hypothesis) of the job status machine, through the service and the
database: any sequence of actions a person could press (with or without a reason). Every status
the job reaches is one the table below allows — the table written by hand from the shop's rules,
not read from the program — a refused action changes nothing, and the job's history is exactly
the moves that happened, in order."""

from __future__ import annotations

import itertools
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.db.engine import open_database
from workshop.db.models import JobStatusChange
from workshop.domain.errors import ValidationError
from workshop.services import customers, jobs

# action -> ({from: to}, needs a reason)
OPEN = ("planned", "released", "in_progress", "on_hold", "inspection")
DONE = ("complete", "delivered", "invoiced", "closed")
MOVES = {
    "release": ({"planned": "released"}, False),
    "start": ({"released": "in_progress"}, False),
    "hold": ({"in_progress": "on_hold"}, True),
    "resume": ({"on_hold": "in_progress"}, False),
    "to_inspection": ({"in_progress": "inspection"}, False),
    "rework": ({"inspection": "in_progress"}, True),
    "complete": ({"inspection": "complete"}, False),
    "deliver": ({"complete": "delivered"}, False),
    "close": ({"delivered": "closed", "invoiced": "closed"}, True),
    "cancel": (dict.fromkeys(OPEN, "cancelled"), True),
    "reopen": (dict.fromkeys(DONE, "in_progress"), True),
    "invoice": ({}, False),  # only issuing the final invoice does it: refused by hand from anywhere
}
ALLOWED = {(before, after) for table, _ in MOVES.values() for before, after in table.items()}
_COUNT = itertools.count()


def _history(db, job_id) -> list[tuple[str | None, str]]:
    with db.reader() as s:
        rows = s.execute(select(JobStatusChange.from_status, JobStatusChange.to_status)
                         .where(JobStatusChange.job_id == job_id).order_by(JobStatusChange.id)).all()
    return [tuple(r) for r in rows]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(presses=st.lists(st.tuples(st.sampled_from(sorted(MOVES)), st.booleans()), min_size=1, max_size=25))
def test_any_sequence_of_actions_only_makes_allowed_moves_and_the_history_matches(
        migrated_template, tmp_path_factory, presses):
    path = tmp_path_factory.mktemp(f"machine{next(_COUNT)}") / "shop.db"
    shutil.copyfile(migrated_template, path)
    db = open_database(path)
    try:
        customer = customers.create_customer(db, name="Harrow & Finch")
        job = jobs.create_job(db, customer_id=customer.id, title="Oak dresser", quantity=1, due_date=db.today())
        status, moves = "planned", []
        start = _history(db, job.id)
        for action, with_reason in presses:
            table, needs_reason = MOVES[action]
            expected = table.get(status) if (with_reason or not needs_reason) else None
            try:
                status_now = jobs.change_status(db, job.id, action, "Customer asked" if with_reason else "").status
            except ValidationError:
                assert expected is None, f"{action} from {status} was refused"
                assert jobs.get_job(db, job.id).status == status  # nothing changed
                continue
            assert expected == status_now, f"{action} from {status} gave {status_now}"
            assert (status, status_now) in ALLOWED
            moves.append((status, status_now))
            status = status_now
        assert _history(db, job.id) == start + moves
        assert jobs.get_job(db, job.id).status == status
    finally:
        db.close()
