"""The briefs list: number, customer, title, status, required by, budget — paged lazily."""

from __future__ import annotations


from PySide6.QtCore import Qt

from ...db.engine import Database
from ...domain.money import format_money
from ...domain.statuses import BriefStatus
from ...services import briefs, settings
from .. import theme
from ..dates import date_text
from .paged import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: The status filter: (label, statuses); an empty tuple is every brief.
STATUS_FILTERS: list[tuple[str, tuple[str, ...]]] = [
    ("Open (new, quoted)", (BriefStatus.NEW.value, BriefStatus.QUOTED.value)),
    ("All briefs", ()),
    *[(s.label, (s.value,)) for s in BriefStatus],
]


def status_label(status: str) -> str:
    return BriefStatus(status).label


def brief_columns(money) -> list[Column]:
    """The list's columns; ``money`` shows a budget in the shop's currency (``£10,400.00``)."""
    return [
        Column("Number", lambda r: r.number),
        Column("Customer", lambda r: r.customer_name),
        Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Status", lambda r: status_label(r.status)),
        Column("Required by", lambda r: date_text(r.required_by)),
        Column("Budget", lambda r: "" if r.budget is None else money(r.budget), align=RIGHT),
    ]


NUMBER, CUSTOMER, TITLE, STATUS, REQUIRED_BY, BUDGET = range(6)

_CLOSED = {BriefStatus.LOST.value, BriefStatus.WITHDRAWN.value}


class BriefsModel(PagedTableModel):
    def __init__(self, db: Database, parent=None) -> None:
        self._db = db
        self.search = ""
        self.statuses: tuple[str, ...] = STATUS_FILTERS[0][1]
        self._total: int | None = None  # None: not known for the rows listed
        self._formatter = None  # budgets in the shop's currency: read with each reload, else when first shown
        super().__init__(brief_columns(self._money), self._page, parent)

    def _money(self, amount) -> str:
        if self._formatter is None:
            shop = settings.get_settings(self._db)
            self._formatter = lambda value: format_money(value, shop.currency, shop.locale)
        return self._formatter(amount)

    def reload(self, fetch_page=None) -> None:
        """The first page and the count again, in one look (a page not full is the whole list)."""
        self._formatter = None  # the shop's currency may have changed
        self._money(0)
        if fetch_page is not None:
            self._total = None
            return super().reload(fetch_page)
        page = briefs.list_page(self._db, self.search, self.statuses, limit=self.PAGE_SIZE)
        self._total = page.total
        super().reload(first_page=page.rows)

    def _page(self, offset: int, limit: int):
        return briefs.list_briefs(self._db, self.search, self.statuses, limit=limit, offset=offset)

    def set_filter(self, search: str, statuses: tuple[str, ...]) -> None:
        self.search, self.statuses = search, statuses
        self.reload()

    def total(self) -> int:
        """How many briefs the search and filter list (read with the first page)."""
        if self._total is None:
            self._total = briefs.count_briefs(self._db, self.search, self.statuses)
        return self._total

    def row_of(self, brief_id: int) -> int:
        return self.find_row(lambda r: r.id == brief_id)

    def extra_data(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and row.status in _CLOSED:
            return theme.brush(theme.MUTED)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and row.status == BriefStatus.WON.value:
            return theme.brush(theme.GOOD)
        return None


__all__ = ["BriefsModel", "STATUS_FILTERS", "brief_columns", "status_label"]
