"""The Stock tab's Materials page: every material with what is on hand, on order and allocated to
open jobs, its average cost and value; under it, the chosen material's movements with the
balance after each and, beside them, the lots jobs made of it for stock (only when there are).
From here: a correction by hand, the material's suppliers, and the stock's value at a date. One
line says how stock and job purchases are costed."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QSplitter, QVBoxLayout, QWidget

from ...domain.errors import WorkshopError
from ...services import finished_goods, settings, stock_ledger, stock_position
from ..context import AppContext
from ..models import stock_models as sm
from ..plain_text import plain_label
from ..tasks import Task, report_failure, run_task
from .finished_lots import FinishedLotsPanel
from .stock_page import Money, StockPage, list_table, stock_button


def costing_text(job_purchase_costing: str) -> str:
    paid = "the price paid" if job_purchase_costing == "actual" else "the stock's average cost"
    return f"Stock is valued at weighted average cost; goods bought for a job cost the job {paid}."


#: ``MaterialsPage._movements_of`` before the movements of any material were read
_UNREAD = object()


def read_materials(_state, db, search: str, include_inactive: bool, limit: int) -> tuple[str, list]:
    """On a pool thread: how purchases are costed (the line over the list) and the first page of
    materials with where each stands."""
    costing = settings.get_settings(db).job_purchase_costing
    return costing, stock_position.stock_positions(db, search, include_inactive=include_inactive, limit=limit)


def read_movements(_state, db, material_id: int, limit: int) -> tuple[list, list]:
    """On a pool thread: the newest page of a material's movements, each with the balance after it,
    and the lots jobs made of it for stock (the panel beside them; read on the GUI thread before)."""
    movements = stock_ledger.list_movements(db, material_id, limit=limit)
    return movements, finished_goods.finished_lots(db, material_id)


class MaterialsPage(StockPage):
    title = "Materials"
    noun = "material"
    _movements_of: object = _UNREAD  # the material whose movements and lots are shown (None: none chosen)
    #: the chosen material's movements are shown (or none is chosen): after each read off the GUI thread
    movements_listed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockMaterials")
        #: the reads running off the GUI thread: the list's first page, the chosen material's movements
        self._list_task: Task | None = None
        self._movements_task: Task | None = None
        self.costing = plain_label(objectName="stockCosting")
        self.costing.setStyleSheet("color: #555555;")
        self.show_inactive = QCheckBox("Show &inactive", objectName="stockShowInactive")
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        self.model = sm.StockPositionsModel(self._page, ctx.locale, self.money, self)
        table = list_table(self.model, "stockPositions",
                           {sm.POS_CODE: 110, sm.POS_UNIT: 50, sm.POS_ON_HAND: 90, sm.POS_ON_ORDER: 90,
                            sm.POS_ALLOCATED: 90, sm.POS_AVERAGE: 110, sm.POS_VALUE: 120}, stretch=sm.POS_NAME)
        self.movements_model = sm.MovementsModel(self._movements_page, ctx.locale, self.money, self)
        self.movements = list_table(self.movements_model, "stockMovements",
                                    {0: 140, 1: 130, 2: 90, 3: 100, 4: 90, 5: 110}, stretch=6)
        self.movements_title = plain_label(objectName="stockMovementsTitle")
        self.movements_title.setStyleSheet("font-weight: bold;")
        movements_box = QWidget()
        movements_layout = QVBoxLayout(movements_box)
        movements_layout.setContentsMargins(0, 4, 0, 0)
        movements_layout.addWidget(self.movements_title)
        movements_layout.addWidget(self.movements, 1)
        # beside the movements, the lots jobs made of it (only for a material that has some)
        self.lots = FinishedLotsPanel(ctx, self.money)
        self.lots.layout().setContentsMargins(0, 4, 0, 0)
        self.lots_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="stockMaterialsLotsSplit")
        self.lots_splitter.addWidget(movements_box)
        self.lots_splitter.addWidget(self.lots)
        self.lots_splitter.setSizes([720, 560])  # room for every lot column but the title at 1280 wide

        self.adjust_button = stock_button("&Adjust…", "stockAdjust", self.adjust,
                                          "Add or take off stock by hand, with a reason")
        self.suppliers_button = stock_button("Su&ppliers…", "stockMaterialSuppliers", self.edit_suppliers,
                                             "Who this material is bought from, their codes and prices")
        self.value_button = stock_button("Stock &value at a date…", "stockValueAt", self.value_at)
        # the list and the movements share the height; the person may move the line between them
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="stockMaterialsSplit")
        self.splitter.addWidget(table)
        self.splitter.addWidget(self.lots_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.build(table, placeholder="Search code or name…", filters=(self.show_inactive,),
                   buttons=(self.adjust_button, self.suppliers_button), right_buttons=(self.value_button,),
                   intro=self.costing, main=self.splitter)

    def _page(self, offset: int, limit: int, search: str | None = None, include_inactive: bool | None = None):
        """Further pages as the list scrolls (on the GUI thread: the first came from ``reload``), with
        the search and filter the first page was read with."""
        return stock_position.stock_positions(
            self.ctx.db, self.search.text() if search is None else search,
            include_inactive=self.show_inactive.isChecked() if include_inactive is None else include_inactive,
            limit=limit, offset=offset)

    def _movements_page(self, offset: int, limit: int, material_id: int | None = None):
        if material_id is None:
            return []
        return stock_ledger.list_movements(self.ctx.db, material_id, limit=limit, offset=offset)

    # --- the list, read off the GUI thread ------------------------------------------------------
    @property
    def busy(self) -> bool:
        return any(task is not None and task.running for task in (self._list_task, self._movements_task))

    def reload(self) -> None:
        """Read the first page of materials off the GUI thread (``read_materials``); the rows shown
        stay, and the count says "Loading…", until it comes. A reload asked meanwhile (typing, a
        change announced) drops the one running: only the newest read is shown."""
        self._debounce.stop()
        if self._list_task is not None and self._list_task.running:
            self._list_task.cancel()
        keep = self.current()
        search, inactive = self.search.text(), self.show_inactive.isChecked()
        self.count_label.setText("Loading…")
        self._list_task = task = run_task(
            read_materials, self.ctx.db, search, inactive, self.model.PAGE_SIZE,
            on_done=lambda result: self._listed(task, keep, search, inactive, result),
            on_error=lambda exc: self._not_read(task, exc), parent=self)

    def _listed(self, task: Task, keep, search: str, inactive: bool, result) -> None:
        if task is not self._list_task:
            return  # a newer read was asked for
        costing, rows = result
        self.costing.setText(costing_text(costing))
        self.model.reload(partial(self._page, search=search, include_inactive=inactive), first_page=rows)
        self._movements_of = _UNREAD  # a reload reads the chosen material's movements again
        self.refilled(keep)

    def _not_read(self, task: Task, exc: BaseException) -> None:
        if task is not self._list_task:
            return
        if not isinstance(exc, WorkshopError):
            report_failure(exc)
        self.count_label.setText("The materials could not be read" + (f": {exc.message}"
                                                                      if isinstance(exc, WorkshopError) else ""))
        self.listed.emit()

    def current_changed(self) -> None:
        current = self.current()
        for button in (self.adjust_button, self.suppliers_button):
            button.setEnabled(current is not None)
        material_id = current.material_id if current is not None else None
        if material_id == self._movements_of:
            return  # read already: a reload selects its row (one call) and then says so again
        self._movements_of = material_id
        self.lots.set_lots(())  # another material's lots never shown beside this one; read with its movements
        if self._movements_task is not None and self._movements_task.running:
            self._movements_task.cancel()
        self.movements_model.reload(first_page=())  # another material's movements never shown under this one
        if current is None:
            self._movements_task = None
            self.movements_title.setText("Choose a material to see its movements")
            self.movements_listed.emit()
            return
        title = f"Movements of {current.code} {current.name}"
        self.movements_title.setText(f"{title} (loading…)")
        self._movements_task = task = run_task(
            read_movements, self.ctx.db, material_id, self.movements_model.PAGE_SIZE,
            on_done=lambda result: self._movements_read(task, material_id, title, *result),
            on_error=lambda exc: self._movements_not_read(task, title, exc), parent=self)

    def _movements_read(self, task: Task, material_id: int, title: str, rows: list, lots: list) -> None:
        if task is not self._movements_task:
            return  # another material was chosen meanwhile
        self.lots.set_lots(lots)
        self.movements_title.setText(title)
        self.movements_model.reload(partial(self._movements_page, material_id=material_id), first_page=rows)
        self.movements_listed.emit()

    def _movements_not_read(self, task: Task, title: str, exc: BaseException) -> None:
        if task is not self._movements_task:
            return
        if not isinstance(exc, WorkshopError):
            report_failure(exc)
        self.movements_title.setText(f"{title}: could not be read"
                                     + (f" ({exc.message})" if isinstance(exc, WorkshopError) else ""))
        self.movements_listed.emit()

    def tables(self):
        return (self.table, self.movements, self.lots.table)

    def save_state(self) -> dict[str, object]:
        return {**super().save_state(), "stockMaterials_split": self.splitter.saveState(),
                "stockMaterials_lotsSplit": self.lots_splitter.saveState()}

    def restore_state(self, state: dict[str, object]) -> None:
        super().restore_state(state)
        for key, splitter in (("stockMaterials_split", self.splitter),
                              ("stockMaterials_lotsSplit", self.lots_splitter)):
            if isinstance(saved := state.get(key), (QByteArray, bytes)):
                splitter.restoreState(QByteArray(saved))

    # --- actions --------------------------------------------------------------------------------
    def adjust(self) -> None:
        from ..dialogs.invoice_actions import run_modal
        from ..dialogs.stock_dialogs import AdjustStockDialog

        if (current := self.current()) is not None:
            run_modal(AdjustStockDialog(self.ctx, current, self))

    def edit_suppliers(self) -> None:
        from ..dialogs.invoice_actions import run_modal
        from ..dialogs.purchase_suppliers import MaterialSuppliersDialog

        if (current := self.current()) is not None:
            run_modal(MaterialSuppliersDialog(self.ctx, current.material_id, f"{current.code} {current.name}", self))

    def value_at(self) -> None:
        from ..dialogs.invoice_actions import run_modal
        from ..dialogs.stock_dialogs import StockValueDialog

        run_modal(StockValueDialog(self.ctx, self))

    def new_record(self) -> None:
        """Ctrl+N: a new material, in the shop's Materials dialog."""
        from ..dialogs.invoice_actions import run_modal
        from ..dialogs.materials import MaterialsDialog

        dialog = MaterialsDialog(self.ctx, self)
        dialog.new_record()
        run_modal(dialog)

    def open_current(self) -> None:
        """Enter: to the chosen material's movements (Shift+Tab comes back)."""
        self.movements.setFocus()
