"""Pages chosen by buttons that wrap onto rows, for a side that has more pages than a tab bar
can show at 1280 px (a tab bar would hide the rest behind scroll arrows).

It answers the part of QTabWidget's API that callers use (addTab, setCurrentWidget, tabText …),
so it can stand in for one. Each page sits in a scroll area: a page wider or taller than the
room it has scrolls by itself instead of pushing the widgets beside it (the job list) aside.

A page may be added as a function that builds it (``addLazyTab``): its button shows at once, the
page is built when it is first chosen (or first asked for by ``widget``), so a side with many pages
costs only the ones a person opens.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QFrame, QGridLayout, QPushButton, QScrollArea, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

#: Most buttons on one row; more pages make another row.
PER_ROW = 5


class PageStack(QWidget):
    currentChanged = Signal(int)  # noqa: N815 - the same name as QTabWidget's

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self._pages: list[QWidget | None] = []  # None: not built yet
        self._builders: dict[int, Callable[[], QWidget]] = {}
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        self._bar = QGridLayout()
        self._bar.setContentsMargins(0, 0, 0, 0)
        self._bar.setSpacing(2)
        self._stack = QStackedWidget()
        self._stack.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._bar)
        layout.addWidget(self._stack, 1)
        self._buttons.idClicked.connect(self.setCurrentIndex)
        self._stack.currentChanged.connect(self._shown)
        # the keys a tab bar answers to: Ctrl+PgDown / Ctrl+PgUp for the next and previous page
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self._step(step),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- the QTabWidget part -------------------------------------------------------------------
    def addTab(self, page: QWidget, title: str) -> int:  # noqa: N802
        return self._add(page, None, title)

    def addLazyTab(self, build: Callable[[], QWidget], title: str) -> int:  # noqa: N802
        """A page that ``build()`` makes when it is first chosen or asked for."""
        return self._add(None, build, title)

    def _add(self, page: QWidget | None, build: Callable[[], QWidget] | None, title: str) -> int:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        if page is not None:
            scroll.setWidget(page)
        index = len(self._pages)
        self._pages.append(page)
        if build is not None:
            self._builders[index] = build
        self._stack.addWidget(scroll)
        button = QPushButton(title, objectName=f"page_{index}")
        button.setCheckable(True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._buttons.addButton(button, index)
        self._arrange()
        if index == 0:
            button.setChecked(True)
        return index

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        """The page at ``index``, built now if it was not yet."""
        if not 0 <= index < len(self._pages):
            return None
        if self._pages[index] is None:
            page = self._builders[index]()
            del self._builders[index]
            self._pages[index] = page
            self._stack.widget(index).setWidget(page)
        return self._pages[index]

    def built(self, index: int) -> QWidget | None:
        """The page at ``index`` if it has been built, without building it."""
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        return next((i for i, p in enumerate(self._pages) if p is page), -1) if page is not None else -1

    def tabText(self, index: int) -> str:  # noqa: N802
        button = self._buttons.button(index)
        return button.text() if button is not None else ""

    def setTabText(self, index: int, text: str) -> None:  # noqa: N802
        if (button := self._buttons.button(index)) is not None:
            button.setText(text)

    def tabButton(self, index: int) -> QPushButton | None:  # noqa: N802
        """The button a person clicks to show page ``index``."""
        return self._buttons.button(index)

    def currentIndex(self) -> int:  # noqa: N802
        return self._stack.currentIndex()

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.widget(self.currentIndex())

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        if 0 <= index < len(self._pages):
            self.widget(index)  # built before it is shown
            self._stack.setCurrentIndex(index)
            self._buttons.button(index).setChecked(True)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(page))

    # --- layout --------------------------------------------------------------------------------
    def _arrange(self) -> None:
        """Spread the buttons evenly over as few rows as hold them."""
        buttons = [self._buttons.button(i) for i in range(len(self._pages))]
        rows = max(1, math.ceil(len(buttons) / PER_ROW))
        per_row = math.ceil(len(buttons) / rows)
        for button in buttons:
            self._bar.removeWidget(button)
        for index, button in enumerate(buttons):
            self._bar.addWidget(button, index // per_row, index % per_row)

    def _step(self, step: int) -> None:
        if self._pages:
            self.setCurrentIndex((self.currentIndex() + step) % len(self._pages))

    def _shown(self, index: int) -> None:
        if (button := self._buttons.button(index)) is not None:
            button.setChecked(True)
        self.currentChanged.emit(index)
