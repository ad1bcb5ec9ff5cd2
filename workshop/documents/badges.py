"""Operator badges and the scanner check card, from the database."""

from __future__ import annotations

from collections.abc import Sequence

from ..db.engine import Database
from ..printing.badges import OperatorBadge, render_badges, render_scanner_check
from ..services import workstations
from .common import letterhead_and_page


def badges_pdf(db: Database, operator_ids: Sequence[int] | None = None) -> bytes:
    """Badges for ``operator_ids`` (any, active or not, in the order given), else for every active
    operator by name. An unknown id raises NotFoundError naming it."""
    if operator_ids is None:
        operators = workstations.list_operators(db)
    else:
        operators = [workstations.get_operator(db, operator_id) for operator_id in operator_ids]
    letterhead, page = letterhead_and_page(db)
    return render_badges([OperatorBadge(o.id, o.name) for o in operators], letterhead, page)


def scanner_check_pdf(db: Database) -> bytes:
    letterhead, page = letterhead_and_page(db)
    return render_scanner_check(letterhead, page)
