"""The list of briefs: search as you type (debounced), a status filter, a lazily paged table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from ...domain.wording import plural
from ..context import AppContext
from ..models import briefs_model as bm
from .table_rows import select_whole_row

SEARCH_DELAY_MS = 200


class BriefList(QWidget):
    #: the brief the person moved to (None when the list is empty)
    brief_chosen = Signal(object)
    #: the list was fetched again: its count is new
    reloaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = bm.BriefsModel(ctx.db, self)
        #: asked before moving to another brief; returns False to stay (unsaved changes)
        self.can_leave: Callable[[], bool] = lambda: True
        self._shown_id: int | None = None

        self.search = QLineEdit()
        self.search.setObjectName("briefSearch")
        self.search.setPlaceholderText("Search number, customer, title, text…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("briefStatusFilter")
        for label, statuses in bm.STATUS_FILTERS:
            self.status_filter.addItem(label, statuses)
        self.count_label = QLabel()
        self.count_label.setObjectName("briefCount")
        self.count_label.setStyleSheet("color: palette(mid);")

        self.table = QTableView()
        self.table.setObjectName("briefTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in ((bm.NUMBER, 98), (bm.CUSTOMER, 140), (bm.TITLE, 170), (bm.STATUS, 70),
                              (bm.REQUIRED_BY, 90), (bm.BUDGET, 78)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(bm.TITLE, QHeaderView.ResizeMode.Stretch)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.reload(keep_id=self._shown_id)

    def reload(self, keep_id: int | None = None) -> None:
        """Fetch the first page again, keeping the shown brief selected if it is still listed."""
        self.model.set_filter(self.search.text(), self.status_filter.currentData() or ())
        self.count_label.setText(plural(self.model.total(), "brief"))
        if keep_id is not None:
            self.select_brief(keep_id)
        self.reloaded.emit()

    def select_brief(self, brief_id: int) -> bool:
        """Select a brief in the list (fetching pages until it appears); without asking."""
        row = self.model.fetch_row(lambda r: r.id == brief_id)
        self._shown_id = brief_id
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            select_whole_row(self.table, row)
        else:
            selection.clearSelection()
            selection.setCurrentIndex(self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)
        return row >= 0

    def clear_selection(self) -> None:
        self._shown_id = None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        selection.setCurrentIndex(self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)

    def _row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        new_id = row.id if row is not None else None
        if new_id == self._shown_id:
            return
        if not self.can_leave():
            if self._shown_id is not None:
                QTimer.singleShot(0, lambda keep=self._shown_id: self.select_brief(keep))
            else:
                QTimer.singleShot(0, self.clear_selection)
            return
        self._shown_id = new_id
        self.brief_chosen.emit(new_id)

    def shown_id(self) -> int | None:
        return self._shown_id
