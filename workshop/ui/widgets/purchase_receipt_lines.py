"""The lines of a delivery as a table to type in: what came (an order line, or a material chosen
here), the job it is for, what was ordered and is still owed, the quantity received now, the unit
cost actually paid, and whether to issue it to its job in the same step (on by default for a
line bought for a job). A line left at 0 or blank is not received."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...domain.errors import ValidationError
from ...domain.locale_text import NotInLocale, format_number, parse_number
from ...services.goods_in import ReceiptLineInput
from ...services.purchase_orders import PurchaseOrderLineView
from ..models.stock_models import quantity_text

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WHAT, JOB, ORDERED, OUTSTANDING, RECEIVE, UNIT, UNIT_COST, ISSUE = range(8)
HEADERS = ["What", "For job", "Ordered", "Still owed", "Receive now", "Unit", "Unit cost paid", "Issue to job now"]
FIELDS = {"quantity": RECEIVE, "unit_cost": UNIT_COST, "job_id": JOB, "material_id": WHAT, "issue_to_job": ISSUE}
#: on the What cell: (order line id, material id); on the Job cell: the job's id as loaded
KEY_ROLE = Qt.ItemDataRole.UserRole
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ReceiptLinesTable(QTableWidget):
    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("receiptLines")
        self.locale = locale
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for column, width in ((JOB, 104), (ORDERED, 70), (OUTSTANDING, 76), (RECEIVE, 90), (UNIT, 44),
                              (UNIT_COST, 110), (ISSUE, 120)):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        #: submitted line i -> table row (blank lines are left out), to show the service's errors
        self._submitted: list[int] = []

    def _add(self, texts: dict[int, str], *, key: tuple[int | None, int | None], job_id: int | None,
             editable: set[int]) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column in range(len(HEADERS)):
            item = QTableWidgetItem(texts.get(column, ""))
            if column in (ORDERED, OUTSTANDING, RECEIVE, UNIT_COST):
                item.setTextAlignment(RIGHT)
            if column == ISSUE and (job_id is not None or JOB in editable):  # only where there is a job to issue to
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if job_id is not None else Qt.CheckState.Unchecked)
            elif column not in editable:
                item.setFlags(READ_ONLY)
            self.setItem(row, column, item)
        self.item(row, WHAT).setData(KEY_ROLE, key)
        self.item(row, JOB).setData(KEY_ROLE, job_id)
        return row

    def add_order_line(self, line: PurchaseOrderLineView) -> int:
        """An order line still owed, to receive in full unless changed."""
        what = f"{line.material_code} — {line.description}" if line.material_code else line.description
        outside = line.operation_id is not None  # outside work back: its cost goes to the job, nothing is issued
        row = self._add({WHAT: what, JOB: line.job_number, ORDERED: quantity_text(line.quantity, self.locale),
                         OUTSTANDING: quantity_text(line.outstanding, self.locale),
                         RECEIVE: quantity_text(line.outstanding, self.locale), UNIT: line.unit,
                         UNIT_COST: format_number(line.unit_price, self.locale, places=2),
                         ISSUE: "cost to the job" if outside else ""},
                        key=(line.id, line.material_id), job_id=None if outside else line.job_id,
                        editable={RECEIVE, UNIT_COST})
        return row

    def add_material(self, material, job_number: str = "", job_id: int | None = None) -> int:
        """A material received without an order; its cost paid is typed."""
        row = self._add({WHAT: f"{material.code} — {material.name}", JOB: job_number, UNIT: material.unit},
                        key=(None, material.id), job_id=job_id, editable={JOB, RECEIVE, UNIT_COST})
        self.setCurrentCell(row, RECEIVE)
        return row

    def text(self, row: int, column: int) -> str:
        return self.item(row, column).text().strip()

    def is_blank(self, row: int) -> bool:
        """Nothing to receive on ``row``: left empty, or 0."""
        text = self.text(row, RECEIVE)
        if not text:
            return True
        try:
            return parse_number(text, self.locale) == 0
        except (NotInLocale, ArithmeticError, ValueError):
            return False  # not a number: the service says so

    def inputs(self, find_job) -> list[ReceiptLineInput]:
        """The lines to receive, figures as typed; ``find_job(number)`` reads a typed job number."""
        out, self._submitted = [], []
        for row in range(self.rowCount()):
            if self.is_blank(row):
                continue
            self._submitted.append(row)
            line_id, material_id = self.item(row, WHAT).data(KEY_ROLE)
            job_id = self.item(row, JOB).data(KEY_ROLE)
            if line_id is None:
                number = self.text(row, JOB)
                try:
                    job_id = find_job(number) if number else None
                except ValidationError as exc:
                    raise ValidationError(f"lines[{len(out)}].job_id", f"Line {row + 1}: {exc.message}") from None
            issue = self.item(row, ISSUE).checkState() == Qt.CheckState.Checked and job_id is not None
            out.append(ReceiptLineInput(quantity=self.text(row, RECEIVE), unit_cost=self.text(row, UNIT_COST) or None,
                                        purchase_order_line_id=line_id,
                                        material_id=None if line_id is not None else material_id,
                                        job_id=job_id if line_id is None else None, issue_to_job=issue))
        return out

    def show_field(self, field: str) -> bool:
        """Go to the cell a service's error names (``lines[1].unit_cost``)."""
        if not field.startswith("lines["):
            return False
        index, _, name = field[len("lines["):].partition("].")
        if not index.isdigit():
            return False
        i = int(index)
        row = self._submitted[i] if i < len(self._submitted) else i
        if row >= self.rowCount():
            return False
        self.setCurrentCell(row, FIELDS.get(name, RECEIVE))
        return True
