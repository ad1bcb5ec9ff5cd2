"""Stock ▸ Materials, "Made by jobs": the lots of the chosen material that jobs made for stock, each
with its job, how many, the unit cost it went in at, the day it was made and how its finished-goods
tests went. Enter or a double-click opens the job in Job Cards (its test records and certificate).
Hidden when the material has no such lots, so a bought-in material looks as it always did."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...services import finished_goods
from .. import theme
from ..context import AppContext
from ..dates import date_text
from ..models.paged import Column, RowsTableModel
from ..models.roles import RowRole
from ..models.stock_models import RIGHT, Money, quantity_text
from ..plain_text import plain_label
from .stock_page import list_table

LOT_JOB, LOT_QUANTITY, LOT_UNIT_COST, LOT_MADE_ON, LOT_TESTS, LOT_TITLE = range(6)


def tests_text(passed: int, total: int) -> str:
    """``1 of 2 passed``, or that the job has no finished-goods test on record."""
    return f"{passed} of {total} passed" if total else "no tests recorded"


def lot_columns(locale: str, money: Money) -> list[Column]:
    # the job's title last: it takes what width is left beside the movements
    return [
        Column("Job", lambda lot: lot.job_number),
        Column("Quantity", lambda lot: quantity_text(lot.quantity, locale), RIGHT),
        Column("Unit cost", lambda lot: money(lot.unit_cost), RIGHT,
               tooltip=lambda lot: "The job's actual cost per item when it was completed"),
        Column("Made on", lambda lot: date_text(lot.made_at)),
        Column("Tests", lambda lot: tests_text(lot.tests_passed, lot.tests_total),
               tooltip=lambda lot: "The job's finished-goods tests; open the job for its records",
               colour=lambda lot: QColor(theme.ALARM) if lot.tests_passed < lot.tests_total else None),
        Column("Title", lambda lot: lot.job_title),
    ]


class FinishedLotsPanel(QWidget):
    """The chosen material's lots made by jobs; shown only when it has some."""

    def __init__(self, ctx: AppContext, money: Money, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="finishedLots")
        self.ctx = ctx
        self.title = plain_label("Made by jobs", objectName="finishedLotsTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.model = RowsTableModel(lot_columns(ctx.locale, money), self)
        self.table = list_table(self.model, "finishedLotsTable",
                                {LOT_JOB: 95, LOT_QUANTITY: 65, LOT_UNIT_COST: 85, LOT_MADE_ON: 90,
                                 LOT_TESTS: 120}, stretch=LOT_TITLE)
        self.table.setToolTip("Enter or double-click: open the job in Job Cards")
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.installEventFilter(self)  # Enter opens the lot's job
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.hide()

    def show_material(self, material_id: int | None) -> None:
        """Read the lots of ``material_id`` (one call, for the chosen material only); hide when none."""
        lots = []
        if material_id is not None:
            lots = self.ctx.call(self, finished_goods.finished_lots, material_id).value or []
        self.set_lots(lots)

    def set_lots(self, lots) -> None:
        """Show ``lots`` (read elsewhere, e.g. off the GUI thread with the movements); hide when none."""
        lots = list(lots)
        self.model.set_rows(lots)
        self.title.setText(f"Made by jobs ({len(lots)})")
        self.setVisible(bool(lots))

    def current(self) -> finished_goods.FinishedLot | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def open_current(self) -> None:
        """The lot's job, in Job Cards, as the other tabs open a job."""
        if (lot := self.current()) is not None:
            self.ctx.select_job(lot.job_id)
            self.ctx.open_job_requested.emit(lot.job_id)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_current()
            return True
        return super().eventFilter(obj, event)
