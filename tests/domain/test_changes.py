"""The typed change set a service declares with ``writes``."""

import pytest

from workshop.domain.changes import Change, changes_of, writes


def test_a_declared_service_says_what_it_changes_and_still_returns_its_value():
    @writes(Change.ROUTING | Change.JOBS)
    def add(db, n):
        return n + 1

    assert add(None, 1) == 2
    assert changes_of(add) == Change.ROUTING | Change.JOBS
    assert Change.ROUTING in changes_of(add) and Change.BOM not in changes_of(add)


def test_a_reading_service_changes_nothing():
    def read(db):
        return 1

    assert changes_of(read) == Change.NONE
    assert not changes_of(read)


def test_writing_nothing_is_refused_as_a_mistake():
    with pytest.raises(ValueError):
        writes(Change.NONE)
