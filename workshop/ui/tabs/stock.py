"""Stock: materials with what is on hand, on order and allocated (and each one's movements),
suppliers, purchase orders, goods in, the reorder list and the stocktake, one page each across
the top (Alt+1 … Alt+6, or Ctrl+PgDown / Ctrl+PgUp). Search as you type (Ctrl+F), Ctrl+N makes
a new record of the page shown, Enter opens the selected row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...domain.changes import Change
from ..context import AppContext
from ..widgets.cost_common import money_formatter
from ..widgets.stock_counts import ReorderPage, StocktakePage
from ..widgets.stock_materials import MaterialsPage
from ..widgets.stock_page import StockPage
from ..widgets.stock_purchasing import GoodsInPage, PurchaseOrdersPage, SuppliersPage
from .base import WorkshopTab

#: What each page shows, so a change elsewhere redraws only the pages it touches.
_WATCHES = {
    MaterialsPage: Change.SHOP | Change.PURCHASING | Change.BOOKINGS | Change.JOBS | Change.SETTINGS,
    SuppliersPage: Change.PURCHASING,
    PurchaseOrdersPage: Change.PURCHASING | Change.JOBS | Change.SETTINGS,
    GoodsInPage: Change.PURCHASING,
    ReorderPage: Change.SHOP | Change.PURCHASING | Change.BOOKINGS | Change.JOBS,
    StocktakePage: Change.SHOP | Change.BOOKINGS,
}


class StockTab(WorkshopTab):
    tab_id = "stock"
    title = "Stock"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pages_widget = QTabWidget(objectName="stockPages")
        self.pages_widget.setDocumentMode(True)
        money = money_formatter(ctx.db)  # the settings read once for the six pages
        self.pages: list[StockPage] = [cls(ctx, money=money) for cls in _WATCHES]
        for number, page in enumerate(self.pages, start=1):
            index = self.pages_widget.addTab(page, page.title)
            self.pages_widget.setTabToolTip(index, f"{page.title} (Alt+{number})")
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda i=index: self.show_page(i),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.listed.connect(self._page_listed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages_widget)
        self.pages_widget.currentChanged.connect(self._page_changed)
        #: pages a change reached while hidden, reloaded when next shown: at first all but the one shown
        self._stale: set[int] = set(range(1, len(self.pages)))
        self.pages[0].reload()

    # --- pages ----------------------------------------------------------------------------------
    def page(self) -> StockPage:
        return self.pages[self.pages_widget.currentIndex()]

    def page_of(self, cls: type) -> StockPage:
        return next(p for p in self.pages if isinstance(p, cls))

    def show_page(self, index: int) -> None:
        self.pages_widget.setCurrentIndex(index)
        self.page().table.setFocus()

    def open_record(self, kind: str, record_id: int) -> None:
        """Another tab asked for a material (the Start page's stock to reorder): its row on the
        reorder list, whatever was searched there."""
        if kind != "material":
            return
        page = self.page_of(ReorderPage)
        self.show_page(self.pages.index(page))
        if not page.select_where(lambda r: r.material_id == record_id) and page.search.text():
            page.search.clear()
            page.reload()
            page.select_where(lambda r: r.material_id == record_id)

    def _page_changed(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self.pages[index].reload()
        self.status_changed.emit()

    def _page_listed(self) -> None:
        if self.sender() is self.page():
            self.status_changed.emit()

    # --- the WorkshopTab contract ---------------------------------------------------------------
    def new_record(self) -> None:
        self.page().new_record()

    def focus_search(self) -> None:
        self.page().focus_search()

    def print_current(self) -> None:
        printer = getattr(self.page(), "print_current", None)
        if callable(printer):
            printer()

    def has_unsaved_changes(self) -> bool:
        return any(page.has_unsaved_changes() for page in self.pages)

    def revert(self) -> None:
        for page in self.pages:
            if page.has_unsaved_changes():
                page.revert()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        for index, (page, watches) in enumerate(zip(self.pages, _WATCHES.values())):
            if changes & watches:
                if index == self.pages_widget.currentIndex():
                    page.reload()
                else:
                    self._stale.add(index)

    def status_text(self) -> str:
        return self.page().status_text()

    def save_state(self) -> dict[str, object]:
        state: dict[str, object] = {"page": self.pages_widget.currentIndex()}
        for page in self.pages:
            state.update(page.save_state())
        return state

    def restore_state(self, state: dict[str, object]) -> None:
        for page in self.pages:
            page.restore_state(state)
        try:
            index = int(state.get("page", 0))
        except (TypeError, ValueError):
            index = 0
        if 0 < index < len(self.pages):
            self.pages_widget.setCurrentIndex(index)
