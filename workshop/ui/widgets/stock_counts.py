"""The Stock tab's reorder list and stocktake.

Reorder list: every material whose stock, once open jobs have their share, is below its reorder
level, with the quantity to order and its preferred supplier; saved as CSV, printed, or drafted as
purchase orders (one per supplier). Stocktake: the count sheet to type into; the differences are
booked as movements with one reason, after a question naming how many."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QFileDialog, QLineEdit, QMessageBox, QWidget

from ...domain.wording import plural
from ...services import purchase_orders, stock_position, stocktake
from ...services.purchase_orders import PurchaseOrderLineInput
from ..context import AppContext
from ..file_dialogs import start_in
from ..models.stock_count_model import COUNTED, CountSheetModel
from ..models.stock_models import ReorderModel
from ..plain_text import ask_yes_no, plain_label
from .stock_page import Money, StockPage, list_table, stock_button


def write_reorder_csv(path: str, lines) -> None:
    """The reorder list as CSV (exports.reorder_csv; imported when first used)."""
    from ...exports import reorder_csv

    reorder_csv.write_reorder_csv(lines, path)


def reorder_pdf(db) -> bytes:
    from ...documents import reorder_list

    return reorder_list.reorder_list_pdf(db)


def _matches(search: str, *texts: str) -> bool:
    words = search.casefold().split()
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in words)


class ReorderPage(StockPage):
    title = "Reorder list"
    noun = "material"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockReorder")
        self.model = ReorderModel(ctx.locale, self.money, self)
        table = list_table(self.model, "reorderTable", {0: 100, 2: 50, 3: 80, 4: 80, 5: 80, 6: 80, 7: 90, 8: 200,
                                                        9: 100}, stretch=1)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # to order a few
        self.order_button = stock_button("&Order these…", "reorderOrder", self.order_these,
                                         "Draft a purchase order per preferred supplier for the rows selected "
                                         "(all rows when none is)")
        self.csv_button = stock_button("Export &CSV…", "reorderCsv", self.export_csv)
        self.print_button = stock_button("&Print…", "reorderPrint", self.print_current)
        self.build(table, placeholder="Search code, name or supplier…", buttons=(self.order_button,),
                   right_buttons=(self.csv_button, self.print_button),
                   intro=plain_label("Materials whose stock, once open jobs have their share and open orders have "
                                     "come, is below the reorder level.", objectName="reorderIntro"))

    def refill(self) -> None:
        search = self.search.text()
        self._all = stock_position.reorder_list(self.ctx.db)
        self.model.set_rows([r for r in self._all if _matches(search, r.code, r.name, r.supplier_name)])

    def count_text(self) -> str:
        return plural(self.model.rowCount(), "material") + " to reorder"

    def chosen(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows] if len(rows) > 1 else self.model.rows()

    def order_these(self) -> None:
        lines = [r for r in self.chosen() if r.suggested > 0]
        by_supplier, without = defaultdict(list), []
        for line in lines:
            if line.supplier_id is None:
                without.append(line)
            else:
                by_supplier[(line.supplier_id, line.supplier_name)].append(line)
        if not by_supplier:
            QMessageBox.information(self, "Order these", "None of these materials has a preferred supplier: set one "
                                                         "with Materials ▸ Suppliers….")
            return
        names = ", ".join(name for _id, name in by_supplier)
        skipped = f"\n\n{plural(len(without), 'material')} without a preferred supplier stay on the list." \
            if without else ""
        if not ask_yes_no(self, "Order these", f"Draft {plural(len(by_supplier), 'purchase order')} ({names}) for "
                                               f"{plural(sum(map(len, by_supplier.values())), 'material')}?{skipped}"):
            return
        made = []
        for (supplier_id, _name), rows in by_supplier.items():
            outcome = self.ctx.call(self, purchase_orders.create_purchase_order, supplier_id, lines=[
                PurchaseOrderLineInput(quantity=r.suggested, unit_price=r.unit_price, material_id=r.material_id)
                for r in rows])
            if not outcome.ok:
                break
            made.append(outcome.value.number)
        if made:
            QMessageBox.information(self, "Order these", f"Drafted {', '.join(made)}: see Purchase orders to check "
                                                         "and send them.")
        self.reload()

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the reorder list", start_in("reorder-list.csv"),
                                              "CSV (*.csv)")
        if not path:
            return
        from ...domain.errors import WorkshopError
        from ..errors import show_error

        try:
            write_reorder_csv(path, self.model.rows())
        except WorkshopError as exc:  # the disk full, the folder read-only …
            show_error(self, exc)
        except OSError as exc:
            show_error(self, WorkshopError(f"The reorder list could not be saved to {path}.", details=str(exc)))
        else:
            self.count_label.setText(f"{self.count_text()} · saved to {path}")

    def print_current(self) -> None:
        from ..printing import preview_pdf

        preview_pdf(self, self.ctx, reorder_pdf, title="Reorder list", file_name="reorder-list.pdf",
                    label="Preparing the reorder list…")


class StocktakePage(StockPage):
    title = "Stocktake"
    noun = "material"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, money: Money | None = None) -> None:
        super().__init__(ctx, parent, money=money)
        self.setObjectName("stockStocktake")
        self.model = CountSheetModel(ctx.locale, self)
        table = list_table(self.model, "countSheet", {0: 110, 2: 50, 3: 100, 4: 110, 5: 110}, stretch=1)
        triggers = QAbstractItemView.EditTrigger
        table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.model.dataChanged.connect(lambda *_: self._update())
        table.itemDelegate().closeEditor.connect(self._count_entered)
        self.reason = QLineEdit(objectName="stocktakeReason",
                                placeholderText="Reason for the differences, e.g. year-end count")
        self.book_button = stock_button("&Book differences…", "stocktakeBook", self.book,
                                        "Book each counted difference as a stocktake movement")
        self.clear_button = stock_button("C&lear counts", "stocktakeClear", self.clear_counts)
        self.summary = plain_label(objectName="stocktakeSummary")
        self.build(table, placeholder="Search code or name…", buttons=(self.book_button, self.clear_button),
                   right_buttons=(), intro=plain_label(
                       "Type what is on each shelf in Counted (leave a material blank if it was not counted). "
                       "Each difference is booked as a movement, at the average cost.", objectName="stocktakeIntro",
                       wordWrap=True))
        buttons_row = self.layout().itemAt(self.layout().count() - 1).layout()
        buttons_row.insertWidget(0, plain_label("&Reason", buddy=self.reason))
        buttons_row.insertWidget(1, self.reason, 1)
        buttons_row.addWidget(self.summary)

    def refill(self) -> None:
        self.model.set_rows(stocktake.count_sheet(self.ctx.db, self.search.text()))
        self._update()

    def count_text(self) -> str:
        return plural(self.model.rowCount(), "material")

    def _update(self) -> None:
        counted, differences = len(self.model.counts()), self.model.differences()
        self.summary.setText(f"{plural(counted, 'count')} typed, {plural(differences, 'difference')}")
        self.book_button.setEnabled(counted > 0)
        self.clear_button.setEnabled(counted > 0)

    def open_current(self) -> None:
        """Enter on a row: type its count (Enter that ends a count is the editor's, not this)."""
        index = self.table.currentIndex()
        if index.isValid() and self.table.state() != QAbstractItemView.State.EditingState:
            self.table.edit(self.model.index(index.row(), COUNTED))

    def _count_entered(self, _editor, hint) -> None:
        """Enter after a count goes down to the next material's count, as a person reads down the shelf."""
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            row = self.table.currentIndex().row() + 1
            if row < self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(row, COUNTED))

    def clear_counts(self) -> None:
        if ask_yes_no(self, "Clear counts", "Clear every count typed?"):
            self.model.clear_counts()
            self._update()

    def book(self) -> None:
        differences = self.model.differences()
        if differences and not ask_yes_no(self, "Book the stocktake",
                                          f"Book {plural(differences, 'difference')} as stocktake movements, with "
                                          f"the reason “{self.reason.text().strip()}”?"):
            return
        outcome = self.ctx.call(self, stocktake.book_stocktake, self.model.counts(), self.reason.text().strip())
        if not outcome.ok:
            return
        result = outcome.value
        text = ("Every count matches, nothing booked." if result.stocktake_id is None else
                f"Booked {plural(len(result.movements), 'difference')}; "
                f"{plural(result.unchanged, 'count')} matched.")
        box = QMessageBox(QMessageBox.Icon.Information, "Stocktake", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("stocktakeDone")
        box.exec()
        self.model.clear_counts()
        self.reload()

    def has_unsaved_changes(self) -> bool:
        return bool(self.model.counts())

    def revert(self) -> None:
        self.model.clear_counts()
        self._update()
