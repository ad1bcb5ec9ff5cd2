"""Pieces the costing screens share: money in the shop's currency, a read-only table, a
"how was this figure made" panel, and a small labelled figure."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QStyle, QTableView, QVBoxLayout, QWidget

from ...domain.money import currency_symbol, format_money, round_money
from ...services import settings
from .. import theme
from ..models.roles import ExplainRole

#: change names announced by the costing screens (see ui/context.py for the others)


def money_formatter(db) -> Callable[[Decimal | None], str]:
    """``amount -> "£1,234.50"`` in the shop's currency and locale ("" for None): ``format_money``'s
    text, made by ``quick_money`` where it can be (a page of costs shows hundreds of amounts)."""
    shop = settings.get_settings(db)
    return money_in(shop.currency, shop.locale)


def shop_money(db) -> tuple[str, str]:
    """The shop's ``(currency, locale)``, plain data a pool thread may read for ``money_in``."""
    shop = settings.get_settings(db)
    return shop.currency, shop.locale


@cache
def money_in(currency: str, locale: str) -> Callable[[Decimal | None], str]:
    """One formatter per currency and locale: a page whose formatter is the one it had keeps its
    columns (``is``), instead of making them and sizing them again."""
    quick = quick_money(currency, locale) or (lambda amount: format_money(amount, currency, locale))
    return lambda amount: "" if amount is None else quick(Decimal(amount))


#: amounts a quick formatter must write exactly as Babel does before it is used: zeros with a sign,
#: halves of a penny, every length of number (some locales group four digits, others not)
_PROBES = tuple(Decimal(x) for x in (
    "0", "-0", "0.001", "-0.001", "0.005", "-0.005", "0.01", "-0.01", "0.5", "1", "-1", "9.99", "12.345",
    "99.995", "-99.995", "100", "999.99", "1000", "-1000", "1234.5", "-1234.5", "9999.99", "10000", "12345.67",
    "-12345.67", "99999.99", "100000", "123456.78", "-123456.78", "1234567.89", "-1234567.89", "12345678.9",
    "123456789.01", "-987654321.99", "1000000000"))


@cache
def quick_money(currency: str, locale: str) -> Callable[[Decimal], str] | None:
    """``format_money`` for this currency and locale in a few string operations instead of Babel's
    whole pattern machinery (~30 µs an amount), or None where it would not write the same: the
    number is written as Python writes it, with the locale's separators, between the prefix and
    suffix Babel puts around it (one pair for amounts with a minus sign, one for the others); it
    is used only for a currency of two decimals and only if it writes every ``_PROBES`` amount
    exactly as ``format_money`` does."""
    from babel.numbers import get_currency_precision, get_decimal_symbol, get_group_symbol

    try:
        if get_currency_precision(currency) != 2:
            return None
        point, group = get_decimal_symbol(locale), get_group_symbol(locale)
    except (ValueError, LookupError):
        return None

    def number(amount: Decimal) -> str:
        return f"{abs(amount):,.2f}".replace(",", "\0").replace(".", point).replace("\0", group)

    probe = Decimal("1234567.89")
    written, plus, minus = number(probe), format_money(probe, currency, locale), format_money(-probe, currency, locale)
    if plus.count(written) != 1 or minus.count(written) != 1:
        return None
    (before, after), (minus_before, minus_after) = plus.split(written), minus.split(written)

    def quick(amount: Decimal) -> str:
        amount = round_money(amount)
        if amount.is_signed():  # −0.00 too, as Babel writes it
            return f"{minus_before}{number(amount)}{minus_after}"
        return f"{before}{number(amount)}{after}"

    if any(quick(x) != format_money(x, currency, locale) for x in _PROBES):
        return None
    return quick


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


def fitted_table_view(model, name: str, stretch: int | None = None) -> QTableView:
    """``table_view`` whose columns are sized by ``fit_columns`` each time its rows are set, not by
    Qt asking the model for every cell's every role (a page of costs has sixty rows of thirteen
    columns: ~12,000 questions, most of the page's time). The widths can be dragged."""
    view = table_view(model, name, stretch)
    header = view.horizontalHeader()
    for column in range(header.count()):
        if column != stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    model.modelReset.connect(lambda: fit_columns(view))
    return view


def fit_columns(view: QTableView) -> None:
    """Each column (but a stretched one) as wide as its header and its first ``SIZED_ROWS`` texts,
    as ResizeToContents makes it (within a pixel): the text's width in the row's font, the item's
    margins and the grid line, from the texts the model made once (``RowsModel.texts``)."""
    model, header = view.model(), view.horizontalHeader()
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    margins += 1 if view.showGrid() else 0
    bold_font = QFont()
    bold_font.setBold(True)
    plain, bold = QFontMetrics(view.font()), QFontMetrics(bold_font)
    for column in range(model.columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue
        width = header.sectionSizeFromContents(column).width()
        for text, is_bold in model.texts(column, SIZED_ROWS):
            width = max(width, (bold if is_bold else plain).horizontalAdvance(text) + margins)
        header.resizeSection(column, width)


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
