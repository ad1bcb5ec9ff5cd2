"""Start: what needs doing today, the first tab (issue 16, item 1). A card per section (late jobs,
due this week, waiting for material, not delivered, not invoiced, overdue invoices, expiring quotes,
stock to reorder, today's load), each row one click (or Enter) from its record.

The page shows what is stored at once (``services.start_page``, a few grouped queries); the live
schedule is worked out off the GUI thread once the page has painted and adds the jobs it predicts
late, marked "predicted", without holding the page (or the window's start-up) up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSizePolicy, QStyledItemDelegate, QVBoxLayout,
                               QWidget)

from ...domain.changes import Change
from ...domain.wording import plural
from ...services import start_page as sp
from .. import theme
from ..context import AppContext
from ..dates import date_text
from ..first_paint import after_first_paint
from ..tasks import report_failure, run_task
from .base import WorkshopTab

#: Columns of cards across the page.
COLUMNS = 3
#: What a change touches on this page: nearly everything the shop stores.
WATCHES = (Change.JOBS | Change.BOM | Change.ROUTING | Change.BOOKINGS | Change.QUALITY | Change.INVOICES
           | Change.QUOTES | Change.PURCHASING | Change.SHOP | Change.PLANNING | Change.SETTINGS)
#: The role an item keeps its ``StartItem`` under.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
#: The chosen row: a pale blue under the row's own colour (red stays red).
SELECTED = "#dbe8f7"
#: The page's look, set once on the tab (one style sheet for every card: each widget's own costs
#: the window's first paint dearly, issue 17). A card's count is red, grey or green (its "tone").
STYLE = f"""
QFrame[startCard="true"] {{ background: white; border: 1px solid {theme.PANEL_BORDER}; border-radius: 6px; }}
QLabel[start="title"] {{ font-size: 11pt; font-weight: bold; border: none; }}
QLabel[start="note"] {{ color: {theme.HINT}; border: none; }}
QLabel[start="empty"] {{ color: {theme.PASSED}; border: none; padding: 6px 0; }}
QLabel[start="count"] {{ color: white; background: {theme.HINT}; border-radius: 8px; padding: 0 7px;
                         font-weight: bold; border: none; }}
QLabel[start="count"][tone="alarm"] {{ background: {theme.ALARM}; }}
QLabel[start="count"][tone="passed"] {{ background: {theme.PASSED}; }}
QListWidget[start="list"] {{ border: none; }}
QListWidget[start="list"]::item {{ padding: 3px 2px; border-bottom: 1px solid {theme.PANEL_BORDER}; }}
QListWidget[start="list"]::item:selected {{ background: {SELECTED}; }}
QLabel#startHeading {{ font-size: 15pt; font-weight: bold; }}
QLabel#startAsOf, QLabel#startHint {{ color: {theme.HINT}; }}
"""


def _forecast(_state, db):
    return sp.live_forecast(db)


class _KeepColour(QStyledItemDelegate):
    """A chosen row keeps its own colour (a late job stays red) on the pale selection."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt API
        super().initStyleOption(option, index)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        option.palette.setBrush(QPalette.ColorRole.HighlightedText,
                                brush if brush is not None else option.palette.brush(QPalette.ColorRole.Text))


class SectionCard(QFrame):
    """One section: its title and count, then its rows (or a kind word when there are none)."""

    def __init__(self, key: str, open_item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"startCard_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("startCard", True)  # STYLE
        self._open_item = open_item
        self.title = QLabel(objectName=f"startTitle_{key}")
        self.count = QLabel(objectName=f"startCount_{key}")
        self.note = QLabel(objectName=f"startNote_{key}")
        self.empty = QLabel(objectName=f"startEmpty_{key}")
        for role, label in (("title", self.title), ("count", self.count), ("note", self.note), ("empty", self.empty)):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setProperty("start", role)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.list = QListWidget(objectName=f"startList_{key}")
        self.list.setProperty("start", "list")
        self.list.setWordWrap(False)  # each row two lines, elided: the tooltip has it all
        self.list.setUniformItemSizes(True)  # so: one row measured, not fifty
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setItemDelegate(_KeepColour(self.list))
        self.list.itemClicked.connect(self._clicked)
        self.list.installEventFilter(self)  # Enter opens the row
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)

    def show_section(self, section: sp.StartSection) -> None:
        self.title.setText(section.title)
        self.count.setText(str(section.count))
        alarm = any(item.urgent for item in section.items)
        tone = "alarm" if alarm else ("hint" if section.count else "passed")
        if self.count.property("tone") != tone:
            self.count.setProperty("tone", tone)
            self.count.style().unpolish(self.count)  # the style sheet's rule for the new tone
            self.count.style().polish(self.count)
        notes = [section.note] if section.note else []
        if section.more:
            notes.append(f"{len(section.items)} of {section.count} shown")
        self.note.setText(" · ".join(notes))
        self.note.setVisible(bool(notes))
        self.empty.setText(section.empty_text)
        self.empty.setVisible(not section.items)
        keep = self.current_item()
        self.list.clear()
        for item in section.items:
            row = QListWidgetItem(f"{item.label}   {item.title}\n{item.why}")
            row.setData(ITEM_ROLE, item)
            row.setToolTip(item.detail or item.why)
            if item.urgent:
                row.setForeground(theme.brush(theme.ALARM))
            self.list.addItem(row)
            if keep is not None and (keep.kind, keep.record_id) == (item.kind, item.record_id):
                self.list.setCurrentItem(row)
        self.list.setVisible(bool(section.items))
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus if section.items else Qt.FocusPolicy.NoFocus)
        if self.list.hasFocus():
            self._focused()

    def current_item(self) -> sp.StartItem | None:
        row = self.list.currentItem()
        return row.data(ITEM_ROLE) if row is not None else None

    def items(self) -> list[sp.StartItem]:
        return [self.list.item(i).data(ITEM_ROLE) for i in range(self.list.count())]

    def row_of(self, kind: str, record_id: int) -> QListWidgetItem | None:
        return next((self.list.item(i) for i in range(self.list.count())
                     if (self.list.item(i).data(ITEM_ROLE).kind, self.list.item(i).data(ITEM_ROLE).record_id)
                     == (kind, record_id)), None)

    def _clicked(self, row: QListWidgetItem) -> None:
        self._open_item(row.data(ITEM_ROLE))

    def _focused(self) -> None:
        """The list a person Tabs to shows its chosen row (the first one at first): Enter opens it."""
        if self.list.count():
            self.list.setCurrentRow(max(self.list.currentRow(), 0))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.list:
            if event.type() == QEvent.Type.FocusIn:
                self._focused()
            elif event.type() == QEvent.Type.FocusOut:
                self.list.clearSelection()  # one chosen row on the page: in the list that has the keys
            elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if (item := self.current_item()) is not None:
                    self._open_item(item)
                return True
        return super().eventFilter(obj, event)


class StartTab(WorkshopTab):
    tab_id = "start"
    title = "Start"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.page: sp.StartPage | None = None
        self.forecast: sp.Forecast | None = None
        self.task = None
        self._stale = True
        #: the live schedule waits for the page's first paint (start-up shows the window first)
        self._painted = self._waiting_for_paint = False
        #: changes come in bursts (a status move, then its history): one reload for them all
        self._reload_soon = QTimer(self, singleShot=True, interval=0)
        self._reload_soon.timeout.connect(self.reload)
        self.setStyleSheet(STYLE)
        self.heading = QLabel("What needs doing", objectName="startHeading")
        self.as_of = QLabel(objectName="startAsOf")
        self.as_of.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton("&Refresh", objectName="startRefresh")
        self.refresh_button.setToolTip("Read the shop again and work out the live schedule (F5)")
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.refresh_button)

        self.cards: dict[str, SectionCard] = {}
        grid_widget = QWidget(objectName="startCards")
        self.grid = QGridLayout(grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        scroll = QScrollArea(objectName="startScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_widget)
        hint = QLabel("Click a row, or Tab to a list and press Enter, to open its record. F5 reads the shop again.",
                      objectName="startHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(hint)

    # --- showing --------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API: read when shown, again after a change
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """The stored figures now; the live schedule's predictions when they have been worked out."""
        self._stale = False
        self.show_page(sp.start_page(self.ctx.db, locale=self.ctx.locale))
        self.forecast = None
        if self.task is not None and self.task.running:
            self.task.cancel()  # its answer is for the shop as it was: ignored when it comes
        self.task = None
        self.as_of.setText(f"  {date_text(self.page.today)} · working out the live schedule…")
        if self._painted:
            self._work_out_forecast()
        elif not self._waiting_for_paint:  # the window's first paint is not held up by it
            self._waiting_for_paint = True
            after_first_paint(self, self._first_painted)

    def _first_painted(self) -> None:
        self._painted = True
        if self.window().isVisible():  # not when the window was closed as soon as it showed
            self._work_out_forecast()

    def _work_out_forecast(self) -> None:
        self.task = task = run_task(_forecast, self.ctx.db, on_error=self._forecast_failed, parent=self)
        task.succeeded.connect(lambda forecast, task=task: self._forecast_done(task, forecast))

    def show_page(self, page: sp.StartPage) -> None:
        self.page = page
        for index, section in enumerate(page.sections):
            card = self.cards.get(section.key)
            if card is None:
                card = self.cards[section.key] = SectionCard(section.key, self.open_item)
                self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            card.show_section(section)
        self._chain_focus()
        self.status_changed.emit()

    def _chain_focus(self) -> None:
        """Tab goes from list to list in reading order (a card's empty list is skipped)."""
        lists = [self.cards[s.key].list for s in self.page.sections]
        for first, second in zip(lists, lists[1:]):
            QWidget.setTabOrder(first, second)

    def _forecast_done(self, task, forecast: sp.Forecast) -> None:
        if task is not self.task or self.page is None:
            return  # a newer reload asked again
        self.forecast = forecast
        self.show_page(sp.with_forecast(self.page, forecast))
        self.as_of.setText(f"  {date_text(self.page.today)} · live schedule worked out")

    def _forecast_failed(self, exc: BaseException) -> None:
        """The stored figures stand: the live schedule only adds to them. An expected failure (a
        calendar it cannot schedule on) is said beside the date; a bug gets the crash dialog."""
        from ...domain.errors import WorkshopError

        if not isinstance(exc, WorkshopError):
            report_failure(exc)
        self.as_of.setText(f"  {date_text(self.page.today) if self.page else ''} · the live schedule could not be "
                           f"worked out: {getattr(exc, 'message', exc)}")

    # --- opening ----------------------------------------------------------------------------------
    def open_item(self, item: sp.StartItem) -> None:
        """One click from the record: a job in Job Cards, anything else on its own tab."""
        if item.kind == sp.JOB:
            self.ctx.select_job(item.record_id)
            self.ctx.open_job_requested.emit(item.record_id)
        else:
            self.ctx.open_record_requested.emit(item.kind, item.record_id)

    def card(self, key: str) -> SectionCard:
        return self.cards[key]

    # --- the WorkshopTab contract -------------------------------------------------------------------
    def focus_search(self) -> None:
        first = next((c.list for c in self.cards.values() if c.list.count()), None)
        if first is not None:
            first.setFocus()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & WATCHES:
            if self.isVisible():
                self._reload_soon.start()  # once the change's own dialogs have closed
            else:
                self._stale = True

    def status_text(self) -> str:
        if self.page is None:
            return ""
        late, predicted = self.page.section("late").count, self.page.predicted
        overdue = self.page.section("overdue").count
        return (f"{plural(late - predicted, 'job')} late"
                + (f", {predicted} predicted late" if predicted else "")
                + f" · {plural(overdue, 'invoice')} overdue")

