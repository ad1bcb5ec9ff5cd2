"""A draft invoice's lines are part of the draft (issue 18): a save that changes only them, even a
line's wording with the totals the same, moves the draft's version, by the same person twice too, so
another PC's editor showing the draft as it was is told and saves nothing over it."""

from __future__ import annotations

import dataclasses

import pytest

from support.invoicing import FOUR_LINES, manual_draft

from workshop.domain.errors import EditConflict
from workshop.services import invoices

ANNA, TOM = "anna on OFFICE-PC", "tom on FLOOR-PC"


def _lines(description: str) -> list[dict]:
    """FOUR_LINES (support/invoicing) with the first line's wording changed: the totals the same."""
    return [dict(line, description=description) if i == 0 else dict(line) for i, line in enumerate(FOUR_LINES)]


def test_each_lines_only_save_moves_the_version_and_a_stale_save_is_refused(db, shop):
    anna, tom = (dataclasses.replace(db, author=who) for who in (ANNA, TOM))
    draft = manual_draft(db, shop)
    first = invoices.update_draft(anna, draft.id, expected_version=draft.version,
                                  lines=_lines("Oak bench, oiled"))
    second = invoices.update_draft(anna, draft.id, expected_version=first.version,
                                   lines=_lines("Oak bench, oiled twice"))
    assert (first.version, second.version) == (draft.version + 1, draft.version + 2)
    assert second.totals == draft.totals  # the wording alone changed
    with pytest.raises(EditConflict):
        invoices.update_draft(tom, draft.id, expected_version=first.version, notes="Deliver on Friday")
