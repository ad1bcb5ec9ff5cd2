"""Which status an operation may be marked next: the whole table written out by hand, and the
words a refused move uses."""

from __future__ import annotations

import itertools

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.statuses import (FINISHED_OPERATION_STATUSES, STARTED_OPERATION_STATUSES, OperationStatus,
                                      can_move_operation, check_operation_move, operation_moves)

# from: the statuses it may move to (its own status again is no move)
ALLOWED = {
    "pending": {"ready", "running", "done", "skipped"},
    "ready": {"pending", "running", "done", "skipped"},
    "running": {"paused", "done", "skipped"},
    "paused": {"running", "done", "skipped"},
    "done": {"running", "skipped"},  # reopened, or found not to count
    "skipped": {"pending", "ready", "running", "done"},  # the skip undone
}
STATUSES = ["pending", "ready", "running", "paused", "done", "skipped"]


def test_every_status_is_ruled():
    assert sorted(ALLOWED) == sorted(s.value for s in OperationStatus) == sorted(STATUSES)


@pytest.mark.parametrize("current, new", list(itertools.product(STATUSES, STATUSES)))
def test_each_move_is_allowed_or_refused_as_the_table_says(current, new):
    expected = new == current or new in ALLOWED[current]
    assert can_move_operation(current, new) is expected
    if expected:
        assert check_operation_move(20, current, new) is OperationStatus(new)
    else:
        with pytest.raises(ValidationError):
            check_operation_move(20, current, new)


def test_the_moves_offered_are_the_allowed_ones_in_status_order():
    assert operation_moves("pending") == ["ready", "running", "done", "skipped"]
    assert operation_moves("running") == ["paused", "done", "skipped"]
    assert operation_moves("done") == ["running", "skipped"]
    assert operation_moves("skipped") == ["pending", "ready", "running", "done"]


def test_started_work_never_goes_back_to_not_started():
    assert STARTED_OPERATION_STATUSES == {"running", "paused", "done"}
    for current in ("running", "paused", "done"):
        assert not can_move_operation(current, "pending") and not can_move_operation(current, "ready")
    assert FINISHED_OPERATION_STATUSES == {"done", "skipped"}


def test_a_refusal_names_both_statuses_in_plain_words():
    with pytest.raises(ValidationError) as info:
        check_operation_move(20, "done", "pending")
    assert info.value.field == "status"
    assert info.value.message == ("Operation 020 is done; it cannot be marked pending: work has started on it "
                                  "(mark it skipped if it should not count).")
    with pytest.raises(ValidationError) as info:
        check_operation_move(130, OperationStatus.READY, OperationStatus.PAUSED)
    assert info.value.message == "Operation 130 is ready; it cannot be marked paused: only running work is paused."
