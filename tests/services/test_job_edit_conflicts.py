"""Two people editing one job (issue 18): every change raises the job's version and says who made
it; a save made from an older version is refused with the job as it is now and who changed it, and
nothing of it is written; a save from the version now there goes through. Two ``Database`` objects
over one shop stand for two PCs (each its own author), as two windows on a server are."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import event, update

from workshop.db.models import Job
from workshop.domain.errors import ChangedMeanwhile, EditConflict
from workshop.services import jobs

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"


@pytest.fixture
def pcs(db):
    """(anna's, tom's): the same shop as saved from two PCs."""
    return dataclasses.replace(db, author=ANNA), dataclasses.replace(db, author=TOM)


def test_each_change_raises_the_version_and_names_who_made_it(db, shop, pcs):
    anna, tom = pcs
    job = jobs.get_job(db, shop.job.id)
    assert (job.version, job.updated_by) == (1, db.author)  # made through the fixture's own Database
    assert jobs.update_job(anna, job.id, title="Oak dresser, waxed").version == 2
    after = jobs.get_job(tom, job.id)
    assert (after.version, after.updated_by, after.title) == (2, ANNA, "Oak dresser, waxed")
    moved = jobs.change_status(tom, job.id, "release")  # a status move is a change too
    assert (moved.version, moved.updated_by) == (3, TOM)


def test_a_save_from_an_older_version_is_refused_with_who_changed_it(db, shop, pcs, today):
    anna, tom = pcs
    seen_by_anna = jobs.get_job(anna, shop.job.id)
    later = today + dt.timedelta(days=35)
    jobs.update_job(tom, shop.job.id, expected_version=seen_by_anna.version, due_date=later)

    with pytest.raises(EditConflict) as refused:
        jobs.update_job(anna, shop.job.id, expected_version=seen_by_anna.version, title="Oak dresser, waxed")
    conflict = refused.value
    assert conflict.changed_by == TOM and conflict.current.updated_by == TOM
    assert (conflict.current.version, conflict.current.due_date, conflict.current.title) == (2, later, "Oak dresser")
    assert conflict.message == (f"Job {shop.job.number} was changed by {TOM} while you were editing it. "
                                "Nothing of yours has been saved yet.")
    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.version, stored.updated_by) == ("Oak dresser", 2, TOM)  # nothing of Anna's

    saved = jobs.update_job(anna, shop.job.id, expected_version=conflict.current.version, title="Oak dresser, waxed")
    assert (saved.title, saved.due_date, saved.version, saved.updated_by) == ("Oak dresser, waxed", later, 3, ANNA)


def test_a_save_without_a_version_is_made_as_it_stands(db, shop, pcs):
    """A script (or the command line) that read no version saves over whatever is there."""
    anna, tom = pcs
    jobs.update_job(tom, shop.job.id, notes="Tom's note")
    assert jobs.update_job(anna, shop.job.id, notes="Anna's note").notes == "Anna's note"


def test_a_save_that_meets_another_in_the_same_moment_is_a_conflict(db, shop, pcs):
    """Between the save's read of the job and its write, another save lands (a server's other
    connection; here made on the save's own connection, just before its UPDATE): the UPDATE finds no
    row of the version it read, nothing is saved, and the person is told as for an older version."""
    anna, _tom = pcs

    landed = []

    def another_save_lands(_mapper, connection, target) -> None:
        if not landed:
            landed.append(target.id)
            connection.execute(update(Job).where(Job.id == target.id)
                               .values(version=Job.version + 1, updated_by=TOM))

    event.listen(Job, "before_update", another_save_lands)
    try:
        with pytest.raises(EditConflict) as refused:
            jobs.update_job(anna, shop.job.id, expected_version=1, title="Oak dresser, waxed")
    finally:
        event.remove(Job, "before_update", another_save_lands)
    assert landed == [shop.job.id]
    assert isinstance(refused.value, ChangedMeanwhile)
    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.version) == ("Oak dresser", 1)  # the whole unit of work rolled back


def test_a_status_move_that_meets_another_save_is_refused_plainly(db, shop, pcs):
    """Any other save of a job that loses such a race says so in plain words (ChangedMeanwhile),
    never a crash."""
    anna, _tom = pcs

    landed = []

    def another_save_lands(_mapper, connection, target) -> None:
        if not landed:
            landed.append(target.id)
            connection.execute(update(Job).where(Job.id == target.id).values(version=Job.version + 1))

    event.listen(Job, "before_update", another_save_lands)
    try:
        with pytest.raises(ChangedMeanwhile) as refused:
            jobs.change_status(anna, shop.job.id, "release")
    finally:
        event.remove(Job, "before_update", another_save_lands)
    assert landed == [shop.job.id]
    assert "at the same moment" in refused.value.message
    assert jobs.get_job(db, shop.job.id).status == "planned"


def test_two_saves_in_the_same_moment_on_a_server(db, shop, pcs, today):
    """On PostgreSQL, Tom's save commits on its own connection after Anna's save has read the job and
    before it writes: her UPDATE finds no row of the version it read, and she is told it was Tom, with
    his due date; nothing of hers is saved. (SQLite lets one writer in at a time: it cannot happen there.)"""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a server: SQLite lets one writer in at a time")
    anna, tom = pcs
    later = today + dt.timedelta(days=42)
    landed = []

    def tom_saves_first(_mapper, _connection, target) -> None:
        if not landed:  # once: Tom's own save passes here too
            landed.append(target.id)
            jobs.update_job(tom, target.id, due_date=later)

    event.listen(Job, "before_update", tom_saves_first)
    try:
        with pytest.raises(EditConflict) as refused:
            jobs.update_job(anna, shop.job.id, expected_version=1, title="Oak dresser, waxed")
    finally:
        event.remove(Job, "before_update", tom_saves_first)
    assert refused.value.changed_by == TOM and refused.value.current.due_date == later
    stored = jobs.get_job(db, shop.job.id)
    assert (stored.title, stored.due_date, stored.version, stored.updated_by) == ("Oak dresser", later, 2, TOM)
