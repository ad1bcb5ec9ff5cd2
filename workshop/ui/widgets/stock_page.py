"""What every page of the Stock tab shares: a search field (as you type, Ctrl+F), a filter or two,
a table whose row opens on Enter or a double-click, a count, and a row of buttons. A page
fills in what it lists and what its buttons do; the tab passes Ctrl+N and Ctrl+F on to it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from ..context import AppContext
from ..models.paged import PagedTableModel
from ..models.roles import RowRole
from ..models.stock_models import Money
from .cost_common import money_formatter, table_view
from .table_rows import select_whole_row

SEARCH_DELAY_MS = 200


def stock_button(text: str, name: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    button = QPushButton(text, objectName=name, toolTip=tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def list_table(model, name: str, widths: dict[int, int], stretch: int | None) -> QTableView:
    """A read-only table with fixed, remembered widths (sizing to contents reads every row)."""
    view = table_view(model, name)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class StockPage(QWidget):
    """A list page. Subclasses build ``self.model`` and call ``build``; ``reload`` refills."""

    #: a search, a filter or a reload changed what the page lists (the status bar asks again)
    listed = Signal()
    title = ""
    noun = "row"
    noun_plural: str | None = None  # when not noun + "s"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        """``money``: the shop's money formatter, when the tab read the settings for all its pages."""
        super().__init__(parent)
        self.ctx = ctx
        self.money = money or money_formatter(ctx.db)
        self.search = QLineEdit(clearButtonEnabled=True)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555555;")
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.reload)
        self.table: QTableView | None = None

    def build(self, table: QTableView, *, placeholder: str, filters: tuple[QWidget, ...] = (),
              buttons: tuple[QPushButton, ...] = (), right_buttons: tuple[QPushButton, ...] = (),
              intro: QWidget | None = None, below: QWidget | None = None,
              main: QWidget | None = None) -> QVBoxLayout:
        """``main``: what stands where the table would (a splitter holding it), if not the table."""
        self.table = table
        if isinstance(self.model, PagedTableModel):
            # nothing listed, and nothing asked of the database, until the page is first listed
            # (``reload``): a hidden page's view would otherwise fetch its first page as the tab is
            # built, and again when the page is shown
            self.model.reload(first_page=())
        self.search.setObjectName(f"{self.objectName()}Search")
        self.search.setPlaceholderText(f"{placeholder}  (Ctrl+F)")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for widget in filters:
            top.addWidget(widget)
        top.addWidget(self.count_label)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        for button in right_buttons:
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if intro is not None:
            layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(main or table, 3)
        layout.addLayout(row)
        if below is not None:
            layout.addWidget(below, 2)
        table.doubleClicked.connect(lambda _index: self.open_current())
        table.installEventFilter(self)  # Enter opens the row
        table.selectionModel().selectionChanged.connect(lambda *_: self.current_changed())
        return layout

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_current()
            return True
        return super().eventFilter(obj, event)

    # --- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Refill from the services, keeping the selected row where it still is."""
        self._debounce.stop()
        keep = self.current()
        self.refill()
        self.refilled(keep)

    def refilled(self, keep) -> None:
        """The list refilled: ``keep`` (the row selected before) selected again where it still is,
        else the first row; the count said; the buttons fitted."""
        if keep is not None and hasattr(keep, "id"):
            self.select_where(lambda r: getattr(r, "id", None) == keep.id)
        elif keep is not None and hasattr(keep, "material_id"):
            self.select_where(lambda r: r.material_id == keep.material_id)
        if self.current() is None and self.model.rowCount():
            self.select_where(lambda _r: True)  # the first row: Enter opens it without a click first
        self.count_label.setText(self.count_text())
        self.current_changed()
        self.listed.emit()

    def refill(self) -> None:
        self.model.reload()

    @property
    def busy(self) -> bool:
        """Something the page shows is being read off the GUI thread (the Materials page's list and
        movements); lists read on the GUI thread are never busy."""
        return False

    def count_text(self) -> str:
        from ...domain.wording import plural

        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        return plural(self.model.rowCount(), self.noun, self.noun_plural) + more

    def current(self):
        if self.table is None:
            return None
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.data(RowRole)

    def select_where(self, predicate) -> bool:
        row = self.model.fetch_row(predicate)
        if row >= 0:
            select_whole_row(self.table, row)
        return row >= 0

    # --- what a page does -----------------------------------------------------------------------
    def current_changed(self) -> None:
        """Enable the buttons that fit the selected row."""

    def open_current(self) -> None: ...

    def new_record(self) -> None: ...

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def status_text(self) -> str:
        return self.count_label.text()

    def has_unsaved_changes(self) -> bool:
        """Typing not yet saved (the stocktake's counts); lists have none."""
        return False

    def revert(self) -> None:
        """Throw away what ``has_unsaved_changes`` reported."""

    # --- remembered layout ----------------------------------------------------------------------
    def tables(self) -> tuple[QTableView, ...]:
        return (self.table,) if self.table is not None else ()

    def save_state(self) -> dict[str, object]:
        return {f"{self.objectName()}_{t.objectName()}": t.horizontalHeader().saveState() for t in self.tables()}

    def restore_state(self, state: dict[str, object]) -> None:
        for table in self.tables():
            saved = state.get(f"{self.objectName()}_{table.objectName()}")
            if isinstance(saved, (QByteArray, bytes)):
                table.horizontalHeader().restoreState(QByteArray(saved))
