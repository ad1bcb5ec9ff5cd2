"""The stocktake's count sheet as a table to type in: code, name, unit, the stock the program
expects, what was counted (typed in the shop's locale) and the difference. A material left blank
was not counted and books nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from ...domain.locale_text import NotInLocale, parse_number
from .. import theme
from .paged import Column, Index, RowsTableModel
from .stock_models import RIGHT, quantity_text

CODE, NAME, UNIT, EXPECTED, COUNTED, DIFFERENCE = range(6)


class CountSheetModel(RowsTableModel):
    def __init__(self, locale: str, parent=None) -> None:
        self.locale = locale
        self._counted: dict[int, str] = {}  # material id -> text as typed
        super().__init__([
            Column("Code", lambda r: r.code),
            Column("Name", lambda r: r.name),
            Column("Unit", lambda r: r.unit),
            Column("Expected", lambda r: quantity_text(r.on_hand, self.locale), RIGHT,
                   tooltip=lambda r: "The stock the program holds"),
            Column("Counted", lambda r: self._counted.get(r.material_id, ""), RIGHT,
                   tooltip=lambda r: "Type what is on the shelf; leave blank if not counted"),
            Column("Difference", self._difference_text, RIGHT),
        ], parent)

    # --- reading the counts ---------------------------------------------------------------------
    def counted(self, row) -> Decimal | None:
        """The count typed for ``row`` as a number; None when blank or not a number."""
        text = self._counted.get(row.material_id, "").strip()
        if not text:
            return None
        try:
            return parse_number(text, self.locale)
        except (NotInLocale, ArithmeticError, ValueError):
            return None

    def _difference_text(self, row) -> str:
        text = self._counted.get(row.material_id, "").strip()
        if not text:
            return ""
        number = self.counted(row)
        if number is None:
            return "not a number"
        return quantity_text(number - row.on_hand, self.locale, signed=True) if number != row.on_hand else "none"

    def counts(self) -> dict[int, str]:
        """Material id -> the count as typed, for every material counted (the service reads them)."""
        return {material_id: text for material_id, text in self._counted.items() if text.strip()}

    def differences(self) -> int:
        """How many counts (readable ones) differ from what the program expects."""
        return sum(1 for row in self._rows if (n := self.counted(row)) is not None and n != row.on_hand)

    def clear_counts(self) -> None:
        self.beginResetModel()
        self._counted.clear()
        self.endResetModel()

    # --- editing --------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COUNTED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == COUNTED:
            row = self.row_at(index.row())
            return self._counted.get(row.material_id, "") if row is not None else None
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COUNTED:
            return False
        row = self.row_at(index.row())
        if row is None:
            return False
        self._counted[row.material_id] = "" if value is None else str(value).strip()
        self.dataChanged.emit(self.index(index.row(), COUNTED), self.index(index.row(), DIFFERENCE))
        return True

    def extra_data(self, row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == DIFFERENCE:
            text = self._difference_text(row)
            if text == "not a number":
                return theme.brush(theme.ALARM)
            if text not in ("", "none"):
                return theme.brush(theme.DUE)
        return None

    def set_rows(self, rows) -> None:
        """A new sheet keeps the counts typed for materials still on it."""
        keep = {r.material_id for r in rows}
        self._counted = {k: v for k, v in self._counted.items() if k in keep}
        super().set_rows(rows)


__all__ = ["CountSheetModel", "COUNTED", "DIFFERENCE"]
