"""Two people's edits of one job put together: which fields each changed, which clash, and what a
merge and an overwrite save (worked out by hand for a job whose title, due date, notes and priority
were changed by one, the other, or both)."""

from __future__ import annotations

import datetime as dt

from workshop.domain.edit_merge import field_changes, merged, overwritten

BEGAN = dict(title="Oak dresser", due_date=dt.date(2026, 12, 21), notes="", priority="normal", quantity=2)
# Tom moved the due date and wrote a note; Anna wrote a different note and retitled it.
THEIRS = dict(BEGAN, due_date=dt.date(2027, 1, 11), notes="Customer away until January")
YOURS = dict(BEGAN, title="Oak dresser, waxed", notes="Wax, not oil")


def test_each_side_and_the_clash():
    changes = {c.name: c for c in field_changes(BEGAN, THEIRS, YOURS)}
    assert list(changes) == ["title", "due_date", "notes"]  # priority and quantity: nobody
    assert (changes["title"].by_you, changes["title"].by_them, changes["title"].clash) == (True, False, False)
    assert (changes["due_date"].by_you, changes["due_date"].by_them, changes["due_date"].clash) == (False, True, False)
    assert (changes["notes"].by_you, changes["notes"].by_them, changes["notes"].clash) == (True, True, True)


def test_merge_keeps_theirs_and_saves_yours_overwrite_saves_your_form():
    changes = field_changes(BEGAN, THEIRS, YOURS)
    assert merged(changes) == {"title": "Oak dresser, waxed", "notes": "Wax, not oil"}  # their due date stays
    assert overwritten(changes) == {"title": "Oak dresser, waxed", "notes": "Wax, not oil",
                                    "due_date": dt.date(2026, 12, 21)}  # their due date put back


def test_the_same_change_on_both_sides_is_no_clash_and_nothing_to_save():
    both = dict(BEGAN, title="Oak dresser, waxed")
    [change] = field_changes(BEGAN, both, both)
    assert change.by_you and change.by_them and not change.clash
    assert merged((change,)) == overwritten((change,)) == {}
