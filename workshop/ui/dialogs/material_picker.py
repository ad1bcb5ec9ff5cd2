"""Pick a material from the stock list: type to search, double-click or Enter to choose."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QTableView,
                               QVBoxLayout, QWidget)

from ...services import materials
from ..models.paged import Column, PagedTableModel
from ..models.roles import RowRole
from ..widgets.sizing import fit_to_screen

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MaterialsModel(PagedTableModel):
    def __init__(self, fetch_page, money=str, parent=None) -> None:
        super().__init__([
            Column("Code", lambda m: m.code),
            Column("Name", lambda m: m.name),
            Column("Unit", lambda m: m.unit),
            Column("Unit cost", lambda m: money(m.unit_cost), RIGHT),
            Column("In stock", lambda m: f"{m.stock_on_hand.normalize():f}", RIGHT,
                   tooltip=lambda m: "Below its reorder level" if m.below_reorder else ""),
        ], fetch_page, parent)


class MaterialPicker(QDialog):
    def __init__(self, ctx, money=str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("materialPicker")
        self.setWindowTitle("Choose a material")
        self.search = QLineEdit(objectName="materialSearch", placeholderText="Search code or name…")
        self.search.setClearButtonEnabled(True)
        self.model = MaterialsModel(self._fetch, money, self)
        self.table = QTableView(objectName="materialTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self._accept_if_chosen())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        # Enter in the search field is the field's own (_search_now): the dialog's default button
        # would otherwise choose the first row of a list not yet searched
        self.search.installEventFilter(self)
        fit_to_screen(self, 620, 420)
        self.reload()

    def _fetch(self, offset: int, limit: int):
        return materials.list_materials(self.ctx.db, self.search.text(), limit=limit, offset=offset)

    def reload(self) -> None:
        self._timer.stop()
        self.model.reload()
        if self.model.rowCount():
            self.table.selectRow(0)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._search_now()
            return True
        return super().eventFilter(obj, event)

    def _search_now(self) -> None:
        """Enter: search what was typed if the list does not show it yet; one hit, or a list
        already searched, is chosen at once (Enter twice for one material is one too many)."""
        if self._timer.isActive():
            self.reload()
            if self.model.rowCount() != 1:
                return
        self._accept_if_chosen()

    def chosen(self) -> materials.MaterialView | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _accept_if_chosen(self) -> None:
        if self.chosen() is not None:
            self.accept()
