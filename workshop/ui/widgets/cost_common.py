"""Pieces the costing screens share: money in the shop's currency, a read-only table, a
"how was this figure made" panel, and a small labelled figure."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ...domain.money import currency_symbol, format_money
from ...services import settings
from .. import theme
from ..models.roles import ExplainRole

#: change names announced by the costing screens (see ui/context.py for the others)


def money_formatter(db) -> Callable[[Decimal | None], str]:
    """``amount -> "£1,234.50"`` in the shop's currency and locale ("" for None)."""
    shop = settings.get_settings(db)
    currency, locale = shop.currency, shop.locale
    made: dict[Decimal, str] = {}  # a page shows the same amounts in several places (rows, totals)

    def money(amount: Decimal | None) -> str:
        if amount is None:
            return ""
        amount = Decimal(amount)
        if not amount:  # (a zero is never kept: −0.00 keeps its sign)
            return format_money(amount, currency, locale)
        text = made.get(amount)
        if text is None:
            if len(made) > 4096:
                made.clear()
            text = made[amount] = format_money(amount, currency, locale)
        return text

    return money


def money_symbol(db) -> str:
    """The shop's currency sign (``£``), for the labels of fields where money is typed."""
    shop = settings.get_settings(db)
    return currency_symbol(shop.currency, shop.locale)


#: how many rows a table's columns are sized to (``table_view``)
SIZED_ROWS = 60


def table_view(model, name: str, stretch: int | None = None) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # sized to the first rows, not to every row of a long list (a job's two hundred bookings): a
    # longer text further down shows "…" and its whole self on hover
    header.setResizeContentsPrecision(SIZED_ROWS)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


class ExplainPanel(QLabel):
    """Shows how the figure under the cursor (or last clicked) was made — the same text as the
    tooltip, for those who click rather than hover."""

    HINT = "Click or hover over any figure to see how it was made."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.HINT, parent)
        self.setObjectName("explainPanel")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(f"{theme.PANEL_STYLE} color: {theme.TEXT};")
        self.setMinimumHeight(44)

    def watch(self, view: QTableView) -> None:
        view.setMouseTracking(True)
        view.clicked.connect(self.explain)
        view.entered.connect(self.explain)

    def explain(self, index: QModelIndex) -> None:
        how = index.data(ExplainRole) if index.isValid() else None
        if not how:
            return
        what = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        first = index.model().index(index.row(), 0).data()
        self.setText(f"{first} — {what}: {index.data()}\n= {how}")

    def say(self, title: str, value: str, how: str) -> None:
        self.setText(f"{title}: {value}\n= {how}")

    def reset(self) -> None:
        self.setText(self.HINT)


class Figure(QWidget):
    """A caption above a large figure; the tooltip says how it was made."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet(theme.HINT_STYLE)
        self.value = QLabel("—", objectName=name)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.how = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str, how: str = "", colour: str | None = None) -> None:
        self.value.setText(text)
        self.how = how
        self.setToolTip(how)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")

    def text(self) -> str:
        return self.value.text()


def show_margin(figure: Figure, pricing, money) -> None:
    """The quote's margin (price − cost), with what is left if the contingency is all spent on hover."""
    p = pricing
    figure.set(f"{money(p.margin.amount)} ({p.margin_pct.amount:.2f}%)",
               f"{p.margin.explanation}; {p.margin_pct.explanation}. If the contingency is all spent: "
               f"{money(p.margin_after_contingency.amount)} ({p.margin_after_contingency_pct:.2f}%)",
               theme.ALARM if p.margin.amount < 0 else None)
